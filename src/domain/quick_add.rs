//! Quick-add: "Pay rent friday 9am !high #home" → title "Pay rent", due Friday 09:00, priority
//! high, tag home. Shared by the dashboard and the assistant. Dates are read by the `interim`
//! crate in the user's local time; the caller turns the local result into UTC with the user's
//! time zone.
use chrono::{Duration, NaiveDateTime, NaiveTime, TimeZone, Utc};

use super::task::{parse_tag, Priority};

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
}

/// The time given to a due date that names only a day.
pub fn end_of_day() -> NaiveTime {
    NaiveTime::from_hms_opt(23, 59, 0).unwrap_or_default()
}

const WEEKDAYS: [&str; 14] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const CONNECTORS: [&str; 5] = ["on", "at", "by", "due", "before"];
const MAX_SPAN_WORDS: usize = 6;
/// Past this many words a text is no title: it is taken as it is, unread (callers refuse it by
/// length), so no input makes the date search or the tag list grow without bound.
const MAX_WORDS: usize = 100;

fn priority_marker(word: &str) -> Option<Priority> {
    match word.strip_prefix('!')?.to_ascii_lowercase().as_str() {
        "high" | "h" | "p1" | "urgent" | "!" => Some(Priority::High),
        "medium" | "med" | "m" | "p2" => Some(Priority::Medium),
        "low" | "l" | "p3" => Some(Priority::Low),
        "none" | "p4" => Some(Priority::None),
        _ => None,
    }
}

fn is_time_word(w: &str) -> bool {
    let w = w.trim_end_matches(['.', ',']);
    if matches!(w, "noon" | "midnight" | "tonight" | "morning" | "evening") {
        return true;
    }
    let core = w.trim_end_matches("am").trim_end_matches("pm");
    let has_ampm = core.len() != w.len();
    let digits_ok = !core.is_empty() && core.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.');
    digits_ok && (has_ampm || core.contains(':'))
}

fn is_date_word(w: &str) -> bool {
    let w = w.trim_end_matches(['.', ',']);
    matches!(
        w,
        "today" | "tomorrow" | "tmr" | "tmrw" | "tonight" | "noon" | "midnight"
    ) || WEEKDAYS.contains(&w)
        || (w.len() >= 3
            && MONTHS.iter().any(|m| w.starts_with(m))
            && MONTHS.contains(&&w[..3])
            && w.chars().all(|c| c.is_ascii_alphabetic()))
        || is_time_word(w)
        || is_numeric_date(w)
}

