//! What the builtin assistant does to one task: the target is resolved among the user's tasks
//! (a question when several fit), then the change is made through the user's scope and said in
//! one plain line.
use chrono::Datelike;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::undo::{Before, Undo};
use super::{
    action, describe_due, projects, quote, repeat_in_a_sentence, reply, ConversationState, Pending, TurnOutcome,
};
use crate::domain::chat::ActionKind;
use crate::domain::quick_add::{parse_quick_add, read_when, Said};
use crate::domain::task::{Priority, Tags, Task, TaskDescription, TaskPatch, TaskTitle};
use crate::error::AppError;
use crate::server::assistant::reader::{Delay, Target};
use crate::server::assistant::resolve::{resolve, Prefer, Resolution};
use crate::server::repo::UserScope;
use crate::server::tasks::{local_now, to_utc};

use super::reminding;
use super::timing::{keeps_the_day, postponed, remind_moment};

/// A change to one task, kept while the assistant asks which task is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verb {
    Complete,
    Reopen,
    Rename,
    Reschedule,
    ClearDue,
    /// Move to a project; the argument is its name.
    Move,
    SetPriority,
    PriorityUp,
    PriorityDown,
    /// The argument: tags joined by commas.
    Tag,
    Untag,
    /// The argument: the note to add to the description.
    Note,
    Delete,
    StopRepeating,
    /// How it repeats from now on; the argument is the words ("every tue and thu").
    Repeat,
    /// Add a reminder; the argument is the minutes before the due date.
    Remind,
    /// Replace reminders with one; the argument is as [`Verb::Remind`]'s, then `|` and the one it
    /// replaces ("45|30": the reminder 30 minutes before becomes 45), or alone (all of them).
    ChangeReminder,
    /// Add a reminder at a moment; the argument is the date words ("dec 23 at 8pm").
    RemindAt,
    /// Take every reminder off.
    ClearReminders,
    /// Move the due date by an amount; the argument is a [`Delay`] ("-90 minutes", "2 days").
    Postpone,
}

/// Finds the task `target` names and acts on it, or asks which one.
pub async fn targeted(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    verb: Verb,
    arg: Option<String>,
    target: Target,
) -> Result<TurnOutcome, AppError> {
    let tasks = super::nameable(scope, state).await?;
    // "delete it" right after a list of several: which of them is asked, never an older task
    if target == Target::It && state.last_task.is_none() {
        let listed: Vec<Task> = state
            .last_listed
            .iter()
            .filter_map(|id| tasks.iter().find(|t| &t.id == id).cloned())
            .collect();
        if listed.len() > 1 {
            return Ok(ask_which(state, tz, verb, arg, &listed));
        }
    }
    let prefer = if verb == Verb::Reopen {
        Prefer::Done
    } else {
        Prefer::Open
    };
    match resolve(&target, &tasks, &state.last_listed, state.last_task.as_deref(), prefer) {
        Resolution::Found(task) => act(scope, tz, state, verb, arg, task).await,
        Resolution::Ambiguous(candidates) => Ok(ask_which(state, tz, verb, arg, &candidates)),
        Resolution::Missing => {
            // a name that found nothing: a later "it" is that name, not the task talked about
            // before it ("move night shift to thursday" — "actually make it 7:30")
            if matches!(target, Target::Text(_)) {
                state.last_task = None;
            }
            Ok(reply(&missing(&target)))
        }
    }
}

/// Candidates named in one line of "Which one: …?"; more are listed, numbered.
const ASKED_BY_NAME: usize = 6;

/// "Which one: Buy milk, Buy milk powder?" — and the answer is awaited.
pub fn ask_which(
    state: &mut ConversationState,
    tz: Tz,
    verb: Verb,
    arg: Option<String>,
    candidates: &[Task],
) -> TurnOutcome {
    // tasks of the same title are told apart by their due date (or that they are done)
    let names: Vec<String> = candidates
        .iter()
        .map(|t| {
            let twins = candidates
                .iter()
                .filter(|o| o.title.to_lowercase() == t.title.to_lowercase())
                .count()
                > 1;
            if !twins {
                return t.title.clone();
            }
            let due = describe_due(t, tz).map_or_else(|| "no due date".to_owned(), |d| format!("due {d}"));
            let done = if t.completed { ", done" } else { "" };
            format!("{} ({due}{done})", t.title)
        })
        .collect();
    state.pending = Some(Pending::Choose {
        verb,
        arg,
        candidates: candidates.iter().map(|t| t.id.clone()).collect(),
    });
    state.last_listed = candidates.iter().map(|t| t.id.clone()).collect();
    if names.len() > ASKED_BY_NAME {
        let lines: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{}. {n}", i + 1))
            .collect();
        return reply(&format!(
            "Which one? Say its number or its name:
{}",
            lines.join(
                "
"
            )
        ));
    }
    reply(&format!("Which one: {}?", names.join(", ")))
}

