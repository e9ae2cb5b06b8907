//! Recurring tasks: the rule (an RFC 5545 RRULE without DTSTART, limited to what a task needs),
//! what it counts from (the due date, or the last completion), and the rule in words. Parsed
//! here, in one place, for every door; the occurrences themselves are computed on the server
//! with the `rrule` crate.
use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

use super::DomainError;

mod follow;

const FIELD: &str = "recurrence";
/// The longest rule accepted, before it is even split.
pub const RULE_MAX_CHARS: usize = 200;

fn bad(message: impl Into<String>) -> DomainError {
    DomainError::new(FIELD, message)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

impl Freq {
    fn as_str(self) -> &'static str {
        match self {
            Freq::Daily => "DAILY",
            Freq::Weekly => "WEEKLY",
            Freq::Monthly => "MONTHLY",
            Freq::Yearly => "YEARLY",
        }
    }

    fn unit(self, n: u16) -> &'static str {
        match (self, n == 1) {
            (Freq::Daily, true) => "day",
            (Freq::Daily, false) => "days",
            (Freq::Weekly, true) => "week",
            (Freq::Weekly, false) => "weeks",
            (Freq::Monthly, true) => "month",
            (Freq::Monthly, false) => "months",
            (Freq::Yearly, true) => "year",
            (Freq::Yearly, false) => "years",
        }
    }
}

pub const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const WEEKDAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A weekday of BYDAY, with its ordinal in the month or year (`3FR`, `-1FR`) if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ByDay {
    pub ordinal: Option<i8>,
    /// 0 is Monday.
    pub weekday: u8,
}

/// A parsed rule. Its `Display` is the canonical RRULE text that is stored and served.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rule {
    pub freq: Freq,
    pub interval: u16,
    pub by_day: Vec<ByDay>,
    pub by_month_day: Vec<i8>,
    pub by_month: Vec<u8>,
    /// BYSETPOS: which of the days the other parts give in each period are kept (`-1`: the
    /// last). "Every month on the 31st, or the last day of a shorter month" is
    /// `BYMONTHDAY=28,29,30,31;BYSETPOS=-1`.
    pub by_set_pos: Vec<i16>,
    pub count: Option<u32>,
    /// `YYYYMMDD` or `YYYYMMDDTHHMMSSZ`, as RFC 5545 writes it.
    pub until: Option<String>,
}

fn numbers<T: std::str::FromStr>(value: &str, what: &str) -> Result<Vec<T>, DomainError> {
    value
        .split(',')
        .map(|v| {
            v.trim()
                .parse::<T>()
                .map_err(|_| bad(format!("{what} must be a list of numbers.")))
        })
        .collect()
}

fn parse_by_day(value: &str) -> Result<Vec<ByDay>, DomainError> {
    value
        .split(',')
        .map(|item| {
            let item = item.trim().to_ascii_uppercase();
            let split = item.len().saturating_sub(2);
            let (ordinal, day) = item.split_at(split);
            let weekday = WEEKDAYS.iter().position(|d| *d == day).ok_or_else(|| {
                bad("BYDAY takes MO, TU, WE, TH, FR, SA, SU, with an optional ordinal like 3FR or -1FR.")
            })?;
            let ordinal = match ordinal {
                "" => None,
                n => {
                    let n: i8 = n
                        .trim_start_matches('+')
                        .parse()
                        .map_err(|_| bad("A BYDAY ordinal is a number like 3 or -1."))?;
                    if n == 0 || !(-53..=53).contains(&n) {
                        return Err(bad("A BYDAY ordinal is from 1 to 53 or -1 to -53."));
                    }
                    Some(n)
                }
            };
            Ok(ByDay {
                ordinal,
                weekday: weekday as u8,
            })
        })
        .collect()
}

fn valid_until(value: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !value.is_ascii() {
        return false;
    }
    match value.len() {
        8 => digits(value),
        16 => digits(&value[..8]) && &value[8..9] == "T" && digits(&value[9..15]) && &value[15..] == "Z",
        _ => false,
    }
}

