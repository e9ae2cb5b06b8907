//! Moving a task's due date by an amount: "postpone yoga by a day", "push the dentist back 2
//! days", "snooze it for an hour", "move the call 30 minutes later", "bring the review forward
//! by a week", "delay rent a fortnight".
use super::{reading, Msg, Reading};
use crate::server::assistant::reader::slots::SlotKind;
use crate::server::assistant::reader::{Command, Delay, DelayUnit};

/// Verbs that move a task in time by an amount.
const CUES: &[&str] = &[
    "postpone",
    "postponed",
    "push",
    "pushed",
    "delay",
    "delayed",
    "snooze",
    "snoozed",
    "move",
    "moved",
    "shift",
    "bump",
    "bring",
    "defer",
    "put off",
    "reschedule",
    "kick",
];

/// Words after (or before) the amount that say which way: later unless one of these.
const EARLIER: &[&str] = &["earlier", "forward", "forwards", "sooner", "up"];
const LATER: &[&str] = &["later", "back", "out", "off", "down the road"];

/// "2", "a", "two", "couple of": how many (and the words it took).
fn count_at(m: &Msg, i: usize) -> Option<(i64, usize)> {
    let w = m.lower(i);
    let n = match w {
        "an" => 1,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        "forty-five" => 45,
        w => i64::from(super::questions::count_word(w)?),
    };
    let of = usize::from(matches!(w, "couple" | "few") && m.lower(i + 1) == "of");
    Some((n, 1 + of))
}

/// A unit's word: minutes per unit, or days, or months.
fn unit(w: &str) -> Option<(DelayUnit, i64)> {
    Some(match w {
        "minute" | "minutes" | "min" | "mins" | "m" => (DelayUnit::Minutes, 1),
        "hour" | "hours" | "hr" | "hrs" | "h" => (DelayUnit::Minutes, 60),
        "day" | "days" | "d" => (DelayUnit::Days, 1),
        "week" | "weeks" | "wk" | "wks" | "w" => (DelayUnit::Days, 7),
        "fortnight" => (DelayUnit::Days, 14),
        "month" | "months" | "mo" => (DelayUnit::Months, 1),
        _ => return None,
    })
}

/// The amount at token `i` ("a day", "2 days", "half an hour", "30m", "couple of hours"): the
/// delay (positive) and the tokens it took.
fn amount_at(m: &Msg, i: usize) -> Option<(Delay, usize)> {
    if m.in_mention(i) {
        return None;
    }
    if m.lower(i) == "half" && matches!(m.lower(i + 1), "an" | "a") && m.lower(i + 2) == "hour" {
        return Some((Delay::minutes(30), 3));
    }
    if (0..5).all(|k| m.lower(i + k) == ["an", "hour", "and", "a", "half"][k]) {
        return Some((Delay::minutes(90), 5));
    }
    // "30m", "2h", "3d", "1w", "45min"
    let word = m.lower(i);
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < word.len() {
        let (n, u) = word.split_at(digits);
        let n: i64 = n.parse().ok().filter(|n| (1..=999).contains(n))?;
        let (unit, per) = unit(u)?;
        return Some((Delay { amount: n * per, unit }, 1));
    }
    let (n, used) = count_at(m, i)?;
    let (unit, per) = unit(m.lower(i + used))?;
    Some((Delay { amount: n * per, unit }, used + 1))
}

/// Words that may stand before the verb: "I need to postpone …", "let's push …".
const BEFORE: &[&str] = &[
    "i", "need", "to", "want", "let's", "lets", "can", "could", "we", "just", "gotta", "have", "will", "please", "so",
    "and", "then", "ok", "okay", "actually", "also",
];

