//! Test helpers: the real app on port 0 with a fresh database — a SQLite file in a temp dir,
//! or, when `TEST_POSTGRES_URL` is set, a new database on that PostgreSQL server.
use std::collections::HashMap;
use std::net::SocketAddr;

use leptos::config::LeptosOptions;
use reqwest::header::{HeaderMap, HeaderValue};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use taskpilot::server::config::Config;
use taskpilot::server::startup::Application;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub const PASSWORD: &str = "correct horse battery staple";

/// A fresh, empty database; keeps its temp dir alive as long as it lives.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn new() -> Self {
        match std::env::var("TEST_POSTGRES_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!("t_{}", uuid::Uuid::now_v7().simple());
                let admin = Database::connect(&admin_url)
                    .await
                    .expect("connect to the test PostgreSQL server");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create database");
                admin.close().await.ok();
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(b, _)| b)
                    .expect("a database URL with a path");
                Self {
                    url: format!("{base}/{name}"),
                    _dir: None,
                }
            }
            _ => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
                Self { url, _dir: Some(dir) }
            }
        }
    }

    /// A database that exists already (whoever made it keeps it alive), at `url`.
    pub fn at(url: String) -> Self {
        Self { url, _dir: None }
    }

    pub async fn connect(&self) -> DatabaseConnection {
        Database::connect(&self.url)
            .await
            .expect("connect to the test database")
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    handle: Option<JoinHandle<()>>,
}

impl TestApp {
    /// The app on a fresh database with rate limits off.
    pub async fn spawn() -> (Self, TestDb) {
        let db = TestDb::new().await;
        let app = Self::spawn_on(&db, &[]).await;
        (app, db)
    }

    /// The app on `db`, with extra environment settings.
    pub async fn spawn_on(db: &TestDb, env: &[(&str, &str)]) -> Self {
        let mut vars: HashMap<String, String> = HashMap::from([
            ("DATABASE_URL".into(), db.url.clone()),
            ("LEPTOS_SITE_ADDR".into(), "127.0.0.1:0".into()),
            ("RATE_LIMIT_LOGIN_PER_EMAIL".into(), "0".into()),
            ("RATE_LIMIT_LOGIN_PER_IP".into(), "0".into()),
            ("RATE_LIMIT_SIGNUP_PER_IP".into(), "0".into()),
            ("DATABASE_MAX_CONNECTIONS".into(), "4".into()),
        ]);
        for (k, v) in env {
            vars.insert((*k).into(), (*v).into());
        }
        let config = Config::from_lookup(|k| vars.get(k).cloned()).expect("valid test configuration");
        let app = Application::build(config, Self::options(env))
            .await
            .expect("the app starts");
        let addr = app.local_addr().expect("bound address");
        let (tx, rx) = oneshot::channel::<()>();
        let handle = tokio::spawn(async move {
            app.run_until(async {
                let _ = rx.await;
            })
            .await
            .expect("the app runs");
        });
        Self {
            addr,
            shutdown: Some(tx),
            handle: Some(handle),
        }
    }

    /// The site's options: `target/site`, unless the test names another `LEPTOS_SITE_ROOT`;
    /// hashed file names when it sets `LEPTOS_HASH_FILES=true`.
    pub fn options(env: &[(&str, &str)]) -> LeptosOptions {
        let get = |key: &str| env.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        LeptosOptions::builder()
            .output_name("taskpilot")
            .site_root(get("LEPTOS_SITE_ROOT").unwrap_or("target/site"))
            .hash_files(get("LEPTOS_HASH_FILES") == Some("true"))
            .build()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A client that keeps cookies and sends our Origin on every request, as a browser would.
    pub fn client(&self) -> reqwest::Client {
        let mut headers = HeaderMap::new();
        headers.insert("origin", HeaderValue::from_str(&self.origin()).expect("origin header"));
        reqwest::Client::builder()
            .cookie_store(true)
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// Signs up a new user with `client`; returns the user's id.
    pub async fn signup(&self, client: &reqwest::Client, email: &str) -> String {
        let res = client
            .post(self.url("/api/v1/auth/signup"))
            .json(&serde_json::json!({"email": email, "password": PASSWORD, "name": "Test"}))
            .send()
            .await
            .expect("signup request");
        assert_eq!(res.status(), 201, "signup of {email}");
        let body: serde_json::Value = res.json().await.expect("json");
        body["user"]["id"].as_str().expect("user id").to_owned()
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(handle) = self.handle.take() {
            handle.await.expect("the app stops cleanly");
        }
    }
}

/// The value of the session cookie a response set, if any.
pub fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("taskpilot="))
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim_start_matches("taskpilot=").to_owned())
        .filter(|v| !v.is_empty())
}

/// A client with no cookie jar that presents exactly `cookie` as the session.
pub fn client_with_cookie(app: &TestApp, cookie: &str) -> reqwest::Client {
    let mut headers = HeaderMap::new();
    headers.insert("origin", HeaderValue::from_str(&app.origin()).expect("origin"));
    headers.insert(
        "cookie",
        HeaderValue::from_str(&format!("taskpilot={cookie}")).expect("cookie"),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The JSON body of a GET.
pub async fn get_json(client: &reqwest::Client, url: String) -> serde_json::Value {
    client
        .get(url)
        .send()
        .await
        .expect("GET request")
        .json()
        .await
        .expect("a JSON body")
}

/// The text of a page, as `client` gets it.
pub async fn get_text(client: &reqwest::Client, url: String) -> String {
    client
        .get(url)
        .send()
        .await
        .expect("GET request")
        .text()
        .await
        .expect("a text body")
}

/// Where a GET is sent on (a client that follows no redirect): its status and `Location`.
pub async fn redirect_of(client: &reqwest::Client, url: String) -> (u16, String) {
    let res = client.get(url).send().await.expect("GET request");
    let location = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (res.status().as_u16(), location)
}

pub async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            sql.to_owned(),
        ))
        .await
        .expect("count query")
        .expect("a row");
    row.try_get_by_index::<i64>(0).expect("a count")
}
