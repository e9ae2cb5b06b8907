//! Task operations that need more than the repository: the user's clock and time zone, and
//! reading the dashboard's form (quick-add in the title, local date-times) into a draft.
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::repo::tasks::DueBounds;
use crate::domain::quick_add::{day_start, end_of_day, parse_quick_add};
use crate::domain::reminder::{ReminderInput, ReminderSpec};
use crate::domain::task::{refuse_longer, Priority, Tags, TaskDraft, TaskInput, TaskPatchInput, TITLE_MAX_CHARS};
use crate::domain::DomainError;

/// The user's time zone, UTC when unknown or unrecognised.
pub fn user_tz(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// The user's local time now.
pub fn local_now(tz: Tz) -> NaiveDateTime {
    Utc::now().with_timezone(&tz).naive_local()
}

/// A local date-time in `tz` as UTC; in a DST gap the later instant, in an overlap the earlier.
pub fn to_utc(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        chrono::LocalResult::None => local
            .checked_add_signed(chrono::Duration::hours(1))
            .and_then(|later| tz.from_local_datetime(&later).earliest())
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| Utc.from_utc_datetime(&local)),
    }
}

/// The bounds of today and this week in the user's zone.
pub fn due_bounds(tz: Tz) -> DueBounds {
    let now = local_now(tz);
    let days_to_monday = 7 - i64::from(now.weekday().num_days_from_monday());
    DueBounds {
        now: Utc::now().timestamp_millis(),
        today_start: to_utc(day_start(now, 0), tz).timestamp_millis(),
        tomorrow_start: to_utc(day_start(now, 1), tz).timestamp_millis(),
        day_after_tomorrow_start: to_utc(day_start(now, 2), tz).timestamp_millis(),
        next_week_start: to_utc(day_start(now, days_to_monday), tz).timestamp_millis(),
        in_seven_days_start: to_utc(day_start(now, 7), tz).timestamp_millis(),
        span: None,
        done_span: None,
    }
}

/// The dashboard's add form, as posted. The title may carry quick-add syntax; explicit fields
/// win. It is read into the same [`TaskInput`] the JSON API takes, and parsed there.
#[derive(Debug, Clone, Default)]
pub struct TaskForm {
    pub title: String,
    pub description: Option<String>,
    pub priority: Option<String>,
    /// A local `YYYY-MM-DDTHH:MM`, or `YYYY-MM-DD` for a day without a time ([`form_due`]).
    pub due: Option<String>,
    /// A comma- or space-separated list.
    pub tags: Option<String>,
    /// The project of the view the form is in (an id); `+name` in the title wins.
    pub project: Option<String>,
    /// The task a subtask is added to (from its row).
    pub parent: Option<String>,
    /// Added in the Today view: due today unless the form says otherwise.
    pub due_today: bool,
}

/// A form read into the API's input, and the project a `+name` in the title asks for (which
/// only the repository can look up).
#[derive(Debug, Clone, PartialEq)]
pub struct FormTask {
    pub input: TaskInput,
    pub project_name: Option<String>,
}

fn blank(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// An instant (RFC 3339) as `/settings` shows it, in the user's zone: "Mon Dec 7 2026, 09:15".
/// Anything else is shown as it is.
pub fn shown_at(raw: &str, tz: Tz) -> String {
    DateTime::parse_from_rfc3339(raw).map_or_else(
        |_| raw.to_owned(),
        |at| at.with_timezone(&tz).format("%a %b %-d %Y, %H:%M").to_string(),
    )
}

/// Parses a local due date in the user's zone: a day and a time (`2026-11-27T09:00`), or a day
/// alone (`2026-11-27`: due that day, no time).
pub fn parse_local_due(raw: &str, tz: Tz) -> Result<DateTime<Utc>, DomainError> {
    let raw = raw.trim();
    let local = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDate::parse_from_str(raw, "%Y-%m-%d").map(|d| d.and_time(end_of_day())))
        .map_err(|_| DomainError::new("due", "Enter the due date as a date (and a time, if it has one)."))?;
    Ok(to_utc(local, tz))
}

