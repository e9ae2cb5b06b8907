//! Phrases that name a day in words no date parser reads, rewritten before dates are looked
//! for: "end of the month", "2 weeks from today", "the last friday of the month", "31/12",
//! "15.12.2027" — each written as the day it means, every other word keeping its place.
use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::date_words::{
    is_date_word, is_time_word, month_of, number_word, numeric_month_day, trim, year_word, WEEKDAYS,
};

/// Phrases that name a day in words no date parser reads, written as the day they mean
/// (`2026-12-31`) or in words it reads, the other words left empty so every word keeps its place:
/// "end of the month", "end of next month", "eom", "end of the year", "end of day" / "eod"
/// (today), "end of the week" (its Friday; on a weekend, its Sunday), "end of next week", "this
/// weekend" / "next weekend" (their Saturday), "in the morning" (the next morning), "in half an
/// hour", and day-first dates with dots, "15.12." or "15.12.2027".
pub(super) fn respell_phrases(lower: &[String], now: NaiveDateTime) -> Vec<String> {
    let mut out = lower.to_vec();
    let today = now.date();
    let last_of_month = |y: i32, m: u32| {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
    };
    let (y, m) = (now.year(), now.month());
    let next_month = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let weekday = i64::from(today.weekday().num_days_from_monday());
    let days = |n: i64| today.checked_add_signed(chrono::Duration::days(n));
    let end_of_week = days(if weekday <= 4 { 4 - weekday } else { 6 - weekday });
    let next_monday = 7 - weekday;
    let this_weekend = days(if weekday <= 5 { 5 - weekday } else { 0 });
    let mut k = 0;
    while k < out.len() {
        let word = |i: usize| lower.get(i).map_or("", |w| trim(w));
        // written in words the parser reads, word for word: "in the morning" is "morning"
        let said: Option<Vec<&str>> = match (word(k), word(k + 1), word(k + 2), word(k + 3)) {
            ("in", "the", part @ ("morning" | "afternoon" | "evening"), _) => Some(vec!["", "", part]),
            ("in", "half", "an" | "a", "hour") => Some(vec!["in", "30", "minutes", ""]),
            // "first thing tomorrow": its morning
            ("first", "thing", day, _) if matches!(day, "today" | "tomorrow") || WEEKDAYS[..7].contains(&day) => {
                Some(vec!["", day, "morning"])
            }
            ("first", "thing", ..) => Some(vec!["", "morning"]),
            _ => None,
        };
        // "half past two", "quarter to 5pm", "at half two": the clock time, after an "at", read
        // with the part of the day said near it: morning (`false`) or afternoon and after (`true`)
        let near = |k: usize| {
            lower[k.saturating_sub(4)..(k + 6).min(lower.len())]
                .iter()
                .map(|w| trim(w))
        };
        let part = if near(k).any(|w| w == "morning") {
            Some(false)
        } else if near(k).any(|w| matches!(w, "tonight" | "evening" | "night" | "afternoon")) {
            Some(true)
        } else {
            None
        };
        if let Some((words, before)) = clock_phrase(word(k.wrapping_sub(1)), word(k), word(k + 1), word(k + 2), part) {
            if before {
                out[k - 1] = String::new();
            }
            let len = words.len();
            for (w, new) in out.iter_mut().skip(k).zip(words) {
                *w = new;
            }
            k += len;
            continue;
        }
        // "christmas eve", "new year's day", "halloween": the next such day
        let holiday = match (word(k), word(k + 1), word(k + 2)) {
            ("christmas" | "xmas", "eve", _) => Some((12, 24, 2)),
            ("christmas" | "xmas", "day", _) => Some((12, 25, 2)),
            ("christmas" | "xmas", ..) => Some((12, 25, 1)),
            ("boxing", "day", _) => Some((12, 26, 2)),
            ("new", "year's" | "years" | "year", "eve") => Some((12, 31, 3)),
            ("new", "year's" | "years" | "year", "day") => Some((1, 1, 3)),
            ("nye", ..) => Some((12, 31, 1)),
            ("halloween", ..) => Some((10, 31, 1)),
            ("valentine's" | "valentines", "day", _) => Some((2, 14, 2)),
            _ => None,
        };
        // (a one-word name only after "on", "by", …: "buy a christmas tree" is a title; none
        // before a noun: "plan new year's eve party")
        // and not before a noun: "the christmas market", "by christmas dinner")
        let said_as_day = |len: usize| {
            (len > 1
                || matches!(
                    word(k.wrapping_sub(1)),
                    "on" | "by" | "before" | "until" | "till" | "at" | "to" | "after"
                ))
                && (matches!(
                    word(k + len),
                    "" | "at"
                        | "@"
                        | "and"
                        | "or"
                        | "morning"
                        | "afternoon"
                        | "evening"
                        | "night"
                        | "to"
                        | "for"
                        | "with"
                        | "high"
                        | "low"
                        | "medium"
                        | "urgent"
                        | "every"
                ) || is_date_word(word(k + len))
                    || lower.get(k + len).is_some_and(|w| w.starts_with(['#', '!', '+', '^']))
                    || lower
                        .get(k + len - 1)
                        .is_some_and(|w| w.ends_with([',', '.', ';', '!'])))
        };
        if let Some((month, day, len)) = holiday.filter(|(_, _, len)| said_as_day(*len)) {
            let this_year = NaiveDate::from_ymd_opt(today.year(), month, day);
            let next = this_year
                .filter(|d| *d >= today)
                .or_else(|| NaiveDate::from_ymd_opt(today.year() + 1, month, day));
            if let Some(next) = next {
                out[k] = next.format("%Y-%m-%d").to_string();
                for w in out.iter_mut().skip(k + 1).take(len - 1) {
                    *w = String::new();
                }
                k += len;
                continue;
            }
        }
        if let Some(words) = said {
            for (w, new) in out.iter_mut().skip(k).zip(&words) {
                *w = (*new).to_owned();
            }
            k += words.len();
            continue;
        }
        // "2 weeks from today", "a month from tomorrow", "3 hours from now"
        if let (Some(n), unit, "from", base @ ("today" | "now" | "tomorrow")) =
            (amount(word(k)), word(k + 1), word(k + 2), word(k + 3))
        {
            let plus = |d: NaiveDate| -> Option<NaiveDate> {
                match unit.trim_end_matches('s') {
                    "day" => d.checked_add_signed(chrono::Duration::days(n)),
                    "week" => d.checked_add_signed(chrono::Duration::weeks(n)),
                    "month" => d.checked_add_months(chrono::Months::new(u32::try_from(n).ok()?)),
                    "year" => d.checked_add_months(chrono::Months::new(u32::try_from(n).ok()?.checked_mul(12)?)),
                    _ => None,
                }
            };
            let from = if base == "tomorrow" {
                today.succ_opt()
            } else {
                Some(today)
            };
            if let Some(day) = from.and_then(plus) {
                out[k] = day.format("%Y-%m-%d").to_string();
                for w in out.iter_mut().skip(k + 1).take(3) {
                    *w = String::new();
                }
                k += 4;
                continue;
            }
            if base == "now" && matches!(unit.trim_end_matches('s'), "hour" | "minute" | "min") {
                let said = ["in".to_owned(), n.to_string(), unit.to_owned(), String::new()];
                for (w, new) in out.iter_mut().skip(k).zip(said) {
                    *w = new;
                }
                k += 4;
                continue;
            }
        }
        // "the last friday of the month", "the first monday of next month"
        if let Some((day, used)) = nth_weekday_of_month(&lower[k..], today, k > 0 && word(k - 1) == "the") {
            if k > 0 && word(k - 1) == "the" {
                out[k - 1] = String::new();
            }
            out[k] = day.format("%Y-%m-%d").to_string();
            for w in out.iter_mut().skip(k + 1).take(used - 1) {
                *w = String::new();
            }
            k += used;
            continue;
        }
        // "last friday", "2 days ago", "a week ago": a day gone by (due, and so overdue, as
        // "yesterday" is)
        let after = |w: &str| k > 0 && word(k - 1) == w;
        // ("notes from last friday", "the email from 3 days ago": what the task is about)
        let about = ["the", "every", "about", "from", "since", "of", "than", "for", "like"];
        if let Some((day, used)) = past_day(&lower[k..], today).filter(|_| !about.iter().any(|w| after(w))) {
            out[k] = day.format("%Y-%m-%d").to_string();
            for w in out.iter_mut().skip(k + 1).take(used - 1) {
                *w = String::new();
            }
            k += used;
            continue;
        }
        // "friday eod", "by friday end of day", "eod tomorrow": the end of that day, which a day
        // said alone is already
        let day_end = match (word(k), word(k + 1), word(k + 2), word(k + 3)) {
            ("eod" | "cob" | "eob", ..) => Some(1),
            ("end", "of", "the" | "this", "day") => Some(4),
            ("end", "of", "day", _) => Some(3),
            ("close", "of", "play" | "business", _) => Some(3),
            _ => None,
        };
        if let Some(len) = day_end {
            let beside = |w: &str| is_date_word(w) && !is_time_word(w);
            if (k > 0 && beside(word(k - 1))) || beside(word(k + len)) {
                for w in out.iter_mut().skip(k).take(len) {
                    *w = String::new();
                }
                k += len;
                continue;
            }
        }
        let (day, used) = match (word(k), word(k + 1), word(k + 2), word(k + 3)) {
            ("close", "of", "play" | "business", _) => (Some(today), 3),
            ("eom", ..) => (last_of_month(y, m), 1),
            ("eoy", ..) => (NaiveDate::from_ymd_opt(y, 12, 31), 1),
            ("eod" | "cob" | "eob", ..) => (Some(today), 1),
            ("eow", ..) => (end_of_week, 1),
            ("end", "of", "the" | "this", "month") => (last_of_month(y, m), 4),
            ("end", "of", "month", _) => (last_of_month(y, m), 3),
            ("end", "of", "next", "month") => (last_of_month(next_month.0, next_month.1), 4),
            ("end", "of", "the" | "this", "year") => (NaiveDate::from_ymd_opt(y, 12, 31), 4),
            ("end", "of", "year", _) => (NaiveDate::from_ymd_opt(y, 12, 31), 3),
            ("end", "of", "the" | "this", "day") => (Some(today), 4),
            ("end", "of", "day", _) => (Some(today), 3),
            ("end", "of", "the" | "this", "week") => (end_of_week, 4),
            ("end", "of", "week", _) => (end_of_week, 3),
            ("end", "of", "next", "week") => (days(next_monday + 4), 4),
            ("this" | "the", "weekend", ..) => (this_weekend, 2),
            // "weekend: clean room", "on the weekend" is read above
            ("weekend", ..) if k == 0 && lower[0].ends_with(':') => (this_weekend, 1),
            ("next", "weekend", ..) => (days(next_monday + 5), 2),
            _ => {
                let w = lower.get(k).map_or("", |w| w.trim_end_matches(','));
                (numeric_date(w, today), 1)
            }
        };
        let Some(day) = day else {
            k += 1;
            continue;
        };
        // "by the end of the month": its "the" goes with it; "over the weekend": its "over"
        if k > 0 && word(k - 1) == "the" && word(k) == "end" {
            out[k - 1] = String::new();
        }
        if k > 0 && word(k - 1) == "over" && word(k) == "the" && word(k + 1) == "weekend" {
            out[k - 1] = String::new();
        }
        out[k] = day.format("%Y-%m-%d").to_string();
        for w in out.iter_mut().skip(k + 1).take(used - 1) {
            *w = String::new();
        }
        k += used;
    }
    out
}

