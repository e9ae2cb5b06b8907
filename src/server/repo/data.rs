//! A user's data, out and in. Export reads everything the user owns (never credentials);
//! import writes a checked plan in one transaction — all of it or nothing.
use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};

use super::entities::{conversations, messages, projects, tasks};
use super::{db_err, millis_to_rfc3339, new_id, UserScope};
use crate::domain::chat::Role;
use crate::domain::export::{ExportConversation, ExportMessage, ExportProject, ExportTask, ImportCounts};
use crate::domain::project::ProjectName;
use crate::domain::reminder;
use crate::domain::task::{search_key, Priority, TaskDraft};
use crate::error::AppError;
use crate::server::events::{Action, Kind};
use crate::server::now_millis;

fn at(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// Everything the user owns, for the export document.
pub struct Owned {
    pub projects: Vec<ExportProject>,
    pub tasks: Vec<ExportTask>,
    pub conversations: Vec<ExportConversation>,
}

/// A project to import: `key` is how the plan's tasks name it.
pub struct PlanProject {
    pub key: String,
    pub name: ProjectName,
    pub is_inbox: bool,
    pub archived: bool,
}

/// A task to import, parsed; `parent_key` names an earlier task of the plan.
pub struct PlanTask {
    pub key: String,
    pub project_key: String,
    pub parent_key: Option<String>,
    pub draft: TaskDraft,
    pub completed_at: Option<i64>,
    pub created_at: Option<i64>,
}

pub struct PlanConversation {
    pub title: String,
    /// When it was started (an export says; a conversation without one starts at its first
    /// message).
    pub created_at: Option<i64>,
    pub messages: Vec<(Role, String, i64)>,
}

/// What an import writes, every field already parsed and every reference checked.
#[derive(Default)]
pub struct ImportPlan {
    pub projects: Vec<PlanProject>,
    /// Parents before their subtasks.
    pub tasks: Vec<PlanTask>,
    pub conversations: Vec<PlanConversation>,
    /// A project the plan must create: its name may not be taken (the Todoist import).
    pub must_create: Option<String>,
}

impl UserScope<'_> {
    /// Everything the user owns: projects, tasks (parents first), conversations with messages.
    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn export_owned(&self) -> Result<Owned, AppError> {
        let projects = projects::Entity::find()
            .filter(projects::Column::UserId.eq(self.user_id))
            .order_by_desc(projects::Column::IsInbox)
            .order_by_asc(projects::Column::NameKey)
            .all(self.conn())
            .await
            .map_err(db_err)?;
        let rows = tasks::Entity::find()
            .filter(tasks::Column::UserId.eq(self.user_id))
            .order_by_asc(tasks::Column::CreatedAt)
            .order_by_asc(tasks::Column::Id)
            .all(self.conn())
            .await
            .map_err(db_err)?;
        let conversations = conversations::Entity::find()
            .filter(conversations::Column::UserId.eq(self.user_id))
            .order_by_asc(conversations::Column::CreatedAt)
            .all(self.conn())
            .await
            .map_err(db_err)?;
        let mut messages_by: HashMap<String, Vec<ExportMessage>> = HashMap::new();
        for m in messages::Entity::find()
            .filter(messages::Column::UserId.eq(self.user_id))
            .order_by_asc(messages::Column::CreatedAt)
            .order_by_asc(messages::Column::Id)
            .all(self.conn())
            .await
            .map_err(db_err)?
        {
            messages_by
                .entry(m.conversation_id.clone())
                .or_default()
                .push(ExportMessage {
                    role: if m.role == "user" { Role::User } else { Role::Assistant },
                    content: m.content,
                    created_at: millis_to_rfc3339(m.created_at),
                });
        }
        Ok(Owned {
            projects: projects
                .into_iter()
                .map(|p| ExportProject {
                    id: p.id,
                    name: p.name,
                    is_inbox: p.is_inbox,
                    archived: p.archived,
                })
                .collect(),
            tasks: parents_first(rows)
                .into_iter()
                .map(|t| ExportTask {
                    recurrence: super::tasks::recurrence_of(&t),
                    reminders: Some(
                        reminder::read_stored(&t.reminders)
                            .iter()
                            .map(|r| r.spec.into())
                            .collect(),
                    ),
                    id: t.id,
                    project_id: t.project_id,
                    parent_id: t.parent_id,
                    title: t.title,
                    description: t.description,
                    completed: t.completed,
                    priority: Priority::from_rank(t.priority),
                    due_at: t.due_at.map(at),
                    tags: t.tags.split_whitespace().map(str::to_owned).collect(),
                    completed_at: t.completed_at.map(at),
                    created_at: at(t.created_at),
                })
                .collect(),
            conversations: conversations
                .into_iter()
                .map(|c| ExportConversation {
                    messages: messages_by.remove(&c.id).unwrap_or_default(),
                    title: c.title,
                    created_at: millis_to_rfc3339(c.created_at),
                })
                .collect(),
        })
    }

    /// Writes a checked plan in one transaction. Projects of the plan that the user already has
    /// (by name, ignoring case; the Inbox always) are used, not made again. Quotas count what
    /// the plan would add.
    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn import(&self, plan: ImportPlan) -> Result<ImportCounts, AppError> {
        let existing = self
            .list_projects(false)
            .await?
            .into_iter()
            .chain(self.list_projects(true).await?);
        let by_key: HashMap<String, String> = existing.map(|p| (p.name.to_lowercase(), p.id)).collect();
        if let Some(name) = &plan.must_create {
            if by_key.contains_key(&name.to_lowercase()) {
                return Err(AppError::Conflict {
                    message: format!("You already have a project called “{name}”: choose another name for the import."),
                });
            }
        }
        let inbox = self.inbox_id().await?;
        let new_projects = plan
            .projects
            .iter()
            .filter(|p| !p.is_inbox && !by_key.contains_key(&p.name.key()))
            .count() as u64;
        let quotas = self.db.quotas;
        if quotas.projects > 0 && self.count_projects().await? + new_projects > quotas.projects {
            return Err(crate::server::quotas::over_count("projects", quotas.projects));
        }
        self.check_task_quota(plan.tasks.len() as u64).await?;
        if quotas.conversations > 0
            && self.count_conversations().await? + plan.conversations.len() as u64 > quotas.conversations
        {
            return Err(crate::server::quotas::over_count("conversations", quotas.conversations));
        }

        let now = now_millis();
        let mut counts = ImportCounts::default();
        let txn = self.conn().begin().await.map_err(db_err)?;
        if sea_orm::ConnectionTrait::get_database_backend(&txn) == sea_orm::DbBackend::Sqlite {
            // a write first: SQLite takes its write lock now. Read first (the tasks already here),
            // the transaction could not write once another connection had written meanwhile
            // (a busy snapshot, answered at once as "unavailable": seen in the test command)
            tasks::Entity::delete_many()
                .filter(tasks::Column::Id.eq(""))
                .exec(&txn)
                .await
                .map_err(db_err)?;
        }
        let mut project_ids: HashMap<String, String> = HashMap::new();
        for p in plan.projects {
            let id = if p.is_inbox {
                inbox.clone()
            } else if let Some(id) = by_key.get(&p.name.key()) {
                id.clone()
            } else {
                let id = new_id();
                projects::ActiveModel {
                    id: Set(id.clone()),
                    user_id: Set(self.user_id.to_owned()),
                    name_key: Set(p.name.key()),
                    name: Set(p.name.into_inner()),
                    is_inbox: Set(false),
                    archived: Set(p.archived),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(&txn)
                .await
                .map_err(db_err)?;
                counts.projects += 1;
                id
            };
            project_ids.insert(p.key, id);
        }
        // the plan's keys: the task's id here and its project
        let mut task_ids: HashMap<String, (String, String)> = HashMap::new();
        // an export imported again: a task already here (the same title, created at the same
        // instant) is left out, and its subtasks that are new go under the one here
        let here: HashMap<(String, i64), (String, String)> = if plan.tasks.iter().any(|t| t.created_at.is_some()) {
            tasks::Entity::find()
                .filter(tasks::Column::UserId.eq(self.user_id))
                .all(&txn)
                .await
                .map_err(db_err)?
                .into_iter()
                .map(|r| ((r.title_key, r.created_at), (r.id, r.project_id)))
                .collect()
        } else {
            HashMap::new()
        };
        for (i, t) in plan.tasks.into_iter().enumerate() {
            let known = t
                .created_at
                .and_then(|at| here.get(&(t.draft.title.as_str().to_lowercase(), at)));
            if let Some((id, project)) = known {
                task_ids.insert(t.key, (id.clone(), project.clone()));
                counts.skipped += 1;
                continue;
            }
            let id = new_id();
            let parent = t.parent_key.as_ref().and_then(|k| task_ids.get(k)).cloned();
            // a subtask goes where its parent is (one already here may have moved since)
            let project_id = match &parent {
                Some((_, project)) => project.clone(),
                None => project_ids
                    .get(&t.project_key)
                    .cloned()
                    .unwrap_or_else(|| inbox.clone()),
            };
            let parent_id = parent.map(|(id, _)| id);
            // a recurring task without a due date gets its first occurrence from now
            let due_at = match (&t.draft.recurrence, t.draft.due_at) {
                (Some(spec), None) => crate::server::recurrence::first_due(spec, None, self.tz, chrono::Utc::now()),
                (_, due) => due,
            };
            let title = t.draft.title.into_inner();
            let description = t.draft.description.into_inner();
            // keep the exported order within one millisecond's worth of new rows
            let created_at = t.created_at.unwrap_or(now + i as i64);
            let reminders = self
                .first_reminders(t.draft.reminders.as_deref(), due_at.map(|d| d.timestamp_millis()), now)
                .map_err(|e| match e {
                    AppError::Validation { message, .. } => {
                        AppError::validation(&format!("tasks[{}].reminders", t.key), message)
                    }
                    other => other,
                })?;
            tasks::ActiveModel {
                next_reminder_at: Set(reminder::next_fire_at(&reminders)),
                reminders: Set(reminder::write_stored(&reminders)),
                id: Set(id.clone()),
                user_id: Set(self.user_id.to_owned()),
                title_key: Set(title.to_lowercase()),
                search_key: Set(search_key(&title, &description)),
                title: Set(title),
                description: Set(description),
                completed: Set(t.completed_at.is_some()),
                completed_at: Set(t.completed_at),
                priority: Set(t.draft.priority.rank()),
                due_at: Set(due_at.map(|d| d.timestamp_millis())),
                tags: Set(super::tasks::tags_column(t.draft.tags.as_slice())),
                created_at: Set(created_at),
                updated_at: Set(now),
                project_id: Set(project_id.clone()),
                parent_id: Set(parent_id),
                recurrence_rule: Set(t.draft.recurrence.as_ref().map(|r| r.rule.to_string())),
                recurrence_from: Set(t.draft.recurrence.as_ref().map(|r| r.from.as_str().to_owned())),
                recurrence_anchor: Set(t.draft.recurrence.as_ref().and(due_at).map(|d| d.timestamp_millis())),
            }
            .insert(&txn)
            .await
            .map_err(db_err)?;
            task_ids.insert(t.key, (id, project_id));
            counts.tasks += 1;
        }
        let talked: std::collections::HashSet<(String, i64)> = if plan.conversations.is_empty() {
            Default::default()
        } else {
            conversations::Entity::find()
                .filter(conversations::Column::UserId.eq(self.user_id))
                .all(&txn)
                .await
                .map_err(db_err)?
                .into_iter()
                .map(|c| (c.title, c.created_at))
                .collect()
        };
        for c in plan.conversations {
            let started = c.created_at.or(c.messages.first().map(|m| m.2)).unwrap_or(now);
            if talked.contains(&(c.title.clone(), started)) {
                counts.skipped += 1;
                continue;
            }
            let id = new_id();
            let last = c.messages.last().map_or(now, |m| m.2);
            conversations::ActiveModel {
                id: Set(id.clone()),
                user_id: Set(self.user_id.to_owned()),
                title: Set(c.title),
                state: Set("{}".to_owned()),
                created_at: Set(started),
                updated_at: Set(last),
            }
            .insert(&txn)
            .await
            .map_err(db_err)?;
            counts.conversations += 1;
            for (role, content, created_at) in c.messages {
                messages::ActiveModel {
                    id: Set(new_id()),
                    conversation_id: Set(id.clone()),
                    user_id: Set(self.user_id.to_owned()),
                    role: Set(role.as_str().to_owned()),
                    content: Set(content),
                    tool_payload: Set(None),
                    actions: Set("[]".to_owned()),
                    created_at: Set(created_at),
                }
                .insert(&txn)
                .await
                .map_err(db_err)?;
                counts.messages += 1;
            }
        }
        txn.commit().await.map_err(db_err)?;
        self.announce(Kind::Project, Action::Created, None).await;
        self.announce(Kind::Task, Action::Created, None).await;
        Ok(counts)
    }
}

/// Orders rows so that each parent comes before its subtasks (roots in creation order).
fn parents_first(rows: Vec<tasks::Model>) -> Vec<tasks::Model> {
    let ids: std::collections::HashSet<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut children: HashMap<Option<String>, Vec<tasks::Model>> = HashMap::new();
    for row in rows {
        // a parent that is not there (never expected) makes its child a root
        let parent = row.parent_id.clone().filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(row);
    }
    let mut out = Vec::new();
    let mut stack: Vec<tasks::Model> = children.remove(&None).unwrap_or_default();
    stack.reverse();
    while let Some(row) = stack.pop() {
        let mut below = children.remove(&Some(row.id.clone())).unwrap_or_default();
        below.reverse();
        out.push(row);
        stack.extend(below);
    }
    out
}
