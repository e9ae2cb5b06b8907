//! The fixed user every line is read against: twenty tasks in four projects, and the moment
//! "now" is (Wednesday 2026-12-02 10:00).
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::domain::project::Project;
use crate::domain::quick_add::end_of_day;
use crate::domain::task::{Priority, Task};

pub(super) fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 2)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap_or_default()
}

/// (title, done, due "YYYY-MM-DD[THH:MM]", priority, tags, project, parent)
type FixtureTask = (
    &'static str,
    bool,
    &'static str,
    Priority,
    &'static [&'static str],
    &'static str,
    &'static str,
);
const TASKS: &[FixtureTask] = &[
    ("Buy milk", false, "", Priority::None, &[], "Groceries", ""),
    ("Call mom", false, "2026-12-02T18:00", Priority::None, &[], "", ""),
    ("Pay rent", false, "2026-12-04", Priority::High, &["home"], "", ""),
    ("Feed the cat", false, "", Priority::None, &[], "", ""),
    (
        "Email the accountant",
        false,
        "2026-12-01",
        Priority::None,
        &["work"],
        "",
        "",
    ),
    ("Call the bank about the loan", false, "", Priority::None, &[], "", ""),
    (
        "Book dentist appointment",
        false,
        "2026-12-08",
        Priority::None,
        &["health"],
        "",
        "",
    ),
    (
        "Water the plants",
        false,
        "2026-12-07T09:00",
        Priority::None,
        &[],
        "",
        "",
    ),
    (
        "Finish the quarterly report",
        false,
        "2026-12-03T17:00",
        Priority::High,
        &["work"],
        "Work",
        "",
    ),
    ("Pick up dry cleaning", false, "", Priority::None, &[], "", ""),
    (
        "Buy a birthday gift for Anna",
        false,
        "2026-12-10",
        Priority::None,
        &[],
        "",
        "",
    ),
    (
        "Fix the leaking tap",
        false,
        "",
        Priority::None,
        &["home"],
        "Home renovation",
        "",
    ),
    (
        "Submit expense report",
        false,
        "",
        Priority::Medium,
        &["work"],
        "Work",
        "",
    ),
    ("Clean the garage", true, "", Priority::None, &[], "", ""),
    ("Order new glasses", false, "", Priority::Low, &[], "", ""),
    ("Plan party", false, "", Priority::None, &[], "", ""),
    ("Send invitations", false, "", Priority::None, &[], "", "Plan party"),
    ("Walk the dog", false, "2026-12-02", Priority::None, &[], "", ""),
    ("Renew passport", true, "", Priority::None, &[], "", ""),
    (
        "Prepare slides for the Monday meeting",
        false,
        "2026-12-07",
        Priority::None,
        &["work"],
        "",
        "",
    ),
];
const PROJECTS: &[&str] = &["Inbox", "Groceries", "Work", "Home renovation"];

fn local(at: &str) -> Option<NaiveDateTime> {
    if at.is_empty() {
        return None;
    }
    match at.split_once('T') {
        Some(_) => NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M").ok(),
        None => NaiveDate::parse_from_str(at, "%Y-%m-%d")
            .ok()
            .map(|d| d.and_time(end_of_day())),
    }
}

pub(super) fn fixture() -> (Vec<Task>, Vec<Project>) {
    let stamp = Utc.from_utc_datetime(&now());
    let projects: Vec<Project> = PROJECTS
        .iter()
        .enumerate()
        .map(|(i, name)| Project {
            id: format!("p{i}"),
            name: (*name).to_owned(),
            is_inbox: i == 0,
            archived: false,
            open_count: 0,
            created_at: stamp,
            updated_at: stamp,
        })
        .collect();
    let project_id = |name: &str| {
        projects
            .iter()
            .find(|p| p.name == name)
            .map_or("p0".to_owned(), |p| p.id.clone())
    };
    let tasks = TASKS
        .iter()
        .enumerate()
        .map(|(i, (title, done, due, priority, tags, project, parent))| Task {
            id: format!("t{i}"),
            title: (*title).to_owned(),
            description: String::new(),
            completed: *done,
            priority: *priority,
            due_at: local(due).map(|d| Utc.from_utc_datetime(&d)),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            created_at: stamp,
            updated_at: stamp,
            completed_at: None,
            project_id: project_id(project),
            parent_id: TASKS.iter().position(|t| t.0 == *parent).map(|k| format!("t{k}")),
            subtasks: Default::default(),
            recurrence: None,
            reminders: vec![],
        })
        .collect();
    (tasks, projects)
}
