//! Renaming: where a rename's old and new names part.
use super::{reading, Msg, Reading};
use crate::server::assistant::reader::lexicon::{priority_word, DONE_WORDS};
use crate::server::assistant::reader::slots::SlotKind;
use crate::server::assistant::reader::text::Kind;
use crate::server::assistant::reader::{Command, Target};

/// Where a rename's old and new names part: "rename A to B", "A should be called B".
pub fn rename(m: &Msg) -> Option<Reading> {
    #[rustfmt::skip]
    const LEADS: &[&str] = &[
        "rename", "retitle", "change the name of", "change the title of", "change name of", "change title of",
        "update the title of", "update the name of", "edit the title of", "edit the name of", "fix the title of",
        "fix the name of", "reword", "rephrase", "change the wording of", "rename the task",
    ];
    // ""Send invitations" should be "Send invitations by email"": two quoted names
    let quoted: Vec<usize> = (m.lo..m.hi).filter(|&k| m.w.tokens[k].kind == Kind::Quoted).collect();
    if let [a, b] = quoted.as_slice() {
        let between: Vec<&str> = (a + 1..*b).map(|k| m.lower(k)).collect();
        if matches!(
            between.as_slice(),
            ["should", "be"] | ["->"] | ["to"] | ["=>"] | ["becomes"] | ["should", "become"] | ["is", "now"]
        ) {
            if let Some(t) = m.target_in(*a, a + 1) {
                return reading(9.0, Command::Rename(t, m.w.original(*b, b + 1)));
            }
        }
    }
    #[rustfmt::skip]
    const MIDDLES: &[&str] = &[
        "should be named", "should be called", "should be titled", "should say", "should read", "needs to be called",
        "to be called", "be renamed to", "be renamed", "is now called", "is now named", "should be renamed to",
        "should be renamed", "must be called", "has to be called", "needs to be named", "should rather be called",
    ];
    let title = |from: usize| {
        let mut from = from;
        while matches!(
            m.lower(from),
            "to" | "as" | "into" | ":" | "-" | "say" | "read" | "says" | "reads" | "->" | "=>"
        ) {
            from += 1;
        }
        let mut to = m.hi;
        while to > from && matches!(m.lower(to - 1), "instead" | "please" | "thanks" | "now" | "then") {
            to -= 1;
        }
        let text = m.w.original(from, to);
        let text = text.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
        (!text.is_empty()).then(|| text.to_owned())
    };
    let target_in = |start: usize, end: usize| -> Target {
        if let Some(t) = m.target_in(start, end) {
            return t;
        }
        let words: Vec<&str> = (start..end).filter(|&i| !m.filler[i]).map(|i| m.w.lower(i)).collect();
        Target::Text(words.join(" "))
    };
    if let Some(len) = m.lead(&["call it", "name it", "title it", "rename it", "retitle it"]) {
        let new = title(m.lo + len)?;
        return reading(9.0, Command::Rename(Target::It, new));
    }
    // "fix the wording: rename X to Y": a lead after a colon counts as one at the start
    let lead_at = m.lead(LEADS).map(|l| (m.lo, l)).or_else(|| {
        (m.lo..m.hi)
            .find(|&k| m.w.tokens[k].kind == Kind::Punct(':'))
            .and_then(|c| super::longest_at(&m.w, c + 1, m.hi, LEADS).map(|l| (c + 1, l)))
    });
    if let Some((at, len)) = lead_at {
        let start = at + len;
        // the last "to"/"as" whose left side names a task ("rename go to gym to gym session")
        let seps: Vec<usize> = (start + 1..m.hi)
            .filter(|&i| matches!(m.w.lower(i), "to" | "as" | "into" | "->" | "=>" | ":"))
            .collect();
        // a left side that is a title exactly wins ("rename milk run to milk run to store")
        let named = seps.iter().rev().find(|&&s| is_a_title(m, start, s)).or_else(|| {
            seps.iter()
                .rev()
                .find(|&&s| !matches!(target_in(start, s), Target::Text(_)))
        });
        // "call the bank task: rename to …": the task was named before the lead
        if named.is_none() && at > m.lo {
            if let Some(t) = m.target_in(m.lo, at) {
                return reading(9.0, Command::Rename(t, title(start)?));
            }
        }
        let sep = named.or(seps.last()).copied()?;
        let new = title(sep)?;
        return reading(9.0, Command::Rename(target_in(start, sep), new));
    }
    if let Some((i, len)) = m.find(MIDDLES) {
        let new = title(i + len)?;
        return reading(9.0, Command::Rename(target_in(m.lo, i), new));
    }
    // "change 'A' to 'B'": not a date, a priority or a project
    let len = m.lead(&["change", "update", "edit", "switch", "make"])?;
    // the last "to" — or the one whose left side is a title exactly ("change send invoice to
    // acme to send invoice to acme corp")
    let seps: Vec<usize> = (m.lo + len + 1..m.hi)
        .filter(|&i| matches!(m.w.lower(i), "to" | "into"))
        .collect();
    let sep = seps
        .iter()
        .rev()
        .find(|&&s| is_a_title(m, m.lo + len, s))
        .or(seps.last())
        .copied()?;
    let after: Vec<&str> = (sep + 1..m.hi).map(|i| m.w.lower(i)).collect();
    let not_title = m
        .slots
        .iter()
        .any(|s| s.start > sep && !matches!(s.kind, SlotKind::ListWords))
        || after
            .iter()
            .any(|w| priority_word(w).is_some() || DONE_WORDS.contains(w))
        || after.is_empty();
    if not_title {
        return None;
    }
    let target = target_in(m.lo + len, sep);
    let quoted = m.w.tokens[m.lo + len..sep].iter().any(|t| t.kind == Kind::Quoted);
    let score = if quoted || matches!(target, Target::Tasks(_)) {
        8.0
    } else {
        5.5
    };
    reading(score, Command::Rename(target, title(sep)?))
}

/// Whether tokens `from..to` (a leading "the" or "my" aside) are a task's title exactly: where a
/// rename splits when its names hold a "to" themselves.
fn is_a_title(m: &Msg, from: usize, to: usize) -> bool {
    let words: Vec<&str> = (from..to)
        .map(|i| m.w.lower(i))
        .skip_while(|w| matches!(*w, "the" | "my"))
        .collect();
    let said = words.join(" ");
    m.known.titles.iter().any(|t| t.lower == said)
}
