//! cargo-leptos builds a server too; the floor's is empty (only the bundle is measured).
fn main() {}
