//! The ceiling that `benches/run.sh` measures Taskpilot against: the same stack (axum on a
//! multi-threaded tokio runtime) answering a fixed small JSON body, with no database, session
//! or rendering. Usage: `taskpilot-ceiling 127.0.0.1:PORT`.
use axum::http::header;
use axum::routing::get;
use axum::Router;

const BODY: &str = r#"{"items":[{"id":"0192f0c4-6c1e-7000-8000-000000000000","title":"Buy milk","completed":false}],"next_cursor":null}"#;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:3999".to_owned());
    let app = Router::new().route(
        "/",
        get(|| async { ([(header::CONTENT_TYPE, "application/json")], BODY) }),
    );
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    axum::serve(listener, app).await
}
