//! The calendar feed: `GET /cal/<secret>.ics`, an iCalendar (RFC 5545) of the user's open tasks
//! that have a due date, for Google, Apple and Thunderbird calendars to subscribe to. One VEVENT
//! per task (all-day when the task has no time, a 30-minute event otherwise) with its RRULE when
//! it repeats. The secret is the only credential: it is stored hashed, a wrong one is a 404, and
//! requests are rate-limited per client. An `ETag` of the user's tasks version answers polling
//! calendars with a 304 when nothing changed, without reading a task.
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Duration, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, EventLike};

mod zone;

use super::auth::client::ClientInfo;
use super::auth::{self, rate_limit, CurrentUser};
use super::recurrence;
use super::repo::UserScope;
use super::state::AppState;
use crate::domain::quick_add::end_of_day;
use crate::domain::recurrence::{RecurFrom, RecurrenceSpec};
use crate::domain::task::{Priority, Task};
use crate::domain::user::CalendarFeed;
use crate::error::AppError;

/// The RRULE a calendar is given for a task that repeats on a schedule: from its current due
/// date on, with COUNT turned into the UNTIL of its last occurrence (a calendar counts from the
/// DTSTART it is shown, not from the series' start).
fn feed_rule(spec: &RecurrenceSpec, anchor: chrono::DateTime<Utc>, tz: Tz, all_day: bool) -> Option<String> {
    if spec.from == RecurFrom::Completion {
        // when it next comes depends on when it is done: only its next date is known
        return None;
    }
    let mut rule = spec.rule.clone();
    let until = match (rule.count.take(), rule.until.take()) {
        (Some(count), _) => Some(recurrence::nth_occurrence(spec, anchor, count, tz)?),
        (None, Some(until)) => recurrence::until_instant(&until, tz),
        (None, None) => None,
    };
    let mut text = rule.to_string();
    if let Some(until) = until {
        let until = if all_day {
            until.with_timezone(&tz).format("%Y%m%d").to_string()
        } else {
            until.format("%Y%m%dT%H%M%SZ").to_string()
        };
        text.push_str(&format!(";UNTIL={until}"));
    }
    Some(text)
}

/// Whether a task's event is written in the user's time zone: a timed series outside UTC (a
/// single event is one instant, written in UTC).
fn zoned(task: &Task, tz: Tz) -> bool {
    let timed = task
        .due_at
        .is_some_and(|due| due.with_timezone(&tz).time() != end_of_day());
    let series = task
        .recurrence
        .as_ref()
        .is_some_and(|r| r.from != RecurFrom::Completion);
    timed && series && tz != Tz::UTC
}

