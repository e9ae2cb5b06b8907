//! "undo" right after the assistant changed something: the tasks put back as they were. What a
//! turn changed is kept (the fields it changed, as they were, and when the task was last written)
//! for the next turn only; a task changed since (in another tab, by another turn) is left alone.
//! A deletion is undone by [`super::act::restore`], one completion by reopening it. The changes
//! of a message of several requests are undone together, the last first.
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::{action, describe_due, quote, ConversationState, TurnOutcome};
use crate::domain::chat::ActionKind;
use crate::domain::recurrence::RecurrenceInput;
use crate::domain::reminder::ReminderInput;
use crate::domain::task::{Task, TaskPatch, TaskPatchInput};
use crate::error::AppError;
use crate::server::repo::UserScope;

/// What the previous turn did, to be undone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Undo {
    /// Tasks it added: undone by deleting them (they can be brought back, as any deletion).
    Added { tasks: Vec<Written> },
    /// Tasks it changed: each one's changed fields as they were, and the moment (Unix ms) the
    /// change was written.
    Changed { tasks: Vec<Before> },
    /// Tasks it completed (several at once).
    Completed { tasks: Vec<Written> },
    /// Tasks it deleted (several at once), in the order deleted.
    Deleted { ids: Vec<String> },
}

/// A task and the moment (Unix ms) the turn wrote it: changed after that, it is left alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Written {
    pub id: String,
    pub written_at: i64,
}

