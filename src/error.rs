//! `AppError`: the one error type on the wire, for server functions and the JSON API alike.
//! Internal causes are logged where they happen and never sent to the client.
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::DomainError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppError {
    /// The request itself could not be read (bad JSON, wrong types).
    #[error("{message}")]
    BadRequest { message: String },
    /// A field was refused; `field` says which.
    #[error("{message}")]
    Validation { field: String, message: String },
    #[error("{message}")]
    Unauthorized { message: String },
    /// Signed in, but this may not be done this way.
    #[error("{message}")]
    Forbidden { message: String },
    #[error("Not found.")]
    NotFound,
    #[error("{message}")]
    Conflict { message: String },
    #[error("The request body is too large.")]
    PayloadTooLarge,
    #[error("Too many attempts. Try again in {retry_after_secs} seconds.")]
    RateLimited { retry_after_secs: u64 },
    /// The model provider failed; the message is friendly and safe to show.
    #[error("{message}")]
    Provider { message: String },
    #[error("The service is temporarily unavailable. Try again in a moment.")]
    Unavailable,
    /// The database could not grow (disk full or the configured size cap); nothing was written.
    #[error("The server has run out of storage space, so nothing was saved. Try again later.")]
    StorageFull,
    #[error("Something went wrong on our side. Try again in a moment.")]
    Internal,
}

impl AppError {
    pub fn unauthorized() -> Self {
        AppError::Unauthorized {
            message: "Sign in to continue.".into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        AppError::BadRequest {
            message: message.into(),
        }
    }

    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        AppError::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::BadRequest { .. } => 400,
            AppError::Validation { .. } => 422,
            AppError::Unauthorized { .. } => 401,
            AppError::Forbidden { .. } => 403,
            AppError::NotFound => 404,
            AppError::Conflict { .. } => 409,
            AppError::PayloadTooLarge => 413,
            AppError::RateLimited { .. } => 429,
            AppError::Provider { .. } => 502,
            AppError::Unavailable => 503,
            AppError::StorageFull => 507,
            AppError::Internal => 500,
        }
    }

    /// The stable snake_case code of the JSON error body.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest { .. } => "bad_request",
            AppError::Validation { .. } => "invalid_field",
            AppError::Unauthorized { .. } => "unauthorized",
            AppError::Forbidden { .. } => "forbidden",
            AppError::NotFound => "not_found",
            AppError::Conflict { .. } => "conflict",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Provider { .. } => "provider_error",
            AppError::Unavailable => "unavailable",
            AppError::StorageFull => "storage_full",
            AppError::Internal => "internal",
        }
    }

    /// The form field this error belongs to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Validation { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl From<DomainError> for AppError {
    fn from(err: DomainError) -> Self {
        AppError::Validation {
            field: err.field,
            message: err.message,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::bad_request("The form could not be read. Reload the page and try again.")
            }
            ServerFnErrorErr::Request(_) => AppError::Unavailable,
            _ => AppError::Internal,
        }
    }
}
