//! The frames of requests that close or open a task or delete it, and the helpers every change
//! frame shares: each finds its cues anywhere in the message, takes the task it is about from the
//! mention (or "it", or the words that are left) and says how sure it is.
use super::{add, details, edits, postpone, reading, rename, Msg, Reading};
use crate::server::assistant::reader::lexicon::{priority_word, DELETE_CUES, DONE_CUES, DONE_WORDS, REOPEN_CUES};
use crate::server::assistant::reader::slots::SlotKind;
use crate::server::assistant::reader::text::{base_verb, Kind};
use crate::server::assistant::reader::{Command, Target};

/// The cue phrases a title may start with.
#[rustfmt::skip]
pub const CUE_PHRASES: &[&str] = &[
    "finish", "complete", "check", "close", "move", "push", "delay", "clean up", "clear", "drop", "cancel", "delete",
    "clean", "remove", "schedule", "reschedule", "rename", "tick", "mark", "set", "change", "check off", "tick off",
    "cross off", "mark off",
];

pub fn all(m: &Msg) -> Vec<Reading> {
    let mut out: Vec<Reading> = details::all(m);
    out.extend(
        [
            add::add(m),
            reopen(m),
            complete(m),
            delete(m),
            rename::rename(m),
            edits::priority(m),
            edits::priority_many(m),
            edits::reschedule(m),
            postpone::postpone(m),
            postpone::reschedule_many(m),
        ]
        .into_iter()
        .flatten(),
    );
    out
}

/// Words around a cue that belong to how it is said ("mark … as done", "is finished").
#[rustfmt::skip]
const AROUND: &[&str] = &[
    "as", "to", "is", "was", "are", "has", "been", "have", "now", "got", "all", "just", "already", "finally", "i",
    "am", "with", "be", "totally", "completely", "officially", "mark", "set", "flag", "make", "off", "can", "it",
    "went", "get", "actually", "after", "still", "yet", "also",
];

/// A mask of the cue at `i..i+len` with the words around it that only say how it is said.
fn cue_mask(m: &Msg, i: usize, len: usize) -> Vec<bool> {
    let mut s = i;
    while s > m.lo && AROUND.contains(&m.lower(s - 1)) && !m.in_mention(s - 1) && !is_pointer_word(m, s - 1) {
        s -= 1;
    }
    let mut e = i + len;
    while e < m.hi
        && (AROUND.contains(&m.lower(e)) || matches!(m.w.tokens[e].kind, Kind::Punct(_)))
        && !m.in_mention(e)
        && !is_pointer_word(m, e)
    {
        e += 1;
    }
    let mut spans = vec![(s, e)];
    // "mark"/"set" at the start say only that a change follows
    if matches!(m.lower(m.lo), "mark" | "set" | "flag" | "make" | "put") {
        spans.push((m.lo, m.lo + 1));
    }
    m.used(&spans)
}

pub fn is_pointer_word(m: &Msg, i: usize) -> bool {
    m.pointer.as_ref().is_some_and(|(s, e, _)| *s <= i && i < *e)
}

/// Whether a "not" (or "never", or "no") comes just before token `i`.
pub fn negated(m: &Msg, i: usize) -> bool {
    // ("never mind, delete that" is none, nor a "no" said as a word of its own: "oh wait no it IS
    // done"; and a negation before a comma is of what came before: "not needed, delete it")
    let window = i.saturating_sub(3).max(m.lo);
    let from = (window..i)
        .rev()
        .find(|&k| !m.w.tokens[k].is_word())
        .map_or(window, |p| p + 1);
    (from..i).any(|k| match m.lower(k) {
        "not" => true,
        "never" => m.lower(k + 1) != "mind",
        "no" => {
            let next = m.lower(k + 1);
            m.w.tokens.get(k + 1).is_some_and(|t| t.is_word())
                && !matches!(
                    next,
                    "wait" | "it" | "i" | "that" | "this" | "its" | "they" | "we" | "you"
                )
        }
        _ => false,
    })
}