/// The dashboard forms' "Due" (a date input) and "Time" (a time input) as one value for
/// [`parse_local_due`]: the day alone, or the day and the time. A "Due" with a time already in it
/// (a datetime-local value) is taken as it is.
pub fn form_due(day: Option<String>, time: Option<String>) -> Result<Option<String>, DomainError> {
    match (blank(&day), blank(&time)) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err(DomainError::new("due", "Pick a day for that time, or clear the time.")),
        (Some(day), None) => Ok(Some(day.to_owned())),
        (Some(day), Some(_)) if day.contains('T') => Ok(Some(day.to_owned())),
        (Some(day), Some(time)) => Ok(Some(format!("{day}T{time}"))),
    }
}

/// A form field's priority: empty is "not given".
pub fn form_priority(raw: &Option<String>) -> Result<Option<Priority>, DomainError> {
    blank(raw).map(str::parse).transpose()
}

impl TaskForm {
    /// Reads the form into the one input shape of a new task (quick-add applied, the local due
    /// time turned into an instant).
    pub fn into_input(self, tz: Tz) -> Result<FormTask, DomainError> {
        // the length check comes before quick-add reads the title for dates and tags
        refuse_longer(
            "title",
            self.title.trim(),
            TITLE_MAX_CHARS * 2,
            "Keep the title to 200 characters or fewer.",
        )?;
        let quick = parse_quick_add(&self.title, local_now(tz));
        // "pay rent feb 30": a date that cannot be is refused, not kept as words of the title
        if let (Some(why), None) = (&quick.impossible, blank(&self.due)) {
            return Err(DomainError::new(
                "title",
                format!("{why} Correct it in the title, or pick a due date in the field below."),
            ));
        }
        let mut tags = quick.tags;
        if let Some(extra) = blank(&self.tags) {
            tags.extend(Tags::split_list(extra));
        }
        let priority = form_priority(&self.priority)?.or(quick.priority);
        let due_at = match blank(&self.due) {
            Some(raw) => Some(parse_local_due(raw, tz)?),
            None => quick.due.map(|local| to_utc(local, tz)),
        };
        let due_at = match due_at {
            None if self.due_today => Some(to_utc(day_start(local_now(tz), 0).date().and_time(end_of_day()), tz)),
            due => due,
        };
        Ok(FormTask {
            input: TaskInput {
                title: quick.title,
                description: blank(&self.description).map(str::to_owned),
                priority,
                due_at: due_at.map(|d| d.to_rfc3339()),
                tags: Some(tags),
                project_id: blank(&self.project).map(str::to_owned),
                parent_id: blank(&self.parent).map(str::to_owned),
                recurrence: quick.recurrence,
                reminders: (!quick.reminders.is_empty())
                    .then(|| quick.reminders.iter().map(|r| ReminderInput::from(*r)).collect()),
            },
            project_name: quick.project,
        })
    }
}

/// The dashboard's edit form: every field is sent; an empty due date clears it, an empty
/// "Repeats" stops the repeat.
#[derive(Debug, Clone, Default)]
pub struct TaskEditForm {
    pub title: String,
    pub description: Option<String>,
    pub priority: Option<String>,
    pub due: Option<String>,
    pub tags: Option<String>,
    /// In words ("every monday", "every 3 days after completion") or as an RRULE; `None` when
    /// the form has no such field.
    pub repeat: Option<String>,
    /// "10m, 1h, @2026-12-05T09:00" (see [`parse_reminder_field`]); `None` when the form has no
    /// such field.
    pub reminders: Option<String>,
    /// The id of the project to move the task (and its subtasks) to; `None` or empty: it stays.
    pub project: Option<String>,
}

