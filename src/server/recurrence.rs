//! The occurrences of a recurring task, computed with the `rrule` crate in the user's time zone
//! (a daily 9:00 task stays at 9:00 local across a daylight-saving change).
//!
//! - A new recurring task without a due date gets the first occurrence from now.
//! - Completing one that repeats `from: due` moves it to the first occurrence after its current
//!   due date that is also in the future — never into the past, never skipping the next one
//!   when done early. The series starts at its anchor (the first due date), so COUNT and UNTIL
//!   count from there.
//! - Completing one that repeats `from: completion` counts the interval from the day it was
//!   done, at the due date's time of day; COUNT counts completions.
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use rrule::{Frequency, NWeekday, RRule, Unvalidated};

use crate::domain::quick_add::end_of_day;
use crate::domain::recurrence::{Freq, RecurFrom, RecurrenceSpec, Rule};

fn weekday(n: u8) -> chrono::Weekday {
    match n {
        0 => chrono::Weekday::Mon,
        1 => chrono::Weekday::Tue,
        2 => chrono::Weekday::Wed,
        3 => chrono::Weekday::Thu,
        4 => chrono::Weekday::Fri,
        5 => chrono::Weekday::Sat,
        _ => chrono::Weekday::Sun,
    }
}

/// UNTIL as an instant: a date means the end of that day in the user's zone.
pub fn until_instant(until: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let date = NaiveDate::parse_from_str(until.get(..8)?, "%Y%m%d").ok()?;
    if until.len() == 8 {
        let end = date.and_time(NaiveTime::from_hms_opt(23, 59, 59)?);
        return Some(super::tasks::to_utc(end, tz));
    }
    let time = NaiveTime::parse_from_str(until.get(9..15)?, "%H%M%S").ok()?;
    Some(Utc.from_utc_datetime(&date.and_time(time)))
}

/// The rule as the `rrule` crate builds it, without COUNT when `ignore_count`.
fn to_rrule(rule: &Rule, tz: Tz, ignore_count: bool) -> Option<RRule<Unvalidated>> {
    let freq = match rule.freq {
        Freq::Daily => Frequency::Daily,
        Freq::Weekly => Frequency::Weekly,
        Freq::Monthly => Frequency::Monthly,
        Freq::Yearly => Frequency::Yearly,
    };
    let mut r = RRule::new(freq).interval(rule.interval);
    if !rule.by_day.is_empty() {
        r = r.by_weekday(
            rule.by_day
                .iter()
                .map(|d| match d.ordinal {
                    Some(n) => NWeekday::Nth(i16::from(n), weekday(d.weekday)),
                    None => NWeekday::Every(weekday(d.weekday)),
                })
                .collect(),
        );
    }
    if !rule.by_month_day.is_empty() {
        r = r.by_month_day(rule.by_month_day.clone());
    }
    if !rule.by_month.is_empty() {
        let months: Vec<chrono::Month> = rule
            .by_month
            .iter()
            .filter_map(|m| chrono::Month::try_from(*m).ok())
            .collect();
        r = r.by_month(&months);
    }
    if !rule.by_set_pos.is_empty() {
        r = r.by_set_pos(rule.by_set_pos.iter().map(|p| i32::from(*p)).collect());
    }
    if let (Some(count), false) = (rule.count, ignore_count) {
        r = r.count(count);
    }
    if let Some(until) = &rule.until {
        r = r.until(until_instant(until, tz)?.with_timezone(&rrule::Tz::UTC));
    }
    Some(r)
}

/// The first occurrence of `rule` strictly after `after`, in a series that starts at `start`.
fn first_after(
    rule: &Rule,
    tz: Tz,
    start: DateTime<Utc>,
    after: DateTime<Utc>,
    ignore_count: bool,
) -> Option<DateTime<Utc>> {
    let start_local = start.with_timezone(&rrule::Tz::Tz(tz));
    let set = to_rrule(rule, tz, ignore_count)?.build(start_local).ok()?;
    let from = (after + Duration::seconds(1)).with_timezone(&rrule::Tz::Tz(tz));
    // a series can only go on for so long: this bounds the search, whatever the rule
    set.after(from)
        .all(1)
        .dates
        .into_iter()
        .next()
        .map(|d| d.with_timezone(&Utc))
        // past the last instant a due date may be (RFC 3339 has four-digit years): the series ends
        .filter(|d| d.year() <= 9999)
}