pub fn missing(target: &Target) -> String {
    match target {
        Target::It => "Which task do you mean? Name it, or list your tasks first.".to_owned(),
        Target::Position(_) | Target::LastListed => {
            "I don't have a list with that many tasks. Ask “what do I have to do?” first.".to_owned()
        }
        Target::Tasks(_) => "That task is gone.".to_owned(),
        Target::Text(text) => format!("I couldn't find a task matching “{text}”."),
    }
}

/// The patch a verb makes, or the reply that says why there is none.
async fn patch_for(
    scope: &UserScope<'_>,
    tz: Tz,
    verb: Verb,
    arg: Option<&str>,
    task: &Task,
) -> Result<Result<(TaskPatch, ActionKind), String>, AppError> {
    let patch = |p: TaskPatch| Ok(Ok((p, ActionKind::Updated)));
    match verb {
        Verb::Complete if task.completed => Ok(Err(format!("{} is already done.", quote(task)))),
        Verb::Complete => Ok(Ok((TaskPatch::completed(true), ActionKind::Completed))),
        Verb::Reopen if !task.completed => Ok(Err(format!("{} is still open.", quote(task)))),
        Verb::Reopen => Ok(Ok((TaskPatch::completed(false), ActionKind::Reopened))),
        Verb::Rename => match TaskTitle::parse(arg.unwrap_or_default()) {
            Ok(title) => patch(TaskPatch {
                title: Some(title),
                ..Default::default()
            }),
            Err(e) => Ok(Err(format!("I couldn't rename it: {e}"))),
        },
        Verb::ClearDue if task.due_at.is_none() => Ok(Err(format!("{} has no due date.", quote(task)))),
        Verb::ClearDue => patch(TaskPatch {
            due_at: Some(None),
            ..Default::default()
        }),
        Verb::SetPriority | Verb::PriorityUp | Verb::PriorityDown => {
            let priority = match verb {
                Verb::SetPriority => arg.unwrap_or("none").parse().unwrap_or_default(),
                Verb::PriorityUp => match task.priority {
                    Priority::None => Priority::Low,
                    Priority::Low => Priority::Medium,
                    Priority::Medium | Priority::High => Priority::High,
                },
                _ => match task.priority {
                    Priority::High => Priority::Medium,
                    Priority::Medium => Priority::Low,
                    Priority::Low | Priority::None => Priority::None,
                },
            };
            patch(TaskPatch {
                priority: Some(priority),
                ..Default::default()
            })
        }
        Verb::Tag | Verb::Untag => {
            let arg = arg.unwrap_or_default();
            let named: Vec<String> = arg.split(',').filter(|t| !t.is_empty()).map(str::to_owned).collect();
            let mut tags = task.tags.clone();
            if verb == Verb::Untag && named.is_empty() {
                // no tag named: every tag
                if tags.is_empty() {
                    return Ok(Err(format!("{} has no tags.", quote(task))));
                }
                tags.clear();
            } else if verb == Verb::Tag {
                tags.extend(named.into_iter().filter(|t| !task.tags.contains(t)));
            } else {
                if !named.iter().any(|t| tags.contains(t)) {
                    return Ok(Err(format!("{} has no tag #{}.", quote(task), named.join(", #"))));
                }
                tags.retain(|t| !named.contains(t));
            }
            match Tags::parse(&tags) {
                Ok(tags) => patch(TaskPatch {
                    tags: Some(tags),
                    ..Default::default()
                }),
                Err(e) => Ok(Err(format!("I couldn't change its tags: {e}"))),
            }
        }
        Verb::Note => {
            let note = arg.unwrap_or_default().trim();
            let text = if task.description.trim().is_empty() {
                note.to_owned()
            } else {
                format!("{}\n\n{note}", task.description.trim_end())
            };
            match TaskDescription::parse(&text) {
                Ok(description) => patch(TaskPatch {
                    description: Some(description),
                    ..Default::default()
                }),
                Err(e) => Ok(Err(format!("I couldn't add that note: {e}"))),
            }
        }
        Verb::StopRepeating if task.recurrence.is_none() => Ok(Err(format!("{} does not repeat.", quote(task)))),
        Verb::StopRepeating => patch(TaskPatch {
            recurrence: Some(None),
            ..Default::default()
        }),
        Verb::Repeat => {
            let words = arg.unwrap_or_default();
            let quick = parse_quick_add(&format!("x {words}"), local_now(tz));
            let Some(rule) = quick.recurrence.as_ref().filter(|_| quick.title == "x") else {
                return Ok(Err(format!(
                    "I couldn't read “{words}” as a repeat. Try “every monday”, “every 2 weeks” or “monthly”."
                )));
            };
            match crate::domain::recurrence::RecurrenceSpec::parse(rule) {
                Ok(spec) => patch(TaskPatch {
                    recurrence: Some(Some(spec)),
                    // a time said with it ("every weekday at 9am") is the series' time; a step
                    // alone ("every 2 weeks", "monthly") counts from the due date, when it is
                    // still ahead; else it keeps its time of day and starts over from today, so
                    // no nearer day is skipped
                    due_at: quick.due.map(|d| Some(to_utc(d, tz))).or_else(|| {
                        let ahead = task
                            .due_at
                            .is_some_and(|due| due.with_timezone(&tz).date_naive() >= local_now(tz).date());
                        if ahead && keeps_the_day(&rule.rule, task, tz) {
                            return None;
                        }
                        task.due_at.map(|due| {
                            let time = due.with_timezone(&tz).time();
                            Some(to_utc(local_now(tz).date().and_time(time), tz))
                        })
                    }),
                    // a done task made to repeat is open again: its next day is ahead
                    completed: task.completed.then_some(false),
                    ..Default::default()
                }),
                Err(e) => Ok(Err(format!("I couldn't read how it repeats: {e}"))),
            }
        }
        Verb::Remind | Verb::ChangeReminder => reminding::patch(verb, arg, task, tz),
        Verb::RemindAt => reminding::at(arg, task),
        Verb::Reschedule => {
            let when = arg.unwrap_or_default();
            // read as quick-add reads dates: "next monday", "friday 3pm", "in 3 days", "9:30am";
            // a time alone keeps the task's day, a day alone its time of day (in the user's zone)
            match read_when(when, local_now(tz)) {
                Said::At(at) => {
                    let current = task.due_at.map(|d| d.with_timezone(&tz).naive_local());
                    patch(TaskPatch {
                        due_at: Some(Some(to_utc(at.moved_from(current), tz))),
                        ..Default::default()
                    })
                }
                Said::Impossible(why) => Ok(Err(format!("{why} I left {} as it was.", quote(task)))),
                Said::Unread => Ok(Err(format!(
                    "I couldn't read “{when}” as a date. Try “tomorrow 5pm”, “next monday” or “in 3 days”."
                ))),
            }
        }
        Verb::ClearReminders if task.reminders.is_empty() => Ok(Err(format!("{} has no reminders.", quote(task)))),
        Verb::ClearReminders => patch(TaskPatch {
            reminders: Some(Vec::new()),
            ..Default::default()
        }),
        Verb::Postpone => match arg.and_then(|d| d.parse::<Delay>().ok()) {
            Some(delay) => match postponed(task, delay, tz) {
                Ok(due) => patch(TaskPatch {
                    due_at: Some(Some(due)),
                    ..Default::default()
                }),
                Err(why) => Ok(Err(why)),
            },
            None => Ok(Err("I couldn't read how far to move it.".to_owned())),
        },
        Verb::Move => {
            let name = arg.unwrap_or_default();
            match projects::find_named(scope, name).await? {
                Some(project) if project.id == task.project_id => {
                    Ok(Err(format!("{} is in {} already.", quote(task), project.name)))
                }
                Some(project) => patch(TaskPatch {
                    project_id: Some(project.id),
                    ..Default::default()
                }),
                None => Ok(Err(format!("You have no project called “{name}”."))),
            }
        }
        Verb::Delete => Ok(Err(String::new())),
    }
}