/// "half past two" → `["", "at", "14:30"]`, "quarter to 8" → `["", "at", "07:45"]`, "at half
/// four" (its "at" given as `before`) → `["at", "16:30"]`: the words in place of these (on the
/// 24-hour clock, the hour said read as "at" reads it: 1 to 7 are afternoons unless `part` says
/// morning, and up to 11 evenings when it says evening), and whether the "at" before them is left
/// empty (it moves next to the time).
fn clock_phrase(before: &str, a: &str, b: &str, c: &str, part: Option<bool>) -> Option<(Vec<String>, bool)> {
    let hour = |w: &str| -> Option<(u32, Option<bool>)> {
        let (n, pm) = match w.strip_suffix("pm").or_else(|| w.strip_suffix("am")) {
            Some(n) => (n, Some(w.ends_with("pm"))),
            None => (w, None),
        };
        if matches!(n, "a" | "an") {
            return None;
        }
        let n: u32 = number_word(n).unwrap_or(n).parse().ok()?;
        (1..=12).contains(&n).then_some((n, pm))
    };
    let at = matches!(before, "at" | "@");
    let ((h, pm), minutes, len): ((u32, Option<bool>), i64, usize) = match (a, b) {
        ("half", "past" | "after") => (hour(c)?, 30, 3),
        ("quarter", "past" | "after") => (hour(c)?, 15, 3),
        ("quarter", "to" | "til" | "till" | "of") => (hour(c)?, -15, 3),
        ("half", _) if at => (hour(b)?, 30, 2),
        _ => return None,
    };
    let h24 = match (pm, part) {
        (Some(true), _) => h % 12 + 12,
        (Some(false), _) => h % 12,
        (None, Some(false)) => h % 12,
        (None, Some(true)) if h < 12 => h + 12,
        (None, _) if (1..=7).contains(&h) => h + 12,
        (None, _) => h,
    };
    let total = (i64::from(h24) * 60 + minutes).rem_euclid(24 * 60);
    let time = format!("{:02}:{:02}", total / 60, total % 60);
    Some(match len {
        2 => (vec!["at".to_owned(), time], at),
        _ => (vec![String::new(), "at".to_owned(), time], at),
    })
}

