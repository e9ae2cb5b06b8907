//! What is said around a request that changes its reading: a request said not to be done
//! (“don't delete the gym task”), “make it to X” (“I won't make it to office hours, move it to
//! monday”: the later “it” is X), and “…, don't let me forget” after a statement of when
//! something is (“lily's recital is on the 18th at 6, don't let me forget”: a task to add, never
//! a deletion).
use super::{Msg, TaskMention};
use crate::server::assistant::reader::lexicon::{COMMAND_VERBS, GLUE};
use crate::server::assistant::reader::mentions::{find_pointer, find_task};
use crate::server::assistant::reader::slots::SlotKind;
use crate::server::assistant::reader::text::{forms, is_task_verb, words, Kind, Words};
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
    let verb = |j: usize| is_task_verb(w.lower(j)) || is_command_verb(w.lower(j)) || matches!(w.lower(j), "add" | "do");
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
    if let Some(command) = again(m) {
        return Some(command);
    }
    // "!!", "ok !!", "wow !!": a sound, not a priority for the task talked about
    if (m.lo..m.hi).all(|k| m.filler[k] || !m.w.tokens[k].is_word() || matches!(m.lower(k), "!!" | "!!!")) {
        return Some(Command::Smalltalk(false));
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
        ("never", next) if next != "mind" => m.lo + 1,
        ("not", _) => m.lo + 1,
        _ => return None,
    };
    let said = m.lower(verb);
    if matches!(said, "let" | "forget" | "remind" | "add" | "worry" | "bother") || verb >= m.hi {
        return None;
    }
    (is_command_verb(said) || is_task_verb(said)).then(|| Command::Clarify("OK, I haven't changed anything.".into()))
}

/// Whether a word (or its base) asks for a change: "push", "flagged", "bumping".
fn is_command_verb(word: &str) -> bool {
    forms(word).iter().any(|f| COMMAND_VERBS.contains(&f.as_str()))
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
    let same = |name: &str| -> Vec<String> {
        let bare = name.to_lowercase();
        let bare = ["the ", "my "]
            .iter()
            .find_map(|d| bare.strip_prefix(d))
            .unwrap_or(&bare)
            .to_owned();
        m.known
            .titles
            .iter()
            .filter(|t| t.lower == bare)
            .map(|t| t.id.clone())
            .collect()
    };
    let Some(is) = is else {
        // "pay rent, don't forget" with "Pay rent" on the list: asked about, not added twice
        let name = text(m.lo, comma);
        let ids = same(&name);
        return Some(if ids.is_empty() {
            Command::Add(name)
        } else {
            Command::AskAbout(Target::Tasks(ids))
        });
    };
    let name = text(m.lo, is);
    let when = text(is + 1, comma);
    let same = same(&name);
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
    let fixed = match only(|k| matches!(k, SlotKind::Repeat)) {
        Some(words) => Command::SetRepeat(Target::It, words),
        None => Command::Reschedule(Target::It, only(|k| matches!(k, SlotKind::Date))?),
    };
    Some(Command::Correct(Box::new(fixed)))
}

/// A message's last sentence that starts with a request ("… place. Can you add night shift
/// wednesday 7pm"), and what comes before it.
pub struct Sentences<'m> {
    pub before: &'m str,
    pub request: &'m str,
    /// What comes before asks something itself, or names a task: two requests ("Move the
    /// dentist to friday. Please add buy milk"), each done in turn; else it is only context ("ok
    /// so im a nurse and my roster is all over the place."), and the request is read alone.
    pub before_asks: bool,
}

/// The token a later sentence that starts with a request starts at.
pub fn request_start(w: &Words) -> Option<usize> {
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
    (1..n).rev().find(|&k| {
        matches!(w.tokens[k - 1].kind, Kind::Punct('.' | '!' | '?' | ';'))
            && k >= 3
            && LEADS.iter().any(|lead| {
                lead.iter().enumerate().all(|(i, word)| w.lower(k + i) == *word)
                    // something of its own after the lead ("… friday!! add that" is one request),
                    // and nothing pointing back at the context ("… report. Please mark it done")
                    && (k + lead.len()..n).any(|j| {
                        w.tokens[j].is_word()
                            && !matches!(
                                w.lower(j),
                                "it" | "that" | "this" | "them" | "pls" | "please" | "too" | "also" | "to" | "remind"
                                    | "me"
                            )
                    })
                    && !(k..n).any(|j| matches!(w.lower(j), "it" | "that" | "this" | "them" | "those" | "these" | "its"))
            })
    })
}

pub fn last_request<'m>(message: &'m str, known: &Known) -> Option<Sentences<'m>> {
    let w = &words(message);
    let start = request_start(w)?;
    let before = message_before(w, message, start)?;
    let first = words(before);
    let named = find_task(&first, 0, first.tokens.len(), known, &vec![false; first.tokens.len()]);
    let before_asks =
        named.is_some() || !matches!(super::read(before, known), Command::Unknown | Command::Smalltalk(_));
    Some(Sentences {
        before,
        request: message.get(before.len()..)?,
        before_asks,
    })
}

/// The message's own text before token `start`: the tokens' offsets are in the straightened
/// text, so it is cut where the same characters start (straightening keeps the number of
/// characters).
fn message_before<'m>(w: &Words, message: &'m str, start: usize) -> Option<&'m str> {
    let chars = w.text.get(..w.tokens.get(start)?.start)?.chars().count();
    let at = message.char_indices().nth(chars).map(|(i, _)| i)?;
    message.get(..at)
}

/// "also soccer", "and the lebkuchen one too", "same for order flour", "the bread as well": one of
/// the user's tasks named with nothing but a word of "again" around it.
fn again(m: &Msg) -> Option<Command> {
    let mention = m.mention.as_ref()?;
    let outside: Vec<&str> = (m.lo..m.hi)
        .filter(|&k| !(mention.start <= k && k < mention.end) && m.w.tokens[k].is_word())
        .map(|k| m.lower(k))
        .collect();
    // "also" as a lead is a filler: look before `lo` too
    let lead_also = (0..m.lo).any(|k| matches!(m.w.lower(k), "also" | "and"));
    let marked = lead_also
        || outside
            .iter()
            .any(|w| matches!(*w, "also" | "too" | "same" | "ditto" | "well"));
    let only_glue = outside.iter().all(|w| {
        matches!(
            *w,
            "also"
                | "too"
                | "same"
                | "ditto"
                | "as"
                | "well"
                | "for"
                | "with"
                | "the"
                | "one"
                | "task"
                | "do"
                | "and"
                | "please"
                | "goes"
                | "that"
                | "thing"
                | "my"
        )
    });
    (marked && only_glue).then(|| Command::Again(Target::Tasks(mention.ids.clone())))
}