/// The line that says what happened to `task` (now `t`).
fn said(verb: Verb, arg: Option<&str>, task: &Task, t: &Task, tz: Tz) -> String {
    match verb {
        Verb::Complete => {
            // a recurring task moves on to its next occurrence
            let next = t
                .recurrence
                .as_ref()
                .filter(|_| !t.completed)
                .and(describe_due(t, tz))
                .map(|due| format!(" — next due {due}"))
                .unwrap_or_default();
            let with = crate::server::assistant::tools::and_subtasks(task, t);
            format!("Completed {}{with}{next}", quote(t))
        }
        Verb::Reopen => format!("Reopened {}", quote(t)),
        Verb::Rename => format!("Renamed {} to {}", quote(task), quote(t)),
        Verb::Reschedule | Verb::Postpone => {
            // a series of one day moved to another: said, since every later one moves too
            // and one of several days moved off them keeps them: said too
            let weekday = |t: &Task| t.due_at.map(|d| d.with_timezone(&tz).weekday());
            let series = match (&task.recurrence, &t.recurrence) {
                (Some(was), Some(now)) if was.text != now.text => {
                    format!(" — it repeats {} from now on", repeat_in_a_sentence(now))
                }
                (Some(_), Some(now)) if verb == Verb::Reschedule && weekday(task) != weekday(t) => {
                    format!(" — it still repeats {}", repeat_in_a_sentence(now))
                }
                _ => String::new(),
            };
            format!(
                "Moved {} to {}{series}",
                quote(t),
                describe_due(t, tz).unwrap_or_default()
            )
        }
        Verb::ClearDue => format!("{} has no due date now", quote(t)),
        Verb::ClearReminders => format!("{} has no reminders now", quote(t)),
        Verb::Move => format!("Moved {} to {}", quote(t), arg.unwrap_or_default()),
        Verb::SetPriority | Verb::PriorityUp | Verb::PriorityDown if t.priority == Priority::None => {
            format!("{} has no priority now", quote(t))
        }
        Verb::SetPriority | Verb::PriorityUp | Verb::PriorityDown => {
            format!("Set {} to {} priority", quote(t), t.priority)
        }
        Verb::Tag | Verb::Untag => {
            let tags = if t.tags.is_empty() {
                "no tags".to_owned()
            } else {
                t.tags.iter().map(|x| format!("#{x}")).collect::<Vec<_>>().join(" ")
            };
            format!("{} is tagged {tags} now", quote(t)).replace("tagged no tags", "without tags")
        }
        Verb::Note => format!("Added the note to {}", quote(t)),
        Verb::StopRepeating => format!("{} no longer repeats", quote(t)),
        Verb::Repeat => {
            let how = t.recurrence.as_ref().map(repeat_in_a_sentence).unwrap_or_default();
            let next = describe_due(t, tz)
                .map(|d| format!(" — next due {d}"))
                .unwrap_or_default();
            format!("{} repeats {how} now{next}", quote(t))
        }
        Verb::Remind | Verb::ChangeReminder => reminding::said(arg, task, t, tz),
        Verb::RemindAt => reminding::said_at(arg, task, t, tz),
        Verb::Delete => format!("Deleted {}", quote(task)),
    }
}

