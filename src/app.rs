//! The HTML shell, `<App/>` and the route table.
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{lazy_route, path, Lazy, LazyRoute, SsrMode};

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
        // the consent page's form leads on to its client too (`server::oauth::authorize::early`)
        let form_also_to = use_context::<http::request::Parts>().and_then(|parts| {
            parts
                .extensions
                .get::<crate::server::oauth::authorize::ConsentFormTarget>()
                .map(|target| target.0.clone())
        });
        let csp = crate::server::security::page_csp(&nonce, form_also_to.as_deref());
        if let Ok(value) = http::HeaderValue::from_str(&csp) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    let stylesheet = crate::server::assets::stylesheet_href(&options);
    // the chunks of a page loaded on demand start downloading with the main bundle
    let chunks = use_context::<http::request::Parts>()
        .and_then(|parts| lazy_view_of(parts.uri.path()))
        .map(|view| crate::server::assets::lazy_chunks(&options, view))
        .unwrap_or_default();
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string()).unwrap_or_default();
    let preloads = chunks
        .into_iter()
        .map(|href| {
            view! { <link rel="preload" href=href r#as="fetch" r#type="application/wasm" crossorigin=nonce.clone()/> }
        })
        .collect_view();
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
                {preloads}
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
        // each page names itself ("Tasks — Taskpilot"), so tabs and screen readers tell them apart
        <Title formatter=|page: String| if page.is_empty() { "Taskpilot".to_owned() } else { format!("{page} — Taskpilot") }/>
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
                <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/oauth/authorize") view={Lazy::<ConsentRoute>::new()} ssr=SsrMode::Async/>
                // one route for the list and a thread, so the page stays mounted (and a streamed
                // reply keeps going) when a new conversation gets its address
                <Route path=path!("/chat/:id?") view={Lazy::<ChatRoute>::new()} ssr=SsrMode::Async/>
            </Routes>
        </main>
    }
}

// Pages a visitor of `/login` or `/tasks` does not need are loaded on demand: their code (the
// assistant's streaming, the Markdown renderer, `/settings`, the OAuth consent page) is split out
// of the first download into chunks the browser fetches when it first shows one of them
// (`cargo leptos … --split`; every build of the bundle must pass it). The server renders them
// like any other page, and a page that is opened first waits for its chunk before hydrating.

/// Starts fetching the code of the page a link leads to, when someone is about to follow it
/// (the pointer over it, focus, a touch), so the click does not wait for the download. A no-op
/// for pages in the main bundle, and on the server.
pub fn preload_page(path: &'static str) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        match path {
            "/chat" => <ChatRoute as LazyRoute>::preload().await,
            "/settings" => <SettingsRoute as LazyRoute>::preload().await,
            _ => {}
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// Which split point's chunks a path's page needs (its name in cargo-leptos' split manifest
/// starts with the route type's name in snake case): the shell preloads them. Keep in step with
/// the lazy routes above.
#[cfg(feature = "ssr")]
fn lazy_view_of(path: &str) -> Option<&'static str> {
    match path.trim_end_matches('/') {
        "/chat" => Some("__chat_route_view_"),
        p if p.starts_with("/chat/") => Some("__chat_route_view_"),
        "/settings" => Some("__settings_route_view_"),
        "/oauth/authorize" => Some("__consent_route_view_"),
        _ => None,
    }
}

/// `/chat` and `/chat/{id}`, loaded on demand.
struct ChatRoute;

#[lazy_route]
impl LazyRoute for ChatRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <ChatPage/> }.into_any()
    }
}

/// `/settings`, loaded on demand.
struct SettingsRoute;

#[lazy_route]
impl LazyRoute for SettingsRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <SettingsPage/> }.into_any()
    }
}

/// `/oauth/authorize`, the consent page an AI client sends its user to, loaded on demand.
struct ConsentRoute;

#[lazy_route]
impl LazyRoute for ConsentRoute {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <ConsentPage/> }.into_any()
    }
}
