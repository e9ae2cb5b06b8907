//! Completing or deleting many tasks at once: "mark all overdue tasks as done", "complete
//! everything tagged errands", "delete all tasks tagged old", "mark them all done" after a list.
//! The assistant names what it found and asks first; "yes" does it (a recurring task completed
//! moves on to its next occurrence).
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::lists::{plan, Planned};
use super::undo::{Before, Undo, Written};
use super::{action, quote, reply, ConversationState, Pending, TurnOutcome, Verb};
use crate::domain::chat::{Action, ActionKind};
use crate::domain::query::{StatusFilter, TaskQuery, LIST_LIMIT_MAX};
use crate::domain::quick_add::{end_of_day, read_when, Said};
use crate::domain::task::{Priority, Task, TaskPatch};
use crate::error::AppError;
use crate::server::assistant::reader::ListFilter;
use crate::server::repo::UserScope;
use crate::server::tasks::{due_bounds, local_now, to_utc};

/// What is done to the tasks, once the user says yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ManyVerb {
    Complete,
    Delete,
    /// To the day said (the pending question keeps its words).
    Move,
    /// To the priority said (the pending question keeps its name).
    Prioritize,
}

/// Titles named in a question or an answer; the rest are counted.
const NAMED: usize = 10;

/// "“a”, “b”, and 3 more"
fn names(tasks: &[&Task]) -> String {
    let mut named: Vec<String> = tasks.iter().take(NAMED).map(|t| quote(t)).collect();
    if tasks.len() > NAMED {
        named.push(format!("and {} more", tasks.len() - NAMED));
    }
    named.join(", ")
}

/// "push everything due today to tomorrow": the day read first (said back in the question),
/// then the tasks named and asked about as for [`confirm`].
pub async fn confirm_move(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    filter: Option<ListFilter>,
    when: String,
) -> Result<TurnOutcome, AppError> {
    if filter.as_ref().is_some_and(|f| f.status == Some(StatusFilter::Done)) {
        return Ok(reply("Completed tasks keep their dates: reopen one to move it."));
    }
    // read once, now: the day said back is the day they move to, whenever the "yes" comes
    let at = match read_when(&when, local_now(tz)) {
        Said::At(at) => at,
        Said::Impossible(why) => return Ok(reply(&format!("{why} I moved nothing."))),
        Said::Unread => return Ok(reply(&format!("I couldn't read “{when}” as a day to move them to."))),
    };
    confirm_with(scope, tz, state, ManyVerb::Move, filter, Some(move_arg(&at))).await
}

/// " to Mon Dec 14", " to Mon Dec 14, 09:00", " to 09:00": a move's kept day said back.
fn moved_to_said(arg: &str) -> String {
    if let Ok(at) = chrono::NaiveDateTime::parse_from_str(arg, MOMENT) {
        return format!(" to {}", at.format("%a %b %-d, %H:%M"));
    }
    match chrono::NaiveDate::parse_from_str(arg, DAY) {
        Ok(day) => format!(" to {}", day.format("%a %b %-d")),
        Err(_) => format!(" to {arg}"),
    }
}

/// How a move of many to `at` is kept (see [`moved_to`]), and how it is said back.
pub(super) fn move_arg(at: &crate::domain::quick_add::When) -> (String, String) {
    match (at.has_day, at.has_time) {
        (true, true) => (
            at.at.format(MOMENT).to_string(),
            at.at.format("%a %b %-d, %H:%M").to_string(),
        ),
        (true, false) => (
            at.at.date().format(DAY).to_string(),
            at.at.format("%a %b %-d").to_string(),
        ),
        // a time alone: each keeps its day (one past, or none, is today)
        (false, _) => (
            at.at.time().format(TIME).to_string(),
            format!("{}, each on its own day (today when overdue)", at.at.format("%H:%M")),
        ),
    }
}

/// "make all my tasks due tomorrow high priority": which tasks, asked first.
pub async fn confirm_priority(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    filter: Option<ListFilter>,
    priority: Priority,
) -> Result<TurnOutcome, AppError> {
    if filter.as_ref().is_some_and(|f| f.status == Some(StatusFilter::Done)) {
        return Ok(reply("Completed tasks keep their priority: reopen one to change it."));
    }
    let said = match priority {
        Priority::None => "no priority".to_owned(),
        p => format!("{p} priority"),
    };
    let arg = Some((priority.as_str().to_owned(), said));
    confirm_with(scope, tz, state, ManyVerb::Prioritize, filter, arg).await
}

