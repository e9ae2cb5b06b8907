//! Reading what `POST /api/v1/import` takes into an [`ImportPlan`]: a Taskpilot export
//! document, or a Todoist project CSV. Every field is parsed by its domain type and every
//! reference checked here, before the repository writes anything; an error names where it is
//! (`tasks[3].title`, `csv`: "line 7: …").
mod todoist;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::repo::data::{ImportPlan, PlanConversation, PlanProject, PlanTask};
use super::rest::data::ImportBody;
use super::tasks::{local_now, to_utc};
use crate::domain::chat::{parse_conversation_title, title_from};
use crate::domain::export::ExportDocument;
use crate::domain::project::{ProjectName, INBOX_NAME};
use crate::domain::quick_add::end_of_day;
use crate::domain::task::{refuse_control, TaskDraft, TaskInput, SUBTASK_MAX_DEPTH};
use crate::domain::DomainError;
use crate::error::AppError;
pub use todoist::plan_from_todoist;

/// The most a message of an imported conversation may hold.
const IMPORTED_MESSAGE_MAX_CHARS: usize = 40_000;
/// The most rows one import may hold (10 MB of CSV or JSON cannot sensibly hold more).
const MAX_ROWS: usize = 100_000;

fn at(field: String, e: DomainError) -> AppError {
    AppError::validation(&field, e.message)
}

/// Reads an import body into a plan, in the user's zone (for Todoist's dates).
pub fn plan_from_body(body: ImportBody, tz: Tz) -> Result<ImportPlan, AppError> {
    match body {
        ImportBody::Taskpilot(document) => plan_from_document(document, tz),
        ImportBody::TodoistCsv(input) => plan_from_todoist(&input.project, &input.csv, local_now(tz), tz),
    }
}

fn millis(raw: &str) -> Option<i64> {
    DateTime::parse_from_rfc3339(raw).ok().map(|t| t.timestamp_millis())
}

