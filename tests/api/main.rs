//! Integration tests: the real server on a random port with a fresh database (SQLite, or
//! PostgreSQL when `TEST_POSTGRES_URL` is set).
#![allow(clippy::unwrap_used)] // tests fail loudly on purpose
mod helpers;

mod accounts;
mod assistant;
mod faults;
mod forms;
mod foundation;
mod hardening;
mod mail;
mod mcp;
mod projects;
mod providers;
mod recurring;
mod reminders;
mod tasks;