/// How a move's day is kept: a day, or a moment (local).
const DAY: &str = "%Y-%m-%d";
const MOMENT: &str = "%Y-%m-%dT%H:%M";
const TIME: &str = "%H:%M";

/// Where a task moves to: the moment said, or the day said at the task's own time of day.
fn moved_to(arg: Option<&str>, task: &Task, tz: Tz) -> Option<chrono::DateTime<chrono::Utc>> {
    let arg = arg?;
    let today = local_now(tz).date();
    let own_day = task
        .due_at
        .map(|d| d.with_timezone(&tz).date_naive())
        .filter(|d| *d >= today);
    let at = match chrono::NaiveDateTime::parse_from_str(arg, MOMENT) {
        Ok(at) => at,
        Err(_) if arg.len() == 5 => {
            let time = chrono::NaiveTime::parse_from_str(arg, TIME).ok()?;
            own_day.unwrap_or(today).and_time(time)
        }
        Err(_) => {
            let day = chrono::NaiveDate::parse_from_str(arg, DAY).ok()?;
            let time = task.due_at.map(|d| d.with_timezone(&tz).time());
            day.and_time(time.unwrap_or_else(end_of_day))
        }
    };
    Some(to_utc(at, tz))
}

/// Finds the tasks `filter` names (`None`: those of the last list shown; to complete: the open
/// ones) and asks before acting on them.
pub async fn confirm(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    verb: ManyVerb,
    filter: Option<ListFilter>,
) -> Result<TurnOutcome, AppError> {
    confirm_with(scope, tz, state, verb, filter, None).await
}

/// [`confirm`], with a move's day or a priority: its words and how it is said back.
async fn confirm_with(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    verb: ManyVerb,
    filter: Option<ListFilter>,
    arg: Option<(String, String)>,
) -> Result<TurnOutcome, AppError> {
    let (found, past, what) = match filter {
        None => {
            if state.last_listed.is_empty() {
                return Ok(reply(
                    "Which tasks? Ask for a list first, like “what's overdue?”, then say “mark them all done”.",
                ));
            }
            let tasks = scope.tasks_with_ids(&state.last_listed).await?;
            let found: Vec<Task> = state
                .last_listed
                .iter()
                .filter_map(|id| tasks.iter().find(|t| &t.id == id).cloned())
                .filter(|t| verb == ManyVerb::Delete || !t.completed)
                .collect();
            (found, false, None)
        }
        Some(f) => {
            let f = match verb {
                ManyVerb::Complete | ManyVerb::Move | ManyVerb::Prioritize => ListFilter {
                    status: Some(StatusFilter::Open),
                    ..f
                },
                ManyVerb::Delete => f,
            };
            let Planned {
                query,
                bounds,
                what,
                qualifiers,
                ..
            } = match plan(scope, tz, state, f).await? {
                Ok(planned) => planned,
                Err(answer) => return Ok(answer),
            };
            let query = TaskQuery {
                limit: LIST_LIMIT_MAX,
                ..query
            };
            let page = scope.list_tasks(&query, bounds).await?;
            (
                page.items,
                page.next_cursor.is_some(),
                Some(format!("{what}s{qualifiers}")),
            )
        }
    };
    if found.is_empty() {
        return Ok(reply(&match what {
            Some(what) => format!("You have no {what}."),
            None if verb != ManyVerb::Delete => "None of the tasks listed is still open.".to_owned(),
            None => "The tasks listed are gone already.".to_owned(),
        }));
    }
    let n = found.len();
    let listed: Vec<&Task> = found.iter().collect();
    let count = match (n, past) {
        (1, _) => "this task".to_owned(),
        (n, true) => format!("the first {n} tasks (there are more)"),
        (n, false) => format!("these {n} tasks"),
    };
    let them = if n == 1 { "it" } else { "them" };
    let question = match verb {
        ManyVerb::Complete => format!(
            "Complete {count}: {}? Say “yes” to complete {them} or “no” to leave {them} open.",
            names(&listed)
        ),
        ManyVerb::Delete => format!(
            "Delete {count}: {}? Say “yes” to delete {them} (“undo” right after brings {them} back) or “no” to keep {them}.",
            names(&listed)
        ),
        ManyVerb::Move => format!(
            "Move {count} to {}: {}? Say “yes” to move {them} or “no” to leave {them} as {}.",
            arg.as_ref().map_or("", |(_, said)| said.as_str()),
            names(&listed),
            if n == 1 { "it is" } else { "they are" }
        ),
        ManyVerb::Prioritize => format!(
            "Set {count} to {}: {}? Say “yes” to change {them} or “no” to leave {them} as {}.",
            arg.as_ref().map_or("", |(_, said)| said.as_str()),
            names(&listed),
            if n == 1 { "it is" } else { "they are" }
        ),
    };
    state.last_listed = found.iter().map(|t| t.id.clone()).collect();
    // as after a list: "it" is the one task named, or asked about — never one from before
    state.last_task = match found.as_slice() {
        [only] => Some(only.id.clone()),
        _ => None,
    };
    state.pending = Some(Pending::Many {
        verb,
        ids: found.iter().map(|t| t.id.clone()).collect(),
        arg: arg.map(|(words, _)| words),
    });
    Ok(reply(&question))
}

