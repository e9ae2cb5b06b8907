//! The OpenAI and Gemini adapters against local stand-ins that speak each wire format: plain
//! and streamed replies, tool calls split across chunks, 429 then success, 500, a hang past the
//! timeout, malformed tool arguments — each ends correctly, nothing lost, no task made twice.
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Response, StatusCode, Uri};
use axum::routing::post;
use axum::Router;
use serde_json::{json, Value};

use crate::helpers::{count, TestApp, TestDb};

#[derive(Clone)]
enum Scripted {
    Json(u16, Value),
    Sse(Vec<Value>),
    /// Gemini's `alt=sse`: events without a closing `[DONE]`.
    SseNoDone(Vec<Value>),
    Hang,
    /// A redirect to another path on the stand-in (a client that follows it shows up twice).
    Redirect(String),
    /// A JSON-looking body of this many bytes.
    Huge(usize),
}

#[derive(Clone, Default)]
struct StandIn {
    script: Arc<Mutex<VecDeque<Scripted>>>,
    requests: Arc<Mutex<Vec<(HeaderMap, Value)>>>,
    paths: Arc<Mutex<Vec<String>>>,
}

impl StandIn {
    async fn start(script: Vec<Scripted>) -> (Self, SocketAddr) {
        let this = StandIn {
            script: Arc::new(Mutex::new(script.into())),
            ..Default::default()
        };
        let app = Router::new().fallback(post(answer)).with_state(this.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (this, addr)
    }

    fn requests(&self) -> Vec<(HeaderMap, Value)> {
        self.requests.lock().unwrap().clone()
    }

    fn paths(&self) -> Vec<String> {
        self.paths.lock().unwrap().clone()
    }
}

async fn answer(State(s): State<StandIn>, uri: Uri, headers: HeaderMap, body: String) -> Response<Body> {
    s.paths.lock().unwrap().push(uri.to_string());
    s.requests
        .lock()
        .unwrap()
        .push((headers, serde_json::from_str(&body).unwrap_or(Value::Null)));
    let next = s.script.lock().unwrap().pop_front();
    match next {
        Some(Scripted::Json(status, body)) => Response::builder()
            .status(StatusCode::from_u16(status).unwrap())
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap(),
        Some(Scripted::Sse(events)) => sse(&events, true),
        Some(Scripted::SseNoDone(events)) => sse(&events, false),
        Some(Scripted::Redirect(to)) => Response::builder()
            .status(307)
            .header("location", to)
            .body(Body::empty())
            .unwrap(),
        Some(Scripted::Huge(n)) => Response::builder()
            .header("content-type", "application/json")
            .body(Body::from(format!("{{\"pad\": \"{}\"}}", "x".repeat(n))))
            .unwrap(),
        Some(Scripted::Hang) => {
            tokio::time::sleep(Duration::from_secs(30)).await;
            Response::builder().status(500).body(Body::empty()).unwrap()
        }
        None => Response::builder()
            .status(500)
            .body(Body::from("script exhausted"))
            .unwrap(),
    }
}

fn sse(events: &[Value], done: bool) -> Response<Body> {
    let mut text = String::new();
    for e in events {
        text.push_str(&format!("data: {e}\r\n\r\n"));
    }
    if done {
        text.push_str("data: [DONE]\n\n");
    }
    Response::builder()
        .header("content-type", "text/event-stream")
        .body(Body::from(text))
        .unwrap()
}

fn text_chunk(text: &str) -> Value {
    json!({"choices": [{"index": 0, "delta": {"content": text}}]})
}

fn tool_chunk(index: u64, id: Option<&str>, name: Option<&str>, args: &str) -> Value {
    let mut call = json!({"index": index, "function": {"arguments": args}});
    if let Some(id) = id {
        call["id"] = json!(id);
        call["type"] = json!("function");
    }
    if let Some(name) = name {
        call["function"]["name"] = json!(name);
    }
    json!({"choices": [{"index": 0, "delta": {"tool_calls": [call]}}]})
}

async fn openai_app(db: &TestDb, addr: SocketAddr) -> TestApp {
    let base = format!("http://{addr}/v1");
    TestApp::spawn_on(
        db,
        &[
            ("AI_PROVIDER", "openai"),
            ("OPENAI_BASE_URL", &base),
            ("OPENAI_API_KEY", "sk-test"),
            ("OPENAI_MODEL", "test-model"),
            ("AI_TIMEOUT_SECS", "2"),
            ("AI_MAX_RETRIES", "1"),
        ],
    )
    .await
}

async fn say(app: &TestApp, client: &reqwest::Client, message: &str) -> reqwest::Response {
    client
        .post(app.url("/api/v1/chat"))
        .json(&json!({"message": message}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn openai_streamed_tool_calls_split_across_chunks_run_once() {
    let (stand_in, addr) = StandIn::start(vec![
        Scripted::Sse(vec![
            tool_chunk(0, Some("call_1"), Some("add_"), ""),
            tool_chunk(0, None, Some("task"), "{\"ti"),
            tool_chunk(0, None, None, "tle\": \"Buy milk\", \"prio"),
            tool_chunk(0, None, None, "rity\": \"high\"}"),
        ]),
        Scripted::Sse(vec![text_chunk("Added "), text_chunk("“Buy milk”.")]),
    ])
    .await;
    let db = TestDb::new().await;
    let app = openai_app(&db, addr).await;
    let client = app.client();
    app.signup(&client, "oa@example.com").await;
    let res = say(&app, &client, "add buy milk, high priority").await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["reply"]["content"], "Added “Buy milk”.");
    assert_eq!(body["actions"][0]["kind"], "added");
    let conn = db.connect().await;
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM tasks WHERE title = 'Buy milk' AND priority = 3"
        )
        .await,
        1
    );
    let requests = stand_in.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].0["authorization"], "Bearer sk-test");
    assert_eq!(requests[0].1["model"], "test-model");
    assert!(requests[0].1["tools"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["function"]["name"] == "add_task"));
    // the second call carries the tool result under the call's id
    let messages = requests[1].1["messages"].as_array().unwrap();
    let tool = messages.iter().find(|m| m["role"] == "tool").unwrap();
    assert_eq!(tool["tool_call_id"], "call_1");
    assert!(tool["content"].as_str().unwrap().contains("Buy milk"));
    app.stop().await;
}

