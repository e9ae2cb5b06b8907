//! `/api/v1/tasks`: list (filters, search, sort, cursor), create, get, patch, delete.
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};

use super::ApiJson;
use crate::domain::task::{Task, TaskDraft, TaskInput, TaskPage, TaskPatch, TaskPatchInput, TaskQueryParams};
use crate::error::AppError;
use crate::server::auth::CurrentUser;
use crate::server::repo::UserScope;
use crate::server::state::AppState;
use crate::server::tasks::{due_bounds, user_tz};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tasks", get(list_tasks).post(create_task))
        .route("/tasks/{id}", get(get_task).patch(update_task).delete(delete_task))
}

async fn list_tasks(
    State(state): State<AppState>,
    user: CurrentUser,
    params: Result<Query<TaskQueryParams>, QueryRejection>,
) -> Result<Json<TaskPage>, AppError> {
    let Query(params) = params.map_err(|e| AppError::bad_request(e.body_text()))?;
    let query = params.parse()?;
    let bounds = due_bounds(user_tz(&user.time_zone));
    Ok(Json(UserScope::new(&state.db, &user).list_tasks(&query, bounds).await?))
}

async fn create_task(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<TaskInput>,
) -> Result<(StatusCode, Json<Task>), AppError> {
    let draft = TaskDraft::from_input(input)?;
    let task = UserScope::new(&state.db, &user).create_task(draft).await?;
    Ok((StatusCode::CREATED, Json(task)))
}

async fn get_task(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Json<Task>, AppError> {
    Ok(Json(UserScope::new(&state.db, &user).get_task(&id).await?))
}

async fn update_task(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<TaskPatchInput>,
) -> Result<Json<Task>, AppError> {
    let patch = TaskPatch::from_input(input)?;
    Ok(Json(UserScope::new(&state.db, &user).update_task(&id, patch).await?))
}

async fn delete_task(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    UserScope::new(&state.db, &user).delete_task(&id).await?;
    Ok(StatusCode::NO_CONTENT)
}
