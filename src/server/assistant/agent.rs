//! One turn of a conversation, stateless per request: store the user's message first, load what
//! the turn needs from the database, let the provider act through the user's scope, then store
//! the reply with its actions.
use std::sync::Mutex;

use tokio::sync::mpsc::Sender;

use super::builtin::{self, ConversationState};
use super::gemini::Gemini;
use super::openai::OpenAi;
use super::provider::{HttpPolicy, Model, ProviderError, Turn};
use super::tools;
use crate::domain::chat::{parse_message, title_from, Action, ChatEvent, ChatReply, Role};
use crate::error::AppError;
use crate::server::auth::CurrentUser;
use crate::server::config::AiProvider;
use crate::server::repo::chats::StoredMessage;
use crate::server::repo::UserScope;
use crate::server::state::AppState;
use crate::server::tasks::user_tz;

/// How many stored messages a model sees as history.
const HISTORY_MESSAGES: u64 = 30;
/// Model calls in one turn before giving up (each may ask for tools).
const MAX_ROUNDS: usize = 8;

/// How many events a streamed turn may have waiting for a slow reader. Past that, text pieces
/// are dropped (the final `done` event carries the whole reply), never buffered without end.
pub const EVENTS_BUFFER: usize = 256;

/// Where a streamed turn's events go. Without a receiver (the JSON API, forms without
/// JavaScript) events are dropped; when the receiver goes away (the user pressed Stop or closed
/// the page) the turn stops at the next model call, keeping what was already done.
#[derive(Clone, Copy, Default)]
pub struct Events<'a>(Option<&'a Sender<ChatEvent>>);

impl<'a> Events<'a> {
    pub fn to(sender: &'a Sender<ChatEvent>) -> Self {
        Events(Some(sender))
    }

    fn send(&self, event: ChatEvent) {
        if let Some(tx) = self.0 {
            let _ = tx.try_send(event);
        }
    }

    /// Resolves when nobody listens any more; never without a receiver.
    async fn stopped(&self) {
        match self.0 {
            Some(tx) => tx.closed().await,
            None => std::future::pending().await,
        }
    }
}

/// A user's message, stored and ready to be answered.
pub struct Prepared {
    pub conversation_id: String,
    text: String,
    /// The builtin assistant's memory of the conversation, as it was read with it.
    memory: String,
}

/// One whole turn: store the message, answer it.
#[tracing::instrument(skip_all, fields(user_id = %user.id()))]
pub async fn chat(
    state: &AppState,
    user: &CurrentUser,
    conversation_id: Option<&str>,
    message: &str,
) -> Result<ChatReply, AppError> {
    // refused before anything is stored when the user already has turns running
    let _turn = state.quotas.start_turn(user.id())?;
    let prepared = prepare(state, user, conversation_id, message).await?;
    answer(state, user, prepared, Events::default()).await
}

/// Checks the message and the conversation, and stores the message (in a new conversation when
/// there is no id) — before anything can fail, so it is never lost. A retry of a message that
/// got no answer (the provider failed) does not store it a second time.
pub async fn prepare(
    state: &AppState,
    user: &CurrentUser,
    conversation_id: Option<&str>,
    message: &str,
) -> Result<Prepared, AppError> {
    let text = parse_message(message)?;
    let scope = UserScope::new(&state.db, user);
    let (conversation_id, memory) = match conversation_id.map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) => {
            let (conversation, memory) = scope.get_conversation(id).await?;
            (conversation.id, memory)
        }
        None => (scope.create_conversation(&title_from(&text)).await?.id, String::new()),
    };
    let unanswered = scope
        .latest_message(&conversation_id)
        .await?
        .is_some_and(|(role, content)| role == Role::User && content == text);
    if !unanswered {
        scope
            .add_message(&conversation_id, Role::User, &text, None, &[])
            .await?;
    }
    Ok(Prepared {
        conversation_id,
        text,
        memory,
    })
}

/// Answers a stored message with the configured provider and stores the reply with its actions.
#[tracing::instrument(skip_all, fields(user_id = %user.id()))]
pub async fn answer(
    state: &AppState,
    user: &CurrentUser,
    prepared: Prepared,
    events: Events<'_>,
) -> Result<ChatReply, AppError> {
    let Prepared {
        conversation_id,
        text,
        memory: stored,
    } = prepared;
    let scope = UserScope::new(&state.db, user);
    events.send(ChatEvent::Started {
        conversation_id: conversation_id.clone(),
    });
    let tz = user_tz(&user.time_zone);
    let (reply_text, actions, payload, memory) = match &state.config.ai.provider {
        AiProvider::Builtin => {
            let mut memory: ConversationState = serde_json::from_str(&stored).unwrap_or_default();
            let outcome = builtin::turn(&scope, tz, &mut memory, &text).await?;
            let memory = serde_json::to_string(&memory).unwrap_or_else(|_| "{}".into());
            for action in &outcome.actions {
                events.send(ChatEvent::Action { action: action.clone() });
            }
            events.send(ChatEvent::Delta {
                text: outcome.reply.clone(),
            });
            (outcome.reply, outcome.actions, None, Some(memory))
        }
        provider => {
            let model = model_for(provider, state)?;
            let history = scope.message_page(&conversation_id, None, HISTORY_MESSAGES).await?.0;
            let Ran {
                result,
                actions,
                transcript,
            } = run_model(model.as_ref(), &scope, tz, history, events).await;
            let payload = (!transcript.is_empty()).then(|| serde_json::Value::Array(transcript).to_string());
            match result {
                Ok(text) => (text, actions, payload, None),
                Err(Stop::Stopped(partial)) => {
                    let text = if partial.trim().is_empty() {
                        "(Stopped.)".to_owned()
                    } else {
                        format!("{partial} … (stopped)")
                    };
                    (text, actions, payload, None)
                }
                Err(Stop::Failed(e)) => {
                    tracing::warn!(error = %e, "model provider failed");
                    // What the tools already did is recorded, so nothing done goes unseen.
                    if !actions.is_empty() {
                        let note = "I made these changes, then lost contact with the model.";
                        scope
                            .add_message(&conversation_id, Role::Assistant, note, payload, &actions)
                            .await?;
                    }
                    return Err(AppError::Provider {
                        message: format!(
                            "The assistant is unavailable right now: {e}. Your message is saved — try again."
                        ),
                    });
                }
            }
        }
    };
    // the builtin's memory is stored with its reply: one write, not two
    let reply = match memory {
        Some(memory) => {
            scope
                .add_reply_with_state(&conversation_id, &reply_text, &actions, &memory)
                .await?
        }
        None => {
            scope
                .add_message(&conversation_id, Role::Assistant, &reply_text, payload, &actions)
                .await?
        }
    };
    Ok(ChatReply {
        conversation_id,
        reply,
        actions,
    })
}

