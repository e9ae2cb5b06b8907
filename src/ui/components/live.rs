//! The browser's live parts: a streamed assistant turn (`POST /api/v1/chat/stream`, read as
//! server-sent events, cancelled by aborting the request), the user's event stream
//! (`GET /api/v1/events`, through `EventSource`, which reconnects by itself) that lets open pages
//! follow changes made anywhere, and the browser's system notifications. On the server (and
//! without JavaScript) none of this runs: the forms post and the pages render.
use crate::domain::chat::ChatEvent;
use crate::error::AppError;

/// Where streamed turns are sent.
pub const STREAM_URL: &str = "/api/v1/chat/stream";
/// The user's event stream.
pub const EVENTS_URL: &str = "/api/v1/events";
/// The events it sends.
pub const EVENT_NAMES: [&str; 6] = ["ready", "task", "project", "notification", "message", "resync"];

#[cfg(feature = "hydrate")]
pub use browser::*;

#[cfg(not(feature = "hydrate"))]
pub use server::*;

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
/// Reads `{"error": {"code", "message", "field"}}` into an error to show.
fn error_from_body(status: u16, body: &str) -> AppError {
    // (from_slice, as everything the bundle decodes: one JSON reader in it, `ui::data`)
    let value: serde_json::Value = serde_json::from_slice(body.as_bytes()).unwrap_or_default();
    let message = value["error"]["message"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| format!("The request failed (HTTP {status}). Try again."));
    match (status, value["error"]["field"].as_str()) {
        (401, _) => AppError::Unauthorized { message },
        (_, Some(field)) => AppError::Validation {
            field: field.to_owned(),
            message,
        },
        _ => AppError::BadRequest { message },
    }
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
/// Splits complete `\n\n`-terminated events off the front of `buffer` and decodes them.
fn take_events(buffer: &mut Vec<u8>) -> Vec<ChatEvent> {
    let mut events = Vec::new();
    while let Some(end) = buffer.windows(2).position(|w| w == b"\n\n") {
        let block: Vec<u8> = buffer.drain(..end + 2).collect();
        let block = String::from_utf8_lossy(&block);
        let data: String = block
            .lines()
            .filter_map(|line| line.strip_prefix("data:"))
            .map(str::trim_start)
            .collect();
        if let Ok(event) = serde_json::from_slice::<ChatEvent>(data.as_bytes()) {
            events.push(event);
        }
    }
    events
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    use super::{error_from_body, take_events};
    use crate::domain::chat::ChatEvent;
    use crate::error::AppError;

    /// A turn in flight; `stop` cancels it.
    pub struct ChatStream {
        // the browser has one thread; the wrapper makes the handle storable in the reactive arena
        controller: send_wrapper::SendWrapper<web_sys::AbortController>,
    }

    impl ChatStream {
        pub fn stop(&self) {
            self.controller.abort();
        }
    }

    /// Sends `message` and calls `on_event` for each event as it arrives, then `on_end` once.
    pub fn start_chat(
        conversation_id: Option<String>,
        message: String,
        mut on_event: impl FnMut(ChatEvent) + 'static,
        on_end: impl FnOnce(Result<(), AppError>) + 'static,
    ) -> Option<ChatStream> {
        let controller = web_sys::AbortController::new().ok()?;
        let signal = controller.signal();
        let body = serde_json::json!({"conversation_id": conversation_id, "message": message}).to_string();
        leptos::task::spawn_local(async move {
            let result = run(&body, &signal, &mut on_event).await;
            on_end(result);
        });
        Some(ChatStream {
            controller: send_wrapper::SendWrapper::new(controller),
        })
    }

    fn unavailable(_: JsValue) -> AppError {
        AppError::Unavailable
    }

    async fn run(
        body: &str,
        signal: &web_sys::AbortSignal,
        on_event: &mut impl FnMut(ChatEvent),
    ) -> Result<(), AppError> {
        let window = web_sys::window().ok_or(AppError::Unavailable)?;
        let headers = web_sys::Headers::new().map_err(unavailable)?;
        headers.set("content-type", "application/json").map_err(unavailable)?;
        headers.set("accept", "text/event-stream").map_err(unavailable)?;
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&JsValue::from_str(body));
        init.set_headers(&headers);
        init.set_signal(Some(signal));
        init.set_credentials(web_sys::RequestCredentials::SameOrigin);
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(super::STREAM_URL, &init))
            .await
            .map_err(unavailable)?
            .unchecked_into();
        if !response.ok() {
            let text = match response.text() {
                Ok(promise) => JsFuture::from(promise).await.ok().and_then(|v| v.as_string()),
                Err(_) => None,
            };
            return Err(error_from_body(response.status(), &text.unwrap_or_default()));
        }
        let stream = response.body().ok_or(AppError::Unavailable)?;
        let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        let mut buffer = Vec::new();
        loop {
            let chunk = JsFuture::from(reader.read()).await.map_err(unavailable)?;
            let done = js_sys::Reflect::get(&chunk, &"done".into())
                .ok()
                .and_then(|d| d.as_bool())
                .unwrap_or(true);
            if done {
                break;
            }
            if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
                buffer.extend(value.unchecked_into::<js_sys::Uint8Array>().to_vec());
                for event in take_events(&mut buffer) {
                    on_event(event);
                }
            }
        }
        Ok(())
    }

    /// Gives the keyboard's focus back to the first element matching `selector` when the page
    /// has lost it (it is on the page's body, or in an editor still closing), once that element
    /// is drawn — looked for every 100 ms for a second — without scrolling to it.
    pub fn refocus_when_drawn(selector: String) {
        fn attempt(selector: String, left: u32) {
            set_timeout(
                move || {
                    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                        return;
                    };
                    let active = document.active_element();
                    // still in the editor that is closing: looked at again
                    let closing = active
                        .as_ref()
                        .is_some_and(|e| e.is_connected() && e.closest("tr.editing").ok().flatten().is_some());
                    let lost = active
                        .as_ref()
                        .is_none_or(|e| !e.is_connected() || e.tag_name().eq_ignore_ascii_case("body"));
                    if !lost && !closing {
                        return;
                    }
                    match document.query_selector(&selector) {
                        Ok(Some(element)) if !closing => focus_in_place(element),
                        _ if left > 0 => attempt(selector, left - 1),
                        _ => {}
                    }
                },
                std::time::Duration::from_millis(100),
            );
        }
        attempt(selector, 10);
    }

    /// Gives the keyboard's focus to the first element matching `selector` once the page has
    /// drawn what it is drawing (a closed editor's row, an Undo), without scrolling to it.
    pub fn focus_soon(selector: String) {
        set_timeout(
            move || {
                let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                    return;
                };
                if let Ok(Some(element)) = document.query_selector(&selector) {
                    focus_in_place(element);
                }
            },
            std::time::Duration::from_millis(60),
        );
    }

    /// Gives `element` the keyboard's focus without scrolling to it.
    fn focus_in_place(element: web_sys::Element) {
        if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = element.focus_with_options(&options);
        }
    }

    /// Scrolls the page so that the bottom of the first element matching `selector` is in view,
    /// once the page has drawn what it is drawing.
    pub fn bottom_into_view_soon(selector: String) {
        set_timeout(
            move || {
                let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                    return;
                };
                if let Ok(Some(element)) = document.query_selector(&selector) {
                    element.scroll_into_view_with_bool(false);
                }
            },
            std::time::Duration::from_millis(60),
        );
    }

    /// Calls `on_visible` each time `element` scrolls into view (until the owner is cleaned up).
    pub fn when_visible(element: &web_sys::Element, on_visible: impl Fn() + 'static) {
        let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let seen = entries.iter().any(|e| {
                e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                    .is_intersecting()
            });
            if seen {
                on_visible();
            }
        });
        let Ok(observer) = web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(element);
        let cleanup = send_wrapper::SendWrapper::new((observer, callback));
        on_cleanup(move || {
            let (observer, _callback) = cleanup.take();
            observer.disconnect();
        });
    }

    /// Opens the user's event stream and calls `on_event(name, data)` for each event; the
    /// browser reconnects after a lost connection (the stream then starts with `ready` again).
    /// Closed with the owner.
    pub fn connect_events(on_event: impl Fn(&'static str, serde_json::Value) + 'static) {
        let Ok(source) = web_sys::EventSource::new(super::EVENTS_URL) else {
            return;
        };
        let on_event = std::rc::Rc::new(on_event);
        let mut listeners = Vec::new();
        for name in super::EVENT_NAMES {
            let on_event = std::rc::Rc::clone(&on_event);
            let listener = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let data = event
                    .data()
                    .as_string()
                    .and_then(|text| serde_json::from_slice(text.as_bytes()).ok())
                    .unwrap_or_default();
                on_event(name, data);
            });
            let _ = source.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
            listeners.push(listener);
        }
        let cleanup = send_wrapper::SendWrapper::new((source, listeners));
        on_cleanup(move || {
            let (source, _listeners) = cleanup.take();
            source.close();
        });
    }

    fn has_notifications() -> bool {
        web_sys::window().is_some_and(|w| js_sys::Reflect::has(&w, &"Notification".into()).unwrap_or(false))
    }

    /// `default`, `granted` or `denied`; `None` where the browser has no notifications.
    pub fn notification_permission() -> Option<&'static str> {
        if !has_notifications() {
            return None;
        }
        Some(match web_sys::Notification::permission() {
            web_sys::NotificationPermission::Granted => "granted",
            web_sys::NotificationPermission::Denied => "denied",
            _ => "default",
        })
    }

    /// Asks for permission (call it from a click); `done` gets the answer.
    pub fn ask_notification_permission(done: impl FnOnce(Option<&'static str>) + 'static) {
        let Some(promise) = has_notifications()
            .then(web_sys::Notification::request_permission)
            .and_then(Result::ok)
        else {
            done(None);
            return;
        };
        leptos::task::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
            done(notification_permission());
        });
    }

    /// A system notification, when the user allowed them; a click on it brings this tab forward
    /// and opens `href` (the task's address).
    pub fn show_system_notification(title: &str, body: &str, href: Option<String>) {
        if notification_permission() != Some("granted") {
            return;
        }
        let options = web_sys::NotificationOptions::new();
        options.set_body(body);
        options.set_tag(title);
        let Ok(notification) = web_sys::Notification::new_with_options(title, &options) else {
            return;
        };
        if let Some(href) = href {
            let shown = notification.clone();
            let on_click = Closure::once_into_js(move || {
                shown.close();
                if let Some(window) = web_sys::window() {
                    let _ = window.focus();
                    let _ = window.location().assign(&href);
                }
            });
            notification.set_onclick(Some(on_click.unchecked_ref()));
        }
    }

    /// Calls `refresh` when this tab becomes visible again (a catch-up, in case the event
    /// stream was cut while the tab slept). Stops with the owner.
    pub fn on_tasks_changed(refresh: impl Fn() + Clone + 'static) {
        let Some(window) = web_sys::window() else { return };
        let document = window.document();
        let on_visible = {
            let document = document.clone();
            Closure::<dyn Fn()>::new(move || {
                if document
                    .as_ref()
                    .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
                {
                    refresh();
                }
            })
        };
        if let Some(document) = &document {
            let _ = document.add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
        }
        let cleanup = send_wrapper::SendWrapper::new((document, on_visible));
        on_cleanup(move || {
            let (document, on_visible) = cleanup.take();
            if let Some(document) = document {
                let _ = document
                    .remove_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
            }
        });
    }
}

