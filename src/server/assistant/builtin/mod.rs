//! The builtin assistant: needs no key and no network. It reads a message with
//! [`command::read_command`], names tasks with [`resolve::resolve`], acts through the user's
//! [`UserScope`], and answers in plain sentences. What it must remember between turns (the last
//! list, the last task, a question awaiting an answer) is the conversation's stored state.
mod projects;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::command::{read_command, Command, ListFilter, Target};
use super::resolve::{resolve, Prefer, Resolution};
use crate::domain::chat::{Action, ActionKind};
use crate::domain::query::{DueFilter, SortOrder, StatusFilter, TaskQuery};
use crate::domain::quick_add::{end_of_day, parse_quick_add};
use crate::domain::task::{Priority, Tags, Task, TaskDescription, TaskDraft, TaskPatch, TaskTitle};
use crate::error::AppError;
use crate::server::repo::UserScope;
use crate::server::tasks::{due_bounds, local_now, to_utc};

/// The assistant's memory of one conversation, stored with it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ConversationState {
    #[serde(default)]
    pub last_listed: Vec<String>,
    #[serde(default)]
    pub last_task: Option<String>,
    #[serde(default)]
    pub pending: Option<Pending>,
}

/// A question the assistant asked and awaits an answer to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pending {
    /// "Delete all 4 completed tasks?"
    DeleteCompleted,
    /// "Which one: Buy milk, Buy milk powder?" — the command waits for one of `candidates`.
    Choose {
        verb: Verb,
        arg: Option<String>,
        candidates: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verb {
    Complete,
    Reopen,
    Rename,
    Reschedule,
    SetPriority,
    Delete,
    StopRepeating,
    /// Add a reminder; the argument is the minutes before the due date.
    Remind,
}

pub struct TurnOutcome {
    pub reply: String,
    pub actions: Vec<Action>,
}

pub const HELP: &str = "I can manage your tasks. Try:\n\
- “add buy milk tomorrow 5pm” or “remind me to call mom friday, high priority”\n\
- “what do I have to do?”, “what's due this week?”, “anything overdue?”, “find tasks about milk”\n\
- “I bought the milk”, “mark call mom as done”, “complete the second one”\n\
- “rename buy milk to buy oat milk”, “move the dentist to next monday”, “make call mom high priority”\n\
- “delete the milk task”, “delete all completed tasks”";

const NOT_UNDERSTOOD: &str = "Sorry, I didn't understand that. I can add, list, complete, reopen, rename, \
reschedule, reprioritize and delete tasks — say “help” for examples.";

fn quote(task: &Task) -> String {
    format!("“{}”", task.title)
}

fn describe_due(task: &Task, tz: Tz) -> Option<String> {
    let due = task.due_at?.with_timezone(&tz);
    Some(if due.time() == end_of_day() {
        due.format("%a %b %-d").to_string()
    } else {
        due.format("%a %b %-d, %H:%M").to_string()
    })
}

fn action(kind: ActionKind, task: &Task, text: String) -> Action {
    Action {
        kind,
        task_id: task.id.clone(),
        text,
    }
}

/// Runs one turn: reads `text`, acts, and answers.
pub async fn turn(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    text: &str,
) -> Result<TurnOutcome, AppError> {
    let command = read_command(text);
    let pending = state.pending.take();
    // An answer to a question asked in the previous turn.
    match (&pending, &command) {
        (Some(Pending::DeleteCompleted), Command::Yes) => return delete_completed(scope).await,
        (Some(Pending::DeleteCompleted), Command::No) | (Some(Pending::Choose { .. }), Command::No) => {
            return Ok(reply("OK, I left your tasks as they are."));
        }
        (
            Some(Pending::Choose { verb, arg, candidates }),
            Command::Unknown | Command::Complete(_) | Command::Delete(_) | Command::Reopen(_),
        ) if !matches!(command, Command::Unknown) || !text.trim().is_empty() => {
            let target = match &command {
                Command::Complete(t) | Command::Delete(t) | Command::Reopen(t) => t.clone(),
                _ => super::command::target(text),
            };
            let tasks = scope.recent_tasks(NAMEABLE_TASKS).await?;
            let choices: Vec<Task> = candidates
                .iter()
                .filter_map(|id| tasks.iter().find(|t| &t.id == id).cloned())
                .collect();
            let chosen = match &target {
                Target::Ordinal(n) => {
                    let i = if *n == usize::MAX {
                        choices.len().saturating_sub(1)
                    } else {
                        n.saturating_sub(1)
                    };
                    choices
                        .get(i)
                        .cloned()
                        .map(Resolution::Found)
                        .unwrap_or(Resolution::Missing)
                }
                _ => resolve(&target, &choices, &[], None, Prefer::Open),
            };
            if let Resolution::Found(task) = chosen {
                return act(scope, tz, state, *verb, arg.clone(), task).await;
            }
            // not an answer: read the message as a new command below
        }
        _ => {}
    }
    match command {
        Command::Help => Ok(reply(HELP)),
        Command::Unknown | Command::Yes | Command::No => Ok(reply(NOT_UNDERSTOOD)),
        Command::Add(text) => add(scope, tz, state, &text).await,
        Command::CreateProject(name) => projects::create_project(scope, &name).await,
        Command::ListProjects => projects::list_projects(scope).await,
        Command::AddSubtask(parent, text) => projects::add_subtask(scope, tz, state, parent, &text).await,
        Command::List(filter) => list(scope, tz, state, filter).await,
        Command::DeleteCompleted => {
            let done = scope
                .list_tasks(
                    &TaskQuery {
                        status: StatusFilter::Done,
                        limit: 200,
                        ..Default::default()
                    },
                    due_bounds(tz),
                )
                .await?
                .items
                .len();
            if done == 0 {
                return Ok(reply("You have no completed tasks to delete."));
            }
            state.pending = Some(Pending::DeleteCompleted);
            let n = if done >= 200 {
                "200 or more".to_owned()
            } else {
                done.to_string()
            };
            Ok(reply(&format!(
                "Delete all {n} completed task{}? Say “yes” to delete or “no” to keep them.",
                if done == 1 { "" } else { "s" }
            )))
        }
        Command::Complete(t) => targeted(scope, tz, state, Verb::Complete, None, t).await,
        Command::Reopen(t) => targeted(scope, tz, state, Verb::Reopen, None, t).await,
        Command::Rename(t, title) => targeted(scope, tz, state, Verb::Rename, Some(title), t).await,
        Command::Reschedule(t, when) => targeted(scope, tz, state, Verb::Reschedule, Some(when), t).await,
        Command::SetPriority(t, p) => {
            targeted(scope, tz, state, Verb::SetPriority, Some(p.as_str().to_owned()), t).await
        }
        Command::Delete(t) => targeted(scope, tz, state, Verb::Delete, None, t).await,
        Command::StopRepeating(t) => targeted(scope, tz, state, Verb::StopRepeating, None, t).await,
        Command::RemindBefore(t, minutes) => {
            targeted(scope, tz, state, Verb::Remind, Some(minutes.to_string()), t).await
        }
    }
}

fn reply(text: &str) -> TurnOutcome {
    TurnOutcome {
        reply: text.to_owned(),
        actions: Vec::new(),
    }
}

/// How many of the user's latest tasks a name is looked for in.
pub const NAMEABLE_TASKS: u64 = 1000;

async fn add(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    text: &str,
) -> Result<TurnOutcome, AppError> {
    // bounded before the date reader or the project names look at it
    if text.chars().nth(crate::domain::task::TITLE_MAX_CHARS * 2).is_some() {
        return Ok(reply(
            "That is too long for a task: keep the title to 200 characters or fewer.",
        ));
    }
    let (text, project) = projects::take_project(scope, text).await?;
    add_under(scope, tz, state, &text, project.as_ref(), None).await
}

/// Adds a task read from `text` (quick-add), in `project` or under `parent`.
async fn add_under(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    text: &str,
    project: Option<&crate::domain::project::Project>,
    parent: Option<&Task>,
) -> Result<TurnOutcome, AppError> {
    let quick = parse_quick_add(text, local_now(tz));
    let title = match TaskTitle::parse(&quick.title) {
        Ok(t) => t,
        Err(e) => return Ok(reply(&format!("I couldn't add that: {e}"))),
    };
    let tags = match Tags::parse(&quick.tags) {
        Ok(t) => t,
        Err(e) => return Ok(reply(&format!("I couldn't add that: {e}"))),
    };
    // "+groceries" in the text names a project too
    let named = match (&quick.project, project) {
        (Some(name), None) => scope.find_project_by_name(name).await?,
        _ => None,
    };
    let project = project.cloned().or(named);
    let recurrence = match quick
        .recurrence
        .as_ref()
        .map(crate::domain::recurrence::RecurrenceSpec::parse)
    {
        Some(Ok(spec)) => Some(spec),
        Some(Err(e)) => return Ok(reply(&format!("I couldn't read how it repeats: {e}"))),
        None => None,
    };
    let draft = TaskDraft {
        title,
        description: TaskDescription::default(),
        priority: quick.priority.unwrap_or_default(),
        due_at: quick.due.map(|d| to_utc(d, tz)),
        tags,
        project_id: project.as_ref().map(|p| p.id.clone()),
        parent_id: parent.map(|p| p.id.clone()),
        recurrence,
        reminders: (!quick.reminders.is_empty()).then(|| quick.reminders.clone()),
    };
    let task = match scope.create_task(draft).await {
        Ok(task) => task,
        Err(AppError::Validation { message, .. }) => return Ok(reply(&format!("I couldn't add that: {message}"))),
        Err(e) => return Err(e),
    };
    state.last_task = Some(task.id.clone());
    let mut details = Vec::new();
    if let Some(due) = describe_due(&task, tz) {
        details.push(format!("due {due}"));
    }
    if task.priority != Priority::None {
        details.push(format!("{} priority", task.priority));
    }
    if !task.tags.is_empty() {
        details.push(task.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" "));
    }
    if let Some(r) = &task.recurrence {
        // "every Mon and Thu": only the first letter changes
        let mut chars = r.text.chars();
        details.push(
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default(),
        );
    }
    let suffix = if details.is_empty() {
        String::new()
    } else {
        format!(" — {}", details.join(", "))
    };
    let place = project
        .filter(|p| !p.is_inbox)
        .map(|p| format!(" to {}", p.name))
        .unwrap_or_default();
    let line = format!("Added {}{place}{suffix}", quote(&task));
    Ok(TurnOutcome {
        reply: format!("{line}."),
        actions: vec![action(ActionKind::Added, &task, line)],
    })
}

