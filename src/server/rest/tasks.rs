//! `/api/v1/tasks`: list (filters, search, sort, cursor), create, get, patch, delete.
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use super::{json_bytes, json_response, ApiJson, ApiQuery, ErrorBody, QueryFields};
use crate::domain::query::{DueFilter, TaskQueryParams};
use crate::domain::task::{CompletionPage, Task, TaskDraft, TaskInput, TaskPage, TaskPatch, TaskPatchInput};
use crate::error::AppError;
use crate::server::auth::CurrentUser;
use crate::server::repo::UserScope;
use crate::server::state::AppState;
use crate::server::tasks::{due_bounds, user_tz};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tasks", get(list_tasks).post(create_task))
        .route("/tasks/{id}", get(get_task).patch(update_task).delete(delete_task))
        .route("/tasks/{id}/completions", get(list_completions))
}

#[utoipa::path(get, path = "/api/v1/tasks", tag = "tasks", params(TaskQueryParams),
    responses((status = 200, body = TaskPage), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn list_tasks(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(params): ApiQuery<TaskQueryParams>,
) -> Result<Response, AppError> {
    let query = params.parse()?;
    let bounds = due_bounds(user_tz(&user.time_zone));
    // "overdue" depends on the minute; every other list is the same all day for one version
    let cacheable = query.due != Some(DueFilter::Overdue);
    if cacheable {
        if let Some(body) = state
            .list_cache
            .get(user.id(), &(user.tasks_version, bounds.today_start), &query)
        {
            return Ok(json_response(body));
        }
    }
    let page = UserScope::new(&state.db, &user).list_tasks(&query, bounds).await?;
    let body = json_bytes(&page)?;
    if cacheable {
        state
            .list_cache
            .put(user.id(), (user.tasks_version, bounds.today_start), query, body.clone());
    }
    Ok(json_response(body))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct CompletionsQuery {
    /// 1..=200, default 50.
    limit: Option<u64>,
    /// The `next_cursor` of the page before.
    cursor: Option<String>,
}

impl QueryFields for CompletionsQuery {
    const FIELDS: &'static [&'static str] = &["limit", "cursor"];
}

/// Each time the task was completed, newest first (a recurring task stays open and moves on).
#[utoipa::path(get, path = "/api/v1/tasks/{id}/completions", tag = "tasks", params(("id" = String, Path), CompletionsQuery),
    responses((status = 200, body = CompletionPage), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn list_completions(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<CompletionsQuery>,
) -> Result<ApiJson<CompletionPage>, AppError> {
    let limit = query.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(AppError::validation(
            "limit",
            "limit must be a whole number from 1 to 200.",
        ));
    }
    Ok(ApiJson(
        UserScope::new(&state.db, &user)
            .list_completions(&id, limit, query.cursor.as_deref())
            .await?,
    ))
}

impl QueryFields for TaskQueryParams {
    const FIELDS: &'static [&'static str] = &[
        "status", "priority", "tag", "q", "due", "sort", "limit", "cursor", "project", "parent",
    ];
}

#[utoipa::path(post, path = "/api/v1/tasks", tag = "tasks", request_body = TaskInput,
    responses((status = 201, body = Task), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn create_task(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<TaskInput>,
) -> Result<(StatusCode, ApiJson<Task>), AppError> {
    let draft = TaskDraft::from_input(input)?;
    let task = UserScope::new(&state.db, &user).create_task(draft).await?;
    Ok((StatusCode::CREATED, ApiJson(task)))
}

#[utoipa::path(get, path = "/api/v1/tasks/{id}", tag = "tasks", params(("id" = String, Path)),
    responses((status = 200, body = Task), (status = 404, body = ErrorBody)))]
pub(super) async fn get_task(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<ApiJson<Task>, AppError> {
    Ok(ApiJson(UserScope::new(&state.db, &user).get_task(&id).await?))
}

#[utoipa::path(patch, path = "/api/v1/tasks/{id}", tag = "tasks", params(("id" = String, Path)), request_body = TaskPatchInput,
    responses((status = 200, body = Task), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn update_task(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<TaskPatchInput>,
) -> Result<ApiJson<Task>, AppError> {
    let patch = TaskPatch::from_input(input)?;
    Ok(ApiJson(UserScope::new(&state.db, &user).update_task(&id, patch).await?))
}

#[utoipa::path(delete, path = "/api/v1/tasks/{id}", tag = "tasks", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub(super) async fn delete_task(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    UserScope::new(&state.db, &user).delete_task(&id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_parameters_are_the_structs_fields() {
        let all = TaskQueryParams {
            status: Some(String::new()),
            priority: Some(String::new()),
            tag: Some(String::new()),
            q: Some(String::new()),
            due: Some(String::new()),
            sort: Some(String::new()),
            limit: Some(String::new()),
            cursor: Some(String::new()),
            project: Some(String::new()),
            parent: Some(String::new()),
        };
        let value = serde_json::to_value(all).unwrap_or_default();
        let mut fields: Vec<&str> = value
            .as_object()
            .into_iter()
            .flat_map(|o| o.keys())
            .map(String::as_str)
            .collect();
        let mut known = TaskQueryParams::FIELDS.to_vec();
        fields.sort_unstable();
        known.sort_unstable();
        assert_eq!(fields, known);
    }

    #[test]
    fn unknown_and_repeated_parameters_are_named() {
        let err = super::super::read_query::<TaskQueryParams>("status=open&junk=1").err();
        assert_eq!(err.as_ref().and_then(AppError::field), Some("junk"));
        let err = super::super::read_query::<TaskQueryParams>("tag=a&tag=b").err();
        assert_eq!(err.as_ref().and_then(AppError::field), Some("tag"));
        let long = format!("{}=1", "k".repeat(10_000));
        let err = super::super::read_query::<TaskQueryParams>(&long).err();
        assert_eq!(err.as_ref().and_then(AppError::field).map(str::len), Some(40));
        assert!(super::super::read_query::<TaskQueryParams>("status=open&q=a%20b").is_ok());
    }
}