#[tokio::test]
async fn openai_plain_replies_and_429_then_success() {
    let (stand_in, addr) = StandIn::start(vec![
        Scripted::Json(429, json!({"error": {"message": "slow down"}})),
        Scripted::Json(
            200,
            json!({"choices": [{"message": {"role": "assistant", "content": "Hello there."}}]}),
        ),
    ])
    .await;
    let db = TestDb::new().await;
    let app = openai_app(&db, addr).await;
    let client = app.client();
    app.signup(&client, "oa2@example.com").await;
    let res = say(&app, &client, "hi").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["reply"]["content"], "Hello there.");
    assert_eq!(stand_in.requests().len(), 2);
    app.stop().await;
}

#[tokio::test]
async fn openai_failures_end_as_friendly_errors_and_keep_the_message() {
    for (name, script) in [
        (
            "500",
            vec![Scripted::Json(500, json!({})), Scripted::Json(500, json!({}))],
        ),
        ("hang", vec![Scripted::Hang, Scripted::Hang]),
    ] {
        let (stand_in, addr) = StandIn::start(script).await;
        let db = TestDb::new().await;
        let app = openai_app(&db, addr).await;
        let client = app.client();
        app.signup(&client, &format!("fail-{name}@example.com")).await;
        let res = say(&app, &client, "add buy milk").await;
        assert_eq!(res.status(), 502, "{name}");
        let err: Value = res.json().await.unwrap();
        assert_eq!(err["error"]["code"], "provider_error");
        assert!(
            err["error"]["message"]
                .as_str()
                .unwrap()
                .contains("Your message is saved"),
            "{err}"
        );
        let conn = db.connect().await;
        assert_eq!(
            count(
                &conn,
                "SELECT COUNT(*) FROM messages WHERE role = 'user' AND content = 'add buy milk'"
            )
            .await,
            1,
            "{name}"
        );
        assert_eq!(count(&conn, "SELECT COUNT(*) FROM tasks").await, 0, "{name}");
        assert_eq!(stand_in.requests().len(), 2, "{name}: one try and one retry");
        // retrying the same message does not store it twice
        let conversation: Value = client
            .get(app.url("/api/v1/conversations"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = conversation["items"][0]["id"].as_str().unwrap().to_owned();
        let res = client
            .post(app.url("/api/v1/chat"))
            .json(&json!({"conversation_id": id, "message": "add buy milk"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 502);
        assert_eq!(
            count(&conn, "SELECT COUNT(*) FROM messages WHERE role = 'user'").await,
            1,
            "{name}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn malformed_tool_arguments_and_foreign_ids_go_back_to_the_model_as_errors() {
    let db = TestDb::new().await;
    // user A owns a task
    let plain = TestApp::spawn_on(&db, &[]).await;
    let a = plain.client();
    plain.signup(&a, "owner@example.com").await;
    let task: Value = a
        .post(plain.url("/api/v1/tasks"))
        .json(&json!({"title": "A's secret"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let a_task = task["id"].as_str().unwrap().to_owned();
    plain.stop().await;

    let (stand_in, addr) = StandIn::start(vec![
        Scripted::Sse(vec![
            tool_chunk(0, Some("c1"), Some("add_task"), "{not json"),
            tool_chunk(1, Some("c2"), Some("no_such_tool"), "{}"),
            tool_chunk(2, Some("c3"), Some("delete_task"), &json!({"task": a_task}).to_string()),
            tool_chunk(
                3,
                Some("c4"),
                Some("complete_task"),
                &json!({"task": "A's secret"}).to_string(),
            ),
        ]),
        Scripted::Sse(vec![text_chunk("I could not do that.")]),
    ])
    .await;
    let app = openai_app(&db, addr).await;
    let b = app.client();
    app.signup(&b, "intruder@example.com").await;
    let res = say(&app, &b, "delete everything of the other user").await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["actions"].as_array().unwrap().len(), 0);
    let tools: Vec<Value> = stand_in.requests()[1].1["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "tool")
        .cloned()
        .collect();
    assert_eq!(tools.len(), 4);
    for t in &tools {
        assert!(t["content"].as_str().unwrap().contains("error"), "{t}");
    }
    let conn = db.connect().await;
    assert_eq!(
        count(
            &conn,
            &format!("SELECT COUNT(*) FROM tasks WHERE id = '{a_task}' AND completed = false")
        )
        .await,
        1
    );
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM tasks").await, 1);
    app.stop().await;
}

#[tokio::test]
async fn gemini_function_calls_keep_their_thought_signature() {
    let (stand_in, addr) = StandIn::start(vec![
        Scripted::SseNoDone(vec![
            json!({"candidates": [{"content": {"role": "model", "parts": [{"text": "thinking…", "thought": true}]}}]}),
            json!({"candidates": [{"content": {"role": "model", "parts": [
                {"functionCall": {"name": "add_task", "args": {"title": "Call mom", "tags": ["family"]}}, "thoughtSignature": "sig-123"}
            ]}}]}),
        ]),
        Scripted::SseNoDone(vec![
            json!({"candidates": [{"content": {"role": "model", "parts": [{"text": "Added "}]}}]}),
            json!({"candidates": [{"content": {"role": "model", "parts": [{"text": "“Call mom”."}]}, "finishReason": "STOP"}]}),
            json!({"usageMetadata": {"totalTokenCount": 12}}),
        ]),
        // a server that answers the stream as one JSON array is read too
        Scripted::Json(200, json!([
            {"candidates": [{"content": {"role": "model", "parts": [{"text": "You have "}]}}]},
            {"candidates": [{"content": {"role": "model", "parts": [{"text": "one task."}]}}]},
        ])),
        Scripted::Json(500, json!({})),
        Scripted::Json(503, json!({})),
    ])
    .await;
    let db = TestDb::new().await;
    let base = format!("http://{addr}/v1beta");
    let app = TestApp::spawn_on(
        &db,
        &[
            ("AI_PROVIDER", "gemini"),
            ("GEMINI_BASE_URL", &base),
            ("GEMINI_API_KEY", "g-key"),
            ("GEMINI_MODEL", "gemini-test"),
            ("AI_TIMEOUT_SECS", "2"),
            ("AI_MAX_RETRIES", "1"),
        ],
    )
    .await;
    let client = app.client();
    app.signup(&client, "gem@example.com").await;
    let res = say(&app, &client, "remind me to call mom").await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["reply"]["content"], "Added “Call mom”.");
    assert_eq!(body["actions"][0]["text"], "Added “Call mom”");
    let requests = stand_in.requests();
    assert_eq!(requests[0].0["x-goog-api-key"], "g-key");
    let contents = requests[1].1["contents"].as_array().unwrap();
    let model_turn = contents.iter().find(|c| c["role"] == "model").unwrap();
    assert_eq!(model_turn["parts"][0]["thoughtSignature"], "sig-123");
    assert!(contents
        .iter()
        .any(|c| c["parts"][0]["functionResponse"]["name"] == "add_task"));
    assert!(requests[0].1["systemInstruction"].is_object());
    assert_eq!(
        stand_in.paths()[0],
        "/v1beta/models/gemini-test:streamGenerateContent?alt=sse"
    );
    let res = say(&app, &client, "how many tasks?").await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["reply"]["content"], "You have one task.");
    // 5xx on every try: a friendly error, the message kept
    let res = say(&app, &client, "what do I have to do?").await;
    assert_eq!(res.status(), 502);
    let conn = db.connect().await;
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM messages WHERE role = 'user'").await,
        3
    );
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM tasks").await, 1);
    app.stop().await;
}

/// The events of a server-sent-events body, as (name, data).
fn sse_events(body: &str) -> Vec<(String, Value)> {
    body.split("\n\n")
        .filter(|block| !block.trim().is_empty())
        .filter_map(|block| {
            let mut name = String::new();
            let mut data = String::new();
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event:") {
                    name = v.trim().to_owned();
                } else if let Some(v) = line.strip_prefix("data:") {
                    data.push_str(v.trim_start());
                }
            }
            (!data.is_empty()).then(|| (name, serde_json::from_str(&data).unwrap()))
        })
        .collect()
}

#[tokio::test]
async fn a_streamed_turn_sends_its_text_and_actions_as_they_happen() {
    let (_stand_in, addr) = StandIn::start(vec![
        Scripted::Sse(vec![tool_chunk(
            0,
            Some("call_1"),
            Some("add_task"),
            "{\"title\": \"Buy milk\"}",
        )]),
        Scripted::Sse(vec![text_chunk("Added "), text_chunk("**“Buy milk”**.")]),
    ])
    .await;
    let db = TestDb::new().await;
    let app = openai_app(&db, addr).await;
    let client = app.client();
    app.signup(&client, "stream@example.com").await;
    let res = client
        .post(app.url("/api/v1/chat/stream"))
        .json(&json!({"message": "add buy milk"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let events = sse_events(&res.text().await.unwrap());
    let names: Vec<&str> = events.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["started", "action", "delta", "delta", "done"]);
    for (name, data) in &events {
        assert_eq!(data["type"], name.as_str());
    }
    let conversation = events[0].1["conversation_id"].as_str().unwrap();
    assert_eq!(events[1].1["action"]["kind"], "added");
    let streamed: String = events[2..4].iter().map(|(_, d)| d["text"].as_str().unwrap()).collect();
    let done = &events[4].1["reply"];
    assert_eq!(streamed, "Added **“Buy milk”**.");
    assert_eq!(done["reply"]["content"], streamed);
    assert_eq!(done["conversation_id"], conversation);
    assert_eq!(done["actions"][0]["text"], "Added “Buy milk”");
    // what streamed is what is stored
    let history: Value = client
        .get(app.url(&format!("/api/v1/conversations/{conversation}/messages")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = history["items"].as_array().unwrap();
    assert_eq!(items.last().unwrap()["content"], streamed);
    assert_eq!(count(&db.connect().await, "SELECT COUNT(*) FROM tasks").await, 1);

    // bad input and foreign conversations are refused before any stream starts
    let res = client
        .post(app.url("/api/v1/chat/stream"))
        .json(&json!({"message": "   "}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(res.json::<Value>().await.unwrap()["error"]["field"], "message");
    let other = app.client();
    app.signup(&other, "other-stream@example.com").await;
    let res = other
        .post(app.url("/api/v1/chat/stream"))
        .json(&json!({"message": "list my tasks", "conversation_id": conversation}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn closing_a_stream_stops_the_turn_and_keeps_the_message() {
    let (stand_in, addr) = StandIn::start(vec![Scripted::Hang]).await;
    let db = TestDb::new().await;
    let base = format!("http://{addr}/v1");
    let app = TestApp::spawn_on(
        &db,
        &[
            ("AI_PROVIDER", "openai"),
            ("OPENAI_BASE_URL", &base),
            ("OPENAI_API_KEY", "sk-test"),
            ("AI_TIMEOUT_SECS", "25"),
            ("AI_MAX_RETRIES", "0"),
        ],
    )
    .await;
    let client = app.client();
    app.signup(&client, "stop@example.com").await;
    let mut res = client
        .post(app.url("/api/v1/chat/stream"))
        .json(&json!({"message": "plan my week"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let first = res.chunk().await.unwrap().unwrap();
    assert!(String::from_utf8_lossy(&first).contains("event: started"));
    // wait until the model has been asked, then press Stop (close the connection)
    for _ in 0..100 {
        if !stand_in.paths().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    drop(res);
    let conn = db.connect().await;
    let mut stopped = 0;
    for _ in 0..100 {
        stopped = count(
            &conn,
            "SELECT COUNT(*) FROM messages WHERE role = 'assistant' AND content = '(Stopped.)'",
        )
        .await;
        if stopped == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        stopped, 1,
        "the stopped turn is stored within 5 s, long before the model's timeout"
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM messages WHERE role = 'user' AND content = 'plan my week'"
        )
        .await,
        1
    );
    assert_eq!(stand_in.paths().len(), 1, "a stopped turn is not retried");
    app.stop().await;
}

#[tokio::test]
async fn a_hostile_provider_wastes_one_turn_never_the_process() {
    let huge_index = json!({"choices": [{"index": 0, "delta": {"tool_calls": [
        {"index": 1_000_000_000_000u64, "id": "x", "type": "function", "function": {"name": "add_task", "arguments": "{}"}}]}}]});
    let (stand_in, addr) = StandIn::start(vec![
        Scripted::Sse(vec![huge_index]),
        Scripted::Huge(5 * 1024 * 1024),
        Scripted::Redirect("/elsewhere".into()),
    ])
    .await;
    let db = TestDb::new().await;
    let app = TestApp::spawn_on(
        &db,
        &[
            ("AI_PROVIDER", "openai"),
            ("OPENAI_BASE_URL", &format!("http://{addr}/v1")),
            ("OPENAI_API_KEY", "sk-test"),
            ("AI_MAX_RETRIES", "0"),
        ],
    )
    .await;
    let client = app.client();
    app.signup(&client, "hostile@example.com").await;
    for what in ["a tool-call index of 10^12", "a 5 MB body", "a redirect"] {
        let res = say(&app, &client, "add something").await;
        assert_eq!(res.status(), 502, "{what}");
        assert_eq!(reqwest::get(app.url("/healthz")).await.unwrap().status(), 200, "{what}");
    }
    // the redirect was not followed: the key never went anywhere else
    assert!(
        !stand_in.paths().iter().any(|p| p.contains("elsewhere")),
        "{:?}",
        stand_in.paths()
    );
    assert_eq!(count(&db.connect().await, "SELECT COUNT(*) FROM tasks").await, 0);
    app.stop().await;
}

#[tokio::test]
async fn turns_in_flight_are_limited_per_user() {
    let (_stand_in, addr) = StandIn::start(vec![Scripted::Hang, Scripted::Hang]).await;
    let db = TestDb::new().await;
    let app = TestApp::spawn_on(
        &db,
        &[
            ("AI_PROVIDER", "openai"),
            ("OPENAI_BASE_URL", &format!("http://{addr}/v1")),
            ("OPENAI_API_KEY", "sk-test"),
            ("AI_TIMEOUT_SECS", "3"),
            ("AI_MAX_RETRIES", "0"),
            ("QUOTA_TURNS_IN_FLIGHT", "1"),
        ],
    )
    .await;
    let client = app.client();
    app.signup(&client, "busy@example.com").await;
    let first = tokio::spawn({
        let (client, url) = (client.clone(), app.url("/api/v1/chat"));
        async move {
            client
                .post(url)
                .json(&json!({"message": "one"}))
                .send()
                .await
                .unwrap()
                .status()
        }
    });
    tokio::time::sleep(Duration::from_millis(500)).await;
    let second = say(&app, &client, "two").await;
    assert_eq!(second.status(), 429);
    assert_eq!(
        first.await.unwrap(),
        502,
        "the first turn ends with the provider's timeout"
    );
    // once it ended, turns are allowed again (the stand-in's script is used up: a 500)
    assert_eq!(say(&app, &client, "three").await.status(), 502);
    // the refused message was never stored
    let conn = db.connect().await;
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM messages WHERE content = 'two'").await,
        0
    );
    app.stop().await;
}

#[tokio::test]
async fn a_model_manages_projects_and_subtasks_through_the_tools() {
    let (stand_in, addr) = StandIn::start(vec![
        Scripted::Sse(vec![tool_chunk(
            0,
            Some("c1"),
            Some("create_project"),
            r#"{"name": "Groceries"}"#,
        )]),
        Scripted::Sse(vec![tool_chunk(
            0,
            Some("c2"),
            Some("add_task"),
            r#"{"title": "Weekly shop", "project": "groceries", "priority": "high"}"#,
        )]),
        Scripted::Sse(vec![tool_chunk(
            0,
            Some("c3"),
            Some("add_task"),
            r#"{"title": "Oat milk", "parent": "weekly shop"}"#,
        )]),
        Scripted::Sse(vec![tool_chunk(
            0,
            Some("c4"),
            Some("list_tasks"),
            r#"{"project": "Groceries"}"#,
        )]),
        Scripted::Sse(vec![tool_chunk(
            0,
            Some("c5"),
            Some("add_task"),
            r#"{"title": "x", "project": "nowhere"}"#,
        )]),
        Scripted::Sse(vec![text_chunk("Done: your groceries are set.")]),
    ])
    .await;
    let db = TestDb::new().await;
    let app = openai_app(&db, addr).await;
    let client = app.client();
    app.signup(&client, "model-projects@example.com").await;
    let res = say(&app, &client, "set up my groceries").await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["actions"].as_array().unwrap().len(), 3, "{body}");
    // the tools' schemas carry the new arguments
    let tools = &stand_in.requests()[0].1["tools"];
    let names: Vec<&str> = tools
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["function"]["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"list_projects") && names.contains(&"create_project"),
        "{names:?}"
    );
    let listed = &stand_in.requests()[4].1["messages"];
    let last_tool = listed
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|m| m["role"] == "tool")
        .unwrap();
    let content: Value = serde_json::from_str(last_tool["content"].as_str().unwrap()).unwrap();
    assert_eq!(
        content["tasks"].as_array().unwrap().len(),
        2,
        "the parent and its subtask: {content}"
    );
    let refused = &stand_in.requests()[5].1["messages"];
    let refusal = refused
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|m| m["role"] == "tool")
        .unwrap();
    assert!(
        refusal["content"].as_str().unwrap().contains("no project is called"),
        "{refusal}"
    );
    let conn = db.connect().await;
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM tasks").await, 2);
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM tasks WHERE parent_id IS NOT NULL").await,
        1
    );
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM projects WHERE name = 'Groceries'").await,
        1
    );
    app.stop().await;
}
