//! Quick-add: "Pay rent friday 9am !high #home" → title "Pay rent", due Friday 09:00, priority
//! high, tag home. Shared by the dashboard and the assistant. Dates are read by the `interim`
//! crate in the user's local time; the caller turns the local result into UTC with the user's
//! time zone.
use chrono::{Datelike, Duration, NaiveDateTime, NaiveTime, TimeZone, Utc};

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
    if matches!(
        w,
        "noon" | "midnight" | "tonight" | "morning" | "evening" | "afternoon" | "night"
    ) {
        return true;
    }
    let core = w.trim_end_matches("am").trim_end_matches("pm");
    let has_ampm = core.len() != w.len();
    let digits_ok = !core.is_empty() && core.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.');
    digits_ok && (has_ampm || core.contains(':'))
}

/// "18th", "1st", "22nd": a day of the month.
fn ordinal_day(w: &str) -> Option<u32> {
    let digits = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))?;
    digits.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
}

/// A month's full or short name, as interim writes it.
fn month_word(w: &str) -> Option<&'static str> {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    // a full name, or its first three or four letters ("dec", "sept"): "decorations" is no month
    FULL.iter()
        .find(|m| w.len() >= 3 && (w.len() <= 4 || w.len() == m.len()) && m.starts_with(w) && w.is_ascii())
        .copied()
}

/// "two" → 2: small numbers in words ("in two weeks").
fn number_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "one" | "a" | "an" => "1",
        "two" | "couple" => "2",
        "three" | "few" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "ten" => "10",
        "eleven" => "11",
        "twelve" => "12",
        _ => return None,
    })
}

/// A part of the day, as the time tasks usually get for it.
fn day_part(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "09:00",
        "afternoon" => "15:00",
        "evening" => "18:00",
        "night" => "20:00",
        _ => return None,
    })
}

