//! Recurrence in words, as quick-add and the assistant read it: "every day", "daily", "every
//! weekday", "every mon and thu", "every other week", "every 2 weeks", "every month on the
//! 15th", "monthly", "every 3rd friday", "every last friday", "on the last day of every month",
//! "each year on march 3", "every year", "every 3 days after completion", Todoist's "every!".
//! The reader finds the phrase in a list of lower-case words and says which words it used, so
//! the rest (a title, "at 8am") is read as before.
use super::quick_add::MONTHS;
use super::recurrence::{ByDay, Freq, RecurFrom, RecurrenceInput, Rule};

const DAY_NAMES: [[&str; 4]; 7] = [
    ["monday", "mon", "mondays", "mo"],
    ["tuesday", "tue", "tuesdays", "tues"],
    ["wednesday", "wed", "wednesdays", "weds"],
    ["thursday", "thu", "thursdays", "thurs"],
    ["friday", "fri", "fridays", "fr"],
    ["saturday", "sat", "saturdays", "sa"],
    ["sunday", "sun", "sundays", "su"],
];

fn weekday(word: &str) -> Option<u8> {
    let word = word.trim_end_matches([',', '.']);
    DAY_NAMES
        .iter()
        .position(|names| names.contains(&word))
        .map(|i| i as u8)
}

fn month(word: &str) -> Option<u8> {
    let word = word.trim_end_matches([',', '.']);
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() <= m.len() && m.starts_with(word) && word.len() >= 3))
        .map(|i| i as u8 + 1)
}

/// "1st", "third", "15th", "last" → the number (-1 for last).
fn ordinal(word: &str) -> Option<i8> {
    let word = word.trim_end_matches([',', '.']);
    let named = [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("last", -1),
    ];
    if let Some((_, n)) = named.iter().find(|(w, _)| *w == word) {
        return Some(*n);
    }
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse::<i8>().ok().filter(|n| (1..=31).contains(n))
}

fn number(word: &str) -> Option<u16> {
    match word {
        "one" => Some(1),
        "two" => Some(2),
        "three" => Some(3),
        "four" => Some(4),
        "five" => Some(5),
        "six" => Some(6),
        "seven" => Some(7),
        "ten" => Some(10),
        w => w.parse().ok().filter(|n| (1..=999).contains(n)),
    }
}

fn unit(word: &str) -> Option<Freq> {
    match word.trim_end_matches([',', '.']) {
        "day" | "days" => Some(Freq::Daily),
        "week" | "weeks" => Some(Freq::Weekly),
        "month" | "months" => Some(Freq::Monthly),
        "year" | "years" => Some(Freq::Yearly),
        _ => None,
    }
}

/// Weekday names from `words[at..]` joined by "and", "&", "n", ",": "mon and thu", "tue n thu",
/// "monday, wednesday".
fn weekday_list(words: &[String], at: usize) -> (Vec<u8>, usize) {
    let mut days = Vec::new();
    let mut i = at;
    while let Some(day) = words.get(i).and_then(|w| weekday(w)) {
        if !days.contains(&day) {
            days.push(day);
        }
        i += 1;
        match words.get(i).map(String::as_str) {
            Some("and" | "&" | "or" | "n" | "+") if words.get(i + 1).and_then(|w| weekday(w)).is_some() => i += 1,
            _ => {}
        }
    }
    (days, i - at)
}

/// A phrase found: the words `start..end` made `recurrence`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub recurrence: RecurrenceInput,
}

