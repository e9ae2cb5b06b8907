//! THE ONLY door to the database. Entities are private to this module; everything that reads or
//! writes a user's data goes through a [`UserScope`], which can only be built from an
//! authenticated user. The functions outside `UserScope` serve authentication itself (finding
//! the user behind an email, a session or a token) and operations.
#[macro_use]
mod reader;
mod entities;

pub mod accounts;
pub mod calendar;
pub mod chats;
pub mod data;
pub mod oauth;
pub mod projects;
pub mod rate_limits;
pub mod reminders;
pub mod scope;
pub mod sessions;
pub mod tasks;
pub mod tokens;

pub use scope::UserScope;

#[cfg(test)]
pub(crate) mod tests;

use std::sync::Arc;

use sea_orm::{
    DatabaseConnection, DbBackend, DbErr, EntityTrait, QuerySelect, QueryTrait, RuntimeErr, Select, SelectTwo,
};

use crate::error::AppError;
use crate::server::config::QuotaConfig;
use crate::server::events::{Change, EventBus};
use reader::{FromSqlite, SqliteReader};

/// The database: SeaORM's connection for everything, plus, on SQLite, a reader that runs the
/// hot reads without sqlx's per-row thread hand-off (see `reader`). Nothing outside `repo/` can
/// run a query through it: it offers no query methods of its own to other modules.
#[derive(Clone)]
pub struct Db {
    orm: DatabaseConnection,
    reader: Option<Arc<SqliteReader>>,
    /// The per-user counts of stored rows that creating one more may not pass.
    pub(crate) quotas: QuotaConfig,
    /// Where every committed change is announced (see `server::events`).
    events: EventBus,
}

impl Db {
    /// `sqlite_file`: the SQLite database file, when there is one, to read through the reader.
    pub fn new(orm: DatabaseConnection, sqlite_file: Option<SqliteFile>) -> Self {
        let reader = sqlite_file.map(|file| Arc::new(SqliteReader::new(file)));
        let events = EventBus::new(orm.get_database_backend());
        Self {
            orm,
            reader,
            quotas: QuotaConfig::default(),
            events,
        }
    }

    /// The same database with these quotas.
    pub fn with_quotas(mut self, quotas: QuotaConfig) -> Self {
        self.quotas = quotas;
        self
    }

    /// The changes of every user, as this instance hears them.
    pub fn events(&self) -> &EventBus {
        &self.events
    }

    /// Announces a committed change to every instance's streams.
    pub(crate) async fn announce(&self, change: Change) {
        self.events.publish(&self.orm, change).await;
    }

    /// The raw connection, for operations that are not a user's data: migrations, health,
    /// the session store, rate limits.
    pub fn connection(&self) -> &DatabaseConnection {
        &self.orm
    }

    /// Every row of a select.
    pub(crate) async fn all<E>(&self, select: Select<E>) -> Result<Vec<E::Model>, AppError>
    where
        E: EntityTrait,
        E::Model: FromSqlite,
    {
        match &self.reader {
            Some(reader) => reader.all(select.build(DbBackend::Sqlite)).await,
            None => select.all(&self.orm).await.map_err(db_err),
        }
    }

    /// Every row of a select into another model (an aggregate, a few columns).
    pub(crate) async fn all_into<E, M>(&self, select: Select<E>) -> Result<Vec<M>, AppError>
    where
        E: EntityTrait,
        M: FromSqlite + sea_orm::FromQueryResult,
    {
        match &self.reader {
            Some(reader) => reader.all(select.build(DbBackend::Sqlite)).await,
            None => select.into_model::<M>().all(&self.orm).await.map_err(db_err),
        }
    }

    /// The first row of a select.
    pub(crate) async fn one<E>(&self, select: Select<E>) -> Result<Option<E::Model>, AppError>
    where
        E: EntityTrait,
        E::Model: FromSqlite,
    {
        Ok(self.all(select.limit(1)).await?.into_iter().next())
    }

    /// The first row of a two-entity select (`find_also_related`).
    pub(crate) async fn one_two<E, F>(
        &self,
        select: SelectTwo<E, F>,
    ) -> Result<Option<(E::Model, Option<F::Model>)>, AppError>
    where
        E: EntityTrait,
        F: EntityTrait,
        E::Model: FromSqlite,
        F::Model: FromSqlite,
    {
        match &self.reader {
            Some(reader) => Ok(reader
                .all(select.limit(1).build(DbBackend::Sqlite))
                .await?
                .into_iter()
                .next()),
            None => select.one(&self.orm).await.map_err(db_err),
        }
    }
}

/// What the SQLite reader needs to know.
pub struct SqliteFile {
    pub path: std::path::PathBuf,
    pub max_connections: u32,
    pub busy_timeout: std::time::Duration,
    pub acquire_timeout: std::time::Duration,
}

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
