//! Reusable pieces of the pages.
pub mod draft;
pub mod form;
pub mod header;
pub mod live;
pub mod markdown;
