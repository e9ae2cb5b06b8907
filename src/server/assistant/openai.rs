//! OpenAI Chat Completions with tools and streaming, at any base URL (OpenAI, Ollama, vLLM,
//! llama.cpp server, Gemini's OpenAI-compatible endpoint).
use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{json, Value};

use super::provider::{
    is_event_stream, json, read_sse, read_text, send_with_retry, HttpPolicy, Model, ModelReply, OnText, ProviderError,
    ToolCall, Turn, MAX_TOOL_CALLS,
};
use super::tools::ToolSpec;

pub struct OpenAi {
    pub client: reqwest::Client,
    pub base_url: String,
    pub api_key: SecretString,
    pub model: String,
    pub policy: HttpPolicy,
}

fn message(turn: &Turn) -> Value {
    match turn {
        Turn::System(text) => json!({"role": "system", "content": text}),
        Turn::User(text) => json!({"role": "user", "content": text}),
        Turn::Assistant { content, tool_calls } if tool_calls.is_empty() => {
            json!({"role": "assistant", "content": content})
        }
        Turn::Assistant { content, tool_calls } => {
            json!({"role": "assistant", "content": if content.is_empty() { Value::Null } else { json!(content) },
            "tool_calls": tool_calls.iter().map(|c| json!({"id": c.id, "type": "function",
                "function": {"name": c.name, "arguments": c.arguments}})).collect::<Vec<_>>()})
        }
        Turn::Tool { call_id, content, .. } => json!({"role": "tool", "tool_call_id": call_id, "content": content}),
    }
}

#[async_trait]
impl Model for OpenAi {
    async fn complete(
        &self,
        turns: &[Turn],
        tools: &[ToolSpec],
        on_text: OnText<'_>,
    ) -> Result<ModelReply, ProviderError> {
        let body = json!({
            "model": self.model,
            "stream": true,
            "messages": turns.iter().map(message).collect::<Vec<_>>(),
            "tools": tools.iter().map(|t| json!({"type": "function",
                "function": {"name": t.name, "description": t.description, "parameters": t.parameters}})).collect::<Vec<_>>(),
        });
        let url = format!("{}/chat/completions", self.base_url.trim_end_matches('/'));
        let res = send_with_retry(self.policy, || {
            self.client
                .post(&url)
                .bearer_auth(self.api_key.expose_secret())
                .json(&body)
        })
        .await?;
        if !is_event_stream(&res) {
            // a server that ignores `stream` answers with one JSON body
            let text = read_text(res).await?;
            let value = json(&text)?;
            let msg = &value["choices"][0]["message"];
            let mut reply = ModelReply {
                content: msg["content"].as_str().unwrap_or_default().to_owned(),
                tool_calls: vec![],
            };
            on_text(&reply.content);
            for call in msg["tool_calls"].as_array().into_iter().flatten().take(MAX_TOOL_CALLS) {
                reply.tool_calls.push(ToolCall {
                    id: call["id"].as_str().unwrap_or_default().to_owned(),
                    name: call["function"]["name"].as_str().unwrap_or_default().to_owned(),
                    arguments: call["function"]["arguments"].as_str().unwrap_or_default().to_owned(),
                    signature: None,
                });
            }
            return Ok(reply);
        }
        // Tool calls arrive in pieces, keyed by index: the id and name first, the arguments in parts.
        let mut reply = ModelReply::default();
        read_sse(res, |data| {
            let chunk = json(data)?;
            let delta = &chunk["choices"][0]["delta"];
            if let Some(text) = delta["content"].as_str() {
                on_text(text);
                reply.content.push_str(text);
            }
            for part in delta["tool_calls"].as_array().into_iter().flatten() {
                // an index is a position among this reply's calls, not a size to allocate
                let index = part["index"].as_u64().unwrap_or(0);
                let index = usize::try_from(index)
                    .ok()
                    .filter(|i| *i < MAX_TOOL_CALLS)
                    .ok_or_else(|| ProviderError::Malformed("too many tool calls".into()))?;
                while reply.tool_calls.len() <= index {
                    reply.tool_calls.push(ToolCall {
                        id: String::new(),
                        name: String::new(),
                        arguments: String::new(),
                        signature: None,
                    });
                }
                let call = &mut reply.tool_calls[index];
                if let Some(id) = part["id"].as_str() {
                    call.id = id.to_owned();
                }
                if let Some(name) = part["function"]["name"].as_str() {
                    call.name.push_str(name);
                }
                if let Some(args) = part["function"]["arguments"].as_str() {
                    call.arguments.push_str(args);
                }
            }
            Ok(())
        })
        .await?;
        for (i, call) in reply.tool_calls.iter_mut().enumerate() {
            if call.id.is_empty() {
                call.id = format!("call_{i}");
            }
        }
        Ok(reply)
    }
}
