//! Server functions: public endpoints that the pages call. Each one authenticates itself,
//! parses its input, calls the server layer and maps the error — no SQL here.
pub mod auth;
pub mod calendar;
pub mod chat;
pub mod data;
pub mod notifications;
pub mod oauth;
pub mod projects;
pub mod tasks;

#[cfg(feature = "ssr")]
mod context;
