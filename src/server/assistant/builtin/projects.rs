//! The builtin assistant and projects: which project a phrase names ("to groceries", "on my
//! shopping list"), making and listing projects, subtasks, and "what's in <project or task>?".
//! Names are matched against the user's own projects and tasks only.
use chrono_tz::Tz;

use super::{quote, reply, ConversationState, TurnOutcome};
use crate::domain::chat::ActionKind;
use crate::domain::project::{project_key_from_words, Project, ProjectName};
use crate::domain::task::Task;
use crate::error::AppError;
use crate::server::assistant::reader::{place_kind, PlaceKind, Target};
use crate::server::assistant::resolve::{resolve, Prefer, Resolution};
use crate::server::repo::UserScope;

/// Projects named loosely: "groceries" finds "Groceries", "shopping" finds "Shopping list",
/// "grocery" finds "Groceries".
fn loose_key(name: &str) -> String {
    let key = project_key_from_words(name);
    let key = key
        .strip_suffix(" list")
        .or_else(|| key.strip_suffix(" project"))
        .unwrap_or(&key);
    let key = key
        .strip_prefix("my ")
        .or_else(|| key.strip_prefix("the "))
        .unwrap_or(key);
    // one word form for singular and plural: "groceries" and "grocery" both read "grocery"
    match key.strip_suffix("ies") {
        Some(stem) if !stem.is_empty() => format!("{stem}y"),
        _ => key
            .strip_suffix('s')
            .filter(|s| !s.ends_with('s'))
            .unwrap_or(key)
            .to_owned(),
    }
}

/// The user's project that `name` names, if exactly one does (the exact name first).
pub(super) fn match_project(projects: &[Project], name: &str) -> Option<Project> {
    let exact = project_key_from_words(name);
    if let Some(p) = projects.iter().find(|p| p.name.to_lowercase() == exact) {
        return Some(p.clone());
    }
    let key = loose_key(name);
    if key.is_empty() {
        return None;
    }
    let mut found = projects.iter().filter(|p| loose_key(&p.name) == key);
    match (found.next(), found.next()) {
        (Some(p), None) => Some(p.clone()),
        _ => None,
    }
}

/// The user's project called `name` (loosely: "groceries" finds "Groceries").
pub(super) async fn find_named(scope: &UserScope<'_>, name: &str) -> Result<Option<Project>, AppError> {
    Ok(match_project(&all_projects(scope).await?, name))
}

async fn all_projects(scope: &UserScope<'_>) -> Result<Vec<Project>, AppError> {
    let mut projects = scope.list_projects(false).await?;
    projects.extend(scope.list_projects(true).await?);
    Ok(projects)
}

