//! `/settings`: the account, active sessions, API tokens, your data (download, import), and
//! deleting the account — one section per file.
mod account;
mod danger;
mod data;
mod sessions;
mod tokens;

use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <account::AccountSection/>
        <sessions::SessionsSection/>
        <tokens::TokensSection/>
        <data::DataSection/>
        <danger::DeleteAccountSection/>
    }
}
