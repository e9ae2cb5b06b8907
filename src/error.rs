//! `AppError`: the one error type on the wire, for server functions and the JSON API alike.
//! Internal causes are logged where they happen and never sent to the client.
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::DomainError;

/// On the wire (server functions, and the page's copy of their answers) an object tagged by
/// `kind`: `{"kind": "validation", "field": "title", "message": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
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

/// What a request without a session (or with one ended elsewhere) is told.
const SIGN_IN: &str = "Sign in to continue.";
/// What a request with a session past its 30 days is told.
const EXPIRED: &str = "Your session has expired. Sign in again.";

impl AppError {
    pub fn unauthorized() -> Self {
        AppError::Unauthorized {
            message: SIGN_IN.into(),
        }
    }

    /// A session past its 30 days.
    pub fn session_expired() -> Self {
        AppError::Unauthorized {
            message: EXPIRED.into(),
        }
    }

    /// The session is gone (signed out elsewhere, the account deleted, expired): not a sign-in
    /// that failed.
    pub fn is_signed_out(&self) -> bool {
        matches!(self, AppError::Unauthorized { message } if message == SIGN_IN || message == EXPIRED)
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

/// Reads what `Serialize` writes. Derived, an internally tagged enum is read by buffering the
/// object into serde's `Content` first, a reader of its own that made up a tenth of the browser
/// bundle's decoding code; read as one flat object instead, the bundle does without it.
impl<'de> Deserialize<'de> for AppError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum Kind {
            BadRequest,
            Validation,
            Unauthorized,
            Forbidden,
            NotFound,
            Conflict,
            PayloadTooLarge,
            RateLimited,
            Provider,
            Unavailable,
            StorageFull,
            Internal,
        }
        #[derive(Deserialize)]
        struct Wire {
            kind: Kind,
            message: Option<String>,
            field: Option<String>,
            retry_after_secs: Option<u64>,
        }
        use serde::de::Error;
        let wire = Wire::deserialize(deserializer)?;
        let message = || wire.message.clone().ok_or_else(|| D::Error::missing_field("message"));
        Ok(match wire.kind {
            Kind::BadRequest => AppError::BadRequest { message: message()? },
            Kind::Validation => AppError::Validation {
                field: wire.field.clone().ok_or_else(|| D::Error::missing_field("field"))?,
                message: message()?,
            },
            Kind::Unauthorized => AppError::Unauthorized { message: message()? },
            Kind::Forbidden => AppError::Forbidden { message: message()? },
            Kind::NotFound => AppError::NotFound,
            Kind::Conflict => AppError::Conflict { message: message()? },
            Kind::PayloadTooLarge => AppError::PayloadTooLarge,
            Kind::RateLimited => AppError::RateLimited {
                retry_after_secs: wire
                    .retry_after_secs
                    .ok_or_else(|| D::Error::missing_field("retry_after_secs"))?,
            },
            Kind::Provider => AppError::Provider { message: message()? },
            Kind::Unavailable => AppError::Unavailable,
            Kind::StorageFull => AppError::StorageFull,
            Kind::Internal => AppError::Internal,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_gone_is_told_from_a_sign_in_that_failed() {
        assert!(AppError::unauthorized().is_signed_out());
        assert!(AppError::session_expired().is_signed_out());
        let failed = AppError::Unauthorized {
            message: "Incorrect email or password.".into(),
        };
        assert!(!failed.is_signed_out());
        assert!(!AppError::NotFound.is_signed_out());
    }

    #[test]
    fn every_error_reads_back_as_written() {
        let message = || "Something \"quoted\" é".to_owned();
        let all = [
            AppError::BadRequest { message: message() },
            AppError::Validation {
                field: "title".into(),
                message: message(),
            },
            AppError::Unauthorized { message: message() },
            AppError::Forbidden { message: message() },
            AppError::NotFound,
            AppError::Conflict { message: message() },
            AppError::PayloadTooLarge,
            AppError::RateLimited { retry_after_secs: 42 },
            AppError::Provider { message: message() },
            AppError::Unavailable,
            AppError::StorageFull,
            AppError::Internal,
        ];
        for error in all {
            let written = serde_json::to_string(&error).expect("serialize");
            assert!(
                written.contains(&format!("\"kind\":\"{}\"", snake(&error))),
                "{written}"
            );
            let read: AppError = serde_json::from_str(&written).expect("deserialize");
            assert_eq!(read, error);
            // inside a server function's result, as the page carries it
            let wrapped: Result<(), AppError> = Err(error.clone());
            let text = serde_json::to_string(&wrapped).expect("serialize");
            assert_eq!(
                serde_json::from_slice::<Result<(), AppError>>(text.as_bytes()).expect("deserialize"),
                wrapped
            );
        }
    }

    fn snake(error: &AppError) -> String {
        let name = format!("{error:?}");
        let name = name.split([' ', '{']).next().unwrap_or_default();
        let mut out = String::new();
        for (i, c) in name.chars().enumerate() {
            if c.is_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    #[test]
    fn a_malformed_error_is_refused_not_guessed() {
        for bad in [
            r#"{"kind":"validation","message":"no field"}"#,
            r#"{"kind":"bad_request"}"#,
            r#"{"kind":"rate_limited"}"#,
            r#"{"kind":"teapot","message":"x"}"#,
            r#"{"message":"no kind"}"#,
            r#"[1]"#,
        ] {
            assert!(serde_json::from_str::<AppError>(bad).is_err(), "{bad}");
        }
        let extra: AppError = serde_json::from_str(r#"{"kind":"not_found","message":"ignored","x":1}"#).expect("read");
        assert_eq!(extra, AppError::NotFound);
    }
}
