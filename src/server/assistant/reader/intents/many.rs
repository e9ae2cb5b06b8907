//! "all overdue tasks", "everything tagged errands", "them all", "today's tasks": the many tasks a
//! change is about, as the filter of the list that would show them.
use super::Msg;
use crate::server::assistant::reader::text::forms;
use crate::server::assistant::reader::{Command, ListFilter};

/// Words that only say "all of them".
const ALL_OF: &[&str] = &[
    "all",
    "every",
    "each",
    "everything",
    "of",
    "them",
    "those",
    "these",
    "the",
    "my",
    "ones",
    "one",
    "tasks",
    "task",
    "items",
    "todos",
    "things",
    "single",
    "listed",
    "above",
    "at",
    "once",
];

/// "all overdue tasks", "everything tagged errands", "them all": many tasks, by a list's filter
/// (`None`: the last list shown). Only with "all", "every" or "everything", and no task named.
pub(super) fn many(m: &Msg, used: &[bool]) -> Option<Option<ListFilter>> {
    // a task named, or "it" ("it's all done"), is one task; "them" is many
    let one = m
        .pointer
        .as_ref()
        .is_some_and(|(s, _, _)| !matches!(m.lower(*s), "them" | "those" | "these"));
    // ("move all my payroll stuff to wednesday": "payroll" of "Run payroll" is the project's
    // name there, said as a kind of tasks after "all")
    let kind_of_tasks = m.mention.as_ref().is_some_and(|t| {
        matches!(m.lower(t.end), "tasks" | "stuff" | "things" | "items" | "todos")
            && (m.lo..t.start).any(|i| matches!(m.lower(i), "all" | "every" | "everything"))
    });
    if (m.mention.is_some() && !kind_of_tasks) || one {
        return None;
    }
    let rest: Vec<usize> = (m.lo..m.hi)
        .filter(|&i| !used.get(i).copied().unwrap_or(false) && !m.filler[i])
        .collect();
    let all = |i: &usize| matches!(m.lower(*i), "all" | "every" | "everything" | "each");
    let them = rest
        .iter()
        .any(|&i| matches!(m.lower(i), "them" | "those" | "these" | "listed" | "above"));
    // "all done" alone is about the last task; "mark them all done" about the last list
    // the "all" may stand in the cue's words ("complete all overdue tasks"); "today's tasks",
    // "tomorrow's stuff" say it too
    let of_a_day = (m.lo..m.hi.saturating_sub(1))
        .any(|i| m.possessive(i) && matches!(m.lower(i + 1), "tasks" | "stuff" | "things" | "todos" | "items"));
    if rest.is_empty() || !(of_a_day || (m.lo..m.hi).any(|i| all(&i) && !m.in_mention(i))) {
        return None;
    }
    if rest.iter().all(|&i| ALL_OF.contains(&m.lower(i))) {
        // "mark everything as done": every open task
        return Some((!them).then(ListFilter::default));
    }
    let words: Vec<String> = rest.iter().map(|&i| m.w.original(i, i + 1)).collect();
    let question = format!("show {}", words.join(" "));
    let asked = super::Msg::new(&question, m.known);
    match super::questions::list(&asked)?.command {
        Command::List(mut f) => {
            if f.q.is_none() {
                f.q = kind_named(&asked);
            }
            Some(Some(f))
        }
        _ => None,
    }
}

/// Words a list's filter reads, never a kind of task ("everything tagged errands", "all the high
/// priority ones without a date").
#[rustfmt::skip]
const NOT_KINDS: &[&str] = &[
    "show", "stuff", "todo", "due", "open", "overdue", "done", "completed", "finished", "tagged", "tag", "tags",
    "label", "labelled", "labeled", "with", "without", "date", "dates", "remaining", "pending", "left", "priority",
    "high", "low", "medium", "urgent", "important", "today", "tomorrow", "week", "month", "project", "list",
    "undated", "late", "outstanding", "unfinished", "incomplete", "current", "in", "on", "for", "from", "this",
    "next", "that", "are", "is", "have", "has", "no",
];

/// "all of the friday interviews": a word no filter reads that names a word of the user's tasks
/// ("interview Sam", "interview Lee") keeps to the tasks with it — the last such word said ("the
/// friday team interviews": interviews).
fn kind_named(asked: &super::Msg) -> Option<String> {
    let in_slot = |k: usize| asked.slots.iter().any(|s| s.start <= k && k < s.end);
    (asked.lo..asked.hi)
        .rev()
        .filter(|&k| asked.w.tokens[k].is_word() && !asked.filler[k] && !in_slot(k))
        .filter(|&k| {
            let w = asked.lower(k);
            !ALL_OF.contains(&w)
                && !NOT_KINDS.contains(&w)
                && !asked.known.is_tag(w)
                && asked.known.project_named(w).is_none()
        })
        .filter_map(|k| {
            let forms = forms(asked.lower(k));
            asked
                .known
                .titles
                .iter()
                .find_map(|t| t.word_named(&forms).map(str::to_owned))
        })
        .next()
}
