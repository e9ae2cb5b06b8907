//! Tasks: the wire shape, parsed fields, and the list filter shared by the API, the server
//! functions, the dashboard and the assistant.
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{timestamp, DomainError};

pub const TITLE_MAX_CHARS: usize = 200;
pub const DESCRIPTION_MAX_CHARS: usize = 10_000;
pub const TAG_MAX_CHARS: usize = 32;
pub const TAGS_MAX: usize = 10;
pub const LIST_LIMIT_DEFAULT: u64 = 50;
pub const LIST_LIMIT_MAX: u64 = 200;

/// A task as the API, the pages and the assistant's tools see it.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub description: String,
    pub completed: bool,
    pub priority: Priority,
    #[serde(serialize_with = "timestamp::serialize_opt")]
    pub due_at: Option<DateTime<Utc>>,
    pub tags: Vec<String>,
    #[serde(serialize_with = "timestamp::serialize")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "timestamp::serialize")]
    pub updated_at: DateTime<Utc>,
    #[serde(serialize_with = "timestamp::serialize_opt")]
    pub completed_at: Option<DateTime<Utc>>,
}

impl Task {
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        !self.completed && self.due_at.is_some_and(|due| due < now)
    }
}

/// One page of tasks and the cursor of the next page (`None` on the last page).
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskPage {
    pub items: Vec<Task>,
    pub next_cursor: Option<String>,
}

#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    #[default]
    None,
    Low,
    Medium,
    High,
}

impl Priority {
    pub const ALL: [Priority; 4] = [Priority::None, Priority::Low, Priority::Medium, Priority::High];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::None => "none",
            Priority::Low => "low",
            Priority::Medium => "medium",
            Priority::High => "high",
        }
    }

    /// The rank stored in the database: higher is more urgent.
    pub fn rank(self) -> i16 {
        self as i16
    }

    pub fn from_rank(rank: i16) -> Self {
        match rank {
            1 => Priority::Low,
            2 => Priority::Medium,
            3 => Priority::High,
            _ => Priority::None,
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Priority {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" | "" => Ok(Priority::None),
            "low" => Ok(Priority::Low),
            "medium" | "med" | "normal" => Ok(Priority::Medium),
            "high" | "urgent" => Ok(Priority::High),
            _ => Err(DomainError::new(
                "priority",
                "Priority must be one of none, low, medium, high.",
            )),
        }
    }
}

/// A title: trimmed, 1..=200 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTitle(String);

impl TaskTitle {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let title: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            return Err(DomainError::new("title", "Give the task a title."));
        }
        if title.chars().count() > TITLE_MAX_CHARS {
            return Err(DomainError::new("title", "Keep the title to 200 characters or fewer."));
        }
        Ok(Self(title))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A description: at most 10 000 characters, surrounding blank space trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaskDescription(String);