impl Rule {
    /// Every day, week, month or year (an interval of 1), with nothing narrowing it.
    pub fn new(freq: Freq) -> Self {
        Rule {
            freq,
            interval: 1,
            by_day: vec![],
            by_month_day: vec![],
            by_month: vec![],
            by_set_pos: vec![],
            count: None,
            until: None,
        }
    }

    /// Reads an RRULE (without DTSTART): FREQ DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, BYDAY (with
    /// ordinals), BYMONTHDAY, BYMONTH, BYSETPOS, COUNT, UNTIL. A leading `RRULE:` is allowed.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let raw = raw.trim();
        if raw.len() > RULE_MAX_CHARS * 2 || raw.chars().nth(RULE_MAX_CHARS).is_some() {
            return Err(bad("The rule is too long."));
        }
        let raw = match raw.get(..6) {
            Some(prefix) if prefix.eq_ignore_ascii_case("RRULE:") => &raw[6..],
            _ => raw,
        };
        let mut freq = None;
        let mut rule = Rule::new(Freq::Daily);
        let mut seen = Vec::new();
        for part in raw.split(';').filter(|p| !p.trim().is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| bad("A rule is KEY=VALUE parts separated by ';', like FREQ=WEEKLY;BYDAY=MO."))?;
            let key = key.trim().to_ascii_uppercase();
            let value = value.trim();
            if seen.contains(&key) {
                return Err(bad(format!("{key} is given twice.")));
            }
            seen.push(key.clone());
            match key.as_str() {
                "FREQ" => {
                    freq = Some(match value.to_ascii_uppercase().as_str() {
                        "DAILY" => Freq::Daily,
                        "WEEKLY" => Freq::Weekly,
                        "MONTHLY" => Freq::Monthly,
                        "YEARLY" => Freq::Yearly,
                        _ => return Err(bad("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.")),
                    })
                }
                "INTERVAL" => {
                    rule.interval = value
                        .parse()
                        .ok()
                        .filter(|n| (1..=999).contains(n))
                        .ok_or_else(|| bad("INTERVAL must be a whole number from 1 to 999."))?
                }
                "BYDAY" => rule.by_day = parse_by_day(value)?,
                "BYMONTHDAY" => {
                    rule.by_month_day = numbers::<i8>(value, "BYMONTHDAY")?;
                    if rule.by_month_day.iter().any(|d| *d == 0 || !(-31..=31).contains(d)) {
                        return Err(bad("BYMONTHDAY days are 1 to 31, or -1 to -31 from the end."));
                    }
                }
                "BYMONTH" => {
                    rule.by_month = numbers::<u8>(value, "BYMONTH")?;
                    if rule.by_month.iter().any(|m| !(1..=12).contains(m)) {
                        return Err(bad("BYMONTH months are 1 to 12."));
                    }
                }
                "BYSETPOS" => {
                    rule.by_set_pos = numbers::<i16>(value, "BYSETPOS")?;
                    if rule.by_set_pos.iter().any(|p| *p == 0 || !(-366..=366).contains(p)) {
                        return Err(bad("BYSETPOS positions are 1 to 366, or -1 to -366 from the end."));
                    }
                }
                "COUNT" => {
                    rule.count = Some(
                        value
                            .parse()
                            .ok()
                            .filter(|n| (1..=10_000).contains(n))
                            .ok_or_else(|| bad("COUNT must be a whole number from 1 to 10 000."))?,
                    )
                }
                "UNTIL" => {
                    let until = value.to_ascii_uppercase();
                    if !valid_until(&until) {
                        return Err(bad("UNTIL is a date like 20261231 or a time like 20261231T170000Z."));
                    }
                    rule.until = Some(until);
                }
                "WKST" if WEEKDAYS.contains(&value.to_ascii_uppercase().as_str()) => {}
                other => return Err(bad(format!("{other} is not supported in a task's rule."))),
            }
        }
        rule.freq = freq.ok_or_else(|| bad("A rule needs FREQ, like FREQ=WEEKLY."))?;
        if rule.count.is_some() && rule.until.is_some() {
            return Err(bad("A rule has COUNT or UNTIL, not both."));
        }
        if rule.freq != Freq::Monthly && rule.freq != Freq::Yearly && rule.by_day.iter().any(|d| d.ordinal.is_some()) {
            return Err(bad("BYDAY ordinals like 3FR need FREQ=MONTHLY or FREQ=YEARLY."));
        }
        if rule.freq == Freq::Monthly
            && rule
                .by_day
                .iter()
                .any(|d| d.ordinal.is_some_and(|o| !(-5..=5).contains(&o)))
        {
            return Err(bad(
                "A month has at most five of a weekday: with FREQ=MONTHLY, BYDAY ordinals are 1 to 5 or -1 to -5.",
            ));
        }
        if rule.by_day.len() > 7
            || rule.by_month_day.len() > 31
            || rule.by_month.len() > 12
            || rule.by_set_pos.len() > 31
        {
            return Err(bad("The rule lists too many days."));
        }
        if !rule.by_set_pos.is_empty()
            && rule.by_day.is_empty()
            && rule.by_month_day.is_empty()
            && rule.by_month.is_empty()
        {
            return Err(bad(
                "BYSETPOS picks among the days BYDAY, BYMONTHDAY or BYMONTH give: add one of them.",
            ));
        }
        Ok(rule)
    }

    /// A monthly day as people mean it: the 29th to 31st fall back to a shorter month's last
    /// day (`BYMONTHDAY=28,…,31;BYSETPOS=-1`) instead of skipping that month.
    pub fn set_month_day(&mut self, day: i8) {
        if (29..=31).contains(&day) {
            self.by_month_day = (28..=day).collect();
            self.by_set_pos = vec![-1];
        } else {
            self.by_month_day = vec![day];
            self.by_set_pos = vec![];
        }
    }

    /// The day of "on the 30th, or the last day of a shorter month", when the rule is that.
    fn month_day_or_last(&self) -> Option<i8> {
        let last = *self.by_month_day.last()?;
        ((29..=31).contains(&last)
            && self.by_set_pos == [-1]
            && self.by_day.is_empty()
            && self.by_month_day.iter().copied().eq(28..=last))
        .then_some(last)
    }

    /// Monday to Friday, without ordinals.
    fn on_weekdays(&self) -> bool {
        self.by_day.len() == 5 && self.by_day.iter().all(|d| d.ordinal.is_none() && d.weekday < 5)
    }

    /// The rule in plain words: "Every Mon and Thu", "Every 3rd Fri", "Every 2 weeks".
    pub fn describe(&self, from: RecurFrom) -> String {
        let mut text = String::from("Every ");
        let n = self.interval;
        let weekdays_only = self.on_weekdays() && self.freq == Freq::Weekly && n == 1 && self.by_set_pos.is_empty();
        // "Every month on the last weekday": one of Monday to Friday, picked by BYSETPOS
        let nth_weekday = match self.by_set_pos.as_slice() {
            [p] if self.on_weekdays() && self.freq == Freq::Monthly && self.by_month_day.is_empty() => Some(*p),
            _ => None,
        };
        match (self.freq, n) {
            _ if weekdays_only => text.push_str("weekday"),
            (Freq::Weekly, 1) if !self.by_day.is_empty() => {}
            (Freq::Weekly, 2) if !self.by_day.is_empty() => text.push_str("other week on "),
            (_, 1) => text.push_str(self.freq.unit(1)),
            (_, 2) if from == RecurFrom::Due && self.freq != Freq::Daily => {
                let _ = write!(text, "other {}", self.freq.unit(1));
            }
            (_, n) => {
                let _ = write!(text, "{n} {}", self.freq.unit(n));
            }
        }
        if let Some(p) = nth_weekday {
            let _ = write!(text, " on the {} weekday", position(p));
            if !self.by_month.is_empty() {
                self.write_months(&mut text);
            }
            return self.finish(text, from);
        }
        if !weekdays_only && !self.by_day.is_empty() {
            let days: Vec<String> = self
                .by_day
                .iter()
                .map(|d| {
                    let name = WEEKDAY_NAMES[usize::from(d.weekday)];
                    match d.ordinal {
                        Some(-1) => format!("last {name}"),
                        Some(o) if o < 0 => format!("{} from last {name}", ordinal(-o)),
                        Some(o) => format!("{} {name}", ordinal(o)),
                        None => name.to_owned(),
                    }
                })
                .collect();
            let joined = join_and(&days);
            if self.freq == Freq::Weekly {
                if text.ends_with("Every ") || text.ends_with(" on ") {
                    text.push_str(&joined);
                } else {
                    let _ = write!(text, " on {joined}");
                }
            } else {
                let _ = write!(text, " on the {joined}");
            }
        }
        // "Every year on Mar 3": one day of one month
        if let (Freq::Yearly, [m], [d]) = (self.freq, self.by_month.as_slice(), self.by_month_day.as_slice()) {
            if *d > 0 && self.by_day.is_empty() && self.by_set_pos.is_empty() {
                let _ = write!(text, " on {} {d}", MONTH_NAMES[usize::from(*m - 1)]);
                return self.finish(text, from);
            }
        }
        let or_last = self.month_day_or_last();
        if let Some(day) = or_last {
            let _ = write!(text, " on the {}, or the last day of a shorter month", ordinal(day));
        } else if !self.by_month_day.is_empty() {
            let days: Vec<String> = self
                .by_month_day
                .iter()
                .map(|d| {
                    if *d == -1 {
                        "last day".to_owned()
                    } else if *d < 0 {
                        format!("{} from last", ordinal(-*d))
                    } else {
                        ordinal(*d)
                    }
                })
                .collect();
            let _ = write!(text, " on the {}", join_and(&days));
            // RFC 5545 skips a month without the day: said, since people expect otherwise
            if self.freq == Freq::Monthly && self.by_set_pos.is_empty() && self.by_month_day.iter().all(|d| *d > 28) {
                let it = if days.len() == 1 { "it" } else { "them" };
                let _ = write!(text, " (in the months that have {it})");
            }
        }
        if !self.by_month.is_empty() {
            self.write_months(&mut text);
        }
        if or_last.is_none() && !self.by_set_pos.is_empty() {
            let picked: Vec<String> = self.by_set_pos.iter().map(|p| position(*p)).collect();
            let _ = write!(text, " (the {} of those each {})", join_and(&picked), self.freq.unit(1));
        }
        self.finish(text, from)
    }

    fn write_months(&self, text: &mut String) {
        let months: Vec<String> = self
            .by_month
            .iter()
            .map(|m| MONTH_NAMES[usize::from(*m - 1)].to_owned())
            .collect();
        let _ = write!(text, " in {}", join_and(&months));
    }

    fn finish(&self, mut text: String, from: RecurFrom) -> String {
        if from == RecurFrom::Completion {
            text.push_str(" after completion");
        }
        if let Some(count) = self.count {
            let _ = write!(text, ", {count} time{}", if count == 1 { "" } else { "s" });
        }
        if let Some(until) = &self.until {
            let (y, m, d) = (&until[..4], &until[4..6], &until[6..8]);
            let month = m
                .parse::<usize>()
                .ok()
                .and_then(|m| MONTH_NAMES.get(m.wrapping_sub(1)))
                .copied()
                .unwrap_or(m);
            let _ = write!(text, ", until {month} {}, {y}", d.trim_start_matches('0'));
        }
        text
    }
}

