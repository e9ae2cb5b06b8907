//! `/settings`: the account, active sessions, API tokens, reminders, the calendar feed, your data (download, import), and
//! deleting the account — one section per file.
mod account;
mod calendar;
mod danger;
mod data;
mod reminders;
mod sessions;
mod tokens;

use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <account::AccountSection/>
        <sessions::SessionsSection/>
        <tokens::TokensSection/>
        <reminders::RemindersSection/>
        <calendar::CalendarSection/>
        <data::DataSection/>
        <danger::DeleteAccountSection/>
    }
}