impl TaskDescription {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let text = raw.trim();
        if text.chars().count() > DESCRIPTION_MAX_CHARS {
            return Err(DomainError::new(
                "description",
                "Keep the description to 10 000 characters or fewer.",
            ));
        }
        if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            return Err(DomainError::new(
                "description",
                "The description contains control characters.",
            ));
        }
        Ok(Self(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// Tags: lower-case words of letters, digits, `-` and `_`, at most 10, without duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tags(Vec<String>);

impl Tags {
    pub fn parse<S: AsRef<str>>(raw: &[S]) -> Result<Self, DomainError> {
        let mut tags: Vec<String> = Vec::new();
        for tag in raw {
            let tag = parse_tag(tag.as_ref())?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if tags.len() > TAGS_MAX {
            return Err(DomainError::new("tags", "Use at most 10 tags on a task."));
        }
        Ok(Self(tags))
    }

    /// Parses a comma- or space-separated list as typed in a form field.
    pub fn parse_list(raw: &str) -> Result<Self, DomainError> {
        let parts: Vec<&str> = raw.split([',', ' ']).map(str::trim).filter(|s| !s.is_empty()).collect();
        Self::parse(&parts)
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    pub fn into_inner(self) -> Vec<String> {
        self.0
    }
}

/// One tag, normalised: a leading `#` is dropped and letters are lower-cased.
pub fn parse_tag(raw: &str) -> Result<String, DomainError> {
    let tag = raw.trim().trim_start_matches('#').to_lowercase();
    if tag.is_empty() {
        return Err(DomainError::new("tags", "A tag cannot be empty."));
    }
    if tag.chars().count() > TAG_MAX_CHARS {
        return Err(DomainError::new("tags", "Keep each tag to 32 characters or fewer."));
    }
    if !tag.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        return Err(DomainError::new(
            "tags",
            "Tags may contain letters, digits, '-' and '_' only.",
        ));
    }
    Ok(tag)
}

/// A new task, every field parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskDraft {
    pub title: TaskTitle,
    pub description: TaskDescription,
    pub priority: Priority,
    pub due_at: Option<DateTime<Utc>>,
    pub tags: Tags,
}

/// A change to a task: `None` leaves a field as it is; `Some(None)` clears a due date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaskPatch {
    pub title: Option<TaskTitle>,
    pub description: Option<TaskDescription>,
    pub priority: Option<Priority>,
    pub due_at: Option<Option<DateTime<Utc>>>,
    pub tags: Option<Tags>,
    pub completed: Option<bool>,
}

impl TaskPatch {
    pub fn is_empty(&self) -> bool {
        *self == TaskPatch::default()
    }
}

macro_rules! query_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal, $msg:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { #[default] $($variant),+ }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl FromStr for $name {
            type Err = DomainError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(DomainError::new($field, $msg)),
                }
            }
        }
    };
}

query_enum!(
    /// Which tasks by completion.
    StatusFilter, "status", "status must be one of all, open, done.",
    { All => "all", Open => "open", Done => "done" }
);
query_enum!(
    /// Order of a task list.
    SortOrder, "sort", "sort must be one of created, due, priority, title.",
    { Created => "created", Due => "due", Priority => "priority", Title => "title" }
);

/// Which tasks by due date, relative to the user's "now".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueFilter {
    Today,
    ThisWeek,
    Overdue,
    None,
}

impl DueFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            DueFilter::Today => "today",
            DueFilter::ThisWeek => "this_week",
            DueFilter::Overdue => "overdue",
            DueFilter::None => "none",
        }
    }
}

impl FromStr for DueFilter {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "today" => Ok(DueFilter::Today),
            "this_week" => Ok(DueFilter::ThisWeek),
            "overdue" => Ok(DueFilter::Overdue),
            "none" => Ok(DueFilter::None),
            _ => Err(DomainError::new(
                "due",
                "due must be one of today, this_week, overdue, none.",
            )),
        }
    }
}

/// A parsed list query: what the URL of the dashboard and `GET /api/v1/tasks` carry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct TaskQuery {
    pub status: StatusFilter,
    pub priority: Option<Priority>,
    pub tag: Option<String>,
    pub q: Option<String>,
    pub due: Option<DueFilter>,
    pub sort: SortOrder,
    pub limit: u64,
    pub cursor: Option<String>,
}

