//! `/chat` and `/chat/{id}`: the conversation list and a thread with the assistant. Messages are
//! shown as text (never as HTML), with the task changes the assistant made as action lines.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::chat::{list_conversations, load_thread, DeleteConversation, RenameConversation, SendMessage};
use crate::domain::chat::Role;
use crate::domain::encode_query_value;
use crate::error::AppError;
use crate::ui::components::draft;

const DRAFT_KEY: &str = "taskpilot-chat-draft";

#[component]
pub fn ChatPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let current = Memo::new(move |_| params.with(|p| p.get("id")));
    let before = Memo::new(move |_| query.with(|q| q.get("before")));
    let send = ServerAction::<SendMessage>::new();
    let rename = ServerAction::<RenameConversation>::new();
    let remove = ServerAction::<DeleteConversation>::new();
    let conversations = Resource::new(
        move || (send.version().get(), rename.version().get(), remove.version().get()),
        |_| list_conversations(),
    );
    let thread = Resource::new(
        move || {
            (
                current.get(),
                before.get(),
                send.version().get(),
                rename.version().get(),
            )
        },
        |(id, before, ..)| async move {
            match id {
                Some(id) => load_thread(id, before).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(form)) = (send.value().get(), form_ref.get()) {
            form.reset();
            draft::clear(DRAFT_KEY);
        }
    });
    // A draft typed before the session expired comes back after signing in.
    Effect::new(move |_| {
        if let (Some(area), Some(saved)) = (textarea.get(), draft::load(DRAFT_KEY)) {
            if area.value().is_empty() {
                area.set_value(&saved);
            }
        }
    });
    let on_input = move |ev: leptos::ev::Event| draft::save(DRAFT_KEY, &event_target_value(&ev));
    let send_error = move || {
        send.value().get().and_then(|r| r.err()).map(|e| match e {
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
    // Enter sends, Shift+Enter breaks the line.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
            ev.prevent_default();
            if let Some(form) = form_ref.get() {
                let _ = form.request_submit();
            }
        }
    };

    view! {
        <div class="chat">
            <aside class="card conversations" aria-label="Conversations">
                <a class="button" href="/chat">"New conversation"</a>
                <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                    {move || conversations.get().map(|r| match r {
                        Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="muted">"No conversations yet."</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="list conversation-list" data-testid="conversations">
                                {list.into_iter().map(|c| {
                                    let active = current.get_untracked().as_deref() == Some(c.id.as_str());
                                    view! {
                                        <li class:active=active>
                                            <a href=format!("/chat/{}", c.id) aria-current=active.then_some("page")>{c.title}</a>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    })}
                </Transition>
            </aside>
            <section class="card thread" aria-label="Conversation">
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
                            let older_href = thread.older.map(|cursor| format!("/chat/{id}?before={}", encode_query_value(&cursor)));
                            let (rename_id, delete_id) = (id.clone(), id);
                            view! {
                                <div class="thread-head">
                                    <h1>{thread.conversation.title.clone()}</h1>
                                    <details class="more">
                                        <summary>"Rename or delete"</summary>
                                        <ActionForm action=rename attr:class="form row">
                                            <input type="hidden" name="id" value=rename_id/>
                                            <div class="field grow">
                                                <label for="conversation-title">"Title"</label>
                                                <input id="conversation-title" name="title" value=thread.conversation.title.clone() required maxlength="100"/>
                                            </div>
                                            <button type="submit" class="button secondary">"Rename"</button>
                                        </ActionForm>
                                        <ActionForm action=remove attr:class="inline-form">
                                            <input type="hidden" name="id" value=delete_id/>
                                            <button type="submit" class="button danger small">"Delete conversation"</button>
                                        </ActionForm>
                                    </details>
                                </div>
                                {older_href.map(|href| view! {
                                    <a class="button link older" href=href>"Load older messages"</a>
                                })}
                                <ol class="messages" data-testid="messages">
                                    {thread.messages.into_iter().map(|m| {
                                        let who = if m.role == Role::User { "You" } else { "Assistant" };
                                        view! {
                                            <li class=format!("message {}", m.role.as_str()) data-testid="message">
                                                <span class="who">{who}</span>
                                                <p class="content">{m.content}</p>
                                                {m.actions.into_iter().map(|a| view! {
                                                    <p class="action-line" data-testid="action-line">{format!("✓ {}", a.text)}</p>
                                                }).collect_view()}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ol>
                            }.into_any()
                        }
                    })}
                </Transition>
                <ActionForm action=send node_ref=form_ref attr:class="form composer">
                    <input type="hidden" name="conversation_id" value=move || current.get().unwrap_or_default()/>
                    <div class="field">
                        <label for="chat-message">"Message"</label>
                        <textarea id="chat-message" name="message" required maxlength="4000" rows="2" node_ref=textarea
                            placeholder="Add buy milk tomorrow 5pm" on:keydown=on_keydown on:input=on_input></textarea>
                        <p class="hint">"Enter sends, Shift+Enter starts a new line."</p>
                    </div>
                    {send_error}
                    <button type="submit" class="button">{move || if send.pending().get() { "Sending…" } else { "Send" }}</button>
                </ActionForm>
            </section>
        </div>
    }
}
