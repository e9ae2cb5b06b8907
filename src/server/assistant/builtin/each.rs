//! Several tasks named in one request: "reopen water plants and feed the cat", "mark chart audit,
//! pay electric bill and restock done", "I paid the packaging supplier and called the flour
//! supplier", "move legal review and get CEO sign-off to monday". Each name is found on its own; all found, each task is changed (completions and
//! deletions as many are, so one "undo" takes them back, and more than two deletions asked
//! first); a name that fits several tasks or none is said, and nothing is changed.
use chrono_tz::Tz;

use super::act::Verb;
use super::{quote, reply, ConversationState, TurnOutcome};
use crate::domain::quick_add::{read_when, Said};
use crate::domain::task::Task;
use crate::error::AppError;
use crate::server::assistant::reader::{Command, Target};
use crate::server::assistant::resolve::{resolve, Prefer, Resolution};
use crate::server::repo::UserScope;
use crate::server::tasks::local_now;

/// The words such a request has besides the names, by the verb they say.
#[rustfmt::skip]
const COMPLETING: &[&str] = &[
    "done", "complete", "completed", "mark", "marked", "finish", "finished", "tick", "ticked", "check", "checked",
    "cross", "crossed", "off", "did",
];
#[rustfmt::skip]
const REOPENING: &[&str] = &["reopen", "re", "open", "uncomplete", "undo", "un"];
#[rustfmt::skip]
const DELETING: &[&str] = &["delete", "remove", "del", "rm", "drop", "scrap", "trash", "rid", "cancel"];
#[rustfmt::skip]
const MOVING: &[&str] = &["move", "push", "reschedule", "shift", "bump", "to", "until", "till", "for", "on"];
#[rustfmt::skip]
const OTHER: &[&str] = &[
    "the", "my", "task", "tasks", "both", "please", "pls", "plz", "can", "could", "you", "just", "also", "as",
    "i", "have", "i've", "ive", "get", "of", "from", "list", "todo", "todos", "now", "thanks", "thx", "ok",
    "okay", "oh", "hey", "w", "w/", "with", "kindly", "go", "ahead", "and", "all", "items",
];
/// Words said before a verb that starts a name ("and please delete …", "and i also did …").
#[rustfmt::skip]
const SAID_BEFORE: &[&str] = &["please", "pls", "plz", "also", "just", "i", "i've", "ive", "have", "can", "could", "you", "now", "ok", "okay", "oh", "go", "ahead"];
/// Words that say more than which tasks: such a message is read as before.
#[rustfmt::skip]
const MORE: &[&str] = &[
    "keep", "leave", "except", "but", "not", "instead", "without", "move", "push", "postpone", "reschedule",
    "rename", "tag", "untag", "remind", "add", "set", "make", "change", "don't", "dont", "never", "mind", "wait",
    "actually", "then", "every", "them", "those", "it", "that", "this", "one", "ones", "which", "what", "if",
];

/// The names a message gives, split at "and", "&", "+" and commas, without the request's own
/// words; `None` when it says more than which tasks, says another verb than `verb`'s at the start
/// of a name ("… and delete Y"; none: the reader read a done thing, "I paid X and called Y"), or
/// names fewer than two. The words of a task's whole title (`titles`, as [`phrase`] writes them)
/// are a name whatever they are ("take out the trash").
fn names_said(text: &str, verb: Verb, titles: &[String]) -> Option<Vec<String>> {
    let lower = text
        .replace('’', "'")
        .to_lowercase()
        .replace(['&', '+', ',', ';'], " and ");
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '/')
        .filter(|w| !w.is_empty())
        .collect();
    let mut titled = vec![false; words.len()];
    for title in titles {
        let title: Vec<&str> = title.split_whitespace().collect();
        for s in 0..(words.len() + 1).saturating_sub(title.len()) {
            if title.len() >= 2 && words[s..s + title.len()] == title[..] {
                titled[s..s + title.len()].fill(true);
            }
        }
    }
    // a verb of its own starts a name, past what is said before it ("and please delete …")
    let starts_name = |i: usize| {
        let before = words[..i].iter().rev().find(|w| !SAID_BEFORE.contains(*w));
        before.is_none_or(|w| matches!(*w, "and" | "n"))
    };
    let says = |i: usize, list: &[&str]| !titled[i] && list.contains(&words[i]);
    let own = match verb {
        Verb::Reopen => 1,
        Verb::Delete => 2,
        Verb::Reschedule => 3,
        _ => 0,
    };
    let others = [COMPLETING, REOPENING, DELETING, MOVING]
        .iter()
        .enumerate()
        .any(|(v, list)| v != own && v != 3 && (0..words.len()).any(|i| says(i, list) && starts_name(i)));
    let more = |i: usize| says(i, MORE) && !(own == 3 && MOVING.contains(&words[i]));
    // (a move says its verb first: "the office is off, push standup to thursday" is one move)
    let first = words.iter().find(|w| !SAID_BEFORE.contains(*w));
    let moved_first = first.is_some_and(|w| matches!(*w, "move" | "push" | "reschedule" | "shift" | "bump"));
    if others || (0..words.len()).any(more) || (own == 3 && !moved_first) {
        return None;
    }
    let own_words: &[&str] = if own == 3 { MOVING } else { &[] };
    let mut names = Vec::new();
    let mut name: Vec<&str> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if matches!(*w, "and" | "n") && !titled[i] {
            names.extend((!name.is_empty()).then(|| name.join(" ")));
            name.clear();
        } else if titled[i]
            || ![COMPLETING, REOPENING, DELETING, OTHER, own_words]
                .iter()
                .any(|l| l.contains(w))
        {
            name.push(w);
        }
    }
    names.extend((!name.is_empty()).then(|| name.join(" ")));
    (names.len() >= 2).then_some(names)
}

