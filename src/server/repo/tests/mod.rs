//! Repository tests: the rules where they live, on a fresh SQLite file and — when
//! `TEST_POSTGRES_URL` names a server — on a fresh PostgreSQL database too. They need no HTTP
//! server and run in milliseconds.
#![allow(clippy::unwrap_used)] // tests fail loudly on purpose
#![allow(clippy::manual_is_multiple_of)] // `i % 3 == 0` reads as the table it describes

mod isolation;
mod lists;
mod projects;
mod recurrence;
mod reminders;
mod reminders_moved;
mod sessions;

use sea_orm::{ConnectionTrait, Database};

use super::{accounts, Db};
use crate::domain::user::Email;
use crate::server::auth::CurrentUser;
use crate::server::config::Config;
use crate::server::db;

/// One fresh, migrated database; keeps its temp dir alive as long as it lives.
pub(crate) struct Fresh {
    pub db: Db,
    pub backend: &'static str,
    /// Where it is, to open it again as another instance would.
    url: String,
    _dir: Option<tempfile::TempDir>,
}

impl Fresh {
    /// The same database opened again, with its own connections: a second instance.
    pub async fn another_instance(&self) -> Db {
        if self.backend == "sqlite" {
            let config = Config::from_lookup(|key| (key == "DATABASE_URL").then(|| self.url.clone())).unwrap();
            Db::new(db::connect(&config).await.unwrap(), db::sqlite_reader(&config))
        } else {
            Db::new(Database::connect(&self.url).await.unwrap(), None)
        }
    }
}

/// A fresh SQLite database, and a fresh PostgreSQL one when `TEST_POSTGRES_URL` is set.
pub(crate) async fn backends() -> Vec<Fresh> {
    let mut all = vec![sqlite().await];
    if let Some(admin_url) = std::env::var("TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty()) {
        all.push(postgres(&admin_url).await);
    }
    all
}

async fn sqlite() -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("repo.db").display());
    // opened exactly as the server opens it: WAL, foreign keys, busy timeout, the reader
    let config = Config::from_lookup(|key| (key == "DATABASE_URL").then(|| url.clone())).unwrap();
    let orm = db::connect(&config).await.unwrap();
    db::migrate_up(&orm).await.unwrap();
    Fresh {
        db: Db::new(orm, db::sqlite_reader(&config)),
        backend: "sqlite",
        url,
        _dir: Some(dir),
    }
}

async fn postgres(admin_url: &str) -> Fresh {
    let name = format!("r_{}", uuid::Uuid::now_v7().simple());
    let admin = Database::connect(admin_url).await.unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    admin.close().await.ok();
    let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap();
    let url = format!("{base}/{name}");
    let orm = Database::connect(&url).await.unwrap();
    db::migrate_up(&orm).await.unwrap();
    Fresh {
        db: Db::new(orm, None),
        backend: "postgres",
        url,
        _dir: None,
    }
}

/// A new user with this email, as the authentication layer would hand it over.
pub(crate) async fn user(db: &Db, email: &str) -> CurrentUser {
    user_in(db, email, "UTC").await
}

/// A user living in `time_zone` (an IANA name).
pub(crate) async fn user_in(db: &Db, email: &str, time_zone: &str) -> CurrentUser {
    let record = accounts::create_with_password(
        db.connection(),
        &Email::parse(email).unwrap(),
        "Test",
        "not-a-real-hash".into(),
        time_zone,
    )
    .await
    .unwrap();
    CurrentUser::for_tests(record)
}
