//! The assistant: conversations, the agent loop, task tools, and the model providers.
pub mod command;