fn is_date_word(w: &str) -> bool {
    let w = w.trim_end_matches(['.', ',']);
    matches!(
        w,
        "today" | "tomorrow" | "tmr" | "tmrw" | "tonight" | "noon" | "midnight"
    ) || WEEKDAYS.contains(&w)
        || ordinal_day(w).is_some()
        || month_word(w).is_some()
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

/// Rewrites a span into what `interim` reads, and tells whether it names a time of day. `now`
/// places a bare day of the month ("the 18th") in this month or the next.
fn normalise_span(words: &[String], now: NaiveDateTime) -> Option<(String, bool)> {
    let mut out: Vec<String> = Vec::new();
    let mut has_time = false;
    let mut i = 0;
    while i < words.len() {
        let w = words[i].trim_end_matches([',', '.']).to_string();
        let next = words.get(i + 1).map(|n| n.trim_end_matches([',', '.']));
        // "24th december", "24 dec", "december 24th", "the 18th"
        let day = ordinal_day(&w).or_else(|| {
            w.parse::<u32>()
                .ok()
                .filter(|d| (1..=31).contains(d) && next.and_then(month_word).is_some())
        });
        // "the 20th of december"
        let of_month = (next == Some("of"))
            .then(|| {
                words
                    .get(i + 2)
                    .and_then(|m| month_word(m.trim_end_matches([',', '.'])))
            })
            .flatten();
        if let (Some(day), Some(month)) = (day, of_month) {
            out.push(format!("{month} {day}"));
            i += 3;
            continue;
        }
        if let Some(day) = day {
            if let Some(month) = next.and_then(month_word) {
                out.push(format!("{month} {day}"));
                i += 2;
                continue;
            }
            let previous_month = out.last().and_then(|m| month_word(m));
            if previous_month.is_some() {
                out.push(day.to_string());
                i += 1;
                continue;
            }
            // a bare day: this month's, or next month's when it has passed
            let (mut y, mut m) = (now.year(), now.month());
            if day < now.day() {
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
            out.push(format!("{y}-{m:02}-{day:02}"));
            i += 1;
            continue;
        }
        if w == "the" && next.is_some_and(|n| ordinal_day(n).is_some()) {
            i += 1;
            continue;
        }
        if let Some(time) = day_part(&w) {
            has_time = true;
            if out.is_empty() || out.last().is_some_and(|l| l == "this") {
                out.retain(|l| l != "this");
                out.push("today".into());
            }
            out.push(time.into());
            i += 1;
            continue;
        }
        if w == "the"
            && words
                .get(i + 1..i + 4)
                .is_some_and(|rest| rest.iter().map(String::as_str).eq(["day", "after", "tomorrow"]))
        {
            out.push("2 days".into());
            i += 4;
            continue;
        }
        match w.as_str() {
            "tmr" | "tmrw" => out.push("tomorrow".into()),
            "tonight" => {
                out.push("today".into());
                // "tonight at 9pm": the time said wins
                let timed = words[i + 1..]
                    .iter()
                    .any(|n| to_24h(n.trim_end_matches([',', '.'])).is_some() || is_time_word(n));
                if !timed {
                    out.push("20:00".into());
                }
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
                let n = number_word(n).map_or_else(|| n.clone(), str::to_owned);
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
            "next" if words.get(i + 1).is_some_and(|u| u == "month") => {
                out.push("1 month".into());
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
    // the day first, then the time ("6pm today" reads as "today 18:00")
    let is_clock = |s: &String| {
        s.len() == 5 && s.as_bytes().get(2) == Some(&b':') && s.chars().filter(char::is_ascii_digit).count() == 4
    };
    let (times, days): (Vec<String>, Vec<String>) = out.into_iter().partition(is_clock);
    let out: Vec<String> = days.into_iter().chain(times).collect();
    (!out.is_empty()).then(|| (out.join(" "), has_time))
}

/// Whether every word of a span belongs to how dates are said ("next friday at 5pm", "the 18th
/// of december"): the date parser reads past words it does not know ("4pm move" would be 4pm).
fn all_date_words(span: &[String]) -> bool {
    span.iter().all(|w| {
        let w = w.trim_end_matches([',', '.']);
        is_date_word(w)
            || month_word(w).is_some()
            || is_unit(w)
            || number_word(w).is_some()
            || day_part(w).is_some()
            || CONNECTORS.contains(&w)
            || w.chars().all(|c| c.is_ascii_digit())
            || matches!(
                w,
                "next" | "this" | "in" | "the" | "of" | "after" | "day" | "week" | "month" | "year" | "coming"
            )
    })
}

/// Reads `words` as a date relative to `now` (local), if they are one.
fn parse_span(words: &[String], now: NaiveDateTime) -> Option<NaiveDateTime> {
    if !all_date_words(words) {
        return None;
    }
    let (text, has_time) = normalise_span(words, now)?;
    let now_utc = Utc.from_utc_datetime(&now);
    let mut parsed = interim::parse_date_string(&text, now_utc, interim::Dialect::Us)
        .ok()?
        .naive_utc();
    // "jan 5" in December is next January's
    let named_month = words
        .iter()
        .any(|w| month_word(w.trim_end_matches([',', '.'])).is_some());
    let has_year = words
        .iter()
        .any(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()));
    if named_month && !has_year && parsed.date() < now.date() {
        parsed = parsed.with_year(parsed.year() + 1).unwrap_or(parsed);
    }
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
    let next = span.len() == 2 && span[0] == "next" && matches!(span[1].as_str(), "week" | "month");
    relative
        || next
        || span.iter().any(|w| is_date_word(w))
        || span.windows(3).any(|w| w == ["day", "after", "tomorrow"])
}

/// The longest span of `lower` (lower-case words) that reads as a date, preferring the latest
/// one: `(start, end, when)`.
fn best_date_span(lower: &[String], now: NaiveDateTime) -> Option<(usize, usize, NaiveDateTime)> {
    let mut best: Option<(usize, usize, NaiveDateTime)> = None;
    for start in 0..lower.len() {
        for end in (start + 1..=lower.len().min(start + MAX_SPAN_WORDS)).rev() {
            let span = &lower[start..end];
            // "tonight on my list": a connector at a span's end belongs to what follows
            if !could_be_date(span)
                || span
                    .last()
                    .is_some_and(|w| CONNECTORS.contains(&w.as_str()) || w == "in")
            {
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
    best
}

/// Where `lower` (lower-case words, at most 100) names a date, as quick-add reads one: the
/// span's first word (with a connector before it — "on", "at", "by", "due", "before" — taken in)
/// and the word after it. The assistant's reader uses it to tell a date from a title.
pub fn find_date(lower: &[String], now: NaiveDateTime) -> Option<(usize, usize)> {
    if lower.len() > MAX_WORDS {
        return None;
    }
    let (mut start, end, _) = best_date_span(lower, now)?;
    if start > 0 && CONNECTORS.contains(&lower[start - 1].as_str()) {
        start -= 1;
    }
    Some((start, end))
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

    let best = best_date_span(&lower, now);
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

/// "every morning" → "every day 9am"; "on tuesdays" (and a "weekly" beside it) → "every
/// tuesday": the repeats people say, in the words the repeat reader knows.
fn respell_repeats(words: &mut Vec<String>, lower: &mut Vec<String>) {
    let mut i = 0;
    while i + 1 < lower.len() {
        if lower[i] == "every" {
            if let Some(time) = day_part(&lower[i + 1]) {
                let hour = format!("{}:00", &time[..2]);
                words.splice(i + 1..i + 2, ["day".to_owned(), hour.clone()]);
                lower.splice(i + 1..i + 2, ["day".to_owned(), hour]);
            }
        }
        let plural_day = lower[i + 1]
            .strip_suffix('s')
            .filter(|d| WEEKDAYS[..7].contains(d))
            .map(str::to_owned);
        if let (true, Some(day)) = (matches!(lower[i].as_str(), "on" | "every"), plural_day) {
            words.splice(i..i + 2, ["every".to_owned(), day.clone()]);
            lower.splice(i..i + 2, ["every".to_owned(), day]);
            if let Some(k) = lower.iter().position(|w| w == "weekly") {
                words.remove(k);
                lower.remove(k);
            }
        }
        i += 1;
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

    #[test]
    fn dates_people_say() {
        // Saturday 21 November 2026, 10:30
        let read = |text: &str| {
            let q = parse_quick_add(text, now());
            (q.title, q.due)
        };
        let title = |t: &str| t.to_owned();
        assert_eq!(
            read("pay bill by the 28th"),
            (title("pay bill"), at(2026, 11, 28, 23, 59))
        );
        assert_eq!(
            read("pay bill on the 3rd"),
            (title("pay bill"), at(2026, 12, 3, 23, 59)),
            "next month's third"
        );
        assert_eq!(
            read("cards by the 20th of december"),
            (title("cards"), at(2026, 12, 20, 23, 59))
        );
        assert_eq!(
            read("inspection 24th december"),
            (title("inspection"), at(2026, 12, 24, 23, 59))
        );
        assert_eq!(
            read("flights jan 5"),
            (title("flights"), at(2027, 1, 5, 23, 59)),
            "January is next year's"
        );
        assert_eq!(
            read("gas bill in two weeks"),
            (title("gas bill"), at(2026, 12, 5, 23, 59))
        );
        assert_eq!(read("school monday morning"), (title("school"), at(2026, 11, 23, 9, 0)));
        assert_eq!(
            read("dishes friday evening"),
            (title("dishes"), at(2026, 11, 27, 18, 0))
        );
        assert_eq!(
            read("call jo the day after tomorrow"),
            (title("call jo"), at(2026, 11, 23, 23, 59))
        );
        assert_eq!(read("lease next week"), (title("lease"), at(2026, 11, 28, 23, 59)));
        assert_eq!(
            read("text sam tonight at 9pm"),
            (title("text sam"), at(2026, 11, 21, 21, 0))
        );
        assert_eq!(
            read("post office this afternoon"),
            (title("post office"), at(2026, 11, 21, 15, 0))
        );
        assert_eq!(read("call at 6pm today"), (title("call"), at(2026, 11, 21, 18, 0)));
        // words that only look like dates stay in the title
        assert_eq!(read("buy decorations"), (title("buy decorations"), None));
        assert_eq!(read("remind at 4pm move the laundry").0, "remind move the laundry");
        // repeats said in other words
        let q = parse_quick_add("meditate every morning", now());
        assert_eq!(
            (q.title.as_str(), q.recurrence.is_some(), q.due),
            ("meditate", true, at(2026, 11, 21, 9, 0))
        );
        let q = parse_quick_add("recycling weekly on tuesdays", now());
        assert_eq!(
            (q.title.as_str(), q.recurrence.map(|r| r.rule)),
            ("recycling", Some("FREQ=WEEKLY;BYDAY=TU".into()))
        );
        let q = parse_quick_add("send the weekly update every friday", now());
        assert_eq!(q.title, "send the weekly update");
    }
}