/// The editor's "Reminders" field: before the due date as `10m`, `1h`, `2d`, `0` (at the due
/// time), or at an instant of their own as `@2026-12-05T09:00` (local), separated by commas or
/// spaces. Empty: none.
pub fn parse_reminder_field(raw: &str, tz: Tz) -> Result<Vec<ReminderInput>, DomainError> {
    crate::domain::task::refuse_longer("reminders", raw, 200, "Give at most 5 reminders.")?;
    let mut out = Vec::new();
    for token in raw
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        let token = token.trim_end_matches("before").trim();
        let spec = if let Some(at) = token.strip_prefix('@') {
            // (an instant: a day alone is no moment to ring at)
            let at = Some(at).filter(|at| at.contains('T')).ok_or_else(reminder_help)?;
            ReminderSpec::At(parse_local_due(at, tz).map_err(|_| reminder_help())?.timestamp_millis())
        } else {
            let word = if token.starts_with('^') {
                token.to_owned()
            } else {
                format!("^{token}")
            };
            crate::domain::reminder::parse_quick(&word).ok_or_else(reminder_help)?
        };
        out.push(spec.into());
    }
    Ok(out)
}

fn reminder_help() -> DomainError {
    DomainError::new(
        "reminders",
        "Give reminders like “10m, 1h” (before the due date), “0” (at the due time) or “@2026-12-05T09:00”.",
    )
}

