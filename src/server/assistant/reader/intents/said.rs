//! What is said around a request that changes its reading: a request said not to be done
//! (“don't delete the gym task”), “make it to X” (“I won't make it to office hours, move it to
//! monday”: the later “it” is X), and “…, don't let me forget” after a statement of when
//! something is (“lily's recital is on the 18th at 6, don't let me forget”: a task to add, never
//! a deletion).
use super::{Msg, TaskMention};
use crate::server::assistant::reader::lexicon::{GLUE, TASK_VERBS};
use crate::server::assistant::reader::mentions::{find_pointer, find_task};
use crate::server::assistant::reader::slots::SlotKind;
use crate::server::assistant::reader::text::{forms, Kind, Words};
use crate::server::assistant::reader::{Command, Known, Target};

/// “make it to X” in a message.
pub struct MakeItTo {
    /// Where X ends: a later “it” is looked for from here (the idiom's own “it” is none).
    pub end: usize,
    /// X's words, glue at the start left out.
    pub phrase: String,
    /// The task X names, if any.
    pub named: Option<TaskMention>,
    /// A later “it” (its span): X is what it points at.
    pub later_it: Option<(usize, usize)>,
    /// “I can't make it to the gym today” with nothing asked after: the task is asked about.
    pub cannot: bool,
}

pub fn make_it_to(w: &Words, lo: usize, hi: usize, weak: &[bool], filler: &[bool], known: &Known) -> Option<MakeItTo> {
    let k = (lo..hi.saturating_sub(3)).find(|&k| {
        matches!(w.lower(k), "make" | "makes" | "making") && w.lower(k + 1) == "it" && w.lower(k + 2) == "to"
    })?;
    let when = |j: usize| {
        weak[j]
            || matches!(
                w.lower(j),
                "this" | "next" | "today" | "tonight" | "tomorrow" | "on" | "at" | "by" | "in"
            )
    };
    let end = (k + 3..hi)
        .find(|&j| {
            !w.tokens[j].is_word()
                || when(j)
                || matches!(
                    w.lower(j),
                    "so" | "but" | "and" | "then" | "because" | "cause" | "can" | "could"
                )
        })
        .unwrap_or(hi);
    let negated = (k.saturating_sub(2)..k).any(|j| matches!(w.lower(j), "not" | "never"));
    // nothing asked after it: no verb said ("… on that day, sadly", not "…, move it")
    let verb = |j: usize| {
        forms(w.lower(j)).iter().any(|f| TASK_VERBS.contains(&f.as_str()))
            || matches!(w.lower(j), "set" | "mark" | "delete" | "remove" | "add" | "do" | "put")
    };
    let cannot = negated && (end..hi).all(|j| filler[j] || !w.tokens[j].is_word() || when(j) || !verb(j));
    let later_it = find_pointer(w, end, hi)
        .filter(|(_, _, t)| *t == Target::It && end > k + 3)
        .map(|(s, e, _)| (s, e));
    let phrase: Vec<&str> = (k + 3..end)
        .map(|j| w.lower(j))
        .skip_while(|x| GLUE.contains(x))
        .collect();
    Some(MakeItTo {
        end,
        phrase: phrase.join(" "),
        named: find_task(w, k + 3, end, known, weak),
        later_it,
        cannot,
    })
}

/// A reading decided by what is said around the request, before any frame is tried.
pub fn around(m: &Msg) -> Option<Command> {
    if m.asks {
        return None;
    }
    if m.cannot_make_it {
        return Some(
            m.mention
                .as_ref()
                .map_or(Command::Unknown, |t| Command::AskAbout(Target::Tasks(t.ids.clone()))),
        );
    }
    // "skip gym this thursday": which day of a repeat is not guessed — the task is asked about
    if matches!(m.lower(m.lo), "skip" | "skipping") {
        if let Some(t) = &m.mention {
            return Some(Command::AskAbout(Target::Tasks(t.ids.clone())));
        }
    }
    negated_request(m).or_else(|| not_to_forget(m))
}

/// “don't delete the gym task”, “do not mark it done”, “never move the standup”: nothing is
/// changed (“don't let me forget to …”, “don't remind me about …” are requests of their own).
fn negated_request(m: &Msg) -> Option<Command> {
    let verb = match (m.lower(m.lo), m.lower(m.lo + 1)) {
        ("do", "not") => m.lo + 2,
        ("never" | "not", _) => m.lo + 1,
        _ => return None,
    };
    let said = m.lower(verb);
    if matches!(said, "let" | "forget" | "remind" | "add" | "worry" | "bother") || verb >= m.hi {
        return None;
    }
    const CHANGES: &[&str] = &[
        "delete",
        "remove",
        "cancel",
        "drop",
        "erase",
        "trash",
        "scrap",
        "ditch",
        "kill",
        "bin",
        "clear",
        "complete",
        "finish",
        "mark",
        "tick",
        "check",
        "close",
        "move",
        "push",
        "reschedule",
        "postpone",
        "delay",
        "snooze",
        "change",
        "rename",
        "set",
        "make",
        "tag",
        "untag",
        "archive",
        "touch",
        "reopen",
        "edit",
        "update",
    ];
    CHANGES
        .contains(&said)
        .then(|| Command::Clarify("OK, I haven't changed anything.".into()))
}