/// "book a stall space to it by friday" (or "for it") after a project was made in the conversation: the
/// text without "to it", and that project (`None`: no such words, or no such project now).
pub(super) async fn to_the_project_made(
    scope: &UserScope<'_>,
    state: &ConversationState,
    text: &str,
) -> Result<Option<(String, Project)>, AppError> {
    let Some(id) = &state.last_project else {
        return Ok(None);
    };
    // (ASCII lower-casing keeps every byte where it was)
    // ("… to it, and …": the marks read as spaces, one byte for one)
    let lower = format!("{} ", text.to_ascii_lowercase().replace([',', '.', ';', '!', '?'], " "));
    let Some((at, len)) = [
        " to it ",
        " into it ",
        " in it ",
        " onto it ",
        " for it ",
        " to that ",
        " to this one ",
    ]
    .iter()
    .find_map(|m| lower.find(m).map(|at| (at, m.len())))
    .filter(|(at, _)| *at > 0) else {
        return Ok(None);
    };
    let project = match scope.get_project(id).await {
        Ok(project) => project,
        // deleted since
        Err(AppError::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    // ("for it" only just after it was made: "add pay for it" later is a title)
    let made_just_now = chrono::Utc::now() - project.created_at < chrono::Duration::minutes(10);
    if lower[at..].starts_with(" for it ") && !made_just_now {
        return Ok(None);
    }
    let rest = text.get(at + len - 1..).unwrap_or_default();
    Ok(Some((format!("{}{rest}", text.get(..at).unwrap_or_default()), project)))
}

/// Splits "oat milk to groceries" into ("oat milk", Groceries) when the end names one of the
/// user's projects; otherwise the text stays whole.
pub(super) async fn take_project(scope: &UserScope<'_>, text: &str) -> Result<(String, Option<Project>), AppError> {
    let lower = text.to_lowercase();
    let projects = all_projects(scope).await?;
    for marker in [
        " to my ", " to the ", " on my ", " on the ", " in my ", " in the ", " into ", " to ", " in ", " on ",
    ] {
        // the last such phrase: "add go to the gym to health" names "health"
        let Some(i) = lower.rfind(marker) else { continue };
        let (head, tail) = (&text[..i], &text[i + marker.len()..]);
        if head.trim().is_empty() {
            continue;
        }
        // quick-add markers may follow the name: "to groceries !high"
        let name_end = tail
            .find([' '])
            .filter(|_| tail.contains(['!', '#']))
            .unwrap_or(tail.len());
        let (name, rest) = tail.split_at(name_end);
        if let Some(project) = match_project(&projects, name) {
            return Ok((format!("{head}{rest}"), Some(project)));
        }
        if let Some(project) = match_project(&projects, tail) {
            return Ok((head.to_owned(), Some(project)));
        }
    }
    Ok((text.to_owned(), None))
}

pub(super) async fn create_project(
    scope: &UserScope<'_>,
    state: &mut ConversationState,
    name: &str,
) -> Result<TurnOutcome, AppError> {
    let name = match ProjectName::parse(name) {
        Ok(name) => name,
        Err(e) => return Ok(reply(&format!("I couldn't make that project: {e}"))),
    };
    let display = crate::domain::capitalised(name.as_str());
    let name = ProjectName::parse(&display).unwrap_or(name);
    match scope.create_project(name).await {
        Ok(project) => {
            state.last_project = Some(project.id.clone());
            let line = format!("Created the project “{}”", project.name);
            Ok(TurnOutcome {
                reply: format!("{line}. Add to it with “add … to {}”.", project.name.to_lowercase()),
                actions: vec![crate::domain::chat::Action {
                    kind: ActionKind::Added,
                    task_id: String::new(),
                    text: line,
                }],
            })
        }
        Err(AppError::Conflict { message }) => Ok(reply(&message)),
        Err(e) => Err(e),
    }
}

pub(super) async fn list_projects(scope: &UserScope<'_>) -> Result<TurnOutcome, AppError> {
    let projects = scope.list_projects(false).await?;
    let mut text = format!(
        "You have {} project{}:",
        projects.len(),
        if projects.len() == 1 { "" } else { "s" }
    );
    for p in &projects {
        text.push_str(&format!("\n- {} ({} open)", p.name, p.open_count));
    }
    Ok(reply(&text))
}

/// Every tag on the user's tasks (those an assistant turn reads), the most open tasks first, with
/// how many open tasks carry it.
pub(super) fn list_tags(tasks: &[Task]) -> TurnOutcome {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for task in tasks {
        for tag in &task.tags {
            let open = usize::from(!task.completed);
            match counts.iter_mut().find(|(t, _)| t == tag) {
                Some((_, n)) => *n += open,
                None => counts.push((tag.clone(), open)),
            }
        }
    }
    if counts.is_empty() {
        return reply("You have no tags yet. Tag a task with “tag X with work”, or write #work in a task.");
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let lines: Vec<String> = counts.iter().map(|(tag, n)| format!("\n- #{tag} ({n} open)")).collect();
    reply(&format!(
        "You use {} tag{}:{}",
        counts.len(),
        if counts.len() == 1 { "" } else { "s" },
        lines.concat()
    ))
}

/// "what repeats?": the open tasks that repeat, soonest first, each with how it repeats (they are
/// the list "the 2nd one" then names).
pub(super) fn list_repeating(state: &mut ConversationState, tasks: &[Task], tz: Tz) -> TurnOutcome {
    let mut found: Vec<&Task> = tasks
        .iter()
        .filter(|t| !t.completed && t.recurrence.is_some())
        .collect();
    if found.is_empty() {
        return reply("None of your tasks repeats. Say “add water the plants every sunday” for one that does.");
    }
    found.sort_by_key(|t| t.due_at);
    state.last_listed = found.iter().map(|t| t.id.clone()).collect();
    state.last_task = None;
    let lines: Vec<String> = found
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let how = t
                .recurrence
                .as_ref()
                .map(super::repeat_in_a_sentence)
                .unwrap_or_default();
            let next = super::describe_due(t, tz)
                .map(|d| format!(", next due {d}"))
                .unwrap_or_default();
            format!("\n{}. {} — {how}{next}", i + 1, t.title)
        })
        .collect();
    let n = found.len();
    reply(&format!(
        "You have {n} repeating task{}:{}",
        if n == 1 { "" } else { "s" },
        lines.concat()
    ))
}

/// What "in X" names.
pub(super) enum Within {
    Project(Project),
    Task(Box<Task>),
    Ask(String),
    Missing(String),
}

/// Reads "in X" against the user's projects and tasks. When both a project and a task have
/// that exact name, the question asks which (unless the user said "project" or "task").
pub(super) async fn resolve_within(scope: &UserScope<'_>, tasks: &[Task], raw: &str) -> Result<Within, AppError> {
    let (kind, name) = place_kind(raw);
    let projects = all_projects(scope).await?;
    let project = (kind != Some(PlaceKind::Task))
        .then(|| match_project(&projects, &name))
        .flatten();
    let task = if kind == Some(PlaceKind::Project) {
        None
    } else {
        match resolve(&Target::Text(name.clone()), tasks, &[], None, Prefer::Open) {
            Resolution::Found(t) => Some(t),
            _ => None,
        }
    };
    Ok(match (project, task) {
        (Some(p), Some(t)) if t.title.to_lowercase() == p.name.to_lowercase() => Within::Ask(format!(
            "Do you mean the project “{}” or the task “{}”? Say “what's in the {} project” or “what's left in the {} task”.",
            p.name,
            t.title,
            p.name.to_lowercase(),
            t.title.to_lowercase()
        )),
        (Some(p), _) => Within::Project(p),
        (None, Some(t)) => Within::Task(Box::new(t)),
        (None, None) => Within::Missing(name),
    })
}

/// "add a subtask to plan party: buy balloons".
pub(super) async fn add_subtask(
    scope: &UserScope<'_>,
    tz: chrono_tz::Tz,
    state: &mut ConversationState,
    parent: Target,
    text: &str,
) -> Result<TurnOutcome, AppError> {
    let tasks = super::nameable(scope, state).await?;
    let parent = match resolve(
        &parent,
        &tasks,
        &state.last_listed,
        state.last_task.as_deref(),
        Prefer::Open,
    ) {
        Resolution::Found(t) => t,
        Resolution::Ambiguous(c) => {
            let names: Vec<String> = c.iter().map(|t| t.title.clone()).collect();
            return Ok(reply(&format!("Which one: {}?", names.join(", "))));
        }
        Resolution::Missing => return Ok(reply("I couldn't find the task to add that subtask to.")),
    };
    let listed = listed(text, crate::server::tasks::local_now(tz));
    let mut added = Vec::new();
    for (text, _) in &listed {
        let mut outcome = super::add_under(scope, tz, state, text, None, Some(&parent), false).await?;
        let Some(first) = outcome.actions.first_mut() else {
            // (what was added before stays, and is said)
            return Ok(match added.is_empty() {
                true => outcome,
                false => reply(&format!("{}\n{}", said_added(&added, &listed, &parent), outcome.reply)),
            });
        };
        first.text = format!("{} under {}", first.text, quote(&parent));
        outcome.reply = format!("{}.", first.text);
        added.push(outcome);
    }
    if added.len() == 1 {
        return Ok(added.remove(0));
    }
    let reply = said_added(&added, &listed, &parent);
    Ok(TurnOutcome {
        reply,
        actions: added.into_iter().flat_map(|o| o.actions).collect(),
    })
}

/// "Added 3 subtasks under “thesis draft”: “outline”, “lit review”, “methods”." (one: its own line)
fn said_added(added: &[TurnOutcome], listed: &[(String, String)], parent: &Task) -> String {
    if let [one] = added {
        return one.reply.clone();
    }
    let titles: Vec<String> = listed[..added.len()]
        .iter()
        .map(|(_, title)| format!("“{title}”"))
        .collect();
    format!(
        "Added {} subtasks under {}: {}.",
        added.len(),
        quote(parent),
        titles.join(", ")
    )
}

/// "outline, lit review and methods", "outline, lit review, methods by friday": the subtasks a
/// list of names separated by commas says, each with what is said of them all (a day, tags);
/// any other text is one subtask. Each with its title.
fn listed(text: &str, now: chrono::NaiveDateTime) -> Vec<(String, String)> {
    let title = crate::domain::quick_add::parse_quick_add(text, now).title;
    let at = text
        .find(&title)
        .filter(|_| title.contains(", ") && !text.contains(['"', '“', '”']));
    let Some(at) = at else {
        return vec![(text.to_owned(), title)];
    };
    let mut names: Vec<&str> = title.split(", ").map(str::trim).collect();
    // "outline, lit review, and pros and cons": with the comma before "and", only commas part them
    if let Some(last) = names.pop() {
        match last.strip_prefix("and ") {
            Some(last) => names.push(last),
            None => match last.split_once(" and ").or_else(|| last.split_once(" & ")) {
                Some((one, two)) => names.extend([one, two]),
                None => names.push(last),
            },
        }
    }
    let short = |n: &&str| !n.is_empty() && n.split_whitespace().count() <= 6;
    // "invite Ann, Bob and Carl", "ask Kim, Lee and Pat for notes": one thing done with several
    // people, one subtask
    let named = |n: &&str| n.starts_with(|c: char| c.is_uppercase());
    let one_thing = names.first().is_some_and(|n| n.contains(' ')) && names.iter().skip(1).all(named);
    if names.len() < 2 || !names.iter().all(short) || one_thing {
        return vec![(text.to_owned(), title)];
    }
    names
        .iter()
        .map(|n| {
            (
                format!("{}{n}{}", &text[..at], &text[at + title.len()..]),
                (*n).to_owned(),
            )
        })
        .collect()
}