/// The `count`-th occurrence (1-based) of a series that starts at `anchor`: the last one when
/// `count` is its COUNT.
pub fn nth_occurrence(spec: &RecurrenceSpec, anchor: DateTime<Utc>, count: u32, tz: Tz) -> Option<DateTime<Utc>> {
    let start_local = anchor.with_timezone(&rrule::Tz::Tz(tz));
    let mut rule = spec.rule.clone();
    rule.count = Some(count);
    let set = to_rrule(&rule, tz, false)?.build(start_local).ok()?;
    let limit = u16::try_from(count).unwrap_or(u16::MAX);
    set.all(limit).dates.last().map(|d| d.with_timezone(&Utc))
}

/// The due date a new recurring task gets when it has none: the first occurrence from now, at
/// the end of its day (a date without a time), or at the time `due` gives.
pub fn first_due(
    spec: &RecurrenceSpec,
    due: Option<DateTime<Utc>>,
    tz: Tz,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let start = match due {
        Some(due) => due,
        None => super::tasks::to_utc(now.with_timezone(&tz).date_naive().and_time(end_of_day()), tz),
    };
    // the start itself counts when it fits the rule and is still ahead
    let earliest = start.max(now) - Duration::seconds(1);
    // the nearest day that fits comes first, whatever the interval: "every other friday" said
    // on a Sunday is this Friday, not the one after (the series' weeks would count from the
    // week that is ending); the interval counts from there. A due date already past keeps its
    // series' step: "every other Thursday" from three weeks ago goes on in its own weeks
    if spec.rule.interval > 1 && start >= now {
        let mut nearest = spec.rule.clone();
        nearest.interval = 1;
        nearest.count = None;
        let first = first_after(&nearest, tz, start, earliest, true)?;
        return first_after(&spec.rule, tz, first, first - Duration::seconds(1), false);
    }
    first_after(&spec.rule, tz, start, earliest, false)
}