/// Reads the rule that starts at `words[i]`, with how many words it took.
fn read_at(words: &[String], i: usize) -> Option<(Rule, usize, RecurFrom)> {
    let w = |k: usize| words.get(i + k).map(String::as_str).unwrap_or_default();
    let mut from = RecurFrom::Due;
    // the lead: "every", "each", Todoist's "every!" (after completion), or a one-word rule
    let lead = match w(0) {
        "every" | "each" | "evry" => 1,
        "every!" => {
            from = RecurFrom::Completion;
            1
        }
        "daily" | "everyday" => return Some((Rule::new(Freq::Daily), 1, from)),
        "weekly" => return Some((Rule::new(Freq::Weekly), 1, from)),
        "biweekly" | "fortnightly" => {
            return Some((
                Rule {
                    interval: 2,
                    ..Rule::new(Freq::Weekly)
                },
                1,
                from,
            ))
        }
        "monthly" => {
            // "monthly on the 15th"
            if let (true, Some(day)) = (w(1) == "on" && w(2) == "the", ordinal(w(3))) {
                let mut r = Rule::new(Freq::Monthly);
                r.set_month_day(day);
                return Some((r, 4, from));
            }
            return Some((Rule::new(Freq::Monthly), 1, from));
        }
        "yearly" | "annually" => return Some((Rule::new(Freq::Yearly), 1, from)),
        "weekdays" => return Some((weekdays(), 1, from)),
        "on" if w(1) == "the" => return on_the(words, i),
        _ => return None,
    };
    let at = i + lead;
    let v = |k: usize| words.get(at + k).map(String::as_str).unwrap_or_default();
    // "every weekday", "every work day", "every weekend"
    match (v(0), v(1)) {
        ("weekday" | "weekdays" | "workday" | "workdays", _) => return Some((weekdays(), lead + 1, from)),
        ("work", "day" | "days") | ("business", "day" | "days") => return Some((weekdays(), lead + 2, from)),
        ("weekend" | "weekends", _) => {
            let by_day = vec![day(5), day(6)];
            return Some((
                Rule {
                    by_day,
                    ..Rule::new(Freq::Weekly)
                },
                lead + 1,
                from,
            ));
        }
        _ => {}
    }
    // "every mon and thu", "every friday"
    let (days, used) = weekday_list(words, at);
    if !days.is_empty() {
        return Some((
            Rule {
                by_day: days.into_iter().map(day).collect(),
                ..Rule::new(Freq::Weekly)
            },
            lead + used,
            from,
        ));
    }
    // "every other week", "every other friday", "every 2 weeks", "every 3 days", "every day"
    let (interval, skip) = match v(0) {
        "other" | "second" => (2, 1),
        n => match number(n) {
            Some(n) => (n, 1),
            // "every 2nd day", "every third week": every 2 days, every 3 weeks (not "every 2nd
            // day of the month")
            None => match ordinal(n).filter(|o| *o > 1 && unit(v(1)).is_some() && v(2) != "of") {
                Some(o) => (o.unsigned_abs().into(), 1),
                None => (1, 0),
            },
        },
    };
    // "every fortnight": every 2 weeks
    let (freq, interval) = match v(skip) {
        "fortnight" | "fortnight," => (Some(Freq::Weekly), interval.saturating_mul(2)),
        w => (unit(w), interval),
    };
    if let Some(freq) = freq {
        let mut r = Rule {
            interval,
            ..Rule::new(freq)
        };
        let mut used = lead + skip + 1;
        // "every month on the 15th", "every year on march 3", "every 2 weeks on monday"
        let u = |k: usize| words.get(i + used + k).map(String::as_str).unwrap_or_default();
        if u(0) == "on" {
            if let (Freq::Monthly, "the", Some(d)) = (freq, u(1), ordinal(u(2))) {
                if u(3) == "day" || d == -1 && u(3) == "day" {
                    r.set_month_day(d);
                    used += 4;
                } else if let Some(wd) = weekday(u(3)) {
                    r.by_day = vec![ByDay {
                        ordinal: Some(d),
                        weekday: wd,
                    }];
                    used += 4;
                } else if d > 0 {
                    r.set_month_day(d);
                    used += 3;
                }
            } else if let (Freq::Yearly, Some(m)) = (freq, month(u(1))) {
                if let Some(d) = u(2)
                    .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .parse::<i8>()
                    .ok()
                    .filter(|d| (1..=31).contains(d))
                {
                    r.by_month = vec![m];
                    r.by_month_day = vec![d];
                    used += 3;
                }
            } else if freq == Freq::Weekly {
                let (days, n) = weekday_list(words, i + used + 1);
                if !days.is_empty() {
                    r.by_day = days.into_iter().map(day).collect();
                    used += 1 + n;
                }
            }
        }
        return Some((r, used, from));
    }
    // "every other friday", "every second tuesday" (not "every second tuesday of the month")
    if v(0) == "other" || (v(0) == "second" && v(2) != "of") {
        if let Some(wd) = weekday(v(1)) {
            return Some((
                Rule {
                    interval: 2,
                    by_day: vec![day(wd)],
                    ..Rule::new(Freq::Weekly)
                },
                lead + 2,
                from,
            ));
        }
    }
    // "every last weekday of the month", "every first workday": one of Monday to Friday
    if let (Some(n), "weekday" | "workday" | "working" | "business") = (ordinal(v(0)), v(1)) {
        let mut used = lead + 2;
        if v(1) != "weekday" && v(1) != "workday" {
            if v(2) != "day" {
                return None;
            }
            used += 1;
        }
        let k = used - lead;
        if matches!((v(k), v(k + 1), v(k + 2)), ("of", "the" | "every" | "each", "month")) {
            used += 3;
        }
        let mut r = weekdays();
        r.freq = Freq::Monthly;
        r.by_set_pos = vec![i16::from(n)];
        return Some((r, used, from));
    }
    // "every last day of the month", "every 1st day of each month"
    if let (Some(n), "day", "of", "the" | "every" | "each", "month") = (ordinal(v(0)), v(1), v(2), v(3), v(4)) {
        let mut r = Rule::new(Freq::Monthly);
        r.set_month_day(n);
        return Some((r, lead + 5, from));
    }
    // "every 3rd friday", "every last friday", "every first monday of the month"
    if let (Some(n), Some(wd)) = (ordinal(v(0)), weekday(v(1))) {
        let mut used = lead + 2;
        if matches!((v(2), v(3), v(4)), ("of", "the" | "every", "month")) {
            used += 3;
        }
        return Some((
            Rule {
                by_day: vec![ByDay {
                    ordinal: Some(n),
                    weekday: wd,
                }],
                ..Rule::new(Freq::Monthly)
            },
            used,
            from,
        ));
    }
    // "every 15th" (of the month), "every march 3"
    if let Some(n) = ordinal(v(0)).filter(|n| *n > 0) {
        let mut r = Rule::new(Freq::Monthly);
        r.set_month_day(n);
        return Some((r, lead + 1, from));
    }
    if let (Some(m), Some(d)) = (month(v(0)), v(1).parse::<i8>().ok().filter(|d| (1..=31).contains(d))) {
        return Some((
            Rule {
                by_month: vec![m],
                by_month_day: vec![d],
                ..Rule::new(Freq::Yearly)
            },
            lead + 2,
            from,
        ));
    }
    None
}

