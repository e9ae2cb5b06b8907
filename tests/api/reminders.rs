//! Reminders, notifications and live events through the doors: a reminder set through the API
//! fires by itself within seconds and arrives on the event stream; notifications are listed and
//! read per user, and open their task; the settings; bad reminders are 422s by name; the stream
//! is capped, needs a credential and takes a bearer token (mail: `mail.rs`); two instances on one
//! database lose and double nothing; a server killed with SIGKILL while firing, then restarted, fires every reminder once;
//! on PostgreSQL, a change made through one instance streams from another.
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use futures::StreamExt;
use serde_json::{json, Value};

use crate::helpers::{count, get_json, get_text, redirect_of, TestApp, TestDb};

pub(crate) async fn send(req: reqwest::RequestBuilder) -> (u16, Value) {
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// An open event stream, read event by event.
struct Events {
    body: std::pin::Pin<Box<dyn futures::Stream<Item = reqwest::Result<Vec<u8>>> + Send>>,
    buffer: String,
}

impl Events {
    async fn open(req: reqwest::RequestBuilder) -> Self {
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream"));
        let mut events = Self {
            body: Box::pin(res.bytes_stream().map(|chunk| chunk.map(|b| b.to_vec()))),
            buffer: String::new(),
        };
        let (name, _) = events.next(Duration::from_secs(5)).await.expect("a first event");
        assert_eq!(name, "ready");
        events
    }

    /// The next event (name, data), skipping heartbeats; `None` after `wait`.
    async fn next(&mut self, wait: Duration) -> Option<(String, Value)> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut name = String::from("message");
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        name = v.trim().to_owned();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim());
                    }
                }
                if data.is_empty() {
                    continue; // a heartbeat comment
                }
                return Some((name, serde_json::from_str(&data).unwrap_or(Value::Null)));
            }
            let chunk = tokio::time::timeout_at(deadline, self.body.next()).await.ok()??.ok()?;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// The next event named `name`, within `wait`.
    async fn next_named(&mut self, name: &str, wait: Duration) -> Option<Value> {
        let deadline = Instant::now() + wait;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.next(left).await {
                Some((n, data)) if n == name => return Some(data),
                Some(_) => {}
                None => return None,
            }
        }
        None
    }
}

