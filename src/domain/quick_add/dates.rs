//! The date words of quick-add: where a line names a day or a time ("friday 3pm", "the 18th of
//! december", "dec 31, 2027", "at 9"), and what they mean relative to the user's local now. The
//! words are put in terms the `interim` crate reads without surprises (a named date as
//! `YYYY-MM-DD`, a time on the 24-hour clock); dates and times that cannot be ("feb 30", "13pm")
//! are found and refused, never read as other ones.
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};

use super::date_words::{
    clock, date_of, day_number, day_part, impossible_time, is_date_word, is_time_word, is_unit, month_of, named_date,
    number_word, numeric_month_day, ordinal_day, respell_hours, to_24h, trim, year_word, CONNECTORS, WEEKDAYS,
};
use super::respell::respell_phrases;
use super::{end_of_day, MAX_WORDS};

/// "the 20th of december 2027 at 5pm" is the longest date people write.
const MAX_SPAN_WORDS: usize = 7;

/// A span of words put in `interim`'s terms, with what it said.
struct Normal {
    text: String,
    /// A time of day was said ("5pm", "morning", "noon").
    has_time: bool,
    /// A day was said ("friday", "tomorrow", "dec 31", "in 3 days"), not only a time.
    has_day: bool,
    /// A year was said with a named date ("dec 31 2027").
    has_year: bool,
}

