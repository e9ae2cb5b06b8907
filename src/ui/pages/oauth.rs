//! `/oauth/authorize`: the consent screen an AI client (an MCP client) sends the user to. It
//! says who asks and what it may do; **Allow** and **Deny** post a plain form to
//! `/oauth/consent`, so it works the same with and without JavaScript.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::oauth::oauth_consent;
use crate::domain::oauth::{AuthorizeParams, Consent, ConsentDetails};
use crate::ui::data::data;

fn ask(details: ConsentDetails) -> impl IntoView {
    let ConsentDetails {
        client_name,
        redirect_host,
        abilities,
        params,
        email,
    } = details;
    view! {
        <section class="card narrow consent" data-testid="consent">
            <h1>"Connect “"{client_name.clone()}"”?"</h1>
            <p>
                "An app that calls itself “"<strong>{client_name.clone()}</strong>"” wants to use Taskpilot as "
                <strong>{email}</strong>". If you allow it, it may:"
            </p>
            <ul class="abilities">
                {abilities.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}
            </ul>
            <p class="muted">
                "It cannot see your password, your API tokens or your conversations with the assistant. "
                "You will go back to "<strong>{redirect_host}</strong>". The name is the app's own: allow it only if you started connecting it just now. "
                "Disconnect it any time under Settings → Connected apps."
            </p>
            <form method="post" action="/oauth/consent" class="form row">
                {params.pairs().into_iter().map(|(name, value)| view! {
                    <input type="hidden" name=name value=value/>
                }).collect_view()}
                <button type="submit" name="decision" value="allow" class="button">"Allow"</button>
                <button type="submit" name="decision" value="deny" class="button secondary">"Deny"</button>
            </form>
        </section>
    }
}

#[component]
pub fn ConsentPage() -> impl IntoView {
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        AuthorizeParams {
            response_type: q.get("response_type"),
            client_id: q.get("client_id"),
            redirect_uri: q.get("redirect_uri"),
            code_challenge: q.get("code_challenge"),
            code_challenge_method: q.get("code_challenge_method"),
            state: q.get("state"),
            scope: q.get("scope"),
            resource: q.get("resource"),
        }
    };
    let consent = data(params, oauth_consent);
    view! {
        <leptos_meta::Title text="Connect an app"/>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || consent.get().map(|r| match r {
                Ok(Consent::Ask(details)) => ask(*details).into_any(),
                Ok(Consent::Refused(message)) => view! {
                    <section class="card narrow">
                        <h1>"Connecting an app"</h1>
                        <p role="alert" class="form-error">{message}</p>
                        <p><a class="button" href="/tasks">"Back to your tasks"</a></p>
                    </section>
                }.into_any(),
                Ok(Consent::Redirecting) => view! { <p class="muted">"Returning to the app…"</p> }.into_any(),
                Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
}
