//! One file per page.
pub mod chat;
pub mod login;
pub mod not_found;
pub mod oauth;
pub mod settings;
pub mod signup;
pub mod tasks;
