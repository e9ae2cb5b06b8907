//! Pure types shared by the server and the browser: parsed input, wire shapes, validation.
pub mod chat;
pub mod export;
pub mod oauth;
pub mod project;
pub mod query;
pub mod quick_add;
pub mod recurrence;
pub mod recurrence_words;
pub mod reminder;
pub mod task;
pub mod timestamp;
pub mod user;

pub use query::encode_query_value;

use serde::{Deserialize, Serialize};

/// "groceries" → "Groceries", "tuesday" → "Tuesday": a name said in lower case, written as a name
/// (one written with a capital is kept as written).
pub fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) if !name.chars().any(char::is_uppercase) => first.to_uppercase().chain(chars).collect(),
        _ => name.to_owned(),
    }
}

/// Why a piece of input was refused; `field` names the form field it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct DomainError {
    pub field: String,
    pub message: String,
}

impl DomainError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}
