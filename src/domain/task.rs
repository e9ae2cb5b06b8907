//! Tasks: the wire shape, the input every door takes (pages, JSON API, assistant tools, MCP),
//! and the parsed fields. A field is parsed in exactly one place: its type here.
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::recurrence::Recurrence;
use super::reminder::Reminder;
use super::{timestamp, DomainError};

mod input;
pub use input::{TaskDraft, TaskInput, TaskPatch, TaskPatchInput};

pub const TITLE_MAX_CHARS: usize = 200;
pub const DESCRIPTION_MAX_CHARS: usize = 10_000;
pub const TAG_MAX_CHARS: usize = 32;
pub const TAGS_MAX: usize = 10;
/// Subtasks nest at most this deep: a top-level task is level 1.
pub const SUBTASK_MAX_DEPTH: usize = 4;
/// The longest id accepted in a body before it is even looked up.
pub const ID_MAX_CHARS: usize = 64;

/// A task as the API, the pages and the assistant's tools see it.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub description: String,
    pub completed: bool,
    pub priority: Priority,
    #[serde(default, with = "timestamp::opt")]
    pub due_at: Option<DateTime<Utc>>,
    pub tags: Vec<String>,
    #[serde(with = "timestamp")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "timestamp")]
    pub updated_at: DateTime<Utc>,
    #[serde(default, with = "timestamp::opt")]
    pub completed_at: Option<DateTime<Utc>>,
    /// The project it is in.
    pub project_id: String,
    /// The task it is a subtask of, or null.
    pub parent_id: Option<String>,
    /// Its direct subtasks: how many, and how many are done.
    pub subtasks: SubtaskCount,
    /// How it repeats, or null.
    pub recurrence: Option<Recurrence>,
    /// Up to 5 reminders.
    #[serde(default)]
    pub reminders: Vec<Reminder>,
}

/// One completion of a task.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    pub id: String,
    #[serde(with = "timestamp")]
    pub completed_at: DateTime<Utc>,
    /// The due date it was completed for.
    #[serde(default, with = "timestamp::opt")]
    pub due_at: Option<DateTime<Utc>>,
    /// Where a recurring task went next; null when it was completed for good.
    #[serde(default, with = "timestamp::opt")]
    pub next_due_at: Option<DateTime<Utc>>,
}

/// `{"items": [completion, newest first], "next_cursor"}`
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionPage {
    pub items: Vec<Completion>,
    pub next_cursor: Option<String>,
}

/// How many direct subtasks a task has, and how many of them are done.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SubtaskCount {
    pub total: u64,
    pub done: u64,
}

impl Task {
    /// How many of its direct subtasks are still open.
    pub fn open_subtasks(&self) -> u64 {
        self.subtasks.total.saturating_sub(self.subtasks.done)
    }

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

/// How urgent the task is.
// On the wire exactly one of `none`, `low`, `medium`, `high`; the assistant's looser words
// ("urgent") are the assistant reader's business.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, schemars::JsonSchema))]
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

/// The strict wire form, as in a URL query or a form field.
impl FromStr for Priority {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Priority::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| DomainError::new("priority", "priority must be one of none, low, medium, high."))
    }
}

/// Refuses control characters (`allow_newlines`: line breaks and tabs are fine), before anything
/// else looks at the text: PostgreSQL cannot store a NUL, and nobody means one.
pub fn refuse_control(field: &str, raw: &str, allow_newlines: bool) -> Result<(), DomainError> {
    // text direction overrides too: they make a title read as something else (the isolates
    // that chat apps wrap pasted names in are fine)
    let bad = |c: char| {
        (c.is_control() && !(allow_newlines && matches!(c, '\n' | '\r' | '\t'))) || matches!(c, '\u{202D}' | '\u{202E}')
    };
    if raw.chars().any(bad) {
        return Err(DomainError::new(
            field,
            format!("The {field} contains control characters."),
        ));
    }
    Ok(())
}

/// Whether text shows nothing: only spaces, zero-width and format characters (U+200B, U+FEFF,
/// U+2060…), combining marks with nothing to combine with, variation selectors and blank
/// fillers (U+3164, U+2800). A title or name of these reads as empty in every list.
pub fn shows_nothing(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || matches!(c,
                '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180E}'
                | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{2800}'
                | '\u{3164}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FE00}'..='\u{FE0F}'
                | '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
                | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}' | '\u{E0000}'..='\u{E007F}')
    })
}

/// Refuses text longer than `max` characters without walking more of it than needed.
pub fn refuse_longer(field: &str, raw: &str, max: usize, message: &str) -> Result<(), DomainError> {
    // a char is at most 4 bytes, so short byte lengths need no count at all
    if raw.len() > max && raw.chars().nth(max).is_some() {
        return Err(DomainError::new(field, message));
    }
    Ok(())
}

/// A title: trimmed, inner runs of space collapsed, 1..=200 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskTitle(String);

impl TaskTitle {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let too_long = "Keep the title to 200 characters or fewer.";
        // bounded before any work: a title with huge runs of spaces is still refused by length
        refuse_longer("title", raw.trim(), TITLE_MAX_CHARS * 4, too_long)?;
        refuse_control("title", raw.trim(), false)?;
        let title: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if shows_nothing(&title) {
            return Err(DomainError::new("title", "Give the task a title."));
        }
        refuse_longer("title", &title, TITLE_MAX_CHARS, too_long)?;
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
        refuse_longer(
            "description",
            text,
            DESCRIPTION_MAX_CHARS,
            "Keep the description to 10 000 characters or fewer.",
        )?;
        refuse_control("description", text, true)?;
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
        // Counted before anything is parsed or compared: more than twice the limit cannot
        // de-duplicate down to it without being nonsense.
        if raw.len() > TAGS_MAX * 2 {
            return Err(DomainError::new("tags", "Use at most 10 tags on a task."));
        }
        let mut tags: Vec<String> = Vec::with_capacity(raw.len());
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