/// The raw, unparsed list query as it comes from a URL.
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TaskQueryParams {
    pub status: Option<String>,
    pub priority: Option<String>,
    pub tag: Option<String>,
    pub q: Option<String>,
    pub due: Option<String>,
    pub sort: Option<String>,
    pub limit: Option<String>,
    pub cursor: Option<String>,
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl TaskQueryParams {
    /// Parses every parameter; an unknown value is an error, never an empty list.
    pub fn parse(&self) -> Result<TaskQuery, DomainError> {
        let limit = match non_empty(&self.limit) {
            None => LIST_LIMIT_DEFAULT,
            Some(raw) => match raw.parse::<u64>() {
                Ok(n) if (1..=LIST_LIMIT_MAX).contains(&n) => n,
                _ => return Err(DomainError::new("limit", "limit must be a whole number from 1 to 200.")),
            },
        };
        let q = non_empty(&self.q).map(str::to_owned);
        if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
            return Err(DomainError::new("q", "Keep the search to 200 characters or fewer."));
        }
        Ok(TaskQuery {
            status: non_empty(&self.status).map(str::parse).transpose()?.unwrap_or_default(),
            priority: non_empty(&self.priority)
                .map(|p| match p {
                    "none" | "low" | "medium" | "high" => p.parse(),
                    _ => Err(DomainError::new(
                        "priority",
                        "priority must be one of none, low, medium, high.",
                    )),
                })
                .transpose()?,
            tag: non_empty(&self.tag).map(parse_tag).transpose()?,
            q,
            due: non_empty(&self.due).map(str::parse).transpose()?,
            sort: non_empty(&self.sort).map(str::parse).transpose()?.unwrap_or_default(),
            limit,
            cursor: non_empty(&self.cursor).map(str::to_owned),
        })
    }
}

