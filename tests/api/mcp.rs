//! MCP at `/mcp` (rmcp's own client over Streamable HTTP, the official Python SDK when the test
//! command provides it, and stdio), and the OAuth 2.1 flow that gives MCP clients their tokens.
use std::time::Duration;

use rmcp::model::{CallToolRequestParams, CallToolResult};
use rmcp::service::RunningService;
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::{RoleClient, ServiceExt};
use serde_json::{json, Value};
use sha2::Digest;

use crate::helpers::{count, get_json, TestApp};

/// An API token of the user `client` is signed in as.
async fn api_token(app: &TestApp, client: &reqwest::Client) -> String {
    let res = client
        .post(app.url("/api/v1/tokens"))
        .json(&json!({"name": "mcp"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    res.json::<Value>().await.unwrap()["value"].as_str().unwrap().to_owned()
}

async fn connect(app: &TestApp, token: &str) -> RunningService<RoleClient, ()> {
    let transport = StreamableHttpClientTransport::from_config(
        StreamableHttpClientTransportConfig::with_uri(app.url("/mcp")).auth_header(token.to_owned()),
    );
    ().serve(transport).await.expect("the MCP client initializes")
}

async fn call(client: &RunningService<RoleClient, ()>, tool: &str, arguments: Value) -> CallToolResult {
    let Value::Object(arguments) = arguments else {
        panic!("arguments are an object")
    };
    client
        .call_tool(CallToolRequestParams::new(tool.to_owned()).with_arguments(arguments))
        .await
        .expect("a tool answer")
}

fn text(result: &CallToolResult) -> Value {
    let raw = result.content[0].as_text().expect("a text answer").text.clone();
    serde_json::from_str(&raw).expect("JSON text")
}

#[tokio::test]
async fn mcp_tools_act_as_the_token_owner_and_no_one_else() {
    let (app, db) = TestApp::spawn().await;
    let alice = app.client();
    app.signup(&alice, "alice-mcp@example.com").await;
    let bob = app.client();
    app.signup(&bob, "bob-mcp@example.com").await;
    let bobs: Value = bob
        .post(app.url("/api/v1/tasks"))
        .json(&json!({"title": "Bob's secret plan"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let bobs_id = bobs["id"].as_str().unwrap().to_owned();

    // no token, a wrong one: 401 pointing at the resource metadata
    let plain = reqwest::Client::new();
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}});
    let res = plain
        .post(app.url("/mcp"))
        .header("accept", "application/json, text/event-stream")
        .json(&init)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(
        res.headers()["www-authenticate"].to_str().unwrap(),
        format!(
            "Bearer resource_metadata=\"{}/.well-known/oauth-protected-resource\"",
            app.origin()
        )
    );
    let res = plain
        .post(app.url("/mcp"))
        .bearer_auth("tp_not-a-token")
        .header("accept", "application/json, text/event-stream")
        .json(&init)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert!(res.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .contains("invalid_token"));

    let token = api_token(&app, &alice).await;
    // the Origin check of unsafe requests holds here too
    let res = plain
        .post(app.url("/mcp"))
        .bearer_auth(&token)
        .header("origin", "https://evil.example")
        .header("accept", "application/json, text/event-stream")
        .json(&init)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // a body that is not JSON, or JSON that is not JSON-RPC: 400 and the protocol's error
    for (body, code) in [
        ("{\"jsonrpc\": \"2.0\", \"id\": 1,", -32700),
        ("{\"hello\": 1}", -32600),
    ] {
        let res = plain
            .post(app.url("/mcp"))
            .bearer_auth(&token)
            .header("accept", "application/json, text/event-stream")
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 400, "{body}");
        let answer: Value = res.json().await.unwrap();
        assert_eq!(
            (answer["error"]["code"].as_i64(), answer["id"].is_null()),
            (Some(code), true),
            "{answer}"
        );
    }

    let client = connect(&app, &token).await;
    let info = client.peer_info().expect("server info");
    assert_eq!(info.server_info.as_ref().map(|s| s.name.as_str()), Some("taskpilot"));
    let tools = client.list_all_tools().await.unwrap();
    let names: Vec<&str> = tools.iter().map(|t| t.name.as_ref()).collect();
    for expected in [
        "add_task",
        "add_tasks",
        "list_tasks",
        "get_overview",
        "complete_task",
        "complete_tasks",
        "reopen_task",
        "update_task",
        "delete_task",
        "list_projects",
        "create_project",
    ] {
        assert!(names.contains(&expected), "{expected} in {names:?}");
    }
    let delete = tools.iter().find(|t| t.name == "delete_task").unwrap();
    assert_eq!(delete.annotations.as_ref().and_then(|a| a.destructive_hint), Some(true));
    let add = tools.iter().find(|t| t.name == "add_task").unwrap();
    assert!(
        add.input_schema["properties"]["recurrence"].is_object()
            && add.input_schema["properties"]["reminders"].is_object()
    );

    let added = call(
        &client,
        "add_task",
        json!({"title": "Buy oat milk", "priority": "high", "tags": ["shop"]}),
    )
    .await;
    assert_ne!(added.is_error, Some(true), "{added:?}");
    assert_eq!(text(&added)["task"]["priority"], "high");
    let listed = text(&call(&client, "list_tasks", json!({"query": "oat"})).await);
    assert_eq!(listed["tasks"].as_array().unwrap().len(), 1, "{listed}");
    let done = call(&client, "complete_task", json!({"task": "oat milk"})).await;
    assert_eq!(text(&done)["task"]["completed"], true);

    // another user's task, by id and by title: a tool error, and nothing changes
    for reference in [bobs_id.as_str(), "Bob's secret plan", "secret plan"] {
        for tool in ["complete_task", "delete_task", "update_task"] {
            let mut arguments = json!({"task": reference});
            if tool == "update_task" {
                arguments["title"] = json!("stolen");
            }
            let refused = call(&client, tool, arguments).await;
            assert_eq!(refused.is_error, Some(true), "{tool} {reference}: {refused:?}");
        }
    }
    let still: Value = get_json(&bob, app.url(&format!("/api/v1/tasks/{bobs_id}"))).await;
    assert_eq!(
        (still["title"].as_str(), still["completed"].as_bool()),
        (Some("Bob's secret plan"), Some(false))
    );
    // an argument that is not the tool's is refused, not ignored
    let refused = call(&client, "add_task", json!({"title": "x", "user_id": "someone"})).await;
    assert_eq!(refused.is_error, Some(true));
    // an unknown tool is a protocol error
    let unknown = client.call_tool(CallToolRequestParams::new("drop_tables")).await;
    assert!(unknown.is_err());

    // several at once, and the overview
    let many = call(
        &client,
        "add_tasks",
        json!({"tasks": [{"title": "Call the bank"}, {"title": "Water plants", "due_at": "2020-01-01T09:00:00Z"}]}),
    )
    .await;
    assert_eq!(text(&many)["created"].as_array().unwrap().len(), 2);
    let bad_batch = call(
        &client,
        "add_tasks",
        json!({"tasks": [{"title": "fine"}, {"title": ""}]}),
    )
    .await;
    assert_eq!(bad_batch.is_error, Some(true));
    assert!(
        text(&bad_batch)["error"].as_str().unwrap().starts_with("tasks[1]"),
        "{bad_batch:?}"
    );
    let overview = text(&call(&client, "get_overview", json!({})).await);
    assert_eq!(overview["open"], 2, "{overview}");
    assert_eq!(overview["overdue"]["count"], 1);
    assert!(overview["time_zone"].is_string() && overview["now"].is_string());
    let completed = text(
        &call(
            &client,
            "complete_tasks",
            json!({"tasks": ["call the bank", "water plants", "no such thing"]}),
        )
        .await,
    );
    assert_eq!(completed["completed"].as_array().unwrap().len(), 2, "{completed}");
    assert_eq!(completed["not_completed"].as_array().unwrap().len(), 1);
    let conn = db.connect().await;
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM tasks WHERE title = 'fine'").await,
        0,
        "a refused batch adds nothing"
    );

    // two tasks of one title: naming them is a question for the user, never a silent pick
    call(
        &client,
        "add_tasks",
        json!({"tasks": [{"title": "Pay invoice"}, {"title": "Pay invoice", "due_at": "2031-01-01T09:00:00Z"}]}),
    )
    .await;
    for tool in ["complete_task", "delete_task"] {
        let asked = call(&client, tool, json!({"task": "pay invoice"})).await;
        assert_eq!(asked.is_error, Some(true), "{tool}: {asked:?}");
        assert!(
            text(&asked)["error"].as_str().unwrap().contains("ambiguous"),
            "{asked:?}"
        );
    }
    let invoices = text(&call(&client, "list_tasks", json!({"query": "invoice"})).await);
    assert_eq!(
        invoices["tasks"].as_array().unwrap().len(),
        2,
        "both still open: {invoices}"
    );
    // the due filter's names are the ones the description (and the REST API) gives
    let list = tools.iter().find(|t| t.name == "list_tasks").unwrap();
    let schema = serde_json::to_string(&list.input_schema).unwrap();
    assert!(
        schema.contains("\"next_7_days\"") && !schema.contains("next7_days"),
        "{schema}"
    );
    let soon = call(&client, "list_tasks", json!({"due": "next_7_days"})).await;
    assert_ne!(soon.is_error, Some(true), "{soon:?}");

    // the official Python SDK, when the test command has installed it
    if let Ok(python) = std::env::var("TASKPILOT_MCP_PYTHON") {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/check_mcp.py");
        let out = tokio::process::Command::new(python)
            .arg(script)
            .arg(app.url("/mcp"))
            .arg(&token)
            .arg(&bobs_id)
            .output()
            .await
            .expect("run the Python MCP client");
        assert!(
            out.status.success(),
            "the Python MCP client: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    } else {
        eprintln!("TASKPILOT_MCP_PYTHON is not set: the Python SDK check is skipped (scripts/test.sh sets it)");
    }
    assert_eq!(
        get_json(&bob, app.url(&format!("/api/v1/tasks/{bobs_id}"))).await["completed"],
        false
    );
    client.cancel().await.ok();
    app.stop().await;
}

/// One line of JSON-RPC to a child's stdin, and the answer line from its stdout.
async fn stdio_round(
    stdin: &mut tokio::process::ChildStdin,
    lines: &mut tokio::io::Lines<tokio::io::BufReader<tokio::process::ChildStdout>>,
    message: Value,
) -> Option<Value> {
    use tokio::io::AsyncWriteExt;
    stdin.write_all(format!("{message}\n").as_bytes()).await.unwrap();
    message.get("id")?;
    let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
        .await
        .expect("an answer in time")
        .unwrap()
        .expect("a line");
    Some(serde_json::from_str(&line).unwrap())
}

#[tokio::test]
async fn taskpilot_mcp_serves_the_same_tools_over_stdio() {
    use tokio::io::AsyncBufReadExt;
    let (app, db) = TestApp::spawn().await;
    let me = app.client();
    app.signup(&me, "stdio@example.com").await;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_taskpilot"))
        .args(["mcp", "--user", "stdio@example.com"])
        .env("DATABASE_URL", &db.url)
        .env("RUST_LOG", "info")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let init = stdio_round(
        &mut stdin,
        &mut lines,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}),
    )
    .await
    .unwrap();
    assert_eq!(init["result"]["serverInfo"]["name"], "taskpilot", "{init}");
    stdio_round(
        &mut stdin,
        &mut lines,
        json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
    )
    .await;
    let added = stdio_round(
        &mut stdin,
        &mut lines,
        json!({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "add_task", "arguments": {"title": "From the terminal"}}}),
    )
    .await
    .unwrap();
    assert_eq!(added["result"]["isError"], false, "{added}");
    // the task is the user's, as the web sees it
    let list = get_json(&me, app.url("/api/v1/tasks?q=terminal")).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "{list}");
    drop(stdin);
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("it ends with its input")
        .unwrap();
    assert!(status.success());
    // an unknown user is refused at once
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_taskpilot"))
        .args(["mcp", "--user", "nobody@example.com"])
        .env("DATABASE_URL", &db.url)
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .unwrap();
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("nobody@example.com"));
    app.stop().await;
}

