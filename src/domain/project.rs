//! Projects: the wire shape, the input of the API and the tools, and the parsed name.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::task::{refuse_control, refuse_longer};
use super::{timestamp, DomainError};

pub const PROJECT_NAME_MAX_CHARS: usize = 100;
/// The name of the project every user has and cannot rename, archive or delete.
pub const INBOX_NAME: &str = "Inbox";

/// A project as the API, the pages and the tools see it.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub id: String,
    pub name: String,
    pub is_inbox: bool,
    pub archived: bool,
    /// How many of its tasks are open (subtasks included).
    pub open_count: u64,
    #[serde(with = "timestamp")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "timestamp")]
    pub updated_at: DateTime<Utc>,
}

/// `{"items": [project]}`: the Inbox first, then by name.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectList {
    pub items: Vec<Project>,
}

/// A project's name: trimmed, 1..=100 characters, one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectName(String);

impl ProjectName {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let too_long = "Keep the project name to 100 characters or fewer.";
        refuse_longer("name", raw.trim(), PROJECT_NAME_MAX_CHARS * 4, too_long)?;
        refuse_control("name", raw.trim(), false)?;
        let name: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if crate::domain::task::shows_nothing(&name) {
            return Err(DomainError::new("name", "Give the project a name."));
        }
        refuse_longer("name", &name, PROJECT_NAME_MAX_CHARS, too_long)?;
        Ok(Self(name))
    }

    /// The key names are unique by: case is ignored.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// How quick-add and the assistant name a project: `+home-renovation` or "home renovation"
/// (`-` and `_` stand for spaces), compared ignoring case.
pub fn project_key_from_words(raw: &str) -> String {
    raw.trim()
        .trim_start_matches('+')
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The body of `POST /api/v1/projects` and the `create_project` tool's arguments.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectInput {
    /// The name, 1 to 100 characters, unique among the user's projects ignoring case.
    pub name: String,
}

/// The body of `PATCH /api/v1/projects/{id}`.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectPatchInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Archived projects leave the sidebar and the default list; their tasks stay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
}

/// A change to a project, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProjectPatch {
    pub name: Option<ProjectName>,
    pub archived: Option<bool>,
}

impl ProjectPatch {
    pub fn from_input(input: ProjectPatchInput) -> Result<Self, DomainError> {
        Ok(Self {
            name: input.name.as_deref().map(ProjectName::parse).transpose()?,
            archived: input.archived,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_bounded_and_one_line() {
        assert_eq!(
            ProjectName::parse("  Home   renovation ").unwrap().as_str(),
            "Home renovation"
        );
        assert_eq!(ProjectName::parse("Groceries").unwrap().key(), "groceries");
        for bad in ["", "   ", "a\u{0}b", "a\nb"] {
            assert_eq!(ProjectName::parse(bad).unwrap_err().field, "name", "{bad:?}");
        }
        assert!(ProjectName::parse(&"x".repeat(101)).is_err());
        assert!(ProjectName::parse(&"é".repeat(100)).is_ok());
    }

    #[test]
    fn quick_add_names_read_dashes_as_spaces() {
        assert_eq!(project_key_from_words("+home-renovation"), "home renovation");
        assert_eq!(project_key_from_words("+Home_Renovation"), "home renovation");
        assert_eq!(project_key_from_words("work"), "work");
    }
}