/// A task's reminders as the editor's field shows them.
pub fn format_reminder_field(reminders: &[crate::domain::reminder::Reminder], tz: Tz) -> String {
    reminders
        .iter()
        .filter_map(|r| match (r.before_minutes, r.at) {
            (Some(m), _) if m > 0 && m % 1440 == 0 => Some(format!("{}d", m / 1440)),
            (Some(m), _) if m > 0 && m % 60 == 0 => Some(format!("{}h", m / 60)),
            (Some(m), _) if m > 0 => Some(format!("{m}m")),
            (Some(_), _) => Some("0".to_owned()),
            (None, Some(at)) => Some(format!("@{}", at.with_timezone(&tz).format("%Y-%m-%dT%H:%M"))),
            (None, None) => None,
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A repeat as typed in a form: words the quick-add reader knows, or an RRULE.
pub fn parse_repeat(raw: &str) -> Result<Option<crate::domain::recurrence::RecurrenceInput>, DomainError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    crate::domain::task::refuse_longer("recurrence", raw, 200, "Say how it repeats in fewer words.")?;
    // "every tues/thurs": days joined by a slash
    let words: Vec<String> = raw
        .replace('/', " and ")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    // "every sunday night", "every friday at 5pm": the time of day is the due date's, not the
    // repeat's, and is left to it
    let time_of_day = |w: &String| {
        let w = w.trim_end_matches(['.', ',']);
        matches!(
            w,
            "morning" | "afternoon" | "evening" | "night" | "noon" | "at" | "in" | "the"
        ) || (!w.is_empty()
            && w.trim_end_matches("am")
                .trim_end_matches("pm")
                .chars()
                .all(|c| c.is_ascii_digit() || c == ':' || c == '.'))
    };
    match crate::domain::recurrence_words::find(&words) {
        Some(found) if found.start == 0 && words[found.end..].iter().all(time_of_day) => Ok(Some(found.recurrence)),
        _ if raw.to_ascii_uppercase().contains("FREQ=") => Ok(Some(crate::domain::recurrence::RecurrenceInput {
            rule: raw.to_owned(),
            from: Default::default(),
            text: None,
        })),
        _ => Err(DomainError::new(
            "recurrence",
            "Say how it repeats like “every monday”, “every 2 weeks” or “every 3 days after completion”.",
        )),
    }
}

impl TaskEditForm {
    /// Reads the form into the one input shape of a change to a task.
    pub fn into_patch(self, tz: Tz) -> Result<TaskPatchInput, DomainError> {
        let due = blank(&self.due).map(|d| parse_local_due(d, tz)).transpose()?;
        Ok(TaskPatchInput {
            title: Some(self.title),
            description: Some(self.description.unwrap_or_default()),
            priority: Some(form_priority(&self.priority)?.unwrap_or_default()),
            due_at: Some(due.map(|d| d.to_rfc3339())),
            tags: Some(Tags::split_list(self.tags.as_deref().unwrap_or_default())),
            completed: None,
            project_id: blank(&self.project).map(str::to_owned),
            parent_id: None,
            recurrence: self.repeat.as_deref().map(parse_repeat).transpose()?,
            reminders: self
                .reminders
                .as_deref()
                .map(|r| parse_reminder_field(r, tz))
                .transpose()?,
        })
    }
}

/// Parses the dashboard's add form (a `+name` left for the caller to look up).
pub fn draft_from_form(form: TaskForm, tz: Tz) -> Result<TaskDraft, DomainError> {
    TaskDraft::from_input(form.into_input(tz)?.input)
}

/// A reminder at a moment of its own, for a task moved from `old_due` to `new_due` (milliseconds):
/// moved by as much as the task when that is less than a day ("snooze it for an hour"), else by
/// as many days as the task's day moved, at the same time of day ("remind me … on friday" rings
/// that morning on the day the task moves to). A reminder before the due date moves by itself.
pub fn reminder_moved(spec: ReminderSpec, old_due: Option<i64>, new_due: Option<i64>, tz: Tz) -> ReminderSpec {
    let (ReminderSpec::At(ms), Some(old), Some(new)) = (spec, old_due, new_due) else {
        return spec;
    };
    let shift = new - old;
    if shift.abs() < chrono::Duration::days(1).num_milliseconds() {
        return ReminderSpec::At(ms + shift);
    }
    let local = |ms: i64| DateTime::from_timestamp_millis(ms).map(|d| d.with_timezone(&tz));
    let (Some(old), Some(new), Some(at)) = (local(old), local(new), local(ms)) else {
        return spec;
    };
    let days = new.date_naive() - old.date_naive();
    // (a time of day a clock change skips: the moment after the gap)
    let moved = tz.from_local_datetime(&(at.naive_local() + days)).earliest();
    ReminderSpec::At(moved.map_or(ms + days.num_milliseconds(), |m| m.timestamp_millis()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_show_instants_in_the_users_zone() {
        let tokyo = user_tz("Asia/Tokyo");
        assert_eq!(shown_at("2026-12-07T04:15:56.257Z", tokyo), "Mon Dec 7 2026, 13:15");
        assert_eq!(shown_at("never", tokyo), "never");
    }

    #[test]
    fn the_forms_due_day_and_time() {
        let tz = user_tz("Europe/Paris");
        let day = |s: &str| Some(s.to_owned());
        assert_eq!(form_due(None, day(" ")), Ok(None));
        assert_eq!(form_due(day("2030-01-02"), None), Ok(day("2030-01-02")));
        assert_eq!(form_due(day("2030-01-02"), day("09:30")), Ok(day("2030-01-02T09:30")));
        // a datetime-local value keeps its own time
        assert_eq!(
            form_due(day("2030-01-02T08:00"), day("09:30")),
            Ok(day("2030-01-02T08:00"))
        );
        assert_eq!(form_due(None, day("09:30")).map_err(|e| e.field), Err("due".into()));
        // a day alone is due at its end, local; with a time, at that time
        let local = |raw: &str| parse_local_due(raw, tz).map(|d| d.with_timezone(&tz).naive_local());
        assert_eq!(
            local("2030-01-02"),
            Ok(NaiveDate::from_ymd_opt(2030, 1, 2)
                .expect("a day")
                .and_time(end_of_day()))
        );
        assert_eq!(
            local("2030-01-02T09:30").map(|d| d.format("%H:%M").to_string()),
            Ok("09:30".into())
        );
        assert!(local("2030-13-02").is_err() && local("tomorrow").is_err());
        // a reminder at a day alone is refused (no moment to ring at)
        assert!(parse_reminder_field("@2030-01-02", tz).is_err());
        assert!(parse_reminder_field("@2030-01-02T09:00", tz).is_ok());
    }

    #[test]
    fn forms_use_quick_add_and_explicit_fields_win() {
        let tz = user_tz("Europe/Paris");
        let form = TaskForm {
            title: "Pay rent friday 9am !high #home".into(),
            ..Default::default()
        };
        let draft = draft_from_form(form, tz).unwrap();
        assert_eq!(draft.title.as_str(), "Pay rent");
        assert_eq!(draft.priority, Priority::High);
        assert_eq!(draft.tags.as_slice(), ["home"]);
        let due = draft.due_at.unwrap().with_timezone(&tz);
        assert_eq!(
            (due.weekday(), due.format("%H:%M").to_string()),
            (chrono::Weekday::Fri, "09:00".to_owned())
        );

        let form = TaskForm {
            title: "Pay rent !high".into(),
            priority: Some("low".into()),
            due: Some("2026-12-01T08:30".into()),
            tags: Some("bills, home".into()),
            ..Default::default()
        };
        let draft = draft_from_form(form, tz).unwrap();
        assert_eq!(draft.priority, Priority::Low);
        assert_eq!(draft.due_at.unwrap().to_rfc3339(), "2026-12-01T07:30:00+00:00");
        assert_eq!(draft.tags.as_slice(), ["bills", "home"]);
        assert!(draft_from_form(
            TaskForm {
                title: "  ".into(),
                ..Default::default()
            },
            tz
        )
        .is_err());
        assert!(draft_from_form(
            TaskForm {
                title: "x".into(),
                due: Some("soon".into()),
                ..Default::default()
            },
            tz
        )
        .is_err());
    }

    #[test]
    fn a_date_that_cannot_be_is_refused_naming_it() {
        let tz = user_tz("America/New_York");
        for (title, why) in [
            ("pay rent feb 30", "February has no 30th."),
            ("call mom at 13pm", "13pm is not a time."),
        ] {
            let form = TaskForm {
                title: title.into(),
                ..Default::default()
            };
            let err = draft_from_form(form, tz).expect_err(title);
            assert_eq!(err.field, "title");
            assert!(err.message.starts_with(why), "{title}: {}", err.message);
        }
        // with a due date picked, the title's words are the user's own
        let form = TaskForm {
            title: "read about feb 30".into(),
            due: Some("2026-12-01T08:30".into()),
            ..Default::default()
        };
        assert_eq!(
            draft_from_form(form, tz).expect("a draft").title.as_str(),
            "read about feb 30"
        );
    }

    #[test]
    fn the_forms_repeat_reads_what_the_assistant_reads() {
        let rule = |raw: &str| parse_repeat(raw).map(|r| r.map(|r| r.rule));
        let weekly = |days: &str| Ok(Some(format!("FREQ=WEEKLY;BYDAY={days}")));
        assert_eq!(rule("every sunday night"), weekly("SU"));
        assert_eq!(rule("every friday at 5pm"), weekly("FR"));
        assert_eq!(rule("every tues/thurs"), weekly("TU,TH"));
        assert_eq!(rule(" "), Ok(None));
        assert!(rule("every sunday with grandma").is_err());
        assert!(rule("whenever").is_err());
    }

    #[test]
    fn unknown_zones_are_utc() {
        assert_eq!(user_tz("Mars/Olympus"), Tz::UTC);
        let b = due_bounds(Tz::UTC);
        assert!(b.today_start <= b.now && b.now < b.tomorrow_start && b.tomorrow_start <= b.next_week_start);
    }
}
