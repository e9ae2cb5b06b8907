//! Start-up, migrations, health, body limit, cross-origin refusal, security headers, pages.
use migration::{Migrator, MigratorTrait};

use crate::helpers::{count, TestApp, TestDb};

#[tokio::test]
async fn starts_on_an_empty_database_and_reports_health() {
    let (app, db) = TestApp::spawn().await;
    let res = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(res.status(), 200);
    // the schema is there: every migration applied
    let conn = db.connect().await;
    let applied = Migrator::get_applied_migrations(&conn).await.unwrap();
    assert_eq!(applied.len(), Migrator::migrations().len());
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM users").await, 0);
    app.stop().await;
}

#[tokio::test]
async fn migrations_go_down_and_up_again() {
    let db = TestDb::new().await;
    let conn = db.connect().await;
    Migrator::up(&conn, None).await.unwrap();
    Migrator::down(&conn, None).await.unwrap();
    assert!(Migrator::get_applied_migrations(&conn).await.unwrap().is_empty());
    Migrator::up(&conn, None).await.unwrap();
    assert_eq!(Migrator::get_pending_migrations(&conn).await.unwrap().len(), 0);
    // and the app starts on the re-created schema
    let app = TestApp::spawn_on(&db, &[]).await;
    assert_eq!(reqwest::get(app.url("/healthz")).await.unwrap().status(), 200);
    app.stop().await;
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_413() {
    let db = TestDb::new().await;
    let app = TestApp::spawn_on(&db, &[("MAX_BODY_BYTES", "2048")]).await;
    let client = app.client();
    let big = "x".repeat(4096);
    for path in ["/api/v1/auth/signup", "/api/login", "/api/v1/tasks"] {
        let res = client
            .post(app.url(path))
            .header("content-type", "application/json")
            .body(format!("{{\"email\":\"{big}\"}}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 413, "{path}");
    }
    // a body without a declared length is cut off too
    let stream = futures_body(big);
    let res = client
        .post(app.url("/api/v1/auth/login"))
        .header("content-type", "application/json")
        .body(stream)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    app.stop().await;
}

/// A body sent in chunks, without a Content-Length.
fn futures_body(text: String) -> reqwest::Body {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = text.into_bytes().chunks(512).map(|c| Ok(c.to_vec())).collect();
    reqwest::Body::wrap_stream(futures::stream::iter(chunks))
}

#[tokio::test]
async fn cross_site_unsafe_requests_are_refused() {
    let (app, _db) = TestApp::spawn().await;
    let plain = reqwest::Client::new();
    let body = serde_json::json!({"email": "x@example.com", "password": "whatever123"});
    let unsafe_paths = [
        "/api/v1/auth/signup",
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/tokens",
        "/api/login",
        "/api/signup",
        "/api/logout",
        "/api/delete_account",
        "/api/create_token",
        "/api/sign_out_everywhere",
    ];
    for path in unsafe_paths {
        let from_evil = plain
            .post(app.url(path))
            .header("origin", "http://evil.example")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(from_evil.status(), 403, "foreign Origin on {path}");
        let cross_site = plain
            .post(app.url(path))
            .header("sec-fetch-site", "cross-site")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(cross_site.status(), 403, "Sec-Fetch-Site cross-site on {path}");
        let same_site = plain
            .post(app.url(path))
            .header("sec-fetch-site", "same-site")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(same_site.status(), 403, "Sec-Fetch-Site same-site on {path}");
        let with_cookie = plain
            .post(app.url(path))
            .header("cookie", "taskpilot=abc")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(with_cookie.status(), 403, "a session cookie without Origin on {path}");
    }
    // DELETE and PATCH are unsafe too
    let res = plain
        .delete(app.url("/api/v1/me"))
        .header("origin", "http://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // our own origin passes the check (and then fails on its merits, not with 403)
    let res = app
        .client()
        .post(app.url("/api/v1/auth/login"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    // a script with no Origin and no cookie passes too
    let res = plain
        .post(app.url("/api/v1/auth/login"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    app.stop().await;
}

#[tokio::test]
async fn pages_render_on_the_server_with_security_headers() {
    let (app, _db) = TestApp::spawn().await;
    let client = app.client();
    let res = client.get(app.url("/login")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let headers = res.headers().clone();
    let html = res.text().await.unwrap();
    assert!(html.contains("<label") && html.contains("Sign in"), "{html}");
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("'nonce-"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers.contains_key("referrer-policy"));
    // every inline script carries the nonce of the header
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    for script in html.split("<script").skip(1) {
        let tag = script.split('>').next().unwrap();
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")) || tag.contains("src="),
            "script without nonce: {tag}"
        );
    }
    // / sends a signed-out visitor to /login
    let res = client.get(app.url("/")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login");
    // an unknown page is a 404 page
    let res = client.get(app.url("/no-such-page")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let (app, _db) = TestApp::spawn().await;
    let res = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap();
    assert_eq!(res.status(), 200);
    let doc: serde_json::Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    // a method an address does not take: 405 with the JSON error body and `Allow`
    let res = reqwest::Client::new()
        .put(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 405);
    assert!(res.headers()["allow"].to_str().unwrap().contains("GET"));
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed", "{body}");
    let routes = [
        ("post", "/api/v1/auth/signup"),
        ("post", "/api/v1/auth/login"),
        ("post", "/api/v1/auth/logout"),
        ("get", "/api/v1/me"),
        ("delete", "/api/v1/me"),
        ("post", "/api/v1/me/password"),
        ("get", "/api/v1/tokens"),
        ("post", "/api/v1/tokens"),
        ("delete", "/api/v1/tokens/{id}"),
        ("get", "/api/v1/tasks"),
        ("post", "/api/v1/tasks"),
        ("get", "/api/v1/tasks/{id}"),
        ("patch", "/api/v1/tasks/{id}"),
        ("delete", "/api/v1/tasks/{id}"),
        ("post", "/api/v1/chat"),
        ("post", "/api/v1/chat/stream"),
        ("get", "/api/v1/conversations"),
        ("delete", "/api/v1/conversations/{id}"),
        ("get", "/api/v1/conversations/{id}/messages"),
        ("get", "/api/v1/projects"),
        ("post", "/api/v1/projects"),
        ("get", "/api/v1/projects/{id}"),
        ("patch", "/api/v1/projects/{id}"),
        ("delete", "/api/v1/projects/{id}"),
        ("get", "/api/v1/export"),
        ("post", "/api/v1/import"),
        ("get", "/api/v1/tasks/{id}/completions"),
        ("get", "/api/v1/calendar"),
        ("post", "/api/v1/calendar"),
        ("delete", "/api/v1/calendar"),
        ("get", "/api/v1/notifications"),
        ("post", "/api/v1/notifications/{id}/read"),
        ("post", "/api/v1/notifications/read-all"),
        ("get", "/api/v1/me/settings"),
        ("patch", "/api/v1/me/settings"),
        ("get", "/api/v1/events"),
    ];
    for (method, path) in routes {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} is not documented"
        );
    }
    let documented: usize = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|p| p.as_object().unwrap().len())
        .sum();
    assert_eq!(
        documented,
        routes.len(),
        "the document lists a route the test does not know"
    );
    for schema in [
        "Task",
        "TaskPage",
        "TaskInput",
        "TaskPatchInput",
        "User",
        "ErrorBody",
        "Priority",
        "ChatEvent",
        "ChatReply",
        "Project",
        "ProjectInput",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "schema {schema}");
    }
    let list_params: Vec<&str> = doc["paths"]["/api/v1/tasks"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for p in [
        "status", "priority", "tag", "q", "due", "sort", "limit", "cursor", "project", "parent",
    ] {
        assert!(list_params.contains(&p), "list parameter {p}");
    }
    // every operation documents the answers any route can give
    for status in ["400", "401", "503"] {
        assert!(
            doc["paths"]["/api/v1/tasks"]["get"]["responses"][status].is_object(),
            "{status}"
        );
    }
    for status in ["403", "413", "507"] {
        assert!(
            doc["paths"]["/api/v1/tasks"]["post"]["responses"][status].is_object(),
            "{status}"
        );
    }
    assert_eq!(
        doc["paths"]["/api/v1/chat/stream"]["post"]["responses"]["200"]["content"]["text/event-stream"]["schema"]
            ["$ref"],
        "#/components/schemas/StreamFrame"
    );
    app.stop().await;
}

#[tokio::test]
async fn pages_are_compressed_and_static_files_cached_by_their_names() {
    // a site root with one stylesheet and the brotli twin a `--precompress` build writes
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let css = "main { color: black; }\n".repeat(200);
    std::fs::write(pkg.join("taskpilot.css"), &css).unwrap();
    std::fs::write(pkg.join("taskpilot.css.br"), b"twin").unwrap();
    let db = TestDb::new().await;
    let root = site.path().to_str().unwrap();
    let app = TestApp::spawn_on(&db, &[("LEPTOS_SITE_ROOT", root)]).await;
    let client = app.client();
    app.signup(&client, "zip@example.com").await;
    let res = client
        .post(app.url("/api/v1/tasks"))
        .json(&serde_json::json!({"title": "Compress the dashboard"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);

    // the dashboard, asked for with brotli, comes compressed and decodes to the page
    let plain = client.get(app.url("/tasks")).send().await.unwrap();
    assert_eq!(plain.status(), 200);
    assert!(plain.headers().get("content-encoding").is_none());
    let plain = plain.text().await.unwrap();
    let res = client
        .get(app.url("/tasks"))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-encoding"], "br");
    assert!(res.headers()["vary"].to_str().unwrap().contains("accept-encoding"));
    let packed = res.bytes().await.unwrap();
    let mut html = Vec::new();
    brotli_decompressor::BrotliDecompress(&mut &packed[..], &mut html).unwrap();
    let html = String::from_utf8(html).unwrap();
    assert!(html.contains("Compress the dashboard"), "{html}");
    assert!(
        packed.len() * 3 < plain.len(),
        "{} compressed bytes for a {}-byte page",
        packed.len(),
        plain.len()
    );

    // a GET of `path` saying which codings this client accepts
    let accepting = |path: &str, accepted: &str| client.get(app.url(path)).header("accept-encoding", accepted).send();

    // gzip for a client without brotli, or that weighs it lower; it decodes to the page
    for accepted in ["gzip", "br;q=0, gzip", "br;q=0.5, gzip;q=0.9"] {
        let res = accepting("/tasks", accepted).await.unwrap();
        assert_eq!(res.headers()["content-encoding"], "gzip", "{accepted}");
        let packed = res.bytes().await.unwrap();
        let mut html = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&packed[..]), &mut html).unwrap();
        assert!(html.contains("Compress the dashboard"), "{accepted}: {html}");
    }
    // nothing a client does not accept
    for accepted in ["identity", "br;q=0, gzip;q=0", "zstd"] {
        let res = accepting("/tasks", accepted).await.unwrap();
        assert!(res.headers().get("content-encoding").is_none(), "{accepted}");
        assert!(
            res.text().await.unwrap().contains("Compress the dashboard"),
            "{accepted}"
        );
    }

    // the JSON list too, decoding to exactly what an uncompressed answer holds (more tasks, so
    // it is over the threshold)
    for n in 0..30 {
        let res = client
            .post(app.url("/api/v1/tasks"))
            .json(&serde_json::json!({"title": format!("Task number {n} with a longer title")}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let list = "/api/v1/tasks?limit=50";
    let plain = client.get(app.url(list)).send().await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    let plain: serde_json::Value = plain.json().await.unwrap();
    assert_eq!(plain["items"].as_array().unwrap().len(), 31);
    let res = accepting(list, "gzip, deflate, br").await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-encoding"], "br");
    assert!(res.headers().get("content-length").is_none_or(|n| n != "0"));
    assert!(res.headers()["vary"].to_str().unwrap().contains("accept-encoding"));
    let packed = res.bytes().await.unwrap();
    let mut json = Vec::new();
    brotli_decompressor::BrotliDecompress(&mut &packed[..], &mut json).unwrap();
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&json).unwrap(), plain);

    // the event stream is never compressed: each event must leave at once
    let res = accepting("/api/v1/events", "br, gzip").await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("content-encoding").is_none());
    let mut events = res.bytes_stream();
    let first = tokio::time::timeout(std::time::Duration::from_secs(5), futures::StreamExt::next(&mut events))
        .await
        .expect("the first event at once")
        .unwrap()
        .unwrap();
    assert!(String::from_utf8_lossy(&first).contains("ready"), "{first:?}");
    drop(events);

    // a small answer is not worth compressing
    let res = client
        .get(app.url("/healthz"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("content-encoding").is_none());

    // a static file: its precompressed twin to a browser that takes brotli, the file itself
    // otherwise; unhashed names are revalidated
    let res = client
        .get(app.url("/pkg/taskpilot.css"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-encoding"], "br");
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"twin");
    let res = client.get(app.url("/pkg/taskpilot.css")).send().await.unwrap();
    assert!(res.headers().get("content-encoding").is_none());
    assert_eq!(res.text().await.unwrap(), css);
    let res = client.get(app.url("/pkg/nothing.js")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    app.stop().await;

    // hashed names promise a file never changes under its name: without the hash file beside
    // the executable the app refuses to start rather than serve pages pointing nowhere
    let config = taskpilot::server::config::Config::from_lookup(|k| match k {
        "DATABASE_URL" => Some(db.url.clone()),
        "LEPTOS_SITE_ADDR" => Some("127.0.0.1:0".into()),
        _ => None,
    })
    .unwrap();
    let options = TestApp::options(&[("LEPTOS_SITE_ROOT", root), ("LEPTOS_HASH_FILES", "true")]);
    let error = taskpilot::server::startup::Application::build(config, options)
        .await
        .err()
        .expect("no start without the hash file");
    assert!(error.to_string().contains("LEPTOS_HASH_FILES"), "{error}");
}
