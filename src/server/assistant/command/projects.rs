//! What the reader understands about projects and subtasks: making a project, listing them,
//! adding a subtask, and "in <project or task>" in a list question. Which project or task a
//! name means is decided later, against the user's own (see `builtin`).
use super::{strip_quotes, target, Command};

/// "create a project called Renovation", "new project: Renovation", "make a project named X".
pub(super) fn create_project(s: &str) -> Option<Command> {
    let verbs = ["create ", "make ", "start ", "add ", "set up ", "open "];
    let rest = verbs.iter().find_map(|v| s.strip_prefix(v)).unwrap_or(s);
    let rest = rest
        .strip_prefix("a ")
        .or_else(|| rest.strip_prefix("an "))
        .or_else(|| rest.strip_prefix("me a "))
        .unwrap_or(rest);
    let rest = rest.strip_prefix("new ").unwrap_or(rest);
    let rest = rest
        .strip_prefix("project")
        .filter(|r| r.is_empty() || r.starts_with([' ', ':']))?;
    let started_with_verb = verbs.iter().any(|v| s.starts_with(v)) || s.starts_with("new project");
    if !started_with_verb {
        return None;
    }
    let name = rest
        .trim_start_matches(':')
        .trim()
        .trim_start_matches("called ")
        .trim_start_matches("named ")
        .trim_start_matches("for ");
    let name = strip_quotes(name);
    (!name.is_empty()).then_some(Command::CreateProject(name))
}

/// "what projects do I have?", "list my projects", "show projects".
pub(super) fn list_projects(s: &str) -> Option<Command> {
    let asks = [
        "what projects",
        "which projects",
        "list projects",
        "list my projects",
        "list all projects",
        "show projects",
        "show my projects",
        "show me my projects",
        "my projects",
        "projects",
        "what are my projects",
        "do i have any projects",
    ];
    asks.iter()
        .any(|a| s == *a || s.starts_with(&format!("{a} ")))
        .then_some(Command::ListProjects)
}

/// "add a subtask to plan party: buy balloons", "add buy balloons as a subtask of plan party",
/// "add subtask buy balloons to plan party".
pub(super) fn add_subtask(s: &str) -> Option<Command> {
    let rest = ["add a ", "add ", "create a ", "create ", "new "]
        .iter()
        .find_map(|p| s.strip_prefix(p));
    if let Some(rest) = rest {
        for lead in [
            "subtask to ",
            "sub-task to ",
            "subtask for ",
            "sub-task for ",
            "subtask under ",
            "step to ",
        ] {
            if let Some(tail) = rest.strip_prefix(lead) {
                let (parent, text) = tail.split_once(':').or_else(|| tail.split_once(" - "))?;
                return Some(Command::AddSubtask(target(parent.trim()), strip_quotes(text.trim())));
            }
        }
        for lead in ["subtask ", "sub-task "] {
            if let Some(tail) = rest.strip_prefix(lead) {
                let i = tail.rfind(" to ").or_else(|| tail.rfind(" under "))?;
                let sep = if tail[i..].starts_with(" to ") { 4 } else { 7 };
                let (text, parent) = (tail[..i].trim(), tail[i + sep..].trim());
                return (!text.is_empty() && !parent.is_empty())
                    .then(|| Command::AddSubtask(target(parent), strip_quotes(text)));
            }
        }
        for marker in [" as a subtask of ", " as a subtask to ", " as subtask of ", " under "] {
            if let Some(i) = rest.find(marker) {
                let (text, parent) = (rest[..i].trim(), rest[i + marker.len()..].trim());
                if !text.is_empty() && !parent.is_empty() {
                    return Some(Command::AddSubtask(target(parent), strip_quotes(text)));
                }
            }
        }
    }
    None
}

/// The place a list question names: "what's in my work project?" → "work project", "what's left
/// in plan party?" → "plan party", "show my groceries list" → "groceries list".
pub(super) fn within(s: &str) -> Option<String> {
    for marker in [
        " in my ", " in the ", " on my ", " on the ", " in ", " on ", " for my ", " for ",
    ] {
        if let Some(i) = s.find(marker) {
            let rest = s[i + marker.len()..].trim();
            // "due in 3 days", "on friday" and friends are dates, not places
            let first = rest.split_whitespace().next().unwrap_or_default();
            if rest.is_empty()
                || first.chars().next().is_some_and(|c| c.is_ascii_digit())
                || matches!(
                    first,
                    "today"
                        | "tomorrow"
                        | "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "sunday"
                        | "the"
                        | "a"
                        | "this"
                        | "next"
                        | "list"
                        | "todo"
                        | "to-do"
                        | "plate"
                )
                || rest.starts_with("my list")
                || rest.starts_with("my plate")
                || rest.starts_with("my todo")
            {
                continue;
            }
            return Some(strip_quotes(rest));
        }
    }
    None
}

/// A name with its kind said out loud: "work project" → (project, "work"), "the plan party
/// task" → (task, "plan party").
pub fn place_kind(name: &str) -> (Option<PlaceKind>, String) {
    let name = name.trim().trim_start_matches("the ").trim();
    for (suffix, kind) in [
        (" project", PlaceKind::Project),
        (" list", PlaceKind::Project),
        (" task", PlaceKind::Task),
    ] {
        if let Some(core) = name.strip_suffix(suffix) {
            return (Some(kind), core.trim().to_owned());
        }
    }
    if let Some(core) = name.strip_prefix("project ") {
        return (Some(PlaceKind::Project), core.trim().to_owned());
    }
    (None, name.to_owned())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Project,
    Task,
}

#[cfg(test)]
mod tests {
    use super::super::{read_command, Command, Target};
    use super::*;

    #[test]
    fn projects_and_subtasks_read_as_commands() {
        for (text, name) in [
            ("create a project called Renovation", "renovation"),
            ("new project: Renovation", "renovation"),
            ("make a new project named \"Home office\"", "home office"),
            ("start a project for the wedding", "the wedding"),
        ] {
            assert_eq!(read_command(text), Command::CreateProject(name.into()), "{text}");
        }
        assert_eq!(read_command("what projects do I have?"), Command::ListProjects);
        assert_eq!(read_command("list my projects"), Command::ListProjects);
        for text in [
            "add a subtask to plan party: buy balloons",
            "add buy balloons as a subtask of plan party",
            "add subtask buy balloons to plan party",
        ] {
            assert_eq!(
                read_command(text),
                Command::AddSubtask(Target::Text("plan party".into()), "buy balloons".into()),
                "{text}"
            );
        }
    }

    #[test]
    fn places_in_questions() {
        assert_eq!(within("what's in my work project").as_deref(), Some("work project"));
        assert_eq!(within("what's left in plan party").as_deref(), Some("plan party"));
        assert_eq!(within("what's due in 3 days"), None);
        assert_eq!(within("what's on my list"), None);
        assert_eq!(place_kind("work project"), (Some(PlaceKind::Project), "work".into()));
        assert_eq!(
            place_kind("the plan party task"),
            (Some(PlaceKind::Task), "plan party".into())
        );
        assert_eq!(place_kind("groceries"), (None, "groceries".into()));
    }
}
