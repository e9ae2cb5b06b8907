//! MCP (the Model Context Protocol): AI clients — Claude, ChatGPT, any MCP client — manage the
//! user's tasks with the assistant's own tools, over Streamable HTTP at `/mcp` (stateless: every
//! request stands alone, so any instance answers it) or over stdio (`taskpilot mcp --user`).
//! `/mcp` needs a bearer token: an API token or an OAuth access token from `server::oauth`;
//! without one it answers 401 and points at the resource metadata (RFC 9728), where a client
//! learns how to sign in. The tools act as that user only, through the user's scope.
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use http::{header, HeaderValue, StatusCode};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation, ListToolsResult,
    PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool, ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::transport::streamable_http_server::session::never::NeverSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{ErrorData, RoleServer, ServerHandler};
use tracing::Instrument;

use super::assistant::tools::{self, Effect};
use super::auth::{self, CurrentUser};
use super::repo::{Db, UserScope};
use super::rest::ErrorBody;
use super::state::AppState;
use super::tasks::user_tz;

pub const PATH: &str = "/mcp";

const INSTRUCTIONS: &str = "Taskpilot keeps the user's tasks, in projects, with subtasks, due dates, \
priorities, tags, repetition and reminders. Start with get_overview: it gives the user's time zone \
and local time, so due dates you send (RFC 3339 with offset) mean what the user said. Name tasks by \
id or by words of their title; when a name matches several tasks the tool says so: ask the user which.";

/// Who the tools act for: the user of each HTTP request, or the one of a stdio session.
#[derive(Clone)]
enum Acting {
    PerRequest,
    As(Arc<CurrentUser>),
}

/// The MCP server: the assistant's tools over the user's scope.
#[derive(Clone)]
pub struct TaskServer {
    db: Db,
    acting: Acting,
}

impl TaskServer {
    /// A server that acts as `user` for every call (stdio).
    pub fn acting_as(db: Db, user: CurrentUser) -> Self {
        Self {
            db,
            acting: Acting::As(Arc::new(user)),
        }
    }

    fn user(&self, context: &RequestContext<RoleServer>) -> Result<Arc<CurrentUser>, ErrorData> {
        match &self.acting {
            Acting::As(user) => Ok(Arc::clone(user)),
            Acting::PerRequest => context
                .extensions
                .get::<http::request::Parts>()
                .and_then(|parts| parts.extensions.get::<Arc<CurrentUser>>())
                .cloned()
                // `authenticate` ran before the request got here; reaching this is a bug
                .ok_or_else(|| ErrorData::internal_error("not authenticated", None)),
        }
    }
}

/// The tools as MCP lists them: the assistant's, with hints of what each does.
pub fn tool_list() -> Vec<Tool> {
    tools::specs()
        .into_iter()
        .map(|spec| {
            let schema = match spec.parameters {
                serde_json::Value::Object(object) => object,
                _ => serde_json::Map::new(),
            };
            let annotations = ToolAnnotations::new()
                .read_only(spec.effect == Effect::Reads)
                .destructive(spec.effect == Effect::Destroys)
                .open_world(false);
            Tool::new(spec.name, spec.description, schema).annotate(annotations)
        })
        .collect()
}

impl ServerHandler for TaskServer {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("taskpilot", env!("CARGO_PKG_VERSION")).with_title("Taskpilot"))
            .with_instructions(INSTRUCTIONS)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(tool_list()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        if !tools::specs().iter().any(|s| s.name == request.name) {
            return Err(ErrorData::invalid_params(
                format!("unknown tool {:?}", request.name),
                None,
            ));
        }
        let user = self.user(&context)?;
        let span = tracing::info_span!("mcp_tool", tool = %request.name, user_id = %user.id());
        let arguments = request
            .arguments
            .map(serde_json::Value::Object)
            .unwrap_or_else(|| serde_json::json!({}))
            .to_string();
        let scope = UserScope::new(&self.db, &user);
        let result = tools::run(&scope, user_tz(&user.time_zone), &request.name, &arguments)
            .instrument(span)
            .await;
        let structured = serde_json::from_str::<serde_json::Value>(&result.content).ok();
        let mut answer = if result.is_error {
            CallToolResult::error(vec![ContentBlock::text(result.content)])
        } else {
            CallToolResult::success(vec![ContentBlock::text(result.content)])
        };
        if !result.is_error {
            answer.structured_content = structured;
        }
        Ok(answer.into())
    }
}

