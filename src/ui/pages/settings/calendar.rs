//! The calendar feed: a private address that Google, Apple and Thunderbird calendars subscribe
//! to. Its secret is stored hashed, so the address is shown once, when made; making a new one
//! kills the old at once.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::calendar::{calendar_feed_state, EndCalendarFeed, NewCalendarFeed};
use crate::ui::components::form::FormError;
use crate::ui::data::data;

fn address(url: String) -> impl IntoView {
    view! {
        <div class="notice" role="status">
            <p>"Copy this address now; it will not be shown again. Subscribe to it from your calendar (Google: Other calendars → From URL; Apple: File → New Calendar Subscription; Thunderbird: New Calendar → On the Network):"</p>
            <code data-testid="calendar-url">{url}</code>
        </div>
    }
}

#[component]
pub fn CalendarSection() -> impl IntoView {
    let make = ServerAction::<NewCalendarFeed>::new();
    let end = ServerAction::<EndCalendarFeed>::new();
    let feed = data(
        move || (make.version().get(), end.version().get()),
        |_| calendar_feed_state(),
    );
    let end_result = Signal::derive(move || end.value().get());
    view! {
        <section class="card" id="calendar">
            <h2>"Calendar feed"</h2>
            <p class="muted">"Your open tasks with a due date, in the calendar you already use: repeating tasks repeat there too. Anyone with the address can read them; make a new one if it leaks."</p>
            {move || make.value().get().map(|r| match r {
                Ok(made) => made.url.map(address).into_any(),
                Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
            })}
            <FormError result=end_result/>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || feed.get().map(|r| match r {
                    Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(None) => view! {
                        <ActionForm action=make attr:class="form row">
                            <button type="submit" class="button">"Make a calendar address"</button>
                        </ActionForm>
                    }.into_any(),
                    Ok(Some(on)) => {
                        // shown after a post without JavaScript (with it, the action's answer shows it)
                        let posted = on.url.filter(|_| make.value().get_untracked().is_none());
                        view! {
                            {posted.map(address)}
                            <p data-testid="calendar-on">{format!("The feed is on (address made {}).", on.created_at)}</p>
                            <div class="form row">
                                <ActionForm action=make attr:class="inline-form">
                                    <button type="submit" class="button secondary">"Make a new address"</button>
                                </ActionForm>
                                <ActionForm action=end attr:class="inline-form">
                                    <button type="submit" class="button danger">"Turn off"</button>
                                </ActionForm>
                            </div>
                            <p class="hint">"A new address stops the old one at once."</p>
                        }.into_any()
                    }
                })}
            </Transition>
        </section>
    }
}
