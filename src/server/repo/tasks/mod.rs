//! Tasks, always through the user's scope: every query filters on the user, and update and
//! delete filter on (id, user_id), answering NotFound alike for "missing" and "someone else's".
//! Every task is in one of the user's projects and may be a subtask (`tree` holds those
//! rules). The list is in `list`, delete and Undo in `trash`, deleting many at once in `bulk`.
mod bulk;
mod completions;
mod list;
mod trash;
mod tree;

pub use trash::{sweep as sweep_trash, TRASH_KEEP_MS};

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QuerySelect, Set,
    TransactionTrait,
};

use super::entities::tasks;
use super::reader::FromSqlite;
use super::{db_err, new_id, UserScope};
use crate::domain::recurrence::RecurrenceSpec;
use crate::domain::reminder::{self, ReminderSpec, StoredReminder};
use crate::domain::task::{search_key, Priority, SubtaskCount, Task, TaskDraft, TaskPatch};
use crate::error::AppError;
use crate::server::events::{Action, Kind};
use crate::server::now_millis;
use crate::server::tasks::reminder_moved;

/// The instants a due filter needs, in the user's time zone, as Unix milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct DueBounds {
    pub now: i64,
    pub today_start: i64,
    pub tomorrow_start: i64,
    pub day_after_tomorrow_start: i64,
    /// The start of next Monday: "this week" runs from today to the end of Sunday.
    pub next_week_start: i64,
    /// The start of the day a week from today: "the next 7 days" are today and six more.
    pub in_seven_days_start: i64,
    /// Due in `[from, to)` as well, whatever the query's filter: days the assistant was asked
    /// about ("what's due on friday?").
    pub span: Option<(i64, i64)>,
    /// Completed in `[from, to)` as well: "what did I finish yesterday?".
    pub done_span: Option<(i64, i64)>,
}

fn ms(at: chrono::DateTime<chrono::Utc>) -> i64 {
    at.timestamp_millis()
}