fn at(value: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(value.as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

#[tokio::test]
async fn a_reminder_fires_by_itself_and_streams_to_the_open_page() {
    let db = TestDb::new().await;
    let app = TestApp::spawn_on(&db, &[("EVENTS_STREAMS_PER_USER", "3")]).await;
    let (me, other) = (app.client(), app.client());
    app.signup(&me, "ring@example.com").await;
    app.signup(&other, "ring-other@example.com").await;
    let events_url = app.url("/api/v1/events");
    let mut mine = Events::open(me.get(&events_url)).await;
    let mut theirs = Events::open(other.get(&events_url)).await;

    let fire_at = Utc::now() + chrono::Duration::seconds(3);
    let (status, task) = send(me.post(app.url("/api/v1/tasks")).json(&json!({
        "title": "Call mom",
        "due_at": (Utc::now() + chrono::Duration::hours(1)).to_rfc3339(),
        "reminders": [{"at": fire_at.to_rfc3339()}, {"before_minutes": 10}]
    })))
    .await;
    assert_eq!(status, 201, "{task}");
    let id = task["id"].as_str().unwrap().to_owned();
    assert_eq!(task["reminders"].as_array().unwrap().len(), 2);
    assert_eq!(task["reminders"][0]["fired"], false);

    // the page hears of the new task, with the row
    let created = mine
        .next_named("task", Duration::from_secs(5))
        .await
        .expect("a task event");
    assert_eq!(
        (created["action"].as_str(), created["task"]["title"].as_str()),
        (Some("created"), Some("Call mom"))
    );

    // then, a few seconds later, of the notification
    let rung = mine
        .next_named("notification", Duration::from_secs(15))
        .await
        .expect("the reminder fired");
    let heard = Utc::now();
    let n = &rung["notification"];
    assert_eq!(
        (n["title"].as_str(), n["task_id"].as_str()),
        (Some("Call mom"), Some(id.as_str()))
    );
    assert_eq!(rung["unread"], 1);
    let late_by = heard - at(&n["fire_at"]);
    assert!(
        late_by < chrono::Duration::seconds(5),
        "fired {late_by} after its instant"
    );
    assert_eq!(n["late"], false);
    // the other user's stream heard nothing of mine
    if let Some((name, data)) = theirs.next(Duration::from_millis(300)).await {
        panic!("another user's stream got {name}: {data}");
    }

    // listed, unread, read
    let page = get_json(&me, app.url("/api/v1/notifications?unread=true")).await;
    assert_eq!(
        (page["items"].as_array().unwrap().len(), page["unread"].as_u64()),
        (1, Some(1))
    );
    let nid = page["items"][0]["id"].as_str().unwrap().to_owned();

    // the bell's link opens the task where it lives and marks the reminder read; someone
    // else following it learns nothing and marks nothing
    let link = app.url(&format!("/tasks/{id}?notification={nid}"));
    assert_eq!(
        redirect_of(&other, link.clone()).await,
        (303, "/tasks?gone=task".to_owned())
    );
    let gone = get_text(&other, app.url("/tasks?gone=task")).await;
    assert!(gone.contains("That task is no longer here"), "the notice");
    assert_eq!(get_json(&me, app.url("/api/v1/notifications")).await["unread"], 1);
    let signed_out = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (status, to) = redirect_of(&signed_out, link.clone()).await;
    assert_eq!(status, 303, "signed out");
    assert!(to.starts_with("/login?next=%2Ftasks%2F"), "{to}");
    let (status, to) = redirect_of(&me, link).await;
    assert_eq!((status, to.as_str()), (303, format!("/tasks?edit={id}").as_str()));
    let page_html = get_text(&me, app.url(&to)).await;
    assert!(
        page_html.contains("data-testid=\"edit-row\""),
        "the task's editor is open"
    );
    assert_eq!(get_json(&me, app.url("/api/v1/notifications")).await["unread"], 0);
    // a subtask in a project: that project, its parent unfolded
    let (_, project) = send(me.post(app.url("/api/v1/projects")).json(&json!({"name": "Family"}))).await;
    let pid = project["id"].as_str().unwrap();
    let (_, parent) = send(
        me.post(app.url("/api/v1/tasks"))
            .json(&json!({"title": "Plan the visit", "project_id": pid})),
    )
    .await;
    let (_, sub) = send(
        me.post(app.url("/api/v1/tasks"))
            .json(&json!({"title": "Book the table", "parent_id": parent["id"]})),
    )
    .await;
    let (parent_id, sub_id) = (parent["id"].as_str().unwrap(), sub["id"].as_str().unwrap());
    let (_, to) = redirect_of(&me, app.url(&format!("/tasks/{sub_id}"))).await;
    assert_eq!(to, format!("/tasks?project={pid}&open={parent_id}&edit={sub_id}"));
    let page_html = get_text(&me, app.url(&to)).await;
    assert!(
        page_html.contains("value=\"Book the table\""),
        "the subtask's editor is open"
    );
    let (_, to) = redirect_of(&me, app.url("/tasks/no-such-task")).await;
    assert_eq!(to, "/tasks?gone=task");
    // an old task in a project of more than a page of them: its title searched, its row shown
    for n in 0..50 {
        send(
            me.post(app.url("/api/v1/tasks"))
                .json(&json!({"title": format!("Chore {n}"), "project_id": pid})),
        )
        .await;
    }
    let (_, to) = redirect_of(&me, app.url(&format!("/tasks/{parent_id}"))).await;
    assert!(to.contains("&q=Plan%20the%20visit&"), "{to}");
    let page_html = get_text(&me, app.url(&to)).await;
    assert!(
        page_html.contains("value=\"Plan the visit\""),
        "the oldest task's editor is open"
    );

    let read_url = app.url(&format!("/api/v1/notifications/{nid}/read"));
    assert_eq!(send(other.post(&read_url)).await.0, 404, "not theirs");
    assert_eq!(
        get_json(&other, app.url("/api/v1/notifications")).await["items"],
        json!([])
    );
    let (status, read) = send(me.post(&read_url)).await;
    assert_eq!(status, 200);
    assert!(read["read_at"].is_string());
    let (status, all) = send(me.post(app.url("/api/v1/notifications/read-all"))).await;
    assert_eq!((status, all["marked"].as_u64()), (200, Some(0)));
    let fired = get_json(&me, app.url(&format!("/api/v1/tasks/{id}"))).await;
    assert_eq!(fired["reminders"][0]["fired"], true);
    assert_eq!(
        fired["reminders"][1]["fired"], false,
        "the one before the due date is still ahead"
    );

    // bad reminders are refused by name, and nothing is written
    let tasks_before = count(&db.connect().await, "SELECT COUNT(*) FROM tasks").await;
    for bad in [
        json!({"title": "x", "reminders": [{"before_minutes": 5}]}),
        json!({"title": "x", "due_at": "2030-01-01T09:00:00Z", "reminders": [{"before_minutes": 5, "at": "2030-01-01T08:00:00Z"}]}),
        json!({"title": "x", "reminders": [{"at": "tomorrow"}]}),
        json!({"title": "x", "due_at": "2030-01-01T09:00:00Z", "reminders": [{"before_minutes": 99999}]}),
        json!({"title": "x", "due_at": "2030-01-01T09:00:00Z", "reminders": (0..6).map(|m| json!({"before_minutes": m})).collect::<Vec<_>>()}),
        json!({"title": "x", "reminders": [{"minutes": 5}]}),
    ] {
        let (status, body) = send(me.post(app.url("/api/v1/tasks")).json(&bad)).await;
        assert_eq!(
            (status, body["error"]["field"].as_str()),
            (422, Some("reminders")),
            "{bad}: {body}"
        );
    }
    assert_eq!(
        count(&db.connect().await, "SELECT COUNT(*) FROM tasks").await,
        tasks_before
    );
    let (status, body) = send(me.get(app.url("/api/v1/notifications?limit=0"))).await;
    assert_eq!((status, body["error"]["field"].as_str()), (422, Some("limit")));

    // settings: the default reminder of new timed tasks
    let settings = get_json(&me, app.url("/api/v1/me/settings")).await;
    assert_eq!(
        settings,
        json!({"default_reminder_minutes": 0, "email_reminders": false})
    );
    let (status, body) = send(
        me.patch(app.url("/api/v1/me/settings"))
            .json(&json!({"default_reminder_minutes": 7})),
    )
    .await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (422, Some("default_reminder_minutes"))
    );
    let (status, body) = send(
        me.patch(app.url("/api/v1/me/settings"))
            .json(&json!({"default_reminder_minutes": 15})),
    )
    .await;
    assert_eq!((status, body["default_reminder_minutes"].as_u64()), (200, Some(15)));
    let (_, timed) = send(
        me.post(app.url("/api/v1/tasks"))
            .json(&json!({"title": "Timed", "due_at": "2030-01-01T09:00:00Z"})),
    )
    .await;
    assert_eq!(timed["reminders"][0]["before_minutes"], 15);
    let (status, off) = send(
        me.patch(app.url("/api/v1/me/settings"))
            .json(&json!({"default_reminder_minutes": null})),
    )
    .await;
    assert_eq!((status, off["default_reminder_minutes"].clone()), (200, Value::Null));
    let (_, plain) = send(
        me.post(app.url("/api/v1/tasks"))
            .json(&json!({"title": "Plain", "due_at": "2030-01-01T09:00:00Z"})),
    )
    .await;
    assert_eq!(plain["reminders"], json!([]));
    // PATCH sets the list whole
    let plain_url = app.url(&format!("/api/v1/tasks/{}", plain["id"].as_str().unwrap()));
    let (status, patched) = send(
        me.patch(&plain_url)
            .json(&json!({"reminders": [{"before_minutes": 60}]})),
    )
    .await;
    assert_eq!(
        (status, patched["reminders"][0]["before_minutes"].as_u64()),
        (200, Some(60))
    );
    assert_eq!(
        at(&patched["reminders"][0]["fire_at"]),
        at(&json!("2030-01-01T08:00:00Z"))
    );

    // the stream: a credential is needed; a bearer token will do; at most 3 per user
    let anonymous = reqwest::Client::new();
    assert_eq!(anonymous.get(&events_url).send().await.unwrap().status(), 401);
    let (_, token) = send(me.post(app.url("/api/v1/tokens")).json(&json!({"name": "phone"}))).await;
    let bearer = token["value"].as_str().unwrap();
    let _by_token = Events::open(anonymous.get(&events_url).bearer_auth(bearer)).await;
    let _third = Events::open(me.get(&events_url)).await;
    let res = me.get(&events_url).send().await.unwrap();
    assert_eq!(res.status(), 429, "a fourth stream for the same user");
    drop(_third);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let _again = Events::open(me.get(&events_url)).await;
    drop(mine);

    // the assistant: a timed task gets the default reminder; a reminder before a task it finds;
    // and a message it stores reaches the open stream (another device sees the thread grow)
    let mut by_token = Events::open(anonymous.get(&events_url).bearer_auth(bearer)).await;
    send(
        me.patch(app.url("/api/v1/me/settings"))
            .json(&json!({"default_reminder_minutes": 0})),
    )
    .await;
    let say = |message: &str| me.post(app.url("/api/v1/chat")).json(&json!({"message": message}));
    let (status, body) = send(say("remind me to call the plumber tomorrow at 5pm")).await;
    assert_eq!(status, 200, "{body}");
    let heard = by_token
        .next_named("message", Duration::from_secs(5))
        .await
        .expect("a message event");
    assert_eq!(heard["conversation_id"], body["conversation_id"]);
    let (_, body) = send(say("add dentist appointment friday 3pm")).await;
    assert!(
        body["reply"]["content"]
            .as_str()
            .unwrap()
            .contains("dentist appointment"),
        "{body}"
    );
    let (_, body) = send(say("remind me 10 minutes before the dentist appointment")).await;
    let text = body["reply"]["content"].as_str().unwrap();
    assert!(text.contains("10 min before"), "{text}");
    let list = get_json(&me, app.url("/api/v1/tasks?q=dentist")).await;
    let befores: Vec<u64> = list["items"][0]["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["before_minutes"].as_u64())
        .collect();
    assert_eq!(befores, [0, 10], "the default at the due time, and the one asked for");
    let list = get_json(&me, app.url("/api/v1/tasks?q=plumber")).await;
    assert_eq!(list["items"][0]["reminders"][0]["before_minutes"], 0);
    let (_, body) = send(say("remind me an hour before some task that is not there")).await;
    assert!(
        body["reply"]["content"].as_str().unwrap().contains("couldn't find"),
        "{body}"
    );
    app.stop().await;
}

#[tokio::test]
async fn two_instances_on_one_database_fire_each_reminder_once() {
    let db = TestDb::new().await;
    let a = TestApp::spawn_on(&db, &[]).await;
    let b = TestApp::spawn_on(&db, &[]).await;
    let me = a.client();
    a.signup(&me, "crowd@example.com").await;
    let soon = (Utc::now() + chrono::Duration::seconds(3)).to_rfc3339();
    let n = 100;
    for i in 0..n {
        let (status, _) = send(
            me.post(a.url("/api/v1/tasks"))
                .json(&json!({"title": format!("Task {i}"), "reminders": [{"at": soon}]})),
        )
        .await;
        assert_eq!(status, 201);
    }
    let conn = db.connect().await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while count(&conn, "SELECT COUNT(*) FROM notifications").await < n {
        assert!(Instant::now() < deadline, "not every reminder fired");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM notifications").await,
        n,
        "none twice"
    );
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM tasks WHERE next_reminder_at IS NOT NULL").await,
        0
    );
    // on PostgreSQL every instance streams every change: made through A, heard on B
    if db.url.starts_with("postgres") {
        let mut on_b = Events::open(me.get(b.url("/api/v1/events"))).await;
        let started = Instant::now();
        let (_, task) = send(
            me.post(a.url("/api/v1/tasks"))
                .json(&json!({"title": "Seen elsewhere"})),
        )
        .await;
        let heard = on_b
            .next_named("task", Duration::from_secs(5))
            .await
            .expect("B heard A's change");
        assert_eq!(heard["task"]["id"], task["id"]);
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "within a second: {:?}",
            started.elapsed()
        );
    }
    a.stop().await;
    b.stop().await;
}

