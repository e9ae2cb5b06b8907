//! Reminders: up to five per task, each either some minutes before the due date or at an
//! instant; the notifications they make when they fire; and the short quick-add form
//! (`^10m`, `^1h`, `^1d`, `^0` for "at the due time").
use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use serde::{Deserialize, Serialize};

use super::{timestamp, DomainError};

/// A task has at most this many reminders.
pub const REMINDERS_MAX: usize = 5;
/// The furthest before its due date a reminder may be: four weeks.
pub const BEFORE_MAX_MINUTES: u32 = 4 * 7 * 24 * 60;
/// What a user may choose as the default reminder of new tasks with a due time.
pub const DEFAULT_CHOICES: [Option<u32>; 7] = [None, Some(0), Some(5), Some(10), Some(15), Some(30), Some(60)];

/// A reminder as the API shows it: `{id, before_minutes}` or `{id, at}`, with when it fires.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub id: String,
    /// Minutes before the due date (0: at the due time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_minutes: Option<u32>,
    /// An instant of its own.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "timestamp::opt")]
    pub at: Option<DateTime<Utc>>,
    /// When it fires (read-only): null for one before a due date the task no longer has.
    #[serde(default, with = "timestamp::opt")]
    pub fire_at: Option<DateTime<Utc>>,
    /// Whether it has fired for its current instant (read-only).
    #[serde(default)]
    pub fired: bool,
}

impl Reminder {
    /// When it fires, relative to its task.
    pub fn spec(&self) -> Option<ReminderSpec> {
        match (self.before_minutes, self.at) {
            (Some(m), _) => Some(ReminderSpec::Before(m)),
            (None, Some(at)) => Some(ReminderSpec::At(at.timestamp_millis())),
            (None, None) => None,
        }
    }

    /// In words: "10 min before", "at the due time", "at 2026-12-05 08:00 UTC".
    pub fn describe(&self) -> String {
        self.spec().map(ReminderSpec::describe).unwrap_or_default()
    }
}

/// A reminder as the API and the tools take it: exactly one of `before_minutes` and `at`.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReminderInput {
    /// Minutes before the due date, 0 (at the due time) to 40320 (four weeks); needs a due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_minutes: Option<u32>,
    /// An instant, RFC 3339 with offset, e.g. 2026-11-27T16:45:00+01:00.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Ignored (accepted so a task read from the API can be sent back as it is).
    #[serde(default, skip_serializing)]
    pub id: Option<String>,
    /// Ignored, like `id`.
    #[serde(default, skip_serializing)]
    pub fire_at: Option<serde_json::Value>,
    /// Ignored, like `id`.
    #[serde(default, skip_serializing)]
    pub fired: Option<bool>,
}

impl From<ReminderSpec> for ReminderInput {
    fn from(spec: ReminderSpec) -> Self {
        match spec {
            ReminderSpec::Before(m) => Self {
                before_minutes: Some(m),
                ..Default::default()
            },
            ReminderSpec::At(ms) => Self {
                at: DateTime::from_timestamp_millis(ms)
                    .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
                ..Default::default()
            },
        }
    }
}

/// When a reminder fires, relative to its task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderSpec {
    Before(u32),
    At(i64),
}

impl ReminderSpec {
    fn parse(input: &ReminderInput) -> Result<Self, DomainError> {
        let bad = |message: &str| DomainError::new("reminders", message);
        match (input.before_minutes, input.at.as_deref()) {
            (Some(m), None) if m <= BEFORE_MAX_MINUTES => Ok(Self::Before(m)),
            (Some(_), None) => Err(bad(
                "A reminder can be at most 40320 minutes (four weeks) before the due date.",
            )),
            (None, Some(at)) => DateTime::parse_from_rfc3339(at.trim())
                .map(|at| Self::At(at.timestamp_millis()))
                .map_err(|_| bad("A reminder's `at` must be an RFC 3339 date-time with an offset.")),
            _ => Err(bad("A reminder has exactly one of `before_minutes` and `at`.")),
        }
    }

