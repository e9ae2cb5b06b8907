//! Reusable pieces of the pages.
pub mod bell;
pub mod draft;
pub mod form;
pub mod header;
pub mod live;
pub mod markdown;