/// A free loopback port, for a child process to listen on.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn server(db: &TestDb, port: u16) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_taskpilot"))
        .env("DATABASE_URL", &db.url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RATE_LIMIT_LOGIN_PER_IP", "0")
        .env("RATE_LIMIT_SIGNUP_PER_IP", "0")
        .env("QUOTA_WRITES_PER_MINUTE", "0")
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start the server")
}

async fn wait_up(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !reqwest::get(format!("http://127.0.0.1:{port}/healthz"))
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        assert!(Instant::now() < deadline, "the server did not come up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_server_killed_while_firing_fires_every_reminder_once_after_a_restart() {
    let db = TestDb::new().await;
    let port = free_port();
    let mut child = server(&db, port);
    wait_up(port).await;
    let origin = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(reqwest::header::HeaderMap::from_iter([(
            reqwest::header::ORIGIN,
            reqwest::header::HeaderValue::from_str(&origin).unwrap(),
        )]))
        .build()
        .unwrap();
    let res = client
        .post(format!("{origin}/api/v1/auth/signup"))
        .json(&json!({"email": "killed@example.com", "password": crate::helpers::PASSWORD, "name": "K"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    // 300 reminders in three waves, a second apart, and the server killed in the middle of them
    // (they start 10 s from now: a reminder whose instant passed before its task was written
    // never fires, and writing 300 tasks on a busy machine took more than 3 s)
    let start = Utc::now() + chrono::Duration::seconds(10);
    let n = 300;
    for i in 0..n {
        let at = start + chrono::Duration::milliseconds(1000 * (i % 3) + (i * 7) % 300);
        let res = client
            .post(format!("{origin}/api/v1/tasks"))
            .json(&json!({"title": format!("Task {i}"), "reminders": [{"at": at.to_rfc3339()}]}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let conn = db.connect().await;
    assert!(
        Utc::now() < start,
        "the tasks took longer to write than the lead before their reminders"
    );
    for kill_after_ms in [50_i64, 1_120, 2_200] {
        let left = (start + chrono::Duration::milliseconds(kill_after_ms)) - Utc::now();
        if let Ok(left) = left.to_std() {
            tokio::time::sleep(left).await;
        }
        child.kill().expect("SIGKILL");
        child.wait().ok();
        child = server(&db, port);
        wait_up(port).await;
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while count(&conn, "SELECT COUNT(*) FROM tasks WHERE next_reminder_at IS NOT NULL").await > 0 {
        assert!(Instant::now() < deadline, "reminders left unfired after the restarts");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM notifications").await,
        n,
        "every reminder once: none lost, none twice"
    );
    child.kill().ok();
    child.wait().ok();
}
