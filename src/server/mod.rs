//! Everything that runs only on the server. Nothing in here reaches the wasm bundle.
pub mod assets;
pub mod assistant;
pub mod auth;
pub mod calendar;
pub mod cli;
pub mod compression;
pub mod config;
pub mod dashboard;
pub mod data_form;
pub mod db;
pub mod events;
pub mod form_posts;
pub mod import;
pub mod list_cache;
pub mod mailer;
pub mod mcp;
pub mod oauth;
pub mod open_task;
pub mod page_cache;
pub mod quotas;
pub mod recurrence;
pub mod repo;
pub mod rest;
pub mod router;
pub mod row_cache;
pub mod scheduler;
pub mod security;
pub mod startup;
pub mod state;
pub mod tasks;
pub mod telemetry;

#[cfg(test)]
mod robustness;

/// Milliseconds since the Unix epoch: how every time is stored.
pub fn now_millis() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
