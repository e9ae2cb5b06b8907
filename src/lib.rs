//! Taskpilot: a multi-user task manager with an assistant. One crate builds both the server
//! (feature `ssr`) and the browser bundle (feature `hydrate`).
pub mod api;
pub mod app;
pub mod domain;
pub mod error;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazily loaded pages (src/app.rs) hydrate once their chunk has arrived, so hydration is
    // asynchronous: the marker is set when it has finished.
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = leptos::prelude::document().body() else {
            return;
        };
        leptos::mount::hydrate_from_async(body, app::App).await.forget();
        // A marker that end-to-end tests (and benches/page_load) wait for before interacting
        // with a hydrated page.
        let _ = js_sys::Reflect::set(&js_sys::global(), &"__taskpilot_hydrated".into(), &true.into());
    });
}
