//! When things happen to a task: a reminder's moment ("the day before", "at 6pm the day
//! before", "friday 9am"), a due date moved by an amount, and where a new repeat starts.
use chrono::{Datelike, Timelike};
use chrono_tz::Tz;

use super::{quote, Verb};
use crate::domain::quick_add::{read_when, Said};
use crate::domain::task::Task;
use crate::server::assistant::reader::{Command, Delay, DelayUnit, Target};
use crate::server::tasks::{local_now, to_utc};

/// "the day before" a task due on a day without a time: the morning of that earlier day (the
/// due "time" is the day's last minute, and a reminder at 23:59 the night before helps no one).
pub(super) fn days_before_morning(task: &Task, arg: Option<&str>, tz: Tz) -> Option<chrono::DateTime<chrono::Utc>> {
    let (minutes, time) = remind_arg(arg);
    let due = task.due_at?.with_timezone(&tz);
    let date_only = due.time() == crate::domain::quick_add::end_of_day();
    // ("0@19:00": at 19:00 on the task's own day; "0" of a day without a time: its morning)
    if !(date_only || time.is_some()) || !minutes.is_multiple_of(1440) {
        return None;
    }
    let day = due.date_naive() - chrono::Duration::days(i64::from(minutes / 1440));
    // that morning gone already: the plain reminder, which is still ahead
    Some(to_utc(day.and_time(time.unwrap_or(MORNING)), tz)).filter(|at| *at > chrono::Utc::now())
}

/// A reminder's argument: minutes before the due date, and a time of day ("1440@18:00": the day
/// before at 18:00).
pub(super) fn remind_arg(arg: Option<&str>) -> (u32, Option<chrono::NaiveTime>) {
    let (minutes, time) = arg.map_or(("0", None), |a| match a.split_once('@') {
        Some((m, t)) => (m, Some(t)),
        None => (a, None),
    });
    let time = time.and_then(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M").ok());
    (minutes.parse().unwrap_or(0), time)
}

/// When a reminder on a day said without a time goes off.
pub(super) const MORNING: chrono::NaiveTime = match chrono::NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => chrono::NaiveTime::MIN,
};

/// Whether a new rule can count from the task's due date: a step alone ("every 2 weeks",
/// "monthly") when the due date is less than a step away, or days of the week that include the
/// due date's ("every 2 weeks on sunday" for a task due on a Sunday). Else the series starts over
/// from today, so no nearer day is skipped ("repeat daily" said of a task due next Monday).
pub(super) fn keeps_the_day(rule: &str, task: &Task, tz: Tz) -> bool {
    let Some(due) = task.due_at.map(|d| d.with_timezone(&tz)) else {
        return false;
    };
    const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let day = DAYS[due.weekday().num_days_from_monday() as usize];
    let parts: Vec<(&str, &str)> = rule.split(';').filter_map(|p| p.split_once('=')).collect();
    let value = |key: &str| parts.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let interval: i64 = value("INTERVAL").and_then(|n| n.parse().ok()).unwrap_or(1);
    let step_days = match value("FREQ") {
        Some("DAILY") => 1,
        Some("WEEKLY") => 7,
        Some("MONTHLY") => 28,
        _ => 365,
    };
    let ahead = (due.date_naive() - local_now(tz).date()).num_days();
    if value("BYDAY").is_none() && ahead >= step_days * interval {
        return false;
    }
    parts.iter().all(|(key, value)| match *key {
        // (a day of the week alone: "the last friday" is not every Friday)
        "BYDAY" => value.split(',').any(|d| d == day),
        k => !k.starts_with("BY"),
    })
}