/// "I bought the milk", "just called mom": a past tense with an object. The verb's base, and
/// where it is.
fn past_tense(m: &Msg) -> Option<(usize, String)> {
    let mut i = m.lo;
    let mut subject = false;
    while matches!(
        m.lower(i),
        "i" | "we" | "have" | "just" | "already" | "finally" | "also" | "totally" | "today"
    ) {
        subject = true;
        i += 1;
    }
    let word = m.lower(i);
    let base = base_verb(word)?;
    // "I didn't finish …" is not a completion
    if base == word || i + 1 >= m.hi || m.asks || (m.lo..i + 2).any(|k| m.lower(k) == "not") {
        return None;
    }
    // "we've got a team lunch on the 12th": had, on a day, not done
    if word == "got" && i > m.lo && m.lower(i - 1) == "have" && m.slot(|k| matches!(k, SlotKind::Date)).is_some() {
        return None;
    }
    (subject || m.mention.is_some()).then_some((i, base))
}

fn complete(m: &Msg) -> Option<Reading> {
    let cue = m.find_where(DONE_CUES, |i| {
        let word = m.lower(i);
        let next = m.lower(i + 1);
        // "needs to be done by saturday": when, not that it is done
        let future = (i.saturating_sub(3).max(m.lo)..i)
            .any(|k| matches!(m.lower(k), "needs" | "need" | "has" | "must" | "should" | "will" | "to"))
            && (i.saturating_sub(2).max(m.lo)..i).any(|k| m.lower(k) == "be");
        let asks_about = matches!(word, "check" | "checked" | "tick" | "close" | "closed")
            && matches!(next, "my" | "if" | "on" | "whether" | "what");
        // "dentist check up monday", "boiler check tuesday", "check in for the flight": a noun or
        // another verb; "check" ticks a task off said first ("check the milk") or with "off"
        let noun = word == "check"
            && (matches!(next, "up" | "in" | "out" | "-up")
                || (i != m.lo && next != "off" && !is_pointer_word(m, i + 1)));
        !(negated(m, i) || future || asks_about || noun)
            && !(word == "did" && (i != m.lo || (m.mention.is_none() && !is_pointer_word(m, i + 1))))
    });
    if m.asks || m.shows {
        return None;
    }
    // "cross the second one off", "tick the milk off": the verb and its "off" apart
    // (not "check if the oven is off")
    let split = matches!(m.lower(m.lo), "cross" | "tick" | "check" | "mark")
        && m.hi > m.lo + 2
        && m.lower(m.hi - 1) == "off"
        && !matches!(m.lower(m.lo + 1), "if" | "whether" | "that")
        && !matches!(m.lower(m.hi - 2), "is" | "are" | "was" | "switched" | "turned");
    let cue = cue.or(split.then_some((m.lo, 1)));
    if let Some((i, len)) = cue {
        let mut used = cue_mask(m, i, len);
        if split {
            used[m.hi - 1] = true;
        }
        // not "delete all the done ones", not "add check the mailbox every monday"
        // (nor "move all completed tasks to friday")
        let moving = matches!(
            m.lower(m.lo),
            "move" | "push" | "reschedule" | "postpone" | "shift" | "bump" | "delay"
        );
        let other = m.find(DELETE_CUES).is_some() || add::states_a_repeat(m) || m.lower(m.lo) == "add" || moving;
        if let Some(many) = super::many::many(m, &used).filter(|_| !other) {
            return reading(10.5, Command::CompleteMany(many));
        }
        let score = if m.mention.is_some() || m.pointer.is_some() {
            8.0
        } else {
            7.0
        };
        return reading(score, Command::Complete(m.target_or_rest(&used)));
    }
    // "the call got moved to sunday", "team sync was pushed to friday": moved, not done (without
    // a day too when said passively: "the dentist got pushed back a day")
    const MOVED: [&str; 7] = [
        "moved",
        "pushed",
        "rescheduled",
        "postponed",
        "shifted",
        "delayed",
        "bumped",
    ];
    let moving = |k: usize| !m.in_mention(k) && MOVED.contains(&m.lower(k));
    let moved =
        (m.lo..m.hi).any(|k| moving(k) || (!m.in_mention(k) && matches!(m.lower(k), "changed" | "switched" | "put")));
    let passive = (m.lo + 1..m.hi).any(|k| {
        moving(k)
            && matches!(
                m.lower(k - 1),
                "got" | "was" | "were" | "been" | "is" | "are" | "be" | "it's"
            )
    });
    if moved && (passive || m.slot(|k| matches!(k, SlotKind::Date)).is_some()) {
        return None;
    }
    // "team lunch is cancelled", "soccer got called off this thursday", "the party is off": not
    // done, and which of a repeat's days is not guessed — the task is asked about
    let cancelled = (m.lo..m.hi).any(|k| {
        !m.in_mention(k)
            && (matches!(m.lower(k), "cancelled" | "canceled")
                || (m.lower(k) == "called" && m.lower(k + 1) == "off")
                || (m.lower(k) == "off"
                    && k > m.lo
                    && matches!(m.lower(k - 1), "is" | "are" | "was" | "'s")
                    // said of the thing, then nothing more than when ("… is off this week")
                    && (k + 1..m.hi).all(|j| {
                        !m.w.tokens[j].is_word()
                            || m.filler[j]
                            || m.slots.iter().any(|s| s.start <= j && j < s.end)
                            || matches!(
                                m.lower(j),
                                "this" | "next" | "week" | "weekend" | "month" | "time" | "today" | "tonight" | "now"
                                    | "for" | "again"
                            )
                    })))
    });
    if cancelled {
        return m.target().and_then(|t| reading(7.0, Command::AskAbout(t)));
    }
    if let (None, Some((_, e, t))) = (&m.mention, &m.pointer) {
        // "it's fixed now", "that got sent"
        let mut k = *e;
        while matches!(
            m.lower(k),
            "is" | "was" | "got" | "has" | "been" | "now" | "all" | "finally" | "already"
        ) {
            k += 1;
        }
        if k > *e && k < m.hi && base_verb(m.lower(k)).is_some_and(|b| b != m.lower(k)) && !negated(m, k) {
            return reading(7.0, Command::Complete(t.clone()));
        }
    }
    if let Some(mention) = &m.mention {
        // "dog walked", "bought the milk": a past tense inside the name of a task
        let past_inside = (mention.start..mention.end).any(|k| {
            let w = m.lower(k);
            base_verb(w).is_some_and(|b| b != w) && !m.known.title_has_word(&mention.ids, w)
        });
        if past_inside {
            return reading(7.0, Command::Complete(Target::Tasks(mention.ids.clone())));
        }
        // "the tap is fixed", "the invitations were sent", "rent got paid"
        let mut k = mention.end;
        while matches!(
            m.lower(k),
            "is" | "was"
                | "are"
                | "were"
                | "got"
                | "has"
                | "have"
                | "been"
                | "now"
                | "all"
                | "finally"
                | "already"
                | "i"
                | "we"
        ) {
            k += 1;
        }
        let last = k + 1 >= m.hi;
        if (k > mention.end || last) && k < m.hi && base_verb(m.lower(k)).is_some_and(|b| b != m.lower(k)) {
            return reading(7.0, Command::Complete(Target::Tasks(mention.ids.clone())));
        }
    }
    let (i, base) = past_tense(m)?;
    let target = match m.target() {
        Some(t) => t,
        None => {
            let used = m.used(&[(m.lo, i + 1)]);
            Target::Text(format!("{base} {}", m.rest(&used)))
        }
    };
    reading(7.0, Command::Complete(target))
}