fn event_of(task: &Task, tz: Tz, anchor: Option<i64>, now: chrono::DateTime<Utc>) -> Option<icalendar::Event> {
    let due = task.due_at?;
    let local = due.with_timezone(&tz);
    // iCalendar writes four-digit years: a due date the user's time zone puts outside them
    // (the API takes years 1 to 9999 in UTC) is left out rather than spoil the whole feed
    if !(1..=9999).contains(&local.year()) {
        return None;
    }
    let all_day = local.time() == end_of_day();
    let mut event = icalendar::Event::new();
    event
        .uid(&format!("{}@taskpilot", task.id))
        .summary(&task.title)
        .timestamp(now)
        .last_modified(task.updated_at)
        .created(task.created_at);
    if all_day {
        // a date's event ends (exclusively) the next day
        let day = local.date_naive();
        event.starts(day);
        // (on the last day iCalendar can write, no end: a date's event lasts that day)
        if let Some(end) = day.succ_opt().filter(|d| d.year() <= 9999) {
            event.ends(end);
        }
    } else if zoned(task, tz) {
        // a series in the user's own clock, so it keeps to their days (see `zone`)
        let at = |t: chrono::NaiveDateTime| icalendar::CalendarDateTime::WithTimezone {
            date_time: t,
            tzid: tz.name().to_owned(),
        };
        let start = local.naive_local();
        event.starts(at(start));
        if let Some(end) = start
            .checked_add_signed(Duration::minutes(30))
            .filter(|e| e.year() <= 9999)
        {
            event.ends(at(end));
        }
    } else {
        event.starts(due);
        let last = chrono::NaiveDate::from_ymd_opt(9999, 12, 31)
            .and_then(|d| d.and_hms_opt(23, 59, 59))
            .map(|t| t.and_utc());
        let end = due + Duration::minutes(30);
        let end = last.map_or(end, |last| end.min(last));
        // an end must come after the start: at the very last second, the event is an instant
        if end > due {
            event.ends(end);
        }
    }
    let mut description = task.description.clone();
    if !task.tags.is_empty() {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&task.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" "));
    }
    if !description.is_empty() {
        event.description(&description);
    }
    if !task.tags.is_empty() {
        event.add_property("CATEGORIES", task.tags.join(","));
    }
    match task.priority {
        Priority::High => event.priority(1),
        Priority::Medium => event.priority(5),
        Priority::Low => event.priority(9),
        Priority::None => &mut event,
    };
    // a VALARM per reminder: relative to the start for a timed event (so it repeats with the
    // series), at its instant otherwise
    for r in &task.reminders {
        let trigger = match (r.before_minutes, r.at, r.fire_at) {
            (Some(m), _, _) if !all_day => icalendar::Trigger::before_start(Duration::minutes(i64::from(m))),
            (_, Some(at), _) | (_, _, Some(at)) => icalendar::Trigger::from(at),
            _ => continue,
        };
        let mut alarm = icalendar::Alarm::display(&task.title, trigger);
        // a UID of its own that stays put, or every fetch would show a calendar new alarms
        alarm.uid(&format!("{}-alarm-{}@taskpilot", task.id, r.id));
        event.alarm(alarm);
    }
    if let Some(r) = &task.recurrence {
        let spec = RecurrenceSpec::from_stored(&r.rule, r.from.as_str())?;
        let anchor = anchor.and_then(chrono::DateTime::from_timestamp_millis).unwrap_or(due);
        if let Some(rule) = feed_rule(&spec, anchor, tz, all_day) {
            event.add_property("RRULE", rule);
        }
    }
    Some(event.done())
}

/// The feed of `user`'s open, dated tasks.
pub async fn feed(scope: &UserScope<'_>, tz: Tz, name: &str) -> Result<String, AppError> {
    let now = Utc::now();
    let mut calendar = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", "-//Taskpilot//Tasks//EN"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        calendar.append_property(icalendar::Property::new(key, value));
    }
    calendar.name(&format!("Taskpilot — {name}"));
    calendar.append_property(icalendar::Property::new("X-PUBLISHED-TTL", "PT15M"));
    let mut uses_zone = false;
    for (task, anchor) in scope.calendar_tasks().await? {
        if let Some(event) = event_of(&task, tz, anchor, now) {
            uses_zone |= zoned(&task, tz);
            calendar.push(event);
        }
    }
    Ok(with_zone(calendar.done().to_string(), uses_zone.then_some(tz), now))
}

/// The feed with the VTIMEZONE its events refer to, before the first of them.
fn with_zone(text: String, tz: Option<Tz>, now: chrono::DateTime<Utc>) -> String {
    let Some(tz) = tz else { return text };
    let at = text.find("BEGIN:VEVENT").or_else(|| text.find("END:VCALENDAR"));
    match at {
        Some(at) => format!("{}{}{}", &text[..at], zone::vtimezone(tz, now.year()), &text[at..]),
        None => text,
    }
}

/// The user's feed, if they have one (without its address).
pub async fn feed_status(state: &AppState, user: &CurrentUser) -> Result<Option<CalendarFeed>, AppError> {
    let created = UserScope::new(&state.db, user).calendar_created_at().await?;
    Ok(created.map(|at| CalendarFeed {
        created_at: crate::server::repo::millis_to_rfc3339(at),
        url: None,
    }))
}

