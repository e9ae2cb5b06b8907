//! `/tasks`: the task dashboard.
use leptos::prelude::*;

use crate::ui::session::use_auth;

#[component]
pub fn TasksPage() -> impl IntoView {
    let auth = use_auth();
    view! {
        <section class="card">
            <h1>"Your tasks"</h1>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || auth.user.get().and_then(|r| r.ok()).flatten().map(|u| view! {
                    <p class="muted">{format!("Signed in as {}.", u.email)}</p>
                })}
            </Transition>
            <p class="empty">"No tasks yet. Add one with the form above."</p>
        </section>
    }
}