/// "3", "two", "a": how many of a unit.
fn amount(w: &str) -> Option<i64> {
    let n = number_word(w).unwrap_or(w);
    n.parse::<i64>().ok().filter(|n| (1..=999).contains(n))
}

/// "last friday of the month", "first monday of next month", "2nd tuesday of the month", "the
/// first monday of january", "the 2nd friday of jan 2028", "the 3rd tuesday", "the last weekday
/// of the month", "the first day of next month": that day (in the
/// month named, or this month's, or the next one's once it has passed), and how many words it
/// took. Without a month, "the" must come before ("first monday back" is a name).
/// "tues", "thurs", "thur", "weds" as the short forms `WEEKDAYS` has; any other word as it is.
fn short_day(w: &str) -> &str {
    match w {
        "tues" => "tue",
        "thurs" | "thur" => "thu",
        "weds" => "wed",
        day => day,
    }
}

/// "last friday" (the one before today: a week ago on a friday), "3 days ago", "a week ago",
/// "two weeks ago": the day and how many words said it.
fn past_day(words: &[String], today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let w = |i: usize| words.get(i).map_or("", |w| trim(w));
    if w(0) == "last" {
        let wanted = i64::try_from(WEEKDAYS.iter().position(|d| *d == short_day(w(1)))? % 7).ok()?;
        let weekday = i64::from(today.weekday().num_days_from_monday());
        let back = (weekday - wanted + 6).rem_euclid(7) + 1;
        return Some((today.checked_sub_signed(chrono::Duration::days(back))?, 2));
    }
    let n: i64 = number_word(w(0)).unwrap_or(w(0)).parse().ok()?;
    let per = match w(1) {
        "day" | "days" => 1,
        "week" | "weeks" | "wk" | "wks" => 7,
        _ => return None,
    };
    if w(2) != "ago" || !(1..=366).contains(&n) {
        return None;
    }
    Some((today.checked_sub_signed(chrono::Duration::days(n * per))?, 3))
}

