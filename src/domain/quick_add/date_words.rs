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
pub(super) const CONNECTORS: [&str; 7] = ["on", "at", "@", "by", "due", "before", "b4"];

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

/// A word without the marks that end a phrase after it ("friday,", "9:" of "at 9: call the vet").
pub(super) fn trim(w: &str) -> &str {
    w.trim_end_matches([',', '.', ':'])
}

pub(super) fn is_time_word(w: &str) -> bool {
    let w = trim(w);
    if matches!(
        w,
        "noon" | "midday" | "midnight" | "tonight" | "morning" | "evening" | "afternoon" | "arvo" | "night" | "nite"
    ) {
        return true;
    }
    let core = w.trim_end_matches("am").trim_end_matches("pm");
    let has_ampm = core.len() != w.len();
    let digits_ok = !core.is_empty() && core.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.');
    (digits_ok && (has_ampm || core.contains(':'))) || (has_ampm && to_24h(w).is_some())
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
        "afternoon" | "arvo" => "15:00",
        "evening" => "18:00",
        "night" | "nite" => "20:00",
        _ => return None,
    })
}

pub(super) fn is_date_word(w: &str) -> bool {
    let w = trim(w);
    matches!(
        w,
        "today" | "yesterday" | "tomorrow" | "tmr" | "tmrw" | "tonight" | "noon" | "midday" | "midnight"
    ) || WEEKDAYS.contains(&w)
        || ordinal_day(w).is_some()
        || month_of(w).is_some()
        || is_time_word(w)
        || is_numeric_date(w)
}

/// The month, day and year a numeric date says ("31/02", "2/30/2027", "31.02.", "31.02.2027";
/// day first when the first number cannot be a month), when each is in range as a number (a
/// month up to 12, a day up to 31) — whether or not that day exists.
pub(super) fn numeric_month_day(w: &str) -> Option<(u32, u32, Option<i32>)> {
    let number = |s: &str| (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let year = |y: &str| -> Option<i32> {
        let n: i32 = y.parse().ok()?;
        match y.len() {
            2 => Some(2000 + n),
            4 => Some(n),
            _ => None,
        }
    };
    let (month, day, year) = if w.contains('/') {
        let parts: Vec<&str> = w.split('/').collect();
        if !(2..=3).contains(&parts.len()) || !parts.iter().all(|p| number(p)) || w == "24/7" {
            return None;
        }
        let (a, b): (u32, u32) = (parts[0].parse().ok()?, parts[1].parse().ok()?);
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        let year = match parts.get(2) {
            Some(y) => Some(year(y)?),
            None => None,
        };
        (month, day, year)
    } else {
        match w.split('.').collect::<Vec<_>>().as_slice() {
            [d, m, ""] if number(d) && number(m) => (m.parse().ok()?, d.parse().ok()?, None),
            [d, m, y] if number(d) && number(m) && y.len() == 4 && number(y) => {
                (m.parse().ok()?, d.parse().ok()?, Some(year(y)?))
            }
            _ => return None,
        }
    };
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((month, day, year))
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
            | "wk"
            | "wks"
            | "hour"
            | "hours"
            | "hr"
            | "hrs"
            | "minute"
            | "minutes"
            | "min"
            | "mins"
            | "month"
            | "months"
    )
}

