//! `/settings`: the account, active sessions, sign out everywhere, API tokens, delete account.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::auth::{
    list_sessions, list_tokens, take_new_token, time_zone, CreateToken, DeleteAccount, RevokeToken, SetTimeZone,
    SignOutEverywhere,
};
use crate::ui::components::form::{Field, FormError};
use crate::ui::session::use_auth;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let auth = use_auth();
    let sign_out_all = ServerAction::<SignOutEverywhere>::new();
    let create_token = ServerAction::<CreateToken>::new();
    let revoke_token = ServerAction::<RevokeToken>::new();
    let delete_account = ServerAction::<DeleteAccount>::new();
    let set_time_zone = ServerAction::<SetTimeZone>::new();
    let zone = Resource::new(move || set_time_zone.version().get(), |_| time_zone());
    let zone_result = Signal::derive(move || set_time_zone.value().get());
    let sessions = Resource::new(|| (), |_| list_sessions());
    // A token created by a form post without JavaScript, shown on this one page view.
    let posted_token = Resource::new(|| (), |_| take_new_token());
    let tokens = Resource::new(
        move || (create_token.version().get(), revoke_token.version().get()),
        |_| list_tokens(),
    );
    let delete_result = Signal::derive(move || delete_account.value().get());
    let revoke_result = Signal::derive(move || revoke_token.value().get());

    view! {
        <section class="card">
            <h1>"Settings"</h1>
            <h2>"Account"</h2>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || auth.user.get().and_then(|r| r.ok()).flatten().map(|u| view! {
                    <dl class="facts">
                        <dt>"Email"</dt><dd>{u.email}</dd>
                        <dt>"Name"</dt><dd>{if u.name.is_empty() { "—".to_owned() } else { u.name }}</dd>
                    </dl>
                })}
            </Transition>
            <ActionForm action=set_time_zone attr:class="form row">
                <div class="field">
                    <label for="time-zone">"Time zone"</label>
                    <Transition fallback=|| ()>
                        {move || zone.get().and_then(|r| r.ok()).map(|tz| view! {
                            <input id="time-zone" name="time_zone" value=tz list="time-zones" autocomplete="off"/>
                        })}
                    </Transition>
                    <p class="hint">"Dates you type, like “tomorrow 5pm”, are read in this zone."</p>
                </div>
                <button type="submit" class="button secondary">"Save time zone"</button>
            </ActionForm>
            <datalist id="time-zones">
                {["UTC", "Europe/London", "Europe/Paris", "Europe/Berlin", "America/New_York", "America/Chicago",
                  "America/Denver", "America/Los_Angeles", "America/Sao_Paulo", "Asia/Kolkata", "Asia/Shanghai",
                  "Asia/Tokyo", "Australia/Sydney", "Africa/Johannesburg"]
                    .into_iter().map(|z| view! { <option value=z></option> }).collect_view()}
            </datalist>
            <FormError result=zone_result/>
            {move || matches!(zone_result.get(), Some(Ok(()))).then(|| view! { <p class="muted" role="status">"Time zone saved."</p> })}
        </section>

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

        <section class="card">
            <h2>"API tokens"</h2>
            <p class="muted">"Scripts use a token as "<code>"Authorization: Bearer <token>"</code>" on /api/v1."</p>
            <ActionForm action=create_token attr:class="form row">
                <Field label="Token name" name="name" required=true/>
                <Field label="Expires in days (optional)" name="expires_in_days" kind="number"/>
                <button type="submit" class="button">"Create token"</button>
            </ActionForm>
            {move || create_token.value().get().map(|r| match r {
                Ok(created) => view! {
                    <div class="notice" role="status">
                        <p>"Copy this token now; it will not be shown again:"</p>
                        <code data-testid="new-token">{created.value}</code>
                    </div>
                }.into_any(),
                Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
            })}
            <Transition fallback=|| ()>
                {move || posted_token.get().and_then(|r| r.ok()).flatten().map(|value| view! {
                    <div class="notice" role="status">
                        <p>"Copy this token now; it will not be shown again:"</p>
                        <code data-testid="new-token">{value}</code>
                    </div>
                })}
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
