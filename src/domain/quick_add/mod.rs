//! Quick-add: "Pay rent friday 9am !high #home" → title "Pay rent", due Friday 09:00, priority
//! high, tag home. Shared by the dashboard and the assistant. Dates are read in the user's local
//! time (`dates`); the caller turns the local result into UTC with the user's time zone.
mod date_words;
mod dates;
mod respell;
mod slips;

pub use slips::{ambiguous_day, correct as correct_slips, could_be_slip};

use chrono::{Duration, NaiveDateTime, NaiveTime};

use super::task::{parse_tag, Priority};
pub(crate) use date_words::MONTHS;
use date_words::{day_part, CONNECTORS, WEEKDAYS};
use dates::best_date_span;
pub use dates::{find_date, read_when, Said, When};

/// What a line of quick-add text says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuickAdd {
    pub title: String,
    /// Local date and time; a date without a time means the end of that day (23:59).
    pub due: Option<NaiveDateTime>,
    pub priority: Option<Priority>,
    pub tags: Vec<String>,
    /// `+groceries`, `+home-renovation`: the name of a project, as written (without the `+`).
    pub project: Option<String>,
    /// "every monday", "every 3 days after completion".
    pub recurrence: Option<super::recurrence::RecurrenceInput>,
    /// `^10m`, `^1h`, `^0`: reminders before the due date (at most five).
    pub reminders: Vec<super::reminder::ReminderSpec>,
    /// A date or a time that cannot be, and why ("February has no 30th.", "13pm is not a
    /// time."): its words are left in the title, and the caller should refuse the task.
    pub impossible: Option<String>,
}

/// The time given to a due date that names only a day.
pub fn end_of_day() -> NaiveTime {
    NaiveTime::from_hms_opt(23, 59, 0).unwrap_or_default()
}

/// Past this many words a text is no title: it is taken as it is, unread (callers refuse it by
/// length), so no input makes the date search or the tag list grow without bound.
const MAX_WORDS: usize = 100;

fn priority_marker(word: &str) -> Option<Priority> {
    match word.strip_prefix('!')?.to_ascii_lowercase().as_str() {
        "high" | "h" | "p1" | "urgent" | "!" | "!!" => Some(Priority::High),
        "medium" | "med" | "m" | "p2" => Some(Priority::Medium),
        "low" | "l" | "p3" => Some(Priority::Low),
        "none" | "p4" => Some(Priority::None),
        _ => None,
    }
}

/// Todoist's `p1` (the highest) to `p4` (none), said alone as a word.
fn todoist_priority(word: &str) -> Option<Priority> {
    match word.to_ascii_lowercase().as_str() {
        "p1" => Some(Priority::High),
        "p2" => Some(Priority::Medium),
        "p3" => Some(Priority::Low),
        "p4" => Some(Priority::None),
        _ => None,
    }
}

/// Todoist's `@label`: a tag, as `#label` is (not "@5pm", "@noon", "@home.com", an address or
/// "@" alone).
fn label(word: &str) -> Option<String> {
    let name = word.strip_prefix('@')?;
    let plain = name.starts_with(|c: char| c.is_alphabetic())
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        && !date_words::is_date_word(&name.to_lowercase());
    plain.then(|| parse_tag(name).ok()).flatten()
}

