//! What QA pass 6 found: a verb at the start of a title read as the command ("make delete old
//! photos high priority" deleted it), and a reminder said with a new task kept in its title.
use super::{backends, say, task, user, ConversationState, UserScope};

#[tokio::test]
async fn a_titles_first_word_is_not_the_command() {
    for fresh in backends().await {
        let me = user(&fresh.db, "verbs@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        for title in [
            "delete old photos",
            "complete tax return",
            "check oven",
            "close old bank account",
        ] {
            say(&scope, &mut state, &format!("add {title}")).await;
        }
        for (message, title, priority) in [
            ("make delete old photos high priority", "delete old photos", "high"),
            ("make complete tax return high priority", "complete tax return", "high"),
            ("set the priority of check oven to low", "check oven", "low"),
            (
                "please make close old bank account urgent",
                "close old bank account",
                "high",
            ),
        ] {
            let answer = say(&scope, &mut state, message).await;
            let t = task(&scope, title).await;
            assert!(!t.completed, "{message}: {answer}");
            assert_eq!(t.priority.as_str(), priority, "{message}: {answer}");
        }
        // the title's own verb still works when it is the message's only one
        say(&scope, &mut state, "add finish the report").await;
        let answer = say(&scope, &mut state, "I finished the report").await;
        assert!(task(&scope, "finish the report").await.completed, "{answer}");
        let answer = say(&scope, &mut state, "delete old photos").await;
        assert!(answer.starts_with("Deleted"), "{answer}");
    }
}

#[tokio::test]
async fn a_reminder_said_with_a_new_task_is_set_on_it() {
    for fresh in backends().await {
        let me = user(&fresh.db, "remind-new@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        for (message, title, minutes) in [
            (
                "add call grandma sunday 4pm, remind me 30 minutes before",
                "call grandma",
                30,
            ),
            ("add dentist friday 3pm and remind me an hour before", "dentist", 60),
            (
                "add team lunch thursday 12:30 with a reminder 10m before",
                "team lunch",
                10,
            ),
            (
                "add standup every weekday at 9am, ping me 5 minutes before it",
                "standup",
                5,
            ),
        ] {
            let answer = say(&scope, &mut state, message).await;
            let t = task(&scope, title).await;
            let before: Vec<Option<u32>> = t.reminders.iter().map(|r| r.before_minutes).collect();
            assert_eq!(before, [Some(minutes)], "{message}: {answer}");
            assert!(answer.contains("reminder"), "{answer}");
        }
        // without a due date it is refused, and nothing is added
        let answer = say(&scope, &mut state, "add water plants, remind me 30 minutes before").await;
        assert!(answer.contains("needs a due date"), "{answer}");
        assert_eq!(scope.count_tasks().await.expect("a count"), 4);
        // "remind me N before X" is about a task one has, even with such a title around
        scope
            .create_task(
                crate::domain::task::TaskDraft::from_input(crate::domain::task::TaskInput {
                    title: "call mum remind me 20 minutes before".into(),
                    ..Default::default()
                })
                .expect("a draft"),
            )
            .await
            .expect("a task");
        let answer = say(&scope, &mut state, "remind me 20 minutes before team lunch").await;
        assert!(
            answer.starts_with("I'll remind you 20 min before “team lunch”"),
            "{answer}"
        );
        let lunch = task(&scope, "team lunch").await;
        assert_eq!(lunch.reminders.len(), 2, "{answer}");
    }
}

#[tokio::test]
async fn what_qa_pass_17_found() {
    let fresh = backends().await.into_iter().next().expect("sqlite");
    let me = user(&fresh.db, "qa17@example.com").await;
    let scope = UserScope::new(&fresh.db, &me);
    let mut state = ConversationState::default();
    // "<a new task>, it's important": that task, high priority; the task before it unchanged
    say(&scope, &mut state, "add pick up scrubs tomorrow").await;
    let added = say(
        &scope,
        &mut state,
        "need to call pharmacy abt refill by wed, its important",
    )
    .await;
    assert!(added.starts_with("Added “call pharmacy abt refill” — due "), "{added}");
    assert!(added.contains("high priority"), "{added}");
    assert_eq!(
        task(&scope, "pick up scrubs").await.priority,
        crate::domain::task::Priority::None
    );
    // the day asked about without "add", answered
    let asked = say(&scope, &mut state, "ring bank tursday 10am").await;
    assert_eq!(asked, "“tursday” could be Tuesday or Thursday: which did you mean?");
    let added = say(&scope, &mut state, "thursday").await;
    assert!(added.starts_with("Added “ring bank” — due Thu "), "{added}");
    // "check off" a task whose name shares a word with another
    say(&scope, &mut state, "add payroll check every other week").await;
    say(&scope, &mut state, "add get a haircut").await;
    let done = say(&scope, &mut state, "check off haircut").await;
    assert_eq!(done, "Completed “get a haircut”.");
    // a one-word repeat before the title, a fuller one after it: a word of the title
    say(&scope, &mut state, "add weekly review every friday at 5pm").await;
    assert!(task(&scope, "weekly review").await.recurrence.is_some());
    // "move today's tasks to …": every task of that day, named and asked about first
    say(&scope, &mut state, "add water the plants today").await;
    say(&scope, &mut state, "add sort the mail").await;
    let asked = say(&scope, &mut state, "move today's tasks to the day after tomorrow").await;
    assert!(asked.starts_with("Move th"), "{asked}");
    assert!(asked.contains("“water the plants”"), "{asked}");
    assert!(!asked.contains("sort the mail"), "{asked}");
    say(&scope, &mut state, "no").await;
    // a second offer says the first was left out
    say(&scope, &mut state, "buy stamps tomorrow").await;
    let second = say(&scope, &mut state, "call the vet friday").await;
    assert!(
        second.ends_with("(I didn't add “buy stamps”: say “add buy stamps tomorrow” for it too.)"),
        "{second}"
    );
}
