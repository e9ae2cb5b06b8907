//! The words dates are said in: weekdays, months, days of the month ("31st"), years, times
//! ("5pm", "17:30", "at 9"), parts of the day; the dates they name, or why there is none
//! ("February has no 30th.").
use chrono::{Datelike, NaiveDate, NaiveDateTime};

pub(super) const WEEKDAYS: [&str; 14] = [
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
pub(super) const CONNECTORS: [&str; 6] = ["on", "at", "@", "by", "due", "before"];

/// The months' names, January first (the recurrence words read them too).
pub(crate) const MONTHS: [&str; 12] = [
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

pub(super) fn trim(w: &str) -> &str {
    w.trim_end_matches([',', '.'])
}

pub(super) fn is_time_word(w: &str) -> bool {
    let w = trim(w);
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
pub(super) fn ordinal_day(w: &str) -> Option<u32> {
    day_number(w)
        .filter(|(d, ordinal)| *ordinal && (1..=31).contains(d))
        .map(|(d, _)| d)
}

/// "31", "31st", "15th,": a number of one or two digits, and whether it was said as an ordinal.
pub(super) fn day_number(w: &str) -> Option<(u32, bool)> {
    let w = trim(w);
    let digits = ["st", "nd", "rd", "th"].iter().find_map(|s| w.strip_suffix(s));
    let ordinal = digits.is_some();
    let digits = digits.unwrap_or(w);
    if !(1..=2).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().map(|d| (d, ordinal))
}

/// A month's full or short name: its number (January is 1) and full name, as interim writes it.
pub(super) fn month_of(w: &str) -> Option<(u32, &'static str)> {
    let w = trim(w);
    // a full name, or its first three or four letters ("dec", "sept"): "decorations" is no month
    MONTHS
        .iter()
        .zip(1..)
        .find(|(m, _)| w.len() >= 3 && (w.len() <= 4 || w.len() == m.len()) && m.starts_with(w) && w.is_ascii())
        .map(|(m, n)| (n, *m))
}

/// "2027": a year said with a date.
pub(super) fn year_word(w: &str) -> Option<i32> {
    let w = trim(w);
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok().filter(|y| (1900..=2199).contains(y))
}

/// A date named by its month at word `i`: "december 31", "dec 31, 2027", "december the 31st",
/// "31 december 2027", "the 20th of december" (from "20th") — `(month, day, year, words used)`.
/// A day after a month's name may be any number of two digits, so "feb 30" and "dec 32" are
/// found (and refused), not read as February and a stray number.
pub(super) fn named_date(words: &[String], i: usize) -> Option<(u32, u32, Option<i32>, usize)> {
    let at = |k: usize| words.get(i + k).map_or("", |w| trim(w));
    let (month, day, used) = if let Some((month, _)) = month_of(at(0)) {
        let k = usize::from(at(1) == "the") + 1;
        let (day, _) = day_number(at(k)).filter(|(d, _)| *d >= 1)?;
        (month, day, k + 1)
    } else {
        let (day, ordinal) = day_number(at(0)).filter(|(d, _)| (1..=31).contains(d))?;
        match month_of(at(1)) {
            Some((month, _)) => (month, day, 2),
            None if ordinal && at(1) == "of" => (month_of(at(2))?.0, day, 3),
            None => return None,
        }
    };
    let year = year_word(at(used));
    Some((month, day, year, used + usize::from(year.is_some())))
}

pub(super) fn ordinal_suffix(n: u32) -> &'static str {
    match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    }
}

/// The date a month and day name — in `year`, or the next one from `now` — or why there is none
/// ("February has no 30th.", "February 2027 has no 29th.").
pub(super) fn date_of(month: u32, day: u32, year: Option<i32>, now: NaiveDateTime) -> Result<NaiveDate, String> {
    let year = year.unwrap_or(if (month, day) < (now.month(), now.day()) {
        now.year() + 1
    } else {
        now.year()
    });
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let name = MONTHS.get(month as usize - 1).copied().unwrap_or_default();
        let mut chars = name.chars();
        let name: String = chars
            .next()
            .map(|c| c.to_ascii_uppercase())
            .into_iter()
            .chain(chars)
            .collect();
        if month == 2 && day == 29 {
            format!("{name} {year} has no 29th.")
        } else {
            format!("{name} has no {day}{}.", ordinal_suffix(day))
        }
    })
}