/// Parses quick-add text relative to the user's local `now`.
pub fn parse_quick_add(input: &str, now: NaiveDateTime) -> QuickAdd {
    if input.split_whitespace().nth(MAX_WORDS).is_some() {
        return QuickAdd {
            title: input.to_owned(),
            ..Default::default()
        };
    }
    // a title in double quotes is the title as written: “Friday drinks” keeps its "Friday", and
    // what is said outside the quotes is read ("\"Monday notes\" tomorrow" is due tomorrow)
    if let Some((before, inner, after)) = quoted(input) {
        let mut read = parse_quick_add(&format!("{before} {QUOTED} {after}"), now);
        // (the last placeholder: one read in the call above stands for an earlier quote)
        read.title = if let Some(at) = read.title.rfind(QUOTED) {
            format!("{}{inner}{}", &read.title[..at], &read.title[at + QUOTED.len()..])
        } else {
            format!("{inner} {}", read.title).trim().to_owned()
        };
        return read;
    }
    let mut priority = None;
    let mut tags: Vec<String> = Vec::new();
    let mut project = None;
    let mut reminders = Vec::new();
    let mut too_far = None;
    let mut words: Vec<String> = Vec::new();
    // Todoist's p1 and @label count after the title's last word ("fix bug p2 #work", "read
    // @reading"), never inside it ("triage P1 tickets")
    let all: Vec<&str> = input.split_whitespace().collect();
    let last_plain = all.iter().rposition(|w| {
        !(w.starts_with(['!', '#', '+', '^', '@'])
            || todoist_priority(w).is_some()
            || date_words::is_date_word(&w.to_lowercase()))
    });
    let trailing = |i: usize| last_plain.is_some_and(|last| i > last);
    // and a lower-case one first, with a title after it ("p1 pay rent friday"; "P1 incident
    // review" is a title)
    let leading = |i: usize, word: &str| i == 0 && all.len() > 1 && word.starts_with('p');
    for (i, word) in all.iter().copied().enumerate() {
        let todoist = todoist_priority(word).filter(|_| trailing(i) || leading(i, word));
        if let Some(p) = priority_marker(word).or(todoist) {
            priority = Some(p);
        } else if let Some(tag) = label(word).filter(|_| trailing(i)) {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        } else if let Some(r) = super::reminder::parse_quick(word) {
            if !reminders.contains(&r) {
                if reminders.len() < super::reminder::REMINDERS_MAX {
                    reminders.push(r);
                } else {
                    too_far = Some("A task has at most 5 reminders.".to_owned());
                }
            }
        } else if word
            .strip_prefix('^')
            .is_some_and(|rest| rest.starts_with(|c: char| c == '-' || c.is_ascii_digit()))
            && !super::reminder::quick_too_far(word)
        {
            // "^-5m", "^99999999999m": meant as a reminder, and none
            too_far = Some(format!(
                "{word} is not a reminder: say how long before the due date, like ^10m, ^1h or ^2d."
            ));
            words.push(word.to_string());
        } else if super::reminder::quick_too_far(word) {
            too_far = Some(format!(
                "{word} is too early: a reminder can be at most four weeks (^28d) before the due date."
            ));
            words.push(word.to_string());
        } else if let Some(name) = project_marker(word) {
            project = Some(name.to_owned());
        } else if word.len() > 1 && word.starts_with('#') && !number_mark(word) && parse_tag(word).is_ok() {
            if let Ok(tag) = parse_tag(word) {
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
        } else {
            words.push(word.to_string());
        }
    }
    let mut lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    slips::correct(&mut lower);
    respell_repeats(&mut words, &mut lower);
    // a repeat ("every monday") first: its day names are not a due date
    let mut found = super::recurrence_words::find(&lower);
    // "send the weekly update every friday": the fuller repeat wins
    if let Some(f) = &found {
        if f.end - f.start == 1 {
            if let Some(at) = lower[f.end..].iter().position(|w| w == "every") {
                let from = f.end + at;
                if let Some(later) = super::recurrence_words::find(&lower[from..]) {
                    found = Some(super::recurrence_words::Found {
                        start: later.start + from,
                        end: later.end + from,
                        recurrence: later.recurrence,
                    });
                }
            }
        }
    }
    let recurrence = found.and_then(|found| {
        // a title must be left
        (found.end - found.start < lower.len()).then(|| {
            words.drain(found.start..found.end);
            lower.drain(found.start..found.end);
            found.recurrence
        })
    });

    // a repeat said is a day said: "every weekday at 9.15" (a time with a dot is read only beside
    // a day, as "sell shares at 10.50" is a price)
    if recurrence.is_some() {
        for k in 1..lower.len() {
            if !matches!(lower[k - 1].as_str(), "at" | "@") {
                continue;
            }
            if let Some((h, m)) = date_words::dotted_parts(&lower[k]) {
                lower[k] = format!("{h}:{m}");
            }
        }
    }
    // "tmrw b4 my shift at 6pm": the day goes beside its time ("next friday" with its "next")
    if let Some((from, to, at)) = dates::day_apart(&lower, now) {
        let moved: Vec<String> = words.drain(from..to).collect();
        let moved_lower: Vec<String> = lower.drain(from..to).collect();
        let at = at - moved.len();
        words.splice(at..at, moved);
        lower.splice(at..at, moved_lower);
    }
    // a date or time that cannot be: no date is read, the caller refuses the task
    let impossible = dates::impossible(&lower, now).map(|(_, _, why)| why).or(too_far);
    // ("ask Sam about yesterday", "notes from yesterday": what the task is about, not its day)
    let best = best_date_span(&lower, now).filter(|(start, end, _)| {
        impossible.is_none()
            && !(lower[*start..*end].iter().any(|w| w == "yesterday")
                && start.checked_sub(1).is_some_and(|b| {
                    matches!(
                        lower[b].as_str(),
                        "about" | "from" | "since" | "of" | "than" | "for" | "like"
                    )
                }))
    });
    let mut due = None;
    if let Some((mut start, end, when)) = best {
        if start > 0 && CONNECTORS.contains(&lower[start - 1].as_str()) {
            start -= 1;
        }
        // "sometime in january", "sometime next week": how loosely the day is said
        let loose = |w: &str| matches!(w, "sometime" | "anytime");
        if start > 1 && lower[start - 1] == "in" && loose(&lower[start - 2]) {
            start -= 2;
        } else if start > 0 && loose(&lower[start - 1]) {
            start -= 1;
        }
        let title: Vec<&str> = words[..start].iter().chain(&words[end..]).map(String::as_str).collect();
        if !title.is_empty() {
            words = title.into_iter().map(str::to_owned).collect();
            due = Some(when.at);
        }
    }
    QuickAdd {
        title: words.join(" "),
        due,
        priority,
        tags,
        project,
        recurrence,
        reminders,
        impossible,
    }
}

/// What stands for a quoted title while the words around it are read (a character no one types).
const QUOTED: &str = "\u{E000}";

/// The first piece in double quotes ("…" or “…”) with something in it, opened where a word starts
/// and closed where one ends (the inches of `12" pizza` are no quotes): the text before it, its
/// words, the text after it.
fn quoted(input: &str) -> Option<(&str, &str, &str)> {
    let open = input.find(['"', '“'])?;
    if !input[..open].chars().next_back().is_none_or(char::is_whitespace) {
        return None;
    }
    let from = open + input[open..].chars().next()?.len_utf8();
    let close = from + input[from..].find(['"', '”'])?;
    let inner = input[from..close].trim();
    let after = close + input[close..].chars().next()?.len_utf8();
    let ends = input[after..]
        .chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '.' | '!' | '?' | ':' | ';'));
    (ends && !inner.is_empty()).then(|| (&input[..open], inner, &input[after..]))
}