    /// When it fires for a task due at `due` (Unix ms); `None` before a due date there is not.
    pub fn fire_at(self, due: Option<i64>) -> Option<i64> {
        match self {
            Self::Before(m) => due.map(|d| d - i64::from(m) * 60_000),
            Self::At(at) => Some(at),
        }
    }

    /// In words: "10 min before", "at the due time", "2 h before".
    pub fn describe(self) -> String {
        match self {
            Self::Before(0) => "at the due time".into(),
            Self::Before(m) if m % 1440 == 0 => format!("{} d before", m / 1440),
            Self::Before(m) if m % 60 == 0 => format!("{} h before", m / 60),
            Self::Before(m) => format!("{m} min before"),
            Self::At(ms) => DateTime::from_timestamp_millis(ms)
                // written by hand, not with a strftime pattern: the browser shows it, and chrono's
                // pattern reader is code the bundle otherwise does without
                .map(|at| {
                    let t = at.naive_utc();
                    format!(
                        "at {:04}-{:02}-{:02} {:02}:{:02} UTC",
                        t.year(),
                        t.month(),
                        t.day(),
                        t.hour(),
                        t.minute()
                    )
                })
                .unwrap_or_default(),
        }
    }
}

/// The reminders of a new task or of a change, parsed: at most five, no two alike.
pub fn parse_reminders(inputs: &[ReminderInput]) -> Result<Vec<ReminderSpec>, DomainError> {
    if inputs.len() > REMINDERS_MAX {
        return Err(DomainError::new("reminders", "A task has at most 5 reminders."));
    }
    let mut specs = Vec::with_capacity(inputs.len());
    for input in inputs {
        let spec = ReminderSpec::parse(input)?;
        if !specs.contains(&spec) {
            specs.push(spec);
        }
    }
    Ok(specs)
}

/// A reminder as it is stored in its task's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredReminder {
    pub id: String,
    pub spec: ReminderSpec,
    /// Unix ms; `None` for one before a due date the task does not have.
    pub fire_at: Option<i64>,
    pub fired: bool,
}

impl StoredReminder {
    /// A reminder set now for a task due at `due`: one whose instant has passed already is
    /// never fired (it was set too late), one still ahead waits.
    pub fn arm(id: String, spec: ReminderSpec, due: Option<i64>, now: i64) -> Self {
        let fire_at = spec.fire_at(due);
        Self {
            id,
            spec,
            fire_at,
            fired: fire_at.is_none_or(|at| at <= now),
        }
    }

    pub fn to_wire(&self) -> Reminder {
        Reminder {
            id: self.id.clone(),
            before_minutes: match self.spec {
                ReminderSpec::Before(m) => Some(m),
                ReminderSpec::At(_) => None,
            },
            at: match self.spec {
                ReminderSpec::At(ms) => DateTime::from_timestamp_millis(ms),
                ReminderSpec::Before(_) => None,
            },
            fire_at: self.fire_at.and_then(DateTime::from_timestamp_millis),
            fired: self.fired,
        }
    }

    /// What makes one firing of this reminder unique: its id and its instant (a recurring
    /// task's reminder fires again, for its next occurrence, at another instant).
    pub fn key(&self) -> String {
        format!("{}:{}", self.id, self.fire_at.unwrap_or_default())
    }
}

/// The stored reminders of a row (an unreadable column reads as none).
pub fn read_stored(column: &str) -> Vec<StoredReminder> {
    serde_json::from_str(column).unwrap_or_default()
}

pub fn write_stored(reminders: &[StoredReminder]) -> String {
    serde_json::to_string(reminders).unwrap_or_else(|_| "[]".into())
}

/// The earliest instant among reminders that have not fired.
pub fn next_fire_at(reminders: &[StoredReminder]) -> Option<i64> {
    reminders.iter().filter(|r| !r.fired).filter_map(|r| r.fire_at).min()
}