/// "two" → 2: small numbers in words ("in two weeks").
pub(super) fn number_word(w: &str) -> Option<&'static str> {
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
pub(super) fn day_part(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "09:00",
        "afternoon" => "15:00",
        "evening" => "18:00",
        "night" => "20:00",
        _ => return None,
    })
}

pub(super) fn is_date_word(w: &str) -> bool {
    let w = trim(w);
    matches!(
        w,
        "today" | "tomorrow" | "tmr" | "tmrw" | "tonight" | "noon" | "midnight"
    ) || WEEKDAYS.contains(&w)
        || ordinal_day(w).is_some()
        || month_of(w).is_some()
        || is_time_word(w)
        || is_numeric_date(w)
}

pub(super) fn is_numeric_date(w: &str) -> bool {
    let parts: Vec<&str> = w.split(['-', '/']).collect();
    parts.len() >= 2
        && parts.len() <= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

pub(super) fn is_unit(w: &str) -> bool {
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
pub(super) fn to_24h(w: &str) -> Option<String> {
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

/// "13pm", "0am", "12:75pm", "25:00": written as a time, but no time of day.
pub(super) fn impossible_time(w: &str) -> bool {
    let w = trim(w);
    let numeric = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_digit()) && s.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.')
    };
    match w.strip_suffix("am").or_else(|| w.strip_suffix("pm")) {
        Some(core) => numeric(core) && to_24h(w).is_none(),
        None => w.contains(':') && numeric(w) && clock(w).is_none(),
    }
}

/// "9:30", "17:05": hours and minutes on the 24-hour clock.
pub(super) fn clock(w: &str) -> Option<(u32, u32)> {
    let (h, m) = w.split_once(':')?;
    let digits = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return None;
    }
    let (h, m) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 23 && m <= 59).then_some((h, m))
}

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
            _ => None,
        };
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
        if let Some((day, used)) = nth_weekday_of_month(&lower[k..], today) {
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
        let (day, used) = match (word(k), word(k + 1), word(k + 2), word(k + 3)) {
            ("eom", ..) => (last_of_month(y, m), 1),
            ("eoy", ..) => (NaiveDate::from_ymd_opt(y, 12, 31), 1),
            ("eod" | "cob", ..) => (Some(today), 1),
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
            ("next", "weekend", ..) => (days(next_monday + 5), 2),
            _ => {
                let w = lower.get(k).map_or("", |w| w.trim_end_matches(','));
                (dotted_date(w, today).or_else(|| slashed_date(w, today)), 1)
            }
        };
        let Some(day) = day else {
            k += 1;
            continue;
        };
        // "by the end of the month": its "the" goes with it
        if k > 0 && word(k - 1) == "the" && word(k) == "end" {
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

/// "3", "two", "a": how many of a unit.
fn amount(w: &str) -> Option<i64> {
    let n = number_word(w).unwrap_or(w);
    n.parse::<i64>().ok().filter(|n| (1..=999).contains(n))
}

/// "last friday of the month", "first monday of next month", "2nd tuesday of the month": that
/// day (this month's, or next month's once this month's has passed), and how many words it took.
fn nth_weekday_of_month(words: &[String], today: NaiveDate) -> Option<(NaiveDate, usize)> {
    let w = |i: usize| words.get(i).map_or("", |w| trim(w));
    let nth: i32 = match w(0) {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        "last" => -1,
        _ => return None,
    };
    let weekday = WEEKDAYS[..7]
        .iter()
        .position(|d| w(1) == *d || w(1).strip_suffix('s') == Some(d))
        .or_else(|| WEEKDAYS[7..].iter().position(|d| w(1) == *d))?;
    let (next, used) = match (w(2), w(3), w(4)) {
        ("of", "the" | "this", "month") => (false, 5),
        ("of", "next", "month") => (true, 5),
        ("of", "month", _) => (false, 4),
        _ => return None,
    };
    let weekday = chrono::Weekday::try_from(u8::try_from(weekday % 7).ok()?).ok()?;
    let in_month = |y: i32, m: u32| -> Option<NaiveDate> {
        if nth > 0 {
            NaiveDate::from_weekday_of_month_opt(y, m, weekday, u8::try_from(nth).ok()?)
        } else {
            (1..=5)
                .rev()
                .find_map(|n| NaiveDate::from_weekday_of_month_opt(y, m, weekday, n))
        }
    };
    let following = |y: i32, m: u32| if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let (y, m) = if next {
        following(today.year(), today.month())
    } else {
        (today.year(), today.month())
    };
    let day = in_month(y, m)?;
    if day >= today || next {
        return Some((day, used));
    }
    let (y, m) = following(y, m);
    Some((in_month(y, m)?, used))
}

/// "31/12", "24/12/2026": a date with slashes whose first number cannot be a month is read day
/// first; "12/14" and "1/2" month first. Without a year, the next such day.
fn slashed_date(w: &str, today: NaiveDate) -> Option<NaiveDate> {
    let parts: Vec<&str> = w.split('/').collect();
    let number = |s: &str| (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    // "24/7 monitoring" is no 24 July
    if !(2..=3).contains(&parts.len()) || !parts.iter().all(|p| number(p)) || w == "24/7" {
        return None;
    }
    let a: u32 = parts[0].parse().ok()?;
    let b: u32 = parts[1].parse().ok()?;
    let (month, day) = if a > 12 { (b, a) } else { (a, b) };
    match parts.get(2) {
        Some(y) => {
            let year: i32 = y.parse().ok()?;
            let year = if y.len() == 2 { 2000 + year } else { year };
            (y.len() == 2 || y.len() == 4).then_some(())?;
            NaiveDate::from_ymd_opt(year, month, day)
        }
        None => {
            let this = NaiveDate::from_ymd_opt(today.year(), month, day)?;
            if this >= today {
                Some(this)
            } else {
                NaiveDate::from_ymd_opt(today.year() + 1, month, day)
            }
        }
    }
}

/// "15.12." or "15.12.2027": a day-first date with dots (the next 15 December without a year);
/// "15.12" alone may be a time, and is not read.
fn dotted_date(w: &str, today: NaiveDate) -> Option<NaiveDate> {
    let parts: Vec<&str> = w.split('.').collect();
    let number = |s: &str| (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let (day, month, year) = match parts.as_slice() {
        [d, m, ""] if number(d) && number(m) => (d.parse().ok()?, m.parse().ok()?, None),
        [d, m, y] if number(d) && number(m) && y.len() == 4 && number(y) => {
            (d.parse().ok()?, m.parse().ok()?, y.parse::<i32>().ok())
        }
        _ => return None,
    };
    if day > 31 || month > 12 {
        return None;
    }
    match year {
        Some(y) => NaiveDate::from_ymd_opt(y, month, day),
        None => {
            let this = NaiveDate::from_ymd_opt(today.year(), month, day)?;
            if this >= today {
                Some(this)
            } else {
                NaiveDate::from_ymd_opt(today.year() + 1, month, day)
            }
        }
    }
}

/// "at 9" → "at 09:00", "at 17" → "at 17:00", "at 5" → "at 17:00", "at 7:30" → "at 19:30",
/// "9 am" → "09:00" (the "am" read with it, its word left empty): an hour without am or pm after
/// "at" is on the 24-hour clock, except 1 to 7, which are afternoons — or mornings when the words
/// say so ("tomorrow morning at 7"); "at 07:30" keeps its 7. Only where a time fits: "meet at 5
/// main street" has no time.
pub(super) fn respell_hours(lower: &[String]) -> Vec<String> {
    let mut out = lower.to_vec();
    for k in 0..out.len() {
        let after_at = k > 0 && matches!(out[k - 1].as_str(), "at" | "@");
        let word = trim(&out[k]).to_owned();
        let ends_phrase = word.len() != out[k].len();
        let word = word.as_str();
        // "at 10.30": a time written with a dot, after "at"
        // (with a day said beside it: "sell shares at 10.50" is a price)
        let day_beside = (k.saturating_sub(3)..(k + 3).min(out.len()))
            .any(|j| j != k && is_date_word(trim(&out[j])) && clock(trim(&out[j])).is_none());
        let dotted = || {
            let (h, m) = word.split_once('.')?;
            let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
                n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
            };
            if !(after_at && day_beside && digits(h, 1..=2) && digits(m, 2..=2)) {
                return None;
            }
            let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
            (h < 24 && m < 60).then_some((h, m))
        };
        let Some((h, m)) = clock(word)
            .or_else(dotted)
            .or_else(|| day_number(word).filter(|(_, o)| !o).map(|(h, _)| (h, 0)))
        else {
            continue;
        };
        let next = if ends_phrase {
            String::new()
        } else {
            out.get(k + 1).map_or("", |n| trim(n)).to_owned()
        };
        let next = next.as_str();
        let said = match next {
            "am" | "a.m" => Some(false),
            "pm" | "p.m" => Some(true),
            _ => None,
        };
        let near = |words: &[&str]| {
            out[k.saturating_sub(4)..(k + 4).min(out.len())]
                .iter()
                .any(|w| words.contains(&trim(w)))
        };
        // "dinner sat 7:30", "drinks friday at 8": an evening's hour without am or pm (5 to 9 only:
        // "kids party sat 10:30" and "call the party planner at 10" are mornings)
        let evening = near(&["tonight", "evening", "night", "afternoon"]);
        let evening_event = (5..=9).contains(&h)
            && !word.starts_with('0')
            && out
                .iter()
                .any(|w| ["dinner", "supper", "drinks", "party", "concert", "movie", "movies"].contains(&trim(w)));
        let evening_clock = evening_event && clock(word).is_some();
        let hour = match said {
            Some(pm) if (1..=12).contains(&h) => match (h, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            },
            _ if !after_at && !evening_clock => continue,
            Some(_) => continue,
            None if !time_may_follow(next) || h > 23 => continue,
            None if word.starts_with('0') || near(&["morning"]) => h,
            None if (1..=7).contains(&h) || ((1..=11).contains(&h) && evening) || evening_event => h + 12,
            None => h,
        };
        out[k] = format!("{hour:02}:{m:02}");
        if said.is_some() || matches!(next, "o'clock" | "oclock") {
            out[k + 1] = String::new();
        }
    }
    out
}

/// Whether a word may come after a time: the end, more of the date, a slot of the task, a joining
/// word — not a street's name ("at 5 main street").
pub(super) fn time_may_follow(next: &str) -> bool {
    next.is_empty()
        || is_date_word(next)
        || CONNECTORS.contains(&next)
        || next.starts_with(['#', '!', '^', '+'])
        || matches!(
            next,
            "next"
                | "this"
                | "in"
                | "the"
                | "every"
                | "each"
                | "and"
                | "to"
                | "for"
                | "with"
                | "tag"
                | "tagged"
                | "label"
                | "labelled"
                | "priority"
                | "high"
                | "medium"
                | "low"
                | "urgent"
                | "please"
                | "pls"
                | "sharp"
                | "o'clock"
                | "oclock"
                | "then"
                | "or"
                | "instead"
        )
}
