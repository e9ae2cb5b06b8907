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
        });
    let db = Database::connect(options)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
    Ok(db)
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
    fn sqlite_paths() {
        assert_eq!(
            super::sqlite_file_path("sqlite://data/x.db?mode=rwc").as_deref(),
            Some("data/x.db")
        );
        assert_eq!(super::sqlite_file_path("sqlite::memory:"), None);
        assert_eq!(super::sqlite_file_path("postgres://a@b/c"), None);
    }
}