impl Written {
    pub fn of(task: &Task) -> Self {
        Self {
            id: task.id.clone(),
            written_at: task.updated_at.timestamp_millis(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Before {
    pub id: String,
    pub fields: TaskPatchInput,
    pub written_at: i64,
}

impl Before {
    /// The fields `patch` changes, as they are in `task` before it; `after` is the task written.
    pub fn of(task: &Task, patch: &TaskPatch, after: &Task) -> Self {
        let fields = TaskPatchInput {
            title: patch.title.as_ref().map(|_| task.title.clone()),
            description: patch.description.as_ref().map(|_| task.description.clone()),
            priority: patch.priority.map(|_| task.priority),
            // (a repeat set or stopped can move the due date too)
            due_at: (patch.due_at.is_some() || patch.recurrence.is_some()).then(|| task.due_at.map(|d| d.to_rfc3339())),
            tags: patch.tags.as_ref().map(|_| task.tags.clone()),
            completed: patch.completed.map(|_| task.completed),
            // a move to another project can make a subtask a top-level task: both go back
            project_id: patch.project_id.as_ref().map(|_| task.project_id.clone()),
            parent_id: (patch.parent_id.is_some() || patch.project_id.is_some()).then(|| task.parent_id.clone()),
            recurrence: patch.recurrence.as_ref().map(|_| {
                task.recurrence.as_ref().map(|r| RecurrenceInput {
                    rule: r.rule.clone(),
                    from: r.from,
                    text: None,
                })
            }),
            // a new due date moves the reminders before it; they go back with it
            reminders: (patch.reminders.is_some() || patch.due_at.is_some()).then(|| {
                task.reminders
                    .iter()
                    .filter_map(|r| r.spec())
                    .map(ReminderInput::from)
                    .collect()
            }),
        };
        Self {
            id: task.id.clone(),
            fields,
            written_at: after.updated_at.timestamp_millis(),
        }
    }
}

/// "undo", "undo that", "revert it", "change it back", "take that back", "undo the last change".
pub(super) fn asks(text: &str) -> bool {
    let words = super::followup::bare_words(text);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["undo" | "revert" | "reverse"]
        | ["undo" | "revert" | "reverse", "it" | "that" | "this" | "those" | "them"] => true,
        ["undo" | "revert" | "reverse", rest @ ..] => matches!(
            rest,
            ["the" | "that" | "this", "last"]
                | ["last"]
                | ["the" | "that" | "this" | "last", "change" | "changes" | "move" | "edit"]
                | ["the", "last", "change" | "move" | "edit"]
                | ["what", "did"]
                | ["everything"]
        ),
        ["change" | "set" | "put" | "move", "it" | "that" | "them" | "those" | "everything", "back"]
        | ["take", "that", "back"] => true,
        _ => false,
    }
}

/// Undoes what the previous turn did (its requests' changes, the last first).
pub(super) async fn run(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    undo: Vec<Undo>,
) -> Result<TurnOutcome, AppError> {
    let mut done = Done::default();
    for one in undo.into_iter().rev() {
        undo_one(scope, tz, state, one, &mut done).await?;
    }
    let Done {
        mut lines,
        actions,
        left,
        refused,
        ..
    } = done;
    if !left.is_empty() {
        let changed = scope.tasks_with_ids(&left).await?;
        let names: Vec<String> = changed.iter().map(quote).collect();
        if !names.is_empty() {
            let one = names.len() == 1;
            lines.push(format!(
                "{} changed since, so I left {} as {} now",
                names.join(", "),
                if one { "it" } else { "them" },
                if one { "it is" } else { "they are" }
            ));
        }
    }
    lines.extend(refused.map(|why| format!("I couldn't undo all of it: {why}")));
    let mut reply_text = lines.iter().map(|l| format!("{l}.")).collect::<Vec<_>>().join("\n");
    if reply_text.is_empty() {
        reply_text = "There is nothing left to undo: those tasks are gone.".to_owned();
    }
    Ok(TurnOutcome {
        reply: reply_text,
        actions,
    })
}

/// What an undo did so far: its lines, its actions, the tasks left as they are (changed since),
/// and why a change could not be undone.
#[derive(Default)]
struct Done {
    lines: Vec<String>,
    actions: Vec<crate::domain::chat::Action>,
    left: Vec<String>,
    refused: Option<String>,
    /// Tasks this undo wrote, and when: an earlier change of the same message to one of them
    /// is undone against that (the later change, undone first, was checked against its own).
    rewritten: std::collections::HashMap<String, i64>,
}

impl Done {
    fn said(&mut self, kind: ActionKind, task: &Task, line: String) {
        self.rewritten
            .insert(task.id.clone(), task.updated_at.timestamp_millis());
        self.actions.push(action(kind, task, line.clone()));
        self.lines.push(line);
    }

    /// When the task with `id` was last written as far as this undo knows.
    fn written_at(&self, id: &str, by_the_turn: i64) -> i64 {
        self.rewritten.get(id).copied().unwrap_or(by_the_turn)
    }
}

/// The task with `id` as the turn wrote it, or why not: gone (`None`), changed since (left).
async fn as_written(scope: &UserScope<'_>, w: &Written, done: &mut Done) -> Result<Option<Task>, AppError> {
    match scope.get_task(&w.id).await {
        Ok(task) if task.updated_at.timestamp_millis() == done.written_at(&w.id, w.written_at) => Ok(Some(task)),
        Ok(_) => {
            done.left.push(w.id.clone());
            Ok(None)
        }
        Err(AppError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

async fn undo_one(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    undo: Undo,
    done: &mut Done,
) -> Result<(), AppError> {
    match undo {
        Undo::Added { tasks } => {
            for w in tasks.iter().rev() {
                // a task given subtasks or changed since (another tab) is not the one added
                let Some(task) = as_written(scope, w, done).await? else {
                    continue;
                };
                if task.subtasks.total > 0 {
                    done.left.push(task.id.clone());
                    continue;
                }
                match scope.delete_task(&task.id).await {
                    Ok(task) => {
                        done.said(ActionKind::Deleted, &task, format!("Removed {}", quote(&task)));
                        state.last_listed.retain(|l| l != &task.id);
                        if state.last_task.as_deref() == Some(task.id.as_str()) {
                            state.last_task = None;
                        }
                    }
                    Err(AppError::NotFound) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Undo::Changed { tasks } => {
            for before in tasks.into_iter().rev() {
                let patch = match TaskPatch::from_input(before.fields) {
                    Ok(patch) => patch,
                    Err(e) => {
                        tracing::warn!(error = %e, "an undo's fields did not read back");
                        continue;
                    }
                };
                let written_at = done.written_at(&before.id, before.written_at);
                match scope.update_task_if_unchanged(&before.id, patch, written_at).await {
                    Ok(task) => {
                        let due = describe_due(&task, tz)
                            .map(|d| format!(", due {d}"))
                            .unwrap_or_default();
                        done.said(
                            ActionKind::Updated,
                            &task,
                            format!("{} is as it was{due}", quote(&task)),
                        );
                        state.last_task = Some(task.id.clone());
                    }
                    Err(AppError::NotFound) => {}
                    Err(AppError::Conflict { .. }) => done.left.push(before.id),
                    Err(AppError::Validation { message, .. }) => done.refused = Some(message),
                    Err(e) => return Err(e),
                }
            }
        }
        Undo::Completed { tasks } => {
            for w in tasks.iter().rev() {
                let Some(task) = as_written(scope, w, done).await? else {
                    continue;
                };
                let reopened = if task.recurrence.is_some() && scope.can_undo_completion(&task).await? {
                    scope.undo_completion(&task.id).await
                } else if task.completed {
                    scope.update_task(&task.id, TaskPatch::completed(false)).await
                } else {
                    continue;
                };
                match reopened {
                    Ok(t) => done.said(ActionKind::Reopened, &t, format!("Reopened {}", quote(&t))),
                    Err(AppError::Conflict { .. } | AppError::NotFound) => done.left.push(task.id.clone()),
                    Err(e) => return Err(e),
                }
            }
        }
        // the last deleted first: a parent is back before a subtask deleted before it
        Undo::Deleted { ids } => {
            for id in ids.iter().rev() {
                match scope.restore_task(id).await {
                    Ok(task) => done.said(ActionKind::Added, &task, format!("Brought back {}", quote(&task))),
                    Err(AppError::Conflict { .. } | AppError::NotFound) => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::asks;

    #[test]
    fn what_asks_for_an_undo() {
        for yes in [
            "undo",
            "Undo!",
            "undo that",
            "oops, undo that please",
            "revert it",
            "undo the last change",
            "undo last",
            "change it back",
            "put them back",
            "take that back",
            "can you undo that",
        ] {
            assert!(asks(yes), "{yes}");
        }
        for no in [
            "undo the completion of milk",
            "undo buy milk",
            "change it to friday",
            "put it back on friday",
            "revert milk to monday",
            "do",
        ] {
            assert!(!asks(no), "{no}");
        }
    }
}