fn at(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn at_opt(ms: Option<i64>) -> Option<chrono::DateTime<chrono::Utc>> {
    ms.map(at)
}

/// Tags are stored as " a b c " so `LIKE '% a %'` finds one in SQL on both databases.
pub(crate) fn tags_column(tags: &[String]) -> String {
    if tags.is_empty() {
        " ".to_owned()
    } else {
        format!(" {} ", tags.join(" "))
    }
}

pub(crate) fn to_task(m: tasks::Model) -> Task {
    Task {
        id: m.id,
        title: m.title,
        description: m.description,
        completed: m.completed,
        priority: Priority::from_rank(m.priority),
        due_at: m.due_at.map(at),
        tags: m.tags.split_whitespace().map(str::to_owned).collect(),
        created_at: at(m.created_at),
        updated_at: at(m.updated_at),
        completed_at: m.completed_at.map(at),
        recurrence: m
            .recurrence_rule
            .as_deref()
            .and_then(|rule| RecurrenceSpec::from_stored(rule, m.recurrence_from.as_deref().unwrap_or_default()))
            .map(|spec| spec.to_wire()),
        reminders: reminder::read_stored(&m.reminders)
            .iter()
            .map(StoredReminder::to_wire)
            .collect(),
        project_id: m.project_id,
        parent_id: m.parent_id,
        subtasks: SubtaskCount::default(),
    }
}

/// A due date without a time of day (its day's end, in the user's zone): no default reminder.
fn is_date_only(due: i64, tz: chrono_tz::Tz) -> bool {
    at(due).with_timezone(&tz).time() == crate::domain::quick_add::end_of_day()
}

fn needs_due() -> AppError {
    AppError::validation("reminders", "A reminder before the due date needs a due date.")
}

/// The stored recurrence of a row, as the wire shows it.
pub(crate) fn recurrence_of(m: &tasks::Model) -> Option<crate::domain::recurrence::Recurrence> {
    spec_of(m).map(|spec| spec.to_wire())
}

/// The stored recurrence of a row, parsed.
fn spec_of(m: &tasks::Model) -> Option<RecurrenceSpec> {
    RecurrenceSpec::from_stored(
        m.recurrence_rule.as_deref()?,
        m.recurrence_from.as_deref().unwrap_or_default(),
    )
}

fn no_occurrence() -> AppError {
    AppError::validation(
        "recurrence",
        "This rule has no occurrence from now on (check COUNT and UNTIL).",
    )
}

/// Direct subtasks per parent, as the aggregate query reads them.
#[derive(Debug, sea_orm::FromQueryResult)]
pub(crate) struct ChildCount {
    pub parent_id: String,
    pub total: i64,
    pub done: i64,
}

impl FromSqlite for ChildCount {
    const COLUMNS: usize = 3;
    fn from_sqlite(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Self> {
        Ok(Self {
            parent_id: row.get(at)?,
            total: row.get(at + 1)?,
            done: row.get(at + 2)?,
        })
    }
}

fn stale() -> AppError {
    AppError::Conflict {
        message: "This task was changed elsewhere after you opened it. Reload to see the change, then edit again."
            .into(),
    }
}

impl UserScope<'_> {
    fn find_own(&self, id: &str) -> sea_orm::Select<tasks::Entity> {
        tasks::Entity::find()
            .filter(tasks::Column::Id.eq(id))
            .filter(tasks::Column::UserId.eq(self.user_id))
    }

    /// Fills in `subtasks` (direct subtasks, and how many are done) with one query.
    pub(crate) async fn with_subtask_counts(&self, mut tasks: Vec<Task>) -> Result<Vec<Task>, AppError> {
        if tasks.is_empty() {
            return Ok(tasks);
        }
        let ids: Vec<String> = tasks.iter().map(|t| t.id.clone()).collect();
        let counts: Vec<ChildCount> = self
            .db
            .all_into(
                tasks::Entity::find()
                    .select_only()
                    .column(tasks::Column::ParentId)
                    .column_as(tasks::Column::Id.count(), "total")
                    .column_as(Expr::cust("SUM(CASE WHEN completed THEN 1 ELSE 0 END)"), "done")
                    .filter(tasks::Column::UserId.eq(self.user_id))
                    .filter(tasks::Column::ParentId.is_in(ids))
                    .group_by(tasks::Column::ParentId),
            )
            .await?;
        for task in &mut tasks {
            if let Some(c) = counts.iter().find(|c| c.parent_id == task.id) {
                task.subtasks = SubtaskCount {
                    total: u64::try_from(c.total).unwrap_or(0),
                    done: u64::try_from(c.done).unwrap_or(0),
                };
            }
        }
        Ok(tasks)
    }

    /// Creates a task in the project the draft names (the parent's, or the Inbox, when it names
    /// none), under the parent it names.
    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn create_task(&self, draft: TaskDraft) -> Result<Task, AppError> {
        self.check_task_quota(1).await?;
        let project_id = match (&draft.project_id, &draft.parent_id) {
            (Some(id), _) => self.open_project_for_field(id).await?.id,
            (None, Some(parent)) => self
                .db
                .one(self.find_own(parent))
                .await?
                .map(|p| p.project_id)
                .ok_or_else(|| AppError::validation("parent_id", "parent_id is not one of your tasks."))?,
            (None, None) => self.inbox_id().await?,
        };
        if let Some(parent) = &draft.parent_id {
            self.check_parent(parent, &project_id, None, 1).await?;
        }
        let parent_id = draft.parent_id.clone();
        let task = self.insert_task(new_id(), draft, project_id, parent_id).await?;
        self.announce(Kind::Task, Action::Created, Some(&task.id)).await;
        Ok(task)
    }

    /// The reminders of a new task: those it names, or the user's default for a task with a due
    /// time.
    pub(crate) fn first_reminders(
        &self,
        named: Option<&[ReminderSpec]>,
        due: Option<i64>,
        now: i64,
    ) -> Result<Vec<StoredReminder>, AppError> {
        let specs: Vec<ReminderSpec> = match named {
            Some(specs) => specs.to_vec(),
            None => match (self.default_reminder, due) {
                (Some(m), Some(due)) if !is_date_only(due, self.tz) => vec![ReminderSpec::Before(m)],
                _ => vec![],
            },
        };
        if due.is_none() && specs.iter().any(|s| matches!(s, ReminderSpec::Before(_))) {
            return Err(needs_due());
        }
        Ok(reminder::reset(&[], &specs, due, now, new_id))
    }

    /// Refuses when `more` tasks would take the user past `QUOTA_TASKS`.
    pub(crate) async fn check_task_quota(&self, more: u64) -> Result<(), AppError> {
        let limit = self.db.quotas.tasks;
        if limit > 0 && self.count_tasks().await? + more > limit {
            return Err(crate::server::quotas::over_count("tasks", limit));
        }
        Ok(())
    }

    /// How many tasks the user has, done ones included.
    pub async fn count_tasks(&self) -> Result<u64, AppError> {
        tasks::Entity::find()
            .filter(tasks::Column::UserId.eq(self.user_id))
            .count(self.conn())
            .await
            .map_err(db_err)
    }

    async fn insert_task(
        &self,
        id: String,
        draft: TaskDraft,
        project_id: String,
        parent_id: Option<String>,
    ) -> Result<Task, AppError> {
        let now = now_millis();
        // a recurring task is due on an occurrence of its rule: the first one from its due date
        // (at that time of day), or from now when it has none
        let due_at = match &draft.recurrence {
            Some(spec) => Some(
                crate::server::recurrence::first_due(spec, draft.due_at, self.tz, chrono::Utc::now())
                    .ok_or_else(no_occurrence)?,
            ),
            None => draft.due_at,
        };
        let reminders = self.first_reminders(draft.reminders.as_deref(), due_at.map(ms), now)?;
        let title = draft.title.into_inner();
        let description = draft.description.into_inner();
        let model = tasks::ActiveModel {
            id: Set(id),
            user_id: Set(self.user_id.to_owned()),
            title_key: Set(title.to_lowercase()),
            search_key: Set(search_key(&title, &description)),
            title: Set(title),
            description: Set(description),
            completed: Set(false),
            completed_at: Set(None),
            priority: Set(draft.priority.rank()),
            due_at: Set(due_at.map(ms)),
            tags: Set(tags_column(draft.tags.as_slice())),
            created_at: Set(now),
            updated_at: Set(now),
            project_id: Set(project_id),
            parent_id: Set(parent_id),
            recurrence_rule: Set(draft.recurrence.as_ref().map(|r| r.rule.to_string())),
            recurrence_from: Set(draft.recurrence.as_ref().map(|r| r.from.as_str().to_owned())),
            recurrence_anchor: Set(draft.recurrence.as_ref().and(due_at).map(ms)),
            next_reminder_at: Set(reminder::next_fire_at(&reminders)),
            reminders: Set(reminder::write_stored(&reminders)),
        }
        .insert(self.conn())
        .await
        .map_err(db_err)?;
        Ok(to_task(model))
    }

    pub async fn get_task(&self, id: &str) -> Result<Task, AppError> {
        let task = self
            .db
            .one(self.find_own(id))
            .await?
            .map(to_task)
            .ok_or(AppError::NotFound)?;
        Ok(self.with_subtask_counts(vec![task]).await?.remove(0))
    }

    #[tracing::instrument(skip_all, fields(user_id = %self.user_id))]
    pub async fn update_task(&self, id: &str, patch: TaskPatch) -> Result<Task, AppError> {
        self.update_task_checked(id, patch, None).await
    }

    /// Like `update_task`, but only while the task is as it was at `updated_at` (Unix ms): a
    /// form opened before someone else changed the task gets a Conflict instead of silently
    /// writing back the old values.
    pub async fn update_task_if_unchanged(
        &self,
        id: &str,
        patch: TaskPatch,
        updated_at: i64,
    ) -> Result<Task, AppError> {
        self.update_task_checked(id, patch, Some(updated_at)).await
    }

    /// Applies a change. Completing a task completes its open subtasks; moving it to another
    /// project moves its subtasks with it (and, unless a new parent is given, makes it a
    /// top-level task there); a new parent is checked by [`Self::check_parent`].
    async fn update_task_checked(
        &self,
        id: &str,
        mut patch: TaskPatch,
        unchanged_since: Option<i64>,
    ) -> Result<Task, AppError> {
        let existing = self
            .find_own(id)
            .one(self.conn())
            .await
            .map_err(db_err)?
            .ok_or(AppError::NotFound)?;
        if unchanged_since.is_some_and(|at| at != existing.updated_at) {
            return Err(stale());
        }
        if patch.is_empty() {
            return self.get_task(id).await;
        }
        // a done task given a new rule to repeat by is open again: its next day is ahead (the
        // same rule again, as an edit form sends it, leaves it done)
        if patch.completed.is_none()
            && existing.completed
            && matches!(&patch.recurrence, Some(Some(spec)) if spec_of(&existing).as_ref() != Some(spec))
        {
            patch.completed = Some(false);
        }
        // where the task goes, checked before anything is written
        let project_id = match &patch.project_id {
            Some(pid) if *pid != existing.project_id => Some(self.open_project_for_field(pid).await?.id),
            _ => None,
        };
        let target_project = project_id.clone().unwrap_or_else(|| existing.project_id.clone());
        let parent_id: Option<Option<String>> = match &patch.parent_id {
            Some(Some(pid)) => {
                let height = self.height(id).await?;
                self.check_parent(pid, &target_project, Some(id), height).await?;
                Some(Some(pid.clone()))
            }
            Some(None) => Some(None),
            // a task that changes project leaves its parent behind
            None if project_id.is_some() && existing.parent_id.is_some() => Some(None),
            None => None,
        };
        let mut completing = patch.completed == Some(true) && !existing.completed;
        let was_updated_at = existing.updated_at;
        // reopening a task reopens the subtasks its completion closed (those done at its instant)
        let reopening_from = existing
            .completed_at
            .filter(|_| patch.completed == Some(false) && existing.completed);
        // how it repeats after this change, and the due date it then has
        let due_now = match patch.due_at {
            Some(due) => due.map(ms),
            None => existing.due_at,
        };
        // the same rule again (an edit form sends it every time) changes nothing: the series
        // keeps its anchor, so COUNT goes on counting from its start
        let recurrence_change = match &patch.recurrence {
            Some(Some(spec)) if spec_of(&existing).as_ref() == Some(spec) => None,
            other => other.clone(),
        };
        let mut rule_followed = false;
        let (spec, due_now, anchor) = match &recurrence_change {
            // a recurring task needs a due date: clearing it starts the series again from today
            None if due_now.is_none() && existing.recurrence_rule.is_some() => match spec_of(&existing) {
                Some(spec) => {
                    let first = crate::server::recurrence::first_due(&spec, None, self.tz, chrono::Utc::now())
                        .ok_or_else(no_occurrence)?;
                    (Some(spec), Some(ms(first)), Some(ms(first)))
                }
                None => (None, None, None),
            },
            // a recurring task moved to another date: its series goes on from there, on that
            // day when it named one ("every Tue" moved to a Wednesday: every Wed); postponed, it
            // keeps its start, so its days and phase stay
            None if due_now != existing.due_at && patch.series_stays => {
                (spec_of(&existing), due_now, existing.recurrence_anchor.or(due_now))
            }
            None if due_now != existing.due_at => {
                let day = due_now.map(|d| at(d).with_timezone(&self.tz).date_naive());
                let spec = spec_of(&existing).map(|mut spec| {
                    if let Some(moved) = day.and_then(|day| spec.rule.moved_to(day)) {
                        spec.rule = moved;
                        rule_followed = true;
                    }
                    spec
                });
                (spec, due_now, due_now)
            }
            None => (spec_of(&existing), due_now, existing.recurrence_anchor.or(due_now)),
            Some(None) => (None, due_now, None),
            Some(Some(spec)) => {
                let due = at_opt(due_now);
                let first = crate::server::recurrence::first_due(spec, due, self.tz, chrono::Utc::now())
                    .ok_or_else(no_occurrence)?;
                (Some(spec.clone()), Some(ms(first)), Some(ms(first)))
            }
        };
        // completing a recurring task moves it to its next occurrence and keeps it open; when
        // the series is over it completes for good
        let mut completion: Option<(Option<i64>, Option<i64>)> = None;
        let mut next_due = None;
        if let (true, Some(spec), Some(due)) = (completing, &spec, due_now) {
            let done = self.count_completions(id).await?;
            let next = crate::server::recurrence::next_due(
                spec,
                at(anchor.unwrap_or(due)),
                at(due),
                chrono::Utc::now(),
                done,
                self.tz,
            )
            .map(ms);
            completion = Some((Some(due), next));
            if next.is_some() {
                completing = false;
                next_due = next;
            }
        } else if completing {
            completion = Some((due_now, None));
        }
        // the reminders: set by the patch, moved with the due date, or re-armed for the next one
        let old_reminders = reminder::read_stored(&existing.reminders);
        let now_ms = now_millis();
        let reminders = {
            let specs: Vec<ReminderSpec> = match &patch.reminders {
                Some(specs) if due_now.is_none() || specs.iter().ne(old_reminders.iter().map(|r| &r.spec)) => {
                    specs.clone()
                }
                // (the same ones again, as an edit form sends them, move with the due date; one
                // cleared takes those before it along: nothing to count from)
                _ => old_reminders
                    .iter()
                    .map(|r| reminder_moved(r.spec, existing.due_at, due_now, self.tz))
                    .filter(|s| due_now.is_some() || !matches!(s, ReminderSpec::Before(_)))
                    .collect(),
            };
            if patch.reminders.is_some()
                && due_now.is_none()
                && specs.iter().any(|s| matches!(s, ReminderSpec::Before(_)))
            {
                return Err(needs_due());
            }
            let set = reminder::reset(&old_reminders, &specs, due_now, now_ms, new_id);
            match next_due {
                Some(next) => reminder::rearm(&set, due_now, Some(next), now_ms),
                None => set,
            }
        };
        let reminders_changed = reminders != old_reminders;
        let (mut title, mut description) = (existing.title.clone(), existing.description.clone());
        let mut active = existing.into_active_model();
        if reminders_changed {
            active.next_reminder_at = Set(reminder::next_fire_at(&reminders));
            active.reminders = Set(reminder::write_stored(&reminders));
        }
        if let Some(new) = patch.title {
            title = new.into_inner();
            active.title_key = Set(title.to_lowercase());
            active.title = Set(title.clone());
        }
        if let Some(new) = patch.description {
            description = new.into_inner();
            active.description = Set(description.clone());
        }
        active.search_key = Set(search_key(&title, &description));
        if let Some(priority) = patch.priority {
            active.priority = Set(priority.rank());
        }
        if patch.due_at.is_some() || recurrence_change.is_some() {
            active.due_at = Set(due_now);
        }
        if let Some(next) = next_due {
            active.due_at = Set(Some(next));
        }
        if recurrence_change.is_some() || rule_followed {
            active.recurrence_rule = Set(spec.as_ref().map(|s| s.rule.to_string()));
            active.recurrence_from = Set(spec.as_ref().map(|s| s.from.as_str().to_owned()));
        }
        let anchor = spec.as_ref().and(anchor);
        if active.recurrence_anchor.as_ref() != &anchor {
            active.recurrence_anchor = Set(anchor);
        }
        if let Some(tags) = patch.tags {
            active.tags = Set(tags_column(tags.as_slice()));
        }
        if let Some(project) = &project_id {
            active.project_id = Set(project.clone());
        }
        if let Some(parent) = parent_id {
            active.parent_id = Set(parent);
        }
        // never the same instant twice, so an `updated_at` read before a change never matches
        // after it
        let now = now_millis().max(was_updated_at + 1);
        // a recurring task moved on stays open
        let completed = patch.completed.map(|c| c && next_due.is_none());
        if let Some(completed) = completed {
            if active.completed.as_ref() != &completed {
                active.completed = Set(completed);
                active.completed_at = Set(completed.then_some(now));
            }
        }
        active.updated_at = Set(now);
        let txn = self.conn().begin().await.map_err(db_err)?;
        // The update itself filters on (id, user_id) too: the row is this user's or nothing.
        let mut update = tasks::Entity::update_many()
            .set(active)
            .filter(tasks::Column::Id.eq(id))
            .filter(tasks::Column::UserId.eq(self.user_id));
        if let Some(at) = unchanged_since {
            update = update.filter(tasks::Column::UpdatedAt.eq(at));
        }
        let result = update.exec(&txn).await.map_err(db_err)?;
        if result.rows_affected == 0 {
            drop(txn);
            return Err(match unchanged_since {
                Some(_) if self.get_task(id).await.is_ok() => stale(),
                _ => AppError::NotFound,
            });
        }
        if let Some((due, next)) = completion {
            self.record_completion(&txn, id, now, due, next).await?;
        }
        if let Some(closed_at) = reopening_from {
            let below = self.descendants(&txn, &[id.to_owned()]).await?;
            if !below.is_empty() {
                tasks::Entity::update_many()
                    .col_expr(tasks::Column::Completed, Expr::value(false))
                    .col_expr(tasks::Column::CompletedAt, Expr::value(None::<i64>))
                    .col_expr(tasks::Column::UpdatedAt, Expr::value(now))
                    .filter(tasks::Column::UserId.eq(self.user_id))
                    .filter(tasks::Column::Id.is_in(below))
                    .filter(tasks::Column::Completed.eq(true))
                    .filter(tasks::Column::CompletedAt.eq(closed_at))
                    .exec(&txn)
                    .await
                    .map_err(db_err)?;
            }
        }
        if completing || project_id.is_some() {
            let below = self.descendants(&txn, &[id.to_owned()]).await?;
            if !below.is_empty() {
                if let Some(project) = &project_id {
                    tasks::Entity::update_many()
                        .col_expr(tasks::Column::ProjectId, Expr::value(project.clone()))
                        .col_expr(tasks::Column::UpdatedAt, Expr::value(now))
                        .filter(tasks::Column::UserId.eq(self.user_id))
                        .filter(tasks::Column::Id.is_in(below.clone()))
                        .exec(&txn)
                        .await
                        .map_err(db_err)?;
                }
                if completing {
                    tasks::Entity::update_many()
                        .col_expr(tasks::Column::Completed, Expr::value(true))
                        .col_expr(tasks::Column::CompletedAt, Expr::value(now))
                        .col_expr(tasks::Column::UpdatedAt, Expr::value(now))
                        .filter(tasks::Column::UserId.eq(self.user_id))
                        .filter(tasks::Column::Id.is_in(below))
                        .filter(tasks::Column::Completed.eq(false))
                        .exec(&txn)
                        .await
                        .map_err(db_err)?;
                }
            }
        }
        txn.commit().await.map_err(db_err)?;
        self.announce(Kind::Task, Action::Updated, Some(id)).await;
        self.get_task(id).await
    }
}
