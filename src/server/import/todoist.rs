//! A Todoist project CSV read into an [`ImportPlan`]: `task` rows become tasks, `note` rows their
//! descriptions, `section` rows a tag; an error names the file's line.
use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

use super::MAX_ROWS;
use crate::domain::project::ProjectName;
use crate::domain::quick_add::parse_quick_add;
use crate::domain::task::{parse_tag, Priority, TaskDraft, TaskInput, SUBTASK_MAX_DEPTH};
use crate::error::AppError;
use crate::server::repo::data::{ImportPlan, PlanProject, PlanTask};
use crate::server::tasks::to_utc;
/// Todoist's PRIORITY column as this import reads it: 1 is the highest, 4 (or empty) none.
fn todoist_priority(raw: &str) -> Result<Priority, String> {
    match raw.trim() {
        "1" => Ok(Priority::High),
        "2" => Ok(Priority::Medium),
        "3" => Ok(Priority::Low),
        "4" | "" => Ok(Priority::None),
        other => Err(format!(
            "PRIORITY is 1 (the highest) to 4, or empty; this row says {other:?}."
        )),
    }
}

/// Line numbers of a text's byte offsets, counted forward from the last one asked (the CSV
/// reader's own count is one short for a file with CRLF line ends, which Todoist writes).
struct Lines<'a> {
    text: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    /// The line a record starting at byte `offset` is on (offsets asked in increasing order).
    fn of(&mut self, offset: u64) -> u64 {
        let mut to = usize::try_from(offset).unwrap_or(usize::MAX).min(self.text.len());
        // (after CRLF the reader's offset can be the "\n" before the record)
        while self.text.get(to).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            to += 1;
        }
        if to > self.at {
            self.line += self.text[self.at..to].iter().filter(|&&b| b == b'\n').count() as u64;
            self.at = to;
        }
        self.line
    }
}

/// A section's name as a tag: lower-case letters and digits, runs of anything else as `-`.
fn section_tag(name: &str) -> Option<String> {
    let slug: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug: String = slug.chars().take(32).collect();
    parse_tag(slug.trim_end_matches('-')).ok()
}

/// A Todoist date read: its due instant and its recurrence.
type TodoistDue = (
    Option<DateTime<Utc>>,
    Option<crate::domain::recurrence::RecurrenceInput>,
);

/// A Todoist DATE ("tomorrow 5pm", "Dec 24 2026 5pm", "every friday at 3pm"), read like
/// quick-add in the user's zone, or `None` when the words do not read as a date.
fn todoist_due(raw: &str, now: NaiveDateTime, tz: Tz) -> Option<TodoistDue> {
    // Todoist's short "ev mon", "ev! 3 days" (only here: in a title, "charge the ev monday" is
    // about a car)
    let raw = match raw.trim().split_once(' ') {
        Some((ev, rest)) if ev.eq_ignore_ascii_case("ev") => format!("every {rest}"),
        Some((ev, rest)) if ev.eq_ignore_ascii_case("ev!") => format!("every! {rest}"),
        _ => raw.to_owned(),
    };
    let quick = parse_quick_add(&format!("x {raw}"), now);
    if quick.title != "x" || (quick.due.is_none() && quick.recurrence.is_none()) {
        return None;
    }
    let due = quick.due.map(|local| to_utc(local, tz));
    // "every friday at 3pm": the first Friday at 3pm, not the next 3pm (as a new task gets it)
    let due = match quick
        .recurrence
        .as_ref()
        .map(crate::domain::recurrence::RecurrenceSpec::parse)
    {
        Some(Ok(spec)) => crate::server::recurrence::first_due(&spec, due, tz, to_utc(now, tz)).or(due),
        _ => due,
    };
    Some((due, quick.recurrence))
}

/// The line where a quoted field opens that no quote closes, read as the CSV reader reads: a
/// quote opens a field only at its start, and `""` inside is one quote.
fn unclosed_quote(text: &str) -> Option<u64> {
    let (mut line, mut opened_at, mut quoted, mut field_start) = (1u64, 0u64, false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    quoted = false;
                }
            } else if c == '\n' {
                line += 1;
            }
            continue;
        }
        match c {
            '"' if field_start => {
                quoted = true;
                opened_at = line;
            }
            '\n' => line += 1,
            _ => {}
        }
        field_start = matches!(c, ',' | '\n' | '\r');
    }
    quoted.then_some(opened_at)
}