/// Rewrites a span into what `interim` reads. `now` places a named date without a year and a bare
/// day of the month ("the 18th") at their next occurrence. `None` when the span holds a date or
/// a time that cannot be.
fn normalise_span(words: &[String], now: NaiveDateTime) -> Option<Normal> {
    let mut out: Vec<String> = Vec::new();
    let (mut has_time, mut has_day, mut has_year) = (false, false, false);
    let mut i = 0;
    while i < words.len() {
        let w = trim(&words[i]).to_string();
        let next = words.get(i + 1).map(|n| trim(n));
        if w.is_empty() {
            i += 1;
            continue;
        }
        // "december 31", "31 dec 2027", "the 20th of december"
        if let Some((month, day, year, used)) = named_date(words, i) {
            let date = date_of(month, day, year, now).ok()?;
            out.push(date.format("%Y-%m-%d").to_string());
            has_day = true;
            has_year |= year.is_some();
            i += used;
            continue;
        }
        if let Some(day) = ordinal_day(&w) {
            // a bare day: the next month (from this one) that has it
            let (mut y, mut m) = (now.year(), now.month());
            if day < now.day() {
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
            for _ in 0..12 {
                if NaiveDate::from_ymd_opt(y, m, day).is_some() {
                    break;
                }
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
            out.push(format!("{y}-{m:02}-{day:02}"));
            has_day = true;
            i += 1;
            continue;
        }
        if w == "the" && next.is_some_and(|n| ordinal_day(n).is_some()) {
            i += 1;
            continue;
        }
        if let Some(time) = day_part(&w) {
            has_time = true;
            // "this evening" says today, whatever the hour; "evening" alone is the next one
            let this_day = out.last().is_some_and(|l| l == "this");
            if out.is_empty() || out.last().is_some_and(|l| l == "this") {
                // "this afternoon" says the day; "afternoon" alone is the next one
                has_day |= !out.is_empty();
                out.retain(|l| l != "this");
                out.push("today".into());
            }
            // "tomorrow morning at 7": the time said wins
            let timed = words[i + 1..]
                .iter()
                .any(|n| to_24h(trim(n)).is_some() || clock(trim(n)).is_some());
            if !timed {
                out.push(later_today(time, this_day, now));
            }
            i += 1;
            continue;
        }
        if w == "the"
            && words
                .get(i + 1..i + 4)
                .is_some_and(|rest| rest.iter().map(String::as_str).eq(["day", "after", "tomorrow"]))
        {
            out.push("2 days".into());
            has_day = true;
            i += 4;
            continue;
        }
        match w.as_str() {
            "tmr" | "tmrw" => {
                out.push("tomorrow".into());
                has_day = true;
            }
            "tonight" => {
                out.push("today".into());
                // "tonight at 9pm": the time said wins
                let timed = words[i + 1..]
                    .iter()
                    .any(|n| to_24h(trim(n)).is_some() || is_time_word(n));
                if !timed {
                    out.push(later_today("20:00", true, now));
                }
                has_time = true;
                has_day = true;
            }
            "noon" | "midday" => {
                out.push("12:00".into());
                has_time = true;
            }
            "midnight" => {
                out.push("23:59".into());
                has_time = true;
            }
            "in" if i + 1 < words.len() => {
                // "in 3 days" → "3 days"; "in a week" → "1 week"; "in a couple of hours" → "2 hours"
                let mut n = words[i + 1].clone();
                let mut used = 3;
                if n == "a" && words.get(i + 2).is_some_and(|w| matches!(w.as_str(), "couple" | "few")) {
                    n.clone_from(&words[i + 2]);
                    used += 1 + usize::from(words.get(i + 3).is_some_and(|w| w == "of"));
                }
                let unit = words.get(i + used - 1).map(String::as_str).unwrap_or_default();
                let n = number_word(&n).map_or_else(|| n.clone(), str::to_owned);
                if n.chars().all(|c| c.is_ascii_digit()) && is_unit(unit) {
                    // "2 hrs", "1 hr", "2 wks" in the parser's words
                    let unit = match unit {
                        "hr" | "hrs" => "hours",
                        "wk" | "wks" => "weeks",
                        unit => unit,
                    };
                    has_time |= unit.starts_with("hour") || unit.starts_with("min");
                    has_day = true;
                    out.push(n);
                    out.push(unit.to_string());
                    i += used;
                    continue;
                }
                return None;
            }
            // "next monday" is the first monday after today, with a time said or not (the date
            // parser took "next monday 10:00", said on a monday, for today)
            "next" if next.and_then(weekday_index).is_some() => {
                let wanted = next.and_then(weekday_index).unwrap_or_default();
                let ahead = (wanted + 7 - now.weekday().num_days_from_monday()) % 7;
                let day =
                    now.date()
                        .checked_add_signed(Duration::days(if ahead == 0 { 7 } else { i64::from(ahead) }))?;
                out.push(day.format("%Y-%m-%d").to_string());
                has_day = true;
                i += 2;
                continue;
            }
            "next" if matches!(next, Some("week" | "wk" | "month")) => {
                out.push(if next == Some("month") { "1 month" } else { "7 days" }.into());
                has_day = true;
                i += 2;
                continue;
            }
            "at" | "on" => {}
            _ => match to_24h(&w).or_else(|| clock(&w).map(|(h, m)| format!("{h:02}:{m:02}"))) {
                Some(time) => {
                    has_time = true;
                    out.push(time);
                }
                None if impossible_time(&w) => return None,
                None => {
                    let clock = is_time_word(&w);
                    has_time |= clock;
                    has_day |= !clock && !matches!(w.as_str(), "the" | "of" | "by" | "due" | "before");
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
    (!out.is_empty()).then(|| Normal {
        text: out.join(" "),
        has_time,
        has_day,
        has_year,
    })
}

/// Monday 0 … Sunday 6, of a weekday's name or its short form.
fn weekday_index(w: &str) -> Option<u32> {
    let k = WEEKDAYS.iter().position(|d| *d == w)?;
    u32::try_from(k % 7).ok()
}

/// A part of today whose usual time has passed ("this evening" said at 20:10): the next full
/// hour instead, so the task is not overdue as it is added (23:59 late at night).
fn later_today(time: &str, today: bool, now: NaiveDateTime) -> String {
    let passed = chrono::NaiveTime::parse_from_str(time, "%H:%M").is_ok_and(|t| t <= now.time());
    if !(today && passed) {
        return time.to_owned();
    }
    match now.hour() {
        h if h < 23 => format!("{:02}:00", h + 1),
        _ => "23:59".to_owned(),
    }
}

/// Whether every word of a span belongs to how dates are said ("next friday at 5pm", "the 18th
/// of december"): the date parser reads past words it does not know ("4pm move" would be 4pm).
fn all_date_words(span: &[String]) -> bool {
    span.iter().all(|w| {
        let w = trim(w);
        is_date_word(w)
            || is_unit(w)
            || number_word(w).is_some()
            || day_part(w).is_some()
            || CONNECTORS.contains(&w)
            || w.chars().all(|c| c.is_ascii_digit())
            || matches!(
                w,
                "next" | "this" | "in" | "the" | "of" | "after" | "day" | "week" | "wk" | "month" | "year" | "coming"
            )
    })
}

/// When a date said falls, and what it said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// Local; a day without a time is at the end of that day (23:59).
    pub at: NaiveDateTime,
    /// A day was said ("friday", "dec 31", "tomorrow"), not only a time.
    pub has_day: bool,
    /// A time of day was said ("9:30am", "at 17", "morning").
    pub has_time: bool,
}

impl When {
    /// Where a task due at `current` (local) moves to: a time alone keeps its day ("move standup
    /// to 9:30am"), a day alone keeps its time of day ("move the dentist to friday").
    pub fn moved_from(&self, current: Option<NaiveDateTime>) -> NaiveDateTime {
        match current {
            Some(due) if self.has_time && !self.has_day => due.date().and_time(self.at.time()),
            Some(due) if self.has_day && !self.has_time && due.time() != end_of_day() => {
                self.at.date().and_time(due.time())
            }
            _ => self.at,
        }
    }
}

/// Reads `words` as a date relative to `now` (local), if they are one.
fn parse_span(words: &[String], now: NaiveDateTime) -> Option<When> {
    if !all_date_words(words) {
        return None;
    }
    let normal = normalise_span(words, now)?;
    let now_utc = Utc.from_utc_datetime(&now);
    let mut parsed = interim::parse_date_string(&normal.text, now_utc, interim::Dialect::Us)
        .ok()?
        .naive_utc();
    // "december" in December is this one; "jan" is next year's
    let named_month = words.iter().any(|w| month_of(w).is_some());
    let has_year = normal.has_year || words.iter().any(|w| year_word(w).is_some());
    if named_month && !has_year && parsed.date() < now.date() {
        parsed = parsed.with_year(parsed.year() + 1).unwrap_or(parsed);
    }
    // "in 5 min" said at 12:41:39 is 12:46, as a time said is, not 12:46:39.173
    parsed = parsed
        .with_second(0)
        .and_then(|p| p.with_nanosecond(0))
        .unwrap_or(parsed);
    // Refuse nonsense far away, which is almost always a misread number.
    if !normal.has_year && (parsed - now).num_days().abs() > 3660 {
        return None;
    }
    // a time alone ("at 9:30am", "at noon") is the next one: today's while it is ahead
    if normal.has_time && !normal.has_day && parsed < now {
        parsed = parsed.checked_add_signed(Duration::days(1))?;
    }
    Some(When {
        at: if normal.has_time {
            parsed
        } else {
            parsed.date().and_time(end_of_day())
        },
        has_day: normal.has_day,
        has_time: normal.has_time,
    })
}

/// Whether a span is worth asking the date parser about: it names a day or a time, or reads
/// "in N units".
fn could_be_date(span: &[String]) -> bool {
    let relative = span.first().is_some_and(|w| w == "in") && span.len() >= 3;
    let next = span.len() == 2 && span[0] == "next" && matches!(span[1].as_str(), "week" | "wk" | "month");
    relative
        || next
        || span.iter().any(|w| is_date_word(w))
        || span.windows(3).any(|w| w == ["day", "after", "tomorrow"])
}

/// Whether the span `start..end` cuts a named date in two — "feb" of "feb 30", "dec 31" of "dec
/// 31 2027", "30" of "feb 30" — given the words each word's named date takes (`named`).
fn cuts_a_date(named: &[usize], start: usize, end: usize) -> bool {
    let before = (start.saturating_sub(3)..start).any(|k| named[k] > 0 && k + named[k] > start);
    let after = (start..end).any(|k| named[k] > 0 && k + named[k] > end);
    before || after
}

/// The longest span of `lower` (lower-case words) that reads as a date, preferring the latest
/// one: `(start, end, when)`.
pub(super) fn best_date_span(lower: &[String], now: NaiveDateTime) -> Option<(usize, usize, When)> {
    let mut lower = respell_hours(&respell_phrases(lower, now));
    // "at 8 tomorrow morning": the part of the day said after the day only told which 8 (read
    // just above, as after "at" only); the time and the day are the date
    for k in 3..lower.len() {
        if day_part(trim(&lower[k])).is_some()
            && matches!(lower[k - 3].as_str(), "at" | "@")
            && (matches!(trim(&lower[k - 1]), "today" | "tomorrow" | "tmr" | "tmrw")
                || WEEKDAYS.contains(&trim(&lower[k - 1])))
            && clock(trim(&lower[k - 2])).is_some()
        {
            lower[k] = String::new();
        }
    }
    let named: Vec<usize> = (0..lower.len())
        .map(|k| named_date(&lower, k).map_or(0, |(.., used)| used))
        .collect();
    let mut best: Option<(usize, usize, When)> = None;
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
            if names_a_night(&lower, start) || names_a_weekday(&lower, start) {
                continue;
            }
            let longer = best.is_none_or(|(s, e, _)| end - start >= e - s);
            if !longer || cuts_a_date(&named, start, end) {
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

/// "pick up scrubs tmrw b4 my shift at 6pm": a day said before "before", "b4", "after" or
/// "ahead" and a time said later are one date — where the day's words start ("next friday", "by
/// friday" with their first word), where they end, and where its time starts (its "at").
pub(super) fn day_apart(lower: &[String], now: NaiveDateTime) -> Option<(usize, usize, usize)> {
    let lower = respell_phrases(lower, now);
    let read = |span: &[String]| parse_span(span, now);
    let day = (0..lower.len().saturating_sub(3)).find(|&d| {
        matches!(trim(&lower[d + 1]), "before" | "b4" | "after" | "ahead")
            && read(&lower[d..d + 1]).is_some_and(|w| w.has_day && !w.has_time)
    })?;
    let at = (day + 2..lower.len().saturating_sub(1)).find(|&k| {
        matches!(lower[k].as_str(), "at" | "@") && read(&lower[k..k + 2]).is_some_and(|w| w.has_time && !w.has_day)
    })?;
    // ("stop by tomorrow …", "finish this tomorrow …": those words are the title's)
    let weekday = WEEKDAYS.contains(&trim(&lower[day]));
    let dropped_by = day > 1 && matches!(trim(&lower[day - 2]), "stop" | "drop" | "swing" | "come" | "pop" | "go");
    let said_with = |w: &str| match w {
        "next" | "this" | "coming" => weekday,
        "by" => !dropped_by,
        _ => matches!(w, "on" | "due" | "until" | "till"),
    };
    let from = if day > 0 && said_with(trim(&lower[day - 1])) {
        day - 1
    } else {
        day
    };
    Some((from, day + 1, at))
}

/// “plan the first monday back at school”, “review the last friday numbers”: a weekday after
/// “first” or “last” that is no day of a month (those are read before, as dates) is part of the
/// name, not the next such day.
fn names_a_weekday(lower: &[String], start: usize) -> bool {
    WEEKDAYS.contains(&trim(&lower[start]))
        && start.checked_sub(1).map(|b| trim(&lower[b])).is_some_and(|before| {
            matches!(
                before,
                "first" | "second" | "third" | "fourth" | "fifth" | "last" | "1st" | "2nd" | "3rd" | "4th" | "5th"
            )
        })
}

/// “movie night”, “date night”, “bin night 7pm”: “night” after a word that is no date (nor
/// “this”, “at”, “every” …) is part of the name, not 20:00 today; a span starting with it is
/// no date (a time said after it is read on its own).
fn names_a_night(lower: &[String], start: usize) -> bool {
    trim(&lower[start]) == "night"
        && start.checked_sub(1).map(|b| trim(&lower[b])).is_some_and(|before| {
            before.chars().all(char::is_alphabetic)
                && !is_date_word(before)
                && !CONNECTORS.contains(&before)
                && !matches!(
                    before,
                    "this" | "the" | "at" | "every" | "each" | "last" | "same" | "one"
                )
        })
}

/// The first date or time in `lower` that cannot be, its words and why: "feb 30" ("February has
/// no 30th."), "13pm" ("13pm is not a time."), "tursday 10am" (Tuesday or Thursday?).
pub(super) fn impossible(lower: &[String], now: NaiveDateTime) -> Option<(usize, usize, String)> {
    for i in 0..lower.len() {
        // "tursday 10am": Tuesday or Thursday, and the time must not fall on today
        if let Some((a, b)) = super::slips::ambiguous(lower, i) {
            let (a, b) = (crate::domain::capitalised(a), crate::domain::capitalised(b));
            let why = format!("“{}” could be {a} or {b}: write the day you meant.", trim(&lower[i]));
            return Some((i, i + 1, why));
        }
        if let Some((month, day, year, used)) = named_date(lower, i) {
            if let Err(why) = date_of(month, day, year, now) {
                return Some((i, i + used, why));
            }
        }
        // "31/02", "30.02.": day and month in range, but no such day
        if let Some((month, day, year)) = numeric_month_day(&lower[i]) {
            if let Err(why) = date_of(month, day, year, now) {
                return Some((i, i + 1, why));
            }
        }
        let w = trim(&lower[i]);
        // "13 pm"
        let next = lower.get(i + 1).map_or("", |n| trim(n));
        let hour = day_number(w).is_some_and(|(h, ordinal)| !ordinal && h < 100);
        if hour && matches!(next, "am" | "pm") && to_24h(&format!("{w}{next}")).is_none() {
            return Some((i, i + 2, format!("{w}{next} is not a time.")));
        }
        let after_at = i > 0 && matches!(lower[i - 1].as_str(), "at" | "@");
        // "tomorrow 24:30", "friday 12:60": a clock's shape right after a day
        let after_day = i > 0 && is_date_word(trim(&lower[i - 1]));
        let ampm = w.ends_with("am") || w.ends_with("pm");
        if impossible_time(w) && (ampm || after_at || after_day) {
            return Some((i, i + 1, format!("{w} is not a time.")));
        }
    }
    None
}

/// Where `lower` (lower-case words, at most 100) names a date, as quick-add reads one: the
/// span's first word (with a connector before it — "on", "at", "by", "due", "before" — taken in)
/// and the word after it. A date that cannot be ("feb 30") is found too, so that it is answered
/// as one. The assistant's reader uses it to tell a date from a title.
pub fn find_date(lower: &[String], now: NaiveDateTime) -> Option<(usize, usize)> {
    if lower.len() > MAX_WORDS {
        return None;
    }
    let (mut start, end) = match impossible(lower, now) {
        Some((start, end, _)) => (start, end),
        None => best_date_span(lower, now).map(|(start, end, _)| (start, end))?,
    };
    if start > 0 && CONNECTORS.contains(&lower[start - 1].as_str()) {
        start -= 1;
    }
    Some((start, end))
}

/// What a phrase said to move a task ("friday", "9:30am", "dec 31 2027 at 5pm") reads as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    At(When),
    /// A date or a time that cannot be, and why ("February has no 30th.").
    Impossible(String),
    /// Not a date.
    Unread,
}

/// Reads a phrase that is all a date (connectors before it allowed: "on friday", "at 9").
pub fn read_when(text: &str, now: NaiveDateTime) -> Said {
    let mut lower: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    if lower.is_empty() || lower.len() > MAX_WORDS {
        return Said::Unread;
    }
    super::slips::correct(&mut lower);
    if let Some((_, _, why)) = impossible(&lower, now) {
        return Said::Impossible(why);
    }
    match best_date_span(&lower, now) {
        Some((start, end, when))
            if end == lower.len() && lower[..start].iter().all(|w| CONNECTORS.contains(&w.as_str())) =>
        {
            Said::At(when)
        }
        _ => Said::Unread,
    }
}
