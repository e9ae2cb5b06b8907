//! Connected apps: the AI clients (MCP) the user allowed through OAuth, with when each was last
//! used, and disconnecting each.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::oauth::{list_connected_apps, RevokeConnectedApp};
use crate::ui::components::form::FormError;
use crate::ui::data::data;

#[component]
pub fn ConnectedAppsSection() -> impl IntoView {
    let revoke = ServerAction::<RevokeConnectedApp>::new();
    let apps = data(move || revoke.version().get(), |_| list_connected_apps());
    let revoke_result = Signal::derive(move || revoke.value().get());
    view! {
        <section class="card">
            <h2>"Connected apps"</h2>
            <p class="muted">
                "AI clients (Claude, ChatGPT, any MCP client) that you allowed to manage your tasks at "
                <code>"/mcp"</code>". Disconnecting one stops it at once."
            </p>
            <FormError result=revoke_result/>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || apps.get().map(|r| match r {
                    Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="muted">"No apps connected."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="list" data-testid="connected-apps">
                            {list.into_iter().map(|app| view! {
                                <li>
                                    <span>{app.name}</span>
                                    <span class="muted">{format!(
                                        " · connected {} · last used {}",
                                        app.connected_at,
                                        app.last_used_at.unwrap_or_else(|| "never".into())
                                    )}</span>
                                    <ActionForm action=revoke attr:class="inline-form">
                                        <input type="hidden" name="id" value=app.id/>
                                        <button type="submit" class="button danger small">"Disconnect"</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}
