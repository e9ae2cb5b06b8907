//! Accounts and sessions: sign-up, sign-in, restarts, sign-out, rotation, expiry, tokens,
//! rate limits, identical failures, deletion, two instances, the page guard, the CLI.
use crate::helpers::{client_with_cookie, count, get_json, session_cookie, TestApp, TestDb, PASSWORD};

async fn login(app: &TestApp, client: &reqwest::Client, email: &str, password: &str) -> reqwest::Response {
    client
        .post(app.url("/api/v1/auth/login"))
        .json(&serde_json::json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_session_survives_a_restart_and_dies_at_sign_out() {
    let db = TestDb::new().await;
    let app = TestApp::spawn_on(&db, &[]).await;
    let client = app.client();
    app.signup(&client, "ann@example.com").await;
    let res = login(&app, &client, "ANN@example.com", PASSWORD).await;
    assert_eq!(res.status(), 200);
    let cookie = session_cookie(&res).expect("a session cookie");
    let me: serde_json::Value = client
        .get(app.url("/api/v1/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["email"], "ann@example.com");
    assert!(me["user"].get("password").is_none() && me["user"].get("password_hash").is_none());
    app.stop().await;

    // a new process on the same database still knows the session
    let app = TestApp::spawn_on(&db, &[]).await;
    let replay = client_with_cookie(&app, &cookie);
    let res = replay.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(res.status(), 200);

    let res = replay.post(app.url("/api/v1/auth/logout")).send().await.unwrap();
    assert_eq!(res.status(), 204);
    // the server forgot it: replaying the old cookie is refused
    let res = replay.get(app.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(res.status(), 401);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");
    assert_eq!(count(&db.connect().await, "SELECT COUNT(*) FROM sessions").await, 0);
    app.stop().await;
}

#[tokio::test]
async fn signing_in_gives_a_new_session_id() {
    let (app, _db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "ben@example.com").await;
    let first = session_cookie(&login(&app, &client, "ben@example.com", PASSWORD).await).unwrap();
    let second = session_cookie(&login(&app, &client, "ben@example.com", PASSWORD).await).unwrap();
    assert_ne!(first, second);
    // the session held before signing in again no longer works
    assert_eq!(
        client_with_cookie(&app, &first)
            .get(app.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        client_with_cookie(&app, &second)
            .get(app.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    app.stop().await;
}

#[tokio::test]
async fn an_expired_session_is_refused() {
    let (app, db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "cy@example.com").await;
    assert_eq!(client.get(app.url("/api/v1/me")).send().await.unwrap().status(), 200);
    let conn = db.connect().await;
    sea_orm::ConnectionTrait::execute_unprepared(&conn, "UPDATE sessions SET expires_at = 1000")
        .await
        .unwrap();
    assert_eq!(client.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401);
    app.stop().await;
}

#[tokio::test]
async fn passwords_are_stored_as_argon2id_with_owasp_parameters() {
    let (app, db) = TestApp::spawn().await;
    app.signup(&app.client(), "dee@example.com").await;
    let conn = db.connect().await;
    let row = sea_orm::ConnectionTrait::query_one_raw(
        &conn,
        sea_orm::Statement::from_string(conn.get_database_backend(), "SELECT password_hash FROM accounts"),
    )
    .await
    .unwrap()
    .unwrap();
    let hash: String = row.try_get_by_index(0).unwrap();
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
    assert!(!hash.contains(PASSWORD));
    app.stop().await;
}

#[tokio::test]
async fn bad_sign_up_input_gets_clear_errors_and_writes_nothing() {
    let (app, db) = TestApp::spawn().await;
    let client = app.client();
    let cases = [
        (
            serde_json::json!({"email": "not-an-email", "password": PASSWORD}),
            422,
            "email",
        ),
        (
            serde_json::json!({"email": "a@example.com", "password": "short"}),
            422,
            "password",
        ),
        (
            serde_json::json!({"email": "a@example.com", "password": "password123"}),
            422,
            "password",
        ),
        (
            serde_json::json!({"email": "a@example.com", "password": "x".repeat(257)}),
            422,
            "password",
        ),
        (serde_json::json!({"email": "a@example.com"}), 422, ""),
        (serde_json::json!({"email": 5, "password": PASSWORD}), 422, ""),
        (
            serde_json::json!({"email": "a@example.com", "password": PASSWORD, "time_zone": "Mars/Base"}),
            422,
            "time_zone",
        ),
    ];
    for (body, status, field) in cases {
        let res = client
            .post(app.url("/api/v1/auth/signup"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), status, "{body}");
        let err: serde_json::Value = res.json().await.unwrap();
        assert!(err["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
        if !field.is_empty() {
            assert_eq!(err["error"]["field"], field, "{body}");
        }
    }
    let res = client
        .post(app.url("/api/v1/auth/signup"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(count(&db.connect().await, "SELECT COUNT(*) FROM users").await, 0);

    // a zone in another case is the zone
    let res = app
        .client()
        .post(app.url("/api/v1/auth/signup"))
        .json(&serde_json::json!({"email": "zone@example.com", "password": PASSWORD, "time_zone": "europe/london"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(
        count(
            &db.connect().await,
            "SELECT COUNT(*) FROM users WHERE time_zone = 'Europe/London'"
        )
        .await,
        1
    );

    // a registered email gets the generic, friendly answer
    app.signup(&client, "taken@example.com").await;
    let res = app
        .client()
        .post(app.url("/api/v1/auth/signup"))
        .json(&serde_json::json!({"email": "Taken@Example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    let err: serde_json::Value = res.json().await.unwrap();
    assert_eq!(
        err["error"]["message"],
        "Could not create an account with these details. If you already have one, sign in."
    );
    assert_eq!(count(&db.connect().await, "SELECT COUNT(*) FROM users").await, 2);
    app.stop().await;
}

#[tokio::test]
async fn unknown_email_and_wrong_password_answer_identically() {
    let (app, _db) = TestApp::spawn().await;
    app.signup(&app.client(), "eve@example.com").await;
    let wrong = login(&app, &app.client(), "eve@example.com", "not the password").await;
    let unknown = login(&app, &app.client(), "nobody@example.com", "not the password").await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(wrong.status(), unknown.status());
    assert!(session_cookie(&wrong).is_none() && session_cookie(&unknown).is_none());
    assert_eq!(wrong.bytes().await.unwrap(), unknown.bytes().await.unwrap());
    app.stop().await;
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_email_and_per_client() {
    let db = TestDb::new().await;
    let app = TestApp::spawn_on(
        &db,
        &[
            ("RATE_LIMIT_LOGIN_PER_EMAIL", "3/15m"),
            ("RATE_LIMIT_LOGIN_PER_IP", "8/1m"),
        ],
    )
    .await;
    app.signup(&app.client(), "fay@example.com").await;
    for _ in 0..3 {
        assert_eq!(
            login(&app, &app.client(), "fay@example.com", "wrong password")
                .await
                .status(),
            401
        );
    }
    // the fourth try is refused even with the right password
    let res = login(&app, &app.client(), "fay@example.com", PASSWORD).await;
    assert_eq!(res.status(), 429);
    let retry: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    // (the refused try counts too, and this window's tries weigh into the next one: up to one
    // and a half windows; `rate_limit::retry_after_is_the_first_moment_an_attempt_passes`)
    assert!((1..=1800).contains(&retry), "{retry}");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    // other emails from the same client go on until the per-client limit (8 a minute)
    for i in 0..4 {
        assert_eq!(
            login(&app, &app.client(), &format!("other{i}@example.com"), "x")
                .await
                .status(),
            401
        );
    }
    assert_eq!(
        login(&app, &app.client(), "other9@example.com", "x").await.status(),
        429
    );
    app.stop().await;

    let app = TestApp::spawn_on(&db, &[("RATE_LIMIT_SIGNUP_PER_IP", "2/1m")]).await;
    for (i, status) in [(1, 201), (2, 201), (3, 429)] {
        let res = app
            .client()
            .post(app.url("/api/v1/auth/signup"))
            .json(&serde_json::json!({"email": format!("new{i}@example.com"), "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), status);
    }
    app.stop().await;
}

#[tokio::test]
async fn api_tokens_are_hashed_work_as_bearer_and_stop_when_revoked() {
    let (app, db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "gus@example.com").await;
    // an expiry outside 1..=3650 days is refused, 0 included (left out: it never expires)
    for days in [0, 3651] {
        let res = client
            .post(app.url("/api/v1/tokens"))
            .json(&serde_json::json!({"name": "odd", "expires_in_days": days}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{days}");
    }
    let res = client
        .post(app.url("/api/v1/tokens"))
        .json(&serde_json::json!({"name": "script", "expires_in_days": 30}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let created: serde_json::Value = res.json().await.unwrap();
    let value = created["value"].as_str().unwrap().to_owned();
    let id = created["token"]["id"].as_str().unwrap().to_owned();

    let conn = db.connect().await;
    assert_eq!(
        count(
            &conn,
            &format!("SELECT COUNT(*) FROM api_tokens WHERE token_hash = '{value}'")
        )
        .await,
        0
    );
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM api_tokens").await, 1);

    let script = reqwest::Client::new();
    let me: serde_json::Value = script
        .get(app.url("/api/v1/me"))
        .bearer_auth(&value)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["user"]["email"], "gus@example.com");
    // the list never shows the value
    let list = client
        .get(app.url("/api/v1/tokens"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("script") && !list.contains(&value));
    // a wrong token is 401
    assert_eq!(
        script
            .get(app.url("/api/v1/me"))
            .bearer_auth("tp_nope")
            .send()
            .await
            .unwrap()
            .status(),
        401
    );

    assert_eq!(
        client
            .delete(app.url(&format!("/api/v1/tokens/{id}")))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(
        script
            .get(app.url("/api/v1/me"))
            .bearer_auth(&value)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    // another user cannot revoke (or even see) someone else's token: 404
    let other = app.client();
    app.signup(&other, "hal@example.com").await;
    let res = client
        .post(app.url("/api/v1/tokens"))
        .json(&serde_json::json!({"name": "second"}))
        .send()
        .await
        .unwrap();
    let id2 = res.json::<serde_json::Value>().await.unwrap()["token"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        other
            .delete(app.url(&format!("/api/v1/tokens/{id2}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM api_tokens").await, 1);
    app.stop().await;
}

#[tokio::test]
async fn deleting_an_account_removes_every_row_and_needs_the_password() {
    let (app, db) = TestApp::spawn().await;
    let client = app.client();
    let id = app.signup(&client, "ivy@example.com").await;
    client
        .post(app.url("/api/v1/tokens"))
        .json(&serde_json::json!({"name": "t"}))
        .send()
        .await
        .unwrap();
    let second_browser = app.client();
    assert_eq!(
        login(&app, &second_browser, "ivy@example.com", PASSWORD).await.status(),
        200
    );
    let keeper = app.client();
    app.signup(&keeper, "kim@example.com").await;

    let res = client
        .delete(app.url("/api/v1/me"))
        .json(&serde_json::json!({"password": "wrong one"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let conn = db.connect().await;
    assert_eq!(
        count(&conn, &format!("SELECT COUNT(*) FROM users WHERE id = '{id}'")).await,
        1
    );

    let res = client
        .delete(app.url("/api/v1/me"))
        .json(&serde_json::json!({"password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    for table in [
        "users",
        "accounts",
        "sessions",
        "api_tokens",
        "tasks",
        "conversations",
        "messages",
    ] {
        let column = if table == "users" { "id" } else { "user_id" };
        assert_eq!(
            count(&conn, &format!("SELECT COUNT(*) FROM {table} WHERE {column} = '{id}'")).await,
            0,
            "{table}"
        );
    }
    assert_eq!(
        second_browser.get(app.url("/api/v1/me")).send().await.unwrap().status(),
        401
    );
    // the other user is untouched
    assert_eq!(keeper.get(app.url("/api/v1/me")).send().await.unwrap().status(), 200);
    app.stop().await;
}

#[tokio::test]
async fn two_instances_on_one_database_share_sessions_tasks_and_conversations() {
    let db = TestDb::new().await;
    let one = TestApp::spawn_on(&db, &[]).await;
    let two = TestApp::spawn_on(&db, &[]).await;
    let client = one.client();
    app_signup_and_cookie(&one, &client).await;
    let res = login(&one, &client, "jo@example.com", PASSWORD).await;
    let cookie = session_cookie(&res).unwrap();
    let res = client_with_cookie(&two, &cookie)
        .get(two.url("/api/v1/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let on_one = client_with_cookie(&one, &cookie);
    let on_two = client_with_cookie(&two, &cookie);
    // a task written through one is read, changed and listed through the other
    let task: serde_json::Value = on_one
        .post(one.url("/api/v1/tasks"))
        .json(&serde_json::json!({"title": "shared task"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = task["id"].as_str().unwrap();
    // one renders (and keeps) the list; a change through two must still show through one
    let listed = get_json(&on_one, one.url("/api/v1/tasks")).await;
    assert_eq!(listed["items"][0]["completed"], false);
    let res = on_two
        .patch(two.url(&format!("/api/v1/tasks/{id}")))
        .json(&serde_json::json!({"completed": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let listed = get_json(&on_one, one.url("/api/v1/tasks")).await;
    assert_eq!(listed["items"][0]["completed"], true);
    // a conversation started on one continues on two, with the builtin's memory ("it")
    let turn: serde_json::Value = on_one
        .post(one.url("/api/v1/chat"))
        .json(&serde_json::json!({"message": "add call the plumber"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let conversation = turn["conversation_id"].as_str().unwrap();
    let turn: serde_json::Value = on_two
        .post(two.url("/api/v1/chat"))
        .json(&serde_json::json!({"conversation_id": conversation, "message": "mark it done"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(turn["actions"][0]["kind"], "completed");
    let history: serde_json::Value = on_one
        .get(one.url(&format!("/api/v1/conversations/{conversation}/messages")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(history["items"].as_array().unwrap().len(), 4);
    // sign out through the second instance; the first no longer accepts the cookie
    assert_eq!(
        client_with_cookie(&two, &cookie)
            .post(two.url("/api/v1/auth/logout"))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(
        client_with_cookie(&one, &cookie)
            .get(one.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    one.stop().await;
    two.stop().await;
}

async fn app_signup_and_cookie(app: &TestApp, client: &reqwest::Client) {
    app.signup(client, "jo@example.com").await;
}

#[tokio::test]
async fn signed_in_pages_redirect_on_the_server() {
    let (app, _db) = TestApp::spawn().await;
    let client = app.client();
    for (path, location) in [
        ("/tasks", "/login?next=%2Ftasks"),
        ("/settings", "/login?next=%2Fsettings"),
        ("/tasks?status=open", "/login?next=%2Ftasks%3Fstatus%3Dopen"),
    ] {
        let res = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 303, "{path}");
        assert_eq!(res.headers()["location"], location, "{path}");
    }
    app.signup(&client, "lee@example.com").await;
    let res = client.get(app.url("/tasks")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("lee@example.com"));
    let res = client.get(app.url("/login?next=%2Fsettings")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/settings");
    // never to another site
    let res = client
        .get(app.url("/login?next=https%3A%2F%2Fevil.example"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/tasks");
    app.stop().await;
}

#[tokio::test]
async fn the_admin_cli_lists_and_deletes_users_and_sessions() {
    let (app, db) = TestApp::spawn().await;
    app.signup(&app.client(), "nia@example.com").await;
    app.signup(&app.client(), "oz@example.com").await;
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_taskpilot"))
            .args(args)
            .env("DATABASE_URL", &db.url)
            .env_remove("RUST_LOG")
            .output()
            .expect("run the binary");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, out, err) = run(&["users", "list"]);
    assert!(ok, "{err}");
    assert!(out.contains("nia@example.com") && out.contains("oz@example.com"));
    let (ok, out, _) = run(&["users", "show", "NIA@example.com"]);
    assert!(
        ok && out.contains("nia@example.com") && out.contains("sessions:   1"),
        "{out}"
    );
    let (ok, out, _) = run(&["sessions", "list"]);
    assert!(ok && out.lines().count() == 2, "{out}");
    let (ok, out, _) = run(&["sessions", "revoke", "oz@example.com"]);
    assert!(ok && out.contains("ended 1"), "{out}");
    let (ok, _, err) = run(&["users", "delete", "nobody@example.com"]);
    assert!(!ok && err.contains("no user"), "{err}");
    let (ok, _, _) = run(&["users", "delete", "nia@example.com"]);
    assert!(ok);
    let conn = db.connect().await;
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM users").await, 1);
    let (ok, out, _) = run(&["sessions", "revoke", "--all"]);
    assert!(ok && out.contains("ended 0"), "{out}");
    let (ok, out, _) = run(&["migrate", "status"]);
    assert!(ok && out.contains("create_users"), "{out}");
    app.stop().await;
}

#[tokio::test]
async fn changing_the_password_asks_the_old_one_and_signs_out_other_devices() {
    let (app, db) = TestApp::spawn().await;
    let here = app.client();
    app.signup(&here, "pw@example.com").await;
    let phone = app.client();
    assert_eq!(login(&app, &phone, "pw@example.com", PASSWORD).await.status(), 200);
    let token: serde_json::Value = here
        .post(app.url("/api/v1/tokens"))
        .json(&serde_json::json!({"name": "script"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = token["value"].as_str().unwrap().to_owned();
    let change = |client: &reqwest::Client, current: &str, new: &str| {
        client
            .post(app.url("/api/v1/me/password"))
            .json(&serde_json::json!({"current_password": current, "new_password": new}))
            .send()
    };
    // refused, and nothing changes: a wrong current password, a weak or unchanged new one
    for (current, new, field) in [
        ("not the password", "a brand new passphrase", "current_password"),
        (PASSWORD, "short", "new_password"),
        (PASSWORD, "password123", "new_password"),
        (PASSWORD, PASSWORD, "new_password"),
    ] {
        let res = change(&here, current, new).await.unwrap();
        assert_eq!(res.status(), 422, "{new}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["error"]["field"], field, "{body}");
    }
    // a token cannot change it
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/me/password"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"current_password": PASSWORD, "new_password": "a brand new passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(
        get_json(&phone, app.url("/api/v1/me")).await["user"]["email"],
        "pw@example.com"
    );

    let res = change(&here, PASSWORD, "a brand new passphrase").await.unwrap();
    assert_eq!(res.status(), 204);
    // this browser goes on under a new session; the other device is signed out
    assert_eq!(here.get(app.url("/api/v1/me")).send().await.unwrap().status(), 200);
    assert_eq!(phone.get(app.url("/api/v1/me")).send().await.unwrap().status(), 401);
    assert_eq!(count(&db.connect().await, "SELECT COUNT(*) FROM sessions").await, 1);
    // the old password no longer signs in, the new one does; the token still works
    assert_eq!(
        login(&app, &app.client(), "pw@example.com", PASSWORD).await.status(),
        401
    );
    assert_eq!(
        login(&app, &app.client(), "pw@example.com", "a brand new passphrase")
            .await
            .status(),
        200
    );
    let res = reqwest::Client::new()
        .get(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    app.stop().await;
}
