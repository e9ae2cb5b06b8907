//! One conversation's thread: its title (rename, delete), the latest messages, and older ones
//! loaded in place as the "Load older messages" link scrolls into view (without JavaScript the
//! link pages back).
use leptos::form::ActionForm;
use leptos::prelude::*;

use super::message_view;
use crate::api::chat::{load_thread, DeleteConversation, RenameConversation, Thread};
use crate::domain::chat::Message;
use crate::domain::encode_query_value;
use crate::error::AppError;
use crate::ui::components::live;
use crate::ui::data::Data;

/// Older pages loaded in place: oldest first, and the cursor of the page before them.
#[derive(Clone, Copy)]
struct Older {
    earlier: RwSignal<Vec<Message>>,
    /// `None`: nothing loaded in place yet; `Some(None)`: no older page left.
    cursor: RwSignal<Option<Option<String>>>,
    loading: RwSignal<bool>,
}

impl Older {
    fn load(self, id: String, cursor: String) {
        if self.loading.get_untracked() {
            return;
        }
        self.loading.set(true);
        leptos::task::spawn_local(async move {
            if let Ok(page) = load_thread(id, Some(cursor)).await {
                self.earlier.update(|e| {
                    let mut older = page.messages;
                    older.append(e);
                    *e = older;
                });
                self.cursor.set(Some(page.older));
            }
            self.loading.set(false);
        });
    }
}

#[component]
pub fn ThreadView(
    thread: Data<Result<Option<Thread>, AppError>>,
    current: Memo<Option<String>>,
    /// Changes whenever the thread starts over (another conversation, a new reply).
    reset: Signal<()>,
    rename: ServerAction<RenameConversation>,
    remove: ServerAction<DeleteConversation>,
) -> impl IntoView {
    let older = Older {
        earlier: RwSignal::new(Vec::new()),
        cursor: RwSignal::new(None),
        loading: RwSignal::new(false),
    };
    Effect::new(move |_| {
        reset.track();
        older.earlier.set(vec![]);
        older.cursor.set(None);
    });
    let next_cursor = move || {
        older.cursor.get_untracked().unwrap_or_else(|| {
            thread.with_untracked(|t| match t {
                Some(Ok(Some(t))) => t.older.clone(),
                _ => None,
            })
        })
    };
    let load_next = move || {
        if let (Some(id), Some(cursor)) = (current.get_untracked(), next_cursor()) {
            older.load(id, cursor);
        }
    };
    let older_ref = NodeRef::<leptos::html::A>::new();
    // "Older ones on scroll": the link loads the next page when it comes into view.
    Effect::new(move |_| {
        if let Some(link) = older_ref.get() {
            live::when_visible(&link, load_next);
        }
    });
    view! {
        <Transition fallback=|| view! { <p class="muted" role="status">"Loading…"</p> }>
            {move || thread.get().map(|r| match r {
                Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                Ok(None) => view! {
                    <h1>"Assistant"</h1>
                    <p class="muted" data-testid="chat-empty">
                        "Ask me to manage your tasks: “add buy milk tomorrow”, “what's due this week?”, “I bought the milk”. Say “help” for more."
                    </p>
                }.into_any(),
                Ok(Some(thread)) => {
                    let id = thread.conversation.id.clone();
                    let older_href = thread.older.as_ref().map(|cursor| format!("/chat/{id}?before={}", encode_query_value(cursor)));
                    view! {
                        <ThreadHead id=id title=thread.conversation.title.clone() rename=rename remove=remove/>
                        {older_href.map(|href| {
                            let on_click = move |ev: leptos::ev::MouseEvent| {
                                ev.prevent_default();
                                load_next();
                            };
                            let more = move || older.cursor.get().is_none_or(|c| c.is_some());
                            view! {
                                <a class="button link older" href=href node_ref=older_ref on:click=on_click
                                    class:hidden=move || !more()>
                                    {move || if older.loading.get() { "Loading older messages…" } else { "Load older messages" }}
                                </a>
                            }
                        })}
                        <ol class="messages" data-testid="messages">
                            {move || older.earlier.get().into_iter().map(message_view).collect_view()}
                            {thread.messages.into_iter().map(message_view).collect_view()}
                        </ol>
                    }.into_any()
                }
            })}
        </Transition>
    }
}

/// The title, with rename and delete folded away.
#[component]
fn ThreadHead(
    id: String,
    title: String,
    rename: ServerAction<RenameConversation>,
    remove: ServerAction<DeleteConversation>,
) -> impl IntoView {
    let delete_id = id.clone();
    view! {
        <div class="thread-head">
            <h1>{title.clone()}</h1>
            <details class="more">
                <summary>"Rename or delete"</summary>
                <ActionForm action=rename attr:class="form row">
                    <input type="hidden" name="id" value=id.clone()/>
                    <div class="field grow">
                        <label for="conversation-title">"Title"</label>
                        <input id="conversation-title" name="title" value=title required maxlength="100"/>
                    </div>
                    <button type="submit" class="button secondary">"Rename"</button>
                </ActionForm>
                <ActionForm action=remove attr:class="inline-form">
                    <input type="hidden" name="id" value=delete_id/>
                    <button type="submit" class="button danger small">"Delete conversation"</button>
                </ActionForm>
            </details>
        </div>
    }
}
