//! The limits that hold everywhere: unknown parameters and control characters refused by name,
//! quotas, rate limits counted before the hash, tokens that cannot mint tokens, stale edits,
//! Undo that restores only what was deleted, and the headers of authenticated answers.
use futures::future::join_all;
use serde_json::{json, Value};

use crate::helpers::{count, get_json, TestApp, TestDb, PASSWORD};

async fn status_and_body(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn unknown_parameters_and_control_characters_are_named_and_nothing_is_written() {
    let (app, db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "ctl@example.com").await;
    for path in [
        "/api/v1/tasks?junk=1",
        "/api/v1/tasks?status=open&statuz=open",
        "/api/v1/conversations?page=2",
    ] {
        let (status, body) = status_and_body(client.get(app.url(path)).send().await.unwrap()).await;
        assert_eq!(status, 422, "{path}");
        let field = body["error"]["field"].as_str().unwrap();
        assert!(path.contains(&format!("{field}=")), "{path}: {field}");
    }
    let (status, body) = status_and_body(client.get(app.url("/api/v1/tasks?tag=a&tag=b")).send().await.unwrap()).await;
    assert_eq!((status, body["error"]["field"].as_str()), (422, Some("tag")));
    for (body, field) in [
        (json!({"title": "a\u{0}b"}), "title"),
        (json!({"title": "ok", "description": "nul \u{0} here"}), "description"),
        (json!({"title": "ok", "tags": ["a\u{7}"]}), "tags"),
        (json!({"title": "ok", "due_at": "0000-01-01T00:00:00Z"}), "due_at"),
        (json!({"title": "ok", "priority": "urgent"}), "priority"),
    ] {
        let (status, err) =
            status_and_body(client.post(app.url("/api/v1/tasks")).json(&body).send().await.unwrap()).await;
        assert_eq!((status, err["error"]["field"].as_str()), (422, Some(field)), "{body}");
    }
    let (status, err) = status_and_body(
        client
            .post(app.url("/api/v1/chat"))
            .json(&json!({"message": "add milk \u{0}"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, err["error"]["field"].as_str()), (422, Some("message")));
    let conn = db.connect().await;
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM tasks").await, 0);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM messages").await, 0);
    // a conversation title with a NUL is refused by name, and the old title stays
    let turn: Value = client
        .post(app.url("/api/v1/chat"))
        .json(&json!({"message": "hello"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = turn["conversation_id"].as_str().unwrap();
    let res = client
        .post(app.url("/api/rename_conversation"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("id={id}&title=a%00b"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let list = get_json(&client, app.url("/api/v1/conversations")).await;
    assert_eq!(list["items"][0]["title"], "hello");
    // the builtin reader's old panics are answers now
    for message in ["complete 丸ed", "i 丸ed x"] {
        let res = client
            .post(app.url("/api/v1/chat"))
            .json(&json!({"message": message}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{message}");
    }
    app.stop().await;
}

#[tokio::test]
async fn quotas_refuse_with_a_clear_answer_and_write_nothing() {
    let db = TestDb::new().await;
    let app = TestApp::spawn_on(
        &db,
        &[
            ("QUOTA_TASKS", "3"),
            ("QUOTA_CONVERSATIONS", "2"),
            ("QUOTA_TOKENS", "2"),
            ("QUOTA_MESSAGES_PER_DAY", "3"),
        ],
    )
    .await;
    let client = app.client();
    app.signup(&client, "quota@example.com").await;
    for i in 0..3 {
        let res = client
            .post(app.url("/api/v1/tasks"))
            .json(&json!({"title": format!("t{i}")}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let (status, body) = status_and_body(
        client
            .post(app.url("/api/v1/tasks"))
            .json(&json!({"title": "one more"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 409);
    assert!(body["error"]["message"].as_str().unwrap().contains("limit of 3 tasks"));
    for i in 0..2 {
        let res = client
            .post(app.url("/api/v1/tokens"))
            .json(&json!({"name": format!("k{i}")}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let res = client
        .post(app.url("/api/v1/tokens"))
        .json(&json!({"name": "k3"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    // three messages a day: two new conversations, one more message, then 429
    for message in ["help", "help"] {
        let res = client
            .post(app.url("/api/v1/chat"))
            .json(&json!({"message": message}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }
    let (status, _) = status_and_body(
        client
            .post(app.url("/api/v1/chat"))
            .json(&json!({"message": "what can you do"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 409, "a third conversation is over the conversation quota");
    let first: Value = get_json(&client, app.url("/api/v1/conversations")).await;
    let id = first["items"][0]["id"].as_str().unwrap().to_owned();
    let res = client
        .post(app.url("/api/v1/chat"))
        .json(&json!({"conversation_id": id, "message": "list"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = client
        .post(app.url("/api/v1/chat"))
        .json(&json!({"conversation_id": id, "message": "list again"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    let conn = db.connect().await;
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM tasks").await, 3);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM api_tokens").await, 2);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM conversations").await, 2);
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM messages WHERE role = 'user'").await,
        3
    );
    app.stop().await;

    // writes per minute: the 4th change in a minute is a 429, reads go on
    let app = TestApp::spawn_on(&db, &[("QUOTA_WRITES_PER_MINUTE", "3"), ("QUOTA_TASKS", "0")]).await;
    let client = app.client();
    app.signup(&client, "writer@example.com").await;
    for _ in 0..3 {
        let res = client
            .post(app.url("/api/v1/tasks"))
            .json(&json!({"title": "w"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let res = client
        .post(app.url("/api/v1/tasks"))
        .json(&json!({"title": "w"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    assert_eq!(client.get(app.url("/api/v1/tasks")).send().await.unwrap().status(), 200);
    app.stop().await;
}

#[tokio::test]
async fn parallel_wrong_passwords_get_no_more_tries_than_serial_ones() {
    let db = TestDb::new().await;
    let app = TestApp::spawn_on(&db, &[("RATE_LIMIT_LOGIN_PER_EMAIL", "5/15m")]).await;
    app.signup(&app.client(), "guess@example.com").await;
    let attempts = (0..20).map(|i| {
        let client = app.client();
        let url = app.url("/api/v1/auth/login");
        async move {
            client
                .post(url)
                .json(&json!({"email": "guess@example.com", "password": format!("guess number {i}")}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let statuses = join_all(attempts).await;
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 5, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 15, "{statuses:?}");
    app.stop().await;

    // re-authentication for account deletion counts as a sign-in attempt
    let app = TestApp::spawn_on(&db, &[("RATE_LIMIT_LOGIN_PER_EMAIL", "3/15m")]).await;
    let client = app.client();
    app.signup(&client, "keep@example.com").await;
    for _ in 0..3 {
        let res = client
            .delete(app.url("/api/v1/me"))
            .json(&json!({"password": "not it at all"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
    }
    let res = client
        .delete(app.url("/api/v1/me"))
        .json(&json!({"password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert_eq!(
        count(
            &db.connect().await,
            "SELECT COUNT(*) FROM users WHERE email = 'keep@example.com'"
        )
        .await,
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn ipv6_clients_share_a_limit_per_64() {
    let db = TestDb::new().await;
    let app = TestApp::spawn_on(&db, &[("RATE_LIMIT_SIGNUP_PER_IP", "2/1m"), ("TRUST_PROXY", "true")]).await;
    let mut statuses = Vec::new();
    for (i, ip) in [
        "2001:db8:7:7::1",
        "2001:db8:7:7:ffff::2",
        "2001:db8:7:7:1:2:3:4",
        "2001:db8:7:8::1",
    ]
    .iter()
    .enumerate()
    {
        let res = app
            .client()
            .post(app.url("/api/v1/auth/signup"))
            .header("x-forwarded-for", *ip)
            .json(&json!({"email": format!("v6-{i}@example.com"), "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
    }
    // three addresses of one /64 share two sign-ups; another /64 has its own
    assert_eq!(statuses, [201, 201, 429, 201]);
    app.stop().await;
}

#[tokio::test]
async fn a_token_cannot_mint_tokens_and_answers_are_never_cached() {
    let (app, db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "mint@example.com").await;
    let created: Value = client
        .post(app.url("/api/v1/tokens"))
        .json(&json!({"name": "script"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = created["value"].as_str().unwrap();
    let bearer = reqwest::Client::new();
    let res = bearer
        .post(app.url("/api/v1/tokens"))
        .bearer_auth(token)
        .json(&json!({"name": "forever"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(count(&db.connect().await, "SELECT COUNT(*) FROM api_tokens").await, 1);
    let res = bearer
        .get(app.url("/api/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert!(
        !res.headers().contains_key("strict-transport-security"),
        "no HSTS over plain HTTP"
    );
    let page = client.get(app.url("/tasks")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "no-store");
    app.stop().await;
    // with secure cookies the site is HTTPS-only and says so
    let app = TestApp::spawn_on(&db, &[("COOKIE_SECURE", "true")]).await;
    let page = reqwest::get(app.url("/login")).await.unwrap();
    assert!(page.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age="));
    app.stop().await;
}

#[tokio::test]
async fn undo_restores_only_what_was_deleted_and_stale_edits_conflict() {
    let (app, db) = TestApp::spawn().await;
    let a = app.client();
    let b = app.client();
    app.signup(&a, "undo-a@example.com").await;
    app.signup(&b, "undo-b@example.com").await;
    let task: Value = a
        .post(app.url("/api/v1/tasks"))
        .json(&json!({"title": "Pay rent", "description": "ÉCOLE fees", "tags": ["home"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = task["id"].as_str().unwrap().to_owned();
    // the text search folds all of Unicode, on SQLite too
    let found = get_json(&a, app.url("/api/v1/tasks?q=%C3%A9cole")).await;
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    let form = |client: &reqwest::Client, path: &str, body: String| {
        client
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    // an edit form opened before another change is refused, and writes nothing
    let opened_at = chrono::DateTime::parse_from_rfc3339(task["updated_at"].as_str().unwrap())
        .unwrap()
        .timestamp_millis();
    a.patch(app.url(&format!("/api/v1/tasks/{id}")))
        .json(&json!({"due_at": "2030-01-01T09:00:00Z"}))
        .send()
        .await
        .unwrap();
    let res = form(
        &a,
        "/api/update_task",
        format!("id={id}&updated_at={opened_at}&title=Pay+the+rent&priority=none"),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 409);
    let now = get_json(&a, app.url(&format!("/api/v1/tasks/{id}"))).await;
    assert_eq!(
        (now["title"].as_str(), now["due_at"].as_str()),
        (Some("Pay rent"), Some("2030-01-01T09:00:00Z"))
    );
    // the editor's emptied Repeats and Reminders (sent as `repeat=&reminders=`) stop both
    let repeating: Value = a
        .post(app.url("/api/v1/tasks"))
        .json(&json!({"title": "Water plants", "due_at": "2030-01-01T09:00:00Z",
            "recurrence": {"rule": "FREQ=DAILY"}, "reminders": [{"before_minutes": 10}]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rid = repeating["id"].as_str().unwrap().to_owned();
    assert_eq!(repeating["reminders"].as_array().unwrap().len(), 1);
    let res = form(
        &a,
        "/api/update_task",
        format!("id={rid}&title=Water+plants&due=2030-01-01T10:00&repeat=&reminders=&priority=none"),
    )
    .await
    .unwrap();
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.status()
    );
    let edited = get_json(&a, app.url(&format!("/api/v1/tasks/{rid}"))).await;
    assert_eq!(edited["recurrence"], Value::Null, "{edited}");
    assert_eq!(edited["reminders"], json!([]), "{edited}");
    // the editor's Due (a day) and Time: a day alone is that day without a time (the page shows
    // it so: the Time field empty), both together that moment, a time without a day is refused
    let edit_due = |due: &str, time: &str| {
        format!("id={rid}&title=Water+plants&due={due}&due_time={time}&repeat=&reminders=&priority=none")
    };
    let res = form(&a, "/api/update_task", edit_due("2030-01-02", "")).await.unwrap();
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.status()
    );
    let edited = get_json(&a, app.url(&format!("/api/v1/tasks/{rid}"))).await;
    assert_eq!(edited["due_at"], "2030-01-02T23:59:00Z", "{edited}");
    let page = a
        .get(app.url(&format!("/tasks?view=all&edit={rid}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let due_field = page.find("id=\"edit-due\"").expect("the editor's Due");
    let time_field = page.find("id=\"edit-due-time\"").expect("the editor's Time");
    assert!(
        page[due_field..time_field].contains("value=\"2030-01-02\""),
        "the Due field shows the day"
    );
    let time_tag = &page[time_field..time_field + page[time_field..].find('>').unwrap()];
    assert!(
        !time_tag.contains("value=") || time_tag.contains("value=\"\""),
        "no time shown for a day alone: {time_tag}"
    );
    // the filter panel shows the tag and the text searched, before any script runs (Apply
    // without JavaScript dropped them)
    let page = a
        .get(app.url("/tasks?tag=home&q=fees&sort=due"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for (field, value) in [("filter-tag", "home"), ("filter-q", "fees")] {
        let at = page.find(&format!("id=\"{field}\"")).expect(field);
        let tag = &page[at..at + page[at..].find('>').unwrap()];
        assert!(tag.contains(&format!("value=\"{value}\"")), "{tag}");
    }
    let res = form(&a, "/api/update_task", edit_due("2030-01-03", "07%3A45"))
        .await
        .unwrap();
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.status()
    );
    let edited = get_json(&a, app.url(&format!("/api/v1/tasks/{rid}"))).await;
    assert_eq!(edited["due_at"], "2030-01-03T07:45:00Z", "{edited}");
    let res = form(&a, "/api/update_task", edit_due("", "07%3A45")).await.unwrap();
    assert_eq!(res.status(), 422, "a field's error, as any other");
    assert!(res.text().await.unwrap().contains("Pick a day for that time"));
    let edited = get_json(&a, app.url(&format!("/api/v1/tasks/{rid}"))).await;
    assert_eq!(
        edited["due_at"], "2030-01-03T07:45:00Z",
        "a refused edit writes nothing"
    );
    // delete, then Undo by id: the same task, created when it was
    assert_eq!(
        form(&a, "/api/delete_task", format!("id={id}")).await.unwrap().status(),
        200
    );
    assert_eq!(
        form(&b, "/api/restore_task", format!("id={id}"))
            .await
            .unwrap()
            .status(),
        409,
        "not B's to restore"
    );
    let res = form(&a, "/api/restore_task", format!("id={id}")).await.unwrap();
    assert_eq!(res.status(), 200);
    let back = get_json(&a, app.url(&format!("/api/v1/tasks/{id}"))).await;
    assert_eq!(back["created_at"], task["created_at"]);
    assert_eq!(back["description"], "ÉCOLE fees");
    assert_eq!(
        form(&a, "/api/restore_task", format!("id={id}"))
            .await
            .unwrap()
            .status(),
        409,
        "only once"
    );
    // a made-up id restores nothing
    assert_eq!(
        form(&a, "/api/restore_task", "id=made-up".into())
            .await
            .unwrap()
            .status(),
        409
    );
    // calls that cannot be read are the client's error, not a 500, and write nothing
    for (path, body) in [
        ("/api/set_task_completed", format!("id={id}&completed=maybe")),
        ("/api/create_task", String::new()),
        ("/api/load_dashboard", "bad=1".to_owned()),
    ] {
        let (status, error) = status_and_body(form(&a, path, body).await.unwrap()).await;
        assert_eq!((status, error["kind"].as_str()), (400, Some("bad_request")), "{path}");
    }
    assert_eq!(
        count(&db.connect().await, "SELECT COUNT(*) FROM tasks").await,
        2,
        "the rent and the plants"
    );
    app.stop().await;
}

#[tokio::test]
async fn conversations_page_with_a_cursor() {
    let (app, _db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "pages@example.com").await;
    for _ in 0..3 {
        client
            .post(app.url("/api/v1/chat"))
            .json(&json!({"message": "help"}))
            .send()
            .await
            .unwrap();
    }
    let first = get_json(&client, app.url("/api/v1/conversations?limit=2")).await;
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = get_json(
        &client,
        app.url(&format!("/api/v1/conversations?limit=2&cursor={cursor}")),
    )
    .await;
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert!(second["next_cursor"].is_null());
    let mut ids: Vec<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["items"].as_array().unwrap())
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 3);
    app.stop().await;
}
