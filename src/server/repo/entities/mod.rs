//! SeaORM entities. Private to `repo/`: nothing else in the crate can name a table.
pub(in crate::server::repo) mod accounts;
pub(in crate::server::repo) mod api_tokens;
pub(in crate::server::repo) mod calendar_feeds;
pub(in crate::server::repo) mod conversations;
pub(in crate::server::repo) mod email_outbox;
pub(in crate::server::repo) mod messages;
pub(in crate::server::repo) mod notifications;
pub(in crate::server::repo) mod oauth_clients;
pub(in crate::server::repo) mod oauth_codes;
pub(in crate::server::repo) mod oauth_grants;
pub(in crate::server::repo) mod oauth_tokens;
pub(in crate::server::repo) mod projects;
pub(in crate::server::repo) mod sessions;
pub(in crate::server::repo) mod task_completions;
pub(in crate::server::repo) mod task_trash;
pub(in crate::server::repo) mod tasks;
pub(in crate::server::repo) mod users;