/// The due date `delay` after the task's (before, when negative): days and months keep the time
/// of day in the user's zone; a task due on a day without a time moves by whole days only.
pub(super) fn postponed(task: &Task, delay: Delay, tz: Tz) -> Result<chrono::DateTime<chrono::Utc>, String> {
    let Some(due) = task.due_at else {
        return Err(format!(
            "{} has no due date to move. Give it one first, like “move {} to friday 3pm”.",
            quote(task),
            task.title
        ));
    };
    let local = due.with_timezone(&tz).naive_local();
    let date_only = local.time() == crate::domain::quick_add::end_of_day();
    let too_far = || "That would move it too far.".to_owned();
    let moved = match delay.unit {
        DelayUnit::Minutes if date_only => {
            let (name, title) = (quote(task), &task.title);
            return Err(format!(
                "{name} is due on a day without a time, so I can't move it by hours. Give it a time, like “move {title} to 5pm”."
            ));
        }
        DelayUnit::Minutes => {
            return chrono::Duration::try_minutes(delay.amount)
                .and_then(|d| due.checked_add_signed(d))
                .ok_or_else(too_far)
        }
        DelayUnit::Days => chrono::Duration::try_days(delay.amount).and_then(|d| local.checked_add_signed(d)),
        DelayUnit::Months => {
            let months = chrono::Months::new(u32::try_from(delay.amount.unsigned_abs()).map_err(|_| too_far())?);
            if delay.amount < 0 {
                local.checked_sub_months(months)
            } else {
                local.checked_add_months(months)
            }
        }
    };
    moved.map(|at| to_utc(at, tz)).ok_or_else(too_far)
}

/// The moment (local) a reminder is asked for: a day said without a time is its morning, a time
/// without a day is on the day of the reminder it corrects (`old`), in its half of the day unless
/// am or pm is said; a moment past is refused.
pub(super) fn remind_moment(
    when: &str,
    tz: Tz,
    old: Option<chrono::NaiveDateTime>,
) -> Result<chrono::NaiveDateTime, String> {
    let now = local_now(tz);
    let at = match read_when(when, now) {
        Said::At(w) if !w.has_time => w.at.date().and_time(MORNING),
        // ("1:45" of a reminder at 14:00 is 13:45: the half of the day of the one corrected)
        Said::At(w) if !w.has_day && old.is_some() => {
            let old = old.unwrap_or(w.at);
            let said_half = ["am", "pm", "a.m", "p.m"]
                .iter()
                .any(|h| when.to_lowercase().contains(h));
            let time = match w.at.time() {
                t if !said_half && t.hour() < 12 && old.hour() >= 12 => t + chrono::Duration::hours(12),
                t => t,
            };
            old.date().and_time(time)
        }
        Said::At(w) => w.at,
        Said::Impossible(why) => return Err(format!("{why} I set no reminder.")),
        Said::Unread => {
            return Err(format!(
                "I couldn't read “{when}” as a moment. Try “tomorrow 9am” or “friday at 5pm”."
            ))
        }
    };
    if at <= now {
        return Err(format!(
            "{} has passed already; I set no reminder.",
            at.format("%a %b %-d, %H:%M")
        ));
    }
    Ok(at)
}

/// How far `day` is from `today`: "today", "tomorrow", "in 12 days", "3 days ago".
pub(super) fn days_from_today(day: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
    match (day - today).num_days() {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        -1 => "yesterday".to_owned(),
        n if n > 1 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

/// "no, tues" right after the task was moved to next Monday: the Tuesday nearest the day it
/// replaces (that week's), not the one nearest today. Only a weekday said alone, right after a
/// move; any other correction is as said.
pub(super) fn near_old_day(
    fixed: Command,
    tasks: &[Task],
    state: &super::ConversationState,
    last_change: Option<&(Verb, Option<String>)>,
    tz: Tz,
) -> Command {
    let Command::Reschedule(Target::It, words) = &fixed else {
        return fixed;
    };
    let said = words.trim().trim_start_matches("on ").trim();
    let now = local_now(tz);
    let (Some((Verb::Reschedule, _)), false, Said::At(when)) =
        (last_change, said.contains(char::is_whitespace), read_when(said, now))
    else {
        return fixed;
    };
    let task = tasks.iter().find(|t| Some(t.id.as_str()) == state.last_task.as_deref());
    let Some(old) = task.and_then(|t| t.due_at).map(|d| d.with_timezone(&tz).date_naive()) else {
        return fixed;
    };
    let day = when.at.date();
    if !when.has_day || when.has_time || day.signed_duration_since(now.date()).num_days() > 6 {
        return fixed;
    }
    let nearest = (-3..=3)
        .map(|k| old + chrono::Duration::days(k))
        .filter(|d| d.weekday() == day.weekday() && *d >= now.date())
        .min_by_key(|d| d.signed_duration_since(old).num_days().abs());
    match nearest {
        Some(nearest) if nearest != day => Command::Reschedule(Target::It, nearest.format("%Y-%m-%d").to_string()),
        _ => fixed,
    }
}