fn model_for(provider: &AiProvider, state: &AppState) -> Result<Box<dyn Model>, AppError> {
    let ai = &state.config.ai;
    let policy = HttpPolicy {
        connect_timeout: ai.connect_timeout,
        timeout: ai.timeout,
        max_retries: ai.max_retries,
    };
    // one client for the process, so connections to the provider are reused between turns
    let client = state.ai_http.clone();
    Ok(match provider.clone() {
        AiProvider::OpenAi {
            base_url,
            api_key,
            model,
        } => Box::new(OpenAi {
            client,
            base_url,
            api_key,
            model,
            policy,
        }),
        AiProvider::Gemini {
            base_url,
            api_key,
            model,
        } => Box::new(Gemini {
            client,
            base_url,
            api_key,
            model,
            policy,
        }),
        AiProvider::Builtin => return Err(AppError::Internal),
    })
}

fn system_prompt(tz: chrono_tz::Tz) -> String {
    let now = chrono::Utc::now().with_timezone(&tz);
    format!(
        "You are Taskpilot's assistant. You manage the user's tasks only through the tools. \
         Now is {} ({}). Give due dates to tools as RFC 3339 with the user's offset. \
         Ask which task when a reference is ambiguous, and ask before deleting several tasks. \
         Answer briefly in plain sentences.",
        now.format("%A %Y-%m-%d %H:%M %:z"),
        tz.name()
    )
}

enum Stop {
    /// Nobody listens any more; the text streamed so far in the last round.
    Stopped(String),
    Failed(ProviderError),
}

struct Ran {
    result: Result<String, Stop>,
    actions: Vec<Action>,
    /// What the tools were asked and answered, stored with the reply.
    transcript: Vec<serde_json::Value>,
}

/// The model loop: call the model, run each tool it asks for exactly once, feed the results
/// back, up to `MAX_ROUNDS`. A stop is noticed while waiting for the model, never in the middle
/// of a tool.
async fn run_model(
    model: &dyn Model,
    scope: &UserScope<'_>,
    tz: chrono_tz::Tz,
    history: Vec<StoredMessage>,
    events: Events<'_>,
) -> Ran {
    let specs = tools::specs();
    let mut turns = vec![Turn::System(system_prompt(tz))];
    for m in history {
        turns.push(match m.message.role {
            Role::User => Turn::User(m.message.content),
            Role::Assistant => Turn::Assistant {
                content: m.message.content,
                tool_calls: vec![],
            },
        });
    }
    let mut ran = Ran {
        result: Ok(String::new()),
        actions: Vec::new(),
        transcript: Vec::new(),
    };
    for _ in 0..MAX_ROUNDS {
        let streamed = Mutex::new(String::new());
        let on_text = |text: &str| {
            if let Ok(mut s) = streamed.lock() {
                s.push_str(text);
            }
            events.send(ChatEvent::Delta { text: text.to_owned() });
        };
        let reply = tokio::select! {
            reply = model.complete(&turns, &specs, &on_text) => reply,
            () = events.stopped() => {
                let partial = streamed.lock().map(|s| s.clone()).unwrap_or_default();
                ran.result = Err(Stop::Stopped(partial));
                return ran;
            }
        };
        let reply = match reply {
            Ok(reply) => reply,
            Err(e) => {
                ran.result = Err(Stop::Failed(e));
                return ran;
            }
        };
        if reply.tool_calls.is_empty() {
            ran.result = Ok(if reply.content.trim().is_empty() {
                "Done.".to_owned()
            } else {
                reply.content
            });
            return ran;
        }
        turns.push(Turn::Assistant {
            content: reply.content.clone(),
            tool_calls: reply.tool_calls.clone(),
        });
        for call in reply.tool_calls {
            let result = tools::run(scope, tz, &call.name, &call.arguments).await;
            ran.transcript
                .push(serde_json::json!({"tool": call.name, "arguments": call.arguments, "result": result.content}));
            for action in result.actions {
                events.send(ChatEvent::Action { action: action.clone() });
                ran.actions.push(action);
            }
            turns.push(Turn::Tool {
                call_id: call.id,
                name: call.name,
                content: result.content,
            });
        }
    }
    ran.result = Ok("I stopped after several steps without finishing. Tell me what to do next.".to_owned());
    ran
}
