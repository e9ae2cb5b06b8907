//! Server functions of the OAuth consent page and of "Connected apps" on `/settings`.
use leptos::prelude::*;

use crate::domain::oauth::{AuthorizeParams, Consent};
use crate::domain::user::ConnectedApp;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use super::context::{self as cx, respond};

/// Checks an authorization request for the signed-in user: what to ask them, or why not.
#[server(endpoint = "oauth_consent")]
pub async fn oauth_consent(params: AuthorizeParams) -> Result<Consent, AppError> {
    use crate::server::oauth::authorize::{check, details, Problem};
    respond(async {
        let (state, user) = cx::user().await?;
        let issuer = cx::origin()?;
        Ok(match check(&state, &issuer, &params).await {
            Ok(checked) => Consent::Ask(Box::new(details(&checked, &params, &user))),
            Err(Problem::Show(message)) => Consent::Refused(message),
            Err(Problem::Redirect(to)) => {
                cx::redirect(&to);
                Consent::Redirecting
            }
        })
    })
    .await
}

#[server(endpoint = "list_connected_apps")]
pub async fn list_connected_apps() -> Result<Vec<ConnectedApp>, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let tz = crate::server::tasks::user_tz(&user.time_zone);
        let shown = |raw: &str| crate::server::tasks::shown_at(raw, tz);
        let mut apps = crate::server::repo::UserScope::new(&state.db, &user)
            .list_connected_apps()
            .await?;
        for a in &mut apps {
            a.connected_at = shown(&a.connected_at);
            a.last_used_at = a.last_used_at.as_deref().map(shown);
        }
        Ok(apps)
    })
    .await
}

/// Disconnects an app: its access and refresh tokens stop at once.
#[server(endpoint = "revoke_connected_app")]
pub async fn revoke_connected_app(id: String) -> Result<(), AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        crate::server::repo::UserScope::new(&state.db, &user)
            .revoke_connected_app(&id)
            .await
    })
    .await
}