/// "every morning" → "every day 9am"; "on tuesdays" (and a "weekly" beside it) → "every
/// tuesday": the repeats people say, in the words the repeat reader knows.
fn respell_repeats(words: &mut Vec<String>, lower: &mut Vec<String>) {
    let mut i = 0;
    while i + 1 < lower.len() {
        if matches!(lower[i].as_str(), "every" | "each") {
            if let Some(time) = day_part(&lower[i + 1]) {
                let hour = format!("{}:00", &time[..2]);
                words.splice(i + 1..i + 2, ["day".to_owned(), hour.clone()]);
                lower.splice(i + 1..i + 2, ["day".to_owned(), hour]);
            }
            // "every tuesday night": that evening's hour (not with a time said after it: "every
            // saturday morning at 7")
            let weekday = |w: &str| WEEKDAYS.contains(&w) || w.strip_suffix('s').is_some_and(|d| WEEKDAYS.contains(&d));
            let timed = lower
                .get(i + 3)
                .is_some_and(|w| matches!(date_words::trim(w), "at" | "@") || date_words::is_time_word(w));
            if let (true, false, Some(time)) = (
                weekday(&lower[i + 1]),
                timed,
                lower.get(i + 2).and_then(|w| day_part(date_words::trim(w))),
            ) {
                words[i + 2] = time.to_owned();
                lower[i + 2] = time.to_owned();
            }
        }
        let plural_day = lower[i + 1]
            .strip_suffix('s')
            .filter(|d| WEEKDAYS[..7].contains(d))
            .map(str::to_owned);
        if let (true, Some(day)) = (matches!(lower[i].as_str(), "on" | "every"), plural_day) {
            // "fortnightly on tuesdays", "a biweekly call on fridays": every other one
            let other = lower
                .iter()
                .position(|w| matches!(w.as_str(), "fortnightly" | "biweekly"));
            let said: Vec<String> = match other {
                Some(_) => vec!["every".to_owned(), "other".to_owned(), day],
                None => vec!["every".to_owned(), day],
            };
            words.splice(i..i + 2, said.clone());
            lower.splice(i..i + 2, said);
            if let Some(k) = lower
                .iter()
                .position(|w| matches!(w.as_str(), "weekly" | "fortnightly" | "biweekly"))
            {
                words.remove(k);
                lower.remove(k);
            }
        }
        i += 1;
    }
}

/// "#42", "#1234": a number ("send invoice #42", "fix bug #1234"), part of the title, not a tag.
pub fn number_mark(word: &str) -> bool {
    word.strip_prefix('#')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `+name`: a project, when what follows the `+` starts with a letter or digit and is not all
/// digits ("+1 555 0100" is a phone number, "+1" a vote).
fn project_marker(word: &str) -> Option<&str> {
    let name = word.strip_prefix('+')?;
    let numeric = name
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '(' | ')'));
    name.chars()
        .next()
        .filter(|c| c.is_alphanumeric() && !numeric)
        .map(|_| name)
}

/// "day", "weeks", "month": a unit of time a date is counted in.
pub fn is_unit_word(w: &str) -> bool {
    date_words::is_unit(w) || matches!(w, "year" | "years")
}

/// A day of the month said alone — "the 2nd", "on the 19th", "15th" — its ordinal word ("2nd").
/// Also a list's position, so what it means depends on what was said before.
pub fn day_of_month_alone<'a>(words: &[&'a str]) -> Option<&'a str> {
    match words {
        ["the" | "on", day] | [day] => date_words::ordinal_day(day).map(|_| *day),
        _ => None,
    }
}

/// The start of the local day of `now` plus `days`.
pub fn day_start(now: NaiveDateTime, days: i64) -> NaiveDateTime {
    (now.date() + Duration::days(days)).and_time(NaiveTime::MIN)
}

#[cfg(test)]
mod marker_tests;
#[cfg(test)]
mod said_tests;
#[cfg(test)]
mod tests;
