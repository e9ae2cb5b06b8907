//! The JSON API under `/api/v1`: thin handlers over the same flows and repository as the
//! pages, answering errors as `{"error": {"code", "message"}}`.
pub mod auth;
pub mod calendar;
pub mod chat;
pub mod data;
pub mod events;
pub mod notifications;
pub mod projects;
pub mod tasks;

mod openapi;

use axum::body::Bytes;
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
        .merge(calendar::router())
        .merge(tasks::router())
        .merge(projects::router())
        .merge(data::router())
        .merge(chat::router())
        .merge(events::router())
        .merge(notifications::router())
        .route("/openapi.json", axum::routing::get(openapi::document))
        // a method the address does not take: the JSON error body too (axum adds `Allow`)
        .method_not_allowed_fallback(|| async {
            (
                http::StatusCode::METHOD_NOT_ALLOWED,
                ApiJson(ErrorBody::new(
                    "method_not_allowed",
                    "This address does not take that method; see the Allow header.",
                    None,
                )),
            )
        })
        .fallback(|| async { AppError::NotFound })
}

/// The error body of every `/api/v1` failure: `{"error": {"code", "message", "field"?}}`.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
struct ErrorDetail {
    /// A stable snake_case code: bad_request, invalid_field, unauthorized, forbidden, not_found,
    /// conflict, method_not_allowed, payload_too_large, rate_limited, provider_error, unavailable,
    /// storage_full, internal.
    code: String,
    /// A message for humans.
    message: String,
    /// The field at fault, for invalid_field.
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
}

impl ErrorBody {
    pub fn new(code: &str, message: impl Into<String>, field: Option<&str>) -> Self {
        Self {
            error: ErrorDetail {
                code: code.to_owned(),
                message: message.into(),
                field: field.map(str::to_owned),
            },
        }
    }
}

impl From<&AppError> for ErrorBody {
    fn from(e: &AppError) -> Self {
        Self::new(e.code(), e.to_string(), e.field())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = http::StatusCode::from_u16(self.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, ApiJson(ErrorBody::from(&self))).into_response();
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

/// The parameters a list accepts, by name: any other is refused, never ignored.
pub trait QueryFields {
    const FIELDS: &'static [&'static str];
}

/// `Query<T>` that speaks the API's error shape: an unknown or repeated parameter, or a value of
/// the wrong type, is a 422 naming the parameter.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + QueryFields, S: Send + Sync> axum::extract::FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut http::request::Parts, _state: &S) -> Result<Self, Self::Rejection> {
        read_query(parts.uri.query().unwrap_or_default()).map(Self)
    }
}

/// A parameter's name as an error may repeat it: at most 40 characters.
fn shown(name: &str) -> String {
    name.chars().take(40).collect()
}

pub(crate) fn read_query<T: DeserializeOwned + QueryFields>(raw: &str) -> Result<T, AppError> {
    let mut seen: Vec<std::borrow::Cow<'_, str>> = Vec::new();
    for (key, _) in url::form_urlencoded::parse(raw.as_bytes()) {
        if !T::FIELDS.contains(&key.as_ref()) {
            return Err(AppError::validation(
                &shown(&key),
                format!("Unknown parameter. This list takes {}.", T::FIELDS.join(", ")),
            ));
        }
        if seen.contains(&key) {
            return Err(AppError::validation(&shown(&key), "Give this parameter once."));
        }
        seen.push(key);
    }
    let pairs = url::form_urlencoded::parse(raw.as_bytes());
    serde_path_to_error::deserialize(serde_urlencoded::Deserializer::new(pairs)).map_err(|e| {
        let field = e.path().iter().find_map(|segment| match segment {
            serde_path_to_error::Segment::Map { key } => Some(key.clone()),
            _ => None,
        });
        AppError::validation(
            field.as_deref().unwrap_or("query"),
            format!(
                "This parameter could not be read: {}.",
                plain_reading_error(&e.into_inner().to_string())
            ),
        )
    })
}

/// serde's account of a value that does not fit, in words for people: "invalid value: integer
/// `-5`, expected u32 at line 1 column 84" becomes "expected a whole number from 0 to
/// 4294967295, got -5". Anything else is kept as it is, without its line and column.
pub(crate) fn plain_reading_error(raw: &str) -> String {
    let raw = match raw.rfind(" at line ") {
        Some(at)
            if raw[at + 9..].split_once(" column ").is_some_and(|(l, c)| {
                l.chars().all(|ch| ch.is_ascii_digit()) && c.chars().all(|ch| ch.is_ascii_digit())
            }) =>
        {
            &raw[..at]
        }
        _ => raw,
    };
    let expected = |e: &str| -> String {
        match e {
            "u8" => "a whole number from 0 to 255".into(),
            "u16" => "a whole number from 0 to 65535".into(),
            "u32" => "a whole number from 0 to 4294967295".into(),
            "u64" | "usize" => "a whole number, 0 or more".into(),
            "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".into(),
            "f32" | "f64" => "a number".into(),
            "a boolean" => "true or false".into(),
            "a borrowed string" | "a string" | "a char" => "a string".into(),
            "a sequence" => "a list".into(),
            e if e.starts_with("struct ") || e == "a map" => "an object".into(),
            e => e.into(),
        }
    };
    let got = |g: &str| -> String {
        for kind in ["integer ", "floating point ", "boolean "] {
            if let Some(v) = g.strip_prefix(kind) {
                return v.trim_matches('`').to_owned();
            }
        }
        match g {
            "map" => "an object".into(),
            "sequence" => "a list".into(),
            "unit value" | "null" => "null".into(),
            g => g
                .strip_prefix("string ")
                .map_or_else(|| g.to_owned(), |v| format!("the string {v}")),
        }
    };
    let rest = raw
        .strip_prefix("invalid type: ")
        .or_else(|| raw.strip_prefix("invalid value: "));
    if let Some((got_part, expected_part)) = rest.and_then(|r| r.split_once(", expected ")) {
        return format!("expected {}, got {}", expected(expected_part), got(got_part));
    }
    match raw {
        // a query parameter's number that does not parse
        "invalid digit found in string" | "cannot parse integer from empty string" => "expected a whole number".into(),
        "number too large to fit in target type" | "number too small to fit in target type" => {
            "the number is out of range".into()
        }
        "invalid float literal" => "expected a number".into(),
        _ => raw.to_owned(),
    }
}