async fn list(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    f: ListFilter,
) -> Result<TurnOutcome, AppError> {
    let status = f.status.unwrap_or(StatusFilter::Open);
    // "what's in my work project?", "what's left in plan party?"
    let mut place = None;
    let (mut project, mut parent) = (None, None);
    if let Some(raw) = &f.within {
        let tasks = scope.recent_tasks(NAMEABLE_TASKS).await?;
        match projects::resolve_within(scope, &tasks, raw).await? {
            projects::Within::Project(p) => {
                place = Some(format!("in {}", p.name));
                project = Some(p.id);
            }
            projects::Within::Task(t) => {
                place = Some(format!("under {}", quote(&t)));
                parent = Some(crate::domain::query::ParentFilter::Of(t.id));
            }
            projects::Within::Ask(question) => return Ok(reply(&question)),
            projects::Within::Missing(name) => {
                return Ok(reply(&format!("You have no project or task called “{name}”.")));
            }
        }
    }
    let query = TaskQuery {
        status,
        priority: f.priority,
        tag: f.tag.clone(),
        q: f.q.clone(),
        due: f.due,
        sort: if f.due.is_some() {
            SortOrder::Due
        } else {
            SortOrder::Created
        },
        limit: 20,
        cursor: None,
        project,
        parent,
    };
    let page = scope.list_tasks(&query, due_bounds(tz)).await?;
    state.last_listed = page.items.iter().map(|t| t.id.clone()).collect();
    let kind = match status {
        StatusFilter::Done => "completed ",
        StatusFilter::Open => "open ",
        StatusFilter::All => "",
    };
    let mut what = format!("{kind}task");
    if let Some(p) = f.priority {
        what = format!("{p} priority {what}");
    }
    let mut qualifiers = Vec::new();
    match f.due {
        Some(DueFilter::Today) => qualifiers.push("due today".to_owned()),
        Some(DueFilter::ThisWeek) => qualifiers.push("due this week".to_owned()),
        Some(DueFilter::Overdue) => qualifiers.push("overdue".to_owned()),
        Some(DueFilter::Tomorrow) => qualifiers.push("due tomorrow".to_owned()),
        Some(DueFilter::Next7Days) => qualifiers.push("due in the next 7 days".to_owned()),
        Some(DueFilter::TodayOrOverdue) => qualifiers.push("due today or overdue".to_owned()),
        Some(DueFilter::None) => qualifiers.push("without a due date".to_owned()),
        None => {}
    }
    if let Some(place) = place {
        qualifiers.push(place);
    }
    if let Some(tag) = &f.tag {
        qualifiers.push(format!("tagged #{tag}"));
    }
    if let Some(q) = &f.q {
        qualifiers.push(format!("about “{q}”"));
    }
    let qualifiers = if qualifiers.is_empty() {
        String::new()
    } else {
        format!(" {}", qualifiers.join(" "))
    };
    if page.items.is_empty() {
        return Ok(reply(&format!("You have no {what}s{qualifiers}.")));
    }
    let n = page.items.len();
    let more = if page.next_cursor.is_some() {
        " (the first 20)"
    } else {
        ""
    };
    let mut text = format!(
        "You have {n} {what}{}{qualifiers}{more}:",
        if n == 1 { "" } else { "s" }
    );
    for (i, task) in page.items.iter().enumerate() {
        text.push_str(&format!("\n{}. {}", i + 1, task.title));
        if let Some(due) = describe_due(task, tz) {
            text.push_str(&format!(" — due {due}"));
        }
        if task.priority == Priority::High {
            text.push_str(" (high priority)");
        }
        if task.completed && status == StatusFilter::All {
            text.push_str(" ✓");
        }
    }
    Ok(reply(&text))
}