fn ordinal(n: impl Into<i32>) -> String {
    let n: i32 = n.into();
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A BYSETPOS position in words: "last", "2nd from last", "1st".
fn position(p: i16) -> String {
    match p {
        -1 => "last".to_owned(),
        p if p < 0 => format!("{} from last", ordinal(-p)),
        p => ordinal(p),
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FREQ={}", self.freq.as_str())?;
        if self.interval != 1 {
            write!(f, ";INTERVAL={}", self.interval)?;
        }
        if !self.by_day.is_empty() {
            let days: Vec<String> = self
                .by_day
                .iter()
                .map(|d| {
                    format!(
                        "{}{}",
                        d.ordinal.map(|o| o.to_string()).unwrap_or_default(),
                        WEEKDAYS[usize::from(d.weekday)]
                    )
                })
                .collect();
            write!(f, ";BYDAY={}", days.join(","))?;
        }
        if !self.by_month_day.is_empty() {
            let days: Vec<String> = self.by_month_day.iter().map(i8::to_string).collect();
            write!(f, ";BYMONTHDAY={}", days.join(","))?;
        }
        if !self.by_month.is_empty() {
            let months: Vec<String> = self.by_month.iter().map(u8::to_string).collect();
            write!(f, ";BYMONTH={}", months.join(","))?;
        }
        if !self.by_set_pos.is_empty() {
            let positions: Vec<String> = self.by_set_pos.iter().map(i16::to_string).collect();
            write!(f, ";BYSETPOS={}", positions.join(","))?;
        }
        if let Some(count) = self.count {
            write!(f, ";COUNT={count}")?;
        }
        if let Some(until) = &self.until {
            write!(f, ";UNTIL={until}")?;
        }
        Ok(())
    }
}

/// What the next occurrence counts from.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecurFrom {
    /// The schedule: "every monday" — the next occurrence after the current due date.
    #[default]
    Due,
    /// "3 days after I last did it": the interval counted from the completion.
    Completion,
}

