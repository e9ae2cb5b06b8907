//! `POST /settings/import`: the import form of `/settings`, a plain multipart form that works
//! without JavaScript. It reads the file into the same body `POST /api/v1/import` takes, imports
//! it, and goes back to `/settings`, where what happened is shown once (from a short cookie for
//! that page only, so no link can make the page say anything).
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use super::auth::CurrentUser;
use super::rest::data::{import_body, ImportBody};
use super::state::AppState;
use crate::domain::export::TodoistImport;
use crate::error::AppError;

/// The cookie that carries the outcome of an import to the next `/settings` page.
pub const IMPORT_RESULT_COOKIE: &str = "taskpilot_import";

/// What the form sent.
#[derive(Default)]
struct Form {
    format: String,
    project: String,
    file: Vec<u8>,
}

async fn read_form(mut multipart: Multipart) -> Result<Form, AppError> {
    let mut form = Form::default();
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == http::StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge
        } else {
            AppError::bad_request("The form could not be read. Try again.")
        }
    };
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or_default() {
            "format" => form.format = field.text().await.map_err(unreadable)?,
            "project" => form.project = field.text().await.map_err(unreadable)?,
            "file" => form.file = field.bytes().await.map_err(unreadable)?.to_vec(),
            _ => {}
        }
    }
    Ok(form)
}

async fn import_form(state: &AppState, user: &CurrentUser, form: Form) -> Result<String, AppError> {
    if form.file.is_empty() {
        return Err(AppError::validation("file", "Choose a file to import."));
    }
    let body = match form.format.as_str() {
        "todoist_csv" => ImportBody::TodoistCsv(TodoistImport {
            format: "todoist_csv".into(),
            project: form.project,
            csv: String::from_utf8(form.file)
                .map_err(|_| AppError::validation("file", "This CSV is not UTF-8 text."))?,
        }),
        _ => {
            let value = serde_json::from_slice(&form.file)
                .map_err(|_| AppError::validation("file", "This file is not a Taskpilot export (JSON)."))?;
            ImportBody::read(value)?
        }
    };
    Ok(import_body(state, user, body).await?.sentence())
}

pub async fn settings_import(
    State(state): State<AppState>,
    user: CurrentUser,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let outcome = match multipart {
        Ok(multipart) => match read_form(multipart).await {
            Ok(form) => import_form(&state, &user, form).await,
            Err(e) => Err(e),
        },
        Err(_) => Err(AppError::bad_request("The form could not be read. Try again.")),
    };
    let (ok, message) = match outcome {
        Ok(sentence) => (true, sentence),
        Err(e) => (false, format!("Nothing was imported: {e}")),
    };
    let value = URL_SAFE_NO_PAD.encode(serde_json::json!({"ok": ok, "message": message}).to_string());
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    let cookie =
        format!("{IMPORT_RESULT_COOKIE}={value}; Path=/settings; Max-Age=120; HttpOnly; SameSite=Strict{secure}");
    let mut response = Redirect::to("/settings#your-data").into_response();
    if let Ok(value) = http::HeaderValue::from_str(&cookie) {
        response.headers_mut().append(http::header::SET_COOKIE, value);
    }
    response
}

/// The outcome an import left for this page, if any: (succeeded, what to say).
pub fn read_import_result(value: &str) -> Option<(bool, String)> {
    let bytes = URL_SAFE_NO_PAD.decode(value).ok()?;
    let json: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let message: String = json["message"].as_str()?.chars().take(500).collect();
    Some((json["ok"].as_bool()?, message))
}
