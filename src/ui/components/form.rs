//! Form pieces: a labelled field and an error message for a server function's result.
use leptos::prelude::*;

use crate::error::AppError;

/// An input with a visible label above it.
#[component]
pub fn Field(
    #[prop(into)] label: String,
    #[prop(into)] name: String,
    #[prop(into, default = "text".into())] kind: String,
    #[prop(into, optional)] autocomplete: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(into, optional)] hint: Option<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id name=name type=kind autocomplete=autocomplete required=required/>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
        </div>
    }
}

/// Whether the form of the server function at `path` was just posted without JavaScript and
/// worked (`server::form_posts` says so in the address it comes back to).
pub fn done_without_js(path: &'static str) -> Signal<bool> {
    let query = leptos_router::hooks::use_query_map();
    Signal::derive(move || query.read().get(crate::api::tasks::DONE_PARAM).as_deref() == Some(path))
}

/// Shows the error of the last submission, if it failed.
#[component]
pub fn FormError(#[prop(into)] result: Signal<Option<Result<(), AppError>>>) -> impl IntoView {
    // a session ended elsewhere: to the sign-in page, not "Sign in to continue." under the form
    Effect::new(move |_| {
        if let Some(Err(e)) = result.get() {
            crate::ui::session::sign_in_again_on(&e);
        }
    });
    move || {
        result.get().and_then(|r| r.err()).map(|e| {
            view! { <p class="form-error" role="alert">{e.to_string()}</p> }
        })
    }
}