impl RecurFrom {
    pub fn as_str(self) -> &'static str {
        match self {
            RecurFrom::Due => "due",
            RecurFrom::Completion => "completion",
        }
    }

    pub fn from_stored(raw: &str) -> Self {
        if raw == "completion" {
            RecurFrom::Completion
        } else {
            RecurFrom::Due
        }
    }
}

/// How a task repeats, as the API shows it.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurrence {
    /// The RRULE, without DTSTART: `FREQ=WEEKLY;BYDAY=MO,TH`.
    pub rule: String,
    pub from: RecurFrom,
    /// The rule in words (read-only): "Every Mon and Thu".
    pub text: String,
}

/// How a task should repeat, as the API and the tools take it.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecurrenceInput {
    /// An RFC 5545 RRULE without DTSTART, e.g. FREQ=WEEKLY;BYDAY=MO,TH or FREQ=MONTHLY;BYDAY=-1FR
    /// (FREQ DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, COUNT, UNTIL).
    pub rule: String,
    /// due (the schedule, the default) or completion (counted from when it was done).
    #[serde(default)]
    pub from: RecurFrom,
    /// Ignored: the words are made from the rule (accepted so an exported task reads back).
    #[serde(default, skip_serializing)]
    pub text: Option<String>,
}

/// A parsed recurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecurrenceSpec {
    pub rule: Rule,
    pub from: RecurFrom,
}

impl RecurrenceSpec {
    pub fn parse(input: &RecurrenceInput) -> Result<Self, DomainError> {
        Ok(Self {
            rule: Rule::parse(&input.rule)?,
            from: input.from,
        })
    }

    pub fn to_wire(&self) -> Recurrence {
        Recurrence {
            rule: self.rule.to_string(),
            from: self.from,
            text: self.rule.describe(self.from),
        }
    }

    /// The stored columns read back (already checked when written).
    pub fn from_stored(rule: &str, from: &str) -> Option<Self> {
        Some(Self {
            rule: Rule::parse(rule).ok()?,
            from: RecurFrom::from_stored(from),
        })
    }
}

#[cfg(test)]
mod tests;
