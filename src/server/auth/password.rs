//! Argon2id with the crate's defaults (m=19456 KiB, t=2, p=1: the OWASP minimum), run on the
//! blocking pool behind a semaphore so a burst of sign-ins cannot starve other requests.
use std::sync::OnceLock;

use argon2::{Argon2, PasswordHasher, PasswordVerifier};

use crate::error::AppError;
use crate::server::state::AppState;

pub async fn hash(state: &AppState, password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    run_limited(state, move || hash_blocking(&password)).await?
}

fn hash_blocking(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "argon2 hashing failed");
            AppError::Internal
        })
}

/// Verifies `password` against `stored`; with no stored hash, verifies against a dummy hash so
/// an unknown email costs the same time as a wrong password.
pub async fn verify(state: &AppState, password: &str, stored: Option<String>) -> Result<bool, AppError> {
    let password = password.to_owned();
    run_limited(state, move || {
        let (hash, real) = match &stored {
            Some(hash) => (hash.as_str(), true),
            None => (dummy_hash(), false),
        };
        let ok = Argon2::default().verify_password(password.as_bytes(), hash).is_ok();
        ok && real
    })
    .await
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("taskpilot-dummy-password").unwrap_or_default())
}

/// Computes the dummy hash ahead of the first sign-in, so that first one is not faster.
pub fn warm_up() {
    let _ = dummy_hash();
}

async fn run_limited<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _permit = state.hashing.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "password task failed");
        AppError::Internal
    })
}
