//! `/api/v1/export` and `/api/v1/import`: everything the user owns as one JSON document, and
//! that document (or a Todoist project CSV) back in, all or nothing. Import takes up to
//! [`IMPORT_MAX_BYTES`]; every other route keeps `MAX_BODY_BYTES`.
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use super::{json_bytes, read_json, ApiJson, ErrorBody};
use crate::domain::export::{ExportDocument, ImportCounts, TodoistImport, EXPORT_FORMAT, EXPORT_VERSION};
use crate::error::AppError;
use crate::server::auth::CurrentUser;
use crate::server::repo::UserScope;
use crate::server::state::AppState;
use crate::server::tasks::user_tz;

/// The body limit of the import route.
pub const IMPORT_MAX_BYTES: usize = 10 * 1024 * 1024;
pub const IMPORT_PATH: &str = "/api/v1/import";

pub fn router() -> Router<AppState> {
    Router::new().route("/export", get(export)).route(
        "/import",
        post(import).layer(axum::extract::DefaultBodyLimit::max(IMPORT_MAX_BYTES)),
    )
}

/// Everything the user owns, as the export document.
pub async fn export_document(state: &AppState, user: &CurrentUser) -> Result<ExportDocument, AppError> {
    let owned = UserScope::new(&state.db, user).export_owned().await?;
    Ok(ExportDocument {
        format: EXPORT_FORMAT.to_owned(),
        version: EXPORT_VERSION,
        exported_at: chrono::Utc::now(),
        user: user.user.clone(),
        time_zone: Some(user.time_zone.clone()),
        projects: owned.projects,
        tasks: owned.tasks,
        conversations: owned.conversations,
    })
}

#[utoipa::path(get, path = "/api/v1/export", tag = "data",
    responses((status = 200, description = "Everything you own, as a download", body = ExportDocument), (status = 401, body = ErrorBody)))]
pub(super) async fn export(State(state): State<AppState>, user: CurrentUser) -> Result<Response, AppError> {
    let document = export_document(&state, &user).await?;
    let name = format!("taskpilot-export-{}.json", document.exported_at.format("%Y-%m-%d"));
    let mut response = super::json_response(json_bytes(&document)?);
    if let Ok(value) = http::HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// The import body: an export document as it was downloaded (`format: "taskpilot"`), or a
/// Todoist CSV (`format: "todoist_csv"`).
#[derive(Debug, utoipa::ToSchema)]
pub enum ImportBody {
    Taskpilot(ExportDocument),
    TodoistCsv(TodoistImport),
}

impl ImportBody {
    /// Reads the body by its `format`; a field that does not fit is a 422 naming its path.
    pub fn read(value: serde_json::Value) -> Result<Self, AppError> {
        fn typed<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, AppError> {
            serde_path_to_error::deserialize(value).map_err(|e| {
                AppError::validation(
                    &e.path().to_string(),
                    format!(
                        "This import could not be read: {}.",
                        super::plain_reading_error(&e.inner().to_string())
                    ),
                )
            })
        }
        match value.get("format").and_then(|f| f.as_str()) {
            Some(EXPORT_FORMAT) => Ok(Self::Taskpilot(typed(value)?)),
            Some("todoist_csv") => Ok(Self::TodoistCsv(typed(value)?)),
            _ => Err(AppError::validation(
                "format",
                "This is not a file Taskpilot can import: it imports its own exports (a .json with \"format\": \"taskpilot\") and Todoist's CSV exports (\"format\": \"todoist_csv\"). Files of other apps, such as Vikunja, are not read yet.",
            )),
        }
    }
}

/// Reads and writes one import for the user.
pub async fn import_body(state: &AppState, user: &CurrentUser, body: ImportBody) -> Result<ImportCounts, AppError> {
    let plan = crate::server::import::plan_from_body(body, user_tz(&user.time_zone))?;
    UserScope::new(&state.db, user).import(plan).await
}

#[utoipa::path(post, path = "/api/v1/import", tag = "data", request_body = ImportBody,
    responses((status = 200, description = "What was created", body = ImportCounts),
        (status = 409, description = "A project of that name exists (Todoist), or a quota would be passed", body = ErrorBody),
        (status = 413, description = "Over 10 MB", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn import(
    State(state): State<AppState>,
    user: CurrentUser,
    body: Result<Bytes, BytesRejection>,
) -> Result<impl IntoResponse, AppError> {
    let body = body.map_err(|e| {
        if e.status() == http::StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge
        } else {
            AppError::bad_request(e.body_text())
        }
    })?;
    let body = ImportBody::read(read_json(&body)?)?;
    Ok(ApiJson(import_body(&state, &user, body).await?))
}