pub async fn act(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    verb: Verb,
    arg: Option<String>,
    task: Task,
) -> Result<TurnOutcome, AppError> {
    state.last_task = Some(task.id.clone());
    // (a new title is one task's own)
    state.last_change = (verb != Verb::Rename).then(|| (verb, arg.clone()));
    if verb == Verb::Delete {
        let t = scope.delete_task(&task.id).await?;
        state.last_task = None;
        state.just_deleted = Some(t.id.clone());
        state.last_listed.retain(|id| id != &t.id);
        let line = said(verb, None, &task, &t, tz);
        return Ok(TurnOutcome {
            reply: format!("{line}."),
            actions: vec![action(ActionKind::Deleted, &task, line)],
        });
    }
    // a done task never reminds: say so rather than set one that cannot fire
    if matches!(verb, Verb::Remind | Verb::ChangeReminder | Verb::RemindAt) && task.completed {
        return Ok(reply(&format!(
            "{} is already done, so a reminder would never fire. Reopen it first (“reopen {}”), or add it again.",
            quote(&task),
            task.title
        )));
    }
    // a reminder's moment is read once, as the user's words say it now
    let arg = match (verb, arg) {
        // ("make that 9:45" of a reminder just set: "9:45|<its words>", that day's 9:45 instead)
        (Verb::RemindAt, Some(when)) => {
            let (words, old) = reminding::parts(&when);
            // (the one corrected, as it was set: its moment)
            let old = old.and_then(|o| chrono::DateTime::parse_from_rfc3339(o).ok());
            let old = old.map(|o| o.with_timezone(&tz).naive_local());
            match remind_moment(words, tz, old) {
                Ok(at) => Some(match old {
                    Some(old) => format!("{}|{}", to_utc(at, tz).to_rfc3339(), to_utc(old, tz).to_rfc3339()),
                    None => to_utc(at, tz).to_rfc3339(),
                }),
                Err(why) => return Ok(reply(&why)),
            }
        }
        (_, arg) => arg,
    };
    // a reminder at a moment is remembered at that moment, for "actually make that 9:45"
    if verb == Verb::RemindAt {
        state.last_change = Some((verb, arg.clone()));
    }
    // "it isn't done after all" about a repeating task just completed: back on its date, the
    // completion forgotten (as the dashboard's Undo)
    if verb == Verb::Reopen && !task.completed && task.recurrence.is_some() && scope.can_undo_completion(&task).await? {
        let t = scope.undo_completion(&task.id).await?;
        let due = describe_due(&t, tz)
            .map(|d| format!(", due {d} again"))
            .unwrap_or_default();
        let line = format!("Undid completing {}{due}", quote(&t));
        return Ok(TurnOutcome {
            reply: format!("{line}."),
            actions: vec![action(ActionKind::Reopened, &t, line)],
        });
    }
    let (patch, kind) = match patch_for(scope, tz, verb, arg.as_deref(), &task).await? {
        Ok(found) => found,
        Err(why) => return Ok(reply(&why)),
    };
    // a move to where it already is: said so, never "Moved"
    if matches!(verb, Verb::Reschedule | Verb::Postpone) && patch.due_at.as_ref() == Some(&task.due_at) {
        let due = describe_due(&task, tz).unwrap_or_default();
        return Ok(reply(&format!("{} is already due {due}.", quote(&task))));
    }
    // how many subtasks are open below it is read now (the names' list does not count them)
    let task = if verb == Verb::Complete {
        scope.get_task(&task.id).await?
    } else {
        task
    };
    let before = patch.clone();
    let t = match scope.update_task(&task.id, patch).await {
        Ok(t) => t,
        Err(AppError::Validation { message, .. }) => return Ok(reply(&format!("I couldn't change that: {message}"))),
        Err(e) => return Err(e),
    };
    if verb == Verb::Complete {
        state.just_completed = Some(t.id.clone());
    } else {
        state.undo.push(Undo::Changed {
            tasks: vec![Before::of(&task, &before, &t)],
        });
    }
    state.just_changed = true;
    let line = said(verb, arg.as_deref(), &task, &t, tz);
    Ok(TurnOutcome {
        reply: format!("{line}."),
        actions: vec![action(kind, &task, line)],
    })
}

/// "undo" right after a delete: the task back as it was, with its subtasks (the dashboard's Undo).
pub(super) async fn restore(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    id: &str,
) -> Result<TurnOutcome, AppError> {
    let task = match scope.restore_task(id).await {
        Ok(task) => task,
        Err(AppError::Conflict { message } | AppError::Validation { message, .. }) => {
            return Ok(reply(&format!("I couldn't bring it back: {message}")))
        }
        Err(e) => return Err(e),
    };
    state.last_task = Some(task.id.clone());
    let due = describe_due(&task, tz)
        .map(|d| format!(", due {d}"))
        .unwrap_or_default();
    let line = format!("Brought back {}{due}", quote(&task));
    Ok(TurnOutcome {
        reply: format!("{line}."),
        actions: vec![action(ActionKind::Added, &task, line)],
    })
}
