//! The header: the product name, navigation, the bell, and the signed-in user's email with
//! **Sign out**.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::ui::components::bell::Bell;
use crate::ui::session::use_auth;

#[component]
pub fn Header() -> impl IntoView {
    let auth = use_auth();
    // the assistant's and the settings' code is loaded on demand: start when a link is about to
    // be followed
    let preload = crate::app::preload_page;
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main">"Skip to content"</a>
            <a class="brand" href="/">"Taskpilot"</a>
            <Transition fallback=|| ()>
                {move || {
                    auth.user.get().and_then(|r| r.ok()).flatten().map(|user| {
                        view! {
                            <nav class="nav" aria-label="Main">
                                <a href="/tasks">"Tasks"</a>
                                <a href="/chat" on:pointerenter=move |_| preload("/chat") on:focus=move |_| preload("/chat")
                                    on:touchstart=move |_| preload("/chat")>"Assistant"</a>
                                <a href="/settings" on:pointerenter=move |_| preload("/settings")
                                    on:focus=move |_| preload("/settings") on:touchstart=move |_| preload("/settings")>"Settings"</a>
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
