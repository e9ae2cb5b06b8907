//! Deleting the account, with the password asked again.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::auth::DeleteAccount;
use crate::ui::components::form::{Field, FormError};

#[component]
pub fn DeleteAccountSection() -> impl IntoView {
    let delete_account = ServerAction::<DeleteAccount>::new();
    let delete_result = Signal::derive(move || delete_account.value().get());
    // gone: the next page is loaded whole, so nothing of the old account (its name in the header,
    // its lists) stays on screen
    Effect::new(move |_| {
        let deleted = delete_account.value().with(|v| v.as_ref().is_some_and(Result::is_ok));
        #[cfg(feature = "hydrate")]
        if deleted {
            if let Some(window) = web_sys::window() {
                let _ = window.location().assign("/signup");
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = deleted;
    });
    view! {
        <section class="card danger-zone">
            <h2>"Delete account"</h2>
            <p>"This deletes your account and all your tasks and conversations. It cannot be undone."</p>
            <ActionForm action=delete_account attr:class="form">
                <Field label="Confirm with your password" name="password" kind="password" autocomplete="current-password" required=true/>
                <FormError result=delete_result/>
                <button type="submit" class="button danger">"Delete account"</button>
            </ActionForm>
        </section>
    }
}
