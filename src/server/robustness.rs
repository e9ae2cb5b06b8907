//! Property tests: every reader of user text and every parser of input, fed arbitrary Unicode,
//! extreme dates and numbers, must answer without panicking. Each property runs `CASES`
//! generated inputs (the test command runs them all; `PROPTEST_CASES` overrides).
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, NaiveDateTime, Utc};
use proptest::prelude::*;

use crate::domain::chat::{parse_message, title_from};
use crate::domain::query::TaskQueryParams;
use crate::domain::quick_add::parse_quick_add;
use crate::domain::task::{parse_due_at, parse_tag, Tags, TaskDescription, TaskTitle};
use crate::domain::user::{parse_name, safe_next_path, Email};
use crate::server::assistant::reader::{read_command, target};
use crate::server::assistant::resolve::{resolve, Prefer};
use crate::server::tasks::{draft_from_form, to_utc, user_tz, TaskForm};

const CASES: u32 = 1000;

/// Words the readers look for, so generated text reaches past their first checks.
const VOCABULARY: &[&str] = &[
    "add",
    "remind",
    "me",
    "to",
    "tomorrow",
    "at",
    "5pm",
    "friday",
    "next",
    "monday",
    "in",
    "3",
    "days",
    "weeks",
    "every",
    "other",
    "week",
    "day",
    "month",
    "on",
    "the",
    "15th",
    "last",
    "high",
    "priority",
    "!high",
    "#home",
    "tag",
    "it",
    "done",
    "complete",
    "mark",
    "as",
    "rename",
    "move",
    "delete",
    "all",
    "completed",
    "tasks",
    "what's",
    "due",
    "this",
    "overdue",
    "find",
    "about",
    "i",
    "bought",
    "called",
    "丸ed",
    "ed",
    "ied",
    "ies",
    "'",
    "\"",
    "“",
    "”",
    ",",
    ".",
    "?",
    "!",
    "yes",
    "no",
    "second",
    "one",
    "#",
    "+",
    "dec",
    "24",
    "12:30am",
    "00:00",
    "99:99",
    "2026-13-45",
    "9999-12-31",
    "0000-01-01",
    "-1",
    "1e12",
    "in a",
    "noon",
    "midnight",
    "tonight",
    "tmrw",
    "é",
    "\u{0}",
    "\u{202e}",
    "\u{fffd}",
    "🙂",
    "ǅ",
    "İ",
    "ß",
];

fn sentence() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        3 => proptest::sample::select(VOCABULARY).prop_map(str::to_owned),
        1 => any::<String>(),
        1 => "[0-9]{1,12}",
        1 => "\\PC{1,6}",
    ];
    proptest::collection::vec(word, 0..14).prop_map(|words| words.join(" "))
}

/// Any instant chrono can hold, as a local "now".
fn any_now() -> impl Strategy<Value = NaiveDateTime> {
    prop_oneof![
        any::<i64>().prop_map(|s| DateTime::<Utc>::from_timestamp(s % 8_210_298_412_799, 0)
            .unwrap_or_default()
            .naive_utc()),
        Just(NaiveDateTime::MIN),
        Just(NaiveDateTime::MAX),
        Just(DateTime::<Utc>::from_timestamp(0, 0).unwrap().naive_utc()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn the_builtin_reader_never_panics(text in sentence()) {
        let _ = read_command(&text);
        let _ = target(&text);
    }

    #[test]
    fn the_builtin_reader_never_panics_on_raw_unicode(text in any::<String>()) {
        let _ = read_command(&text);
    }

    #[test]
    fn quick_add_never_panics(text in sentence(), now in any_now()) {
        let quick = parse_quick_add(&text, now);
        prop_assert!(quick.title.len() <= text.len());
    }

    #[test]
    fn field_parsers_never_panic(text in sentence(), raw in any::<String>()) {
        for input in [&text, &raw] {
            let _ = TaskTitle::parse(input);
            let _ = TaskDescription::parse(input);
            let _ = parse_tag(input);
            let _ = Tags::parse_list(input);
            let _ = parse_due_at(input);
            let _ = Email::parse(input);
            let _ = parse_name(input);
            let _ = parse_message(input);
            let _ = title_from(input);
            let _ = safe_next_path(Some(input));
            let _ = crate::ui::components::markdown::parse(input);
        }
    }

    #[test]
    fn list_queries_never_panic(
        values in proptest::collection::vec(prop_oneof![any::<String>(), "[0-9-]{0,25}", sentence()], 10)
    ) {
        let params = TaskQueryParams {
            status: Some(values[0].clone()),
            priority: Some(values[1].clone()),
            tag: Some(values[2].clone()),
            q: Some(values[3].clone()),
            due: Some(values[4].clone()),
            sort: Some(values[5].clone()),
            limit: Some(values[6].clone()),
            cursor: Some(values[7].clone()),
            project: Some(values[8].clone()),
            parent: Some(values[9].clone()),
        };
        let _ = params.parse();
    }

    #[test]
    fn the_dashboard_form_never_panics(
        title in sentence(),
        due in prop_oneof![any::<String>(), "[+-]?[0-9]{1,6}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}"],
        zone in prop_oneof![Just("UTC".to_owned()), Just("Pacific/Kiritimati".to_owned()), Just("America/St_Johns".to_owned()), any::<String>()],
        priority in any::<String>(),
    ) {
        let form = TaskForm {
            title,
            description: Some("d".into()),
            priority: Some(priority),
            due: Some(due),
            tags: Some("a, b".into()),
            project: None,
            parent: None,
            due_today: true,
        };
        let _ = draft_from_form(form, user_tz(&zone));
    }

    #[test]
    fn local_times_convert_at_the_edges(now in any_now()) {
        for zone in ["UTC", "Europe/Berlin", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago"] {
            let _ = to_utc(now, user_tz(zone));
        }
    }

    #[test]
    fn resolving_a_reference_never_panics(phrase in sentence(), titles in proptest::collection::vec(sentence(), 0..6)) {
        let tasks: Vec<crate::domain::task::Task> = titles
            .into_iter()
            .enumerate()
            .map(|(i, title)| crate::domain::task::Task {
                id: i.to_string(),
                title,
                description: String::new(),
                completed: i % 2 == 0,
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
            })
            .collect();
        let _ = resolve(&target(&phrase), &tasks, &["1".to_owned()], Some("0"), Prefer::Open);
    }
}

#[test]
fn the_reported_panics_stay_fixed() {
    for text in ["complete 丸ed", "i 丸ed x", "i ǅǅed the thing", "mark 丸ed as urgent"] {
        let _ = read_command(text);
    }
}
