//! `/chat` and `/chat/{id}`: the conversation list and a thread with the assistant. Replies
//! stream in (with Stop) when JavaScript runs and arrive with the page when it does not; they
//! are rendered as safe Markdown (never as HTML), with the task changes as action lines.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use leptos::server_fn::ServerFn;

use crate::api::chat::{list_conversations, load_thread, DeleteConversation, RenameConversation, SendMessage};
use crate::domain::chat::{Action, ChatEvent, Message, Role};
use crate::domain::encode_query_value;
use crate::error::AppError;
use crate::ui::components::markdown::Markdown;
use crate::ui::components::{draft, live};

const DRAFT_KEY: &str = "taskpilot-chat-draft";

fn message_view(m: Message) -> impl IntoView {
    let who = if m.role == Role::User { "You" } else { "Assistant" };
    view! {
        <li class=format!("message {}", m.role.as_str()) data-testid="message">
            <span class="who">{who}</span>
            <div class="content">
                {if m.role == Role::User {
                    view! { <p>{m.content}</p> }.into_any()
                } else {
                    view! { <Markdown source=m.content/> }.into_any()
                }}
            </div>
            {m.actions.into_iter().map(|a| view! {
                <p class="action-line" data-testid="action-line">{format!("✓ {}", a.text)}</p>
            }).collect_view()}
        </li>
    }
}

/// Changes the turn on screen, if there is one.
fn edit(live: RwSignal<Option<Live>>, change: impl FnOnce(&mut Live)) {
    live.update(|l| {
        if let Some(l) = l {
            change(l);
        }
    });
}

/// The turn being streamed into the page.
#[derive(Debug, Clone, PartialEq)]
struct Live {
    message: String,
    /// The message is stored (the thread shows it from now on).
    started: bool,
    reply: String,
    actions: Vec<Action>,
    phase: Phase,
}

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Streaming,
    Stopped,
    Failed(String),
    /// Done; the stored reply's id, hidden once the thread shows it.
    Done(String),
}