/// "5pm" → "17:00", "12:30am" → "00:30": 24-hour times, which `interim` reads without surprises.
/// A span of time is read as its start, since a task is due when it starts: "3-4pm" → "15:00",
/// "11-1pm" → "11:00", "9:30am-10:30am" → "09:30".
pub(super) fn to_24h(w: &str) -> Option<String> {
    let (core, pm) = match (w.strip_suffix("pm"), w.strip_suffix("am")) {
        (Some(core), _) => (core, true),
        (_, Some(core)) => (core, false),
        _ => return None,
    };
    if let Some((from, to)) = core.split_once(['-', '–']) {
        let half = if pm { "pm" } else { "am" };
        let end = to_24h(&format!("{to}{half}"))?;
        if from.ends_with("am") || from.ends_with("pm") {
            return to_24h(from);
        }
        // the start takes the end's half of the day, unless it comes later on the clock face
        // ("11-1pm" starts in the morning, "12-1pm" at noon)
        let hour = |s: &str| s.split([':', '.']).next().and_then(|h| h.parse::<u32>().ok());
        let (start_h, end_h) = (hour(from)? % 12, hour(&end)? % 12);
        let other = if pm { "am" } else { "pm" };
        return to_24h(&format!("{from}{}", if start_h <= end_h { half } else { other }));
    }
    let (h, m) = match core.split_once([':', '.']) {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        // "1030am", "930pm"
        None if (3..=4).contains(&core.len()) && core.bytes().all(|b| b.is_ascii_digit()) => {
            let (h, m) = core.split_at_checked(core.len() - 2)?;
            (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?)
        }
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

/// The hour and the minutes of a time written with a dot, by their shape only: "10.30" →
/// ("10", "30"), "9.15" → ("9", "15").
pub(super) fn dotted_parts(word: &str) -> Option<(&str, &str)> {
    let (h, m) = word.split_once('.')?;
    let digits =
        |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    (digits(h, 1..=2) && digits(m, 2..=2)).then_some((h, m))
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
            let (h, m) = dotted_parts(word).filter(|_| after_at && day_beside)?;
            let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
            (h < 24 && m < 60).then_some((h, m))
        };
        // "at 1030", "wed 1530": hours and minutes without a colon, after "at" or right beside a
        // day's name, on the 24-hour clock there ("order 1200 bricks" is a number)
        let by_a_day = |j: Option<usize>| {
            j.and_then(|j| out.get(j)).is_some_and(|w| {
                WEEKDAYS.contains(&trim(w)) || matches!(trim(w), "today" | "tomorrow" | "tmr" | "tmrw")
            })
        };
        let compact_by_day = word.len() == 4
            && word.bytes().all(|b| b.is_ascii_digit())
            && (by_a_day(k.checked_sub(1)) || (!ends_phrase && by_a_day(Some(k + 1))));
        // (after "at" with a day beside it: "sell shares at 150" is a price)
        let compact = || {
            let digits = (3..=4).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit());
            let (h, m) = word
                .split_at_checked(word.len().saturating_sub(2))
                .filter(|_| digits && ((after_at && day_beside) || compact_by_day))?;
            let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
            (h < 24 && m < 60).then_some((h, m))
        };
        let Some((h, m)) = clock(word)
            .or_else(dotted)
            .or_else(compact)
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
        // "tonight 8 call mum", "tonight at 8 call mum": an hour right after "tonight"
        let after_tonight = ((k > 0 && trim(&out[k - 1]) == "tonight")
            || (after_at && k > 1 && trim(&out[k - 2]) == "tonight"))
            // an evening's hour ("tonight 2 loads of laundry" is no 14:00)
            && ((5..=11).contains(&h) || clock(word).is_some());
        // "dentist friday 2:15", "tomorrow 3:30": a clock's hour from 1 to 5 beside a day is an
        // afternoon's, as after "at" ("gym sat 6:30" is a morning)
        let day_word =
            |w: &str| WEEKDAYS.contains(&w) || matches!(w, "today" | "tomorrow" | "tmr" | "tmrw" | "tonight");
        let day_clock = clock(word).is_some()
            && (1..=5).contains(&h)
            && !word.starts_with('0')
            && ((k > 0 && day_word(trim(&out[k - 1]))) || (!ends_phrase && day_word(next)));
        let hour = match said {
            Some(pm) if (1..=12).contains(&h) => match (h, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            },
            _ if !after_at && !evening_clock && !after_tonight && !day_clock && !compact_by_day => continue,
            Some(_) => continue,
            None if compact_by_day => h,
            None if (!time_may_follow(next) && !after_tonight) || h > 23 => continue,
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
