//! `/signup`: name (optional), email, password.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Signup;
use crate::ui::components::form::{Field, FormError};
use crate::ui::session::{load_whole_after, refresh_user_after};

#[component]
pub fn SignupPage() -> impl IntoView {
    let action = ServerAction::<Signup>::new();
    refresh_user_after(action);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    load_whole_after(action, query.with_untracked(|q| q.get("next")));
    let result = Signal::derive(move || action.value().get());
    // The browser's time zone, so dates typed later mean the user's local time.
    let time_zone = RwSignal::new(String::new());
    Effect::new(move |_| time_zone.set(browser_time_zone()));
    view! {
        <leptos_meta::Title text="Create your account"/>
        <section class="card narrow">
            <h1>"Create your account"</h1>
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="next" value=next/>
                <input type="hidden" name="time_zone" prop:value=move || time_zone.get()/>
                <Field label="Name" name="name" autocomplete="name" hint="Optional"/>
                <Field label="Email" name="email" kind="email" autocomplete="email" required=true/>
                <Field label="Password" name="password" kind="password" autocomplete="new-password" required=true hint="At least 8 characters"/>
                <FormError result/>
                <button type="submit" class="button">"Create account"</button>
            </ActionForm>
            <p class="muted">"Already have an account? "<a href="/login">"Sign in"</a></p>
        </section>
    }
}

fn browser_time_zone() -> String {
    js_time_zone().unwrap_or_default()
}

#[cfg(feature = "hydrate")]
fn js_time_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()?
        .as_string()
}

#[cfg(not(feature = "hydrate"))]
fn js_time_zone() -> Option<String> {
    None
}
