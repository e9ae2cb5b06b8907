//! Server functions for projects on the dashboard: the sidebar's list, create, rename, archive,
//! delete (after saying how many tasks go with it).
use leptos::prelude::*;

use crate::domain::project::Project;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use super::context::{self as cx, respond};
#[cfg(feature = "ssr")]
use crate::domain::project::{ProjectName, ProjectPatch};
#[cfg(feature = "ssr")]
use crate::server::repo::UserScope;

/// The sidebar's projects: the Inbox first, then by name; archived ones apart.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProjectLists {
    pub active: Vec<Project>,
    pub archived: Vec<Project>,
}

#[server(endpoint = "sidebar_projects")]
pub async fn sidebar_projects() -> Result<ProjectLists, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let scope = UserScope::new(&state.db, &user);
        Ok(ProjectLists {
            active: scope.list_projects(false).await?,
            archived: scope.list_projects(true).await?,
        })
    })
    .await
}

#[cfg(feature = "ssr")]
fn project_path(id: &str) -> String {
    format!("/tasks?project={}", crate::domain::encode_query_value(id))
}

/// Creates a project and opens it.
#[server(endpoint = "create_project")]
pub async fn create_project(name: String) -> Result<Project, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let project = UserScope::new(&state.db, &user)
            .create_project(ProjectName::parse(&name)?)
            .await?;
        cx::redirect(&project_path(&project.id));
        Ok(project)
    })
    .await
}

#[server(endpoint = "rename_project")]
pub async fn rename_project(id: String, name: String) -> Result<Project, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let patch = ProjectPatch {
            name: Some(ProjectName::parse(&name)?),
            archived: None,
        };
        let project = UserScope::new(&state.db, &user).update_project(&id, patch).await?;
        cx::redirect(&project_path(&project.id));
        Ok(project)
    })
    .await
}

#[server(endpoint = "set_project_archived")]
pub async fn set_project_archived(id: String, archived: bool) -> Result<Project, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let patch = ProjectPatch {
            name: None,
            archived: Some(archived),
        };
        let project = UserScope::new(&state.db, &user).update_project(&id, patch).await?;
        cx::redirect(&project_path(&project.id));
        Ok(project)
    })
    .await
}

/// How many tasks deleting the project would take (asked before deleting).
#[server(endpoint = "project_task_count")]
pub async fn project_task_count(id: String) -> Result<u64, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        UserScope::new(&state.db, &user).count_project_tasks(&id).await
    })
    .await
}

/// Deletes the project and its tasks, then goes to the Inbox, which says what went
/// (`?deleted=<name>&n=<tasks>`).
#[server(endpoint = "delete_project")]
pub async fn delete_project(id: String) -> Result<u64, AppError> {
    respond(async {
        let (state, user) = cx::user().await?;
        let scope = UserScope::new(&state.db, &user);
        let name = scope.get_project(&id).await?.name;
        let deleted = scope.delete_project(&id).await?;
        let said: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("deleted", &name)
            .append_pair("n", &deleted.to_string())
            .finish();
        cx::redirect(&format!("/tasks?{said}"));
        Ok(deleted)
    })
    .await
}