/// "on the last day of every month", "on the 15th of every month", "on the 3rd friday of every
/// month".
fn on_the(words: &[String], i: usize) -> Option<(Rule, usize, RecurFrom)> {
    let w = |k: usize| words.get(i + k).map(String::as_str).unwrap_or_default();
    let n = ordinal(w(2))?;
    let (by_day, by_month_day, next) = if w(3) == "day" {
        (vec![], vec![n], 4)
    } else if let Some(wd) = weekday(w(3)) {
        (
            vec![ByDay {
                ordinal: Some(n),
                weekday: wd,
            }],
            vec![],
            4,
        )
    } else if n > 0 {
        (vec![], vec![n], 3)
    } else {
        return None;
    };
    let every_month = (w(next), w(next + 1), w(next + 2)) == ("of", "every", "month")
        || (w(next), w(next + 1), w(next + 2)) == ("of", "each", "month");
    every_month.then(|| {
        let mut r = Rule {
            by_day,
            ..Rule::new(Freq::Monthly)
        };
        if let [d] = by_month_day.as_slice() {
            r.set_month_day(*d);
        }
        (r, next + 3, RecurFrom::Due)
    })
}

fn day(weekday: u8) -> ByDay {
    ByDay { ordinal: None, weekday }
}

fn weekdays() -> Rule {
    Rule {
        by_day: (0..5).map(day).collect(),
        ..Rule::new(Freq::Weekly)
    }
}