fn is_numeric_date(w: &str) -> bool {
    let parts: Vec<&str> = w.split(['-', '/']).collect();
    parts.len() >= 2
        && parts.len() <= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

fn is_unit(w: &str) -> bool {
    matches!(
        w,
        "day"
            | "days"
            | "week"
            | "weeks"
            | "hour"
            | "hours"
            | "minute"
            | "minutes"
            | "min"
            | "mins"
            | "month"
            | "months"
    )
}

/// "5pm" → "17:00", "12:30am" → "00:30": 24-hour times, which `interim` reads without surprises.
fn to_24h(w: &str) -> Option<String> {
    let (core, pm) = match (w.strip_suffix("pm"), w.strip_suffix("am")) {
        (Some(core), _) => (core, true),
        (_, Some(core)) => (core, false),
        _ => return None,
    };
    let (h, m) = match core.split_once([':', '.']) {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (core.parse::<u32>().ok()?, 0),
    };
    if !(1..=12).contains(&h) || m > 59 {
        return None;
    }
    let h = match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    Some(format!("{h:02}:{m:02}"))
}

/// Rewrites a span into what `interim` reads, and tells whether it names a time of day.
fn normalise_span(words: &[String]) -> Option<(String, bool)> {
    let mut out: Vec<String> = Vec::new();
    let mut has_time = false;
    let mut i = 0;
    while i < words.len() {
        let w = words[i].trim_end_matches([',', '.']).to_string();
        match w.as_str() {
            "tmr" | "tmrw" => out.push("tomorrow".into()),
            "tonight" => {
                out.push("today".into());
                out.push("20:00".into());
                has_time = true;
            }
            "noon" => {
                out.push("12:00".into());
                has_time = true;
            }
            "midnight" => {
                out.push("23:59".into());
                has_time = true;
            }
            "in" if i + 2 < words.len() + 1 && i + 1 < words.len() => {
                // "in 3 days" → "3 days"; "in a week" → "1 week"
                let n = &words[i + 1];
                let unit = words.get(i + 2).map(String::as_str).unwrap_or_default();
                let n = if n == "a" || n == "an" || n == "one" {
                    "1".to_string()
                } else {
                    n.clone()
                };
                if n.chars().all(|c| c.is_ascii_digit()) && is_unit(unit) {
                    has_time |= unit.starts_with("hour") || unit.starts_with("min");
                    out.push(n);
                    out.push(unit.to_string());
                    i += 3;
                    continue;
                }
                return None;
            }
            "next" if words.get(i + 1).is_some_and(|u| u == "week") => {
                out.push("7 days".into());
                i += 2;
                continue;
            }
            "at" | "on" => {}
            _ => match to_24h(&w) {
                Some(time) => {
                    has_time = true;
                    out.push(time);
                }
                None => {
                    has_time |= is_time_word(&w);
                    out.push(w);
                }
            },
        }
        i += 1;
    }
    (!out.is_empty()).then(|| (out.join(" "), has_time))
}

/// Reads `words` as a date relative to `now` (local), if they are one.
fn parse_span(words: &[String], now: NaiveDateTime) -> Option<NaiveDateTime> {
    let (text, has_time) = normalise_span(words)?;
    let now_utc = Utc.from_utc_datetime(&now);
    let parsed = interim::parse_date_string(&text, now_utc, interim::Dialect::Us)
        .ok()?
        .naive_utc();
    // Refuse nonsense far away, which is almost always a misread number.
    if (parsed - now).num_days().abs() > 3660 {
        return None;
    }
    Some(if has_time {
        parsed
    } else {
        parsed.date().and_time(end_of_day())
    })
}

/// Whether a span is worth asking the date parser about: it names a day or a time, or reads
/// "in N units".
fn could_be_date(span: &[String]) -> bool {
    let relative = span.first().is_some_and(|w| w == "in") && span.len() >= 3;
    relative || span.iter().any(|w| is_date_word(w))
}

/// Parses quick-add text relative to the user's local `now`.
pub fn parse_quick_add(input: &str, now: NaiveDateTime) -> QuickAdd {
    if input.split_whitespace().nth(MAX_WORDS).is_some() {
        return QuickAdd {
            title: input.to_owned(),
            ..Default::default()
        };
    }
    let mut priority = None;
    let mut tags: Vec<String> = Vec::new();
    let mut project = None;
    let mut reminders = Vec::new();
    let mut words: Vec<String> = Vec::new();
    for word in input.split_whitespace() {
        if let Some(p) = priority_marker(word) {
            priority = Some(p);
        } else if let Some(r) = super::reminder::parse_quick(word) {
            if !reminders.contains(&r) && reminders.len() < super::reminder::REMINDERS_MAX {
                reminders.push(r);
            }
        } else if let Some(name) = project_marker(word) {
            project = Some(name.to_owned());
        } else if word.len() > 1 && word.starts_with('#') && parse_tag(word).is_ok() {
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
    // a repeat ("every monday") first: its day names are not a due date
    let recurrence = super::recurrence_words::find(&lower).and_then(|found| {
        // a title must be left
        (found.end - found.start < lower.len()).then(|| {
            words.drain(found.start..found.end);
            lower.drain(found.start..found.end);
            found.recurrence
        })
    });

    // The longest span of words that reads as a date, preferring the latest one.
    let mut best: Option<(usize, usize, NaiveDateTime)> = None;
    for start in 0..lower.len() {
        for end in (start + 1..=lower.len().min(start + MAX_SPAN_WORDS)).rev() {
            let span = &lower[start..end];
            if !could_be_date(span) {
                continue;
            }
            let longer = best.is_none_or(|(s, e, _)| end - start >= e - s);
            if !longer {
                continue;
            }
            if let Some(due) = parse_span(span, now) {
                best = Some((start, end, due));
                break;
            }
        }
    }

    let mut due = None;
    if let Some((mut start, end, at)) = best {
        if start > 0 && CONNECTORS.contains(&lower[start - 1].as_str()) {
            start -= 1;
        }
        let title: Vec<&str> = words[..start].iter().chain(&words[end..]).map(String::as_str).collect();
        if !title.is_empty() {
            words = title.into_iter().map(str::to_owned).collect();
            due = Some(at);
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
    }
}

/// `+name`: a project, when what follows the `+` starts with a letter or digit.
fn project_marker(word: &str) -> Option<&str> {
    let name = word.strip_prefix('+')?;
    name.chars().next().filter(|c| c.is_alphanumeric()).map(|_| name)
}

/// The start of the local day of `now` plus `days`.
pub fn day_start(now: NaiveDateTime, days: i64) -> NaiveDateTime {
    (now.date() + Duration::days(days)).and_time(NaiveTime::MIN)
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, NaiveDate, Timelike, Weekday};

    use super::*;

    /// Saturday 21 November 2026, 10:30.
    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_opt(10, 30, 0)
            .unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> Option<NaiveDateTime> {
        Some(
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, min, 0)
                .unwrap(),
        )
    }

    #[test]
    fn table() {
        // input, title, due, priority, tags
        type Case = (
            &'static str,
            &'static str,
            Option<NaiveDateTime>,
            Option<Priority>,
            Vec<&'static str>,
        );
        let cases: Vec<Case> = vec![
            (
                "Pay rent friday 9am !high #home",
                "Pay rent",
                at(2026, 11, 27, 9, 0),
                Some(Priority::High),
                vec!["home"],
            ),
            ("Buy milk", "Buy milk", None, None, vec![]),
            (
                "call mom tomorrow at 5pm",
                "call mom",
                at(2026, 11, 22, 17, 0),
                None,
                vec![],
            ),
            ("Dentist next monday", "Dentist", at(2026, 11, 23, 23, 59), None, vec![]),
            (
                "water plants in 3 days",
                "water plants",
                at(2026, 11, 24, 23, 59),
                None,
                vec![],
            ),
            (
                "Buy gifts dec 24 5pm #family !low",
                "Buy gifts",
                at(2026, 12, 24, 17, 0),
                Some(Priority::Low),
                vec!["family"],
            ),
            (
                "Submit report on monday",
                "Submit report",
                at(2026, 11, 23, 23, 59),
                None,
                vec![],
            ),
            (
                "file taxes today !p1",
                "file taxes",
                at(2026, 11, 21, 23, 59),
                Some(Priority::High),
                vec![],
            ),
            ("read #Books #books #work", "read", None, None, vec!["books", "work"]),
            ("tomorrow", "tomorrow", None, None, vec![]),
            ("Buy 2 apples", "Buy 2 apples", None, None, vec![]),
            ("Call Mom", "Call Mom", None, None, vec![]),
            ("meeting tmrw noon", "meeting", at(2026, 11, 22, 12, 0), None, vec![]),
            (
                "fix #bug-42 !medium",
                "fix",
                None,
                Some(Priority::Medium),
                vec!["bug-42"],
            ),
            (
                "email boss by 2026-12-01",
                "email boss",
                at(2026, 12, 1, 23, 59),
                None,
                vec![],
            ),
            ("# not a tag", "# not a tag", None, None, vec![]),
            (
                "dentist friday 3pm ^30m",
                "dentist",
                at(2026, 11, 27, 15, 0),
                None,
                vec![],
            ),
            ("^ alone stays", "^ alone stays", None, None, vec![]),
            ("", "", None, None, vec![]),
        ];
        for (input, title, due, priority, tags) in cases {
            let got = parse_quick_add(input, now());
            assert_eq!(got.title, title, "title of {input:?}");
            assert_eq!(got.due, due, "due of {input:?}");
            assert_eq!(got.priority, priority, "priority of {input:?}");
            assert_eq!(got.tags, tags, "tags of {input:?}");
        }
        let got = parse_quick_add("call mom tomorrow 5pm ^10m ^1h ^10m", now());
        use super::super::reminder::ReminderSpec;
        assert_eq!(got.reminders, [ReminderSpec::Before(10), ReminderSpec::Before(60)]);
        assert_eq!(got.title, "call mom");
    }

    #[test]
    fn weekdays_are_in_the_future() {
        let got = parse_quick_add("gym saturday 7pm", now());
        let due = got.due.unwrap();
        assert_eq!(due.weekday(), Weekday::Sat);
        assert!(due >= now());
        assert_eq!(due.hour(), 19);
    }

    #[test]
    fn repeats_are_read_before_dates() {
        let got = parse_quick_add("Water plants every monday", now());
        assert_eq!(got.title, "Water plants");
        assert_eq!(got.due, None, "the day of a repeat is not a due date");
        assert_eq!(got.recurrence.map(|r| r.rule), Some("FREQ=WEEKLY;BYDAY=MO".to_owned()));
        let got = parse_quick_add("standup every weekday at 8am #work", now());
        assert_eq!(
            (got.title.as_str(), got.tags.as_slice()),
            ("standup", ["work".to_owned()].as_slice())
        );
        assert_eq!(got.due.map(|d| d.hour()), Some(8));
        assert_eq!(
            got.recurrence.map(|r| r.rule),
            Some("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR".to_owned())
        );
        // a repeat alone is a title, not an empty task
        let got = parse_quick_add("every day", now());
        assert_eq!((got.title.as_str(), got.recurrence), ("every day", None));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for input in [
            "!!!",
            "#",
            "in",
            "in 3",
            "in x days",
            "at at at",
            "next",
            "12:99pm",
            "99/99/99",
            "dec 99",
            "🙂 tomorrow 🙂",
        ] {
            let _ = parse_quick_add(input, now());
        }
    }
}