/// Makes the user's feed, or gives it a new secret (the old address is dead at once); the answer
/// holds the address, shown this once. Needs a session: a leaked API token must not be able to
/// make a credential that outlives its revocation.
pub async fn create_feed(state: &AppState, user: &CurrentUser, origin: &str) -> Result<CalendarFeed, AppError> {
    if user.session.is_none() {
        return Err(AppError::Forbidden {
            message: "Make the calendar address while signed in (on /settings), not with a token.".into(),
        });
    }
    let token = auth::tokens::generate_token()?;
    let secret = token.trim_start_matches("tp_");
    let scope = UserScope::new(&state.db, user);
    scope.set_calendar_secret(auth::tokens::hash_token(secret)).await?;
    tracing::info!(user_id = user.id(), "calendar feed address made");
    Ok(CalendarFeed {
        created_at: crate::server::repo::millis_to_rfc3339(crate::server::now_millis()),
        url: Some(format!("{}/cal/{secret}.ics", origin.trim_end_matches('/'))),
    })
}

/// Whether `url` is the address of this user's current feed (so a flashed address planted by
/// someone else is never shown).
pub async fn is_current_url(state: &AppState, user: &CurrentUser, url: &str) -> Result<bool, AppError> {
    let Some(secret) = url.rsplit('/').next().and_then(|f| f.strip_suffix(".ics")) else {
        return Ok(false);
    };
    let owner = auth::calendar_user(state, secret).await?;
    Ok(owner.is_some_and(|owner| owner.id() == user.id()))
}

/// Calendars may keep the feed, and must ask again (cheaply, by the ETag) before showing it.
const FEED_CACHE: &str = "private, no-cache";

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "No calendar at this address.").into_response()
}