/// A Taskpilot export document, checked whole, for a user in `tz`.
pub fn plan_from_document(document: ExportDocument, tz: Tz) -> Result<ImportPlan, AppError> {
    // a day without a time in the exporter's zone is that day in the importer's
    let exported_in = document.time_zone.as_deref().and_then(|z| z.parse::<Tz>().ok());
    let due_in_here = |due: DateTime<Utc>| match exported_in {
        Some(there) if due.with_timezone(&there).time() == end_of_day() => {
            to_utc(due.with_timezone(&there).date_naive().and_time(end_of_day()), tz)
        }
        _ => due,
    };
    if document.tasks.len() + document.projects.len() > MAX_ROWS {
        return Err(AppError::PayloadTooLarge);
    }
    // a later version may mean what this one would read wrongly: refused, not guessed
    if document.version != crate::domain::export::EXPORT_VERSION {
        return Err(AppError::validation(
            "version",
            format!(
                "This server reads version {} documents.",
                crate::domain::export::EXPORT_VERSION
            ),
        ));
    }
    // ids name projects and parents: two of one id would join what the export kept apart
    let mut task_keys = std::collections::HashSet::new();
    for (i, t) in document.tasks.iter().enumerate() {
        if !task_keys.insert(t.id.as_str()) {
            return Err(AppError::validation(
                &format!("tasks[{i}].id"),
                "Another task has this id.",
            ));
        }
    }
    let mut plan = ImportPlan::default();
    let mut project_keys = std::collections::HashSet::new();
    for (i, p) in document.projects.into_iter().enumerate() {
        if !project_keys.insert(p.id.clone()) {
            return Err(AppError::validation(
                &format!("projects[{i}].id"),
                "Another project has this id.",
            ));
        }
        let name = if p.is_inbox {
            ProjectName::parse(INBOX_NAME).map_err(|e| at(format!("projects[{i}].name"), e))?
        } else {
            ProjectName::parse(&p.name).map_err(|e| at(format!("projects[{i}].name"), e))?
        };
        plan.projects.push(PlanProject {
            key: p.id,
            name,
            is_inbox: p.is_inbox,
            archived: p.archived && !p.is_inbox,
        });
    }
    // depth of each task by its parent chain, so parents can be written before subtasks
    let parents: HashMap<String, (Option<String>, String)> = document
        .tasks
        .iter()
        .map(|t| (t.id.clone(), (t.parent_id.clone(), t.project_id.clone())))
        .collect();
    let mut ordered = Vec::with_capacity(document.tasks.len());
    for (i, t) in document.tasks.into_iter().enumerate() {
        if !project_keys.contains(&t.project_id) {
            return Err(AppError::validation(
                &format!("tasks[{i}].project_id"),
                "This task names a project the document does not have.",
            ));
        }
        let mut depth = 1;
        let mut next = t.parent_id.clone();
        while let Some(parent) = next {
            let Some((above, project)) = parents.get(&parent) else {
                return Err(AppError::validation(
                    &format!("tasks[{i}].parent_id"),
                    "This task names a parent the document does not have.",
                ));
            };
            if *project != t.project_id {
                return Err(AppError::validation(
                    &format!("tasks[{i}].parent_id"),
                    "A subtask must be in the same project as its parent.",
                ));
            }
            depth += 1;
            if depth > SUBTASK_MAX_DEPTH {
                return Err(AppError::validation(
                    &format!("tasks[{i}].parent_id"),
                    "Subtasks nest at most 4 levels deep (or the parents form a loop).",
                ));
            }
            next = above.clone();
        }
        let draft = TaskDraft::from_input(TaskInput {
            title: t.title,
            description: Some(t.description),
            priority: Some(t.priority),
            due_at: t.due_at.map(|d| due_in_here(d).to_rfc3339()),
            tags: Some(t.tags),
            recurrence: t.recurrence.map(|r| crate::domain::recurrence::RecurrenceInput {
                rule: r.rule,
                from: r.from,
                text: None,
            }),
            reminders: t.reminders,
            ..Default::default()
        })
        .map_err(|e| {
            let field = format!("tasks[{i}].{}", e.field);
            at(field, e)
        })?;
        let completed_at = t
            .completed
            .then(|| t.completed_at.map_or_else(super::now_millis, |c| c.timestamp_millis()));
        ordered.push((
            depth,
            PlanTask {
                key: t.id,
                project_key: t.project_id,
                parent_key: t.parent_id,
                draft,
                completed_at,
                created_at: Some(t.created_at.timestamp_millis()),
            },
        ));
    }
    // stable: the document's order within each level
    ordered.sort_by_key(|(depth, _)| *depth);
    plan.tasks = ordered.into_iter().map(|(_, t)| t).collect();
    for (i, c) in document.conversations.into_iter().enumerate() {
        let title = parse_conversation_title(&c.title).unwrap_or_else(|_| title_from(&c.title));
        let mut messages = Vec::with_capacity(c.messages.len());
        for (j, m) in c.messages.into_iter().enumerate() {
            let field = format!("conversations[{i}].messages[{j}].content");
            refuse_control(&field, &m.content, true).map_err(|e| at(field.clone(), e))?;
            if m.content.chars().nth(IMPORTED_MESSAGE_MAX_CHARS).is_some() {
                return Err(AppError::validation(&field, "This message is too long to import."));
            }
            messages.push((
                m.role,
                m.content,
                millis(&m.created_at).unwrap_or_else(super::now_millis),
            ));
        }
        plan.conversations.push(PlanConversation {
            title,
            created_at: millis(&c.created_at),
            messages,
        });
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_from_document_utc(document: ExportDocument) -> Result<ImportPlan, AppError> {
        plan_from_document(document, Tz::UTC)
    }

    #[test]
    fn a_day_without_a_time_stays_that_day_in_another_zone() {
        // exported in Chicago: the 20th without a time (23:59 there), and the 20th at 09:00
        let document: ExportDocument = serde_json::from_str(
            r#"{"format":"taskpilot","version":1,"exported_at":"2026-12-07T10:00:00Z",
            "user":{"id":"u","email":"a@example.com","name":"A","created_at":"2026-11-01T10:00:00Z"},
            "time_zone":"America/Chicago",
            "projects":[{"id":"p1","name":"Inbox","is_inbox":true}],
            "tasks":[
              {"id":"t1","project_id":"p1","title":"Electricity bill","due_at":"2026-12-21T05:59:00Z","created_at":"2026-11-01T10:00:00Z"},
              {"id":"t2","project_id":"p1","title":"Call at nine","due_at":"2026-12-20T15:00:00Z","created_at":"2026-11-01T10:00:00Z"}],
            "conversations":[]}"#,
        )
        .expect("a document");
        let sydney: Tz = "Australia/Sydney".parse().expect("a zone");
        let plan = plan_from_document(document.clone(), sydney).expect("a plan");
        let local = |i: usize| {
            plan.tasks[i]
                .draft
                .due_at
                .map(|d| d.with_timezone(&sydney).naive_local())
        };
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 20).expect("a day");
        assert_eq!(
            local(0),
            Some(day.and_time(end_of_day())),
            "the same day, without a time"
        );
        // a time of day is the same instant
        assert_eq!(plan.tasks[1].draft.due_at, document.tasks[1].due_at);
        // a document without a zone (older exports) is read as it was
        let mut older = document;
        older.time_zone = None;
        let plan = plan_from_document(older.clone(), sydney).expect("a plan");
        assert_eq!(plan.tasks[0].draft.due_at, older.tasks[0].due_at);
    }

    #[test]
    fn a_document_of_another_version_or_with_twin_ids_is_refused() {
        let document = |version: u32, tasks: &str, projects: &str| -> ExportDocument {
            serde_json::from_str(&format!(
                r#"{{"format":"taskpilot","version":{version},"exported_at":"2026-11-21T10:00:00Z",
                "user":{{"id":"u","email":"a@example.com","name":"A","created_at":"2026-11-01T10:00:00Z"}},
                "projects":[{projects}],"tasks":[{tasks}],"conversations":[]}}"#
            ))
            .expect("a document")
        };
        let inbox = r#"{"id":"p1","name":"Inbox","is_inbox":true}"#;
        let task = |id: &str| {
            format!(r#"{{"id":"{id}","project_id":"p1","title":"Task {id}","created_at":"2026-11-01T10:00:00Z"}}"#)
        };
        let field = |r: Result<ImportPlan, AppError>| match r {
            Err(AppError::Validation { field, .. }) => field,
            Err(other) => format!("{other:?}"),
            Ok(_) => "read".to_owned(),
        };
        let fine = plan_from_document_utc(document(1, &format!("{},{}", task("t1"), task("t2")), inbox));
        assert_eq!(fine.map(|p| p.tasks.len()).ok(), Some(2));
        assert_eq!(
            field(plan_from_document_utc(document(2, &task("t1"), inbox))),
            "version"
        );
        assert_eq!(
            field(plan_from_document_utc(document(
                1,
                &format!("{},{}", task("t1"), task("t1")),
                inbox
            ))),
            "tasks[1].id"
        );
        let twins = format!(r#"{inbox},{{"id":"p1","name":"Work"}}"#);
        assert_eq!(
            field(plan_from_document_utc(document(1, &task("t1"), &twins))),
            "projects[1].id"
        );
    }
}