/// Finds a recurrence in `words` (lower case): the first phrase that reads as one, with
/// "after completion" (or "after I finish it") after it making it count from completion.
pub fn find(words: &[String]) -> Option<Found> {
    for start in 0..words.len() {
        let Some((rule, used, mut from)) = read_at(words, start) else {
            continue;
        };
        let mut end = start + used;
        let after = |k: usize| words.get(end + k).map(String::as_str).unwrap_or_default();
        for tail in [
            &["after", "completion"][..],
            &["after", "completing"],
            &["after", "done"],
            &["after", "i", "finish", "it"],
            &["after", "i", "do", "it"],
            &["after", "i", "last", "did", "it"],
            &["from", "completion"],
            &["after", "it's", "done"],
        ] {
            if tail
                .iter()
                .enumerate()
                .all(|(k, t)| after(k).trim_end_matches([',', '.']) == *t)
            {
                from = RecurFrom::Completion;
                end += tail.len();
                break;
            }
        }
        return Some(Found {
            start,
            end,
            recurrence: RecurrenceInput {
                rule: rule.to_string(),
                from,
                text: None,
            },
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(String, RecurFrom, String)> {
        let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
        find(&words).map(|f| {
            let rest: Vec<&str> = words[..f.start]
                .iter()
                .chain(&words[f.end..])
                .map(String::as_str)
                .collect();
            (f.recurrence.rule, f.recurrence.from, rest.join(" "))
        })
    }

    #[test]
    fn the_contracts_phrases_and_their_paraphrases() {
        use RecurFrom::{Completion, Due};
        for (text, rule, from, rest) in [
            ("water plants every day", "FREQ=DAILY", Due, "water plants"),
            ("stretch daily", "FREQ=DAILY", Due, "stretch"),
            (
                "standup every weekday at 8am",
                "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
                Due,
                "standup at 8am",
            ),
            ("gym every monday", "FREQ=WEEKLY;BYDAY=MO", Due, "gym"),
            ("piano every mon and thu", "FREQ=WEEKLY;BYDAY=MO,TH", Due, "piano"),
            (
                "yoga every monday, wednesday and friday 7pm",
                "FREQ=WEEKLY;BYDAY=MO,WE,FR",
                Due,
                "yoga 7pm",
            ),
            ("clean every other week", "FREQ=WEEKLY;INTERVAL=2", Due, "clean"),
            ("review every 2 weeks", "FREQ=WEEKLY;INTERVAL=2", Due, "review"),
            (
                "water the ferns every 2nd day",
                "FREQ=DAILY;INTERVAL=2",
                Due,
                "water the ferns",
            ),
            ("bins every third week", "FREQ=WEEKLY;INTERVAL=3", Due, "bins"),
            (
                "standup every workday",
                "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
                Due,
                "standup",
            ),
            (
                "close books every last day of the month",
                "FREQ=MONTHLY;BYMONTHDAY=-1",
                Due,
                "close books",
            ),
            (
                "rent every 1st day of each month",
                "FREQ=MONTHLY;BYMONTHDAY=1",
                Due,
                "rent",
            ),
            (
                "pay the 2nd every 4th month",
                "FREQ=MONTHLY;INTERVAL=4",
                Due,
                "pay the 2nd",
            ),
            (
                "team lunch every other friday",
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
                Due,
                "team lunch",
            ),
            (
                "pay rent every month on the 15th",
                "FREQ=MONTHLY;BYMONTHDAY=15",
                Due,
                "pay rent",
            ),
            ("invoices monthly", "FREQ=MONTHLY", Due, "invoices"),
            ("book club every 3rd friday", "FREQ=MONTHLY;BYDAY=3FR", Due, "book club"),
            ("payday every last friday", "FREQ=MONTHLY;BYDAY=-1FR", Due, "payday"),
            (
                "backup on the last day of every month",
                "FREQ=MONTHLY;BYMONTHDAY=-1",
                Due,
                "backup",
            ),
            ("dentist every year", "FREQ=YEARLY", Due, "dentist"),
            (
                "mom's birthday each year on march 3",
                "FREQ=YEARLY;BYMONTHDAY=3;BYMONTH=3",
                Due,
                "mom's birthday",
            ),
            (
                "water cactus every 3 days after completion",
                "FREQ=DAILY;INTERVAL=3",
                Completion,
                "water cactus",
            ),
            (
                "haircut every! 4 weeks",
                "FREQ=WEEKLY;INTERVAL=4",
                Completion,
                "haircut",
            ),
            ("bins every weekend", "FREQ=WEEKLY;BYDAY=SA,SU", Due, "bins"),
            (
                "report every first monday of the month",
                "FREQ=MONTHLY;BYDAY=1MO",
                Due,
                "report",
            ),
            // the 29th to 31st: a shorter month's last day, not a skipped month
            (
                "pay rent every month on the 31st",
                "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
                Due,
                "pay rent",
            ),
            (
                "invoice on the 30th of every month",
                "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
                Due,
                "invoice",
            ),
            (
                "meter every 29th",
                "FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=-1",
                Due,
                "meter",
            ),
            ("bills monthly on the 28th", "FREQ=MONTHLY;BYMONTHDAY=28", Due, "bills"),
            (
                "timesheet every last weekday of the month",
                "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
                Due,
                "timesheet",
            ),
            (
                "payroll every first business day",
                "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
                Due,
                "payroll",
            ),
            (
                "report each 2nd workday of the month",
                "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=2",
                Due,
                "report",
            ),
        ] {
            assert_eq!(read(text), Some((rule.to_owned(), from, rest.to_owned())), "{text}");
        }
    }

    #[test]
    fn ordinary_titles_are_not_rules() {
        for text in [
            "buy milk",
            "call mom tomorrow",
            "every",
            "read everything",
            "on the shelf",
            "daily standup notes",
        ] {
            let found = read(text);
            if text == "daily standup notes" {
                // a leading "daily" is a rule; the title is what is left
                assert_eq!(found.map(|f| f.2), Some("standup notes".to_owned()));
            } else {
                assert_eq!(found, None, "{text}");
            }
        }
        // every rule found parses as a rule
        for text in ["every 999 days", "every 31st", "every december 31"] {
            let (rule, ..) = read(text).unwrap();
            assert!(Rule::parse(&rule).is_ok(), "{rule}");
        }
    }
}
