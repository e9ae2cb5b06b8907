//! The HTML shell, `<App/>` and the route table.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use leptos_router::SsrMode;

use crate::ui::components::header::Header;
use crate::ui::pages::{
    chat::ChatPage, login::LoginPage, not_found::NotFound, oauth::ConsentPage, settings::SettingsPage,
    signup::SignupPage, tasks::TasksPage,
};
use crate::ui::session::provide_auth;

/// The document around the app, rendered on the server only. It also sets the page's CSP with
/// the nonce Leptos puts on its own inline scripts.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(value) = http::HeaderValue::from_str(&crate::server::security::page_csp(&nonce)) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    let stylesheet = crate::server::assets::stylesheet_href(&options);
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" id="leptos" href=stylesheet/>
                <HydrationScripts options/>
                <leptos_meta::MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Taskpilot"/>
        // Async rendering: every resource resolves before the HTML leaves, so pages are complete
        // without JavaScript (no fallback waiting for a script to swap it out).
        <Router>
            <Layout/>
        </Router>
    }
}

/// Everything inside the router. The auth actions are made here, not above the router, so that
/// a failed form post without JavaScript finds its error in the URL the router reads.
#[component]
fn Layout() -> impl IntoView {
    let auth = provide_auth();
    let signed_in = Signal::derive(move || auth.user.get().and_then(|r| r.ok()).flatten().is_some());
    let live = crate::ui::components::bell::provide_live();
    crate::ui::components::bell::follow_events(live, signed_in);
    view! {
        <Header/>
        <main id="main" class="main">
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                <Route path=path!("/signup") view=SignupPage ssr=SsrMode::Async/>
                <Route path=path!("/tasks") view=TasksPage ssr=SsrMode::Async/>
                <Route path=path!("/settings") view=SettingsPage ssr=SsrMode::Async/>
                <Route path=path!("/oauth/authorize") view=ConsentPage ssr=SsrMode::Async/>
                // one route for the list and a thread, so the page stays mounted (and a streamed
                // reply keeps going) when a new conversation gets its address
                <Route path=path!("/chat/:id?") view=ChatPage ssr=SsrMode::Async/>
            </Routes>
        </main>
    }
}