pub fn postpone(m: &Msg) -> Option<Reading> {
    let (cue, cue_len) = m.find(CUES)?;
    // the verb of the message, not a word of a new task's title ("add push ups for 10 minutes")
    // or the task and a passive: "the dentist got pushed back a day", "it was moved an hour later"
    let passive = |k: usize| matches!(m.lower(k), "got" | "was" | "were" | "been" | "has" | "is" | "just");
    let named_end = m
        .mention
        .as_ref()
        .map(|t| (t.start, t.end))
        .or(m.pointer.as_ref().map(|(s, e, _)| (*s, *e)))
        .filter(|&(s, e)| (m.lo..s).all(|k| m.filler[k] || m.lower(k) == "the") && e < cue && (e..cue).all(passive));
    if m.asks || !((m.lo..cue).all(|k| m.filler[k] || BEFORE.contains(&m.lower(k))) || named_end.is_some()) {
        return None;
    }
    let mut spans = vec![(cue, cue + cue_len)];
    let mut found = None;
    for i in cue + cue_len..m.hi {
        if let Some((delay, len)) = amount_at(m, i) {
            found = Some((i, delay, len));
            break;
        }
    }
    let (at, mut delay, len) = found?;
    // "by", "for" before the amount; "to" is a date ("move it to 2 days from now" is another frame)
    let mut start = at;
    if start > m.lo && matches!(m.lower(start - 1), "by" | "for") {
        start -= 1;
    }
    // "move it in 2 days", "2 hours from now", "a week from friday": a date, not a delay; so is
    // any day named beyond the amount, and a repeat or a reminder ("move the car every 2 days" is
    // a new task)
    if start > m.lo && matches!(m.lower(start - 1), "in" | "to" | "until" | "till" | "every" | "half") {
        return None;
    }
    if matches!(m.lower(at + len), "from" | "and" | "before" | "after" | "ago") || super::add::states_a_repeat(m) {
        return None;
    }
    let inside = |s: &crate::server::assistant::reader::slots::Slot| s.start >= start && s.end <= at + len;
    if m.slots.iter().any(|s| match s.kind {
        SlotKind::Date => !inside(s),
        SlotKind::Repeat | SlotKind::Reminder | SlotKind::ReminderBefore(_) => true,
        _ => false,
    }) {
        return None;
    }
    spans.push((start, at + len));
    // which way: "back", "forward", "later", "earlier" anywhere outside the task's name
    let mut earlier = m.lower(cue) == "bring";
    for i in m.lo..m.hi {
        if m.in_mention(i) || (start..at + len).contains(&i) || (cue..cue + cue_len).contains(&i) {
            continue;
        }
        if let Some(l) = m.phrase_at(i, EARLIER) {
            earlier = true;
            spans.push((i, i + l));
        } else if let Some(l) = m.phrase_at(i, LATER) {
            earlier = false;
            spans.push((i, i + l));
        }
    }
    if earlier {
        delay.amount = -delay.amount;
    }
    spans.push((m.lo, cue));
    // what is left names the task: "the dentist", "it", nothing ("snooze for an hour": it)
    let used = m.used(&spans);
    reading(7.5, Command::Postpone(m.target_or_rest(&used), delay))
}

/// "push everything due today to tomorrow", "move all overdue tasks to friday", "move them all to
/// monday" (after a list): many tasks to one day, named and asked about first.
pub fn reschedule_many(m: &Msg) -> Option<Reading> {
    // (a task named is one task, unless it names a kind of tasks: `many` tells)
    if m.asks || m.shows {
        return None;
    }
    let (cue, len) = m.find(&[
        "move",
        "push",
        "postpone",
        "reschedule",
        "shift",
        "bump",
        "put off",
        "delay",
        "defer",
        "roll over",
        "carry over",
    ])?;
    // the day they move to: what follows the last "to" (or "till", "until"), a date alone
    // ("for" only without those: "… to friday for now" is friday)
    let to = (cue + len..m.hi)
        .rev()
        .find(|&k| matches!(m.lower(k), "to" | "till" | "until" | "onto"))
        .or_else(|| (cue + len..m.hi).rev().find(|&k| m.lower(k) == "for"))?;
    let when = m.w.original(to + 1, m.hi);
    let alone = Msg::new(&when, m.known);
    let date = alone.slot(|k| matches!(k, SlotKind::Date))?;
    let whole = (alone.lo..alone.hi).all(|k| alone.filler[k] || (date.start <= k && k < date.end));
    if !whole {
        return None;
    }
    let filter = super::many::many(m, &m.used(&[(cue, cue + len), (to, m.hi)]))?;
    reading(10.5, Command::RescheduleMany(filter, when))
}
