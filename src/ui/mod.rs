//! The pages and the pieces they are made of.
pub mod components;
pub mod data;
pub mod pages;
pub mod session;