#[cfg(not(feature = "hydrate"))]
mod server {
    use crate::domain::chat::ChatEvent;
    use crate::error::AppError;

    /// Nothing streams on the server.
    pub struct ChatStream;

    impl ChatStream {
        pub fn stop(&self) {}
    }

    pub fn start_chat(
        _conversation_id: Option<String>,
        _message: String,
        _on_event: impl FnMut(ChatEvent) + 'static,
        _on_end: impl FnOnce(Result<(), AppError>) + 'static,
    ) -> Option<ChatStream> {
        None
    }

    pub fn connect_events(_on_event: impl Fn(&'static str, serde_json::Value) + 'static) {}

    pub fn notification_permission() -> Option<&'static str> {
        None
    }

    pub fn ask_notification_permission(done: impl FnOnce(Option<&'static str>) + 'static) {
        done(None);
    }

    pub fn show_system_notification(_title: &str, _body: &str, _href: Option<String>) {}

    pub fn when_visible<E>(_element: &E, _on_visible: impl Fn() + 'static) {}

    pub fn focus_soon(_selector: String) {}

    pub fn refocus_when_drawn(_selector: String) {}

    pub fn bottom_into_view_soon(_selector: String) {}

    pub fn on_tasks_changed(_refresh: impl Fn() + Clone + 'static) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_taken_only_when_complete() {
        let mut buffer = b"event: started\ndata: {\"type\":\"started\",\"conversation_id\":\"c1\"}\n\nevent: delta\ndata: {\"type\":\"del".to_vec();
        assert_eq!(
            take_events(&mut buffer),
            vec![ChatEvent::Started {
                conversation_id: "c1".into()
            }]
        );
        buffer.extend(b"ta\",\"text\":\"Hi \xe2\x80\x9c\"}\n\n: keep-alive\n\n");
        assert_eq!(take_events(&mut buffer), vec![ChatEvent::Delta { text: "Hi “".into() }]);
        assert!(buffer.is_empty());
    }

    #[test]
    fn error_bodies_become_errors_to_show() {
        let e = error_from_body(
            401,
            r#"{"error":{"code":"unauthorized","message":"Sign in to continue."}}"#,
        );
        assert!(matches!(e, AppError::Unauthorized { .. }));
        let e = error_from_body(
            422,
            r#"{"error":{"code":"invalid_field","message":"Type a message first.","field":"message"}}"#,
        );
        assert_eq!(e.field(), Some("message"));
        assert_eq!(
            error_from_body(502, "<html>").to_string(),
            "The request failed (HTTP 502). Try again."
        );
    }
}
