//! The JSON API under `/api/v1`: thin handlers over the same flows and repository as the
//! pages, answering errors as `{"error": {"code", "message"}}`.
pub mod auth;
pub mod chat;
pub mod tasks;

mod openapi;

use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::state::AppState;
use crate::error::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(auth::router())
        .merge(tasks::router())
        .merge(chat::router())
        .route("/openapi.json", axum::routing::get(openapi::document))
        .fallback(|| async { AppError::NotFound })
}

/// The error body of every `/api/v1` failure.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // describes the JSON built in `AppError::into_response`
pub struct ErrorBody {
    error: ErrorDetail,
}

#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
struct ErrorDetail {
    /// A stable snake_case code: bad_request, invalid_field, unauthorized, not_found, conflict,
    /// payload_too_large, rate_limited, forbidden, provider_error, unavailable, storage_full, internal.
    code: String,
    /// A message for humans.
    message: String,
    /// The field at fault, for invalid_field.
    field: Option<String>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = http::StatusCode::from_u16(self.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let mut error = serde_json::json!({"code": self.code(), "message": self.to_string()});
        if let Some(field) = self.field() {
            error["field"] = field.into();
        }
        let mut response = (status, axum::Json(serde_json::json!({ "error": error }))).into_response();
        if let AppError::RateLimited { retry_after_secs } = self {
            if let Ok(value) = http::HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(http::header::RETRY_AFTER, value);
            }
        }
        response
    }
}

/// `Json<T>` whose rejections speak the API's error shape: 400 for unreadable JSON, 422 for a
/// field of the wrong type, 413 for a body over the limit. As a response, it serializes into one
/// growing `Vec` (axum's `Json` writes through a `BytesMut` writer in many small pieces: with
/// the copies as it grows, 18 % of the tasks list's CPU in a profile).
pub struct ApiJson<T>(pub T);

impl<T: Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        match json_bytes(&self.0) {
            Ok(body) => json_response(body),
            Err(e) => e.into_response(),
        }
    }
}

/// `value` as a JSON body.
pub(super) fn json_bytes<T: Serialize>(value: &T) -> Result<Bytes, AppError> {
    let mut body = Vec::with_capacity(1024);
    serde_json::to_writer(&mut body, value).map_err(|e| {
        tracing::error!(error = %e, "could not serialize a response");
        AppError::Internal
    })?;
    Ok(body.into())
}

/// A 200 with a JSON body made by [`json_bytes`].
pub(super) fn json_response(body: Bytes) -> Response {
    (
        [(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(JsonRejection::JsonDataError(e)) => Err(AppError::validation("body", e.body_text())),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(AppError::bad_request(
                "Send the body as JSON with Content-Type: application/json.",
            )),
            Err(e) if e.status() == http::StatusCode::PAYLOAD_TOO_LARGE => Err(AppError::PayloadTooLarge),
            Err(e) => Err(AppError::bad_request(e.body_text())),
        }
    }
}