/// Sets a task's reminders to `specs`, for a task due at `due`: a reminder that was there
/// already keeps its id and, while its instant is the same, whether it fired.
pub fn reset(
    existing: &[StoredReminder],
    specs: &[ReminderSpec],
    due: Option<i64>,
    now: i64,
    new_id: impl Fn() -> String,
) -> Vec<StoredReminder> {
    specs
        .iter()
        .map(|spec| match existing.iter().find(|r| r.spec == *spec) {
            Some(old) if old.fire_at == spec.fire_at(due) => old.clone(),
            Some(old) => StoredReminder::arm(old.id.clone(), *spec, due, now),
            None => StoredReminder::arm(new_id(), *spec, due, now),
        })
        .collect()
}

/// Marks as fired every reminder whose instant is not ahead of `now`.
pub fn skip_passed(mut reminders: Vec<StoredReminder>, now: i64) -> Vec<StoredReminder> {
    for r in &mut reminders {
        if r.fire_at.is_none_or(|at| at <= now) {
            r.fired = true;
        }
    }
    reminders
}

/// The reminders of a recurring task that moved from `old_due` to `new_due`: each armed again,
/// those at an instant of their own moved by as much as the task.
pub fn rearm(existing: &[StoredReminder], old_due: Option<i64>, new_due: Option<i64>, now: i64) -> Vec<StoredReminder> {
    let shift = match (old_due, new_due) {
        (Some(old), Some(new)) => new - old,
        _ => 0,
    };
    existing
        .iter()
        .map(|r| {
            let spec = match r.spec {
                ReminderSpec::At(at) => ReminderSpec::At(at + shift),
                before => before,
            };
            StoredReminder::arm(r.id.clone(), spec, new_due, now)
        })
        .collect()
}

/// A quick-add reminder word: `^10m`, `^90min`, `^1h`, `^2d`, `^0` (at the due time).
pub fn parse_quick(word: &str) -> Option<ReminderSpec> {
    quick_minutes(word)
        .filter(|m| *m <= BEFORE_MAX_MINUTES)
        .map(ReminderSpec::Before)
}

/// `^999d`: written as a reminder, but further before the due date than one can be.
pub fn quick_too_far(word: &str) -> bool {
    quick_minutes(word).is_some_and(|m| m > BEFORE_MAX_MINUTES)
}

/// The minutes a `^` marker says, however many.
fn quick_minutes(word: &str) -> Option<u32> {
    let rest = word.strip_prefix('^')?.to_ascii_lowercase();
    let digits_end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let n: u32 = rest[..digits_end].parse().ok()?;
    let minutes = match &rest[digits_end..] {
        "" | "m" | "min" | "mins" => n,
        "h" | "hr" | "hrs" => n.checked_mul(60)?,
        "d" => n.checked_mul(1440)?,
        _ => return None,
    };
    Some(minutes)
}

/// The address that opens a task on the dashboard (`GET /tasks/{id}`, which finds where it
/// lives); with a notification's id, following it also marks that reminder read.
pub fn task_link(task_id: &str, notification_id: Option<&str>) -> String {
    let task = super::encode_query_value(task_id);
    match notification_id {
        Some(n) => format!("/tasks/{task}?notification={}", super::encode_query_value(n)),
        None => format!("/tasks/{task}"),
    }
}

/// A notification: a reminder that fired.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: String,
    /// The task it is about (null once that task is deleted).
    pub task_id: Option<String>,
    pub title: String,
    pub body: String,
    /// When the reminder was due to fire.
    #[serde(with = "timestamp")]
    pub fire_at: DateTime<Utc>,
    #[serde(with = "timestamp")]
    pub created_at: DateTime<Utc>,
    #[serde(default, with = "timestamp::opt")]
    pub read_at: Option<DateTime<Utc>>,
    /// It fired late: every instance was down when it was due.
    pub late: bool,
}

/// One page of notifications, newest first.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    pub next_cursor: Option<String>,
    /// How many are unread in all.
    pub unread: u64,
}

