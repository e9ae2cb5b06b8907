//! API tokens: create one (its value shown once), list, revoke.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::auth::{list_tokens, take_new_token, CreateToken, RevokeToken};
use crate::ui::components::form::{Field, FormError};
use crate::ui::data::data;

fn shown_once(value: String) -> impl IntoView {
    view! {
        <div class="notice" role="status">
            <p>"Copy this token now; it will not be shown again:"</p>
            <code data-testid="new-token">{value}</code>
        </div>
    }
}

#[component]
pub fn TokensSection() -> impl IntoView {
    let create_token = ServerAction::<CreateToken>::new();
    let revoke_token = ServerAction::<RevokeToken>::new();
    // A token created by a form post without JavaScript, shown on this one page view.
    let posted_token = data(|| (), |_| take_new_token());
    let tokens = data(
        move || (create_token.version().get(), revoke_token.version().get()),
        |_| list_tokens(),
    );
    let revoke_result = Signal::derive(move || revoke_token.value().get());
    view! {
        <section class="card">
            <h2>"API tokens"</h2>
            <p class="muted">"Scripts use a token as "<code>"Authorization: Bearer <token>"</code>" on /api/v1."</p>
            <ActionForm action=create_token attr:class="form row">
                <Field label="Token name" name="name" required=true/>
                <Field label="Expires in days (optional)" name="expires_in_days" kind="number"/>
                <button type="submit" class="button">"Create token"</button>
            </ActionForm>
            {move || create_token.value().get().map(|r| match r {
                Ok(created) => shown_once(created.value).into_any(),
                Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
            })}
            <Transition fallback=|| ()>
                {move || posted_token.get().and_then(|r| r.ok()).flatten().map(shown_once)}
            </Transition>
            <FormError result=revoke_result/>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || tokens.get().map(|r| match r {
                    Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="muted">"No tokens yet."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="list" data-testid="tokens">
                            {list.into_iter().map(|t| view! {
                                <li>
                                    <span>{t.name}</span>
                                    <span class="muted">{format!(" · created {} · last used {}", t.created_at, t.last_used_at.unwrap_or_else(|| "never".into()))}</span>
                                    <ActionForm action=revoke_token attr:class="inline-form">
                                        <input type="hidden" name="id" value=t.id/>
                                        <button type="submit" class="button danger small">"Revoke"</button>
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
