//! `/api/v1/projects`: list (the Inbox first, then by name), create, get, rename or archive,
//! delete (its tasks go with it).
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use super::{ApiJson, ApiQuery, ErrorBody, QueryFields};
use crate::domain::project::{Project, ProjectInput, ProjectList, ProjectName, ProjectPatch, ProjectPatchInput};
use crate::error::AppError;
use crate::server::auth::CurrentUser;
use crate::server::repo::UserScope;
use crate::server::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/projects", get(list_projects).post(create_project))
        .route(
            "/projects/{id}",
            get(get_project).patch(update_project).delete(delete_project),
        )
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ProjectsQuery {
    /// true: only archived projects; false (the default): the others.
    archived: Option<bool>,
}

impl QueryFields for ProjectsQuery {
    const FIELDS: &'static [&'static str] = &["archived"];
}

#[utoipa::path(get, path = "/api/v1/projects", tag = "projects", params(ProjectsQuery),
    responses((status = 200, body = ProjectList), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn list_projects(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiQuery(query): ApiQuery<ProjectsQuery>,
) -> Result<ApiJson<ProjectList>, AppError> {
    let items = UserScope::new(&state.db, &user)
        .list_projects(query.archived.unwrap_or(false))
        .await?;
    Ok(ApiJson(ProjectList { items }))
}

#[utoipa::path(post, path = "/api/v1/projects", tag = "projects", request_body = ProjectInput,
    responses((status = 201, body = Project), (status = 409, description = "The name is taken, or the project quota is used up", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub(super) async fn create_project(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<ProjectInput>,
) -> Result<(StatusCode, ApiJson<Project>), AppError> {
    let name = ProjectName::parse(&input.name)?;
    let project = UserScope::new(&state.db, &user).create_project(name).await?;
    Ok((StatusCode::CREATED, ApiJson(project)))
}

#[utoipa::path(get, path = "/api/v1/projects/{id}", tag = "projects", params(("id" = String, Path)),
    responses((status = 200, body = Project), (status = 404, body = ErrorBody)))]
pub(super) async fn get_project(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<ApiJson<Project>, AppError> {
    Ok(ApiJson(UserScope::new(&state.db, &user).get_project(&id).await?))
}

#[utoipa::path(patch, path = "/api/v1/projects/{id}", tag = "projects", params(("id" = String, Path)), request_body = ProjectPatchInput,
    responses((status = 200, body = Project), (status = 404, body = ErrorBody),
        (status = 409, description = "The name is taken, or this is the Inbox", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub(super) async fn update_project(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ProjectPatchInput>,
) -> Result<ApiJson<Project>, AppError> {
    let patch = ProjectPatch::from_input(input)?;
    Ok(ApiJson(
        UserScope::new(&state.db, &user).update_project(&id, patch).await?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/projects/{id}", tag = "projects", params(("id" = String, Path)),
    responses((status = 204, description = "The project and all its tasks are gone"), (status = 404, body = ErrorBody),
        (status = 409, description = "The Inbox cannot be deleted", body = ErrorBody)))]
pub(super) async fn delete_project(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    UserScope::new(&state.db, &user).delete_project(&id).await?;
    Ok(StatusCode::NO_CONTENT)
}
