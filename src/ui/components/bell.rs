//! The bell in the header (the unread count and the latest notifications, "Mark all read"), the
//! live signals every page follows, and the switch for the browser's system notifications.
//!
//! [`LiveSignals`] counts changes heard on the user's event stream, by kind: a page that shows
//! tasks refetches when `tasks` moves, the assistant page when `messages` does, the bell when
//! `notifications` does. After a reconnect (a second `ready`) or a `resync`, all of them move:
//! that is the catch-up. Without JavaScript there is no stream; the bell is a `<details>` that
//! opens without a script, and its form posts.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::notifications::{load_notifications, MarkAllRead};
use crate::domain::reminder::{task_link, NotificationPage};
use crate::error::AppError;
use crate::ui::components::live;
use crate::ui::data::{data, Data};

#[derive(Clone, Copy)]
pub struct LiveSignals {
    pub tasks: RwSignal<u32>,
    pub notifications: RwSignal<u32>,
    pub messages: RwSignal<u32>,
    /// The bell's list. Made here, above the router and before any page, so that it is
    /// created in the same order on the server and in the browser (resources are matched to
    /// their serialized data by that order).
    page: Data<Result<Option<NotificationPage>, AppError>>,
    mark_all: ServerAction<MarkAllRead>,
}

impl LiveSignals {
    fn everything(self) {
        self.tasks.update(|v| *v += 1);
        self.notifications.update(|v| *v += 1);
        self.messages.update(|v| *v += 1);
    }
}

/// Makes the live signals for the pages below. (The bell's list depends on signals only, never
/// on another resource: its first value must be the same on the server and in the browser.)
pub fn provide_live() -> LiveSignals {
    let notifications = RwSignal::new(0);
    let mark_all = ServerAction::<MarkAllRead>::new();
    let page = data(
        move || (notifications.get(), mark_all.version().get()),
        |_| load_notifications(),
    );
    let signals = LiveSignals {
        tasks: RwSignal::new(0),
        notifications,
        messages: RwSignal::new(0),
        page,
        mark_all,
    };
    provide_context(signals);
    signals
}

pub fn use_live() -> LiveSignals {
    expect_context::<LiveSignals>()
}

/// Opens the event stream once the page is hydrated and someone is signed in.
pub fn follow_events(signals: LiveSignals, signed_in: Signal<bool>) {
    let connected = StoredValue::new(false);
    Effect::new(move |_| {
        if !signed_in.get() || connected.get_value() {
            return;
        }
        connected.set_value(true);
        let readies = StoredValue::new(0u32);
        live::connect_events(move |name, data| match name {
            "ready" => {
                readies.update_value(|n| *n += 1);
                if readies.get_value() > 1 {
                    signals.everything();
                } else {
                    // signed in since the page was rendered, perhaps: the bell catches up
                    signals.notifications.update(|v| *v += 1);
                }
            }
            "task" | "project" => signals.tasks.update(|v| *v += 1),
            "notification" => {
                signals.notifications.update(|v| *v += 1);
                let n = &data["notification"];
                if data["action"] == "created" {
                    if let Some(title) = n["title"].as_str() {
                        let href = n["task_id"].as_str().map(|task| task_link(task, n["id"].as_str()));
                        live::show_system_notification(title, n["body"].as_str().unwrap_or_default(), href);
                    }
                }
            }
            "message" => signals.messages.update(|v| *v += 1),
            _ => signals.everything(),
        });
    });
}

#[component]
pub fn Bell() -> impl IntoView {
    let LiveSignals { page, mark_all, .. } = use_live();
    // no Suspense of its own: the bell is inside the header's, which waits for this resource too
    // (a Transition nested in the header's allocates hydration ids differently on the server)
    view! {
            {move || page.get().map(|r| {
                let (list, error) = match r {
                    Ok(p) => (p, None),
                    Err(e) => (None, Some(e.to_string())),
                };
                let unread = list.as_ref().map_or(0, |p| p.unread);
                let items = list.map(|p| p.items).unwrap_or_default();
                view! {
                    <details class="bell" data-testid="bell">
                        <summary aria-label=format!("Notifications: {unread} unread")>
                            <span aria-hidden="true">"🔔"</span>
                            <span class="badge" class:hidden=unread == 0 data-testid="unread-count">{unread}</span>
                        </summary>
                        <div class="bell-panel">
                            {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                            {items.is_empty().then(|| view! { <p class="muted">"No reminders yet."</p> })}
                            <ul class="notifications" data-testid="notifications">
                                {items.into_iter().map(|n| {
                                    let line = if n.late { format!("{} · late", n.body) } else { n.body };
                                    // the task's address finds where it lives; a full page load
                                    // (`rel="external"`), as it is not one of the app's routes
                                    let href = n.task_id.as_deref().map(|task| task_link(task, Some(&n.id)));
                                    let title = match href {
                                        Some(href) => view! {
                                            <a href=href rel="external" data-testid="notification-link"><strong>{n.title}</strong></a>
                                        }.into_any(),
                                        None => view! { <strong>{n.title}</strong> }.into_any(),
                                    };
                                    view! {
                                        <li class:unread=n.read_at.is_none()>
                                            {title}
                                            <span class="muted">{line}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            {(unread > 0).then(|| view! {
                                <ActionForm action=mark_all attr:class="inline-form">
                                    <button type="submit" class="button link small">"Mark all read"</button>
                                </ActionForm>
                            })}
                        </div>
                    </details>
                }
            })}
    }
}

/// "Turn on desktop notifications": asks the browser once, from the click. Renders nothing
/// before hydration (the permission is only known in the browser).
#[component]
pub fn DesktopNotifications() -> impl IntoView {
    let permission = RwSignal::new(None::<&'static str>);
    Effect::new(move |_| permission.set(live::notification_permission()));
    let ask = move |_| live::ask_notification_permission(move |answer| permission.set(answer));
    move || match permission.get() {
        Some("default") => view! {
            <button type="button" class="button link small" data-testid="desktop-notifications" on:click=ask>
                "Turn on desktop notifications"
            </button>
        }
        .into_any(),
        Some("granted") => view! { <p class="hint">"Desktop notifications are on."</p> }.into_any(),
        Some(_) => view! { <p class="hint">"This browser blocks notifications from this site."</p> }.into_any(),
        None => ().into_any(),
    }
}
