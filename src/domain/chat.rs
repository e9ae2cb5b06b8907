//! The assistant's conversations as the wire shows them.
use serde::{Deserialize, Serialize};

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

/// One change the assistant made to a task, shown in the thread as an action line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Action {
    /// added, completed, reopened, updated, deleted
    pub kind: String,
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
    if text.chars().count() > MESSAGE_MAX_CHARS {
        return Err(DomainError::new(
            "message",
            "Keep a message to 4 000 characters or fewer.",
        ));
    }
    Ok(text.to_owned())
}

/// A conversation's title from its first message: the first line, at most 60 characters.
pub fn title_from(message: &str) -> String {
    let line = message.lines().next().unwrap_or_default().trim();
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
