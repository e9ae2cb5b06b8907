//! Reminders set by talking: one more ("remind me 30 min before the dentist"), or the ones a
//! task has replaced ("change the reminder on pills to 45 min before", "actually make that 20").
use chrono_tz::Tz;

use super::act::Verb;
use super::timing::{days_before_morning, remind_arg};
use super::{describe_due, quote};
use crate::domain::chat::ActionKind;
use crate::domain::reminder::{ReminderSpec, REMINDERS_MAX};
use crate::domain::task::{Task, TaskPatch};
use crate::error::AppError;

type Patched = Result<Result<(TaskPatch, ActionKind), String>, AppError>;

/// The change [`Verb::Remind`] or [`Verb::ChangeReminder`] makes to `task`, or why not.
pub(super) fn patch(verb: Verb, arg: Option<&str>, task: &Task, tz: Tz) -> Patched {
    let (arg, old) = arg.map(parts).map_or((None, None), |(new, old)| (Some(new), old));
    let (minutes, time) = remind_arg(arg);
    if task.due_at.is_none() {
        return Ok(Err(format!(
            "{} has no due date to remind you before. Give it one first, like “move {} to friday 3pm”.",
            quote(task),
            task.title
        )));
    }
    // "2 hrs before" a day without a time would ring at 21:59 that day: said, and not set
    let date_only = task
        .due_at
        .is_some_and(|d| d.with_timezone(&tz).time() == crate::domain::quick_add::end_of_day());
    if date_only && time.is_none() && minutes > 0 && !minutes.is_multiple_of(1440) {
        return Ok(Err(format!(
            "{} is due {} without a time, so {} would be late that night. Give it a time first (“move it to 9am”), or say “remind me at 7am on the day”.",
            quote(task),
            describe_due(task, tz).unwrap_or_default(),
            ReminderSpec::Before(minutes).describe()
        )));
    }
    let new = match days_before_morning(task, arg, tz) {
        Some(at) => ReminderSpec::At(at.timestamp_millis()),
        None if time.is_some() => return Ok(Err("That moment has passed already.".to_owned())),
        // its morning gone, a day without a time has no moment left but 23:59: asked for one
        None if date_only && minutes == 0 => {
            return Ok(Err(format!(
                "{} is due {} without a time, and its morning has passed. Say when, like “remind me about {} at 5pm”.",
                quote(task),
                describe_due(task, tz).unwrap_or_default(),
                task.title
            )));
        }
        // "10 min before" a task due in 3 minutes: it would never ring
        None if task
            .due_at
            .is_some_and(|due| due - chrono::Duration::minutes(i64::from(minutes)) <= chrono::Utc::now()) =>
        {
            return Ok(Err(format!(
                "{} {} has passed already; I set no reminder.",
                crate::domain::capitalised(&ReminderSpec::Before(minutes).describe()),
                quote(task)
            )));
        }
        None => ReminderSpec::Before(minutes),
    };
    if verb == Verb::Remind {
        return add(task, new);
    }
    // the one replaced, as it was set ("the day before" is a morning's moment)
    // (a reminder at a moment just set is remembered as that moment)
    let old = old.map(|o| {
        match (
            chrono::DateTime::parse_from_rfc3339(o),
            days_before_morning(task, Some(o), tz),
        ) {
            (Ok(at), _) => ReminderSpec::At(at.timestamp_millis()),
            (_, Some(at)) => ReminderSpec::At(at.timestamp_millis()),
            _ => ReminderSpec::Before(remind_arg(Some(o)).0),
        }
    });
    replaced(task, new, old)
}

/// `task`'s reminders with `new` instead of `old` (`None`: instead of all of them).
fn replaced(task: &Task, new: ReminderSpec, old: Option<ReminderSpec>) -> Patched {
    let mut specs: Vec<_> = task
        .reminders
        .iter()
        .filter_map(|r| r.spec())
        .filter(|s| old.is_some_and(|o| o != *s) && *s != new)
        .collect();
    specs.push(new);
    set(specs)
}