async fn targeted(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    verb: Verb,
    arg: Option<String>,
    target: Target,
) -> Result<TurnOutcome, AppError> {
    let tasks = scope.recent_tasks(NAMEABLE_TASKS).await?;
    let prefer = if verb == Verb::Reopen {
        Prefer::Done
    } else {
        Prefer::Open
    };
    match resolve(&target, &tasks, &state.last_listed, state.last_task.as_deref(), prefer) {
        Resolution::Found(task) => act(scope, tz, state, verb, arg, task).await,
        Resolution::Ambiguous(candidates) => {
            let names: Vec<String> = candidates.iter().map(|t| t.title.clone()).collect();
            state.pending = Some(Pending::Choose {
                verb,
                arg,
                candidates: candidates.iter().map(|t| t.id.clone()).collect(),
            });
            state.last_listed = candidates.iter().map(|t| t.id.clone()).collect();
            Ok(reply(&format!("Which one: {}?", names.join(", "))))
        }
        Resolution::Missing => Ok(reply(&match target {
            Target::It => "Which task do you mean? Name it, or list your tasks first.".to_owned(),
            Target::Ordinal(_) => {
                "I don't have a list with that many tasks. Ask “what do I have to do?” first.".to_owned()
            }
            Target::Text(text) => format!("I couldn't find a task matching “{text}”."),
        })),
    }
}

