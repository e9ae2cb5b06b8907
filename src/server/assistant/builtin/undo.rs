//! "undo" right after the assistant changed something: the tasks put back as they were. What a
//! turn changed is kept (the fields it changed, as they were, and when the task was last written)
//! for the next turn only; a task changed since (in another tab, by another turn) is left alone.
//! A deletion is undone by [`super::act::restore`], one completion by reopening it.
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::{action, describe_due, quote, reply, ConversationState, TurnOutcome};
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
    Added { ids: Vec<String> },
    /// Tasks it changed: each one's changed fields as they were, and the moment (Unix ms) the
    /// change was written.
    Changed { tasks: Vec<Before> },
    /// Tasks it completed (several at once).
    Completed { ids: Vec<String> },
    /// Tasks it deleted (several at once).
    Deleted { ids: Vec<String> },
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
            due_at: patch.due_at.as_ref().map(|_| task.due_at.map(|d| d.to_rfc3339())),
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

/// Undoes what the previous turn did.
pub(super) async fn run(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    undo: Undo,
) -> Result<TurnOutcome, AppError> {
    let mut lines = Vec::new();
    let mut actions = Vec::new();
    let mut left = Vec::new();
    match undo {
        Undo::Added { ids } => {
            for id in ids {
                match scope.delete_task(&id).await {
                    Ok(task) => {
                        lines.push(format!("Removed {}", quote(&task)));
                        actions.push(action(ActionKind::Deleted, &task, format!("Removed {}", quote(&task))));
                        state.just_deleted = Some(task.id.clone());
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
            for before in tasks {
                let patch = match TaskPatch::from_input(before.fields) {
                    Ok(patch) => patch,
                    Err(e) => {
                        tracing::warn!(error = %e, "an undo's fields did not read back");
                        continue;
                    }
                };
                match scope
                    .update_task_if_unchanged(&before.id, patch, before.written_at)
                    .await
                {
                    Ok(task) => {
                        let due = describe_due(&task, tz)
                            .map(|d| format!(", due {d}"))
                            .unwrap_or_default();
                        let line = format!("{} is as it was{due}", quote(&task));
                        actions.push(action(ActionKind::Updated, &task, line.clone()));
                        lines.push(line);
                        state.last_task = Some(task.id.clone());
                    }
                    Err(AppError::NotFound) => {}
                    Err(AppError::Conflict { .. }) => left.push(before.id),
                    Err(AppError::Validation { message, .. }) => {
                        return Ok(reply(&format!("I couldn't undo that: {message}")));
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        Undo::Completed { ids } => {
            for task in scope.tasks_with_ids(&ids).await? {
                let reopened = if task.recurrence.is_some() && scope.can_undo_completion(&task).await? {
                    scope.undo_completion(&task.id).await?
                } else if task.completed {
                    scope.update_task(&task.id, TaskPatch::completed(false)).await?
                } else {
                    continue;
                };
                let line = format!("Reopened {}", quote(&reopened));
                actions.push(action(ActionKind::Reopened, &reopened, line.clone()));
                lines.push(line);
            }
        }
        Undo::Deleted { ids } => {
            for id in ids {
                match scope.restore_task(&id).await {
                    Ok(task) => {
                        let line = format!("Brought back {}", quote(&task));
                        actions.push(action(ActionKind::Added, &task, line.clone()));
                        lines.push(line);
                    }
                    Err(AppError::Conflict { .. } | AppError::NotFound) => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    let mut reply_text = lines.iter().map(|l| format!("{l}.")).collect::<Vec<_>>().join("\n");
    if !left.is_empty() {
        let changed = scope.tasks_with_ids(&left).await?;
        let names: Vec<String> = changed.iter().map(quote).collect();
        if !reply_text.is_empty() {
            reply_text.push('\n');
        }
        reply_text.push_str(&format!(
            "{} changed since, so I left {} as {} now.",
            names.join(", "),
            if names.len() == 1 { "it" } else { "them" },
            if names.len() == 1 { "it is" } else { "they are" }
        ));
    }
    if reply_text.is_empty() {
        reply_text = "There is nothing left to undo: those tasks are gone.".to_owned();
    }
    Ok(TurnOutcome {
        reply: reply_text,
        actions,
    })
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
