//! What QA pass 20 left: tasks named each by their whole title ("reopen water plants and feed
//! the cat") are each changed, a word of the tasks narrows a change of many ("all the friday
//! interviews"), a task named after "in" is that task even when a project's name starts it, and
//! "I also need a project for …" creates one.
use chrono::Duration;

use super::{backends, local, say, task, user, ConversationState, UserScope, TZ};
use crate::server::tasks::local_now;

#[tokio::test]
async fn tasks_named_each_are_each_changed_and_undone_together() {
    for fresh in backends().await {
        let me = user(&fresh.db, "each@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        for title in ["water plants", "feed the cat", "cat food"] {
            say(&scope, &mut state, &format!("add {title}")).await;
        }
        let answer = say(&scope, &mut state, "complete water plants and feed the cat").await;
        assert_eq!(answer, "Completed 2 tasks: “water plants”, “feed the cat”.");
        assert!(task(&scope, "water plants").await.completed);
        assert!(task(&scope, "feed the cat").await.completed);
        assert!(!task(&scope, "cat food").await.completed);
        // one undo takes back both
        let answer = say(&scope, &mut state, "undo").await;
        assert!(!answer.starts_with("Sorry"), "{answer}");
        assert!(!task(&scope, "water plants").await.completed, "{answer}");
        assert!(!task(&scope, "feed the cat").await.completed, "{answer}");
        say(&scope, &mut state, "done water plants").await;
        say(&scope, &mut state, "done feed the cat").await;
        let answer = say(&scope, &mut state, "reopen feed the cat and water plants please").await;
        assert_eq!(answer, "Reopened “feed the cat”.\nReopened “water plants”.");
        // a name said to be kept, or another change said with them: asked about, nothing done
        for message in [
            "delete water plants, keep feed the cat",
            "complete water plants and move feed the cat to friday",
        ] {
            let answer = say(&scope, &mut state, message).await;
            assert!(answer.starts_with("Which one"), "{message}: {answer}");
            say(&scope, &mut state, "never mind").await;
        }
        assert_eq!(scope.recent_tasks(10).await.expect("the tasks").len(), 3);
        assert!(!task(&scope, "water plants").await.completed);
        let answer = say(&scope, &mut state, "delete water plants, feed the cat").await;
        assert_eq!(answer, "Deleted 2 tasks: “water plants”, “feed the cat”.");
        let left = scope.recent_tasks(10).await.expect("the tasks");
        assert_eq!(left.len(), 1, "{left:?}");
        assert_eq!(left[0].title, "cat food");
        // a name said in part is still asked about
        say(&scope, &mut state, "add cat toys").await;
        let answer = say(&scope, &mut state, "delete cat").await;
        assert!(answer.starts_with("Which one"), "{answer}");
        say(&scope, &mut state, "never mind").await;
        // each name found on its own, in part too ("potluck" of "bring a dish to the potluck")
        for title in ["bring a dish to the potluck", "shift huddle notes", "call Tunde"] {
            say(&scope, &mut state, &format!("add {title}")).await;
        }
        // a title with a verb of another request in it ("take out the trash") is still a name
        for title in ["take out the trash", "trash bags"] {
            say(&scope, &mut state, &format!("add {title}")).await;
        }
        let answer = say(&scope, &mut state, "complete cat food and take out the trash").await;
        assert_eq!(answer, "Completed 2 tasks: “cat food”, “take out the trash”.");
        say(&scope, &mut state, "undo").await;
        let answer = say(&scope, &mut state, "complete cat food and delete trash bags").await;
        assert!(answer.starts_with("Which one"), "{answer}");
        say(&scope, &mut state, "never mind").await;
        assert!(!task(&scope, "trash bags").await.completed);
        let answer = say(&scope, &mut state, "complete potluck and huddle notes").await;
        assert!(answer.starts_with("Completed 2 tasks"), "{answer}");
        assert!(task(&scope, "bring a dish to the potluck").await.completed, "{answer}");
        assert!(task(&scope, "shift huddle notes").await.completed, "{answer}");
        // a name that fits two tasks: said, and nothing changed (not a third task with words of
        // both names)
        say(&scope, &mut state, "add email Tunde about the Emeka invoice").await;
        say(&scope, &mut state, "add chase the Emeka invoice").await;
        let answer = say(
            &scope,
            &mut state,
            "Please mark call Tunde and the Emeka invoice as done.",
        )
        .await;
        assert!(answer.contains("“emeka invoice” could be"), "{answer}");
        for title in [
            "call Tunde",
            "email Tunde about the Emeka invoice",
            "chase the Emeka invoice",
        ] {
            assert!(!task(&scope, title).await.completed, "{title}: {answer}");
        }
        for title in [
            "bring a dish to the potluck",
            "shift huddle notes",
            "call Tunde",
            "email Tunde about the Emeka invoice",
            "chase the Emeka invoice",
        ] {
            say(&scope, &mut state, &format!("delete {title}")).await;
        }
        // more than two deleted: asked first
        for title in ["gym", "yoga", "swim"] {
            say(&scope, &mut state, &format!("add {title}")).await;
        }
        let answer = say(&scope, &mut state, "delete gym, yoga, swim").await;
        assert!(answer.starts_with("Delete all 3 of them?"), "{answer}");
        assert_eq!(scope.recent_tasks(10).await.expect("the tasks").len(), 7);
        say(&scope, &mut state, "yes").await;
        assert_eq!(scope.recent_tasks(10).await.expect("the tasks").len(), 4);
    }
}

