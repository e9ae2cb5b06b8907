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
