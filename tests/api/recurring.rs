//! Recurring tasks through every door — the API, the dashboard's checkbox and quick-add, the
//! builtin assistant — and the calendar feed: made on a session only, served as RFC 5545 that
//! the `icalendar` parser reads back, cached by ETag, rotated, turned off, rate-limited. (The
//! rules themselves are proven in the repository tests and the occurrence table.)
use chrono::{DateTime, Datelike, Duration, Utc, Weekday};
use serde_json::{json, Value};

use crate::helpers::{get_json, TestApp};

async fn send(req: reqwest::RequestBuilder) -> (u16, Value) {
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn due_of(task: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(task["due_at"].as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", taskpilot::domain::encode_query_value(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn every_door_completes_a_recurring_task() {
    let (app, _db) = TestApp::spawn().await;
    let (me, other) = (app.client(), app.client());
    app.signup(&me, "doors@example.com").await;
    app.signup(&other, "doors-other@example.com").await;
    let tasks = app.url("/api/v1/tasks");

    // the API: the rule in, its words out, a due date on the first occurrence
    let (status, task) = send(me.post(&tasks).json(&json!({
        "title": "Water plants",
        "recurrence": {"rule": "FREQ=WEEKLY;BYDAY=MO"}
    })))
    .await;
    assert_eq!(status, 201, "{task}");
    assert_eq!(
        task["recurrence"],
        json!({"rule": "FREQ=WEEKLY;BYDAY=MO", "from": "due", "text": "Every Mon"})
    );
    let first = due_of(&task);
    assert_eq!(first.weekday(), Weekday::Mon);
    assert!(first > Utc::now() && first - Utc::now() <= Duration::days(7));
    let id = task["id"].as_str().unwrap().to_owned();
    let path = app.url(&format!("/api/v1/tasks/{id}"));
    let (status, done) = send(me.patch(&path).json(&json!({"completed": true}))).await;
    assert_eq!(status, 200);
    assert_eq!(
        (done["completed"].as_bool(), due_of(&done)),
        (Some(false), first + Duration::days(7))
    );
    let completions = get_json(&me, app.url(&format!("/api/v1/tasks/{id}/completions"))).await;
    assert_eq!(completions["items"].as_array().map(Vec::len), Some(1), "{completions}");
    assert_eq!(completions["items"][0]["due_at"], task["due_at"]);
    assert_eq!(completions["items"][0]["next_due_at"], done["due_at"]);
    // someone else's task has no completions to show
    let theirs = other
        .get(app.url(&format!("/api/v1/tasks/{id}/completions")))
        .send()
        .await
        .unwrap();
    assert_eq!(theirs.status(), 404);
    let bad = me
        .get(app.url(&format!("/api/v1/tasks/{id}/completions?limit=0")))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);

    // invalid rules are a 422 naming recurrence, and nothing is written
    for recurrence in [
        json!({"rule": "FREQ=HOURLY"}),
        json!({"rule": "FREQ=WEEKLY;BYDAY=FUNDAY"}),
        json!({"rule": "FREQ=DAILY", "from": "whenever"}),
        json!({"rule": "FREQ=DAILY", "every": 2}),
        json!("every day"),
    ] {
        let (status, err) = send(me.post(&tasks).json(&json!({"title": "Bad", "recurrence": recurrence}))).await;
        assert_eq!(
            (status, err["error"]["field"].as_str()),
            (422, Some("recurrence")),
            "{recurrence} → {err}"
        );
    }
    let (status, err) = send(
        me.patch(&path)
            .json(&json!({"recurrence": {"rule": "FREQ=MONTHLY;BYMONTHDAY=32"}})),
    )
    .await;
    assert_eq!((status, err["error"]["field"].as_str()), (422, Some("recurrence")));
    let list = get_json(&me, format!("{tasks}?limit=100")).await;
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1), "nothing half-written");

    // the dashboard: quick-add reads the repeat, the checkbox moves it on, Undo puts it back
    let res = me
        .post(app.url("/api/create_task"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("title", "Gym every mon and thu 7pm")]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let gym: Value = res.json().await.unwrap();
    assert_eq!(
        (gym["title"].as_str(), gym["recurrence"]["text"].as_str()),
        (Some("Gym"), Some("Every Mon and Thu"))
    );
    let gym_due = due_of(&gym);
    assert!(matches!(gym_due.weekday(), Weekday::Mon | Weekday::Thu), "{gym_due}");
    let gym_id = gym["id"].as_str().unwrap().to_owned();
    let res = me
        .post(app.url("/api/set_task_completed"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("id", &gym_id), ("completed", "true")]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let moved: Value = res.json().await.unwrap();
    assert_eq!(moved["completed"], false);
    let next = due_of(&moved);
    assert!(
        next > gym_due && next - gym_due <= Duration::days(4),
        "{gym_due} → {next}"
    );
    let res = me
        .post(app.url("/api/undo_completion"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("id", &gym_id)]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let back: Value = res.json().await.unwrap();
    assert_eq!(due_of(&back), gym_due);
    // another user cannot undo it
    let res = other
        .post(app.url("/api/undo_completion"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("id", &gym_id)]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    // the assistant: add with a repeat, complete it, stop it repeating
    let say = |message: &str| {
        me.post(app.url("/api/v1/chat"))
            .json(&json!({"message": message}))
            .send()
    };
    let reply: Value = say("add pay rent every month on the 1st")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let text = reply["reply"]["content"].as_str().unwrap_or_default();
    assert!(text.contains("every month on the 1st"), "{text}");
    let rent = get_json(&me, format!("{tasks}?q=rent")).await["items"][0].clone();
    let rent_due = due_of(&rent);
    assert_eq!(rent_due.day(), 1);
    let reply: Value = say("I paid the rent").await.unwrap().json().await.unwrap();
    let text = reply["reply"]["content"].as_str().unwrap_or_default();
    assert!(text.contains("next due"), "{text}");
    let rent = get_json(&me, app.url(&format!("/api/v1/tasks/{}", rent["id"].as_str().unwrap()))).await;
    assert_eq!((rent["completed"].as_bool(), due_of(&rent).day()), (Some(false), 1));
    assert!(due_of(&rent) > rent_due);
    let reply: Value = say("stop repeating the rent task").await.unwrap().json().await.unwrap();
    let text = reply["reply"]["content"].as_str().unwrap_or_default();
    assert!(text.contains("no longer repeats"), "{text}");
    let rent = get_json(&me, app.url(&format!("/api/v1/tasks/{}", rent["id"].as_str().unwrap()))).await;
    assert_eq!(rent["recurrence"], Value::Null);

    // an export carries the rule, and an import reads it back
    let export = get_json(&me, app.url("/api/v1/export")).await;
    let exported = export["tasks"].as_array().unwrap();
    assert!(
        exported
            .iter()
            .any(|t| t["recurrence"]["rule"] == "FREQ=WEEKLY;BYDAY=MO"),
        "{export}"
    );
    let (status, _) = send(other.post(app.url("/api/v1/import")).json(&export)).await;
    assert_eq!(status, 200);
    let imported = get_json(&other, format!("{tasks}?q=water")).await;
    assert_eq!(imported["items"][0]["recurrence"]["text"], "Every Mon");
    app.stop().await;
}

/// The components of a feed, read back by the `icalendar` crate's parser.
fn events(body: &str) -> Vec<std::collections::HashMap<String, (String, Vec<String>)>> {
    let unfolded = icalendar::parser::unfold(body);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("the feed parses as iCalendar");
    calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| {
            c.properties
                .iter()
                .map(|p| {
                    let params = p
                        .params
                        .iter()
                        .map(|q| {
                            format!(
                                "{}={}",
                                q.key.as_str(),
                                q.val.as_ref().map(|v| v.as_str()).unwrap_or_default()
                            )
                        })
                        .collect();
                    (p.name.as_str().to_owned(), (p.val.as_str().to_owned(), params))
                })
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn the_calendar_feed() {
    let (app, _db) = TestApp::spawn().await;
    let me = app.client();
    app.signup(&me, "feed@example.com").await;
    let calendar = app.url("/api/v1/calendar");
    assert_eq!(me.get(&calendar).send().await.unwrap().status(), 404);
    // a token can read tasks but not make a lasting credential
    let (_, token) = send(me.post(app.url("/api/v1/tokens")).json(&json!({"name": "script"}))).await;
    let bearer = format!("Bearer {}", token["value"].as_str().unwrap());
    let anonymous = reqwest::Client::new();
    let (status, _) = send(anonymous.post(&calendar).header("authorization", &bearer)).await;
    assert_eq!(status, 403);

    let (status, made) = send(me.post(&calendar)).await;
    assert_eq!(status, 201, "{made}");
    let url = made["url"].as_str().unwrap().to_owned();
    assert!(
        url.starts_with(&format!("{}/cal/", app.origin())) && url.ends_with(".ics"),
        "{url}"
    );
    // afterwards only that it is on: the secret is stored hashed
    let shown = get_json(&me, calendar.clone()).await;
    assert!(shown["created_at"].is_string() && shown.get("url").is_none(), "{shown}");

    let tasks = app.url("/api/v1/tasks");
    let tomorrow = (Utc::now() + Duration::days(1)).date_naive();
    let at = |h: u32| tomorrow.and_hms_opt(h, 0, 0).unwrap().and_utc().to_rfc3339();
    let (_, timed) = send(me.post(&tasks).json(&json!({
        "title": "Dentist, 2nd floor; bring card",
        "due_at": at(14), "priority": "high", "tags": ["health"], "description": "Line one\nline two",
        "reminders": [{"before_minutes": 30}]
    })))
    .await;
    let (_, all_day) = send(me.post(&tasks).json(
        &json!({"title": "Bins out", "due_at": tomorrow.and_hms_opt(23, 59, 0).unwrap().and_utc().to_rfc3339()}),
    ))
    .await;
    let (_, weekly) = send(me.post(&tasks).json(&json!({
        "title": "Piano", "due_at": at(18), "recurrence": {"rule": "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4"}
    })))
    .await;
    let (_, after) = send(me.post(&tasks).json(&json!({
        "title": "Water cactus", "due_at": at(9), "recurrence": {"rule": "FREQ=DAILY;INTERVAL=3", "from": "completion"}
    })))
    .await;
    send(me.post(&tasks).json(&json!({"title": "Someday"}))).await;
    let (_, done) = send(
        me.post(&tasks)
            .json(&json!({"title": "Done already", "due_at": at(10)})),
    )
    .await;
    send(
        me.patch(app.url(&format!("/api/v1/tasks/{}", done["id"].as_str().unwrap())))
            .json(&json!({"completed": true})),
    )
    .await;

    let feed = anonymous.get(&url).send().await.unwrap();
    assert_eq!(feed.status(), 200);
    assert!(feed.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let etag = feed.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(feed.headers()["cache-control"], "private, no-cache");
    let body = feed.text().await.unwrap();
    if let Ok(dir) = std::env::var("TASKPILOT_ICS_DUMP") {
        // the test command parses this with Python's `icalendar` too
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(format!("{dir}/feed.ics"), &body).unwrap();
    }
    let events = events(&body);
    assert_eq!(events.len(), 4, "open, dated tasks only:\n{body}");
    let find = |task: &Value| {
        let uid = format!("{}@taskpilot", task["id"].as_str().unwrap());
        events
            .iter()
            .find(|e| e["UID"].0 == uid)
            .unwrap_or_else(|| panic!("no {uid} in\n{body}"))
            .clone()
    };
    let e = find(&timed);
    assert_eq!(e["SUMMARY"].0, "Dentist, 2nd floor; bring card");
    assert!(
        body.contains("SUMMARY:Dentist\\, 2nd floor\\; bring card"),
        "text is escaped:\n{body}"
    );
    assert_eq!(e["DTSTART"].0, format!("{}T140000Z", tomorrow.format("%Y%m%d")));
    assert_eq!(e["DTEND"].0, format!("{}T143000Z", tomorrow.format("%Y%m%d")));
    assert_eq!(e["PRIORITY"].0, "1");
    assert_eq!(e["CATEGORIES"].0, "health");
    assert!(
        e["DESCRIPTION"].0.starts_with("Line one\nline two"),
        "{:?}",
        e["DESCRIPTION"]
    );
    assert!(e.contains_key("LAST-MODIFIED") && e.contains_key("DTSTAMP"));
    // its reminder as a VALARM, relative to the start (so a series repeats it)
    assert!(
        body.contains("BEGIN:VALARM") && body.contains("TRIGGER;RELATED=START:-PT1800S"),
        "a VALARM for the reminder:\n{body}"
    );
    let e = find(&all_day);
    assert_eq!(
        e["DTSTART"],
        (tomorrow.format("%Y%m%d").to_string(), vec!["VALUE=DATE".to_owned()])
    );
    let day_after = tomorrow + Duration::days(1);
    assert_eq!(
        e["DTEND"],
        (day_after.format("%Y%m%d").to_string(), vec!["VALUE=DATE".to_owned()])
    );
    assert!(!e.contains_key("RRULE"));
    // COUNT becomes the UNTIL of its last occurrence: a calendar counts from the DTSTART it sees
    let e = find(&weekly);
    let rule = &e["RRULE"].0;
    assert!(
        rule.starts_with("FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=") && !rule.contains("COUNT"),
        "{rule}"
    );
    // "after completion" has no schedule a calendar could follow: just its next date
    assert!(!find(&after).contains_key("RRULE"));

    // polling costs nothing while nothing changed
    let again = anonymous.get(&url).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
    send(
        me.patch(app.url(&format!("/api/v1/tasks/{}", all_day["id"].as_str().unwrap())))
            .json(&json!({"title": "Bins out tonight"})),
    )
    .await;
    let changed = anonymous.get(&url).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(changed.status(), 200);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
    assert!(changed.text().await.unwrap().contains("Bins out tonight"));

    // a wrong secret is a 404; a new address kills the old one at once; off is off
    for wrong in ["/cal/nope.ics", "/cal/.ics", "/cal/feed"] {
        assert_eq!(
            anonymous.get(app.url(wrong)).send().await.unwrap().status(),
            404,
            "{wrong}"
        );
    }
    let (status, rotated) = send(me.post(&calendar)).await;
    assert_eq!(status, 201);
    let new_url = rotated["url"].as_str().unwrap().to_owned();
    assert_ne!(new_url, url);
    assert_eq!(anonymous.get(&url).send().await.unwrap().status(), 404);
    assert_eq!(anonymous.get(&new_url).send().await.unwrap().status(), 200);
    assert_eq!(me.delete(&calendar).send().await.unwrap().status(), 204);
    assert_eq!(anonymous.get(&new_url).send().await.unwrap().status(), 404);

    // guessing is rate-limited per client
    let mut limited = false;
    for _ in 0..130 {
        if anonymous.get(app.url("/cal/guess.ics")).send().await.unwrap().status() == 429 {
            limited = true;
            break;
        }
    }
    assert!(limited, "feed requests are rate-limited");
    app.stop().await;
}
