//! Opening the database: SQLite in WAL mode with a busy timeout and foreign keys, or PostgreSQL
//! through any URL (TLS as the URL's sslmode asks), then the pending migrations.
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};
use secrecy::ExposeSecret;

use super::config::Config;
use super::repo::SqliteFile;

pub async fn connect(config: &Config) -> anyhow::Result<DatabaseConnection> {
    let url = config.database_url.expose_secret();
    if let Some(path) = sqlite_file_path(url) {
        if let Some(dir) = std::path::Path::new(&path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| anyhow::anyhow!("cannot create the database directory {}: {e}", dir.display()))?;
        }
    }
    let (busy_timeout, max_size_mb) = (config.db_busy_timeout, config.db_max_size_mb);
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(config.db_max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(config.db_acquire_timeout)
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(move |opts| {
            let opts = opts
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(busy_timeout)
                .foreign_keys(true)
                .create_if_missing(true)
                .row_buffer_size(256);
            match max_size_mb {
                0 => opts,
                // the page size is 4 KiB
                mb => opts.pragma("max_page_count", (mb * 256).to_string()),
            }
        })
        .map_sqlx_sqlite_pool_opts(move |opts| {
            opts.after_connect(move |conn, _| {
                Box::pin(async move {
                    let mut handle = conn.lock_handle().await?;
                    busy::install(handle.as_raw_handle(), busy_timeout);
                    Ok(())
                })
            })
        });
    let db = Database::connect(options)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
    Ok(db)
}

/// How a SQLite connection waits for the write lock another connection holds.
///
/// SQLite's own handler (`sqlite3_busy_timeout`) sleeps 1, 2, 5, 10, 15, 20, 25, 25 … ms between
/// attempts, while a write here holds the lock for tens of microseconds: eight assistant turns
/// writing at once spent most of their time asleep after the lock was free (benches/RESULTS.md,
/// issue 14: p99 117–173 ms with SQLite's handler against 28–40 with this one, same code).
/// This one retries after 20 µs, doubling up to 1 ms, and gives up when the total would pass
/// the busy timeout, as SQLite's does.
mod busy {
    use std::ffi::{c_int, c_void};
    use std::ptr::NonNull;
    use std::time::Duration;

    use rusqlite::ffi;

    const FIRST_US: u64 = 20;
    const MAX_US: u64 = 1_000;

    /// The pause before attempt `n + 1`.
    pub(super) fn delay_us(n: u32) -> u64 {
        (FIRST_US << n.min(16)).min(MAX_US)
    }

    /// The time slept before attempt `n` (the sum of the pauses before it).
    pub(super) fn waited_us(n: u32) -> u64 {
        let doubling: u64 = (0..n.min(16)).map(delay_us).sum();
        doubling + u64::from(n.saturating_sub(16)) * MAX_US
    }

    /// Called by SQLite with the number of earlier attempts; 1 means "try again".
    unsafe extern "C" fn handler(timeout_ms: *mut c_void, attempts: c_int) -> c_int {
        let n = u32::try_from(attempts).unwrap_or(0);
        let limit_us = timeout_ms.addr() as u64 * 1_000;
        if waited_us(n) >= limit_us {
            return 0;
        }
        std::thread::sleep(Duration::from_micros(delay_us(n)));
        1
    }

    /// Replaces the connection's busy timeout with [`handler`], bounded by `timeout`.
    pub(super) fn install(db: NonNull<ffi::sqlite3>, timeout: Duration) {
        let timeout_ms = usize::try_from(timeout.as_millis()).unwrap_or(usize::MAX);
        // SAFETY: `db` is an open connection whose handle sqlx has locked for us, so no
        // statement runs on it meanwhile. The handler is a plain function that keeps no state,
        // and its argument is the timeout carried as an address that is never dereferenced.
        unsafe {
            ffi::sqlite3_busy_handler(db.as_ptr(), Some(handler), std::ptr::without_provenance_mut(timeout_ms));
        }
    }
}

/// The SQLite file to read through the repository's reader, when the database is one.
pub fn sqlite_reader(config: &Config) -> Option<SqliteFile> {
    sqlite_file_path(config.database_url.expose_secret()).map(|path| SqliteFile {
        path: path.into(),
        max_connections: config.db_max_connections,
        busy_timeout: config.db_busy_timeout,
        acquire_timeout: config.db_acquire_timeout,
    })
}

pub async fn migrate_up(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Answers whether the database responds to a trivial query.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}

/// The file path inside a `sqlite:` URL, if it names a file.
fn sqlite_file_path(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn busy_waits_start_short_and_stay_bounded() {
        use super::busy::{delay_us, waited_us};
        assert_eq!(delay_us(0), 20);
        assert_eq!(delay_us(1), 40);
        assert_eq!(delay_us(6), 1_000);
        assert_eq!(delay_us(u32::MAX), 1_000);
        assert_eq!(waited_us(0), 0);
        assert_eq!(waited_us(3), 20 + 40 + 80);
        // every pause counted once: the total is the sum of the pauses before it
        for n in 0..40 {
            assert_eq!(waited_us(n + 1), waited_us(n) + delay_us(n));
        }
        // a ten-second timeout is reached after about ten thousand attempts, never overflows
        assert!(waited_us(10_010) >= 10_000_000);
        assert!(waited_us(u32::MAX) > 0);
    }

    /// A write waits while another connection holds the write lock, and gives up at once when
    /// the busy timeout is zero — through the pool's own connections, as the server writes.
    #[tokio::test]
    async fn a_write_waits_for_the_lock_within_the_busy_timeout() {
        use sea_orm::ConnectionTrait;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("busy.db");
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let config = |secs: &str| {
            crate::server::config::Config::from_lookup(|key| match key {
                "DATABASE_URL" => Some(url.clone()),
                "DATABASE_BUSY_TIMEOUT_SECS" => Some(secs.to_owned()),
                _ => None,
            })
            .unwrap()
        };
        let patient = super::connect(&config("5")).await.unwrap();
        let impatient = super::connect(&config("0")).await.unwrap();
        patient.execute_unprepared("CREATE TABLE t (x INTEGER)").await.unwrap();

        let holder = rusqlite::Connection::open(&path).unwrap();
        holder
            .execute_batch("BEGIN IMMEDIATE; INSERT INTO t VALUES (1);")
            .unwrap();
        let refused = impatient.execute_unprepared("INSERT INTO t VALUES (2)").await;
        assert!(
            refused.as_ref().is_err_and(|e| e.to_string().contains("locked")),
            "{refused:?}"
        );
        let release = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            holder.execute_batch("COMMIT").unwrap();
        });
        patient.execute_unprepared("INSERT INTO t VALUES (3)").await.unwrap();
        release.join().unwrap();
        let rows = patient
            .query_all_raw(sea_orm::Statement::from_string(
                sea_orm::DatabaseBackend::Sqlite,
                "SELECT x FROM t ORDER BY x",
            ))
            .await
            .unwrap();
        let xs: Vec<i64> = rows.iter().map(|r| r.try_get_by_index(0).unwrap()).collect();
        assert_eq!(xs, [1, 3]);
    }

    #[test]
    fn sqlite_paths() {
        assert_eq!(
            super::sqlite_file_path("sqlite://data/x.db?mode=rwc").as_deref(),
            Some("data/x.db")
        );
        assert_eq!(super::sqlite_file_path("sqlite::memory:"), None);
        assert_eq!(super::sqlite_file_path("postgres://a@b/c"), None);
    }
}
