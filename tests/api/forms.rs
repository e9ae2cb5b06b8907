//! Forms posted without JavaScript: Leptos answers a server function's form post with a
//! redirect back to its page, the error in the address; what comes back is checked here.
use serde_json::{json, Value};

use crate::helpers::{count, get_text, session_cookie, TestApp, PASSWORD};

/// Posts `body` to `url` as a browser without JavaScript does: a form, from the page at
/// `referer`, HTML accepted.
async fn post_form(
    client: &reqwest::Client,
    url: String,
    referer: String,
    body: impl Into<String>,
) -> reqwest::Response {
    client
        .post(url)
        .header("accept", "text/html")
        .header("referer", referer)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.into())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn server_function_forms_work_without_javascript() {
    let (app, db) = TestApp::spawn().await;
    let client = app.client();
    let form = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", taskpilot::domain::encode_query_value(v)))
            .collect::<Vec<_>>()
            .join("&")
    };
    let res = post_form(
        &client,
        app.url("/api/signup"),
        app.url("/signup"),
        form(&[
            ("name", "Max"),
            ("email", "max@example.com"),
            ("password", PASSWORD),
            ("next", "/settings"),
        ]),
    )
    .await;
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/settings");
    assert_eq!(client.get(app.url("/settings")).send().await.unwrap().status(), 200);
    // a failed sign-in goes back to the form with the error, and sets no session
    let res = post_form(
        &app.client(),
        app.url("/api/login"),
        app.url("/login"),
        form(&[("email", "max@example.com"), ("password", "wrong password")]),
    )
    .await;
    assert_eq!(res.status(), 302);
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with(&app.url("/login?")));
    assert!(session_cookie(&res).is_none());
    assert_eq!(count(&db.connect().await, "SELECT COUNT(*) FROM sessions").await, 1);
    // with no time zone (no JavaScript to read it) and no `next`: the dashboard says it is UTC
    let unzoned = app.client();
    let res = post_form(
        &unzoned,
        app.url("/api/signup"),
        app.url("/signup"),
        form(&[
            ("email", "nojs-zone@example.com"),
            ("password", PASSWORD),
            ("time_zone", ""),
        ]),
    )
    .await;
    assert_eq!(res.headers()["location"], "/tasks?zone=unset");
    let page = get_text(&unzoned, app.url("/tasks?zone=unset")).await;
    assert!(page.contains("data-testid=\"zone-unset\""), "the notice is there");
    let page = get_text(&unzoned, app.url("/tasks")).await;
    assert!(!page.contains("data-testid=\"zone-unset\""), "once");

    // without JavaScript, a task the form put in another project goes to that project's list
    // (the browser would come back to the Inbox, where it is not); one that stays, back
    let bills: Value = client
        .post(app.url("/api/v1/projects"))
        .json(&json!({"name": "Bills"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let bills = bills["id"].as_str().unwrap();
    let add = |body: &'static str, referer: String| post_form(&client, app.url("/api/create_task"), referer, body);
    let res = add("title=Pay+water+%2Bbills&project=&view=", app.url("/tasks")).await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(res.headers()["location"], format!("/tasks?project={bills}").as_str());
    let res = add("title=Buy+stamps&project=&view=", app.url("/tasks")).await;
    assert!(res.status().is_redirection(), "{}", res.status());
    let back = res.headers()["location"].to_str().unwrap();
    assert!(back.ends_with("/tasks"), "no bare question mark: {back}");

    // a quick-add that fails comes back with its error once, however many tries, and with what
    // was typed in the field
    let res = add(
        "title=feb+30+party+%26+cake&project=&view=",
        app.url("/tasks?view=today"),
    )
    .await;
    let back = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        back.contains("view=today") && back.contains("__title=feb+30+party+%26+cake"),
        "{back}"
    );
    let res = add("title=renew+card+%2Badmin&project=&view=", back.clone()).await;
    let again = res.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(again.matches("__err=").count(), 1, "{again}");
    assert_eq!(again.matches("__path=").count(), 1, "{again}");
    assert_eq!(again.matches("__title=").count(), 1, "{again}");
    assert!(again.contains("__title=renew+card+%2Badmin"), "{again}");
    assert!(
        again.starts_with(&app.url("/tasks?")),
        "back where it was posted from: {again}"
    );
    let page = get_text(&client, again.clone()).await;
    assert!(
        page.contains("You have no project called “admin”"),
        "the error is shown"
    );
    assert!(page.contains("value=\"renew card +admin\""), "the title is kept");
    // the next add that works leaves neither behind
    let res = add("title=Renew+card&project=&view=", again).await;
    let clean = res.headers()["location"].to_str().unwrap();
    assert!(clean.ends_with("/tasks?view=today"), "{clean}");

    // a settings form that worked says so on the page it comes back to; one that failed does not
    let zone = |body: &'static str| post_form(&client, app.url("/api/set_time_zone"), app.url("/settings"), body);
    let res = zone("time_zone=Asia%2FTokyo").await;
    let saved = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(saved.ends_with("/settings?__done=%2Fapi%2Fset_time_zone"), "{saved}");
    let page = get_text(&client, saved.clone()).await;
    assert!(page.contains("Time zone saved."));
    assert!(!page.contains("Reminders saved."), "only the form that was posted");
    let res = zone("time_zone=Mars%2FOlympus").await;
    let refused = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(refused.contains("__err=") && !refused.contains("__done"), "{refused}");
    let page = get_text(&client, refused.clone()).await;
    assert!(!page.contains("Time zone saved."));
    app.stop().await;
}
