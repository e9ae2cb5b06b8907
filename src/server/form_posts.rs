//! What a call to a server function gets back on its way out. A form posted without JavaScript
//! is answered by Leptos with a redirect to the page it came from (its `Referer`), an error put
//! in that address as `__path`/`__err`. Here:
//! - a call that could not even be read gets its own status, not a 500;
//! - the address keeps only the newest error (Leptos adds to what the page's address had, so
//!   each failed try made it longer) and never ends in a bare `?`;
//! - a quick-add that failed brings its title back in the address (`__title`), for the field to
//!   show what was typed rather than nothing;
//! - a settings form that worked says so (`__done`: with JavaScript, the page shows "Saved"
//!   from the call's answer; without, it has only its address to go on).
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, StatusCode};
use leptos::server_fn::ServerFn;

use crate::api::tasks::{DONE_PARAM, TITLE_PARAM};
use crate::error::AppError;

/// The server function of the dashboard's add form.
const CREATE_TASK: &str = "/api/create_task";
/// At most this much of a title comes back (the field takes 400 characters).
const TITLE_KEPT: usize = 400;
/// The forms whose success is said on the page they come back to.
const CONFIRMED: [&str; 3] = [
    <crate::api::auth::SetTimeZone as ServerFn>::PATH,
    <crate::api::notifications::SaveReminderSettings as ServerFn>::PATH,
    <crate::api::auth::ChangePassword as ServerFn>::PATH,
];

pub async fn answer(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if !path.starts_with("/api/") || path.starts_with("/api/v1/") {
        return next.run(request).await;
    }
    let (request, title) = if path == CREATE_TASK && is_form(&request) {
        match take_title(request).await {
            Ok(taken) => taken,
            Err(refused) => return refused,
        }
    } else {
        (request, None)
    };
    let response = next.run(request).await;
    if response.status() == StatusCode::INTERNAL_SERVER_ERROR {
        return status_of_error(response).await;
    }
    if response.status().is_redirection() {
        let done = CONFIRMED.contains(&path.as_str()).then_some(path.as_str());
        return tidy_location(response, title.as_deref(), done);
    }
    response
}

fn is_form(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// The form's `title`, read from a body put back as it was for the server function.
async fn take_title(request: Request) -> Result<(Request, Option<String>), Response> {
    let (parts, body) = request.into_parts();
    // the front door has held the body to its route's limit already
    let bytes: Bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .map_err(|_| AppError::PayloadTooLarge.into_response())?;
    let title = url::form_urlencoded::parse(&bytes)
        .find(|(key, _)| key == "title")
        .map(|(_, value)| value.chars().take(TITLE_KEPT).collect::<String>())
        .filter(|t| !t.trim().is_empty());
    Ok((Request::from_parts(parts, Body::from(bytes)), title))
}

/// A call that ended before its body ran (an empty form, `completed=maybe`, JSON of another
/// shape) is answered by Leptos as a 500: it is the client's error, and gets its status.
async fn status_of_error(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return AppError::Internal.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn tidy_location(mut response: Response, title: Option<&str>, done: Option<&str>) -> Response {
    let Some(location) = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()) else {
        return response;
    };
    let tidy = tidy(location, title, done);
    if tidy != location {
        if let Ok(value) = HeaderValue::from_str(&tidy) {
            response.headers_mut().insert(header::LOCATION, value);
        }
    }
    response
}

/// `location` with only its newest error, the title with it when there is one, what `done`
/// did when there is none, and no `?` with nothing after it.
fn tidy(location: &str, title: Option<&str>, done: Option<&str>) -> String {
    let (before, fragment) = match location.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (location, None),
    };
    let (base, query) = before.split_once('?').unwrap_or((before, ""));
    let ours = |key: &str| query.contains(&format!("{key}="));
    let said = title.is_some() || done.is_some();
    if !query.is_empty() && !said && !["__path", "__err", TITLE_PARAM, DONE_PARAM].into_iter().any(ours) {
        // nothing of ours in it: left exactly as it was written
        return location.to_owned();
    }
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let newest = |key: &str| pairs.iter().rposition(|(k, _)| k == key);
    let (path_at, err_at) = (newest("__path"), newest("__err"));
    let kept = pairs.iter().enumerate().filter(|(i, (k, _))| match k.as_str() {
        "__path" => Some(*i) == path_at,
        "__err" => Some(*i) == err_at,
        TITLE_PARAM | DONE_PARAM => false,
        _ => true,
    });
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (_, (k, v)) in kept {
        query.append_pair(k, v);
    }
    match (err_at, title, done) {
        (Some(_), Some(title), _) => {
            query.append_pair(TITLE_PARAM, title);
        }
        (None, _, Some(done)) => {
            query.append_pair(DONE_PARAM, done);
        }
        _ => {}
    }
    let query = query.finish();
    let mut out = base.to_owned();
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query);
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn only_the_newest_error_stays_and_no_bare_question_mark() {
        assert_eq!(tidy("http://h/tasks?", None, None), "http://h/tasks");
        assert_eq!(tidy("/settings?#zone", None, None), "/settings#zone");
        assert_eq!(
            tidy(
                "/tasks?view=today&__path=%2Fa&__err=old&__path=%2Fb&__err=new",
                None,
                None
            ),
            "/tasks?view=today&__path=%2Fb&__err=new"
        );
        // a success after an error: Leptos took the error away, the title goes with it
        assert_eq!(tidy("/tasks?project=p1&__title=milk", None, None), "/tasks?project=p1");
        assert_eq!(
            tidy(
                "/tasks?__title=old&__path=%2Fapi%2Fcreate_task&__err=e",
                Some("feb 30 party & co"),
                None
            ),
            "/tasks?__path=%2Fapi%2Fcreate_task&__err=e&__title=feb+30+party+%26+co"
        );
        // an address without anything of ours is left exactly as written
        assert_eq!(tidy("/x?next=/settings&a=%20", None, None), "/x?next=/settings&a=%20");
        // a title comes back only with an error
        assert_eq!(tidy("/tasks?project=p1", Some("milk"), None), "/tasks?project=p1");
        // a settings form that worked says so, once; one that failed does not
        let zone = Some("/api/set_time_zone");
        assert_eq!(
            tidy("/settings?__done=x", None, zone),
            "/settings?__done=%2Fapi%2Fset_time_zone"
        );
        assert_eq!(
            tidy("/settings?__path=p&__err=e", None, zone),
            "/settings?__path=p&__err=e"
        );
    }
}
