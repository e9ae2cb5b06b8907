//! Fault behaviour: a SQLite file locked by another process, a database that cannot be reached,
//! a full disk. Each ends in a clear error with nothing half-written, and the app recovers by
//! itself once the fault is gone. (Model providers that hang or fail: `providers.rs`.)
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::helpers::{count, TestApp, TestDb};

fn is_postgres(db: &TestDb) -> bool {
    db.url.starts_with("postgres")
}

async fn create(app: &TestApp, client: &reqwest::Client, title: &str) -> reqwest::Response {
    client
        .post(app.url("/api/v1/tasks"))
        .json(&json!({"title": title}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_sqlite_file_locked_by_another_process_gives_503_then_recovers() {
    let db = TestDb::new().await;
    if is_postgres(&db) {
        return; // a SQLite file lock; the PostgreSQL run covers an unreachable server below
    }
    let app = TestApp::spawn_on(&db, &[("DATABASE_BUSY_TIMEOUT_SECS", "2")]).await;
    let client = app.client();
    app.signup(&client, "locked@example.com").await;
    assert_eq!(create(&app, &client, "before the lock").await.status(), 201);

    // Another process takes the write lock and holds it for 6 s.
    let path = db
        .url
        .trim_start_matches("sqlite://")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let mut holder = tokio::process::Command::new("python3")
        .args([
            "-c",
            "import sqlite3, sys, time\n\
             c = sqlite3.connect(sys.argv[1], isolation_level=None)\n\
             c.execute('BEGIN EXCLUSIVE')\n\
             print('locked', flush=True)\n\
             time.sleep(6)\n\
             c.execute('COMMIT')\n",
            &path,
        ])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("python3 runs");
    let mut line = String::new();
    BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut line)
        .await
        .unwrap();
    assert_eq!(line.trim(), "locked");

    // A write waits for the lock (the busy timeout), then gets a clear 503.
    let started = Instant::now();
    let res = create(&app, &client, "during the lock").await;
    let waited = started.elapsed();
    assert_eq!(res.status(), 503);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unavailable");
    assert!(waited >= Duration::from_millis(1500), "it waited {waited:?} first");
    // Reads go on meanwhile (WAL).
    let res = client.get(app.url("/api/v1/tasks")).send().await.unwrap();
    assert_eq!(res.status(), 200);

    holder.wait().await.unwrap();
    assert_eq!(create(&app, &client, "after the lock").await.status(), 201);
    let conn = db.connect().await;
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM tasks").await, 2);
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM tasks WHERE title = 'during the lock'").await,
        0
    );
    app.stop().await;
}

#[tokio::test]
async fn a_full_disk_is_a_clear_error_with_nothing_half_written() {
    let db = TestDb::new().await;
    if is_postgres(&db) {
        return; // the size cap is SQLite's (max_page_count)
    }
    let app = TestApp::spawn_on(&db, &[("DATABASE_MAX_SIZE_MB", "1")]).await;
    let client = app.client();
    app.signup(&client, "full@example.com").await;
    let filler = "x".repeat(3_900);
    let mut created = 0;
    let mut full = None;
    for i in 0..400 {
        let res = client
            .post(app.url("/api/v1/tasks"))
            .json(&json!({"title": format!("filler {i}"), "description": filler}))
            .send()
            .await
            .unwrap();
        match res.status().as_u16() {
            201 => created += 1,
            _ => {
                full = Some((res.status().as_u16(), res.json::<Value>().await.unwrap()));
                break;
            }
        }
    }
    let (status, body) = full.expect("the 1 MiB database fills up");
    assert_eq!(status, 507, "{body}");
    assert_eq!(body["error"]["code"], "storage_full");
    assert!(body["error"]["message"].as_str().unwrap().contains("nothing was saved"));
    assert!(created > 50, "only {created} tasks fit");
    // Exactly the acknowledged tasks exist, and reading still works.
    let conn = db.connect().await;
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM tasks").await, created);
    let res = client.get(app.url("/api/v1/tasks?limit=1")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    // The assistant fails the same clear way and keeps nothing half-done.
    let res = client
        .post(app.url("/api/v1/chat"))
        .json(&json!({"message": format!("add {}", "y".repeat(150))}))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let reply = res.text().await.unwrap();
    let made = count(&conn, "SELECT COUNT(*) FROM tasks WHERE title LIKE 'yyy%'").await;
    match status {
        507 => assert_eq!(made, 0, "a failed turn adds no task"),
        200 => assert_eq!(made, 1, "a turn that answered added its task once: {reply}"),
        other => panic!("unexpected {other}"),
    }
    // Making room makes writes work again, without a restart.
    let ids: Value = client
        .get(app.url("/api/v1/tasks?limit=20"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for task in ids["items"].as_array().unwrap() {
        let id = task["id"].as_str().unwrap();
        let res = client
            .delete(app.url(&format!("/api/v1/tasks/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204);
    }
    assert_eq!(create(&app, &client, "room again").await.status(), 201);
    let integrity: Vec<String> = {
        use sea_orm::{ConnectionTrait, Statement};
        conn.query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            "PRAGMA integrity_check",
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect()
    };
    assert_eq!(integrity, ["ok"]);
    app.stop().await;
}

/// A TCP proxy in front of PostgreSQL that can cut every connection and refuse new ones.
struct Proxy {
    port: u16,
    up: Arc<AtomicBool>,
    links: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Proxy {
    async fn start(upstream: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let links = Arc::new(Mutex::new(Vec::new()));
        let (flag, handles) = (up.clone(), links.clone());
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if !flag.load(Ordering::SeqCst) {
                    drop(inbound); // refused: the server is "down"
                    continue;
                }
                let upstream = upstream.clone();
                let link = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(&upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                handles.lock().unwrap().push(link);
            }
        });
        Self { port, up, links }
    }

    fn down(&self) {
        self.up.store(false, Ordering::SeqCst);
        for link in self.links.lock().unwrap().drain(..) {
            link.abort();
        }
    }

    fn up(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn an_unreachable_database_gives_503s_and_recovers_without_a_restart() {
    let db = TestDb::new().await;
    if !is_postgres(&db) {
        return; // a network fault: runs in the PostgreSQL pass of the test command
    }
    // postgres://user@host:port/name → the same through the proxy
    let (scheme_user, rest) = db.url.split_once('@').unwrap();
    let (host_port, name) = rest.split_once('/').unwrap();
    let proxy = Proxy::start(host_port.to_owned()).await;
    let via_proxy = TestDb::at(format!("{scheme_user}@127.0.0.1:{}/{name}", proxy.port));
    let app = TestApp::spawn_on(&via_proxy, &[("DATABASE_ACQUIRE_TIMEOUT_SECS", "2")]).await;
    let client = app.client();
    let cookie = app.signup(&client, "outage@example.com").await;
    assert!(!cookie.is_empty());
    assert_eq!(create(&app, &client, "before the outage").await.status(), 201);

    proxy.down();
    let health = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(health.status(), 503);
    let res = create(&app, &client, "during the outage").await;
    assert_eq!(res.status(), 503);
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["code"], "unavailable");
    // A page answers with a friendly error, not a crash.
    let page = client.get(app.url("/tasks")).send().await.unwrap();
    assert_eq!(page.status(), 503);
    let html = page.text().await.unwrap();
    assert!(html.contains("temporarily unavailable"), "{html}");

    proxy.up();
    let mut healthy = false;
    for _ in 0..50 {
        if reqwest::get(app.url("/healthz")).await.unwrap().status() == 200 {
            healthy = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(healthy, "/healthz recovers without a restart");
    assert_eq!(create(&app, &client, "after the outage").await.status(), 201);
    let list: Value = client
        .get(app.url("/api/v1/tasks"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let titles: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["after the outage", "before the outage"]);
    app.stop().await;
}
