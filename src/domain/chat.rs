//! The assistant's conversations as the wire shows them.
use serde::{Deserialize, Serialize};

use super::task::{refuse_control, refuse_longer};
use super::DomainError;

pub const MESSAGE_MAX_CHARS: usize = 4_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Conversation {
    pub id: String,
    pub title: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    User,
    Assistant,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Assistant => "assistant",
        }
    }
}

/// What the assistant did to a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Added,
    Completed,
    Reopened,
    Updated,
    Deleted,
}

/// One change the assistant made to a task, shown in the thread as an action line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Action {
    pub kind: ActionKind,
    pub task_id: String,
    /// For people: "Added “Buy milk” — due Fri".
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Message {
    pub id: String,
    pub role: Role,
    pub content: String,
    pub created_at: String,
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// A user's message: trimmed, 1..=4000 characters.
pub fn parse_message(raw: &str) -> Result<String, DomainError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(DomainError::new("message", "Type a message first."));
    }
    refuse_longer(
        "message",
        text,
        MESSAGE_MAX_CHARS,
        "Keep a message to 4 000 characters or fewer.",
    )?;
    refuse_control("message", text, true)?;
    Ok(text.to_owned())
}

/// A conversation's title as the user names it: trimmed, 1..=100 characters, one line.
pub fn parse_conversation_title(raw: &str) -> Result<String, DomainError> {
    let title = raw.trim();
    let bad = || DomainError::new("title", "Give the conversation a title of 1 to 100 characters.");
    if title.is_empty() {
        return Err(bad());
    }
    refuse_longer(
        "title",
        title,
        100,
        "Give the conversation a title of 1 to 100 characters.",
    )?;
    refuse_control("title", title, false)?;
    Ok(title.to_owned())
}

/// A conversation's title from its first message: the first line, at most 60 characters.
pub fn title_from(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default().trim();
    let line: String = line.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let line = line.trim();
    let mut title: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        title.push('…');
    }
    if title.is_empty() {
        "New conversation".to_owned()
    } else {
        title
    }
}

/// The outcome of one turn: the conversation it belongs to, the assistant's reply and the task
/// changes it made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChatReply {
    pub conversation_id: String,
    pub reply: Message,
    pub actions: Vec<Action>,
}

/// One event of a streamed turn (`POST /api/v1/chat/stream`, one server-sent event each; the
/// event's name is `type`). Read back as one flat object (below), not through serde's buffering
/// of internally tagged enums, whose reader would weigh on the chat page's wasm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ChatEvent {
    /// The user's message is stored in this conversation.
    Started { conversation_id: String },
    /// More of the reply's text, to append to what came before.
    Delta { text: String },
    /// A task change, as it happens.
    Action { action: Action },
    /// The turn is over; `reply` is the stored reply (its text replaces the streamed deltas).
    Done { reply: ChatReply },
    /// The turn failed; the user's message stays stored, so sending it again is safe.
    Failed { error: String, message: String },
}

impl ChatEvent {
    pub fn name(&self) -> &'static str {
        match self {
            ChatEvent::Started { .. } => "started",
            ChatEvent::Delta { .. } => "delta",
            ChatEvent::Action { .. } => "action",
            ChatEvent::Done { .. } => "done",
            ChatEvent::Failed { .. } => "failed",
        }
    }
}

impl<'de> Deserialize<'de> for ChatEvent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum Type {
            Started,
            Delta,
            Action,
            Done,
            Failed,
        }
        #[derive(Deserialize)]
        struct Wire {
            #[serde(rename = "type")]
            kind: Type,
            conversation_id: Option<String>,
            text: Option<String>,
            action: Option<Action>,
            reply: Option<ChatReply>,
            error: Option<String>,
            message: Option<String>,
        }
        use serde::de::Error;
        fn field<T, E: Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
            value.ok_or_else(|| E::missing_field(name))
        }
        let wire = Wire::deserialize(deserializer)?;
        Ok(match wire.kind {
            Type::Started => ChatEvent::Started {
                conversation_id: field(wire.conversation_id, "conversation_id")?,
            },
            Type::Delta => ChatEvent::Delta {
                text: field(wire.text, "text")?,
            },
            Type::Action => ChatEvent::Action {
                action: field(wire.action, "action")?,
            },
            Type::Done => ChatEvent::Done {
                reply: field(wire.reply, "reply")?,
            },
            Type::Failed => ChatEvent::Failed {
                error: field(wire.error, "error")?,
                message: field(wire.message, "message")?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_event() -> Vec<ChatEvent> {
        let action = Action {
            kind: ActionKind::Added,
            task_id: "t1".into(),
            text: "Added “Buy milk” — due Fri".into(),
        };
        vec![
            ChatEvent::Started {
                conversation_id: "c1".into(),
            },
            ChatEvent::Delta {
                text: "Hi \"there\" é".into(),
            },
            ChatEvent::Action { action: action.clone() },
            ChatEvent::Done {
                reply: ChatReply {
                    conversation_id: "c1".into(),
                    reply: Message {
                        id: "m1".into(),
                        role: Role::Assistant,
                        content: "Done.".into(),
                        created_at: "2026-12-06T10:00:00Z".into(),
                        actions: vec![action.clone()],
                    },
                    actions: vec![action],
                },
            },
            ChatEvent::Failed {
                error: "provider".into(),
                message: "The model did not answer.".into(),
            },
        ]
    }

    #[test]
    fn every_event_reads_back_as_written() {
        for event in every_event() {
            let json = serde_json::to_string(&event).expect("an event writes");
            assert!(json.contains(&format!("\"type\":\"{}\"", event.name())), "{json}");
            let read: ChatEvent = serde_json::from_slice(json.as_bytes()).expect("an event reads");
            assert_eq!(read, event, "{json}");
        }
    }

    #[test]
    fn a_malformed_event_is_refused_not_guessed() {
        for bad in [
            r#"{"type":"delta"}"#,
            r#"{"type":"started","text":"c1"}"#,
            r#"{"type":"failed","error":"provider"}"#,
            r#"{"type":"done","reply":{"conversation_id":"c1"}}"#,
            r#"{"type":"finished","text":"x"}"#,
            r#"{"text":"x"}"#,
            r#"["delta","x"]"#,
        ] {
            assert!(serde_json::from_str::<ChatEvent>(bad).is_err(), "{bad} was read");
        }
        // fields another type carries are ignored, as the derived reader ignored them
        let read: ChatEvent =
            serde_json::from_str(r#"{"type":"delta","text":"x","conversation_id":"c1"}"#).expect("reads");
        assert_eq!(read, ChatEvent::Delta { text: "x".into() });
    }
}
