//! Integration tests: the real server on a random port with a fresh database (SQLite, or
//! PostgreSQL when `TEST_POSTGRES_URL` is set).
mod helpers;

mod accounts;
mod foundation;
