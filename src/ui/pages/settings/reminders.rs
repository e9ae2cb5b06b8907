//! Reminders: the reminder new tasks with a due time get, reminder mail, and the browser's
//! system notifications.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::notifications::{reminder_settings, SaveReminderSettings};
use crate::ui::components::bell::DesktopNotifications;
use crate::ui::components::form::{done_without_js, FormError};
use crate::ui::data::data;

const CHOICES: [(&str, &str); 7] = [
    ("off", "Off"),
    ("0", "At the due time"),
    ("5", "5 minutes before"),
    ("10", "10 minutes before"),
    ("15", "15 minutes before"),
    ("30", "30 minutes before"),
    ("60", "1 hour before"),
];

#[component]
pub fn RemindersSection() -> impl IntoView {
    let save = ServerAction::<SaveReminderSettings>::new();
    let settings = data(move || save.version().get(), |_| reminder_settings());
    let result = Signal::derive(move || save.value().get());
    let saved = done_without_js(<SaveReminderSettings as leptos::server_fn::ServerFn>::PATH);
    let saved = move || match result.get() {
        Some(result) => result.is_ok(),
        None => saved.get(),
    };
    view! {
        <section class="card" id="reminders">
            <h2>"Reminders"</h2>
            <p class="muted">"A task can have up to five reminders: in its editor (“10m, 1h”), in quick-add (“call mom tomorrow 5pm ^10m”), or by asking the assistant (“remind me 10 minutes before the dentist”). They show under the bell, and as a system notification while a page is open."</p>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || settings.get().map(|r| match r {
                    Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(current) => {
                        let chosen = current
                            .default_reminder_minutes
                            .map_or_else(|| "off".to_owned(), |m| m.to_string());
                        view! {
                            <ActionForm action=save attr:class="form row">
                                <div class="field">
                                    <label for="default-reminder">"Default reminder"</label>
                                    <select id="default-reminder" name="default_reminder">
                                        {CHOICES.into_iter().map(|(value, label)| view! {
                                            <option value=value selected=value == chosen>{label}</option>
                                        }).collect_view()}
                                    </select>
                                    <p class="hint">"For new tasks with a due time."</p>
                                </div>
                                <div class="field checkbox">
                                    <label>
                                        <input type="checkbox" name="email_reminders" value="true"
                                            checked=current.email_reminders disabled=!current.mail_available/>
                                        " Also email my reminders"
                                    </label>
                                    {(!current.mail_available).then(|| view! {
                                        <p class="hint">"This server has no mail settings (SMTP_URL, SMTP_FROM)."</p>
                                    })}
                                </div>
                                <button type="submit" class="button secondary">"Save reminders"</button>
                            </ActionForm>
                        }.into_any()
                    }
                })}
            </Transition>
            <FormError result=result/>
            {move || saved().then(|| view! { <p class="muted" role="status" data-testid="reminders-saved">"Reminders saved."</p> })}
            <DesktopNotifications/>
        </section>
    }
}
