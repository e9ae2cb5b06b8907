//! The message box: Enter sends, Shift+Enter breaks the line; Stop while a reply streams; the
//! draft kept in the browser across an expired session. Without JavaScript it is a plain form.
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::turn::ChatTurn;
use crate::api::chat::SendMessage;
use crate::domain::encode_query_value;
use crate::error::AppError;
use crate::ui::components::draft;

#[component]
pub fn Composer(
    turn: ChatTurn,
    current: Memo<Option<String>>,
    textarea: NodeRef<leptos::html::Textarea>,
    draft_key: Signal<String>,
) -> impl IntoView {
    let form_ref = NodeRef::<leptos::html::Form>::new();
    // A draft typed before the session expired comes back after signing in.
    Effect::new(move |_| {
        if let (Some(area), Some(saved)) = (textarea.get(), draft::load(&draft_key.get())) {
            if area.value().is_empty() {
                area.set_value(&saved);
            }
        }
    });
    let on_input = move |ev: leptos::ev::Event| draft::save(&draft_key.get_untracked(), &event_target_value(&ev));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(area) = textarea.get_untracked() {
            turn.send.run(area.value());
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
            ev.prevent_default();
            if let Some(form) = form_ref.get() {
                let _ = form.request_submit();
            }
        }
    };
    let stop = move |ev: leptos::ev::MouseEvent| {
        // the button turns back into Send under the pointer; this click must not submit
        ev.prevent_default();
        turn.stop.run(());
    };
    let error_view = move || {
        turn.send_error.get().map(|e| match e {
            AppError::Unauthorized { .. } => {
                let next = leptos_router::hooks::use_location().pathname.get_untracked();
                view! {
                    <p class="form-error" role="alert">
                        "Your session has expired. "
                        <a href=format!("/login?next={}", encode_query_value(&next))>"Sign in again"</a>
                        " — your message is kept."
                    </p>
                }
                .into_any()
            }
            e => view! {
                <p class="form-error" role="alert">{e.to_string()}" "
                    <button type="submit" class="button secondary small">"Retry"</button>
                </p>
            }
            .into_any(),
        })
    };
    view! {
        <form method="post" action=SendMessage::url() node_ref=form_ref class="form composer" on:submit=on_submit>
            <input type="hidden" name="conversation_id" value=move || current.get().unwrap_or_default()/>
            <div class="field">
                <label for="chat-message">"Message"</label>
                <textarea id="chat-message" name="message" required maxlength="4000" rows="2" node_ref=textarea
                    placeholder="Add buy milk tomorrow 5pm" on:keydown=on_keydown on:input=on_input></textarea>
                <p class="hint">"Enter sends, Shift+Enter starts a new line."</p>
            </div>
            {error_view}
            {move || if turn.streaming() {
                view! { <button type="button" class="button secondary" on:click=stop>"Stop"</button> }.into_any()
            } else {
                view! { <button type="submit" class="button">"Send"</button> }.into_any()
            }}
        </form>
    }
}
