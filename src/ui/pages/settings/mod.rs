//! `/settings`: the account, the password, active sessions, API tokens, connected apps, reminders, the calendar feed, your data (download, import), and
//! deleting the account — one section per file.
mod account;
mod apps;
mod calendar;
mod danger;
mod data;
mod password;
mod reminders;
mod sessions;
mod tokens;

use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <leptos_meta::Title text="Settings"/>
        <account::AccountSection/>
        <password::PasswordSection/>
        <sessions::SessionsSection/>
        <tokens::TokensSection/>
        <apps::ConnectedAppsSection/>
        <reminders::RemindersSection/>
        <calendar::CalendarSection/>
        <data::DataSection/>
        <danger::DeleteAccountSection/>
    }
}