fn reopen(m: &Msg) -> Option<Reading> {
    let cue = m.find(REOPEN_CUES).or_else(|| {
        // "not done", "isn't finished after all", "haven't finished"
        m.find_where(DONE_CUES, |i| negated(m, i))
    });
    // "I didn't clean the garage", "I haven't renewed my passport yet"
    let denied = m.mention.as_ref().filter(|t| {
        negated(m, t.start)
            && m.find(&["did not", "have not", "has not", "not yet", "never"])
                .is_some()
    });
    let again = (m.lower(m.lo) == "open" && m.find(&["again"]).is_some()).then_some((m.lo, 1));
    let cue = match (cue.or(again), denied) {
        (Some(cue), _) => cue,
        (None, Some(t)) => (t.start.saturating_sub(1), 1),
        (None, None) => return None,
    };
    if (m.asks || m.shows) && !matches!(m.lower(m.lo), "reopen" | "undo" | "uncheck") {
        return None;
    }
    let (i, len) = cue;
    let mut used = cue_mask(m, i, len);
    // the negation itself, and "after all"
    for (k, mark) in used.iter_mut().enumerate().take(m.hi).skip(m.lo) {
        if matches!(
            m.lower(k),
            "not" | "never" | "after" | "all" | "yet" | "actually" | "really"
        ) && !m.in_mention(k)
        {
            *mark = true;
        }
    }
    reading(8.5, Command::Reopen(m.target_or_rest(&used)))
}