fn is_json(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|mime| mime.trim().to_ascii_lowercase())
        .is_some_and(|mime| mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json")))
}

/// Reads a JSON body into `T`: unreadable JSON is a 400; a value of the wrong type or an unknown
/// field is a 422 naming the field it belongs to (the first key of its path).
pub(crate) fn read_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = e.path().iter().find_map(|segment| match segment {
            serde_path_to_error::Segment::Map { key } => Some(key.clone()),
            _ => None,
        });
        let path = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => AppError::validation(
                field.as_deref().unwrap_or("body"),
                match path.as_str() {
                    "." => format!(
                        "The body could not be read: {}.",
                        plain_reading_error(&inner.to_string())
                    ),
                    path => format!(
                        "The body could not be read: {path}: {}.",
                        plain_reading_error(&inner.to_string())
                    ),
                },
            ),
            // serde_json reports a choice (an enum) given as a number, a boolean or an object as
            // a syntax error, though the JSON is sound: that is the field's fault, not the body's
            _ if serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok() => AppError::validation(
                field.as_deref().unwrap_or("body"),
                "This value is not one the field takes: send one of its names, as a string.",
            ),
            _ => AppError::bad_request(format!("The body is not valid JSON: {inner}")),
        }
    })?;
    de.end()
        .map_err(|e| AppError::bad_request(format!("The body is not valid JSON: {e}")))?;
    Ok(value)
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(AppError::bad_request(
                "Send the body as JSON with Content-Type: application/json.",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::bad_request(e.body_text())
            }
        })?;
        read_json(&bytes).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::task::{TaskInput, TaskPatchInput};

    #[test]
    fn a_value_that_does_not_fit_is_said_in_words() {
        for (body, said) in [
            (r#"{"title":5}"#, "title: expected a string, got 5."),
            (
                r#"{"title":"x","tags":"a"}"#,
                "tags: expected a list, got the string \"a\".",
            ),
            (
                r#"{"title":"x","completed":"yes"}"#,
                "completed: expected true or false, got the string \"yes\".",
            ),
            (
                r#"{"title":"x","reminders":[{"before_minutes":-5}]}"#,
                "reminders[0].before_minutes: expected a whole number from 0 to 4294967295, got -5.",
            ),
            (
                r#"{"title":"x","reminders":[{"before_minutes":1.5}]}"#,
                "reminders[0].before_minutes: expected a whole number from 0 to 4294967295, got 1.5.",
            ),
            (
                r#"{"title":"x","reminders":[{"before_minutes":1000000000000000}]}"#,
                "reminders[0].before_minutes: expected a whole number from 0 to 4294967295, got 1000000000000000.",
            ),
        ] {
            match read_json::<TaskPatchInput>(body.as_bytes()) {
                Err(AppError::Validation { message, .. }) => {
                    assert_eq!(message, format!("The body could not be read: {said}"), "{body}")
                }
                other => panic!("{body}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_query_number_that_does_not_parse_is_said_in_words() {
        for (raw, said) in [
            ("invalid digit found in string", "expected a whole number"),
            ("number too large to fit in target type", "the number is out of range"),
            ("missing field `title` at line 1 column 2", "missing field `title`"),
            (
                "unknown variant `x`, expected `low`",
                "unknown variant `x`, expected `low`",
            ),
        ] {
            assert_eq!(plain_reading_error(raw), said);
        }
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_field() {
        for body in [
            r#"{"title":"x","priority":5}"#,
            r#"{"title":"x","priority":true}"#,
            r#"{"title":"x","priority":{}}"#,
            r#"{"title":"x","priority":[]}"#,
            r#"{"title":"x","priority":"urgent"}"#,
        ] {
            match read_json::<TaskInput>(body.as_bytes()) {
                Err(AppError::Validation { field, .. }) => assert_eq!(field, "priority", "{body}"),
                other => panic!("{body}: {other:?}"),
            }
            match read_json::<TaskPatchInput>(body.replace(r#""title":"x","#, "").as_bytes()) {
                Err(AppError::Validation { field, .. }) => assert_eq!(field, "priority", "{body}"),
                other => panic!("{body}: {other:?}"),
            }
        }
        match read_json::<TaskInput>(br#"{"title":5}"#) {
            Err(AppError::Validation { field, .. }) => assert_eq!(field, "title"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn broken_json_is_a_bad_request() {
        for body in [r#"{"title":"x","priority":"#, r#"{"title":"x"} trailing"#, "", "nope"] {
            assert!(
                matches!(
                    read_json::<TaskInput>(body.as_bytes()),
                    Err(AppError::BadRequest { .. })
                ),
                "{body}"
            );
        }
        let read: TaskInput = read_json(br#"{"title":"x","priority":"high"}"#).expect("a sound body reads");
        assert_eq!(read.priority, Some(crate::domain::task::Priority::High));
    }
}
