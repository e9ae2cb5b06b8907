//! Forms posted without JavaScript: Leptos answers a server function's form post with a
//! redirect back to its page, the error in the address; what comes back is checked here.
use serde_json::{json, Value};

use crate::helpers::{count, session_cookie, TestApp, PASSWORD};

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
    let res = client
        .post(app.url("/api/signup"))
        .header("accept", "text/html")
        .header("referer", app.url("/signup"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("name", "Max"),
            ("email", "max@example.com"),
            ("password", PASSWORD),
            ("next", "/settings"),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/settings");
    assert_eq!(client.get(app.url("/settings")).send().await.unwrap().status(), 200);
    // a failed sign-in goes back to the form with the error, and sets no session
    let res = app
        .client()
        .post(app.url("/api/login"))
        .header("accept", "text/html")
        .header("referer", app.url("/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("email", "max@example.com"), ("password", "wrong password")]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 302);
    assert!(res.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with(&app.url("/login?")));
    assert!(session_cookie(&res).is_none());
    assert_eq!(count(&db.connect().await, "SELECT COUNT(*) FROM sessions").await, 1);
    // with no time zone (no JavaScript to read it) and no `next`: the dashboard says it is UTC
    let unzoned = app.client();
    let res = unzoned
        .post(app.url("/api/signup"))
        .header("accept", "text/html")
        .header("referer", app.url("/signup"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("email", "nojs-zone@example.com"),
            ("password", PASSWORD),
            ("time_zone", ""),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], "/tasks?zone=unset");
    let page = unzoned
        .get(app.url("/tasks?zone=unset"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("data-testid=\"zone-unset\""), "the notice is there");
    let page = unzoned
        .get(app.url("/tasks"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("data-testid=\"zone-unset\""), "once");

    // without JavaScript, a task the form put in another project goes to that project's list
    // (the browser would come back to the Inbox, where it is not); one that stays, back
    let (_, bills) = {
        let res = client
            .post(app.url("/api/v1/projects"))
            .json(&json!({"name": "Bills"}))
            .send()
            .await
            .unwrap();
        (res.status(), res.json::<Value>().await.unwrap())
    };
    let bills = bills["id"].as_str().unwrap();
    let post = |body: &'static str| {
        client
            .post(app.url("/api/create_task"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("referer", app.url("/tasks"))
            .body(body)
            .send()
    };
    let res = post("title=Pay+water+%2Bbills&project=&view=").await.unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(res.headers()["location"], format!("/tasks?project={bills}").as_str());
    let res = post("title=Buy+stamps&project=&view=").await.unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let back = res.headers()["location"].to_str().unwrap();
    assert!(back.ends_with("/tasks"), "no bare question mark: {back}");

    // a quick-add that fails comes back with its error once, however many tries, and with what
    // was typed in the field
    let failed = |body: &'static str, referer: String| {
        client
            .post(app.url("/api/create_task"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("referer", referer)
            .body(body)
            .send()
    };
    let res = failed(
        "title=feb+30+party+%26+cake&project=&view=",
        app.url("/tasks?view=today"),
    )
    .await
    .unwrap();
    let back = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        back.contains("view=today") && back.contains("__title=feb+30+party+%26+cake"),
        "{back}"
    );
    let res = failed("title=renew+card+%2Badmin&project=&view=", back.clone())
        .await
        .unwrap();
    let again = res.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(again.matches("__err=").count(), 1, "{again}");
    assert_eq!(again.matches("__path=").count(), 1, "{again}");
    assert_eq!(again.matches("__title=").count(), 1, "{again}");
    assert!(again.contains("__title=renew+card+%2Badmin"), "{again}");
    assert!(
        again.starts_with(&app.url("/tasks?")),
        "back where it was posted from: {again}"
    );
    let page = client.get(&again).send().await.unwrap().text().await.unwrap();
    assert!(
        page.contains("You have no project called “admin”"),
        "the error is shown"
    );
    assert!(page.contains("value=\"renew card +admin\""), "the title is kept");
    // the next add that works leaves neither behind
    let res = failed("title=Renew+card&project=&view=", again).await.unwrap();
    let clean = res.headers()["location"].to_str().unwrap();
    assert!(clean.ends_with("/tasks?view=today"), "{clean}");

    // a settings form that worked says so on the page it comes back to; one that failed does not
    let zone = |body: &'static str| {
        client
            .post(app.url("/api/set_time_zone"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("referer", app.url("/settings"))
            .body(body)
            .send()
    };
    let res = zone("time_zone=Asia%2FTokyo").await.unwrap();
    let saved = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(saved.ends_with("/settings?__done=%2Fapi%2Fset_time_zone"), "{saved}");
    let page = client.get(&saved).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Time zone saved."));
    assert!(!page.contains("Reminders saved."), "only the form that was posted");
    let res = zone("time_zone=Mars%2FOlympus").await.unwrap();
    let refused = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(refused.contains("__err=") && !refused.contains("__done"), "{refused}");
    let page = client.get(&refused).send().await.unwrap().text().await.unwrap();
    assert!(!page.contains("Time zone saved."));
    app.stop().await;
}
