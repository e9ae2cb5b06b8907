//! Which task a phrase names: an id, a position in the last list, "it", or title words.
//! Ties are not guessed: several equally good matches come back as a question.
use super::reader::{base_verb, is_task_verb, Target};
use crate::domain::task::Task;

#[derive(Debug, Clone, PartialEq)]
// a resolution lives for one step of a turn: boxing the task would buy nothing
#[allow(clippy::large_enum_variant)]
pub enum Resolution {
    Found(Task),
    Ambiguous(Vec<Task>),
    Missing,
}

/// Which tasks a command would rather act on when a phrase matches both kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    Open,
    Done,
}

const STOPWORDS: &[&str] = &[
    "the", "a", "an", "my", "task", "tasks", "todo", "to-do", "item", "that", "this", "one", "thing", "about", "for",
    "of", "reminder",
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w: String = w.to_lowercase().chars().map(super::reader::text::unaccented).collect();
            // "tasks" ~ "task", "groceries" ~ "grocery": a light singular is enough here
            if let Some(stem) = w.strip_suffix("ies").filter(|_| w.len() > 3) {
                format!("{stem}y")
            } else if let Some(stem) = w.strip_suffix('s').filter(|_| w.len() > 3 && !w.ends_with("ss")) {
                stem.to_owned()
            } else {
                w
            }
        })
        .collect()
}

fn significant(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect()
}

/// Resolves `target` among `tasks` (the user's), with `listed` the ids of the last list shown
/// and `last` the last task talked about.
pub fn resolve(target: &Target, tasks: &[Task], listed: &[String], last: Option<&str>, prefer: Prefer) -> Resolution {
    let by_id = |id: &str| tasks.iter().find(|t| t.id == id).cloned();
    match target {
        Target::It => last.and_then(by_id).map_or(Resolution::Missing, Resolution::Found),
        Target::Position(n) => n
            .checked_sub(1)
            .and_then(|i| listed.get(i))
            .and_then(|id| by_id(id))
            .map_or(Resolution::Missing, Resolution::Found),
        Target::LastListed => listed
            .last()
            .and_then(|id| by_id(id))
            .map_or(Resolution::Missing, Resolution::Found),
        Target::Tasks(ids) => {
            let mut found: Vec<Task> = ids.iter().filter_map(|id| by_id(id)).collect();
            // prefer open tasks to complete or change, done ones to reopen
            if found.iter().any(|t| preferred(t, prefer)) {
                found.retain(|t| preferred(t, prefer));
            }
            match found.len() {
                0 => Resolution::Missing,
                1 => found.pop().map_or(Resolution::Missing, Resolution::Found),
                _ => {
                    found.sort_by(|a, b| a.created_at.cmp(&b.created_at).then_with(|| a.id.cmp(&b.id)));
                    found.truncate(5);
                    Resolution::Ambiguous(found)
                }
            }
        }
        Target::Text(text) => {
            if let Some(task) = by_id(text.trim()) {
                return Resolution::Found(task);
            }
            by_words(text, tasks, prefer)
        }
    }
}

fn preferred(task: &Task, prefer: Prefer) -> bool {
    match prefer {
        Prefer::Open => !task.completed,
        Prefer::Done => task.completed,
    }
}

