//! Gemini's native `streamGenerateContent` (server-sent events) with function calling. Thought
//! signatures that come with a function call are kept and sent back with it, as the API requires.
use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};

use super::provider::{
    is_event_stream, json, read_sse, read_text, send_with_retry, HttpPolicy, Model, ModelReply, OnText, ProviderError,
    ToolCall, Turn, MAX_TOOL_CALLS,
};
use super::tools::ToolSpec;

pub struct Gemini {
    pub client: reqwest::Client,
    pub base_url: String,
    pub api_key: SecretString,
    pub model: String,
    pub policy: HttpPolicy,
}

fn contents(turns: &[Turn]) -> (Option<Value>, Vec<Value>) {
    let mut system = None;
    let mut out = Vec::new();
    for turn in turns {
        match turn {
            Turn::System(text) => system = Some(json!({"parts": [{"text": text}]})),
            Turn::User(text) => out.push(json!({"role": "user", "parts": [{"text": text}]})),
            Turn::Assistant { content, tool_calls } => {
                let mut parts = Vec::new();
                if !content.is_empty() {
                    parts.push(json!({"text": content}));
                }
                for call in tool_calls {
                    let args: Value = serde_json::from_str(&call.arguments).unwrap_or_else(|_| json!({}));
                    let mut part = json!({"functionCall": {"name": call.name, "args": args}});
                    if let Some(sig) = &call.signature {
                        part["thoughtSignature"] = json!(sig);
                    }
                    parts.push(part);
                }
                out.push(json!({"role": "model", "parts": parts}));
            }
            Turn::Tool { name, content, .. } => {
                let response: Value = serde_json::from_str(content).unwrap_or_else(|_| json!({"result": content}));
                out.push(
                    json!({"role": "user", "parts": [{"functionResponse": {"name": name, "response": response}}]}),
                );
            }
        }
    }
    (system, out)
}

/// Adds one `GenerateContentResponse` (a whole answer, or one chunk of a streamed one) to `reply`.
fn absorb(value: &Value, reply: &mut ModelReply, on_text: OnText<'_>) -> Result<(), ProviderError> {
    if let Some(error) = value.get("error") {
        let code = error["code"]
            .as_u64()
            .and_then(|c| u16::try_from(c).ok())
            .unwrap_or(500);
        return Err(ProviderError::Status(code));
    }
    let Some(candidate) = value["candidates"].get(0) else {
        // a chunk may carry only usage metadata
        return if value.get("usageMetadata").is_some() {
            Ok(())
        } else {
            Err(ProviderError::Malformed("no candidates".into()))
        };
    };
    for part in candidate["content"]["parts"].as_array().into_iter().flatten() {
        if let Some(text) = part["text"].as_str() {
            if part["thought"].as_bool() != Some(true) {
                on_text(text);
                reply.content.push_str(text);
            }
        }
        if let Some(call) = part.get("functionCall") {
            let index = reply.tool_calls.len();
            if index >= MAX_TOOL_CALLS {
                return Err(ProviderError::Malformed("too many tool calls".into()));
            }
            reply.tool_calls.push(ToolCall {
                id: call["id"]
                    .as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| format!("call_{index}")),
                name: call["name"].as_str().unwrap_or_default().to_owned(),
                arguments: call["args"].to_string(),
                signature: part["thoughtSignature"].as_str().map(str::to_owned),
            });
        }
    }
    Ok(())
}

#[async_trait]
impl Model for Gemini {
    async fn complete(
        &self,
        turns: &[Turn],
        tools: &[ToolSpec],
        on_text: OnText<'_>,
    ) -> Result<ModelReply, ProviderError> {
        let (system, contents) = contents(turns);
        let mut body = json!({
            "contents": contents,
            "tools": [{"functionDeclarations": tools.iter().map(|t| json!({"name": t.name, "description": t.description,
                "parameters": t.parameters})).collect::<Vec<_>>()}],
        });
        if let Some(system) = system {
            body["systemInstruction"] = system;
        }
        let url = format!(
            "{}/models/{}:streamGenerateContent?alt=sse",
            self.base_url.trim_end_matches('/'),
            self.model
        );
        let res = send_with_retry(self.policy, || {
            self.client
                .post(&url)
                .header("x-goog-api-key", self.api_key.expose_secret())
                .json(&body)
        })
        .await?;
        let mut reply = ModelReply::default();
        if is_event_stream(&res) {
            read_sse(res, |data| absorb(&json(data)?, &mut reply, on_text)).await?;
            return Ok(reply);
        }
        // without `alt=sse` the stream is one JSON array of responses; a proxy may answer with one
        let text = read_text(res).await?;
        match json(&text)? {
            Value::Array(chunks) => {
                for chunk in &chunks {
                    absorb(chunk, &mut reply, on_text)?;
                }
            }
            value => absorb(&value, &mut reply, on_text)?,
        }
        Ok(reply)
    }
}
