//! The assistant: conversations, the agent turn, and the builtin provider that reads task
//! commands without a model.
pub mod agent;
pub mod builtin;
pub mod command;
pub mod resolve;
