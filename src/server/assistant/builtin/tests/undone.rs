//! "undo" right after any change the assistant made (was: only a deletion or a completion), a
//! completion denied right after ("oops no it isnt"), and "don't forget to X" with X on the list.
use chrono::Duration;

use super::{backends, local, say, task, time, user, ConversationState, UserScope};
use crate::domain::task::{Priority, TaskPatch, TaskTitle};
use crate::server::tasks::local_now;

#[tokio::test]
async fn undo_puts_back_what_the_last_turn_changed() {
    for fresh in backends().await {
        let me = user(&fresh.db, "undone@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add dentist friday at 3pm #health").await;
        say(&scope, &mut state, "remind me about the dentist 30 minutes before").await;
        let before = task(&scope, "dentist").await;
        assert!(before.reminders.iter().any(|r| r.before_minutes == Some(30)));

        // a move: the day and the reminder before it, back
        say(&scope, &mut state, "move the dentist to next monday at 10am").await;
        assert_ne!(task(&scope, "dentist").await.due_at, before.due_at);
        let undone = say(&scope, &mut state, "undo").await;
        assert!(undone.starts_with("“dentist” is as it was, due"), "{undone}");
        let after = task(&scope, "dentist").await;
        assert_eq!(after.due_at, before.due_at);
        let fires = |t: &crate::domain::task::Task| {
            t.reminders
                .iter()
                .map(|r| (r.before_minutes, r.fire_at))
                .collect::<Vec<_>>()
        };
        assert_eq!(fires(&after), fires(&before));

        // a rename, tags, a priority, in other words
        for (change, undo) in [
            ("rename dentist to dentist checkup", "undo that"),
            ("tag the dentist with teeth", "oops, revert that"),
            ("make the dentist high priority", "change it back please"),
            ("add a note to the dentist: bring the x-rays", "undo the last change"),
        ] {
            say(&scope, &mut state, change).await;
            assert_ne!(task_named(&scope, &before.id).await, before_fields(&before), "{change}");
            let undone = say(&scope, &mut state, undo).await;
            assert!(
                undone.starts_with("“dentist” is as it was"),
                "{change} / {undo}: {undone}"
            );
            assert_eq!(
                task_named(&scope, &before.id).await,
                before_fields(&before),
                "{change} / {undo}"
            );
        }

        // once only: a second "undo" has nothing to undo (and changes nothing)
        let again = say(&scope, &mut state, "undo").await;
        assert!(again.starts_with("There is nothing for me to undo"), "{again}");
        // only right after: a turn between, and the change stays
        say(&scope, &mut state, "make the dentist high priority").await;
        say(&scope, &mut state, "what's due this week?").await;
        let late = say(&scope, &mut state, "undo").await;
        assert!(late.starts_with("There is nothing for me to undo"), "{late}");
        assert_eq!(task(&scope, "dentist").await.priority, Priority::High);

        // changed since (another tab): left as it is now, and said
        say(&scope, &mut state, "move the dentist to saturday").await;
        let id = task(&scope, "dentist").await.id;
        let elsewhere = TaskPatch {
            title: Some(TaskTitle::parse("dentist (moved by hand)").expect("a title")),
            ..Default::default()
        };
        scope.update_task(&id, elsewhere).await.expect("changed elsewhere");
        let refused = say(&scope, &mut state, "undo").await;
        assert!(
            refused.contains("changed since, so I left it as it is now"),
            "{refused}"
        );
        let now = task(&scope, "dentist (moved by hand)").await;
        assert_eq!(local(&now).map(|d| d.time()), Some(time(15, 0)));
        assert_ne!(now.due_at, before.due_at);
    }
}

/// The fields an undo puts back, of the task with `id`.
async fn task_named(scope: &UserScope<'_>, id: &str) -> (String, Vec<String>, Priority, String) {
    let t = scope.get_task(id).await.expect("the task");
    before_fields(&t)
}

fn before_fields(t: &crate::domain::task::Task) -> (String, Vec<String>, Priority, String) {
    (t.title.clone(), t.tags.clone(), t.priority, t.description.clone())
}