/// A Todoist project CSV: `task` rows become tasks (`@label` words become tags, INDENT the
/// subtask depth, DATE read like quick-add), `note` rows are added to the description of the
/// task above, `section` rows tag the tasks that follow.
pub fn plan_from_todoist(project: &str, csv_text: &str, now: NaiveDateTime, tz: Tz) -> Result<ImportPlan, AppError> {
    let name = ProjectName::parse(project).map_err(|e| AppError::validation("project", e.message))?;
    let line_err = |line: u64, message: String| AppError::validation("csv", format!("line {line}: {message}"));
    // the CSV reader takes an unclosed quote to run to the end of the file, one field of it all
    if let Some(line) = unclosed_quote(csv_text) {
        return Err(line_err(
            line,
            "a quoted field is never closed (a \" is missing), so the file cannot be read.".into(),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(csv_text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| AppError::validation("csv", format!("The CSV could not be read: {e}")))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_uppercase())
        .collect();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(kind), Some(content)) = (column("TYPE"), column("CONTENT")) else {
        return Err(AppError::validation(
            "csv",
            "This is not a Todoist CSV: it needs TYPE and CONTENT columns.",
        ));
    };
    let (description, priority, indent, date) = (
        column("DESCRIPTION"),
        column("PRIORITY"),
        column("INDENT"),
        column("DATE"),
    );
    let key = name.key();
    let mut plan = ImportPlan {
        projects: vec![PlanProject {
            key: key.clone(),
            name: name.clone(),
            is_inbox: false,
            archived: false,
        }],
        must_create: Some(name.into_inner()),
        ..Default::default()
    };
    // raw tasks first (notes change descriptions as they come), parsed at the end
    struct Raw {
        line: u64,
        title: String,
        description: String,
        priority: Priority,
        tags: Vec<String>,
        due: Option<DateTime<Utc>>,
        recurrence: Option<crate::domain::recurrence::RecurrenceInput>,
        parent: Option<usize>,
    }
    let mut raw: Vec<Raw> = Vec::new();
    // the last task seen at each indent level, for the parent of the next deeper one
    let mut stack: Vec<usize> = Vec::new();
    let mut section: Option<String> = None;
    let mut lines = Lines::new(csv_text);
    for record in reader.records() {
        let record = record.map_err(|e| AppError::validation("csv", format!("The CSV could not be read: {e}")))?;
        let line = record.position().map_or(0, |p| lines.of(p.byte()));
        if raw.len() >= MAX_ROWS {
            return Err(AppError::PayloadTooLarge);
        }
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or_default().trim();
        match get(Some(kind)).to_ascii_lowercase().as_str() {
            "task" => {
                let mut tags = Vec::new();
                let mut words = Vec::new();
                for word in get(Some(content)).split_whitespace() {
                    match word.strip_prefix('@').map(parse_tag) {
                        Some(Ok(tag)) => tags.push(tag),
                        _ => words.push(word),
                    }
                }
                tags.extend(section.clone());
                let depth = get(indent).parse::<usize>().unwrap_or(1).clamp(1, SUBTASK_MAX_DEPTH);
                // a jump of more than one level hangs the task under the deepest one there is
                let depth = depth.min(stack.len() + 1);
                stack.truncate(depth - 1);
                let parent = stack.last().copied();
                let date_text = get(date);
                let mut description = get(description).to_owned();
                let (due, recurrence) = if date_text.is_empty() {
                    (None, None)
                } else {
                    let read = todoist_due(date_text, now, tz);
                    if read.is_none() {
                        // kept, so nothing of the row is lost
                        if !description.is_empty() {
                            description.push_str("\n\n");
                        }
                        description.push_str(&format!("Todoist date: {date_text}"));
                    }
                    read.unwrap_or_default()
                };
                raw.push(Raw {
                    line,
                    title: words.join(" "),
                    description,
                    priority: todoist_priority(get(priority)).map_err(|why| line_err(line, why))?,
                    tags,
                    due,
                    recurrence,
                    parent,
                });
                stack.push(raw.len() - 1);
            }
            "note" => {
                let note = get(Some(content));
                let Some(last) = raw.last_mut() else {
                    return Err(line_err(line, "a note before any task.".into()));
                };
                if !note.is_empty() {
                    if !last.description.is_empty() {
                        last.description.push_str("\n\n");
                    }
                    last.description.push_str(note);
                }
            }
            "section" => {
                section = section_tag(get(Some(content)));
                stack.clear();
            }
            // Todoist's own "meta" row (view_style=list) says how the project was shown
            "" | "meta" => {}
            other => {
                return Err(line_err(
                    line,
                    format!("unknown TYPE {other:?} (task, note or section)."),
                ))
            }
        }
    }
    for (i, r) in raw.into_iter().enumerate() {
        let draft = TaskDraft::from_input(TaskInput {
            title: r.title,
            description: Some(r.description),
            priority: Some(r.priority),
            due_at: r.due.map(|d| d.to_rfc3339()),
            tags: Some(r.tags),
            recurrence: r.recurrence,
            ..Default::default()
        })
        .map_err(|e| line_err(r.line, format!("{}: {}", e.field, e.message)))?;
        plan.tasks.push(PlanTask {
            key: i.to_string(),
            project_key: key.clone(),
            parent_key: r.parent.map(|p| p.to_string()),
            draft,
            completed_at: None,
            created_at: None,
        });
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .unwrap()
            .and_hms_opt(10, 30, 0)
            .unwrap()
    }

    const CSV: &str = "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\n\
task,Buy milk @errand @home,,1,1,Ann,,tomorrow,en,Europe/Paris\n\
note,the oat one,,,,Ann,,,,\n\
task,Call the bank,about the loan,4,2,Ann,,,en,\n\
task,Way too deep,,3,4,Ann,,,en,\n\
,,,,,,,,,\n\
section,Next week!,,,,,,,,\n\
task,Plan party,,2,1,Ann,,some day maybe,en,\n";

    #[test]
    fn an_unclosed_quote_is_named_not_read_as_one_task() {
        let broken = "TYPE,CONTENT,PRIORITY\ntask,ok,4\ntask,\"unclosed,4\ntask,also ok,1\n";
        match plan_from_todoist("Errands", broken, now(), Tz::UTC) {
            Err(AppError::Validation { field, message }) => {
                assert_eq!(field, "csv");
                assert!(
                    message.starts_with("line 3: a quoted field is never closed"),
                    "{message}"
                );
            }
            Err(other) => panic!("{other:?}"),
            Ok(plan) => panic!("read as {} tasks", plan.tasks.len()),
        }
        // quotes that close, doubled quotes, a quote inside a plain field and a line break in a
        // quoted field are all fine
        let fine = "TYPE,CONTENT,DESCRIPTION\ntask,\"Say \"\"hi\"\", then go\",\"two\nlines\"\ntask,5\" nails,\n";
        let plan = plan_from_todoist("Errands", fine, now(), Tz::UTC).expect("read");
        assert_eq!(plan.tasks[0].draft.title.as_str(), "Say \"hi\", then go");
        assert_eq!(plan.tasks[1].draft.title.as_str(), "5\" nails");
    }

    #[test]
    fn a_todoist_repeat_with_a_time_falls_on_its_day() {
        use chrono::{Datelike, Timelike, Weekday};
        for (date, weekday) in [
            ("every friday at 3pm", Weekday::Fri),
            ("every other friday at 3pm", Weekday::Fri),
            ("every tuesday 9am", Weekday::Tue),
            ("ev tuesday 9am", Weekday::Tue),
            ("Ev fri at 3pm", Weekday::Fri),
        ] {
            for tz in [Tz::UTC, chrono_tz::Asia::Tokyo, chrono_tz::America::New_York] {
                let (due, recurrence) = todoist_due(date, now(), tz).expect("a date");
                let due = due.expect("a due date").with_timezone(&tz);
                assert!(recurrence.is_some(), "{date}");
                assert_eq!(
                    (due.weekday(), due.hour()),
                    (weekday, if date.contains("9am") { 9 } else { 15 }),
                    "{date} in {tz}"
                );
                assert!(due.naive_local() > now(), "{date} in {tz}: {due}");
            }
        }
    }

    #[test]
    fn a_todoist_csv_reads_as_the_contract_says() {
        let plan = plan_from_todoist("Errands", CSV, now(), Tz::UTC).unwrap();
        assert_eq!(plan.must_create.as_deref(), Some("Errands"));
        let t = &plan.tasks;
        assert_eq!(t.len(), 4);
        assert_eq!(t[0].draft.title.as_str(), "Buy milk");
        assert_eq!(t[0].draft.tags.as_slice(), ["errand", "home"]);
        assert_eq!(t[0].draft.priority, Priority::High);
        assert_eq!(t[0].draft.description.as_str(), "the oat one");
        assert_eq!(t[0].draft.due_at.unwrap().date_naive().to_string(), "2026-11-22");
        assert_eq!(t[1].parent_key.as_deref(), Some("0"));
        assert_eq!(t[1].draft.priority, Priority::None);
        assert_eq!(t[1].draft.description.as_str(), "about the loan");
        // INDENT 4 right under INDENT 2 hangs under the deepest task there is
        assert_eq!(t[2].parent_key.as_deref(), Some("1"));
        assert_eq!(t[2].draft.priority, Priority::Low);
        assert_eq!(t[3].parent_key, None);
        assert_eq!(t[3].draft.tags.as_slice(), ["next-week"]);
        assert!(t[3].draft.description.as_str().contains("Todoist date: some day maybe"));
    }

    #[test]
    fn a_bad_csv_is_refused_with_its_line() {
        let err = plan_from_todoist("X", "TYPE,CONTENT\ntask,ok\nbogus,row\n", now(), Tz::UTC).err();
        assert!(
            matches!(err, Some(AppError::Validation { ref field, ref message }) if field == "csv" && message.starts_with("line 3"))
        );
        assert!(plan_from_todoist("X", "NAME,VALUE\na,b\n", now(), Tz::UTC).is_err());
        assert!(plan_from_todoist("X", "TYPE,CONTENT\nnote,orphan\n", now(), Tz::UTC).is_err());
        let nul = plan_from_todoist("X", "TYPE,CONTENT\ntask,a\u{0}b\n", now(), Tz::UTC).err();
        assert!(matches!(nul, Some(AppError::Validation { ref field, .. }) if field == "csv"));
        assert!(plan_from_todoist("", "TYPE,CONTENT\n", now(), Tz::UTC).is_err());
        // with Todoist's CRLF line ends the line is still the file's
        let crlf = "TYPE,CONTENT\r\ntask,ok\r\ntask,fine\r\nbogus,row\r\n";
        let err = plan_from_todoist("X", crlf, now(), Tz::UTC).err();
        assert!(
            matches!(err, Some(AppError::Validation { ref message, .. }) if message.starts_with("line 4")),
            "{err:?}"
        );
        // a PRIORITY that is none of Todoist's is named, not read as none
        let odd = plan_from_todoist("X", "TYPE,CONTENT,PRIORITY\ntask,ok,4\ntask,odd,9\n", now(), Tz::UTC).err();
        assert!(
            matches!(odd, Some(AppError::Validation { ref message, .. }) if message.starts_with("line 3: PRIORITY")),
            "{odd:?}"
        );
    }

    #[test]
    fn todoists_own_export_with_its_meta_row_reads() {
        // as Todoist writes it today: more columns, a "meta" row, CRLF, a BOM
        let csv = "\u{feff}TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE,DURATION,DURATION_UNIT,DEADLINE,DEADLINE_LANG\r\n\
            meta,view_style=list,,,,,,,,,,,,\r\n\
            ,,,,,,,,,,,,,\r\n\
            task,Pay rent @home,,1,1,Ann (123),,every 1st,en,Europe/Berlin,,,,\r\n\
            task,Find the lease,,4,2,Ann (123),,,en,Europe/Berlin,,,,\r\n";
        let plan = plan_from_todoist("Home", csv, now(), Tz::UTC).expect("read");
        let titles: Vec<&str> = plan.tasks.iter().map(|t| t.draft.title.as_str()).collect();
        assert_eq!(titles, ["Pay rent", "Find the lease"]);
        assert_eq!(plan.tasks[0].draft.priority, Priority::High);
        assert_eq!(plan.tasks[0].draft.tags.as_slice(), ["home"]);
        assert!(plan.tasks[0].draft.recurrence.is_some());
        assert_eq!(plan.tasks[1].parent_key.as_deref(), Some("0"));
    }
}