    /// Splits a comma- or space-separated list as typed in a form field (not parsed yet).
    pub fn split_list(raw: &str) -> Vec<String> {
        raw.split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// Parses a comma- or space-separated list as typed in a form field.
    pub fn parse_list(raw: &str) -> Result<Self, DomainError> {
        Self::parse(&Self::split_list(raw))
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
    let raw = raw.trim();
    refuse_longer(
        "tags",
        raw,
        TAG_MAX_CHARS + 1,
        "Keep each tag to 32 characters or fewer.",
    )?;
    let tag = raw.trim_start_matches('#').to_lowercase();
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

/// What the text search matches: the title, a line break and the description, lower-cased in
/// full Unicode (SQLite's `lower()` folds ASCII only).
pub fn search_key(title: &str, description: &str) -> String {
    format!("{title}\n{description}").to_lowercase()
}

/// An id named in a body (`project_id`, `parent_id`): only its shape is checked here; whether it
/// is one of the user's is the repository's question, answered with a 422 naming the field.
pub fn parse_ref_id(field: &str, raw: &str) -> Result<String, DomainError> {
    let id = raw.trim();
    if id.is_empty() || id.len() > ID_MAX_CHARS || id.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(DomainError::new(field, format!("{field} is not one of your ids.")));
    }
    Ok(id.to_owned())
}

/// An RFC 3339 time, e.g. `2026-11-27T09:00:00Z`, within years 1..=9999.
pub fn parse_due_at(raw: &str) -> Result<DateTime<Utc>, DomainError> {
    let bad = || DomainError::new("due_at", "due_at must be an RFC 3339 time like 2026-11-27T09:00:00Z.");
    let raw = raw.trim();
    if raw.len() > 64 {
        return Err(bad());
    }
    let at = DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| bad())?;
    // Stored as Unix milliseconds and shown as dates: keep to the years everything can write.
    if !(1..=9999).contains(&chrono::Datelike::year(&at)) {
        return Err(bad());
    }
    Ok(at)
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
        assert_eq!(TaskTitle::parse("a\0b").unwrap_err().field, "title");
        assert!(TaskTitle::parse("a\u{7f}b").is_err());
        assert!(TaskTitle::parse(&format!("a{}b", " ".repeat(100_000))).is_err());
        // what shows nothing is no title; what shows something is kept as written
        for blank in [
            "\u{200b}\u{200b}",
            "\u{feff}",
            "\u{301}\u{301}",
            " \u{3164} ",
            "\u{2800}",
            "\u{fe0f}",
        ] {
            assert_eq!(
                TaskTitle::parse(blank).expect_err(blank).message,
                "Give the task a title.",
                "{blank:?}"
            );
            assert!(crate::domain::project::ProjectName::parse(blank).is_err(), "{blank:?}");
        }
        for shown in ["e\u{301}", "👩\u{200d}💻 code", "☕\u{fe0f}", "カフェ", "مرحبا"] {
            assert_eq!(TaskTitle::parse(shown).expect(shown).as_str(), shown);
        }
    }

    #[test]
    fn descriptions_allow_lines_but_no_other_control_characters() {
        assert!(TaskDescription::parse("line one\nline two\ttab").is_ok());
        assert_eq!(TaskDescription::parse("nul\0").unwrap_err().field, "description");
        // a right-to-left override makes "pay \u{202E}txt.exe" read otherwise: refused
        assert_eq!(TaskTitle::parse("pay \u{202E}gnp.exe").unwrap_err().field, "title");
        assert!(TaskDescription::parse("a \u{202D}b").is_err());
        assert!(
            TaskTitle::parse("Call \u{2068}John\u{2069}").is_ok(),
            "an isolate, as chat apps paste names"
        );
        assert!(
            TaskTitle::parse("שלום world").is_ok(),
            "right-to-left text itself is fine"
        );
    }

    #[test]
    fn tags_are_normalised_and_counted_first() {
        let tags = Tags::parse_list("#Home, work home").unwrap();
        assert_eq!(tags.as_slice(), ["home", "work"]);
        assert!(Tags::parse_list("a%b").is_err());
        assert!(Tags::parse_list(&(0..11).map(|i| format!("t{i}")).collect::<Vec<_>>().join(",")).is_err());
        // twenty copies of one tag de-duplicate to one; a hundred thousand are refused unread
        assert_eq!(Tags::parse(&vec!["a"; 20]).unwrap().as_slice(), ["a"]);
        assert!(Tags::parse(&vec!["a"; 100_000]).is_err());
        assert!(parse_tag(&"x".repeat(1_000_000)).is_err());
    }

    #[test]
    fn priority_has_one_strict_wire_form() {
        assert_eq!("high".parse::<Priority>().unwrap(), Priority::High);
        for loose in ["urgent", "High", " high", "med", ""] {
            assert!(loose.parse::<Priority>().is_err(), "{loose:?}");
        }
        assert!(serde_json::from_str::<Priority>("\"urgent\"").is_err());
    }
}
