//! Projects, through the user's scope. Every user has exactly one Inbox (made with the account),
//! which cannot be renamed, archived or deleted; names are unique per user ignoring case (a
//! unique index on the lower-cased name). A project id of another user is NotFound on a path
//! and, named in a task's body, a 422 naming the field — the same answer as for an id that
//! does not exist.
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set, TransactionTrait,
};

use super::entities::{projects, tasks};
use super::reader::FromSqlite;
use super::{db_err, is_unique_violation, new_id, UserScope};
use crate::domain::project::{Project, ProjectName, ProjectPatch, INBOX_NAME};
use crate::error::AppError;
use crate::server::events::{Action, Kind};
use crate::server::now_millis;

fn at(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn to_project(m: projects::Model, open_count: u64) -> Project {
    Project {
        id: m.id,
        name: m.name,
        is_inbox: m.is_inbox,
        archived: m.archived,
        open_count,
        created_at: at(m.created_at),
        updated_at: at(m.updated_at),
    }
}

fn taken() -> AppError {
    AppError::Conflict {
        message: "You already have a project with this name.".into(),
    }
}

fn inbox_is_fixed(what: &str) -> AppError {
    AppError::Conflict {
        message: format!("The Inbox cannot be {what}."),
    }
}

/// The Inbox's row, for a user being created (inside that transaction).
pub(crate) async fn create_inbox(conn: &impl ConnectionTrait, user_id: &str, now: i64) -> Result<(), AppError> {
    projects::ActiveModel {
        id: Set(new_id()),
        user_id: Set(user_id.to_owned()),
        name: Set(INBOX_NAME.to_owned()),
        name_key: Set(INBOX_NAME.to_lowercase()),
        is_inbox: Set(true),
        archived: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await
    .map_err(db_err)?;
    Ok(())
}

/// Open tasks per project, as the aggregate query reads them.
#[derive(Debug, sea_orm::FromQueryResult)]
pub(crate) struct OpenCount {
    pub project_id: String,
    pub open: i64,
}

impl FromSqlite for OpenCount {
    const COLUMNS: usize = 2;
    fn from_sqlite(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Self> {
        Ok(Self {
            project_id: row.get(at)?,
            open: row.get(at + 1)?,
        })
    }
}

impl UserScope<'_> {
    fn own_project(&self, id: &str) -> sea_orm::Select<projects::Entity> {
        projects::Entity::find()
            .filter(projects::Column::Id.eq(id))
            .filter(projects::Column::UserId.eq(self.user_id))
    }

    /// Open tasks per project of the user (only projects with any).
    async fn open_counts(&self, only: Option<&str>) -> Result<Vec<OpenCount>, AppError> {
        let mut select = tasks::Entity::find()
            .select_only()
            .column(tasks::Column::ProjectId)
            .column_as(tasks::Column::Id.count(), "open")
            .filter(tasks::Column::UserId.eq(self.user_id))
            .filter(tasks::Column::Completed.eq(false))
            .group_by(tasks::Column::ProjectId);
        if let Some(id) = only {
            select = select.filter(tasks::Column::ProjectId.eq(id));
        }
        self.db.all_into(select).await
    }

    /// The id of the user's Inbox.
    pub async fn inbox_id(&self) -> Result<String, AppError> {
        self.db
            .one(
                projects::Entity::find()
                    .filter(projects::Column::UserId.eq(self.user_id))
                    .filter(projects::Column::IsInbox.eq(true)),
            )
            .await?
            .map(|p| p.id)
            .ok_or_else(|| {
                tracing::error!("a user without an Inbox");
                AppError::Internal
            })
    }

    /// The user's Inbox.
    pub async fn inbox(&self) -> Result<Project, AppError> {
        let model = self
            .db
            .one(
                projects::Entity::find()
                    .filter(projects::Column::UserId.eq(self.user_id))
                    .filter(projects::Column::IsInbox.eq(true)),
            )
            .await?
            .ok_or_else(|| {
                tracing::error!("a user without an Inbox");
                AppError::Internal
            })?;
        let open = self.open_counts(Some(&model.id)).await?;
        Ok(to_project(model, open.first().map_or(0, |c| c.open as u64)))
    }

    /// The user's projects, the Inbox first, then by name; archived ones, or the others.
    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn list_projects(&self, archived: bool) -> Result<Vec<Project>, AppError> {
        let rows = self
            .db
            .all(
                projects::Entity::find()
                    .filter(projects::Column::UserId.eq(self.user_id))
                    .filter(projects::Column::Archived.eq(archived))
                    .order_by_desc(projects::Column::IsInbox)
                    .order_by_asc(projects::Column::NameKey)
                    .order_by_asc(projects::Column::Id),
            )
            .await?;
        let counts = self.open_counts(None).await?;
        Ok(rows
            .into_iter()
            .map(|m| {
                let open = counts
                    .iter()
                    .find(|c| c.project_id == m.id)
                    .map_or(0, |c| c.open as u64);
                to_project(m, open)
            })
            .collect())
    }

    pub async fn get_project(&self, id: &str) -> Result<Project, AppError> {
        let model = self.db.one(self.own_project(id)).await?.ok_or(AppError::NotFound)?;
        let open = self.open_counts(Some(&model.id)).await?;
        Ok(to_project(model, open.first().map_or(0, |c| c.open as u64)))
    }

    /// The project a body names by id: one of the user's, or a 422 naming `field`.
    pub(crate) async fn project_for_field(&self, field: &str, id: &str) -> Result<projects::Model, AppError> {
        self.db
            .one(self.own_project(id))
            .await?
            .ok_or_else(|| AppError::validation(field, format!("{field} is not one of your projects.")))
    }

    /// The project a task is put in (`project_id`): the user's, and not archived — a task added
    /// there would vanish from every list the user sees.
    pub(crate) async fn open_project_for_field(&self, id: &str) -> Result<projects::Model, AppError> {
        let project = self.project_for_field("project_id", id).await?;
        if project.archived {
            return Err(AppError::validation(
                "project_id",
                format!("“{}” is archived. Restore it first to put tasks in it.", project.name),
            ));
        }
        Ok(project)
    }

    /// The user's project with this name (ignoring case, `-`/`_` as spaces), archived or not.
    pub async fn find_project_by_name(&self, name: &str) -> Result<Option<Project>, AppError> {
        let key = crate::domain::project::project_key_from_words(name);
        if key.is_empty() {
            return Ok(None);
        }
        let model = self
            .db
            .one(
                projects::Entity::find()
                    .filter(projects::Column::UserId.eq(self.user_id))
                    .filter(projects::Column::NameKey.eq(key)),
            )
            .await?;
        match model {
            Some(m) => Ok(Some(self.get_project(&m.id).await?)),
            None => Ok(None),
        }
    }

    /// How many projects the user has (the Inbox and archived ones included).
    pub async fn count_projects(&self) -> Result<u64, AppError> {
        projects::Entity::find()
            .filter(projects::Column::UserId.eq(self.user_id))
            .count(self.conn())
            .await
            .map_err(db_err)
    }

    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn create_project(&self, name: ProjectName) -> Result<Project, AppError> {
        let limit = self.db.quotas.projects;
        if limit > 0 && self.count_projects().await? >= limit {
            return Err(crate::server::quotas::over_count("projects", limit));
        }
        let now = now_millis();
        let model = projects::ActiveModel {
            id: Set(new_id()),
            user_id: Set(self.user_id.to_owned()),
            name_key: Set(name.key()),
            name: Set(name.into_inner()),
            is_inbox: Set(false),
            archived: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(self.conn())
        .await
        .map_err(|e| if is_unique_violation(&e) { taken() } else { db_err(e) })?;
        self.announce(Kind::Project, Action::Created, Some(&model.id)).await;
        Ok(to_project(model, 0))
    }

    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn update_project(&self, id: &str, patch: ProjectPatch) -> Result<Project, AppError> {
        let existing = self.db.one(self.own_project(id)).await?.ok_or(AppError::NotFound)?;
        if existing.is_inbox {
            if patch.name.as_ref().is_some_and(|n| n.as_str() != existing.name) {
                return Err(inbox_is_fixed("renamed"));
            }
            if patch.archived == Some(true) {
                return Err(inbox_is_fixed("archived"));
            }
        }
        let mut update = projects::Entity::update_many()
            .col_expr(projects::Column::UpdatedAt, Expr::value(now_millis()))
            .filter(projects::Column::Id.eq(id))
            .filter(projects::Column::UserId.eq(self.user_id));
        if let Some(name) = &patch.name {
            update = update
                .col_expr(projects::Column::Name, Expr::value(name.as_str()))
                .col_expr(projects::Column::NameKey, Expr::value(name.key()));
        }
        if let Some(archived) = patch.archived {
            update = update.col_expr(projects::Column::Archived, Expr::value(archived));
        }
        let result =
            update
                .exec(self.conn())
                .await
                .map_err(|e| if is_unique_violation(&e) { taken() } else { db_err(e) })?;
        if result.rows_affected == 0 {
            return Err(AppError::NotFound);
        }
        self.announce(Kind::Project, Action::Updated, Some(id)).await;
        self.get_project(id).await
    }

    /// How many tasks a project holds (subtasks and done ones included): what deleting it takes.
    pub async fn count_project_tasks(&self, id: &str) -> Result<u64, AppError> {
        self.db.one(self.own_project(id)).await?.ok_or(AppError::NotFound)?;
        tasks::Entity::find()
            .filter(tasks::Column::UserId.eq(self.user_id))
            .filter(tasks::Column::ProjectId.eq(id))
            .count(self.conn())
            .await
            .map_err(db_err)
    }

    /// Deletes a project and every task in it, in one transaction; returns how many tasks went.
    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn delete_project(&self, id: &str) -> Result<u64, AppError> {
        let txn = self.conn().begin().await.map_err(db_err)?;
        // the write first: it takes SQLite's write lock before anything is read
        let removed = projects::Entity::delete_many()
            .filter(projects::Column::Id.eq(id))
            .filter(projects::Column::UserId.eq(self.user_id))
            .filter(projects::Column::IsInbox.eq(false))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        if removed.rows_affected == 0 {
            let inbox = self.db.one(self.own_project(id)).await?.is_some_and(|p| p.is_inbox);
            return Err(if inbox {
                inbox_is_fixed("deleted")
            } else {
                AppError::NotFound
            });
        }
        let tasks = tasks::Entity::delete_many()
            .filter(tasks::Column::UserId.eq(self.user_id))
            .filter(tasks::Column::ProjectId.eq(id))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        txn.commit().await.map_err(db_err)?;
        self.announce(Kind::Project, Action::Deleted, Some(id)).await;
        if tasks.rows_affected > 0 {
            self.announce(Kind::Task, Action::Deleted, None).await;
        }
        Ok(tasks.rows_affected)
    }
}