fn by_words(text: &str, tasks: &[Task], prefer: Prefer) -> Resolution {
    let wanted = significant(text);
    if wanted.is_empty() {
        return Resolution::Missing;
    }
    // a past-tense verb also matches its base: "bought" ~ "buy"
    let wanted_alt: Vec<String> = wanted
        .iter()
        .map(|w| base_verb(w).unwrap_or_else(|| w.clone()))
        .collect();
    let phrase = wanted.join(" ");
    // the first word may be left out only when it is a verb said first ("buy the milk"): in
    // "the gas bill" or "gas bill" it is what tells the task apart from "pay the water bill"
    let leading_verb = words(text)
        .first()
        .is_some_and(|first| !STOPWORDS.contains(&first.as_str()) && is_task_verb(first));
    let score = |task: &Task| -> u32 {
        let title = significant(&task.title);
        if title.join(" ") == phrase || title == wanted_alt {
            return 1000;
        }
        let hits = wanted
            .iter()
            .zip(&wanted_alt)
            .filter(|(w, alt)| title.contains(w) || title.contains(alt))
            .count();
        if hits == wanted.len() {
            // every word named but not the whole title: "milk" names "Buy milk" and "Buy milk
            // powder" alike, and the user is asked which
            return 500;
        }
        // partial: every word but a leading verb ("buy the milk" ~ "Milk powder") — the verb
        // is the word left out, or "call mom" would name "Call the plumber"
        let rest_hit = wanted
            .iter()
            .zip(&wanted_alt)
            .skip(1)
            .all(|(w, alt)| title.contains(w) || title.contains(alt));
        // (a letter or a number alone names nothing: "plan b" is not "option b")
        let mark = |w: &String| w.chars().any(|c| c.is_ascii_digit()) || w.chars().count() == 1;
        if wanted.len() >= 2 && leading_verb && rest_hit && !wanted[1..].iter().all(mark) {
            return 100 - (title.len() as u32).min(90);
        }
        0
    };
    let mut scored: Vec<(u32, &Task)> = tasks.iter().map(|t| (score(t), t)).filter(|(s, _)| *s > 0).collect();
    if scored.is_empty() {
        return Resolution::Missing;
    }
    // prefer open tasks to complete or change, done ones to reopen, when both match
    if scored.iter().any(|(_, t)| preferred(t, prefer)) {
        scored.retain(|(_, t)| preferred(t, prefer));
    }
    let best = scored.iter().map(|(s, _)| *s).max().unwrap_or(0);
    let top: Vec<Task> = scored
        .iter()
        .filter(|(s, _)| *s == best)
        .map(|(_, t)| (*t).clone())
        .collect();
    // a single best wins; two tasks of the same title are a question like any other tie, or a
    // command would pick one of them silently
    if top.len() == 1 {
        if let Some(task) = top.into_iter().next() {
            return Resolution::Found(task);
        }
        return Resolution::Missing;
    }
    let mut all: Vec<Task> = scored
        .iter()
        .filter(|(s, _)| *s == best)
        .map(|(_, t)| (*t).clone())
        .collect();
    all.sort_by(|a, b| a.created_at.cmp(&b.created_at).then_with(|| a.id.cmp(&b.id)));
    all.truncate(5);
    Resolution::Ambiguous(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str, title: &str, completed: bool) -> Task {
        Task {
            id: id.into(),
            title: title.into(),
            description: String::new(),
            completed,
            priority: Default::default(),
            due_at: None,
            tags: vec![],
            created_at: Default::default(),
            updated_at: Default::default(),
            completed_at: None,
            project_id: "p".into(),
            parent_id: None,
            subtasks: Default::default(),
            recurrence: None,
            reminders: vec![],
        }
    }

    fn found_in(tasks: &[Task], said: &str) -> String {
        match resolve(&Target::Text(said.into()), tasks, &[], None, Prefer::Open) {
            Resolution::Found(t) => t.id,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn resolution_table() {
        let tasks = vec![
            task("1", "Buy milk", false),
            task("2", "Buy milk powder", false),
            task("3", "Call mom", false),
            task("4", "Dentist appointment", false),
            task("5", "Pay rent", true),
            task("6", "Pay rent", false),
        ];
        let listed = vec!["3".to_owned(), "1".to_owned()];
        let found = |t: Target, p: Prefer| match resolve(&t, &tasks, &listed, Some("4"), p) {
            Resolution::Found(t) => t.id,
            other => format!("{other:?}"),
        };
        let text = |s: &str| Target::Text(s.into());
        assert_eq!(found(text("buy milk"), Prefer::Open), "1");
        assert_eq!(found(text("buy the milk"), Prefer::Open), "1");
        assert_eq!(found(text("the dentist"), Prefer::Open), "4");
        assert_eq!(found(text("mom"), Prefer::Open), "3");
        assert_eq!(found(text("call mom"), Prefer::Open), "3");
        assert_eq!(found(text("powder"), Prefer::Open), "2");
        assert_eq!(found(text("pay rent"), Prefer::Open), "6");
        assert_eq!(found(text("pay rent"), Prefer::Done), "5");
        assert_eq!(found(text("3"), Prefer::Open), "3");
        assert_eq!(found(Target::Position(2), Prefer::Open), "1");
        assert_eq!(found(Target::LastListed, Prefer::Open), "1");
        assert_eq!(found(Target::Tasks(vec!["5".into(), "6".into()]), Prefer::Done), "5");
        assert_eq!(found(Target::It, Prefer::Open), "4");
        assert!(
            matches!(resolve(&text("milk"), &tasks, &listed, None, Prefer::Open), Resolution::Ambiguous(v) if v.len() == 2)
        );
        // a leading verb alone names nothing: "call dad" is not "Call mom"
        assert_eq!(
            resolve(&text("call dad"), &tasks, &listed, None, Prefer::Open),
            Resolution::Missing
        );
        assert_eq!(
            resolve(&text("buy bread"), &tasks, &listed, None, Prefer::Open),
            Resolution::Missing
        );
        // a word that tells tasks apart is no verb to leave out: “the gas bill” is not “Pay the
        // water bill”, with or without “the”
        let bills = vec![task("8", "Pay the water bill", false)];
        for said in ["the gas bill", "gas bill", "my gas bill"] {
            assert_eq!(
                resolve(&text(said), &bills, &[], None, Prefer::Open),
                Resolution::Missing,
                "{said}"
            );
        }
        assert_eq!(found_in(&bills, "pay the bill"), "8");
        assert_eq!(found_in(&tasks, "bought the milk powder"), "2");
        assert_eq!(found_in(&tasks, "get the milk powder"), "2");
        // the same title twice, both open: asked, never picked
        let mut twins = tasks.clone();
        twins.push(task("7", "Call mom", false));
        assert!(
            matches!(resolve(&text("call mom"), &twins, &listed, None, Prefer::Open), Resolution::Ambiguous(v) if v.len() == 2)
        );
        // … unless only one of them is what the command prefers
        twins.last_mut().expect("pushed").completed = true;
        assert_eq!(
            resolve(&text("call mom"), &twins, &listed, None, Prefer::Open),
            Resolution::Found(tasks[2].clone())
        );
        assert_eq!(
            resolve(&text("walk the dog"), &tasks, &listed, None, Prefer::Open),
            Resolution::Missing
        );
        assert_eq!(
            resolve(&Target::Position(5), &tasks, &listed, None, Prefer::Open),
            Resolution::Missing
        );
        assert_eq!(
            resolve(&Target::It, &tasks, &listed, None, Prefer::Open),
            Resolution::Missing
        );
        assert_eq!(
            resolve(&text("the"), &tasks, &listed, None, Prefer::Open),
            Resolution::Missing
        );
    }
}
