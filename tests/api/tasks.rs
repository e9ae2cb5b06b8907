//! Tasks through the JSON API and the server functions: isolation between users, validation,
//! filters, search, sort and pagination.
use std::collections::HashSet;

use serde_json::{json, Value};

use crate::helpers::{client_with_cookie, count, session_cookie, TestApp, PASSWORD};

async fn create(app: &TestApp, client: &reqwest::Client, body: Value) -> Value {
    let res = client.post(app.url("/api/v1/tasks")).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 201, "{body}");
    res.json().await.unwrap()
}

#[tokio::test]
async fn another_users_tasks_are_not_found_everywhere() {
    let (app, db) = TestApp::spawn().await;
    let a = app.client();
    let b = app.client();
    app.signup(&a, "a@example.com").await;
    let b_id = app.signup(&b, "b@example.com").await;
    let task = create(&app, &a, json!({"title": "A's secret", "tags": ["private"]})).await;
    let id = task["id"].as_str().unwrap().to_owned();
    let before = a
        .get(app.url(&format!("/api/v1/tasks/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    for target in [id.as_str(), "does-not-exist"] {
        let url = app.url(&format!("/api/v1/tasks/{target}"));
        assert_eq!(b.get(&url).send().await.unwrap().status(), 404, "GET {target}");
        assert_eq!(
            b.patch(&url)
                .json(&json!({"title": "mine now"}))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        assert_eq!(
            b.patch(&url)
                .json(&json!({"completed": true}))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        assert_eq!(b.delete(&url).send().await.unwrap().status(), 404, "DELETE {target}");
        // the server functions answer the same
        for (path, form) in [
            ("/api/set_task_completed", format!("id={target}&completed=true")),
            ("/api/delete_task", format!("id={target}")),
            ("/api/update_task", format!("id={target}&title=mine")),
        ] {
            let res = b
                .post(app.url(path))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(form)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 404, "{path} {target}");
        }
    }
    // B's list does not show it, even filtered by its tag or searched by its title
    for q in ["", "?tag=private", "?q=secret"] {
        let list: Value = b
            .get(app.url(&format!("/api/v1/tasks{q}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(list["items"].as_array().unwrap().len(), 0, "{q}");
    }
    // a user_id in a body is refused and changes nothing
    let res = b
        .post(app.url("/api/v1/tasks"))
        .json(&json!({"title": "x", "user_id": id}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = a
        .patch(app.url(&format!("/api/v1/tasks/{id}")))
        .json(&json!({"user_id": b_id}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let after = a
        .get(app.url(&format!("/api/v1/tasks/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(before, after);
    let conn = db.connect().await;
    assert_eq!(
        count(&conn, &format!("SELECT COUNT(*) FROM tasks WHERE user_id = '{b_id}'")).await,
        0
    );
    // signed out: 401
    assert_eq!(reqwest::get(app.url("/api/v1/tasks")).await.unwrap().status(), 401);
    app.stop().await;
}

#[tokio::test]
async fn bad_task_input_is_refused_and_writes_nothing() {
    let (app, db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "v@example.com").await;
    for (body, field) in [
        (json!({"title": "   "}), "title"),
        (json!({"title": "x".repeat(201)}), "title"),
        (json!({"title": "ok", "priority": "urgent"}), "priority"),
        (json!({"title": "ok", "due_at": "next friday"}), "due_at"),
        (json!({"title": "ok", "tags": ["no spaces allowed"]}), "tags"),
        (json!({"title": "ok", "description": "x".repeat(10_001)}), "description"),
    ] {
        let res = client.post(app.url("/api/v1/tasks")).json(&body).send().await.unwrap();
        assert_eq!(res.status(), 422, "{body}");
        let err: Value = res.json().await.unwrap();
        assert_eq!(err["error"]["field"], field, "{body}");
    }
    let res = client
        .post(app.url("/api/v1/tasks"))
        .json(&json!({"title": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = client
        .post(app.url("/api/v1/tasks"))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    for q in [
        "status=later",
        "sort=random",
        "limit=0",
        "limit=500",
        "due=yesterday",
        "priority=urgent",
        "cursor=garbage",
    ] {
        let res = client.get(app.url(&format!("/api/v1/tasks?{q}"))).send().await.unwrap();
        assert_eq!(res.status(), 422, "{q}");
    }
    assert_eq!(count(&db.connect().await, "SELECT COUNT(*) FROM tasks").await, 0);
    // a good one round-trips every field
    let task = create(
        &app,
        &client,
        json!({"title": " Pay rent ", "description": "to the landlord", "priority": "high",
        "due_at": "2026-11-27T09:00:00+01:00", "tags": ["#Home", "bills"]}),
    )
    .await;
    assert_eq!(task["title"], "Pay rent");
    assert_eq!(task["priority"], "high");
    assert_eq!(task["due_at"], "2026-11-27T08:00:00Z");
    assert_eq!(task["tags"], json!(["home", "bills"]));
    assert_eq!(task["completed"], false);
    let id = task["id"].as_str().unwrap();
    let done: Value = client
        .patch(app.url(&format!("/api/v1/tasks/{id}")))
        .json(&json!({"completed": true, "due_at": null}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(done["completed"], true);
    assert!(done["completed_at"].is_string());
    assert!(done["due_at"].is_null());
    assert_eq!(
        client
            .delete(app.url(&format!("/api/v1/tasks/{id}")))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert_eq!(
        client
            .get(app.url(&format!("/api/v1/tasks/{id}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    app.stop().await;
}

async fn all_pages(app: &TestApp, client: &reqwest::Client, query: &str, limit: usize) -> Vec<Value> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..100 {
        let mut url = app.url(&format!("/api/v1/tasks?limit={limit}&{query}"));
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let page: Value = client.get(url).send().await.unwrap().json().await.unwrap();
        let got = page["items"].as_array().unwrap();
        assert!(got.len() <= limit);
        items.extend(got.iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return items,
        }
    }
    panic!("pagination did not end");
}

#[tokio::test]
async fn filters_search_sort_and_pagination_return_exactly_the_right_rows() {
    let (app, _db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "p@example.com").await;
    let priorities = ["none", "low", "medium", "high"];
    let mut expected = Vec::new();
    for i in 0..37 {
        let due = if i % 3 == 0 {
            Value::Null
        } else {
            json!(format!("2030-01-{:02}T10:00:00Z", (i % 7) + 1))
        };
        let tags = if i % 4 == 0 {
            json!(["home"])
        } else {
            json!(["work", "x_y"])
        };
        let title = format!("{} task {i:02}", if i % 5 == 0 { "Milk" } else { "other" });
        let task = create(
            &app,
            &client,
            json!({"title": title, "priority": priorities[i % 4], "due_at": due, "tags": tags,
            "description": if i == 7 { "buy MILK too" } else { "" }}),
        )
        .await;
        if i % 6 == 0 {
            let id = task["id"].as_str().unwrap();
            client
                .patch(app.url(&format!("/api/v1/tasks/{id}")))
                .json(&json!({"completed": true}))
                .send()
                .await
                .unwrap();
        }
        expected.push((i, task));
    }
    // a tag that is a prefix of another or holds LIKE's wildcard matches only itself
    let decoy = create(&app, &client, json!({"title": "decoy", "tags": ["xay"]})).await;
    let decoy_id = decoy["id"].as_str().unwrap().to_owned();

    let ids = |items: &[Value]| {
        items
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    for sort in ["created", "due", "priority", "title"] {
        for limit in [1, 5, 200] {
            let items = all_pages(&app, &client, &format!("sort={sort}"), limit).await;
            let got = ids(&items);
            assert_eq!(got.len(), 38, "sort={sort} limit={limit}");
            assert_eq!(
                got.iter().collect::<HashSet<_>>().len(),
                38,
                "duplicates with sort={sort} limit={limit}"
            );
            // the order is the promised one
            for pair in items.windows(2) {
                let (x, y) = (&pair[0], &pair[1]);
                match sort {
                    // compared as instants: RFC 3339 leaves out a fraction of zero, so the strings
                    // of two instants need not sort as the instants do
                    "created" => assert!(instant(&x["created_at"]) >= instant(&y["created_at"])),
                    "title" => assert!(
                        x["title"].as_str().unwrap().to_lowercase() <= y["title"].as_str().unwrap().to_lowercase()
                    ),
                    "priority" => {
                        let rank = |t: &Value| priorities.iter().position(|p| *p == t["priority"]).unwrap();
                        assert!(rank(x) >= rank(y));
                    }
                    _ => match (x["due_at"].as_str(), y["due_at"].as_str()) {
                        (Some(a), Some(b)) => assert!(a <= b),
                        (None, Some(_)) => panic!("undated before dated"),
                        _ => {}
                    },
                }
            }
        }
    }
    let check = |query: &str, want: Vec<usize>| {
        let want: HashSet<String> = want
            .into_iter()
            .map(|i| expected[i].1["id"].as_str().unwrap().to_owned())
            .collect();
        (query.to_owned(), want)
    };
    let cases = vec![
        check("status=done", (0..37).filter(|i| i % 6 == 0).collect()),
        check("status=open", (0..37).filter(|i| i % 6 != 0).collect()),
        check("priority=high", (0..37).filter(|i| i % 4 == 3).collect()),
        check("tag=home", (0..37).filter(|i| i % 4 == 0).collect()),
        check("tag=x_y", (0..37).filter(|i| i % 4 != 0).collect()),
        check("q=milk", (0..37).filter(|i| i % 5 == 0 || *i == 7).collect()),
        check(
            "q=MILK&status=open",
            (0..37).filter(|i| (i % 5 == 0 || *i == 7) && i % 6 != 0).collect(),
        ),
        check(
            "due=none&tag=home",
            (0..37).filter(|i| i % 3 == 0 && i % 4 == 0).collect(),
        ),
        check("due=overdue", vec![]),
    ];
    for (query, mut want) in cases {
        if query == "status=open" {
            want.insert(decoy_id.clone());
        }
        let got: HashSet<String> = ids(&all_pages(&app, &client, &query, 4).await).into_iter().collect();
        assert_eq!(got, want, "{query}");
    }
    app.stop().await;
}

#[tokio::test]
async fn the_dashboard_form_understands_quick_add() {
    let (app, _db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "q@example.com").await;
    let res = client
        .post(app.url("/api/create_task"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("title=Pay+rent+friday+9am+%21high+%23home&description=&priority=&due=&tags=")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let list: Value = client
        .get(app.url("/api/v1/tasks"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let task = &list["items"][0];
    assert_eq!(task["title"], "Pay rent");
    assert_eq!(task["priority"], "high");
    assert_eq!(task["tags"], json!(["home"]));
    let due = chrono::DateTime::parse_from_rfc3339(task["due_at"].as_str().unwrap()).unwrap();
    assert_eq!(due.format("%a %H:%M").to_string(), "Fri 09:00"); // the user's zone is UTC here

    app.stop().await;
}

#[tokio::test]
async fn dates_are_read_in_the_users_time_zone() {
    let (app, _db) = TestApp::spawn().await;
    let client = app.client();
    app.signup(&client, "tz@example.com").await;
    let form = |body: &str| {
        client
            .post(app.url("/api/set_time_zone"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.to_owned())
            .send()
    };
    assert_eq!(form("time_zone=Mars%2FOlympus").await.unwrap().status(), 422);
    assert_eq!(form("time_zone=Asia%2FTokyo").await.unwrap().status(), 200);
    let res = client
        .post(app.url("/api/create_task"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("title=Call+mom&due=2026-12-01T09%3A00")
        .send()
        .await
        .unwrap();
    let task: Value = res.json().await.unwrap();
    // 09:00 in Tokyo (UTC+9) is midnight UTC
    assert_eq!(task["due_at"], "2026-12-01T00:00:00Z");
    app.stop().await;
}

/// A list page is served again only while the user's tasks are unchanged: a change written
/// straight into the database, by no instance of the app, shows in the very next list, as do
/// another user's writes not at all (their pages stay apart).
#[tokio::test]
async fn a_kept_list_page_never_outlives_a_change_to_the_users_tasks() {
    let (app, db) = TestApp::spawn().await;
    let a = app.client();
    let b = app.client();
    app.signup(&a, "keep-a@example.com").await;
    app.signup(&b, "keep-b@example.com").await;
    let task = create(&app, &a, json!({"title": "first title"})).await;
    let id = task["id"].as_str().unwrap().to_owned();
    create(&app, &b, json!({"title": "b's own"})).await;
    let list = |client: reqwest::Client, query: &'static str| {
        let url = app.url(&format!("/api/v1/tasks{query}"));
        async move {
            let res = client.get(url).send().await.unwrap();
            assert_eq!(res.status(), 200);
            res.json::<Value>().await.unwrap()
        }
    };
    let titles = |page: &Value| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["title"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    // the same page twice: the second may be the kept one, and is identical
    let first = list(a.clone(), "?limit=10").await;
    assert_eq!(list(a.clone(), "?limit=10").await, first);
    assert_eq!(titles(&first), ["first title"]);
    assert_eq!(titles(&list(b.clone(), "?limit=10").await), ["b's own"]);

    let conn = db.connect().await;
    sea_orm::ConnectionTrait::execute_unprepared(
        &conn,
        &format!("UPDATE tasks SET title = 'changed by hand', title_key = 'changed by hand' WHERE id = '{id}'"),
    )
    .await
    .unwrap();
    assert_eq!(titles(&list(a.clone(), "?limit=10").await), ["changed by hand"]);
    sea_orm::ConnectionTrait::execute_unprepared(&conn, &format!("DELETE FROM tasks WHERE id = '{id}'"))
        .await
        .unwrap();
    assert!(titles(&list(a.clone(), "?limit=10").await).is_empty());
    // b's page was untouched by a's changes and is still right
    assert_eq!(titles(&list(b.clone(), "?limit=10").await), ["b's own"]);
    // and through the API, of course
    create(&app, &a, json!({"title": "second"})).await;
    assert_eq!(titles(&list(a.clone(), "?limit=10").await), ["second"]);
}

fn instant(value: &Value) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(value.as_str().unwrap()).unwrap()
}

/// `/tasks` as sent, with the response's CSP nonce (the one part that differs per response)
/// replaced by a fixed word; every nonce on the page is checked to be that one.
async fn dashboard_page(client: &reqwest::Client, url: String) -> String {
    let res = client.get(url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_owned();
    let page = res.text().await.unwrap();
    assert!(
        page.contains(&format!("nonce=\"{nonce}\"")),
        "the CSP's nonce is the page's"
    );
    for after in page.split("nonce=\"").skip(1) {
        assert!(after.starts_with(&format!("{nonce}\"")), "another nonce on the page");
    }
    page.replace(&nonce, "NONCE")
}

#[tokio::test]
async fn kept_task_rows_are_what_rendering_them_gives_and_never_outlive_a_change() {
    // one server keeps the rows and pages it renders (the default), one renders every row of
    // every page every time
    let (keeping, db) = TestApp::spawn().await;
    let rendering = TestApp::spawn_on(&db, &[("ROW_CACHE_MB", "0"), ("PAGE_CACHE_MB", "0")]).await;
    let client = keeping.client();
    let signup = client
        .post(keeping.url("/api/v1/auth/signup"))
        .json(&json!({"email": "rows@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let cookie = session_cookie(&signup).unwrap();
    let other = client_with_cookie(&rendering, &cookie);
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let project: Value = client
        .post(keeping.url("/api/v1/projects"))
        .json(&json!({"name": "Home & <Garden>"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let parent = create(
        &keeping,
        &client,
        json!({"title": "Plan the <b>party</b> & \"invite\" friends", "description": "a <script>x</script>",
               "priority": "high", "tags": ["fun", "home"], "due_at": tomorrow,
               "reminders": [{"before_minutes": 30}]}),
    )
    .await;
    let parent_id = parent["id"].as_str().unwrap().to_owned();
    create(
        &keeping,
        &client,
        json!({"title": "Buy balloons", "parent_id": parent_id}),
    )
    .await;
    create(
        &keeping,
        &client,
        json!({"title": "Water plants", "recurrence": {"rule": "FREQ=WEEKLY;BYDAY=MO"},
        "due_at": tomorrow, "project_id": project["id"]}),
    )
    .await;
    create(
        &keeping,
        &client,
        json!({"title": "Pay rent", "due_at": "2020-01-01T09:00:00Z", "priority": "low"}),
    )
    .await;
    let done = create(&keeping, &client, json!({"title": "Old errand"})).await;
    client
        .patch(keeping.url(&format!("/api/v1/tasks/{}", done["id"].as_str().unwrap())))
        .json(&json!({"completed": true}))
        .send()
        .await
        .unwrap();

    let project_id = project["id"].as_str().unwrap();
    let queries = [
        String::new(),
        "?view=all".into(),
        "?view=today".into(),
        "?view=upcoming".into(),
        "?status=done".into(),
        format!("?project={project_id}"),
        format!("?open={parent_id}"),
        format!("?add_to={parent_id}"),
        format!("?edit={parent_id}"),
        format!("?view=all&sort=title&open={parent_id}"),
    ];
    for query in &queries {
        let first = dashboard_page(&client, keeping.url(&format!("/tasks{query}"))).await;
        let again = dashboard_page(&client, keeping.url(&format!("/tasks{query}"))).await;
        let rendered = dashboard_page(&other, rendering.url(&format!("/tasks{query}"))).await;
        assert!(first.contains("data-testid=\"task-row\""), "{query}: no rows");
        assert_eq!(first, again, "{query}: the kept rows differ from the first rendering");
        assert_eq!(
            first, rendered,
            "{query}: the kept rows differ from rendering without keeping"
        );
    }
    let page = dashboard_page(&client, keeping.url(&format!("/tasks?open={parent_id}"))).await;
    assert!(page.contains("Plan the &lt;b&gt;party&lt;/b&gt; &amp; \"invite\" friends"));
    assert!(page.contains("Buy balloons"));
    assert!(!page.contains("<script>x</script>"));

    // a change shows at once: another title, a task done, a subtask unfolded by the URL
    client
        .patch(keeping.url(&format!("/api/v1/tasks/{parent_id}")))
        .json(&json!({"title": "Plan the picnic", "priority": "low"}))
        .send()
        .await
        .unwrap();
    let page = dashboard_page(&client, keeping.url("/tasks")).await;
    assert!(page.contains("Plan the picnic") && !page.contains("party"));
    assert!(page.contains("task-row depth-1 prio-low"));
    assert_eq!(page, dashboard_page(&other, rendering.url("/tasks")).await);
    // the subtask's row is folded away on the plain list and unfolded with `open`
    let row = |page: &str| {
        let at = page.find("Buy balloons").unwrap();
        let start = page[..at].rfind("<tr").unwrap();
        page[start..at].to_owned()
    };
    assert!(row(&page).contains(" hidden"));
    let unfolded = dashboard_page(&client, keeping.url(&format!("/tasks?open={parent_id}"))).await;
    assert!(!row(&unfolded).contains(" hidden"));
    assert_eq!(
        unfolded,
        dashboard_page(&other, rendering.url(&format!("/tasks?open={parent_id}"))).await
    );
    rendering.stop().await;
    keeping.stop().await;
}

async fn page(client: &reqwest::Client, app: &TestApp) -> String {
    dashboard_page(client, app.url("/tasks")).await
}

/// A `/tasks` page is sent again as rendered only while everything it shows is unchanged: the
/// user's tasks, projects and notifications (changed through another instance, or by hand in
/// the database), their own fields (email, time zone), and the clock (a task turning overdue).
#[tokio::test]
async fn a_kept_dashboard_page_never_outlives_what_it_shows() {
    let (keeping, db) = TestApp::spawn().await;
    // another instance on the same database, and one that renders every page
    let elsewhere = TestApp::spawn_on(&db, &[]).await;
    let rendering = TestApp::spawn_on(&db, &[("PAGE_CACHE_MB", "0")]).await;
    let client = keeping.client();
    let signup = client
        .post(keeping.url("/api/v1/auth/signup"))
        .json(&json!({"email": "page@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let cookie = session_cookie(&signup).unwrap();
    let user_id: String = signup.json::<Value>().await.unwrap()["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let there = client_with_cookie(&elsewhere, &cookie);
    let fresh = client_with_cookie(&rendering, &cookie);
    let stranger = keeping.client();
    keeping.signup(&stranger, "stranger@example.com").await;
    let task = create(
        &keeping,
        &client,
        json!({"title": "Water the plants", "due_at": "2030-01-07T09:00:00Z", "reminders": []}),
    )
    .await;
    let id = task["id"].as_str().unwrap().to_owned();

    // kept: the same page again, a fresh nonce each time (dashboard_page checks the CSP names it)
    let first = page(&client, &keeping).await;
    assert!(first.contains("Water the plants") && first.contains("Mon Jan 7 2030, 09:00"));
    assert_eq!(page(&client, &keeping).await, first);
    assert_eq!(
        page(&fresh, &rendering).await,
        first,
        "the kept page is the rendered one"
    );
    assert!(!page(&stranger, &keeping).await.contains("Water the plants"));
    // and really kept: a change by hand that puts the version back is not seen by it
    let conn = db.connect().await;
    let sql = |sql: String| {
        let conn = conn.clone();
        async move { sea_orm::ConnectionTrait::execute_unprepared(&conn, &sql).await.unwrap() }
    };
    sql(format!("UPDATE tasks SET title = 'Water the roses' WHERE id = '{id}'")).await;
    sql(format!(
        "UPDATE users SET tasks_version = tasks_version - 1 WHERE id = '{user_id}'"
    ))
    .await;
    assert!(page(&client, &keeping).await.contains("Water the plants"));
    assert!(page(&fresh, &rendering).await.contains("Water the roses"));

    // a task changed through another instance
    there
        .patch(elsewhere.url(&format!("/api/v1/tasks/{id}")))
        .json(&json!({"title": "Water the ferns"}))
        .send()
        .await
        .unwrap();
    assert!(page(&client, &keeping).await.contains("Water the ferns"));
    // a project made there, then renamed by hand
    let made = there
        .post(elsewhere.url("/api/v1/projects"))
        .json(&json!({"name": "Errands"}))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 201);
    assert!(page(&client, &keeping).await.contains("Errands"));
    sql(format!(
        "UPDATE projects SET name = 'Chores', name_key = 'chores' WHERE user_id = '{user_id}' AND name = 'Errands'"
    ))
    .await;
    let now = page(&client, &keeping).await;
    assert!(now.contains("Chores") && !now.contains("Errands"));
    // a notification arrives, then is read
    assert!(now.contains("Notifications: 0 unread"));
    sql(format!(
        "INSERT INTO notifications (id, user_id, task_id, reminder_key, title, body, fire_at, created_at, late) \
         VALUES ('n-page', '{user_id}', '{id}', 'page-test', 'Water the ferns', 'due now', 0, 0, FALSE)"
    ))
    .await;
    assert!(page(&client, &keeping).await.contains("Notifications: 1 unread"));
    let read = there
        .post(elsewhere.url("/api/v1/notifications/read-all"))
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    assert!(page(&client, &keeping).await.contains("Notifications: 0 unread"));
    // the user's own fields, changed by hand: the email in the header, the zone of the dates
    sql(format!(
        "UPDATE users SET email = 'renamed@example.com', time_zone = 'Asia/Tokyo' WHERE id = '{user_id}'"
    ))
    .await;
    let now = page(&client, &keeping).await;
    assert!(
        now.contains("renamed@example.com") && now.contains("Mon Jan 7 2030, 18:00"),
        "{now}"
    );
    assert_eq!(now, page(&fresh, &rendering).await);

    // the clock: a task due in two seconds is overdue after them, with nothing else changed
    let due = chrono::Utc::now() + chrono::Duration::seconds(2);
    create(
        &keeping,
        &client,
        json!({"title": "Call the plumber", "due_at": due.to_rfc3339(), "reminders": []}),
    )
    .await;
    let before = page(&client, &keeping).await;
    assert!(before.contains("Call the plumber") && !before.contains("overdue-badge"));
    assert_eq!(page(&client, &keeping).await, before);
    let left = (due - chrono::Utc::now()).to_std().unwrap_or_default();
    tokio::time::sleep(left + std::time::Duration::from_millis(200)).await;
    let after = page(&client, &keeping).await;
    assert!(after.contains("overdue-badge"), "the task turned overdue");
    assert_eq!(after, page(&fresh, &rendering).await);
    rendering.stop().await;
    elsewhere.stop().await;
    keeping.stop().await;
}