#[component]
pub fn ChatPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let current = Memo::new(move |_| params.with(|p| p.get("id")));
    let before = Memo::new(move |_| query.with(|q| q.get("before")));
    let rename = ServerAction::<RenameConversation>::new();
    let remove = ServerAction::<DeleteConversation>::new();
    let refresh = RwSignal::new(0u32);
    let conversations = Resource::new(
        move || (refresh.get(), rename.version().get(), remove.version().get()),
        |_| list_conversations(),
    );
    let thread = Resource::new(
        move || (current.get(), before.get(), refresh.get(), rename.version().get()),
        |(id, before, ..)| async move {
            match id {
                Some(id) => load_thread(id, before).await.map(Some),
                None => Ok(None),
            }
        },
    );
    // Older pages loaded in place (hydrated): oldest first, and the cursor for the next one.
    let earlier = RwSignal::new(Vec::<Message>::new());
    let earlier_cursor = RwSignal::new(None::<Option<String>>);
    let loading_older = RwSignal::new(false);
    Effect::new(move |_| {
        // a new thread (another conversation, or a reply that moved the latest page) starts over
        let _ = (current.get(), before.get(), refresh.get());
        earlier.set(vec![]);
        earlier_cursor.set(None);
    });
    let load_older = move |cursor: String| {
        let Some(id) = current.get_untracked() else { return };
        if loading_older.get_untracked() {
            return;
        }
        loading_older.set(true);
        leptos::task::spawn_local(async move {
            if let Ok(page) = load_thread(id, Some(cursor)).await {
                earlier.update(|e| {
                    let mut older = page.messages;
                    older.append(e);
                    *e = older;
                });
                earlier_cursor.set(Some(page.older));
            }
            loading_older.set(false);
        });
    };
    let older_ref = NodeRef::<leptos::html::A>::new();
    // "Older ones on scroll": the link loads the next page when it comes into view.
    Effect::new(move |_| {
        if let Some(link) = older_ref.get() {
            live::when_visible(&link, move || {
                if let Some(Some(cursor)) = earlier_cursor.get_untracked().or_else(|| {
                    thread.with_untracked(|t| match t {
                        Some(Ok(Some(t))) => Some(t.older.clone()),
                        _ => None,
                    })
                }) {
                    load_older(cursor);
                }
            });
        }
    });
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let live = RwSignal::new(None::<Live>);
    let send_error = RwSignal::new(None::<AppError>);
    // not `new_local`: on the server that would be dropped from whichever thread ends the render
    let stream = StoredValue::new(None::<live::ChatStream>);
    let streaming = move || live.with(|l| l.as_ref().is_some_and(|l| l.phase == Phase::Streaming));
    // A draft typed before the session expired comes back after signing in.
    Effect::new(move |_| {
        if let (Some(area), Some(saved)) = (textarea.get(), draft::load(DRAFT_KEY)) {
            if area.value().is_empty() {
                area.set_value(&saved);
            }
        }
    });
    let on_input = move |ev: leptos::ev::Event| draft::save(DRAFT_KEY, &event_target_value(&ev));
    let navigate = leptos_router::hooks::use_navigate();

    let send = move |message: String| {
        if message.trim().is_empty() || streaming() {
            return;
        }
        send_error.set(None);
        live.set(Some(Live {
            message: message.clone(),
            started: false,
            reply: String::new(),
            actions: vec![],
            phase: Phase::Streaming,
        }));
        let navigate = navigate.clone();
        let on_event = move |event: ChatEvent| match event {
            ChatEvent::Started { conversation_id } => {
                edit(live, |l| {
                    l.started = true;
                });
                draft::clear(DRAFT_KEY);
                if let Some(area) = textarea.get_untracked() {
                    area.set_value("");
                }
                if current.get_untracked().as_deref() == Some(conversation_id.as_str()) {
                    refresh.update(|v| *v += 1);
                } else {
                    navigate(&format!("/chat/{conversation_id}"), Default::default());
                }
            }
            ChatEvent::Delta { text } => edit(live, |l| {
                l.reply.push_str(&text);
            }),
            ChatEvent::Action { action } => {
                edit(live, |l| {
                    l.actions.push(action);
                });
                live::announce_tasks_changed();
            }
            ChatEvent::Done { reply } => {
                edit(live, |l| {
                    l.reply = reply.reply.content.clone();
                    l.phase = Phase::Done(reply.reply.id.clone());
                });
                refresh.update(|v| *v += 1);
            }
            ChatEvent::Failed { message, .. } => edit(live, |l| {
                l.phase = Phase::Failed(message);
            }),
        };
        let on_end = move |result: Result<(), AppError>| {
            let Some(current) = live.get_untracked() else { return };
            match result {
                _ if current.phase == Phase::Stopped => {}
                // refused before it started (signed out, bad input): the text stays in the box
                Err(e) if !current.started => {
                    live.set(None);
                    send_error.set(Some(e));
                }
                Err(e) if current.phase == Phase::Streaming => edit(live, |l| {
                    l.phase = Phase::Failed(e.to_string());
                }),
                Ok(()) if current.phase == Phase::Streaming => edit(live, |l| {
                    l.phase = Phase::Failed("The reply was cut off. Try again.".into());
                }),
                _ => {}
            }
        };
        let handle = live::start_chat(current.get_untracked(), message, on_event, on_end);
        stream.set_value(handle);
    };
    let stop = move |ev: leptos::ev::MouseEvent| {
        // the button turns back into Send under the pointer; this click must not submit
        ev.prevent_default();
        edit(live, |l| {
            l.phase = Phase::Stopped;
        });
        if let Some(s) = stream.try_update_value(Option::take).flatten() {
            s.stop();
        }
        // the server stores what was said so far; show the thread as stored shortly after
        set_timeout(
            move || {
                // a stopped turn that had started is stored; one that had not leaves the text
                // in the box and "Stopped." on screen
                if live.with_untracked(|l| l.as_ref().is_some_and(|l| l.started)) {
                    refresh.update(|v| *v += 1);
                    live.set(None);
                }
            },
            std::time::Duration::from_millis(600),
        );
    };
    let on_submit = {
        let send = send.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if let Some(area) = textarea.get_untracked() {
                send(area.value());
            }
        }
    };
    let error_view = move || {
        send_error.get().map(|e| match e {
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
    let live_view = move || {
        let turn = live.get()?;
        if let Phase::Done(id) = &turn.phase {
            let shown = thread.with(|t| matches!(t, Some(Ok(Some(t))) if t.messages.iter().any(|m| &m.id == id)));
            if shown {
                return None;
            }
        }
        let retry = {
            let send = send.clone();
            let message = turn.message.clone();
            move |_| send(message.clone())
        };
        Some(view! {
            <ol class="messages live" aria-live="polite" data-testid="live-turn">
                {(!turn.started).then(|| view! {
                    <li class="message user" data-testid="message">
                        <span class="who">"You"</span>
                        <div class="content"><p>{turn.message.clone()}</p></div>
                    </li>
                })}
                <li class="message assistant" data-testid="message">
                    <span class="who">"Assistant"</span>
                    <div class="content">
                        {if turn.reply.is_empty() && turn.phase == Phase::Streaming {
                            view! { <p class="muted typing" role="status">"Thinking…"</p> }.into_any()
                        } else {
                            view! { <Markdown source=turn.reply.clone()/> }.into_any()
                        }}
                    </div>
                    {turn.actions.iter().map(|a| view! {
                        <p class="action-line" data-testid="action-line">{format!("✓ {}", a.text)}</p>
                    }).collect_view()}
                    {match turn.phase.clone() {
                        Phase::Stopped => Some(view! { <p class="muted" data-testid="stopped">"Stopped."</p> }.into_any()),
                        Phase::Failed(message) => Some(view! {
                            <p class="form-error" role="alert">{message}" "
                                <button type="button" class="button secondary small" on:click=retry>"Retry"</button>
                            </p>
                        }.into_any()),
                        _ => None,
                    }}
                </li>
            </ol>
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
                            let older_href = thread.older.as_ref().map(|cursor| format!("/chat/{id}?before={}", encode_query_value(cursor)));
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
                                {older_href.map(|href| {
                                    let first_cursor = thread.older.clone();
                                    let on_click = move |ev: leptos::ev::MouseEvent| {
                                        ev.prevent_default();
                                        if let Some(cursor) = earlier_cursor.get_untracked().unwrap_or_else(|| first_cursor.clone()) {
                                            load_older(cursor);
                                        }
                                    };
                                    let more = move || earlier_cursor.get().is_none_or(|c| c.is_some());
                                    view! {
                                        <a class="button link older" href=href node_ref=older_ref on:click=on_click
                                            class:hidden=move || !more()>
                                            {move || if loading_older.get() { "Loading older messages…" } else { "Load older messages" }}
                                        </a>
                                    }
                                })}
                                <ol class="messages" data-testid="messages">
                                    {move || earlier.get().into_iter().map(message_view).collect_view()}
                                    {thread.messages.into_iter().map(message_view).collect_view()}
                                </ol>
                            }.into_any()
                        }
                    })}
                </Transition>
                {live_view}
                <form method="post" action=SendMessage::url() node_ref=form_ref class="form composer" on:submit=on_submit>
                    <input type="hidden" name="conversation_id" value=move || current.get().unwrap_or_default()/>
                    <div class="field">
                        <label for="chat-message">"Message"</label>
                        <textarea id="chat-message" name="message" required maxlength="4000" rows="2" node_ref=textarea
                            placeholder="Add buy milk tomorrow 5pm" on:keydown=on_keydown on:input=on_input></textarea>
                        <p class="hint">"Enter sends, Shift+Enter starts a new line."</p>
                    </div>
                    {error_view}
                    {move || if streaming() {
                        view! { <button type="button" class="button secondary" on:click=stop>"Stop"</button> }.into_any()
                    } else {
                        view! { <button type="submit" class="button">"Send"</button> }.into_any()
                    }}
                </form>
            </section>
        </div>
    }
}