/// Where a recurring task goes when completed at `done_at`: its next due date, or `None` when the
/// series is over (COUNT or UNTIL), so the task completes for good. `anchor` is the series'
/// first due date, `completions` how many times it was completed before this one.
pub fn next_due(
    spec: &RecurrenceSpec,
    anchor: DateTime<Utc>,
    due: DateTime<Utc>,
    done_at: DateTime<Utc>,
    completions: u64,
    tz: Tz,
) -> Option<DateTime<Utc>> {
    match spec.from {
        RecurFrom::Due => first_after(&spec.rule, tz, anchor, due.max(done_at), false),
        RecurFrom::Completion => {
            if spec.rule.count.is_some_and(|count| completions + 1 >= u64::from(count)) {
                return None;
            }
            // counted from the day it was done, at the due date's time of day
            let time = due.with_timezone(&tz).time();
            let base = super::tasks::to_utc(done_at.with_timezone(&tz).date_naive().and_time(time), tz);
            first_after(&spec.rule, tz, base, base, true)
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::Timelike;

    use super::*;
    use crate::domain::recurrence::{RecurrenceInput, RecurrenceSpec};

    fn spec(rule: &str, from: RecurFrom) -> RecurrenceSpec {
        RecurrenceSpec::parse(&RecurrenceInput {
            rule: rule.into(),
            from,
            text: None,
        })
        .unwrap()
    }

    fn local(tz: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        tz.with_ymd_and_hms(y, m, d, h, min, 0).unwrap().with_timezone(&Utc)
    }

    fn shown(at: Option<DateTime<Utc>>, tz: Tz) -> String {
        at.map(|a| a.with_timezone(&tz).format("%a %Y-%m-%d %H:%M").to_string())
            .unwrap_or_else(|| "done for good".into())
    }

    /// Rules × completion moments, with exact expected dates.
    #[test]
    fn completing_moves_to_the_right_occurrence() {
        use RecurFrom::{Completion, Due};
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let new_york: Tz = "America/New_York".parse().unwrap();
        let utc = Tz::UTC;
        // (zone, rule, from, anchor, due, done at, completions before, expected)
        type Case = (
            Tz,
            &'static str,
            RecurFrom,
            DateTime<Utc>,
            DateTime<Utc>,
            DateTime<Utc>,
            u64,
            &'static str,
        );
        let cases: Vec<Case> = vec![
            // the last day a due date can be: a daily series ends there (not in year 10000)
            (
                utc,
                "FREQ=DAILY",
                Due,
                local(utc, 9999, 12, 31, 23, 59),
                local(utc, 9999, 12, 31, 23, 59),
                local(utc, 2026, 11, 30, 9, 5),
                0,
                "done for good",
            ),
            // on time, early, and days late: the next one after the due date that is ahead
            (
                utc,
                "FREQ=WEEKLY;BYDAY=MO",
                Due,
                local(utc, 2026, 11, 2, 9, 0),
                local(utc, 2026, 11, 30, 9, 0),
                local(utc, 2026, 11, 30, 9, 5),
                0,
                "Mon 2026-12-07 09:00",
            ),
            (
                utc,
                "FREQ=WEEKLY;BYDAY=MO",
                Due,
                local(utc, 2026, 11, 2, 9, 0),
                local(utc, 2026, 11, 30, 9, 0),
                local(utc, 2026, 11, 27, 18, 0),
                0,
                "Mon 2026-12-07 09:00",
            ),
            (
                utc,
                "FREQ=WEEKLY;BYDAY=MO",
                Due,
                local(utc, 2026, 11, 2, 9, 0),
                local(utc, 2026, 11, 16, 9, 0),
                local(utc, 2026, 12, 2, 12, 0),
                0,
                "Mon 2026-12-07 09:00",
            ),
            (
                utc,
                "FREQ=DAILY",
                Due,
                local(utc, 2026, 11, 1, 8, 0),
                local(utc, 2026, 11, 20, 8, 0),
                local(utc, 2026, 11, 25, 7, 0),
                0,
                "Wed 2026-11-25 08:00",
            ),
            (
                utc,
                "FREQ=WEEKLY;BYDAY=MO,TH",
                Due,
                local(utc, 2026, 11, 2, 18, 0),
                local(utc, 2026, 11, 26, 18, 0),
                local(utc, 2026, 11, 26, 19, 0),
                0,
                "Mon 2026-11-30 18:00",
            ),
            // a daily 9:00 stays at 9:00 local across the autumn and spring changes
            (
                berlin,
                "FREQ=DAILY",
                Due,
                local(berlin, 2026, 10, 1, 9, 0),
                local(berlin, 2026, 10, 24, 9, 0),
                local(berlin, 2026, 10, 24, 9, 30),
                0,
                "Sun 2026-10-25 09:00",
            ),
            (
                berlin,
                "FREQ=DAILY",
                Due,
                local(berlin, 2027, 3, 1, 9, 0),
                local(berlin, 2027, 3, 27, 9, 0),
                local(berlin, 2027, 3, 27, 9, 30),
                0,
                "Sun 2027-03-28 09:00",
            ),
            (
                new_york,
                "FREQ=WEEKLY;BYDAY=SU",
                Due,
                local(new_york, 2026, 10, 4, 9, 0),
                local(new_york, 2026, 10, 25, 9, 0),
                local(new_york, 2026, 10, 25, 10, 0),
                0,
                "Sun 2026-11-01 09:00",
            ),
            (
                new_york,
                "FREQ=DAILY",
                Due,
                local(new_york, 2027, 3, 1, 23, 59),
                local(new_york, 2027, 3, 13, 23, 59),
                local(new_york, 2027, 3, 13, 20, 0),
                0,
                "Sun 2027-03-14 23:59",
            ),
            // the 31st in short months, and the last day of each month
            (
                utc,
                "FREQ=MONTHLY;BYMONTHDAY=31",
                Due,
                local(utc, 2027, 1, 31, 10, 0),
                local(utc, 2027, 1, 31, 10, 0),
                local(utc, 2027, 1, 31, 11, 0),
                0,
                "Wed 2027-03-31 10:00",
            ),
            (
                utc,
                "FREQ=MONTHLY;BYMONTHDAY=-1",
                Due,
                local(utc, 2027, 1, 31, 10, 0),
                local(utc, 2027, 1, 31, 10, 0),
                local(utc, 2027, 1, 31, 11, 0),
                0,
                "Sun 2027-02-28 10:00",
            ),
            // "every month on the 31st/30th" as people mean it: a shorter month's last day
            (
                utc,
                "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
                Due,
                local(utc, 2027, 1, 31, 10, 0),
                local(utc, 2027, 1, 31, 10, 0),
                local(utc, 2027, 1, 31, 11, 0),
                0,
                "Sun 2027-02-28 10:00",
            ),
            (
                utc,
                "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
                Due,
                local(utc, 2027, 1, 31, 10, 0),
                local(utc, 2027, 2, 28, 10, 0),
                local(utc, 2027, 2, 28, 11, 0),
                1,
                "Wed 2027-03-31 10:00",
            ),
            (
                new_york,
                "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
                Due,
                local(new_york, 2028, 1, 30, 9, 0),
                local(new_york, 2028, 1, 30, 9, 0),
                local(new_york, 2028, 1, 30, 9, 30),
                0,
                "Tue 2028-02-29 09:00",
            ),
            (
                berlin,
                "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
                Due,
                local(berlin, 2027, 1, 29, 17, 0),
                local(berlin, 2027, 1, 29, 17, 0),
                local(berlin, 2027, 1, 29, 18, 0),
                0,
                "Fri 2027-02-26 17:00",
            ),
            (
                utc,
                "FREQ=MONTHLY;BYDAY=-1FR",
                Due,
                local(utc, 2026, 11, 27, 17, 0),
                local(utc, 2026, 11, 27, 17, 0),
                local(utc, 2026, 11, 27, 18, 0),
                0,
                "Fri 2026-12-25 17:00",
            ),
            (
                utc,
                "FREQ=MONTHLY;BYDAY=3FR",
                Due,
                local(utc, 2026, 11, 20, 19, 0),
                local(utc, 2026, 11, 20, 19, 0),
                local(utc, 2026, 11, 21, 8, 0),
                0,
                "Fri 2026-12-18 19:00",
            ),
            // leap day yearly: the next Feb 29 is four years on
            (
                utc,
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
                Due,
                local(utc, 2028, 2, 29, 12, 0),
                local(utc, 2028, 2, 29, 12, 0),
                local(utc, 2028, 2, 29, 13, 0),
                0,
                "Sun 2032-02-29 12:00",
            ),
            (
                utc,
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
                Due,
                local(utc, 2026, 11, 6, 12, 0),
                local(utc, 2026, 11, 20, 12, 0),
                local(utc, 2026, 11, 20, 13, 0),
                0,
                "Fri 2026-12-04 12:00",
            ),
            // COUNT and UNTIL end the series
            (
                utc,
                "FREQ=DAILY;COUNT=3",
                Due,
                local(utc, 2026, 11, 1, 9, 0),
                local(utc, 2026, 11, 2, 9, 0),
                local(utc, 2026, 11, 2, 10, 0),
                1,
                "Tue 2026-11-03 09:00",
            ),
            (
                utc,
                "FREQ=DAILY;COUNT=3",
                Due,
                local(utc, 2026, 11, 1, 9, 0),
                local(utc, 2026, 11, 3, 9, 0),
                local(utc, 2026, 11, 3, 10, 0),
                2,
                "done for good",
            ),
            (
                utc,
                "FREQ=WEEKLY;UNTIL=20261215",
                Due,
                local(utc, 2026, 11, 3, 9, 0),
                local(utc, 2026, 12, 8, 9, 0),
                local(utc, 2026, 12, 8, 10, 0),
                0,
                "Tue 2026-12-15 09:00",
            ),
            (
                utc,
                "FREQ=WEEKLY;UNTIL=20261214",
                Due,
                local(utc, 2026, 11, 3, 9, 0),
                local(utc, 2026, 12, 8, 9, 0),
                local(utc, 2026, 12, 8, 10, 0),
                0,
                "done for good",
            ),
            // after completion: counted from the day it was done, at the due time of day
            (
                utc,
                "FREQ=DAILY;INTERVAL=3",
                Completion,
                local(utc, 2026, 11, 1, 9, 0),
                local(utc, 2026, 11, 10, 9, 0),
                local(utc, 2026, 11, 14, 20, 0),
                0,
                "Tue 2026-11-17 09:00",
            ),
            (
                utc,
                "FREQ=DAILY;INTERVAL=3",
                Completion,
                local(utc, 2026, 11, 1, 9, 0),
                local(utc, 2026, 11, 10, 9, 0),
                local(utc, 2026, 11, 8, 7, 0),
                0,
                "Wed 2026-11-11 09:00",
            ),
            (
                berlin,
                "FREQ=WEEKLY;INTERVAL=2",
                Completion,
                local(berlin, 2026, 10, 1, 9, 0),
                local(berlin, 2026, 10, 20, 9, 0),
                local(berlin, 2026, 10, 22, 15, 0),
                0,
                "Thu 2026-11-05 09:00",
            ),
            (
                utc,
                "FREQ=DAILY;COUNT=2",
                Completion,
                local(utc, 2026, 11, 1, 9, 0),
                local(utc, 2026, 11, 2, 9, 0),
                local(utc, 2026, 11, 2, 10, 0),
                1,
                "done for good",
            ),
        ];
        for (tz, rule, from, anchor, due, done, completions, want) in cases {
            let next = next_due(&spec(rule, from), anchor, due, done, completions, tz);
            assert_eq!(
                shown(next, tz),
                want,
                "{rule} {from:?} due {} done {}",
                shown(Some(due), tz),
                shown(Some(done), tz)
            );
        }
    }

    #[test]
    fn a_past_due_date_keeps_its_series_step() {
        let tz = Tz::UTC;
        // Monday 7 December 2026, 12:00
        let now = local(tz, 2026, 12, 7, 12, 0);
        let every_other_thu = spec("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", RecurFrom::Due);
        for (from, next) in [
            ((11, 19), "Thu 2026-12-17 11:00"),
            ((12, 3), "Thu 2026-12-17 11:00"),
            ((11, 26), "Thu 2026-12-10 11:00"),
        ] {
            let due = local(tz, 2026, from.0, from.1, 11, 0);
            assert_eq!(
                shown(first_due(&every_other_thu, Some(due), tz, now), tz),
                next,
                "{from:?}"
            );
        }
        let quarterly = spec("FREQ=MONTHLY;INTERVAL=3", RecurFrom::Due);
        let due = local(tz, 2026, 10, 15, 11, 0);
        assert_eq!(
            shown(first_due(&quarterly, Some(due), tz, now), tz),
            "Fri 2027-01-15 11:00"
        );
    }

    #[test]
    fn a_new_recurring_task_gets_its_first_occurrence() {
        let tz = Tz::UTC;
        // Saturday 21 November 2026, 10:30
        let now = local(tz, 2026, 11, 21, 10, 30);
        let every_monday = spec("FREQ=WEEKLY;BYDAY=MO", RecurFrom::Due);
        assert_eq!(
            shown(first_due(&every_monday, None, tz, now), tz),
            "Mon 2026-11-23 23:59"
        );
        let daily = spec("FREQ=DAILY", RecurFrom::Due);
        assert_eq!(shown(first_due(&daily, None, tz, now), tz), "Sat 2026-11-21 23:59");
        // a time given for today that has passed: the next day at that time
        let at_eight = local(tz, 2026, 11, 21, 8, 0);
        assert_eq!(
            shown(first_due(&daily, Some(at_eight), tz, now), tz),
            "Sun 2026-11-22 08:00"
        );
        let weekdays = spec("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", RecurFrom::Due);
        let first = first_due(&weekdays, Some(at_eight), tz, now).unwrap();
        assert_eq!((first.weekday(), first.hour()), (chrono::Weekday::Mon, 8));
        // "every other friday" said on a Sunday: this Friday, whatever day the week starts on
        let sunday = local(tz, 2026, 12, 6, 19, 30);
        let other_friday = spec("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", RecurFrom::Due);
        for due in [None, Some(local(tz, 2026, 12, 7, 18, 0))] {
            assert_eq!(
                shown(first_due(&other_friday, due, tz, sunday), tz).get(..14),
                Some("Fri 2026-12-11"),
                "{due:?}"
            );
        }
        let other_wednesday = spec("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", RecurFrom::Due);
        assert_eq!(
            shown(first_due(&other_wednesday, None, tz, sunday), tz),
            "Wed 2026-12-09 23:59"
        );
        // every other month on the 1st, said on Dec 6: the next 1st
        let other_month = spec("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1", RecurFrom::Due);
        assert_eq!(
            shown(first_due(&other_month, None, tz, sunday), tz),
            "Fri 2027-01-01 23:59"
        );
        // and the series goes on every other week from there
        let first = first_due(&other_friday, None, tz, sunday).expect("a first date");
        let next = next_due(&other_friday, first, first, first, 0, tz);
        assert_eq!(shown(next, tz), "Fri 2026-12-25 23:59");
    }
}