impl TaskQuery {
    /// The query string that reproduces this filter (without the cursor), for URLs.
    pub fn to_query_string(&self) -> String {
        let mut parts: Vec<(String, String)> = Vec::new();
        if self.status != StatusFilter::All {
            parts.push(("status".into(), self.status.as_str().into()));
        }
        if let Some(p) = self.priority {
            parts.push(("priority".into(), p.as_str().into()));
        }
        if let Some(tag) = &self.tag {
            parts.push(("tag".into(), tag.clone()));
        }
        if let Some(q) = &self.q {
            parts.push(("q".into(), q.clone()));
        }
        if let Some(due) = self.due {
            parts.push(("due".into(), due.as_str().into()));
        }
        if self.sort != SortOrder::Created {
            parts.push(("sort".into(), self.sort.as_str().into()));
        }
        parts
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode_query_value(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(TaskTitle::parse("  Buy   milk ").unwrap().as_str(), "Buy milk");
        assert!(TaskTitle::parse("   ").is_err());
        assert!(TaskTitle::parse(&"x".repeat(201)).is_err());
        assert!(TaskTitle::parse(&"é".repeat(200)).is_ok());
    }

    #[test]
    fn tags_are_normalised() {
        let tags = Tags::parse_list("#Home, work home").unwrap();
        assert_eq!(tags.as_slice(), ["home", "work"]);
        assert!(Tags::parse_list("a%b").is_err());
        assert!(Tags::parse_list(&(0..11).map(|i| format!("t{i}")).collect::<Vec<_>>().join(",")).is_err());
    }

    #[test]
    fn list_params_parse_or_refuse() {
        let q = TaskQueryParams {
            status: Some("open".into()),
            sort: Some("due".into()),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!((q.status, q.sort, q.limit), (StatusFilter::Open, SortOrder::Due, 50));
        for bad in [
            TaskQueryParams {
                status: Some("later".into()),
                ..Default::default()
            },
            TaskQueryParams {
                sort: Some("random".into()),
                ..Default::default()
            },
            TaskQueryParams {
                limit: Some("0".into()),
                ..Default::default()
            },
            TaskQueryParams {
                limit: Some("201".into()),
                ..Default::default()
            },
            TaskQueryParams {
                priority: Some("urgent".into()),
                ..Default::default()
            },
            TaskQueryParams {
                due: Some("tomorrow".into()),
                ..Default::default()
            },
        ] {
            assert!(bad.parse().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn query_string_round_trips() {
        let q = TaskQueryParams {
            status: Some("done".into()),
            q: Some("milk & eggs".into()),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!(q.to_query_string(), "status=done&q=milk%20%26%20eggs");
    }
}

/// The body of `POST /api/v1/tasks`, before parsing.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskInput {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub priority: Option<String>,
    #[serde(default)]
    pub due_at: Option<String>,
    #[serde(default)]
    pub tags: Option<Vec<String>>,
}

/// The body of `PATCH /api/v1/tasks/{id}`: absent fields stay, `"due_at": null` clears.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskPatchInput {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub priority: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>))]
    pub due_at: Option<Option<String>>,
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    #[serde(default)]
    pub completed: Option<bool>,
}

/// Tells a field that is present (even as `null`) from one that is absent.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// An RFC 3339 time, e.g. `2026-11-27T09:00:00Z`.
pub fn parse_due_at(raw: &str) -> Result<DateTime<Utc>, DomainError> {
    DateTime::parse_from_rfc3339(raw.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| DomainError::new("due_at", "due_at must be an RFC 3339 time like 2026-11-27T09:00:00Z."))
}

fn parse_priority_field(raw: &str) -> Result<Priority, DomainError> {
    match raw {
        "none" | "low" | "medium" | "high" => raw.parse(),
        _ => Err(DomainError::new(
            "priority",
            "priority must be one of none, low, medium, high.",
        )),
    }
}

impl TaskDraft {
    pub fn from_input(input: TaskInput) -> Result<Self, DomainError> {
        Ok(Self {
            title: TaskTitle::parse(&input.title)?,
            description: TaskDescription::parse(input.description.as_deref().unwrap_or_default())?,
            priority: input
                .priority
                .as_deref()
                .map(parse_priority_field)
                .transpose()?
                .unwrap_or_default(),
            due_at: input.due_at.as_deref().map(parse_due_at).transpose()?,
            tags: Tags::parse(&input.tags.unwrap_or_default())?,
        })
    }

    /// The fields of an existing task, re-checked (for Undo).
    pub fn from_task(task: &Task) -> Result<Self, DomainError> {
        Ok(Self {
            title: TaskTitle::parse(&task.title)?,
            description: TaskDescription::parse(&task.description)?,
            priority: task.priority,
            due_at: task.due_at,
            tags: Tags::parse(&task.tags)?,
        })
    }
}

impl TaskPatch {
    pub fn from_input(input: TaskPatchInput) -> Result<Self, DomainError> {
        Ok(Self {
            title: input.title.as_deref().map(TaskTitle::parse).transpose()?,
            description: input.description.as_deref().map(TaskDescription::parse).transpose()?,
            priority: input.priority.as_deref().map(parse_priority_field).transpose()?,
            due_at: match input.due_at {
                None => None,
                Some(None) => Some(None),
                Some(Some(raw)) => Some(Some(parse_due_at(&raw)?)),
            },
            tags: input.tags.as_deref().map(Tags::parse).transpose()?,
            completed: input.completed,
        })
    }
}

#[cfg(test)]
mod input_tests {
    use super::*;

    #[test]
    fn patch_tells_null_from_absent() {
        let clear: TaskPatchInput = serde_json::from_str(r#"{"due_at": null}"#).unwrap();
        assert_eq!(TaskPatch::from_input(clear).unwrap().due_at, Some(None));
        let keep: TaskPatchInput = serde_json::from_str(r#"{"title": "x"}"#).unwrap();
        assert_eq!(TaskPatch::from_input(keep).unwrap().due_at, None);
        assert!(serde_json::from_str::<TaskPatchInput>(r#"{"user_id": "someone"}"#).is_err());
    }

    #[test]
    fn drafts_refuse_bad_fields() {
        let ok = TaskInput {
            title: "x".into(),
            due_at: Some("2026-11-27T09:00:00+01:00".into()),
            ..Default::default()
        };
        assert_eq!(
            TaskDraft::from_input(ok).unwrap().due_at.unwrap().to_rfc3339(),
            "2026-11-27T08:00:00+00:00"
        );
        for bad in [
            TaskInput {
                title: " ".into(),
                ..Default::default()
            },
            TaskInput {
                title: "x".into(),
                priority: Some("urgent".into()),
                ..Default::default()
            },
            TaskInput {
                title: "x".into(),
                due_at: Some("friday".into()),
                ..Default::default()
            },
            TaskInput {
                title: "x".into(),
                tags: Some(vec!["a b".into()]),
                ..Default::default()
            },
        ] {
            assert!(TaskDraft::from_input(bad).is_err());
        }
    }
}