fn nth_weekday_of_month(words: &[String], today: NaiveDate, after_the: bool) -> Option<(NaiveDate, usize)> {
    let w = |i: usize| words.get(i).map_or("", |w| trim(w));
    let nth: i32 = match w(0) {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        "fifth" | "5th" => 5,
        "last" => -1,
        _ => return None,
    };
    // what is counted: a weekday ("thurs", "tues", "weds" too), a working day, any day
    let day = short_day(w(1));
    let (counted, len) = match (day, w(2)) {
        ("weekday" | "workday", _) => (Counted::Workday, 1),
        ("working" | "business", "day") => (Counted::Workday, 2),
        ("day", _) => (Counted::Any, 1),
        _ => {
            let weekday = WEEKDAYS[..7]
                .iter()
                .position(|d| day == *d || day.strip_suffix('s') == Some(d))
                .or_else(|| WEEKDAYS[7..].iter().position(|d| day == *d))?;
            (
                Counted::Weekday(chrono::Weekday::try_from(u8::try_from(weekday % 7).ok()?).ok()?),
                1,
            )
        }
    };
    let following = |y: i32, m: u32| if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let this_month = (today.year(), today.month());
    // the month it falls in, whether a later one may be taken once it has passed, the words used
    let at = 1 + len;
    let (month, roll, used) = match (w(at), w(at + 1), w(at + 2)) {
        ("of", "the" | "this", "month") => (this_month, Roll::Month, at + 3),
        ("of", "next", "month") => (following(today.year(), today.month()), Roll::No, at + 3),
        ("of", "month", _) => (this_month, Roll::Month, at + 2),
        ("of" | "in", named, year) if month_of(named).is_some() => {
            let (m, _) = month_of(named)?;
            match year_word(year) {
                Some(y) => ((y, m), Roll::No, at + 3),
                None => ((today.year(), m), Roll::Year, at + 2),
            }
        }
        // "the 3rd tuesday", "the last friday": nothing else after it may say which month, and
        // it ends there ("plan the first monday back at school" is a title; "the 2nd day" says
        // no day)
        (after, ..)
            if after_the
                && nth <= 4
                && matches!(counted, Counted::Weekday(_))
                && (after.is_empty()
                    || matches!(after, "at" | "by" | "due" | "before" | "@" | "and" | "to" | "for")
                    || after.starts_with(['#', '!', '+', '^'])
                    || is_time_word(after)) =>
        {
            (this_month, Roll::Month, at)
        }
        _ => return None,
    };
    let in_month = |(y, m): (i32, u32)| -> Option<NaiveDate> {
        let mut days = (1..=31)
            .filter_map(|d| NaiveDate::from_ymd_opt(y, m, d))
            .filter(|d| match counted {
                Counted::Weekday(weekday) => d.weekday() == weekday,
                Counted::Workday => d.weekday().number_from_monday() <= 5,
                Counted::Any => true,
            });
        if nth > 0 {
            days.nth(usize::try_from(nth - 1).ok()?)
        } else {
            days.next_back()
        }
    };
    match roll {
        Roll::No => Some((in_month(month)?, used)),
        // a month without a fifth such day has none: the next month that has one
        Roll::Month => {
            let mut month = month;
            for _ in 0..12 {
                if let Some(day) = in_month(month).filter(|d| *d >= today) {
                    return Some((day, used));
                }
                month = following(month.0, month.1);
            }
            None
        }
        Roll::Year => {
            let (y, m) = month;
            let day = in_month((y, m)).filter(|d| *d >= today);
            Some((day.or_else(|| in_month((y + 1, m)))?, used))
        }
    }
}

