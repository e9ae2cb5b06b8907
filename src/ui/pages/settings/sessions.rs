//! The browsers signed in to this account, and signing out of all of them.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::auth::{list_sessions, SignOutEverywhere};
use crate::ui::data::data;

#[component]
pub fn SessionsSection() -> impl IntoView {
    let sign_out_all = ServerAction::<SignOutEverywhere>::new();
    let sessions = data(|| (), |_| list_sessions());
    view! {
        <section class="card">
            <h2>"Active sessions"</h2>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || sessions.get().map(|r| match r {
                    Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="list" data-testid="sessions">
                            {list.into_iter().map(|s| view! {
                                <li>
                                    <span>{s.user_agent.unwrap_or_else(|| "Unknown device".into())}</span>
                                    <span class="muted">{format!(" · {} · last seen {}", s.ip_address.unwrap_or_default(), s.last_seen_at)}</span>
                                    {s.current.then(|| view! { <strong>" (this browser)"</strong> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
            <ActionForm action=sign_out_all attr:class="inline-form">
                <button type="submit" class="button secondary">"Sign out everywhere"</button>
            </ActionForm>
        </section>
    }
}