/// `/mcp`: the Streamable HTTP transport in stateless mode with JSON answers, behind
/// [`authenticate`]. The app's own layers (the cross-site check of unsafe requests, the body
/// limit, the security headers) wrap it like every other route.
pub fn router(state: &AppState) -> Router<AppState> {
    let db = state.db.clone();
    let config = StreamableHttpServerConfig::default()
        .with_legacy_session_mode(false)
        .with_json_response(true)
        .with_sse_keep_alive(None)
        // tokens, not the Host header, say who may call; the Origin check is the app's own
        .disable_allowed_hosts()
        .with_max_request_body_bytes(state.config.max_body_bytes);
    let service = StreamableHttpService::new(
        move || {
            Ok(TaskServer {
                db: db.clone(),
                acting: Acting::PerRequest,
            })
        },
        Arc::new(NeverSessionManager::default()),
        config,
    );
    Router::new()
        .route_service(PATH, service)
        .layer(middleware::from_fn_with_state(state.clone(), authenticate))
}

/// Lets a request through only with a valid bearer token; the user goes into the request for
/// the tools. Otherwise 401 with `WWW-Authenticate` naming the resource metadata (RFC 9728 §5.1).
async fn authenticate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    match auth::mcp_user(&state, &parts).await {
        Ok(Some(user)) => {
            parts.extensions.insert(Arc::new(user));
            if parts.method != http::Method::POST || !is_json(&parts.headers) {
                return next.run(Request::from_parts(parts, body)).await;
            }
            // the transport answers a body it cannot read with 415 and plain text; a JSON-RPC
            // client is owed 400 and the protocol's own error (the front door bounds the body)
            let Ok(bytes) = axum::body::to_bytes(body, state.config.max_body_bytes).await else {
                return rpc_error(StatusCode::PAYLOAD_TOO_LARGE, -32600, "The request body is too large.");
            };
            if serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).is_err() {
                return rpc_error(StatusCode::BAD_REQUEST, -32700, "Parse error: the body is not JSON.");
            }
            let response = next
                .run(Request::from_parts(parts, axum::body::Body::from(bytes)))
                .await;
            if response.status() == StatusCode::UNSUPPORTED_MEDIA_TYPE {
                return rpc_error(
                    StatusCode::BAD_REQUEST,
                    -32600,
                    "Invalid request: the body is not a JSON-RPC message.",
                );
            }
            response
        }
        Ok(None) => {
            let origin = super::security::our_origin(&state.config, &parts.headers).unwrap_or_default();
            let presented = parts.headers.contains_key(header::AUTHORIZATION);
            let challenge = if presented {
                format!(
                    "Bearer error=\"invalid_token\", resource_metadata=\"{origin}{}\"",
                    super::oauth::RESOURCE_METADATA_PATH
                )
            } else {
                format!(
                    "Bearer resource_metadata=\"{origin}{}\"",
                    super::oauth::RESOURCE_METADATA_PATH
                )
            };
            let body = ErrorBody::new(
                "unauthorized",
                "Send an API token or an OAuth access token as Authorization: Bearer.",
                None,
            );
            let mut response = (StatusCode::UNAUTHORIZED, super::rest::ApiJson(body)).into_response();
            if let Ok(value) = HeaderValue::from_str(&challenge) {
                response.headers_mut().insert(header::WWW_AUTHENTICATE, value);
            }
            response
        }
        Err(e) => e.into_response(),
    }
}

fn is_json(headers: &http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// A JSON-RPC error without an id (the request's could not be read), as JSON-RPC 2.0 §5.1 says.
fn rpc_error(status: StatusCode, code: i64, message: &str) -> Response {
    let body = serde_json::json!({"jsonrpc": "2.0", "id": null, "error": {"code": code, "message": message}});
    (status, axum::Json(body)).into_response()
}

/// `taskpilot mcp --user EMAIL`: the same tools over stdin and stdout, acting as that user,
/// until the client closes the stream. Logs go to stderr.
pub async fn serve_stdio(db: Db, email: &str) -> anyhow::Result<()> {
    use rmcp::ServiceExt;
    let user = auth::local_user(&db, email)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .ok_or_else(|| anyhow::anyhow!("no user has the email {email:?}"))?;
    tracing::info!(user_id = %user.id(), "serving MCP over stdio");
    let server = TaskServer::acting_as(db, user);
    let running = server
        .serve(rmcp::transport::io::stdio())
        .await
        .map_err(|e| anyhow::anyhow!("MCP over stdio: {e}"))?;
    running
        .waiting()
        .await
        .map_err(|e| anyhow::anyhow!("MCP over stdio: {e}"))?;
    Ok(())
}
