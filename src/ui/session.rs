//! The signed-in user as the pages see it, refreshed after every sign-in or sign-out.
use leptos::prelude::*;

use crate::api::auth::{current_user, Logout};
use crate::domain::user::User;
use crate::error::AppError;
use crate::ui::data::{data, Data};

#[derive(Clone, Copy)]
pub struct Auth {
    pub logout: ServerAction<Logout>,
    pub user: Data<Result<Option<User>, AppError>>,
}

pub fn provide_auth() -> Auth {
    let logout = ServerAction::<Logout>::new();
    let user = data(move || logout.version().get(), |_| current_user());
    // drafts kept in this browser belong to whoever was signed in
    Effect::new(move |_| {
        if logout.version().get() > 0 {
            crate::ui::components::draft::clear_all(crate::ui::pages::chat::DRAFT_PREFIX);
        }
    });
    let auth = Auth { logout, user };
    provide_context(auth);
    auth
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

/// A request answered that the session is gone (signed out everywhere from another device, the
/// account deleted, expired): the page is loaded again from the sign-in page, which comes back
/// here afterwards — not left showing the old user and an empty list.
pub fn sign_in_again_on(error: &AppError) {
    if !error.is_signed_out() {
        return;
    }
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let location = window.location();
        let here = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        let next = String::from(js_sys::encode_uri_component(&here));
        let _ = location.assign(&format!("/login?next={next}"));
    }
}

/// After a sign-in or sign-up on the way to the OAuth consent page, that page is loaded whole:
/// its own CSP lets its form lead on to the app being connected, and the router's navigation
/// would keep this page's (Allow would then go nowhere).
pub fn load_whole_after<S>(action: ServerAction<S>, next: Option<String>)
where
    S: leptos::server_fn::ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let Some(next) = next.filter(|n| n.starts_with("/oauth/")) else {
        return;
    };
    Effect::new(move |_| {
        let done = action.value().with(|v| v.as_ref().is_some_and(Result::is_ok));
        #[cfg(feature = "hydrate")]
        if done {
            if let Some(window) = web_sys::window() {
                let _ = window
                    .location()
                    .assign(&crate::domain::user::safe_next_path(Some(&next)));
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (done, &next);
    });
}

/// Makes a page's sign-in or sign-up action refresh the signed-in user when it completes.
/// Those actions live in their pages, under the router, because that is where a failed form
/// post without JavaScript finds its error (in the URL the router reads).
pub fn refresh_user_after<S>(action: ServerAction<S>)
where
    S: leptos::server_fn::ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    let auth = use_auth();
    Effect::new(move |_| {
        if action.version().get() > 0 {
            auth.user.refetch();
        }
    });
}