#[tokio::test]
async fn a_word_of_the_tasks_narrows_a_change_of_many() {
    for fresh in backends().await {
        let me = user(&fresh.db, "narrowed@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let today = local_now(TZ).date();
        let day = today + Duration::days(3);
        let name = |d: chrono::NaiveDate| d.format("%A").to_string();
        for (title, at) in [
            ("interview Sam", " at 2pm"),
            ("interview Lee", " at 4pm"),
            ("buy snacks", ""),
        ] {
            say(&scope, &mut state, &format!("add {title} in 3 days{at}")).await;
        }
        let later = today + Duration::days(5);
        let asked = format!("move all of the {} interviews to {}", name(day), name(later));
        let answer = say(&scope, &mut state, &asked).await;
        assert!(answer.starts_with("Move these 2 tasks"), "{asked}: {answer}");
        assert!(!answer.contains("buy snacks"), "{answer}");
        say(&scope, &mut state, "yes").await;
        assert_eq!(
            local(&task(&scope, "interview Sam").await).map(|d| d.date()),
            Some(later)
        );
        assert_eq!(
            local(&task(&scope, "interview Lee").await).map(|d| d.date()),
            Some(later)
        );
        assert_eq!(local(&task(&scope, "buy snacks").await).map(|d| d.date()), Some(day));
    }
}

#[tokio::test]
async fn a_task_named_in_a_question_and_a_project_said_as_a_need() {
    for fresh in backends().await {
        let me = user(&fresh.db, "inside@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "create a launch project").await;
        say(&scope, &mut state, "add launch checklist to launch").await;
        say(&scope, &mut state, "add draft the press release to launch").await;
        say(&scope, &mut state, "add a subtask to launch checklist: book venue").await;
        let answer = say(&scope, &mut state, "what's left in the launch checklist?").await;
        assert_eq!(answer, "You have 1 open task under “launch checklist”:\n1. book venue");
        // the project itself, when only its name is said
        let answer = say(&scope, &mut state, "what's left in launch?").await;
        assert!(answer.contains("draft the press release"), "{answer}");
        let answer = say(&scope, &mut state, "I also need a project for Team Rituals").await;
        assert!(answer.starts_with("Created the project “Team Rituals”"), "{answer}");
        let answer = say(&scope, &mut state, "we need a project called Garden").await;
        assert!(answer.starts_with("Created the project “Garden”"), "{answer}");
        assert_eq!(scope.recent_tasks(10).await.expect("the tasks").len(), 3);
        // a task that starts like one: no project
        let answer = say(&scope, &mut state, "we need a project plan drafted by friday").await;
        assert!(!answer.starts_with("Created the project"), "{answer}");
        // "add … to it" right after a project was made: there
        say(&scope, &mut state, "we need a project for the Christmas market").await;
        let answer = say(&scope, &mut state, "Please add book a stall space to it by Friday.").await;
        assert!(
            answer.starts_with("Added “book a stall space” to Christmas market"),
            "{answer}"
        );
        // "add … to it by friday" with no move said: the task talked about last is not moved
        say(&scope, &mut state, "add email Tunde about the invoice").await;
        let message = "Good afternoon. We need a project for the market stall, and please add book a stall space to it by Friday.";
        let answer = say(&scope, &mut state, message).await;
        assert!(!answer.starts_with("Moved"), "{answer}");
        assert_eq!(
            task(&scope, "email Tunde about the invoice").await.due_at,
            None,
            "{answer}"
        );
    }
}
