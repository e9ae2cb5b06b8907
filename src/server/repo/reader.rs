//! Reads on SQLite without sqlx's per-row thread hand-off.
//!
//! sqlx-sqlite runs every connection on its own thread and sends each row back through a
//! channel, waking the async task once per row. On the one core the benchmark gives the server,
//! that ping-pong was most of the tasks list's cost (see benches/RESULTS.md). Here a read runs
//! whole on a blocking thread — prepare (cached), bind, step, decode — and crosses threads once.
//!
//! The queries are still SeaORM's: callers build a `Select` as usual and [`super::Db`] runs it
//! here when the database is SQLite, or through SeaORM otherwise. Only reads come here; every
//! write stays on SeaORM's pool. WAL mode lets these connections read while that pool writes,
//! and each statement sees every transaction committed before it started.
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OpenFlags};
use sea_orm::{Statement, Value};
use tokio::sync::Semaphore;

use super::SqliteFile;
use crate::error::AppError;

/// A model that can be read from a row of its entity's columns, in the entity's column order
/// (SeaORM selects them in that order), starting at column `at`.
pub(crate) trait FromSqlite: Sized + Send + 'static {
    /// How many columns the model spans.
    const COLUMNS: usize;
    fn from_sqlite(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Self>;
}

/// A row of a two-entity select (`find_also_related`): the second is `None` when its columns
/// are NULL (no related row).
impl<A: FromSqlite, B: FromSqlite> FromSqlite for (A, Option<B>) {
    const COLUMNS: usize = A::COLUMNS + B::COLUMNS;
    fn from_sqlite(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Self> {
        let first = A::from_sqlite(row, at)?;
        let second = match row.get_ref(at + A::COLUMNS)? {
            rusqlite::types::ValueRef::Null => None,
            _ => Some(B::from_sqlite(row, at + A::COLUMNS)?),
        };
        Ok((first, second))
    }
}

pub(crate) struct SqliteReader {
    path: PathBuf,
    busy_timeout: Duration,
    acquire_timeout: Duration,
    /// Bounds the reads waiting on blocking threads.
    permits: Semaphore,
    idle: Mutex<Vec<Connection>>,
    max_idle: usize,
}

impl SqliteReader {
    pub(crate) fn new(file: SqliteFile) -> Self {
        let max = file.max_connections.max(1) as usize;
        Self {
            path: file.path,
            busy_timeout: file.busy_timeout,
            acquire_timeout: file.acquire_timeout,
            permits: Semaphore::new(max),
            idle: Mutex::new(Vec::with_capacity(max)),
            max_idle: max,
        }
    }

    /// Runs a SELECT built by SeaORM and decodes every row.
    ///
    /// First right here, on the async worker, with no busy wait: a read in WAL mode does not
    /// wait for writers, so it nearly always runs to the end in tens of microseconds, and
    /// handing it to another thread would cost more than the read (two thread wake-ups, which on
    /// this VM were a third of all CPU). Only when SQLite answers "busy" (a lock it would have
    /// to wait for, e.g. recovery after a crash) is the read retried on a blocking thread, where
    /// it may wait up to the busy timeout.
    pub(crate) async fn all<M: FromSqlite>(self: &Arc<Self>, statement: Statement) -> Result<Vec<M>, AppError> {
        match self.run(&statement, Duration::ZERO) {
            Err(e) if is_busy(&e) => {}
            done => return done.map_err(read_err),
        }
        let permit = tokio::time::timeout(self.acquire_timeout, self.permits.acquire())
            .await
            .map_err(|_| {
                tracing::warn!("no SQLite read connection free within the acquire timeout");
                AppError::Unavailable
            })?
            .map_err(|_| AppError::Unavailable)?;
        let reader = Arc::clone(self);
        let rows = tokio::task::spawn_blocking(move || reader.run(&statement, reader.busy_timeout))
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "a SQLite read panicked");
                AppError::Internal
            })?;
        drop(permit);
        rows.map_err(read_err)
    }

    fn run<M: FromSqlite>(&self, statement: &Statement, busy_timeout: Duration) -> rusqlite::Result<Vec<M>> {
        let conn = match self.take_idle() {
            Some(conn) => conn,
            None => self.open()?,
        };
        let rows = conn.busy_timeout(busy_timeout).and_then(|()| query(&conn, statement));
        // A connection that failed stays usable: SQLite reports errors per statement.
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < self.max_idle {
                idle.push(conn);
            }
        }
        rows
    }

    fn take_idle(&self) -> Option<Connection> {
        self.idle.lock().ok()?.pop()
    }

    fn open(&self) -> rusqlite::Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // A reader never writes, whatever SQL reaches it.
        conn.pragma_update(None, "query_only", true)?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(conn)
    }
}

fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn query<M: FromSqlite>(conn: &Connection, statement: &Statement) -> rusqlite::Result<Vec<M>> {
    let mut prepared = conn.prepare_cached(&statement.sql)?;
    let values = statement.values.as_ref().map(|v| v.0.as_slice()).unwrap_or_default();
    for (i, value) in values.iter().enumerate() {
        prepared.raw_bind_parameter(i + 1, to_sql(value)?)?;
    }
    let mut rows = prepared.raw_query();
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(M::from_sqlite(row, 0)?);
    }
    Ok(out)
}

/// A SeaQuery value as SQLite stores it (booleans as 0/1, as sqlx-sqlite writes them).
fn to_sql(value: &Value) -> rusqlite::Result<SqlValue> {
    Ok(match value {
        Value::Bool(v) => v.map_or(SqlValue::Null, |b| SqlValue::Integer(i64::from(b))),
        Value::TinyInt(v) => v.map_or(SqlValue::Null, |n| SqlValue::Integer(n.into())),
        Value::SmallInt(v) => v.map_or(SqlValue::Null, |n| SqlValue::Integer(n.into())),
        Value::Int(v) => v.map_or(SqlValue::Null, |n| SqlValue::Integer(n.into())),
        Value::BigInt(v) => v.map_or(SqlValue::Null, SqlValue::Integer),
        Value::TinyUnsigned(v) => v.map_or(SqlValue::Null, |n| SqlValue::Integer(n.into())),
        Value::SmallUnsigned(v) => v.map_or(SqlValue::Null, |n| SqlValue::Integer(n.into())),
        Value::Unsigned(v) => v.map_or(SqlValue::Null, |n| SqlValue::Integer(n.into())),
        Value::BigUnsigned(Some(n)) => {
            SqlValue::Integer(i64::try_from(*n).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?)
        }
        Value::BigUnsigned(None) => SqlValue::Null,
        Value::Float(v) => v.map_or(SqlValue::Null, |n| SqlValue::Real(n.into())),
        Value::Double(v) => v.map_or(SqlValue::Null, SqlValue::Real),
        Value::String(v) => v.clone().map_or(SqlValue::Null, SqlValue::Text),
        Value::Char(v) => v.map_or(SqlValue::Null, |c| SqlValue::Text(c.to_string())),
        Value::Bytes(v) => v.clone().map_or(SqlValue::Null, SqlValue::Blob),
        other => {
            return Err(rusqlite::Error::ToSqlConversionFailure(
                format!("no SQLite binding for {other:?}").into(),
            ))
        }
    })
}

/// Maps a read error like [`super::db_err`] does: busy or I/O trouble is 503, the rest 500.
fn read_err(err: rusqlite::Error) -> AppError {
    use rusqlite::ErrorCode;
    match err.sqlite_error_code() {
        Some(
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked | ErrorCode::SystemIoFailure | ErrorCode::CannotOpen,
        ) => {
            tracing::warn!(error = %err, "database busy or unavailable");
            AppError::Unavailable
        }
        _ => {
            tracing::error!(error = %err, "database read error");
            AppError::Internal
        }
    }
}

