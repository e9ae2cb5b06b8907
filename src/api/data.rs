//! Server functions for "your data" on `/settings`.
use leptos::prelude::*;

use crate::error::AppError;

#[cfg(feature = "ssr")]
use super::context::{self as cx, respond};

/// What the last import did (succeeded, what to say), shown once on the page after it.
#[server(endpoint = "take_import_result")]
pub async fn take_import_result() -> Result<Option<(bool, String)>, AppError> {
    respond(async {
        cx::user().await?;
        use crate::server::data_form::{read_import_result, IMPORT_RESULT_COOKIE};
        let Some(value) = cx::cookie(IMPORT_RESULT_COOKIE) else {
            return Ok(None);
        };
        cx::set_cookie(&format!(
            "{IMPORT_RESULT_COOKIE}=; Path=/settings; Max-Age=0; HttpOnly; SameSite=Strict"
        ));
        Ok(read_import_result(&value))
    })
    .await
}