/// The days [`nth_weekday_of_month`] counts.
#[derive(Clone, Copy)]
enum Counted {
    Weekday(chrono::Weekday),
    /// Monday to Friday: "the last weekday of the month", "the first business day of march".
    Workday,
    /// "the last day of the month", "the first day of next month".
    Any,
}

/// Whether the day of [`nth_weekday_of_month`] may move on once it has passed.
enum Roll {
    No,
    Month,
    Year,
}

/// `month`/`day` without a year: this year's while it is ahead (today included), else next year's.
fn next_such_day(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    match NaiveDate::from_ymd_opt(today.year(), month, day)? {
        this if this >= today => Some(this),
        _ => NaiveDate::from_ymd_opt(today.year() + 1, month, day),
    }
}

/// The day a numeric date says: "31/12", "24/12/2026" with slashes (day first when the first
/// number cannot be a month; "12/14" and "1/2" month first), "15.12." or "15.12.2027" with dots
/// (day first; "15.12" alone may be a time, and is not read). Without a year, the next such day.
fn numeric_date(w: &str, today: NaiveDate) -> Option<NaiveDate> {
    match numeric_month_day(w)? {
        (month, day, Some(year)) => NaiveDate::from_ymd_opt(year, month, day),
        (month, day, None) => next_such_day(today, month, day),
    }
}
