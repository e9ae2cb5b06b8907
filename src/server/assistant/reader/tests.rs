//! A table of phrasings for the builtin reader; each base phrasing is also tried with polite
//! openings and closings, so the table covers several hundred messages.
use super::*;
use crate::domain::query::{DueFilter as D, StatusFilter as S};
use crate::domain::task::Priority as P;

fn text(t: &str) -> Target {
    Target::Text(t.to_owned())
}

fn add(t: &str) -> Command {
    Command::Add(t.to_owned())
}

fn list(status: S, priority: Option<P>, due: Option<D>, tag: Option<&str>, q: Option<&str>) -> Command {
    Command::List(ListFilter {
        status: Some(status),
        priority,
        due,
        tag: tag.map(str::to_owned),
        q: q.map(str::to_owned),
        within: None,
        under: None,
        span: None,
        sort: None,
        first: false,
        by_completion: false,
    })
}

fn open() -> Command {
    list(S::Open, None, None, None, None)
}

fn cases() -> Vec<(&'static str, Command)> {
    vec![
        // adding
        ("Add a task to buy milk", add("buy milk")),
        ("add buy milk", add("buy milk")),
        ("add 🎂 order the cake", add("🎂 order the cake")),
        ("add buy café crème & croissants", add("buy café crème & croissants")),
        ("add buy (urgent!) milk", add("buy !high milk")),
        ("add fix the (broken) door", add("fix the (broken) door")),
        ("add 🎉🎉 party with friends", add("🎉🎉 party with friends")),
        ("add wrap gifts 🎁", add("wrap gifts 🎁")),
        ("add buy milk please", add("buy milk")),
        ("add \"buy milk\"", add("buy milk")),
        ("create a task to buy milk", add("buy milk")),
        ("new task: buy milk", add("buy milk")),
        ("todo: buy milk", add("buy milk")),
        ("I need to buy milk", add("buy milk")),
        ("i have to buy milk", add("buy milk")),
        ("don't forget to buy milk", add("buy milk")),
        ("Don’t forget to buy milk", add("buy milk")),
        ("remind me to call mom tomorrow at 5pm", add("call mom tomorrow at 5pm")),
        ("Remind me to call mom tomorrow at 5pm", add("call mom tomorrow at 5pm")),
        ("remind me call mom tomorrow 5pm", add("call mom tomorrow 5pm")),
        (
            "add pay rent on friday, high priority, tag it home",
            add("pay rent on friday !high #home"),
        ),
        (
            "add pay rent friday with high priority tagged home",
            add("pay rent friday !high #home"),
        ),
        ("add pay rent friday, priority high", add("pay rent friday !high")),
        ("add water plants, low priority", add("water plants !low")),
        ("add file taxes tagged money and admin", add("file taxes #money #admin")),
        ("add file taxes, due april 15", add("file taxes april 15")),
        (
            "add call the dentist to book a cleaning",
            add("call the dentist to book a cleaning"),
        ),
        ("add move the couch", add("move the couch")),
        ("add delete old photos", add("delete old photos")),
        (
            "add a reminder to take out the trash tonight",
            add("take out the trash tonight"),
        ),
        ("note to self: renew passport", add("renew passport")),
        // listing
        ("What do I have to do?", open()),
        (
            "show me tasks without a date",
            list(S::Open, None, Some(D::None), None, None),
        ),
        ("what did i finish", list(S::Done, None, None, None, None)),
        (
            "what about tomorrow?",
            list(S::Open, None, Some(D::Tomorrow), None, None),
        ),
        (
            "what do i need to do today",
            list(S::Open, None, Some(D::Today), None, None),
        ),
        ("what's on my list", open()),
        ("What’s on my plate?", open()),
        ("show my tasks", open()),
        ("list my tasks", open()),
        ("my tasks", open()),
        ("show all my tasks", list(S::All, None, None, None, None)),
        ("show my completed tasks", list(S::Done, None, None, None, None)),
        ("list done tasks", list(S::Done, None, None, None, None)),
        ("what have i finished", list(S::Done, None, None, None, None)),
        (
            "what's due this week?",
            list(S::Open, None, Some(D::ThisWeek), None, None),
        ),
        ("whats due today", list(S::Open, None, Some(D::Today), None, None)),
        (
            "what is due this week",
            list(S::Open, None, Some(D::ThisWeek), None, None),
        ),
        (
            "list high priority tasks",
            list(S::Open, Some(P::High), None, None, None),
        ),
        (
            "show me low priority tasks",
            list(S::Open, Some(P::Low), None, None, None),
        ),
        ("show urgent tasks", list(S::Open, Some(P::High), None, None, None)),
        ("anything overdue?", list(S::Open, None, Some(D::Overdue), None, None)),
        ("is anything overdue", list(S::Open, None, Some(D::Overdue), None, None)),
        ("what's overdue", list(S::Open, None, Some(D::Overdue), None, None)),
        (
            "do i have anything due today",
            list(S::Open, None, Some(D::Today), None, None),
        ),
        ("find tasks about milk", list(S::Open, None, None, None, Some("milk"))),
        ("search for milk", list(S::Open, None, None, None, Some("milk"))),
        ("find milk", list(S::Open, None, None, None, Some("milk"))),
        ("look for the dentist", list(S::Open, None, None, None, Some("dentist"))),
        ("show tasks tagged home", list(S::Open, None, None, Some("home"), None)),
        ("show #work tasks", list(S::Open, None, None, Some("work"), None)),
        ("show tasks due today", list(S::Open, None, Some(D::Today), None, None)),
        (
            "tasks due this week",
            list(S::Open, None, Some(D::ThisWeek), None, None),
        ),
        // completing
        ("I bought the milk", Command::Complete(text("buy the milk"))),
        ("i just bought milk", Command::Complete(text("buy milk"))),
        ("I called mom", Command::Complete(text("call mom"))),
        ("i paid the rent", Command::Complete(text("pay the rent"))),
        ("I've fixed the bike", Command::Complete(text("fix the bike"))),
        ("i finished the report", Command::Complete(text("the report"))),
        ("mark buy milk as done", Command::Complete(text("buy milk"))),
        ("mark \"buy milk\" as done", Command::Complete(text("buy milk"))),
        ("mark buy milk done", Command::Complete(text("buy milk"))),
        ("mark buy milk as complete", Command::Complete(text("buy milk"))),
        ("set buy milk to done", Command::Complete(text("buy milk"))),
        ("complete buy milk", Command::Complete(text("buy milk"))),
        ("finish the report", Command::Complete(text("the report"))),
        ("check off buy milk", Command::Complete(text("buy milk"))),
        ("tick off buy milk", Command::Complete(text("buy milk"))),
        ("cross off buy milk", Command::Complete(text("buy milk"))),
        ("buy milk is done", Command::Complete(text("buy milk"))),
        ("the report is finished", Command::Complete(text("the report"))),
        ("done with the report", Command::Complete(text("the report"))),
        ("I'm done with the report", Command::Complete(text("the report"))),
        ("complete the second one", Command::Complete(Target::Position(2))),
        ("mark the first one as done", Command::Complete(Target::Position(1))),
        ("complete number 3", Command::Complete(Target::Position(3))),
        ("complete the 22nd one", Command::Complete(Target::Position(22))),
        ("delete the 101st", Command::Delete(Target::Position(101))),
        ("finish the twelfth one", Command::Complete(Target::Position(12))),
        ("complete #2", Command::Complete(Target::Position(2))),
        ("finish the last one", Command::Complete(Target::LastListed)),
        ("mark it done", Command::Complete(Target::It)),
        ("mark it as done", Command::Complete(Target::It)),
        ("complete it", Command::Complete(Target::It)),
        ("it's done", Command::Complete(Target::It)),
        // reopening
        ("reopen buy milk", Command::Reopen(text("buy milk"))),
        ("mark buy milk as not done", Command::Reopen(text("buy milk"))),
        ("uncheck buy milk", Command::Reopen(text("buy milk"))),
        ("buy milk isn't done", Command::Reopen(text("buy milk"))),
        ("mark it as undone", Command::Reopen(Target::It)),
        ("reopen the second one", Command::Reopen(Target::Position(2))),
        // renaming
        (
            "rename buy milk to buy oat milk",
            Command::Rename(text("buy milk"), "buy oat milk".into()),
        ),
        (
            "Rename \"buy milk\" to \"buy oat milk\"",
            Command::Rename(text("buy milk"), "buy oat milk".into()),
        ),
        (
            "change the name of buy milk to buy oat milk",
            Command::Rename(text("buy milk"), "buy oat milk".into()),
        ),
        (
            "rename it to buy oat milk",
            Command::Rename(Target::It, "buy oat milk".into()),
        ),
        (
            "rename go to gym to gym session",
            Command::Rename(text("go to gym"), "gym session".into()),
        ),
        // rescheduling
        (
            "move the dentist to next monday",
            Command::Reschedule(text("the dentist"), "next monday".into()),
        ),
        (
            "reschedule the dentist to friday 3pm",
            Command::Reschedule(text("the dentist"), "friday 3pm".into()),
        ),
        (
            "postpone pay rent to tomorrow",
            Command::Reschedule(text("pay rent"), "tomorrow".into()),
        ),
        (
            "push the report to next week",
            Command::Reschedule(text("the report"), "next week".into()),
        ),
        (
            "the dentist is due next monday",
            Command::Reschedule(text("the dentist"), "next monday".into()),
        ),
        (
            "change the due date of pay rent to friday",
            Command::Reschedule(text("pay rent"), "friday".into()),
        ),
        (
            "move it to tomorrow",
            Command::Reschedule(Target::It, "tomorrow".into()),
        ),
        // priority
        (
            "make call mom high priority",
            Command::SetPriority(text("call mom"), P::High),
        ),
        (
            "make call mom a high priority",
            Command::SetPriority(text("call mom"), P::High),
        ),
        (
            "set call mom to low priority",
            Command::SetPriority(text("call mom"), P::Low),
        ),
        (
            "set call mom to priority medium",
            Command::SetPriority(text("call mom"), P::Medium),
        ),
        (
            "change the priority of call mom to high",
            Command::SetPriority(text("call mom"), P::High),
        ),
        (
            "mark call mom as urgent",
            Command::SetPriority(text("call mom"), P::High),
        ),
        ("call mom is urgent", Command::SetPriority(text("call mom"), P::High)),
        ("prioritize call mom", Command::SetPriority(text("call mom"), P::High)),
        ("make it high priority", Command::SetPriority(Target::It, P::High)),
        // deleting
        ("delete the milk task", Command::Delete(text("the milk task"))),
        ("remove buy milk", Command::Delete(text("buy milk"))),
        ("get rid of buy milk", Command::Delete(text("buy milk"))),
        ("delete buy milk from my list", Command::Delete(text("buy milk"))),
        ("delete it", Command::Delete(Target::It)),
        ("delete the third one", Command::Delete(Target::Position(3))),
        ("delete all completed tasks", Command::DeleteCompleted),
        ("remove completed tasks", Command::DeleteCompleted),
        ("clear all done tasks", Command::DeleteCompleted),
        ("get rid of the finished ones", Command::DeleteCompleted),
        ("clear completed", Command::DeleteCompleted),
        // confirmations
        ("yes", Command::Yes),
        ("Yes please", Command::Yes),
        ("yep", Command::Yes),
        ("go ahead", Command::Yes),
        ("no", Command::No),
        ("cancel", Command::No),
        ("never mind", Command::No),
        // reminders on a task that exists
        (
            "remind me 10 minutes before the dentist",
            Command::RemindBefore(text("the dentist"), 10),
        ),
        (
            "remind me an hour before pay rent",
            Command::RemindBefore(text("pay rent"), 60),
        ),
        (
            "remind me half an hour before the meeting",
            Command::RemindBefore(text("the meeting"), 30),
        ),
        (
            "set a reminder 2 days before the flight",
            Command::RemindBefore(text("the flight"), 2880),
        ),
        (
            "remind me about the dentist 15 min before",
            Command::RemindBefore(text("the dentist"), 15),
        ),
        ("ping me 5m before standup", Command::RemindBefore(text("standup"), 5)),
        ("remind me to call mom tomorrow at 5pm", add("call mom tomorrow at 5pm")),
        // help and nonsense
        ("help", Command::Help),
        ("what can you do?", Command::Help),
        ("What can you do", Command::Help),
        ("how does this work", Command::Help),
        ("hello", Command::Help),
        ("asdf qwerty", Command::Unknown),
        ("the weather is nice", Command::Unknown),
        ("", Command::Unknown),
        ("   ", Command::Unknown),
    ]
}

