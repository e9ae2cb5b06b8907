//! `/login`: email and password; honours `?next=` (same-site paths only).
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Login;
use crate::ui::components::form::{Field, FormError};
use crate::ui::session::{load_whole_after, refresh_user_after};

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    refresh_user_after(action);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    load_whole_after(action, query.with_untracked(|q| q.get("next")));
    let result = Signal::derive(move || action.value().get());
    view! {
        <leptos_meta::Title text="Sign in"/>
        <section class="card narrow">
            <h1>"Sign in"</h1>
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="next" value=next/>
                <Field label="Email" name="email" kind="email" autocomplete="email" required=true/>
                <Field label="Password" name="password" kind="password" autocomplete="current-password" required=true/>
                <FormError result/>
                <button type="submit" class="button">"Sign in"</button>
            </ActionForm>
            <p class="muted">"New here? "<a href="/signup">"Create an account"</a></p>
        </section>
    }
}
