//! Gemini's native `generateContent` with function calling. Thought signatures that come with a
//! function call are kept and sent back with it, as the API requires.
use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};

use super::provider::{json, send_with_retry, HttpPolicy, Model, ModelReply, ProviderError, ToolCall, Turn};
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

#[async_trait]
impl Model for Gemini {
    async fn complete(&self, turns: &[Turn], tools: &[ToolSpec]) -> Result<ModelReply, ProviderError> {
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
            "{}/models/{}:generateContent",
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
        let text = res.text().await.map_err(|e| {
            if e.is_timeout() {
                ProviderError::Timeout
            } else {
                ProviderError::Malformed(e.without_url().to_string())
            }
        })?;
        let value = json(&text)?;
        let parts = value["candidates"][0]["content"]["parts"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut reply = ModelReply::default();
        for (i, part) in parts.iter().enumerate() {
            if let Some(text) = part["text"].as_str() {
                if part["thought"].as_bool() != Some(true) {
                    reply.content.push_str(text);
                }
            }
            if let Some(call) = part.get("functionCall") {
                reply.tool_calls.push(ToolCall {
                    id: call["id"]
                        .as_str()
                        .map(str::to_owned)
                        .unwrap_or_else(|| format!("call_{i}")),
                    name: call["name"].as_str().unwrap_or_default().to_owned(),
                    arguments: call["args"].to_string(),
                    signature: part["thoughtSignature"].as_str().map(str::to_owned),
                });
            }
        }
        if parts.is_empty() && value.get("candidates").is_none() {
            return Err(ProviderError::Malformed("no candidates".into()));
        }
        Ok(reply)
    }
}