/// "delete all completed tasks", "clear everything": a bulk deletion, from the words after the
/// verb.
fn bulk(m: &Msg, from: usize) -> Option<Command> {
    let mut words: Vec<&str> = (from..m.hi).filter(|&i| !m.filler[i]).map(|i| m.lower(i)).collect();
    let all = words
        .iter()
        .any(|w| matches!(*w, "all" | "every" | "everything" | "whole" | "entire"));
    words.retain(|w| {
        !matches!(
            *w,
            "out"
                | "all"
                | "of"
                | "the"
                | "my"
                | "every"
                | "single"
                | "those"
                | "these"
                | "from"
                | "on"
                | "whole"
                | "entire"
                | "i"
                | "have"
                | "that"
                | "which"
                | "already"
                | "are"
                | "is"
                | "been"
                | "we"
                | "up"
                | "away"
        )
    });
    let generic = |w: &&str| {
        matches!(
            *w,
            "tasks"
                | "task"
                | "ones"
                | "one"
                | "items"
                | "todos"
                | "todo"
                | "to-do"
                | "to-dos"
                | "stuff"
                | "things"
                | "list"
                | "everything"
                | "them"
        )
    };
    let done = words
        .iter()
        .filter(|w| DONE_WORDS.contains(w) || **w == "checked")
        .count();
    if done >= 1
        && words
            .iter()
            .all(|w| DONE_WORDS.contains(w) || generic(w) || *w == "checked" || *w == "off")
    {
        return Some(Command::DeleteCompleted);
    }
    // "every single task, done or not"
    if all && words.iter().any(|w| DONE_WORDS.contains(w)) && (from..m.hi).any(|k| m.lower(k) == "or") {
        return Some(Command::DeleteAll);
    }
    // "delete them all" is about the list just shown
    let them = words.iter().any(|w| matches!(*w, "them" | "those" | "these"));
    if (all || words == ["list"]) && words.iter().all(generic) && !them {
        return Some(Command::DeleteAll);
    }
    None
}