/// A reminder more on `task` (none when it has this one already), or why not.
pub(super) fn add(task: &Task, new: ReminderSpec) -> Patched {
    let mut specs: Vec<_> = task.reminders.iter().filter_map(|r| r.spec()).collect();
    if !specs.contains(&new) {
        if specs.len() >= REMINDERS_MAX {
            return Ok(Err(format!("{} has 5 reminders already.", quote(task))));
        }
        specs.push(new);
    }
    set(specs)
}

/// The change that gives a task these reminders.
fn set(specs: Vec<ReminderSpec>) -> Patched {
    Ok(Ok((
        TaskPatch {
            reminders: Some(specs),
            ..Default::default()
        },
        ActionKind::Updated,
    )))
}

/// A reminder's argument as [`Verb::ChangeReminder`] and [`Verb::RemindAt`] carry it: the reminder
/// set, and after `|` the one it replaces ("45|30").
pub(super) fn parts(arg: &str) -> (&str, Option<&str>) {
    arg.split_once('|').map_or((arg, None), |(new, old)| (new, Some(old)))
}

/// "I'll remind you 45 min before “pills” (due …), instead of 30 min before": what was set on `task`
/// (now `t`), and what a change took off.
pub(super) fn said(arg: Option<&str>, task: &Task, t: &Task, tz: Tz) -> String {
    let arg = arg.map(|a| parts(a).0);
    let (minutes, _) = remind_arg(arg);
    let when = describe_due(t, tz).map(|d| format!(" (due {d})")).unwrap_or_default();
    let instead = instead(task, t, tz);
    if let Some(at) = days_before_morning(t, arg, tz) {
        let at = at.with_timezone(&tz).format("%a %b %-d at %H:%M");
        return format!("I'll remind you about {} on {at}{when}{instead}", quote(t));
    }
    if minutes == 0 {
        return format!("I'll remind you about {} at its due time{when}{instead}", quote(t));
    }
    format!(
        "I'll remind you {} {}{when}{instead}",
        ReminderSpec::Before(minutes).describe(),
        quote(t)
    )
}

/// ", instead of 30 min before": what a change took off `task` (now `t`), said.
fn instead(task: &Task, t: &Task, tz: Tz) -> String {
    let gone: Vec<String> = task
        .reminders
        .iter()
        .filter(|r| !t.reminders.iter().any(|n| n.spec() == r.spec()))
        .filter_map(|r| r.spec())
        .map(|spec| match spec {
            ReminderSpec::At(ms) => chrono::DateTime::from_timestamp_millis(ms)
                .map(|at| at.with_timezone(&tz).format("on %a %b %-d at %H:%M").to_string())
                .unwrap_or_default(),
            spec => spec.describe(),
        })
        .collect();
    match gone.as_slice() {
        [] => String::new(),
        gone => format!(", instead of {}", gone.join(" and ")),
    }
}

/// A reminder at a moment (`arg`: RFC 3339), with `|` and the moment of the one it replaces
/// when it corrects one just set.
pub(super) fn at(arg: Option<&str>, task: &Task) -> Patched {
    let moment = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|at| ReminderSpec::At(at.timestamp_millis()))
    };
    let (new, old) = match arg.map(parts) {
        Some((new, old)) => (moment(new), old.and_then(moment)),
        None => (None, None),
    };
    let Some(new) = new else {
        return Ok(Err("I couldn't read that moment.".to_owned()));
    };
    match old {
        Some(old) => replaced(task, new, Some(old)),
        None => add(task, new),
    }
}

/// "I'll remind you about “stretch” on Tue Dec 8, 09:45, instead of on Tue Dec 8 at 10:00".
pub(super) fn said_at(arg: Option<&str>, task: &Task, t: &Task, tz: Tz) -> String {
    let at = arg
        .map(|a| parts(a).0)
        .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok());
    let at = at.map(|at| at.with_timezone(&tz).format("%a %b %-d, %H:%M").to_string());
    format!(
        "I'll remind you about {} on {}{}",
        quote(t),
        at.unwrap_or_default(),
        instead(task, t, tz)
    )
}
