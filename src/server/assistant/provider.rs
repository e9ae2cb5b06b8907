//! Model providers behind one trait. The builtin assistant needs none; `openai` and `gemini`
//! speak their wire formats over reqwest with a connect timeout, an overall timeout, and retries
//! with jitter on 429, 5xx and timeouts only — a retry repeats the model call, never a tool.
use std::time::Duration;

use async_trait::async_trait;
use serde_json::Value;

use super::tools::ToolSpec;

/// One entry of the conversation as a model sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Turn {
    System(String),
    User(String),
    Assistant {
        content: String,
        tool_calls: Vec<ToolCall>,
    },
    Tool {
        call_id: String,
        name: String,
        content: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ToolCall {
    pub id: String,
    pub name: String,
    /// The arguments as the model wrote them (JSON text, possibly malformed).
    pub arguments: String,
    /// Provider data to send back verbatim (Gemini's thought signature).
    pub signature: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ModelReply {
    pub content: String,
    pub tool_calls: Vec<ToolCall>,
}

#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error("the model provider did not answer in time")]
    Timeout,
    #[error("the model provider is rate limiting requests")]
    RateLimited,
    #[error("the model provider failed (HTTP {0})")]
    Status(u16),
    #[error("the model provider's answer could not be read: {0}")]
    Malformed(String),
    #[error("the model provider could not be reached")]
    Unreachable,
}

impl ProviderError {
    fn retryable(&self) -> bool {
        matches!(
            self,
            ProviderError::Timeout | ProviderError::RateLimited | ProviderError::Unreachable
        ) || matches!(self, ProviderError::Status(s) if *s >= 500)
    }
}

/// Receives the reply's text as it streams in.
pub type OnText<'a> = &'a (dyn Fn(&str) + Send + Sync);

#[async_trait]
pub trait Model: Send + Sync {
    /// One model call. Text is passed to `on_text` as it arrives (all at once when the provider
    /// does not stream) and is also in the returned reply.
    async fn complete(
        &self,
        turns: &[Turn],
        tools: &[ToolSpec],
        on_text: OnText<'_>,
    ) -> Result<ModelReply, ProviderError>;
}

/// Timeouts and retries shared by the HTTP providers.
#[derive(Debug, Clone, Copy)]
pub struct HttpPolicy {
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub max_retries: u32,
}

/// The providers' HTTP client. It follows no redirects: a key sent to one host must never be
/// forwarded to another.
pub fn http_client(ai: &crate::server::config::AiConfig) -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .connect_timeout(ai.connect_timeout)
        .timeout(ai.timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
}

/// Sends `request` (rebuilt for each try), retrying with jittered backoff when it may help.
pub async fn send_with_retry(
    policy: HttpPolicy,
    mut request: impl FnMut() -> reqwest::RequestBuilder,
) -> Result<reqwest::Response, ProviderError> {
    let mut attempt = 0;
    loop {
        let result = match request().send().await {
            Ok(res) if res.status().is_success() => return Ok(res),
            Ok(res) if res.status().as_u16() == 429 => Err(ProviderError::RateLimited),
            Ok(res) => Err(ProviderError::Status(res.status().as_u16())),
            Err(e) if e.is_timeout() => Err(ProviderError::Timeout),
            Err(e) if e.is_connect() => Err(ProviderError::Unreachable),
            Err(e) => Err(ProviderError::Malformed(e.without_url().to_string())),
        };
        match result {
            Err(e) if e.retryable() && attempt < policy.max_retries => {
                attempt += 1;
                let base = 250u64 << attempt.min(5);
                let jitter = u64::from(uuid::Uuid::now_v7().as_bytes()[15]) * base / 255;
                tracing::warn!(error = %e, attempt, "model call failed; retrying");
                tokio::time::sleep(Duration::from_millis(base / 2 + jitter / 2)).await;
            }
            other => return other,
        }
    }
}

/// Whether the provider answered with server-sent events (or one plain body).
pub fn is_event_stream(res: &reqwest::Response) -> bool {
    res.headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("event-stream"))
}

fn body_error(e: reqwest::Error) -> ProviderError {
    if e.is_timeout() {
        ProviderError::Timeout
    } else {
        ProviderError::Malformed(e.without_url().to_string())
    }
}

/// The most a provider's answer may hold: a whole body, one line of an event stream, and the
/// tool calls of one reply. A hostile or broken provider can waste one turn, never the process.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
pub const MAX_TOOL_CALLS: usize = 16;

fn too_large() -> ProviderError {
    ProviderError::Malformed("the answer is too large".into())
}

/// Reads a whole (non-streamed) body, up to [`MAX_BODY_BYTES`].
pub async fn read_text(res: reqwest::Response) -> Result<String, ProviderError> {
    if res.content_length().is_some_and(|len| len > MAX_BODY_BYTES as u64) {
        return Err(too_large());
    }
    let mut res = res;
    let mut body = Vec::new();
    while let Some(chunk) = res.chunk().await.map_err(body_error)? {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    String::from_utf8(body).map_err(|_| ProviderError::Malformed("the answer is not UTF-8".into()))
}

/// Reads a server-sent-events body, calling `on_data` with each `data:` payload. A line longer
/// than [`MAX_LINE_BYTES`] or a stream longer than [`MAX_BODY_BYTES`] ends the turn.
pub async fn read_sse(
    res: reqwest::Response,
    mut on_data: impl FnMut(&str) -> Result<(), ProviderError>,
) -> Result<(), ProviderError> {
    let mut res = res;
    let mut buffer: Vec<u8> = Vec::new();
    let mut total = 0usize;
    loop {
        let chunk = res.chunk().await.map_err(body_error)?;
        let Some(chunk) = chunk else { break };
        total += chunk.len();
        if total > MAX_BODY_BYTES {
            return Err(too_large());
        }
        buffer.extend_from_slice(&chunk);
        while let Some(end) = buffer.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = buffer.drain(..=end).collect();
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(data) = line.strip_prefix("data:") {
                let data = data.trim_start();
                if data == "[DONE]" {
                    return Ok(());
                }
                on_data(data)?;
            }
        }
        if buffer.len() > MAX_LINE_BYTES {
            return Err(too_large());
        }
    }
    Ok(())
}

pub fn json(text: &str) -> Result<Value, ProviderError> {
    serde_json::from_str(text).map_err(|e| ProviderError::Malformed(e.to_string()))
}
