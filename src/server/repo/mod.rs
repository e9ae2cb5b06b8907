//! THE ONLY door to the database. Entities are private to this module; everything that reads or
//! writes a user's data goes through a [`UserScope`], which can only be built from an
//! authenticated user. The functions outside `UserScope` serve authentication itself (finding
//! the user behind an email, a session or a token) and operations.
mod entities;

pub mod accounts;
pub mod chats;
pub mod rate_limits;
pub mod scope;
pub mod sessions;
pub mod tasks;
pub mod tokens;

pub use scope::UserScope;

use sea_orm::{DbErr, RuntimeErr};

use crate::error::AppError;

/// Maps a database error to the wire: the cause is logged, never shown.
pub(crate) fn db_err(err: DbErr) -> AppError {
    match &err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => {
            tracing::warn!(error = %err, "database unavailable");
            AppError::Unavailable
        }
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))
            if e.to_string().to_ascii_lowercase().contains("disk is full") =>
        {
            tracing::error!(error = %err, "database storage is full");
            AppError::StorageFull
        }
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))
            if is_busy_or_io(&e.to_string()) =>
        {
            tracing::warn!(error = %err, "database busy or unavailable");
            AppError::Unavailable
        }
        _ => {
            tracing::error!(error = %err, "database error");
            AppError::Internal
        }
    }
}

fn is_busy_or_io(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("database is locked") || m.contains("busy") || m.contains("disk") || m.contains("pool timed out")
}

/// True when the error is a unique-constraint violation.
pub(crate) fn is_unique_violation(err: &DbErr) -> bool {
    let m = err.to_string().to_ascii_lowercase();
    m.contains("unique") || m.contains("duplicate key")
}

/// A new time-ordered, unguessable id.
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub(crate) fn millis_to_rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