/// `GET /cal/{secret}.ics`
pub async fn serve_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
    parts: http::request::Parts,
) -> Response {
    let client = ClientInfo::from_parts(&parts, state.config.trust_proxy);
    if let Err(e) = rate_limit::hit(
        &state,
        state.config.rate_limit_calendar_per_ip,
        &format!("cal:ip:{}", client.rate_key()),
    )
    .await
    {
        return e.into_response();
    }
    let Some(secret) = file.strip_suffix(".ics") else {
        return not_found();
    };
    let user: CurrentUser = match auth::calendar_user(&state, secret).await {
        Ok(Some(user)) => user,
        Ok(None) => return not_found(),
        Err(e) => return e.into_response(),
    };
    let tz = super::tasks::user_tz(&user.time_zone);
    // the version moves with every change to the user's tasks; the zone decides all-day dates
    let etag = format!("\"{}-{}\"", user.tasks_version, tz.name().replace('/', "_"));
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag))
    {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag), (header::CACHE_CONTROL, FEED_CACHE.to_owned())],
        )
            .into_response();
    }
    let scope = UserScope::new(&state.db, &user);
    match feed(&scope, tz, &user.user.email).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
                (header::ETAG, etag),
                (header::CACHE_CONTROL, FEED_CACHE.to_owned()),
            ],
            body,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(due: &str) -> Task {
        Task {
            id: "t1".into(),
            title: "Far away".into(),
            description: String::new(),
            completed: false,
            priority: Priority::None,
            due_at: Some(
                chrono::DateTime::parse_from_rfc3339(due)
                    .expect("a time")
                    .with_timezone(&Utc),
            ),
            tags: vec![],
            created_at: Utc::now(),
            updated_at: Utc::now(),
            completed_at: None,
            project_id: "p".into(),
            parent_id: None,
            subtasks: Default::default(),
            recurrence: None,
            reminders: vec![],
        }
    }

    fn written(task: &Task, tz: Tz) -> Option<String> {
        event_of(task, tz, None, Utc::now()).map(|e| Calendar::empty().push(e).done().to_string())
    }

    #[test]
    fn a_series_keeps_to_the_users_days_and_clock() {
        let ny = chrono_tz::America::New_York;
        // Sunday 6 December 2026, 20:00 in New York: already Monday in UTC
        let mut weekly = task("2026-12-07T01:00:00Z");
        weekly.title = "Call mom".into();
        weekly.recurrence = Some(crate::domain::recurrence::Recurrence {
            rule: "FREQ=WEEKLY;BYDAY=SU".into(),
            from: RecurFrom::Due,
            text: "Every Sun".into(),
        });
        weekly.reminders = vec![crate::domain::reminder::Reminder {
            id: "r1".into(),
            before_minutes: Some(10),
            at: None,
            fire_at: None,
            fired: false,
        }];
        let now = Utc::now();
        let feed_of = |task: &Task, tz: Tz| {
            let mut calendar = Calendar::new();
            calendar.push(event_of(task, tz, None, now).expect("an event"));
            with_zone(calendar.done().to_string(), zoned(task, tz).then_some(tz), now)
        };
        let text = feed_of(&weekly, ny);
        for line in [
            "DTSTART;TZID=America/New_York:20261206T200000",
            "DTEND;TZID=America/New_York:20261206T203000",
            "RRULE:FREQ=WEEKLY;BYDAY=SU",
            "TZID:America/New_York",
        ] {
            assert!(text.contains(&format!("{line}\r\n")), "{line} in\n{text}");
        }
        let zone_at = text.find("BEGIN:VTIMEZONE").expect("a VTIMEZONE");
        assert!(zone_at < text.find("BEGIN:VEVENT").expect("an event"));
        if let Ok(dir) = std::env::var("TASKPILOT_ICS_DUMP") {
            // the test command reads it with Python's `icalendar` and expands the series there
            std::fs::create_dir_all(&dir).expect("the dump directory");
            std::fs::write(format!("{dir}/zoned.ics"), &text).expect("written");
        }
        // in UTC, and for a single event, an instant in UTC is enough
        let utc = feed_of(&weekly, Tz::UTC);
        assert!(
            utc.contains("DTSTART:20261207T010000Z\r\n") && !utc.contains("VTIMEZONE"),
            "{utc}"
        );
        weekly.recurrence = None;
        let single = feed_of(&weekly, ny);
        assert!(
            single.contains("DTSTART:20261207T010000Z\r\n") && !single.contains("VTIMEZONE"),
            "{single}"
        );
    }

    #[test]
    fn the_last_years_the_api_takes_still_make_a_valid_feed() {
        for (due, tz) in [
            ("9999-12-31T23:59:59Z", chrono_tz::UTC),
            ("9999-12-31T23:59:59Z", chrono_tz::America::New_York),
            ("9999-12-31T23:45:00Z", chrono_tz::UTC),
            ("0001-01-01T12:00:00Z", chrono_tz::UTC),
        ] {
            let text = written(&task(due), tz).expect("an event");
            for line in text
                .lines()
                .filter(|l| l.starts_with("DTSTART") || l.starts_with("DTEND"))
            {
                let value = line.rsplit(':').next().unwrap_or_default();
                assert!(
                    value.len() >= 8 && value.chars().take(8).all(|c| c.is_ascii_digit()),
                    "{due} in {tz}: {line}"
                );
            }
        }
        // an alarm keeps its UID from one fetch to the next
        let mut reminded = task("2030-05-01T09:00:00Z");
        reminded.reminders = vec![crate::domain::reminder::Reminder {
            id: "r1".into(),
            before_minutes: Some(10),
            at: None,
            fire_at: None,
            fired: false,
        }];
        let uids = |text: String| -> Vec<String> {
            text.lines()
                .filter(|l| l.starts_with("UID:"))
                .map(str::to_owned)
                .collect()
        };
        let once = uids(written(&reminded, chrono_tz::UTC).expect("an event"));
        assert_eq!(once.len(), 2, "{once:?}");
        assert_eq!(once, uids(written(&reminded, chrono_tz::UTC).expect("an event")));
        // the user's time zone puts it in the year 10000: left out, the rest of the feed stands
        assert!(written(&task("9999-12-31T23:59:59Z"), chrono_tz::Asia::Tokyo).is_none());
        assert!(written(&task("0001-01-01T01:00:00Z"), chrono_tz::America::New_York).is_none());
    }
}
