//! How a task the user has repeats: "make the gym repeat every tue and thu", "make that every
//! other tuesday", "stop repeating the gym".
use super::details::{target_between, target_span};
use super::{reading, Msg, Reading};
use crate::server::assistant::reader::slots::SlotKind;
use crate::server::assistant::reader::{Command, Target};

pub(super) fn stop_repeating(m: &Msg) -> Option<Reading> {
    #[rustfmt::skip]
    const CUES: &[&str] = &[
        "stop repeating", "stop the recurrence of", "stop the recurrence", "stop recurring", "do not repeat",
        "no longer repeat", "remove the recurrence from", "remove the recurrence", "remove the repeat from",
        "remove the repeat", "cancel the recurrence of", "cancel the recurrence", "should stop repeating",
        "stops repeating", "should not repeat", "one-off", "one off", "non-recurring", "not recurring",
        "no longer recurring", "stop the repetition", "turn off the repeat", "turn off repeating", "end the series",
        "not repeat", "not a recurring", "stop it repeating", "stop the repeat", "no more repeating",
        "does not need to repeat", "make it not repeat", "stop repeat", "cancel the repeat", "unrepeat",
        "no longer needs to repeat", "not need to repeat", "one-time", "one time", "just once", "only once",
        "only needs doing once", "turn off the recurrence", "turn off recurrence", "turn off the repetition",
        "disable the repeat", "disable recurrence", "not recur", "should not recur", "stop recurrence",
        "non-repeating", "stop it from repeating", "cancel the repeating", "no longer recur",
    ];
    // ("tick the 3rd one off": the "one" is the list's, and the task is done)
    let (i, len) = m.find_where(CUES, |i| m.pointer.as_ref().is_none_or(|(s, e, _)| i < *s || i >= *e))?;
    let skip = [
        "make", "a", "the", "of", "from", "task", "anymore", "any", "more", "again", "should", "it", "is", "for", "on",
        "to",
    ];
    let before = target_between(m, m.lo, i, &skip);
    let target = match before {
        Target::It if m.pointer.is_none() => target_between(m, i + len, m.hi, &skip),
        t => t,
    };
    reading(10.0, Command::StopRepeating(target))
}

/// "make the gym repeat every tue and thu", "change laundry to every sunday", "gym should be every
/// tuesday", "repeat laundry every sunday", "make it weekly": how a task the user has repeats from
/// now on. A repeat inside the task's own title, or said while adding, is not one.
pub(super) fn set_repeat(m: &Msg) -> Option<Reading> {
    let repeat = m.slot(|k| matches!(k, SlotKind::Repeat))?;
    // "make that every other tuesday", "change this to weekly": the task talked about last
    let that = (m.lo..repeat.start)
        .filter(|&k| !m.filler[k])
        .map(|k| m.lower(k))
        .collect::<Vec<_>>();
    if m.mention.is_none()
        && matches!(
            that[..],
            ["make" | "change" | "set" | "switch", "that" | "this"]
                | ["change" | "set" | "switch", "that" | "this", "to"]
        )
    {
        return reading(9.0, Command::SetRepeat(Target::It, m.w.original(repeat.start, m.hi)));
    }
    let (start, end) = target_span(m)?;
    if repeat.start < end && repeat.end > start {
        return None;
    }
    let changed = m
        .lead(&["make", "change", "set", "switch", "repeat", "have", "let", "turn"])
        .is_some()
        || m.find(&[
            "should be",
            "should repeat",
            "to repeat",
            "repeat",
            "repeats",
            "recur",
            "recurs",
            "should happen",
        ])
        .is_some()
        || said_of_the_task(m, start, end);
    if !changed || m.lead(&["add", "create", "new", "stop", "don't", "do not"]).is_some() || m.asks {
        return None;
    }
    // a time said with it ("every weekday at 9am") goes with it
    let mut words = m.w.original(repeat.start, repeat.end);
    if let Some(date) = m
        .slot(|k| matches!(k, SlotKind::Date))
        .filter(|d| d.start >= end || d.end <= start)
    {
        words = format!("{words} {}", m.w.original(date.start, date.end));
    }
    let target = m.target()?;
    reading(9.0, Command::SetRepeat(target, words))
}

/// "meal prep is now every 2 weeks on sunday", "pay car rego each month on the last friday": the
/// task named first, then only how it repeats (and when).
fn said_of_the_task(m: &Msg, start: usize, end: usize) -> bool {
    let in_slot = |k: usize| {
        m.slots
            .iter()
            .any(|s| matches!(s.kind, SlotKind::Repeat | SlotKind::Date) && s.start <= k && k < s.end)
    };
    // the whole title said: "call mom every sunday" is no repeat for "Call mom about the trip"
    let whole = m.mention.as_ref().is_some_and(|t| {
        let said: Vec<&str> = (t.start..t.end)
            .filter(|&k| m.w.tokens[k].is_word())
            .map(|k| m.lower(k))
            .skip_while(|w| matches!(*w, "the" | "my"))
            .collect();
        let said = said.join(" ");
        m.known
            .titles
            .iter()
            .any(|title| t.ids.contains(&title.id) && title.lower == said)
    });
    start == m.lo
        && whole
        && (end..m.hi).all(|k| {
            m.filler[k]
                || in_slot(k)
                || !m.w.tokens[k].is_word()
                || matches!(
                    m.lower(k),
                    "is" | "are" | "now" | "will" | "be" | "from" | "on" | "going" | "forward" | "onwards"
                )
        })
}