/// Declares an entity's `Model` and its [`FromSqlite`] decoder from one field list, so the
/// decoder reads the columns in the struct's (and so SeaORM's) order and a new column needs no
/// second edit. Used by the entities read on hot paths.
macro_rules! sqlite_model {
    (
        $(#[$meta:meta])*
        pub struct Model {
            $( $(#[$field_meta:meta])* pub $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        pub struct Model {
            $( $(#[$field_meta])* pub $field: $ty ),*
        }

        impl $crate::server::repo::reader::FromSqlite for Model {
            const COLUMNS: usize = [$(stringify!($field)),*].len();
            fn from_sqlite(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Self> {
                let mut column = at;
                let mut next = || {
                    column += 1;
                    column - 1
                };
                Ok(Self { $( $field: row.get(next())? ),* })
            }
        }
    };
}
pub(crate) use sqlite_model;

#[cfg(test)]
mod tests {
    use sea_orm::{EntityTrait, IdenStatic, Iterable};

    use super::super::entities::{api_tokens, tasks, users};
    use super::*;

    fn names<E: EntityTrait>() -> Vec<String> {
        E::Column::iter().map(|c| c.as_str().to_owned()).collect()
    }

    /// The decoders above read columns by position: this fails if an entity's columns change.
    #[test]
    fn decoders_follow_the_entities_column_order() {
        assert_eq!(
            names::<tasks::Entity>(),
            [
                "id",
                "user_id",
                "title",
                "title_key",
                "description",
                "completed",
                "completed_at",
                "priority",
                "due_at",
                "tags",
                "created_at",
                "updated_at",
                "search_key",
                "project_id",
                "parent_id",
                "recurrence_rule",
                "recurrence_from",
                "recurrence_anchor",
                "reminders",
                "next_reminder_at"
            ]
        );
        assert_eq!(names::<tasks::Entity>().len(), <tasks::Model as FromSqlite>::COLUMNS);
        assert_eq!(
            names::<users::Entity>(),
            [
                "id",
                "email",
                "name",
                "email_verified",
                "image",
                "time_zone",
                "created_at",
                "updated_at",
                "tasks_version",
                "default_reminder_minutes",
                "email_reminders"
            ]
        );
        assert_eq!(names::<users::Entity>().len(), <users::Model as FromSqlite>::COLUMNS);
        assert_eq!(
            names::<api_tokens::Entity>(),
            [
                "id",
                "user_id",
                "name",
                "token_hash",
                "created_at",
                "last_used_at",
                "expires_at"
            ]
        );
        assert_eq!(
            names::<api_tokens::Entity>().len(),
            <api_tokens::Model as FromSqlite>::COLUMNS
        );
    }

    fn locked_database() -> (tempfile::TempDir, std::path::PathBuf, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("locked.db");
        let writer = Connection::open(&path).unwrap();
        writer
            .execute_batch(
                "CREATE TABLE users (id TEXT, email TEXT, name TEXT, email_verified INTEGER, image TEXT,
                     time_zone TEXT, created_at INTEGER, updated_at INTEGER, tasks_version INTEGER,
                     default_reminder_minutes INTEGER, email_reminders INTEGER);
                 INSERT INTO users VALUES ('u1', 'a@example.com', 'A', 0, NULL, 'UTC', 1, 2, 7, 0, 0);
                 BEGIN EXCLUSIVE;",
            )
            .unwrap();
        // A rollback journal (not WAL): the exclusive lock keeps readers out.
        (dir, path, writer)
    }

    fn select_users() -> Statement {
        use sea_orm::{DbBackend, QueryTrait};
        users::Entity::find().build(DbBackend::Sqlite)
    }

    /// A read that would have to wait for a lock leaves the async worker and waits on a
    /// blocking thread, up to the busy timeout; then it answers.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_locked_read_waits_on_a_blocking_thread() {
        let (_dir, path, writer) = locked_database();
        let reader = Arc::new(SqliteReader::new(SqliteFile {
            path,
            max_connections: 2,
            busy_timeout: Duration::from_secs(10),
            acquire_timeout: Duration::from_secs(10),
        }));
        let started = std::time::Instant::now();
        let unlock = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            writer.execute_batch("COMMIT").unwrap();
        });
        let rows: Vec<users::Model> = reader.all(select_users()).await.unwrap();
        assert!(
            started.elapsed() >= Duration::from_millis(250),
            "it waited for the lock"
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].email, "a@example.com");
        assert!(!rows[0].email_verified);
        assert_eq!(rows[0].image, None);
        assert_eq!(rows[0].tasks_version, 7);
        unlock.join().unwrap();
    }

    /// A lock held past the busy timeout is a 503, never a hang.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_lock_held_past_the_busy_timeout_is_unavailable() {
        let (_dir, path, _writer) = locked_database();
        let reader = Arc::new(SqliteReader::new(SqliteFile {
            path,
            max_connections: 2,
            busy_timeout: Duration::from_millis(200),
            acquire_timeout: Duration::from_secs(10),
        }));
        let result: Result<Vec<users::Model>, AppError> = reader.all(select_users()).await;
        assert!(matches!(result, Err(AppError::Unavailable)), "{result:?}");
    }

    #[test]
    fn values_bind_as_sqlite_stores_them() {
        assert_eq!(to_sql(&Value::Bool(Some(true))).unwrap(), SqlValue::Integer(1));
        assert_eq!(to_sql(&Value::SmallInt(Some(-3))).unwrap(), SqlValue::Integer(-3));
        assert_eq!(to_sql(&Value::String(None)).unwrap(), SqlValue::Null);
        assert_eq!(
            to_sql(&Value::String(Some("a".into()))).unwrap(),
            SqlValue::Text("a".into())
        );
        assert!(to_sql(&Value::BigUnsigned(Some(u64::MAX))).is_err());
    }
}