#[test]
fn the_table_reads_as_expected() {
    let mut failures = Vec::new();
    for (phrase, want) in cases() {
        let got = read_command(phrase);
        if got != want {
            failures.push(format!("{phrase:?}\n   got  {got:?}\n   want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} phrasings misread:\n{}",
        failures.len(),
        cases().len(),
        failures.join("\n")
    );
}

#[test]
fn politeness_and_punctuation_change_nothing() {
    let openings = [
        "",
        "please ",
        "Please, ",
        "can you ",
        "could you please ",
        "hey, ",
        "ok ",
    ];
    let closings = ["", " please", ".", "!", " thanks", " for me"];
    let mut checked = 0;
    let mut failures = Vec::new();
    for (phrase, want) in cases() {
        if phrase.trim().is_empty() || matches!(want, Command::Yes | Command::No | Command::Help | Command::Unknown) {
            continue;
        }
        for o in openings {
            for c in closings {
                let variant = format!("{o}{phrase}{c}");
                checked += 1;
                let got = read_command(&variant);
                if got != want {
                    failures.push(format!("{variant:?} → {got:?}"));
                }
            }
        }
    }
    assert!(checked > 3000, "{checked}");
    assert!(
        failures.is_empty(),
        "{} of {checked} variants misread:\n{}",
        failures.len(),
        failures.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn base_verbs() {
    for (past, base) in [
        ("bought", "buy"),
        ("called", "call"),
        ("fixed", "fix"),
        ("emailed", "email"),
        ("carried", "carry"),
        ("stopped", "stop"),
        ("mailed", "mail"),
    ] {
        assert_eq!(base_verb(past).as_deref(), Some(base), "{past}");
    }
    assert_eq!(base_verb("milk"), None);
}

#[test]
fn projects_and_subtasks_read_as_commands() {
    for (text, name) in [
        ("create a project called Renovation", "Renovation"),
        ("new project: Renovation", "Renovation"),
        ("make a new project named \"Home office\"", "Home office"),
        ("start a project for the wedding", "the wedding"),
        ("start a project for the kitchen remodel", "Kitchen remodel"),
        ("make a project for my tax return", "Tax return"),
        ("create a groceries project", "Groceries"),
        ("make a new Home Reno project", "Home Reno"),
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
fn places_have_kinds() {
    assert_eq!(place_kind("work project"), (Some(PlaceKind::Project), "work".into()));
    assert_eq!(
        place_kind("the plan party task"),
        (Some(PlaceKind::Task), "plan party".into())
    );
    assert_eq!(place_kind("groceries"), (None, "groceries".into()));
}

#[test]
fn tool_references_read_as_targets() {
    assert_eq!(target("it"), Target::It);
    assert_eq!(target("the second one"), Target::Position(2));
    assert_eq!(target("#3"), Target::Position(3));
    assert_eq!(target("the last one"), Target::LastListed);
    assert_eq!(target("\"Buy milk\""), Target::Text("buy milk".into()));
    assert_eq!(
        target("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
        Target::Text("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b".into())
    );
}

#[test]
fn titles_keep_the_users_own_text() {
    assert_eq!(
        read_command("add buy (organic) Milk"),
        Command::Add("buy (organic) Milk".into())
    );
    assert_eq!(
        read_command("add see ![x](http://127.0.0.1:9/x.png)"),
        Command::Add("see ![x](http://127.0.0.1:9/x.png)".into())
    );
    assert_eq!(
        read_command("add milk, eggs and butter"),
        Command::Add("milk, eggs and butter".into())
    );
    assert_eq!(
        read_command("add call mom (urgent) tomorrow"),
        Command::Add("call mom !high tomorrow".into())
    );
}

/// The QA pass's day: Sunday 2026-12-06, 10:00, for a user with no tasks.
fn qa_known() -> Known {
    let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 6)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("a date");
    Known::new(&[], &[], now)
}

type Added = (
    String,
    Option<String>,
    Option<(String, crate::domain::recurrence::RecurFrom)>,
);

/// A new task's title, due date and repeat, as the message reads on the QA pass's day.
fn added(message: &str) -> Added {
    let known = qa_known();
    match read(message, &known) {
        Command::Add(text) => {
            let q = crate::domain::quick_add::parse_quick_add(&text, known.now);
            let due = q.due.map(|d| d.format("%Y-%m-%d %H:%M").to_string());
            (q.title, due, q.recurrence.map(|r| (r.rule, r.from)))
        }
        other => panic!("{message:?} → {other:?}"),
    }
}

fn task(title: &str, due: Option<&str>) -> Added {
    (title.to_owned(), due.map(str::to_owned), None)
}

#[test]
fn a_year_said_with_a_date_is_the_due_dates() {
    for message in [
        "add renew lease on december 31 2027",
        "add renew lease dec 31, 2027",
        "add renew lease 31 december 2027",
        "remind me to renew lease on the 31st of december 2027",
    ] {
        assert_eq!(
            added(message),
            task("renew lease", Some("2027-12-31 23:59")),
            "{message}"
        );
    }
    assert_eq!(added("add x april 15th 2027"), task("x", Some("2027-04-15 23:59")));
    // "deadline" after the title's words is one of them; said apart, it only says when
    assert_eq!(
        added("add tax deadline april 15, 2027"),
        task("tax deadline", Some("2027-04-15 23:59"))
    );
    assert_eq!(
        added("add file taxes, deadline april 15"),
        task("file taxes", Some("2027-04-15 23:59"))
    );
    assert_eq!(
        read("move the lease to dec 31, 2027", &qa_known()),
        Command::Reschedule(text("the lease"), "dec 31, 2027".into())
    );
}

#[test]
fn an_hour_after_at_is_a_time() {
    use crate::domain::recurrence::RecurFrom;
    let weekdays = Some(("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR".to_owned(), RecurFrom::Due));
    assert_eq!(
        added("add standup every weekday at 9"),
        ("standup".to_owned(), Some("2026-12-07 09:00".to_owned()), weekdays)
    );
    assert_eq!(
        added("remind me to call mom at 17"),
        task("call mom", Some("2026-12-06 17:00"))
    );
    assert_eq!(added("add call mom at 5"), task("call mom", Some("2026-12-06 17:00")));
    assert_eq!(
        read("move standup to friday at 9", &qa_known()),
        Command::Reschedule(text("standup"), "friday at 9".into())
    );
}

#[test]
fn a_title_with_a_repeat_is_a_new_task() {
    use crate::domain::recurrence::RecurFrom;
    // not a deletion ("trash"), and no "add" needed
    let mondays = Some(("FREQ=WEEKLY;BYDAY=MO".to_owned(), RecurFrom::Due));
    for message in ["take out the trash every monday", "every monday take out the trash"] {
        assert_eq!(
            added(message),
            ("take out the trash".to_owned(), None, mondays.clone()),
            "{message}"
        );
    }
    assert_eq!(added("clean the gutters every 3 months").0, "clean the gutters");
    assert_eq!(
        read("delete take out the trash", &qa_known()),
        Command::Delete(text("take out the trash"))
    );
}

#[test]
fn todoists_every_bang_repeats_from_completion() {
    use crate::domain::recurrence::RecurFrom;
    let every_two_days = Some(("FREQ=DAILY;INTERVAL=2".to_owned(), RecurFrom::Completion));
    for message in ["add water plants every! 2 days", "water plants every! 2 days, add it"] {
        assert_eq!(
            added(message),
            ("water plants".to_owned(), None, every_two_days.clone()),
            "{message}"
        );
    }
}

#[test]
fn impossible_dates_are_kept_whole_for_the_answer() {
    let known = qa_known();
    assert_eq!(read("add buy gift on feb 30", &known), add("buy gift on feb 30"));
    assert_eq!(read("add z at 13pm", &known), add("z at 13pm"));
    assert_eq!(
        read("move the dentist to feb 30", &known),
        Command::Reschedule(text("the dentist"), "feb 30".into())
    );
}
