//! The account: who you are, and the time zone dates are read and shown in.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::auth::{time_zone, SetTimeZone};
use crate::ui::components::form::{done_without_js, FormError};
use crate::ui::data::data;
use crate::ui::session::use_auth;

const ZONES: [&str; 14] = [
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Africa/Johannesburg",
];

#[component]
pub fn AccountSection() -> impl IntoView {
    let auth = use_auth();
    let set_time_zone = ServerAction::<SetTimeZone>::new();
    let zone = data(move || set_time_zone.version().get(), |_| time_zone());
    let zone_result = Signal::derive(move || set_time_zone.value().get());
    let saved = done_without_js(<SetTimeZone as leptos::server_fn::ServerFn>::PATH);
    let saved = move || match zone_result.get() {
        Some(result) => result.is_ok(),
        None => saved.get(),
    };
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
                {ZONES.into_iter().map(|z| view! { <option value=z></option> }).collect_view()}
            </datalist>
            <FormError result=zone_result/>
            {move || saved().then(|| view! { <p class="muted" role="status" data-testid="zone-saved">"Time zone saved."</p> })}
        </section>
    }
}
