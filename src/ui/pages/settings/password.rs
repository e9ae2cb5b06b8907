//! Changing the password: the current one asked again; other devices are signed out.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::auth::ChangePassword;
use crate::ui::components::form::{done_without_js, Field, FormError};

#[component]
pub fn PasswordSection() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let result = Signal::derive(move || change.value().get());
    let changed = done_without_js(<ChangePassword as leptos::server_fn::ServerFn>::PATH);
    let changed = move || match result.get() {
        Some(result) => result.is_ok(),
        None => changed.get(),
    };
    view! {
        <section class="card" id="password">
            <h2>"Password"</h2>
            <ActionForm action=change attr:class="form">
                <Field label="Current password" name="current_password" kind="password" autocomplete="current-password" required=true/>
                <Field label="New password" name="new_password" kind="password" autocomplete="new-password" required=true
                    hint="At least 8 characters. Other devices are signed out; API tokens and connected apps keep working."/>
                <FormError result=result/>
                <button type="submit" class="button secondary">"Change password"</button>
            </ActionForm>
            {move || changed().then(|| view! {
                <p class="muted" role="status" data-testid="password-changed">"Password changed. Other devices were signed out."</p>
            })}
        </section>
    }
}