// ---- OAuth ---------------------------------------------------------------------------------

const REDIRECT: &str = "http://127.0.0.1:45678/callback";

fn pkce() -> (String, String) {
    use base64::Engine;
    let verifier = format!("v{}", uuid::Uuid::new_v4().simple()) + &uuid::Uuid::new_v4().simple().to_string();
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()));
    (verifier, challenge)
}

fn query_of(location: &str) -> std::collections::HashMap<String, String> {
    url::Url::parse(location)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn authorize_query(client_id: &str, challenge: &str, state: &str) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", REDIRECT)
        .append_pair("code_challenge", challenge)
        .append_pair("code_challenge_method", "S256")
        .append_pair("state", state)
        .append_pair("scope", "tasks")
        .finish()
}

/// The signed-in user allows the client: the code the browser is sent back with.
async fn allow(app: &TestApp, browser: &reqwest::Client, client_id: &str, challenge: &str) -> String {
    let query = authorize_query(client_id, challenge, "s1");
    let res = browser
        .post(app.url("/oauth/consent"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("{query}&decision=allow"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(REDIRECT), "{location}");
    let answer = query_of(&location);
    assert_eq!(answer["state"], "s1");
    assert_eq!(answer["iss"], app.origin());
    answer["code"].clone()
}

async fn exchange(app: &TestApp, form: &[(&str, &str)]) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(app.url("/oauth/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_body(form))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn mcp_status(app: &TestApp, token: &str) -> u16 {
    reqwest::Client::new()
        .post(app.url("/mcp"))
        .bearer_auth(token)
        .header("accept", "application/json, text/event-stream")
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn the_oauth_flow_from_registration_to_revocation() {
    let (app, db) = TestApp::spawn().await;
    let origin = app.origin();
    let anyone = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    let resource = get_json(&anyone, app.url("/.well-known/oauth-protected-resource")).await;
    assert_eq!(resource["resource"], format!("{origin}/mcp"));
    assert_eq!(resource["authorization_servers"], json!([origin]));
    let metadata = get_json(&anyone, app.url("/.well-known/oauth-authorization-server")).await;
    assert_eq!(metadata["issuer"], origin);
    assert_eq!(metadata["code_challenge_methods_supported"], json!(["S256"]));
    assert_eq!(metadata["token_endpoint"], format!("{origin}/oauth/token"));

    // registration: https or loopback only, exact URIs
    let res = anyone
        .post(app.url("/oauth/register"))
        .header("origin", "https://inspector.example")
        .json(&json!({"redirect_uris": ["http://evil.example/cb"], "client_name": "Evil"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(res.json::<Value>().await.unwrap()["error"], "invalid_redirect_uri");
    let res = anyone
        .post(app.url("/oauth/register"))
        .header("origin", "https://inspector.example")
        .json(&json!({"redirect_uris": [REDIRECT], "client_name": "Test Claude", "token_endpoint_auth_method": "none"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
    let registered: Value = res.json().await.unwrap();
    let client_id = registered["client_id"].as_str().unwrap().to_owned();

    // signed out, the consent page sends the browser to sign in first, and back
    let (verifier, challenge) = pkce();
    let authorize = format!("/oauth/authorize?{}", authorize_query(&client_id, &challenge, "s1"));
    let browser = app.client();
    let res = browser.get(app.url(&authorize)).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let login = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(login.starts_with("/login?next="), "{login}");
    assert_eq!(query_of(&format!("http://x{login}"))["next"], authorize);
    app.signup(&browser, "oauth@example.com").await;
    let page = browser.get(app.url(&authorize)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    // its form may lead on to the client's origin (browsers hold the redirect after the POST to
    // form-action), and nowhere else
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("form-action 'self' http://127.0.0.1:45678;"), "{csp}");
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Test Claude") && html.contains("Allow") && html.contains("oauth@example.com"),
        "{html}"
    );
    assert!(html.contains("127.0.0.1"), "says where the browser goes back to");

    // an unregistered redirect URI is shown, never followed
    let bad = authorize.replace("45678", "45679");
    let res = browser.get(app.url(&bad)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("form-action 'self';"), "{csp}");
    assert!(res.text().await.unwrap().contains("did not register"));
    // no PKCE, or plain PKCE: back to the client with an error
    for broken in [
        authorize.replace("code_challenge_method=S256", "code_challenge_method=plain"),
        authorize.replace(&format!("code_challenge={challenge}"), "code_challenge="),
    ] {
        let res = browser.get(app.url(&broken)).send().await.unwrap();
        assert!(res.status().is_redirection(), "{}", res.status());
        let to = res.headers()["location"].to_str().unwrap().to_owned();
        assert!(to.starts_with(REDIRECT), "{to}");
        assert_eq!(query_of(&to)["error"], "invalid_request");
    }
    // the consent form from another site is refused
    let res = anyone
        .post(app.url("/oauth/consent"))
        .header("origin", "https://evil.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_body(&[("client_id", client_id.as_str()), ("decision", "allow")]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // deny: the client hears access_denied
    let res = browser
        .post(app.url("/oauth/consent"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "{}&decision=deny",
            authorize_query(&client_id, &challenge, "s1")
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        query_of(res.headers()["location"].to_str().unwrap())["error"],
        "access_denied"
    );

    // a wrong verifier is refused, and spends the code
    let code = allow(&app, &browser, &client_id, &challenge).await;
    let token_form = |code: &str, verifier: &str| {
        vec![
            ("grant_type", "authorization_code".to_owned()),
            ("code", code.to_owned()),
            ("redirect_uri", REDIRECT.to_owned()),
            ("client_id", client_id.clone()),
            ("code_verifier", verifier.to_owned()),
        ]
    };
    let as_refs = |form: &Vec<(&'static str, String)>| form.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    let send = |form: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            exchange(app, &pairs).await
        }
    };
    let (wrong_verifier, _) = pkce();
    let (status, body) = send(token_form(&code, &wrong_verifier)).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")));
    let (status, _) = send(token_form(&code, &verifier)).await;
    assert_eq!(status, 400, "a code is good once");

    // the right one: tokens, good at /mcp only
    let code = allow(&app, &browser, &client_id, &challenge).await;
    let (status, tokens) = send(token_form(&code, &verifier)).await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 3600);
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
    assert_eq!(mcp_status(&app, &access).await, 200);
    let api = reqwest::Client::new()
        .get(app.url("/api/v1/tasks"))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 401, "an OAuth access token is for /mcp only");
    let conn = db.connect().await;
    assert_eq!(
        count(
            &conn,
            &format!(
                "SELECT COUNT(*) FROM oauth_tokens WHERE token_hash = '{}'",
                hex_sha256(&access)
            )
        )
        .await,
        1,
        "stored as a hash"
    );
    assert_eq!(
        count(
            &conn,
            &format!("SELECT COUNT(*) FROM oauth_tokens WHERE token_hash = '{access}'")
        )
        .await,
        0
    );
    // the same code again: refused, and what it gave is revoked
    let (status, _) = send(token_form(&code, &verifier)).await;
    assert_eq!(status, 400);
    assert_eq!(
        mcp_status(&app, &access).await,
        401,
        "a replayed code revokes its tokens"
    );
    let (status, _) = send(vec![
        ("grant_type", "refresh_token".into()),
        ("refresh_token", refresh.clone()),
        ("client_id", client_id.clone()),
    ])
    .await;
    assert_eq!(status, 400);

    // another redirect URI than the code's: refused
    let code = allow(&app, &browser, &client_id, &challenge).await;
    let mut form = token_form(&code, &verifier);
    form[2].1 = "http://127.0.0.1:45678/other".into();
    assert_eq!(send(as_refs(&form)).await.0, 400);
    // an expired code: refused (the clock moved by hand)
    let code = allow(&app, &browser, &client_id, &challenge).await;
    sea_orm::ConnectionTrait::execute_unprepared(&conn, "UPDATE oauth_codes SET expires_at = 0 WHERE used_at IS NULL")
        .await
        .unwrap();
    assert_eq!(send(token_form(&code, &verifier)).await.0, 400);

    // refresh tokens rotate; a replayed one revokes the family
    let code = allow(&app, &browser, &client_id, &challenge).await;
    let (_, first) = send(token_form(&code, &verifier)).await;
    let refresh_form = |refresh: &str| {
        vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh),
            ("client_id", client_id.as_str()),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.to_owned()))
        .collect::<Vec<_>>()
    };
    let (status, second) = send(refresh_form(first["refresh_token"].as_str().unwrap())).await;
    assert_eq!(status, 200, "{second}");
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    let second_access = second["access_token"].as_str().unwrap().to_owned();
    assert_eq!(mcp_status(&app, &second_access).await, 200);
    let (status, body) = send(refresh_form(first["refresh_token"].as_str().unwrap())).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")));
    assert_eq!(mcp_status(&app, &second_access).await, 401, "the family is revoked");
    assert_eq!(
        send(refresh_form(second["refresh_token"].as_str().unwrap())).await.0,
        400
    );
    // another client cannot use this client's refresh token
    let code = allow(&app, &browser, &client_id, &challenge).await;
    let (_, third) = send(token_form(&code, &verifier)).await;
    let mut stolen = refresh_form(third["refresh_token"].as_str().unwrap());
    stolen[2].1 = "mcp_someone-else".into();
    assert_eq!(send(stolen).await.0, 401);

    // /settings lists the connected app with its last use, and disconnects it
    let apps: Value = browser
        .post(app.url("/api/list_connected_apps"))
        .header("content-type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let listed = apps.as_array().unwrap();
    assert_eq!(listed.len(), 1, "{apps}");
    assert_eq!(listed[0]["name"], "Test Claude");
    let third_access = third["access_token"].as_str().unwrap().to_owned();
    assert_eq!(mcp_status(&app, &third_access).await, 200);
    // another user cannot disconnect it
    let other = app.client();
    app.signup(&other, "other-oauth@example.com").await;
    let res = other
        .post(app.url("/api/revoke_connected_app"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("id={}", listed[0]["id"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(mcp_status(&app, &third_access).await, 200);
    let res = browser
        .post(app.url("/api/revoke_connected_app"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("id={}", listed[0]["id"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(mcp_status(&app, &third_access).await, 401);
    assert_eq!(
        send(refresh_form(third["refresh_token"].as_str().unwrap())).await.0,
        400
    );
    app.stop().await;
}

fn form_body(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

fn hex_sha256(value: &str) -> String {
    sha2::Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