/// "yes": completes (or moves) the tasks asked about that are still open, or deletes those
/// still there.
pub async fn act(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    (verb, arg): (ManyVerb, Option<&str>),
    ids: &[String],
) -> Result<TurnOutcome, AppError> {
    let tasks = scope.tasks_with_ids(ids).await?;
    let mut done = Vec::new();
    // (what a move or a priority changed, for "undo")
    let mut changed = Vec::new();
    let mut completed = Vec::new();
    for id in ids {
        let Some(task) = tasks
            .iter()
            .find(|t| &t.id == id && (verb == ManyVerb::Delete || !t.completed))
        else {
            continue;
        };
        let result = match verb {
            ManyVerb::Complete => scope
                .update_task(id, TaskPatch::completed(true))
                .await
                .map(|after| completed.push(Written::of(&after))),
            ManyVerb::Delete => scope.delete_task(id).await.map(|_| ()),
            // each keeps its time of day, as one task moved does
            ManyVerb::Move => match moved_to(arg, task, tz) {
                Some(due) => {
                    // a repeating one: this occurrence moves, its series stays on its days
                    let patch = TaskPatch {
                        due_at: Some(Some(due)),
                        series_stays: true,
                        ..Default::default()
                    };
                    match scope.update_task(id, patch.clone()).await {
                        Ok(after) => {
                            changed.push(Before::of(task, &patch, &after));
                            Ok(())
                        }
                        Err(e) => Err(e),
                    }
                }
                None => continue,
            },
            ManyVerb::Prioritize => {
                let Some(priority) = arg.and_then(|p| p.parse::<Priority>().ok()) else {
                    continue;
                };
                let patch = TaskPatch {
                    priority: Some(priority),
                    ..Default::default()
                };
                scope
                    .update_task(id, patch.clone())
                    .await
                    .map(|after| changed.push(Before::of(task, &patch, &after)))
            }
        };
        match result {
            Ok(()) => done.push(task),
            // deleted meanwhile (in another tab, or with its parent): nothing left to do
            Err(AppError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    if verb == ManyVerb::Delete {
        state.last_listed.retain(|id| !ids.contains(id));
        if state.last_task.as_ref().is_some_and(|id| ids.contains(id)) {
            state.last_task = None;
        }
    }
    if done.is_empty() {
        return Ok(reply("Those tasks are done or gone already."));
    }
    state.undo.push(match verb {
        ManyVerb::Complete => Undo::Completed { tasks: completed },
        ManyVerb::Delete => Undo::Deleted {
            ids: done.iter().map(|t| t.id.clone()).collect(),
        },
        ManyVerb::Move | ManyVerb::Prioritize => Undo::Changed { tasks: changed },
    });
    let n = done.len();
    let (verb_said, kind) = match verb {
        ManyVerb::Complete => ("Completed", ActionKind::Completed),
        ManyVerb::Delete => ("Deleted", ActionKind::Deleted),
        ManyVerb::Move => ("Moved", ActionKind::Updated),
        ManyVerb::Prioritize => ("Set", ActionKind::Updated),
    };
    // "Set 2 tasks to high priority: …"
    let to = match arg
        .and_then(|p| p.parse::<Priority>().ok())
        .filter(|_| verb == ManyVerb::Prioritize)
    {
        Some(Priority::None) => " to no priority".to_owned(),
        Some(p) => format!(" to {p} priority"),
        // "Moved 2 tasks to Mon Dec 14: …"
        None if verb == ManyVerb::Move => arg.map(moved_to_said).unwrap_or_default(),
        None => String::new(),
    };
    let line = format!(
        "{verb_said} {n} task{}{to}: {}",
        if n == 1 { "" } else { "s" },
        names(&done)
    );
    Ok(TurnOutcome {
        reply: format!("{line}."),
        actions: done
            .iter()
            .map(|t| action(kind, t, format!("{verb_said} {}{to}", quote(t))))
            .collect(),
    })
}

/// "both", "all of them" to “Which one: …?”: each of those asked about, where that is one
/// request; a deletion of more than two is asked first, as any deletion of many is.
pub(super) async fn all_of_them(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    (verb, arg): (Verb, &Option<String>),
    candidates: &[String],
) -> Result<TurnOutcome, AppError> {
    let all = match verb {
        Verb::Complete => ManyVerb::Complete,
        Verb::Delete => ManyVerb::Delete,
        Verb::Reschedule => ManyVerb::Move,
        _ => {
            state.pending = Some(Pending::Choose {
                verb,
                arg: arg.clone(),
                candidates: candidates.to_vec(),
            });
            return Ok(reply(
                "I can do that to one of them at a time: say “the first one” or “the second one”.",
            ));
        }
    };
    if all == ManyVerb::Delete && candidates.len() > 2 {
        state.pending = Some(Pending::Many {
            verb: all,
            ids: candidates.to_vec(),
            arg: arg.clone(),
        });
        return Ok(reply(&format!(
            "Delete all {} of them? Say “yes” to delete them.",
            candidates.len()
        )));
    }
    act(scope, tz, state, (all, arg.as_deref()), candidates).await
}

/// Asks before deleting many tasks: the completed ones, or all of them.
pub(super) async fn confirm_bulk(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    all: bool,
) -> Result<TurnOutcome, AppError> {
    let status = if all { StatusFilter::All } else { StatusFilter::Done };
    let query = TaskQuery {
        status,
        limit: 200,
        ..Default::default()
    };
    let n = scope.list_tasks(&query, due_bounds(tz)).await?.items.len();
    if n == 0 {
        return Ok(reply(if all {
            "You have no tasks to delete."
        } else {
            "You have no completed tasks to delete."
        }));
    }
    let count = if n >= 200 {
        "200 or more".to_owned()
    } else {
        n.to_string()
    };
    if all {
        state.pending = Some(Pending::DeleteAll);
        return Ok(reply(&if n == 1 {
            "Delete your 1 task? It cannot be undone. Say “yes” to delete it or “no” to keep it.".to_owned()
        } else {
            format!(
                "Delete all {count} of your tasks, open and done? This cannot be undone. Say “yes” to delete or “no” to keep them."
            )
        }));
    }
    state.pending = Some(Pending::DeleteCompleted);
    Ok(reply(&if n == 1 {
        "Delete your 1 completed task? It cannot be undone. Say “yes” to delete it or “no” to keep it.".to_owned()
    } else {
        format!("Delete all {count} completed tasks? It cannot be undone. Say “yes” to delete or “no” to keep them.")
    }))
}

pub(super) async fn delete_completed(scope: &UserScope<'_>) -> Result<TurnOutcome, AppError> {
    let n = scope.delete_completed_tasks().await?;
    let line = format!("Deleted {n} completed task{}", if n == 1 { "" } else { "s" });
    Ok(TurnOutcome {
        reply: format!("{line}."),
        actions: vec![Action {
            kind: ActionKind::Deleted,
            task_id: String::new(),
            text: line,
        }],
    })
}

pub(super) async fn delete_all(scope: &UserScope<'_>) -> Result<TurnOutcome, AppError> {
    let n = scope.delete_all_tasks().await?;
    let line = if n == 1 {
        "Deleted your 1 task".to_owned()
    } else {
        format!("Deleted all {n} of your tasks")
    };
    Ok(TurnOutcome {
        reply: format!("{line}."),
        actions: vec![Action {
            kind: ActionKind::Deleted,
            task_id: String::new(),
            text: line,
        }],
    })
}