/// A reminder fired more than this after its instant is marked late.
pub fn late_after() -> Duration {
    Duration::seconds(60)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn an_instant_is_described_as_chrono_formats_it() {
        let mut ms: i64 = 0;
        while ms < 253_000_000_000_000 {
            let at = DateTime::from_timestamp_millis(ms).expect("in range");
            assert_eq!(
                ReminderSpec::At(ms).describe(),
                format!("at {}", at.format("%Y-%m-%d %H:%M UTC")),
                "{at}"
            );
            ms += 3_333_333_333_331;
        }
        assert_eq!(
            ReminderSpec::At(1_796_457_600_000).describe(),
            "at 2026-12-05 08:00 UTC"
        );
    }

    #[test]
    fn inputs_parse_or_name_the_field() {
        let before = |m| ReminderInput {
            before_minutes: Some(m),
            ..Default::default()
        };
        assert_eq!(
            parse_reminders(&[before(10), before(10), before(0)]).unwrap(),
            [ReminderSpec::Before(10), ReminderSpec::Before(0)]
        );
        let at = ReminderInput {
            at: Some("2026-12-05T09:00:00+01:00".into()),
            ..Default::default()
        };
        assert_eq!(parse_reminders(&[at]).unwrap(), [ReminderSpec::At(1_796_457_600_000)]);
        for bad in [
            vec![ReminderInput::default()],
            vec![ReminderInput {
                before_minutes: Some(5),
                at: Some("2026-12-05T09:00:00Z".into()),
                ..Default::default()
            }],
            vec![before(BEFORE_MAX_MINUTES + 1)],
            vec![ReminderInput {
                at: Some("tomorrow".into()),
                ..Default::default()
            }],
            (0..6).map(before).collect(),
        ] {
            assert_eq!(
                parse_reminders(&bad).map_err(|e| e.field),
                Err("reminders".to_owned()),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn quick_add_words() {
        for (word, want) in [
            ("^10m", Some(10)),
            ("^90min", Some(90)),
            ("^1h", Some(60)),
            ("^2d", Some(2880)),
            ("^0", Some(0)),
            ("^15", Some(15)),
        ] {
            assert_eq!(parse_quick(word), want.map(ReminderSpec::Before), "{word}");
        }
        for word in ["^", "^x", "^10y", "10m", "^99999d", "^-5m"] {
            assert_eq!(parse_quick(word), None, "{word}");
        }
    }

    #[test]
    fn arming_resetting_and_rearming() {
        let now = 1_000_000;
        let due = Some(now + 3_600_000);
        let ids = std::cell::Cell::new(0);
        let id = || {
            ids.set(ids.get() + 1);
            format!("r{}", ids.get())
        };
        let set = reset(
            &[],
            &[ReminderSpec::Before(10), ReminderSpec::Before(120)],
            due,
            now,
            id,
        );
        // ten minutes before is ahead; two hours before has passed already: never fires
        assert_eq!((set[0].fired, set[1].fired), (false, true));
        assert_eq!(next_fire_at(&set), Some(now + 3_000_000));
        // the same reminder again keeps its id
        let again = reset(&set, &[ReminderSpec::Before(10)], due, now, || "new".into());
        assert_eq!(again[0].id, "r1");
        // a recurring task moved a week on: both armed for the new date, `at` moved with it
        let week = 7 * 86_400_000;
        let with_at = vec![
            set[0].clone(),
            StoredReminder::arm("a".into(), ReminderSpec::At(now + 100), due, now),
        ];
        let moved = rearm(&with_at, due, due.map(|d| d + week), now + 10);
        assert_eq!(moved[0].fire_at, Some(now + 3_000_000 + week));
        assert_eq!(moved[1].spec, ReminderSpec::At(now + 100 + week));
        assert!(moved.iter().all(|r| !r.fired));
        assert_eq!(moved[0].key(), format!("r1:{}", now + 3_000_000 + week));
    }
}
