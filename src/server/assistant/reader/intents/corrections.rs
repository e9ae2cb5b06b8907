//! A correction of the last change, said alone: "actually sunday", "no, thursday", "I meant
//! Tuesday, not Monday", "make that an hour" (the reminder just set).
use super::Msg;
use crate::domain::quick_add::{read_when, Said};
use crate::server::assistant::reader::slots::SlotKind;
use crate::server::assistant::reader::{Command, Target};

/// "actually sunday", "no wait, every monday", "no, thursday", "friday instead", "actually the
/// 19th": a correction of the last change, only a date or a repeat said — for the task talked
/// about last ("it"). (A day of the month said alone is that day, not a list's position.)
pub fn correction(m: &Msg) -> Option<Command> {
    // "no" leads a correction ("no, thursday"), and is not a task's name
    let lead_no = m.lo + 1 < m.hi && matches!(m.lower(m.lo), "no" | "nope" | "nah");
    let lo = if lead_no { m.lo + 1 } else { m.lo };
    // "make that 45", "make that friday": "that" is what was just set
    let make_that = m.lower(lo) == "make" && m.lower(lo + 1) == "that";
    // "I meant wednesday"
    let meant = m.lower(lo) == "i" && matches!(m.lower(lo + 1), "meant" | "mean");
    let corrects = lead_no
        || make_that
        || meant
        || (0..m.lo).any(|k| matches!(m.w.lower(k), "actually" | "no" | "wait" | "sorry" | "oops" | "rather"))
        || (m.lo..m.w.tokens.len()).any(|k| m.w.lower(k) == "instead");
    if !corrects || m.mention.is_some() {
        return None;
    }
    // "I meant Tuesday, not Monday", "not monday, tuesday": the day said not to be is left out
    let denied = m.slots.iter().find_map(|s| {
        let k = s.start.checked_sub(1)?;
        (matches!(s.kind, SlotKind::Date) && m.lower(k) == "not").then_some((k, s.end))
    });
    let left_out = |k: usize| denied.is_some_and(|(s, e)| s <= k && k < e);
    let only = |kind: fn(&SlotKind) -> bool| {
        let slot = m.slots.iter().find(|s| kind(&s.kind) && !left_out(s.start))?;
        // a pointer is only the slot's own words ("the 19th")
        if m.pointer
            .as_ref()
            .is_some_and(|(s, e, _)| *s < slot.start || *e > slot.end)
        {
            return None;
        }
        (lo..m.hi)
            .all(|k| {
                m.filler[k]
                    || !m.w.tokens[k].is_word()
                    || (slot.start <= k && k < slot.end)
                    || said_so(m, k)
                    || left_out(k)
            })
            .then(|| m.w.original(slot.start, slot.end))
    };
    let words: Vec<usize> = (lo..m.hi)
        .filter(|&k| !m.filler[k] && m.w.tokens[k].is_word() && !said_so(m, k))
        .collect();
    // "actually 11", "no, I meant 3": a number alone is the time of day (as "at 11"), or, right
    // after a reminder was set, its minutes ("actually make that 45": the assistant tells)
    let hour = || match words[..] {
        [k] if m.lower(k).parse::<u32>().is_ok_and(|h| (1..=40320).contains(&h)) => Some(format!("at {}", m.lower(k))),
        _ => None,
    };
    // "actually make that 45 min before", "no, an hour before": the reminder just set, changed
    let lead: Vec<&str> = words
        .iter()
        .map(|&k| m.lower(k))
        .filter(|w| !matches!(*w, "that" | "before" | "ahead"))
        .collect();
    // ("make that an hour" too: a length alone, so said, is a reminder's)
    let unit = |w: &str| crate::domain::quick_add::is_unit_word(w) && !w.starts_with("year");
    let reminder = (words
        .iter()
        .any(|&k| matches!(m.lower(k), "before" | "ahead") || (make_that && unit(m.lower(k)))))
    .then(|| crate::server::assistant::reader::slots::lead_time(&lead))
    .flatten();
    // "actually an hour earlier", "no, 30 min later": the task just changed, moved by that much
    let shift = words.iter().find_map(|&k| match m.lower(k) {
        "earlier" => Some(-1),
        "later" => Some(1),
        _ => None,
    });
    let by: Vec<&str> = words
        .iter()
        .map(|&k| m.lower(k))
        .filter(|w| !matches!(*w, "earlier" | "later"))
        .collect();
    let moved = shift.and_then(|sign| {
        let minutes = crate::server::assistant::reader::slots::lead_time(&by)?;
        Some(crate::server::assistant::reader::Delay {
            amount: sign * i64::from(minutes),
            unit: crate::server::assistant::reader::DelayUnit::Minutes,
        })
    });
    // the day said beside the one denied, when the reader found only that one ("Thursday, not
    // Wednesday": the latest day is the slot)
    let other_day = || {
        let (s, e) = denied?;
        let said: Vec<usize> = words.iter().copied().filter(|&k| !(s..e).contains(&k)).collect();
        let text = m.w.original(*said.first()?, *said.last()? + 1);
        let one_side = said.iter().all(|&k| k < s) || said.iter().all(|&k| k >= e);
        (one_side && matches!(read_when(&text, m.known.now), Said::At(_))).then_some(text)
    };
    let fixed = match (only(|k| matches!(k, SlotKind::Repeat)), reminder, moved) {
        (Some(words), ..) => Command::SetRepeat(Target::It, words),
        (None, Some(minutes), _) => Command::ChangeReminder(Target::It, minutes),
        (None, None, Some(delay)) => Command::Postpone(Target::It, delay),
        (None, None, None) => Command::Reschedule(
            Target::It,
            only(|k| matches!(k, SlotKind::Date)).or_else(other_day).or_else(hour)?,
        ),
    };
    Some(Command::Correct(Box::new(fixed)))
}

/// Words a correction is said with besides its date: "no, I meant friday", "it should be the 17th".
fn said_so(m: &Msg, k: usize) -> bool {
    matches!(
        m.lower(k),
        "instead"
            | "wait"
            | "sorry"
            | "actually"
            | "i"
            | "meant"
            | "mean"
            | "it"
            | "should"
            | "be"
            | "is"
            | "make"
            | "that"
    )
}
