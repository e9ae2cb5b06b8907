//! `use_chat_turn`: one streamed turn with the assistant — sending, the events as they arrive,
//! Stop, and the turn as it shows on the page until the stored thread has it.
use leptos::prelude::*;

use super::message_view_actions;
use crate::api::chat::Thread;
use crate::domain::chat::{Action, ChatEvent};
use crate::error::AppError;
use crate::ui::components::markdown::Markdown;
use crate::ui::components::{draft, live};
use crate::ui::data::Data;

/// The turn being streamed into the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Live {
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

/// Changes the turn on screen, if there is one.
fn edit(live: RwSignal<Option<Live>>, change: impl FnOnce(&mut Live)) {
    live.update(|l| {
        if let Some(l) = l {
            change(l);
        }
    });
}

/// A turn's handles, all `Copy`, for the composer and the live view.
#[derive(Clone, Copy)]
pub struct ChatTurn {
    pub live: RwSignal<Option<Live>>,
    /// Refused before it started (signed out, bad input): the text stays in the box.
    pub send_error: RwSignal<Option<AppError>>,
    pub send: Callback<String>,
    pub stop: Callback<()>,
}

impl ChatTurn {
    pub fn streaming(&self) -> bool {
        self.live
            .with(|l| l.as_ref().is_some_and(|l| l.phase == Phase::Streaming))
    }
}

/// Wires a turn to the page: `current` is the open conversation, `refresh` reloads the stored
/// thread, `textarea` is the message box (cleared once the message is stored), `draft_key` where
/// the unsent text is kept.
pub fn use_chat_turn(
    current: Memo<Option<String>>,
    refresh: RwSignal<u32>,
    textarea: NodeRef<leptos::html::Textarea>,
    draft_key: Signal<String>,
) -> ChatTurn {
    let live = RwSignal::new(None::<Live>);
    let send_error = RwSignal::new(None::<AppError>);
    // not `new_local`: on the server that would be dropped from whichever thread ends the render
    let stream = StoredValue::new(None::<live::ChatStream>);
    let navigate = leptos_router::hooks::use_navigate();
    let streaming = move || live.with(|l| l.as_ref().is_some_and(|l| l.phase == Phase::Streaming));

    let send = Callback::new(move |message: String| {
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
                edit(live, |l| l.started = true);
                draft::clear(&draft_key.get_untracked());
                if let Some(area) = textarea.get_untracked() {
                    area.set_value("");
                }
                if current.get_untracked().as_deref() == Some(conversation_id.as_str()) {
                    refresh.update(|v| *v += 1);
                } else {
                    navigate(&format!("/chat/{conversation_id}"), Default::default());
                }
            }
            ChatEvent::Delta { text } => edit(live, |l| l.reply.push_str(&text)),
            ChatEvent::Action { action } => edit(live, |l| l.actions.push(action)),
            ChatEvent::Done { reply } => {
                edit(live, |l| {
                    l.reply = reply.reply.content.clone();
                    l.phase = Phase::Done(reply.reply.id.clone());
                });
                refresh.update(|v| *v += 1);
            }
            ChatEvent::Failed { message, .. } => edit(live, |l| l.phase = Phase::Failed(message)),
        };
        let on_end = move |result: Result<(), AppError>| {
            let Some(turn) = live.get_untracked() else { return };
            match result {
                _ if turn.phase == Phase::Stopped => {}
                Err(e) if !turn.started => {
                    live.set(None);
                    send_error.set(Some(e));
                }
                Err(e) if turn.phase == Phase::Streaming => edit(live, |l| l.phase = Phase::Failed(e.to_string())),
                Ok(()) if turn.phase == Phase::Streaming => edit(live, |l| {
                    l.phase = Phase::Failed("The reply was cut off. Try again.".into());
                }),
                _ => {}
            }
        };
        let handle = live::start_chat(current.get_untracked(), message, on_event, on_end);
        stream.set_value(handle);
    });

    let stop = Callback::new(move |()| {
        edit(live, |l| l.phase = Phase::Stopped);
        if let Some(s) = stream.try_update_value(Option::take).flatten() {
            s.stop();
        }
        // the server stores what was said so far; show the thread as stored shortly after. A
        // stopped turn that had not started leaves the text in the box and "Stopped." on screen.
        set_timeout(
            move || {
                if live.with_untracked(|l| l.as_ref().is_some_and(|l| l.started)) {
                    refresh.update(|v| *v += 1);
                    live.set(None);
                }
            },
            std::time::Duration::from_millis(600),
        );
    });
    ChatTurn {
        live,
        send_error,
        send,
        stop,
    }
}

/// The turn on screen until the stored thread shows its reply.
#[component]
pub fn LiveTurn(turn: ChatTurn, thread: Data<Result<Option<Thread>, AppError>>) -> impl IntoView {
    move || {
        let live = turn.live.get()?;
        if let Phase::Done(id) = &live.phase {
            let shown = thread.with(|t| matches!(t, Some(Ok(Some(t))) if t.messages.iter().any(|m| &m.id == id)));
            if shown {
                return None;
            }
        }
        let message = live.message.clone();
        let retry = move |_| turn.send.run(message.clone());
        Some(view! {
            <ol class="messages live" aria-live="polite" data-testid="live-turn">
                {(!live.started).then(|| view! {
                    <li class="message user" data-testid="message">
                        <span class="who">"You"</span>
                        <div class="content"><p>{live.message.clone()}</p></div>
                    </li>
                })}
                <li class="message assistant" data-testid="message">
                    <span class="who">"Assistant"</span>
                    <div class="content">
                        {if live.reply.is_empty() && live.phase == Phase::Streaming {
                            view! { <p class="muted typing" role="status">"Thinking…"</p> }.into_any()
                        } else {
                            view! { <Markdown source=live.reply.clone()/> }.into_any()
                        }}
                    </div>
                    {message_view_actions(&live.actions)}
                    {match live.phase.clone() {
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
    }
}
