//! The task-list filter: what the dashboard's URL and `GET /api/v1/tasks` carry, parsed once.
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::task::{parse_tag, Priority};
use super::DomainError;

pub const LIST_LIMIT_DEFAULT: u64 = 50;
pub const LIST_LIMIT_MAX: u64 = 200;
/// The longest search text.
pub const QUERY_MAX_CHARS: usize = 200;

macro_rules! query_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal, $msg:literal, { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $variant),+ }

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
    #[derive(Default)]
    StatusFilter, "status", "status must be one of all, open, done.",
    { #[default] All => "all", Open => "open", Done => "done" }
);
query_enum!(
    /// Order of a task list.
    #[derive(Default)]
    SortOrder, "sort", "sort must be one of created, due, priority, title.",
    { #[default] Created => "created", Due => "due", Priority => "priority", Title => "title" }
);
query_enum!(
    /// Which tasks by due date, relative to the user's "now": `today`, `tomorrow`, `this_week`
    /// (today to the end of Sunday), `next_7_days` (today and the six days after), `overdue`
    /// (open and past due), `today_or_overdue` (the Today view) or `none` (no due date).
    DueFilter, "due", "due must be one of today, tomorrow, this_week, next_7_days, overdue, today_or_overdue, none.",
    {
        Today => "today",
        Tomorrow => "tomorrow",
        ThisWeek => "this_week",
        Next7Days => "next_7_days",
        Overdue => "overdue",
        TodayOrOverdue => "today_or_overdue",
        None => "none",
    }
);

/// Which tasks by their place in the tree.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ParentFilter {
    /// Top-level tasks only (`parent=none`).
    Top,
    /// The direct subtasks of this task.
    Of(String),
}

/// A parsed list query (kept whole by the assistant to go on with a long list).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct TaskQuery {
    pub status: StatusFilter,
    pub priority: Option<Priority>,
    pub tag: Option<String>,
    pub q: Option<String>,
    pub due: Option<DueFilter>,
    pub sort: SortOrder,
    pub limit: u64,
    pub cursor: Option<String>,
    /// One of the user's projects (an id).
    pub project: Option<String>,
    pub parent: Option<ParentFilter>,
}

/// The raw, unparsed list query as it comes from a URL.
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TaskQueryParams {
    /// all (default), open or done.
    pub status: Option<String>,
    /// none, low, medium or high.
    pub priority: Option<String>,
    /// One tag.
    pub tag: Option<String>,
    /// Text searched in the title and description, ignoring case.
    pub q: Option<String>,
    /// today, this_week, overdue or none.
    pub due: Option<String>,
    /// created (newest first, the default), due, priority or title.
    pub sort: Option<String>,
    /// 1 to 200, default 50.
    pub limit: Option<String>,
    /// The next_cursor of the page before.
    pub cursor: Option<String>,
    /// A project's id: only its tasks.
    pub project: Option<String>,
    /// A task's id: only its direct subtasks; `none`: only top-level tasks.
    pub parent: Option<String>,
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
        let q = non_empty(&self.q);
        if let Some(q) = q {
            super::task::refuse_longer("q", q, QUERY_MAX_CHARS, "Keep the search to 200 characters or fewer.")?;
            super::task::refuse_control("q", q, false)?;
        }
        let cursor = non_empty(&self.cursor);
        if cursor.is_some_and(|c| c.len() > 2048) {
            return Err(DomainError::new(
                "cursor",
                "This cursor is not valid for this list. Start from the first page.",
            ));
        }
        Ok(TaskQuery {
            status: non_empty(&self.status).map(str::parse).transpose()?.unwrap_or_default(),
            priority: non_empty(&self.priority).map(str::parse).transpose()?,
            tag: non_empty(&self.tag).map(parse_tag).transpose()?,
            q: q.map(str::to_owned),
            due: non_empty(&self.due).map(str::parse).transpose()?,
            sort: non_empty(&self.sort).map(str::parse).transpose()?.unwrap_or_default(),
            limit,
            cursor: cursor.map(str::to_owned),
            project: non_empty(&self.project)
                .map(|id| super::task::parse_ref_id("project", id))
                .transpose()?,
            parent: match non_empty(&self.parent) {
                None => None,
                Some("none") => Some(ParentFilter::Top),
                Some(id) => Some(ParentFilter::Of(super::task::parse_ref_id("parent", id)?)),
            },
        })
    }
}

impl TaskQuery {
    /// The query string that reproduces this filter (without the cursor), for URLs.
    pub fn to_query_string(&self) -> String {
        let mut parts: Vec<(&str, String)> = Vec::new();
        if self.status != StatusFilter::All {
            parts.push(("status", self.status.as_str().into()));
        }
        if let Some(p) = self.priority {
            parts.push(("priority", p.as_str().into()));
        }
        if let Some(tag) = &self.tag {
            parts.push(("tag", tag.clone()));
        }
        if let Some(q) = &self.q {
            parts.push(("q", q.clone()));
        }
        if let Some(due) = self.due {
            parts.push(("due", due.as_str().into()));
        }
        if self.sort != SortOrder::Created {
            parts.push(("sort", self.sort.as_str().into()));
        }
        if let Some(project) = &self.project {
            parts.push(("project", project.clone()));
        }
        match &self.parent {
            Some(ParentFilter::Top) => parts.push(("parent", "none".into())),
            Some(ParentFilter::Of(id)) => parts.push(("parent", id.clone())),
            None => {}
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
    fn json_names_are_the_url_names() {
        // what a model or an MCP client sends (the tool schemas) is what the URL and the docs say
        for due in [
            DueFilter::Today,
            DueFilter::Tomorrow,
            DueFilter::ThisWeek,
            DueFilter::Next7Days,
            DueFilter::Overdue,
            DueFilter::TodayOrOverdue,
            DueFilter::None,
        ] {
            let json = serde_json::to_string(&due).expect("writes");
            assert_eq!(json, format!("\"{}\"", due.as_str()));
            assert_eq!(serde_json::from_str::<DueFilter>(&json).expect("reads"), due);
        }
        for status in [StatusFilter::All, StatusFilter::Open, StatusFilter::Done] {
            assert_eq!(
                serde_json::to_string(&status).expect("writes"),
                format!("\"{}\"", status.as_str())
            );
        }
        for sort in [
            SortOrder::Created,
            SortOrder::Due,
            SortOrder::Priority,
            SortOrder::Title,
        ] {
            assert_eq!(
                serde_json::to_string(&sort).expect("writes"),
                format!("\"{}\"", sort.as_str())
            );
        }
        assert!(serde_json::from_str::<DueFilter>("\"next7_days\"").is_err());
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
                due: Some("yesterday".into()),
                ..Default::default()
            },
            TaskQueryParams {
                q: Some("a\0b".into()),
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