/// “lily's recital is on the 18th at 6, don't let me forget”: what comes before the comma is a
/// task to add, its date said after “is” (or a task of exactly that name moved to it); never a
/// deletion of a task that shares a word with it.
fn not_to_forget(m: &Msg) -> Option<Command> {
    const TAILS: &[&[&str]] = &[
        &["do", "not", "let", "me", "forget"],
        &["do", "not", "forget"],
        &["never", "let", "me", "forget"],
    ];
    let comma = (m.lo..m.hi).rev().find(|&j| !m.w.tokens[j].is_word())?;
    let tail: Vec<&str> = (comma + 1..m.hi).map(|j| m.lower(j)).collect();
    let tail = tail
        .strip_suffix(&["it"])
        .or_else(|| tail.strip_suffix(&["that"]))
        .or_else(|| tail.strip_suffix(&["this"]))
        .unwrap_or(&tail);
    if !TAILS.contains(&tail) || comma <= m.lo {
        return None;
    }
    let is = (m.lo + 1..comma).find(|&j| matches!(m.lower(j), "is" | "are" | "was"));
    let text = |a: usize, b: usize| -> String {
        let (Some(first), Some(last)) = (m.w.tokens.get(a), m.w.tokens.get(b.saturating_sub(1))) else {
            return String::new();
        };
        m.w.text
            .get(first.start..last.end)
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    let Some(is) = is else {
        return Some(Command::Add(text(m.lo, comma)));
    };
    let name = text(m.lo, is);
    let when = text(is + 1, comma);
    let bare = name
        .to_lowercase()
        .trim_start_matches("the ")
        .trim_start_matches("my ")
        .to_owned();
    let same: Vec<String> = m
        .known
        .titles
        .iter()
        .filter(|t| t.lower == bare)
        .map(|t| t.id.clone())
        .collect();
    if !same.is_empty() && !when.is_empty() {
        return Some(Command::Reschedule(Target::Tasks(same), when));
    }
    // "the plumber visit is friday": the title is "plumber visit"
    let name = ["the ", "The ", "my ", "My "]
        .iter()
        .find_map(|d| name.strip_prefix(d))
        .unwrap_or(&name);
    Some(Command::Add(format!("{name} {when}")))
}

/// "actually sunday", "no wait, every monday", "friday instead": a correction of the last
/// change, only a date or a repeat said — for the task talked about last ("it").
pub fn correction(m: &Msg) -> Option<Command> {
    let corrects = (0..m.lo).any(|k| matches!(m.w.lower(k), "actually" | "no" | "wait" | "sorry" | "oops" | "rather"))
        || (m.lo..m.w.tokens.len()).any(|k| m.w.lower(k) == "instead");
    if !corrects || m.mention.is_some() {
        return None;
    }
    let only = |kind: fn(&SlotKind) -> bool| {
        let slot = m.slot(kind)?;
        (m.lo..m.hi)
            .all(|k| {
                m.filler[k] || !m.w.tokens[k].is_word() || (slot.start <= k && k < slot.end) || m.lower(k) == "instead"
            })
            .then(|| m.w.original(slot.start, slot.end))
    };
    if let Some(words) = only(|k| matches!(k, SlotKind::Repeat)) {
        return Some(Command::SetRepeat(Target::It, words));
    }
    only(|k| matches!(k, SlotKind::Date)).map(|words| Command::Reschedule(Target::It, words))
}

/// "ok so im a nurse and my roster is all over the place. can you add night shift wednesday
/// 7pm": what is said before a sentence that starts with a request is context; the request is
/// read alone (the message's text from that sentence on).
pub fn request_after_context<'m>(w: &Words, message: &'m str) -> Option<&'m str> {
    const LEADS: &[&[&str]] = &[
        &["can", "you"],
        &["could", "you"],
        &["would", "you"],
        &["please"],
        &["pls"],
        &["add"],
        &["remind", "me"],
        &["put"],
    ];
    let n = w.tokens.len();
    let start = (1..n).rev().find(|&k| {
        matches!(w.tokens[k - 1].kind, Kind::Punct('.' | '!' | '?' | ';'))
            && k >= 3
            && LEADS.iter().any(|lead| {
                lead.iter().enumerate().all(|(i, word)| w.lower(k + i) == *word)
                    // something of its own after the lead ("… friday!! add that" is one request)
                    && (k + lead.len()..n).any(|j| {
                        w.tokens[j].is_word()
                            && !matches!(
                                w.lower(j),
                                "it" | "that" | "this" | "them" | "pls" | "please" | "too" | "also" | "to"
                            )
                    })
            })
    })?;
    // the tokens' offsets are in the straightened text; the message's own text is cut where the
    // same characters start (straightening keeps the number of characters)
    let chars = w.text.get(..w.tokens[start].start)?.chars().count();
    let at = message.char_indices().nth(chars).map(|(i, _)| i)?;
    message.get(at..)
}