#[tokio::test]
async fn undo_after_an_add_or_a_change_to_many() {
    for fresh in backends().await {
        let me = user(&fresh.db, "undone-many@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        // an add: the task removed again, once (a second "undo" is no redo)
        say(&scope, &mut state, "add buy stamps").await;
        let removed = say(&scope, &mut state, "undo").await;
        assert_eq!(removed, "Removed “buy stamps”.");
        assert!(scope.recent_tasks(10).await.expect("tasks").is_empty());
        let again = say(&scope, &mut state, "undo").await;
        assert!(again.starts_with("There is nothing for me to undo"), "{again}");
        assert!(scope.recent_tasks(10).await.expect("tasks").is_empty());

        // a move of many: each back on its own day and time
        say(&scope, &mut state, "add water plants tomorrow at 8am").await;
        say(&scope, &mut state, "add call the bank tomorrow").await;
        let tomorrow = local_now(super::TZ).date() + Duration::days(1);
        let asked = say(&scope, &mut state, "push everything due tomorrow to friday").await;
        assert!(asked.starts_with("Move these 2 tasks"), "{asked}");
        say(&scope, &mut state, "yes").await;
        assert_ne!(
            local(&task(&scope, "water plants").await).map(|d| d.date()),
            Some(tomorrow)
        );
        let undone = say(&scope, &mut state, "undo").await;
        assert!(
            undone.contains("“water plants” is as it was") && undone.contains("“call the bank” is as it was"),
            "{undone}"
        );
        assert_eq!(
            local(&task(&scope, "water plants").await),
            Some(tomorrow.and_time(time(8, 0)))
        );
        assert_eq!(
            local(&task(&scope, "call the bank").await).map(|d| d.date()),
            Some(tomorrow)
        );

        // a completion of many: all open again
        let asked = say(&scope, &mut state, "mark everything due tomorrow as done").await;
        assert!(asked.starts_with("Complete these 2 tasks"), "{asked}");
        say(&scope, &mut state, "yes").await;
        assert!(task(&scope, "water plants").await.completed);
        let undone = say(&scope, &mut state, "revert it").await;
        assert!(
            undone.contains("Reopened “water plants”") && undone.contains("Reopened “call the bank”"),
            "{undone}"
        );
        assert!(!task(&scope, "water plants").await.completed && !task(&scope, "call the bank").await.completed);

        // a deletion of many: all back
        let asked = say(&scope, &mut state, "delete everything due tomorrow").await;
        assert!(asked.starts_with("Delete these 2 tasks"), "{asked}");
        say(&scope, &mut state, "yes").await;
        assert!(scope.recent_tasks(10).await.expect("tasks").is_empty());
        let undone = say(&scope, &mut state, "undo").await;
        assert!(undone.contains("Brought back “water plants”"), "{undone}");
        assert_eq!(scope.recent_tasks(10).await.expect("tasks").len(), 2);
    }
}

#[tokio::test]
async fn a_completion_denied_right_after_and_a_task_already_listed() {
    for fresh in backends().await {
        let me = user(&fresh.db, "denied@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add walk the dog").await;
        // "undo" twice after a completion: reopened once, not completed again
        say(&scope, &mut state, "mark walk the dog done").await;
        assert_eq!(say(&scope, &mut state, "undo").await, "Reopened “walk the dog”.");
        let again = say(&scope, &mut state, "undo").await;
        assert!(again.starts_with("There is nothing for me to undo"), "{again}");
        assert!(!task(&scope, "walk the dog").await.completed);
        // after a turn that changed nothing (already done): nothing to undo, still done
        say(&scope, &mut state, "mark walk the dog done").await;
        let already = say(&scope, &mut state, "mark walk the dog done").await;
        assert!(already.contains("already done"), "{already}");
        let nothing = say(&scope, &mut state, "undo").await;
        assert!(nothing.starts_with("There is nothing for me to undo"), "{nothing}");
        assert!(task(&scope, "walk the dog").await.completed);
        say(&scope, &mut state, "reopen walk the dog").await;
        for denial in ["oops no it isnt", "not yet!", "wait, it's not done", "no it wasn't"] {
            let done = say(&scope, &mut state, "mark walk the dog done").await;
            assert_eq!(done, "Completed “walk the dog”.");
            let reopened = say(&scope, &mut state, denial).await;
            assert_eq!(reopened, "Reopened “walk the dog”.", "{denial}");
            assert!(!task(&scope, "walk the dog").await.completed, "{denial}");
        }
        // not right after a completion: not about it
        say(&scope, &mut state, "mark walk the dog done").await;
        say(&scope, &mut state, "what's due today?").await;
        say(&scope, &mut state, "not yet").await;
        assert!(task(&scope, "walk the dog").await.completed);

        // "don't forget to call mom" with "call mom" open: named, not added twice
        say(&scope, &mut state, "add call mom").await;
        for again in [
            "don't forget to call mom",
            "remember to call mom",
            "please dont forget to Call Mom",
        ] {
            let named = say(&scope, &mut state, again).await;
            assert!(
                named.starts_with("“call mom” is on your list already."),
                "{again}: {named}"
            );
        }
        let calls = |tasks: Vec<crate::domain::task::Task>| {
            tasks
                .iter()
                .filter(|t| t.title.eq_ignore_ascii_case("call mom"))
                .count()
        };
        assert_eq!(calls(scope.recent_tasks(20).await.expect("tasks")), 1);
        // "it" is the one on the list
        say(&scope, &mut state, "move it to friday").await;
        assert!(task(&scope, "call mom").await.due_at.is_some());
        // asked in so many words, it is added
        let added = say(&scope, &mut state, "add call mom").await;
        assert_eq!(added, "Added “call mom”.");
        assert_eq!(calls(scope.recent_tasks(20).await.expect("tasks")), 2);
        // another task is added as before, and so is one with more said than its name
        let added = say(&scope, &mut state, "don't forget to buy bread").await;
        assert_eq!(added, "Added “buy bread”.");
        let added = say(&scope, &mut state, "remind me to call mom tomorrow at 5pm").await;
        assert!(added.starts_with("Added “call mom” — due"), "{added}");
    }
}

#[tokio::test]
async fn a_task_said_to_be_needed_no_more_is_deleted() {
    for fresh in backends().await {
        let me = user(&fresh.db, "unneeded@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        for (title, said) in [
            ("report draft", "the report draft is no longer needed"),
            ("hotel booking", "don't bother with the hotel booking"),
            ("printer ink", "i dont need the printer ink task anymore"),
            ("extra chairs", "no need for the extra chairs"),
            // a thing to do, said as one
            ("call mom", "i don't need to call mom anymore"),
            ("renew the permit", "we no longer have to renew the permit"),
        ] {
            say(&scope, &mut state, &format!("add {title}")).await;
            let deleted = say(&scope, &mut state, said).await;
            assert_eq!(deleted, format!("Deleted “{title}”."), "{said}");
            let back = say(&scope, &mut state, "undo").await;
            assert!(back.starts_with(&format!("Brought back “{title}”")), "{said}: {back}");
        }
        assert_eq!(scope.recent_tasks(10).await.expect("tasks").len(), 6);
        // a part of the title (what the task acts on), a doubt, "not happening": asked, kept
        say(&scope, &mut state, "add cancel gym membership").await;
        say(&scope, &mut state, "add standup every weekday at 9am").await;
        for said in [
            "I don't need the gym membership anymore",
            "maybe we don't need the report draft",
            "i was thinking the hotel booking is no longer needed",
            "the standup is not happening",
            "i don't have to cancel the gym anymore",
            "the standup is off this week",
        ] {
            let answer = say(&scope, &mut state, said).await;
            assert!(!answer.starts_with("Deleted"), "{said}: {answer}");
        }
        assert_eq!(scope.recent_tasks(10).await.expect("tasks").len(), 8);
        // more than that said: nothing deleted, nothing moved
        say(&scope, &mut state, "add finish the slides friday").await;
        let due = task(&scope, "finish the slides").await.due_at;
        for said in ["no need to finish the slides", "the slides are not needed today"] {
            say(&scope, &mut state, said).await;
            let slides = task(&scope, "finish the slides").await;
            assert!(!slides.completed && slides.due_at == due, "{said}");
        }
    }
}

#[tokio::test]
async fn undo_takes_back_a_whole_message_and_leaves_what_changed_since() {
    for fresh in backends().await {
        let me = user(&fresh.db, "undone-whole@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        // two requests in one message: both taken back
        say(&scope, &mut state, "add water bill friday #home").await;
        let before = task(&scope, "water bill").await;
        let both = say(&scope, &mut state, "make the water bill high priority and tag it bills").await;
        assert!(both.contains("High") || both.contains("high"), "{both}");
        let undone = say(&scope, &mut state, "undo").await;
        assert!(undone.contains("is as it was"), "{undone}");
        let after = task(&scope, "water bill").await;
        assert_eq!(
            (after.priority, after.tags.clone()),
            (before.priority, before.tags.clone())
        );

        // an add given a subtask since (another tab): left, and said so
        say(&scope, &mut state, "add plan party").await;
        let party = task(&scope, "plan party").await;
        let draft = crate::domain::task::TaskDraft::from_input(crate::domain::task::TaskInput {
            title: "buy balloons".into(),
            parent_id: Some(party.id.clone()),
            ..Default::default()
        })
        .expect("a draft");
        scope.create_task(draft).await.expect("a subtask");
        let kept = say(&scope, &mut state, "undo").await;
        assert!(kept.contains("changed since"), "{kept}");
        assert!(scope.get_task(&party.id).await.is_ok(), "the party stays");

        // a repeat set on a task without a due date: both the repeat and the date taken back
        say(&scope, &mut state, "add gym").await;
        say(&scope, &mut state, "what's due today?").await;
        say(&scope, &mut state, "make gym repeat every monday").await;
        assert!(task(&scope, "gym").await.due_at.is_some());
        say(&scope, &mut state, "undo").await;
        let gym = task(&scope, "gym").await;
        assert_eq!((gym.recurrence.is_none(), gym.due_at), (true, None));

        // a parent and its subtask deleted, the subtask first: both back, still its subtask
        say(&scope, &mut state, "add a subtask to plan party: cake #party").await;
        say(&scope, &mut state, "tag plan party with party").await;
        let asked = say(&scope, &mut state, "delete all tasks tagged party").await;
        assert!(asked.contains("cake") && asked.contains("plan party"), "{asked}");
        say(&scope, &mut state, "yes").await;
        assert!(scope.get_task(&party.id).await.is_err(), "deleted");
        let back = say(&scope, &mut state, "undo").await;
        assert!(back.contains("Brought back “plan party”"), "{back}");
        let cake = task(&scope, "cake").await;
        assert_eq!(cake.parent_id.as_deref(), Some(party.id.as_str()), "still its subtask");
    }
}

#[tokio::test]
async fn a_letter_or_a_number_tells_tasks_apart_and_a_soft_word_asks() {
    for fresh in backends().await {
        let me = user(&fresh.db, "marks@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        for title in [
            "buy vitamin d",
            "finish plan a",
            "call room 101",
            "option a",
            "option b",
            "call mom",
        ] {
            say(&scope, &mut state, &format!("add {title}")).await;
        }
        for said in [
            "I bought vitamin c",
            "scrap plan b",
            "delete call room 102",
            "mark option c as done",
            // a soft word and a part of a title: asked, not deleted
            "forget about mom",
            "ditch the room",
        ] {
            let answer = say(&scope, &mut state, said).await;
            assert!(
                !answer.starts_with("Completed") && !answer.starts_with("Deleted"),
                "{said}: {answer}"
            );
        }
        let tasks = scope.recent_tasks(20).await.expect("tasks");
        assert_eq!(tasks.len(), 6, "nothing deleted");
        assert!(tasks.iter().all(|t| !t.completed), "nothing completed");
        // the right letter or number, or the whole title, still names it; a time, a priority or
        // "a" said after a name with a number is no other label
        say(&scope, &mut state, "add q4 report").await;
        let moved = say(&scope, &mut state, "move q4 report 3pm").await;
        assert!(moved.starts_with("Moved “q4 report”"), "{moved}");
        let done = say(&scope, &mut state, "I finished the q4 report a minute ago").await;
        assert_eq!(done, "Completed “q4 report”.");
        assert_eq!(
            say(&scope, &mut state, "I bought vitamin d").await,
            "Completed “buy vitamin d”."
        );
        assert_eq!(
            say(&scope, &mut state, "delete call room 101").await,
            "Deleted “call room 101”."
        );
        assert_eq!(
            say(&scope, &mut state, "forget about call mom").await,
            "Deleted “call mom”."
        );
        // a soft word, and "… entirely", or the title in quotes: deleted
        say(&scope, &mut state, "add email sarah the slides").await;
        say(&scope, &mut state, "add pick up dry cleaning").await;
        let gone = say(&scope, &mut state, "ditch the slides entirely").await;
        assert_eq!(gone, "Deleted “email sarah the slides”.");
        let gone = say(&scope, &mut state, "drop \"pick up dry cleaning\"").await;
        assert_eq!(gone, "Deleted “pick up dry cleaning”.");
    }
}

#[tokio::test]
async fn what_qa_pass_12_left() {
    for fresh in backends().await {
        let me = user(&fresh.db, "qa12-left@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        // a project of the same name: which is meant is asked, nothing deleted
        say(&scope, &mut state, "create a project called Groceries").await;
        say(&scope, &mut state, "add groceries").await;
        let asked = say(&scope, &mut state, "groceries is no longer needed").await;
        assert!(!asked.starts_with("Deleted"), "{asked}");
        assert_eq!(scope.recent_tasks(10).await.expect("tasks").len(), 1);
        // "I need to remember to X" with X open: named, not added twice
        let named = say(&scope, &mut state, "I need to remember to buy milk").await;
        assert!(named.starts_with("Added “buy milk”"), "another title: {named}");
        let named = say(&scope, &mut state, "i need to remember to buy milk").await;
        assert!(named.starts_with("“buy milk” is on your list already"), "{named}");
        // "oops no it isn't" right after completing many: all open again
        say(&scope, &mut state, "mark everything as done").await;
        let done = say(&scope, &mut state, "yes").await;
        assert!(done.starts_with("Completed 2 tasks"), "{done}");
        let reopened = say(&scope, &mut state, "oops no it isn't").await;
        assert!(
            reopened.contains("Reopened “groceries”") && reopened.contains("Reopened “buy milk”"),
            "{reopened}"
        );
        assert!(scope
            .recent_tasks(10)
            .await
            .expect("tasks")
            .iter()
            .all(|t| !t.completed));
    }
}

#[tokio::test]
async fn completing_a_parent_says_its_subtasks_went_with_it() {
    for fresh in backends().await {
        let me = user(&fresh.db, "parent@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add file the taxes").await;
        say(
            &scope,
            &mut state,
            "add find the receipts as a subtask of file the taxes",
        )
        .await;
        say(&scope, &mut state, "add sign the form as a subtask of file the taxes").await;
        say(&scope, &mut state, "I found the receipts").await;
        let done = say(&scope, &mut state, "I filed the taxes").await;
        assert!(
            done.starts_with("Completed “file the taxes” and its open subtask."),
            "{}: {done}",
            fresh.backend
        );
        assert!(task(&scope, "sign the form").await.completed);
        // undone: the subtask its completion closed is open again, the one done before is not
        say(&scope, &mut state, "undo").await;
        assert!(!task(&scope, "sign the form").await.completed);
        assert!(task(&scope, "find the receipts").await.completed);
        // none open below it: nothing more said
        say(&scope, &mut state, "add pack the bags").await;
        let plain = say(&scope, &mut state, "pack the bags is done").await;
        assert!(plain.starts_with("Completed “pack the bags”."), "{plain}");
    }
}