async fn act(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    verb: Verb,
    arg: Option<String>,
    task: Task,
) -> Result<TurnOutcome, AppError> {
    state.last_task = Some(task.id.clone());
    let (kind, line) = match verb {
        Verb::Complete => {
            if task.completed {
                return Ok(reply(&format!("{} is already done.", quote(&task))));
            }
            let t = scope
                .update_task(
                    &task.id,
                    TaskPatch {
                        completed: Some(true),
                        ..Default::default()
                    },
                )
                .await?;
            // a recurring task moves on to its next occurrence
            let next = t
                .recurrence
                .as_ref()
                .filter(|_| !t.completed)
                .and(describe_due(&t, tz))
                .map(|due| format!(" — next due {due}"))
                .unwrap_or_default();
            (ActionKind::Completed, format!("Completed {}{next}", quote(&t)))
        }
        Verb::Remind => {
            let minutes: u32 = arg.as_deref().and_then(|m| m.parse().ok()).unwrap_or(0);
            if task.due_at.is_none() {
                return Ok(reply(&format!(
                    "{} has no due date to remind you before. Give it one first, like “move {} to friday 3pm”.",
                    quote(&task),
                    task.title
                )));
            }
            let new = crate::domain::reminder::ReminderSpec::Before(minutes);
            let mut specs: Vec<_> = task.reminders.iter().filter_map(|r| r.spec()).collect();
            if !specs.contains(&new) {
                if specs.len() >= crate::domain::reminder::REMINDERS_MAX {
                    return Ok(reply(&format!("{} has 5 reminders already.", quote(&task))));
                }
                specs.push(new);
            }
            let t = scope
                .update_task(
                    &task.id,
                    TaskPatch {
                        reminders: Some(specs),
                        ..Default::default()
                    },
                )
                .await?;
            let when = describe_due(&t, tz).map(|d| format!(" (due {d})")).unwrap_or_default();
            (
                ActionKind::Updated,
                format!("I'll remind you {} {}{when}", new.describe(), quote(&t)),
            )
        }
        Verb::StopRepeating => {
            if task.recurrence.is_none() {
                return Ok(reply(&format!("{} does not repeat.", quote(&task))));
            }
            let t = scope
                .update_task(
                    &task.id,
                    TaskPatch {
                        recurrence: Some(None),
                        ..Default::default()
                    },
                )
                .await?;
            (ActionKind::Updated, format!("{} no longer repeats", quote(&t)))
        }
        Verb::Reopen => {
            if !task.completed {
                return Ok(reply(&format!("{} is still open.", quote(&task))));
            }
            let t = scope
                .update_task(
                    &task.id,
                    TaskPatch {
                        completed: Some(false),
                        ..Default::default()
                    },
                )
                .await?;
            (ActionKind::Reopened, format!("Reopened {}", quote(&t)))
        }
        Verb::Rename => {
            let title = match TaskTitle::parse(arg.as_deref().unwrap_or_default()) {
                Ok(t) => t,
                Err(e) => return Ok(reply(&format!("I couldn't rename it: {e}"))),
            };
            let t = scope
                .update_task(
                    &task.id,
                    TaskPatch {
                        title: Some(title),
                        ..Default::default()
                    },
                )
                .await?;
            (
                ActionKind::Updated,
                format!("Renamed {} to {}", quote(&task), quote(&t)),
            )
        }
        Verb::Reschedule => {
            let when = arg.unwrap_or_default();
            // read the date with quick-add: "next monday", "friday 3pm", "in 3 days"
            let quick = parse_quick_add(&format!("x {when}"), local_now(tz));
            let Some(due) = quick.due.filter(|_| quick.title == "x") else {
                // "move the dentist to health": not a date, but one of the user's projects
                if let (_, Some(project)) = projects::take_project(scope, &format!("x to {when}")).await? {
                    let t = scope
                        .update_task(
                            &task.id,
                            TaskPatch {
                                project_id: Some(project.id.clone()),
                                ..Default::default()
                            },
                        )
                        .await?;
                    let line = format!("Moved {} to {}", quote(&t), project.name);
                    return Ok(TurnOutcome {
                        reply: format!("{line}."),
                        actions: vec![action(ActionKind::Updated, &t, line)],
                    });
                }
                return Ok(reply(&format!(
                    "I couldn't read “{when}” as a date or a project. Try “tomorrow 5pm”, “next monday” or a project's name."
                )));
            };
            let t = scope
                .update_task(
                    &task.id,
                    TaskPatch {
                        due_at: Some(Some(to_utc(due, tz))),
                        ..Default::default()
                    },
                )
                .await?;
            let due = describe_due(&t, tz).unwrap_or_default();
            (ActionKind::Updated, format!("Moved {} to {due}", quote(&t)))
        }
        Verb::SetPriority => {
            let priority: Priority = arg.as_deref().unwrap_or("none").parse().unwrap_or_default();
            let t = scope
                .update_task(
                    &task.id,
                    TaskPatch {
                        priority: Some(priority),
                        ..Default::default()
                    },
                )
                .await?;
            (ActionKind::Updated, format!("Set {} to {priority} priority", quote(&t)))
        }
        Verb::Delete => {
            let t = scope.delete_task(&task.id).await?;
            state.last_task = None;
            state.last_listed.retain(|id| id != &t.id);
            (ActionKind::Deleted, format!("Deleted {}", quote(&t)))
        }
    };
    Ok(TurnOutcome {
        reply: format!("{line}."),
        actions: vec![action(kind, &task, line)],
    })
}

async fn delete_completed(scope: &UserScope<'_>) -> Result<TurnOutcome, AppError> {
    let n = scope.delete_completed_tasks().await?;
    Ok(TurnOutcome {
        reply: format!("Deleted {n} completed task{}.", if n == 1 { "" } else { "s" }),
        actions: vec![Action {
            kind: ActionKind::Deleted,
            task_id: String::new(),
            text: format!("Deleted {n} completed tasks"),
        }],
    })
}
