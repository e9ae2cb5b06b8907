//! The header: the product name, navigation, the bell, and the signed-in user's email with
//! **Sign out**.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::ui::components::bell::Bell;
use crate::ui::session::use_auth;

#[component]
pub fn Header() -> impl IntoView {
    let auth = use_auth();
    view! {
        <header class="site-header">
            <a class="brand" href="/">"Taskpilot"</a>
            <Transition fallback=|| ()>
                {move || {
                    auth.user.get().and_then(|r| r.ok()).flatten().map(|user| {
                        view! {
                            <nav class="nav" aria-label="Main">
                                <a href="/tasks">"Tasks"</a>
                                <a href="/chat">"Assistant"</a>
                                <a href="/settings">"Settings"</a>
                            </nav>
                            <div class="account">
                                <Bell/>
                                <span class="email" data-testid="user-email">{user.email}</span>
                                <ActionForm action=auth.logout attr:class="inline-form">
                                    <button type="submit" class="button secondary">"Sign out"</button>
                                </ActionForm>
                            </div>
                        }
                    })
                }}
            </Transition>
        </header>
    }
}