/// Lower-case words, single spaces, spaces at both ends.
fn phrase(s: &str) -> String {
    let words: Vec<String> = s
        .replace('’', "'")
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    format!(" {} ", words.join(" "))
}

/// A completion, reopening or deletion of several tasks named in one request, each found by its
/// own name (`None`: not that).
pub(super) async fn each_named(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    command: &Command,
    tasks: &[Task],
    text: &str,
) -> Result<Option<TurnOutcome>, AppError> {
    let (verb, day) = match command {
        Command::Complete(Target::Tasks(_) | Target::Text(_)) => (Verb::Complete, None),
        Command::Reopen(Target::Tasks(_) | Target::Text(_)) => (Verb::Reopen, None),
        Command::Delete(Target::Tasks(_) | Target::Text(_)) => (Verb::Delete, None),
        Command::Reschedule(Target::Tasks(_) | Target::Text(_), when) => (Verb::Reschedule, Some(when.clone())),
        _ => return Ok(None),
    };
    // "move legal review and get CEO sign-off to monday": the names are what is said before the day
    let text = match &day {
        Some(when) => match text.to_lowercase().rfind(&when.to_lowercase()) {
            Some(at) if text.is_char_boundary(at) => &text[..at],
            _ => return Ok(None),
        },
        None => text,
    };
    // a title with the joining word in it, said whole, is one task ("buy salt and pepper")
    let said = phrase(&text.replace(['&', '+'], " and "));
    let titles: Vec<String> = tasks
        .iter()
        .map(|t| phrase(&t.title.replace(['&', '+'], " and ")))
        .collect();
    // (one with "and" in it is a name of its own among others: its words are `titled` below)
    if tasks
        .iter()
        .zip(&titles)
        .any(|(t, title)| t.title.contains(',') && said.contains(title.as_str()))
    {
        return Ok(None);
    }
    let Some(names) = names_said(text, verb, &titles) else {
        return Ok(None);
    };
    let prefer = if verb == Verb::Reopen {
        Prefer::Done
    } else {
        Prefer::Open
    };
    let mut found: Vec<Task> = Vec::new();
    let mut unclear = Vec::new();
    for name in &names {
        match resolve(&Target::Text(name.clone()), tasks, &[], None, prefer) {
            Resolution::Found(t) if !found.iter().any(|f| f.id == t.id) => found.push(t),
            // two names of one task: read as before
            Resolution::Found(_) => return Ok(None),
            Resolution::Ambiguous(c) => {
                let fits: Vec<String> = c.iter().map(quote).collect();
                unclear.push(format!("“{name}” could be {}", fits.join(" or ")));
            }
            Resolution::Missing => unclear.push(format!("I couldn't find “{name}”")),
        }
    }
    if !unclear.is_empty() {
        let found: Vec<String> = found.iter().map(quote).collect();
        let found = if found.is_empty() {
            String::new()
        } else {
            format!(" I found {}.", found.join(", "))
        };
        return Ok(Some(reply(&format!(
            "{}.{found} I haven't changed anything: name each task as it is on your list.",
            unclear.join("; ")
        ))));
    }
    let ids: Vec<String> = found.iter().map(|t| t.id.clone()).collect();
    // the day read once, as a move of many keeps it
    let day = match day.as_deref().map(|when| read_when(when, local_now(tz))) {
        Some(Said::At(at)) => Some(super::many::move_arg(&at).0),
        Some(Said::Impossible(why)) => return Ok(Some(reply(&format!("{why} I moved nothing.")))),
        Some(Said::Unread) => return Ok(None),
        None => None,
    };
    if matches!(verb, Verb::Complete | Verb::Delete | Verb::Reschedule) {
        return super::many::all_of_them(scope, tz, state, (verb, &day), &ids)
            .await
            .map(Some);
    }
    let mut outcome = None;
    let mut changed = Vec::new();
    for id in ids {
        let next = super::act::targeted(scope, tz, state, verb, None, Target::Tasks(vec![id])).await?;
        changed.append(&mut state.undo);
        outcome = Some(super::followup::joined(outcome, next));
    }
    state.undo = changed;
    Ok(outcome)
}