fn delete(m: &Msg) -> Option<Reading> {
    let (i, len) = m.find(DELETE_CUES)?;
    // "take out the trash every monday": a new task that repeats, not a deletion; "…, don't
    // delete it", "don't let me forget": not one either
    if add::states_a_repeat(m) || negated(m, i) || (m.lower(i) == "forget" && i > m.lo && m.lower(i - 1) == "me") {
        return None;
    }
    let mut k = i + len;
    while matches!(m.lower(k), "the" | "its" | "that" | "this" | "my") && !m.in_mention(k) {
        k += 1;
    }
    // "remove all tags from X", "delete all of its reminders": a detail still
    let mut o = k;
    while matches!(
        m.lower(o),
        "all" | "any" | "every" | "both" | "of" | "the" | "its" | "his" | "her" | "their"
    ) && !m.in_mention(o)
    {
        o += 1;
    }
    let object = m.lower(o);
    let other_frame = [
        "due",
        "date",
        "deadline",
        "tag",
        "tags",
        "label",
        "labels",
        "priority",
        "alert",
        "alerts",
        "notification",
        "notifications",
        "reminder",
        "reminders",
        "note",
        "notes",
        "description",
        "recurrence",
        "repeat",
        "subtask",
        "project",
    ];
    // (a word of the task's own title is no detail: "delete tags for luggage")
    if (other_frame.contains(&object) && !m.in_mention(o))
        || m.w.tokens.get(o).is_some_and(|t| t.lower.starts_with('#'))
    {
        return None;
    }
    if let Some(command) = bulk(m, i + len) {
        return reading(10.0, command);
    }
    // "delete all tasks tagged old", "remove everything in the garage project" (not "remove the
    // old tag from all tasks": a detail taken off)
    // ("due" before a day is which tasks: "delete everything due tomorrow")
    let due_when = |k: usize| {
        matches!(m.lower(k), "due" | "deadline")
            && m.slots
                .iter()
                .any(|s| matches!(s.kind, SlotKind::Date) && (s.start == k + 1 || s.start == k))
    };
    let detail = (m.lo..m.hi).any(|k| other_frame.contains(&m.lower(k)) && m.lower(k) != "project" && !due_when(k));
    if let Some(many) = super::many::many(m, &m.used(&[(i, i + len)])).filter(|_| !detail) {
        return reading(10.5, Command::DeleteMany(many));
    }
    // "remove the work tag from X", "delete the reminder on it": a detail taken off, never the
    // task itself (not "delete date night", "remove buy price tags": words of a title)
    let taken_off = (m.lo..m.hi).any(|k| {
        other_frame.contains(&m.lower(k))
            && m.lower(k) != "project"
            && !m.in_mention(k)
            && matches!(m.lower(k + 1), "from" | "on" | "off" | "of" | "for")
    });
    if taken_off {
        return None;
    }
    // "drop the report to low priority", "drop X to friday": lowered or moved, not deleted
    let moved_to = m.slots.iter().any(|s| {
        matches!(s.kind, SlotKind::Priority(_) | SlotKind::Date)
            && s.start > i
            && matches!(m.lower(s.start.saturating_sub(1)), "to" | "until" | "till")
    });
    if moved_to
        || (!m.lower(m.hi.saturating_sub(1)).is_empty()
            && priority_word(m.lower(m.hi - 1)).is_some()
            && m.lower(m.hi - 2) == "to")
    {
        return None;
    }
    let cue = m.lower(i);
    if matches!(cue, "clear" | "clean" | "purge" | "wipe" | "archive" | "tidy" | "empty") || m.asks || m.shows {
        return None;
    }
    // "delete the home reno project": a project, never the last task talked about
    let project_named = (i + len..m.hi).any(|k| matches!(m.lower(k), "project" | "projects") && !m.in_mention(k))
        || m.slot(|s| matches!(s, SlotKind::Project(_))).is_some();
    if project_named && m.mention.is_none() && m.pointer.is_none() {
        return reading(
            10.5,
            Command::Clarify(
                "I only delete tasks. To delete a project, open it on the dashboard: Project actions → Delete (it says how many tasks go with it and asks first).".into(),
            ),
        );
    }
    let mut used = m.used(&[(i, i + len)]);
    for tail in [
        "from my list",
        "from the list",
        "off my list",
        "off the list",
        "from my tasks",
        "from my todo list",
        "from the tasks",
        "from my to-do list",
        "entirely",
        "completely",
    ] {
        if let Some((s, l)) = m.find(&[tail]) {
            used[s..s + l].iter_mut().for_each(|x| *x = true);
        }
    }
    // "forget about mom", "ditch the slides": a soft word, and a part of a title ("call mom",
    // "email Sarah the slides") may be what the task is about rather than the task — asked,
    // unless the whole title or "… task" is said
    let soft = matches!(
        cue,
        "forget" | "scratch" | "ditch" | "drop" | "toss" | "dump" | "axe" | "bin" | "kill" | "nuke" | "strike"
    );
    // ("delete", or "… off my list", "… entirely": firm whatever the word)
    let firm = (m.lo..m.hi).any(|k| matches!(m.lower(k), "delete" | "remove" | "erase" | "trash" | "discard"))
        || m.find(&[
            "off my list",
            "off the list",
            "from my list",
            "from the list",
            "entirely",
            "completely",
        ])
        .is_some();
    if let Some(named) = m.mention.as_ref().filter(|_| soft && !firm) {
        if !matches!(m.lower(named.end), "task" | "one" | "item" | "todo" | "thing")
            && !super::said::names_whole(m, named)
        {
            return reading(7.5, Command::AskAbout(Target::Tasks(named.ids.clone())));
        }
    }
    let score = if m.mention.is_some() || m.pointer.is_some() {
        7.5
    } else {
        7.0
    };
    reading(score, Command::Delete(m.target_or_rest(&used)))
}
