//! The assistant: the agent turn, the task tools, and the providers — the builtin reader of
//! task commands (no key, no network), OpenAI-compatible Chat Completions, and Gemini.
pub mod agent;
pub mod builtin;
pub mod gemini;
pub mod openai;
pub mod provider;
pub mod reader;
pub mod resolve;
pub mod tools;
