//! Questions and small words from QA pass 6: a project's tasks asked for as "my work tasks",
//! what was finished on a day, a month named alone, "and add it to work", and "thanks!".
use super::{backends, say, task, user, ConversationState, UserScope};

#[tokio::test]
async fn a_projects_tasks_and_what_was_finished_when() {
    for fresh in backends().await {
        let me = user(&fresh.db, "asked@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "create a project called Work").await;
        say(&scope, &mut state, "add buy bread").await;
        // "it" added to a project is the task talked about, moved there
        let answer = say(&scope, &mut state, "and add it to work").await;
        assert_eq!(answer, "Moved “buy bread” to Work.");
        say(&scope, &mut state, "add plan offsite").await;
        let answer = say(&scope, &mut state, "add that to work too").await;
        assert_eq!(answer, "Moved “plan offsite” to Work.");
        say(&scope, &mut state, "add call the plumber").await;
        for question in ["show my work tasks", "what are my work tasks?", "list work stuff"] {
            let answer = say(&scope, &mut state, question).await;
            assert!(
                answer.starts_with("You have 2 open tasks in Work:"),
                "{question}: {answer}"
            );
            assert!(!answer.contains("plumber"), "{question}: {answer}");
        }
        // finished today, this week, yesterday: by when they were completed
        say(&scope, &mut state, "add flight jan 3").await;
        say(&scope, &mut state, "I bought the bread").await;
        assert!(task(&scope, "buy bread").await.completed);
        for question in ["what did I finish today?", "what have I completed this week?"] {
            let answer = say(&scope, &mut state, question).await;
            assert!(answer.starts_with("You have 1 task completed"), "{question}: {answer}");
            assert!(answer.contains("buy bread"), "{question}: {answer}");
        }
        let answer = say(&scope, &mut state, "what did I finish yesterday").await;
        assert_eq!(answer, "You have no tasks completed yesterday.");
        // a repeating task done today moved on to its next date, and was still done today
        say(&scope, &mut state, "add stretch every day").await;
        say(&scope, &mut state, "complete stretch").await;
        let answer = say(&scope, &mut state, "what did I finish today?").await;
        assert!(answer.starts_with("You have 2 tasks completed today"), "{answer}");
        assert!(answer.contains("stretch"), "{answer}");
        // a weekday is the last one, not the next (today's name is today)
        let today = super::local_now(super::TZ).format("%A").to_string().to_lowercase();
        let answer = say(&scope, &mut state, &format!("what did I finish on {today}?")).await;
        assert!(answer.contains("buy bread"), "{today}: {answer}");
        // done ones asked as due keep to due dates
        let answer = say(&scope, &mut state, "show completed tasks due today").await;
        assert!(answer.starts_with("You have no completed tasks due today"), "{answer}");
        // a month named alone: the coming one
        let answer = say(&scope, &mut state, "what's due in january?").await;
        assert!(answer.contains("due in January"), "{answer}");
        assert!(answer.contains("flight"), "{answer}");
        // thanks and acknowledgements are no tasks, nor a task for a project one does not have
        let before = scope.count_tasks().await.expect("a count");
        let answer = say(&scope, &mut state, "add draft proposal to the Marketing project").await;
        assert!(answer.starts_with("You have no project called “Marketing”"), "{answer}");
        let answer = say(&scope, &mut state, "add draft proposal to the Work project").await;
        assert_eq!(answer, "Added “draft proposal” to Work.");
        let before = before + 1;
        for (said, answer) in [
            ("thanks!", "You're welcome!"),
            ("thank you so much", "You're welcome!"),
            ("hmm, nevermind", "OK."),
            ("ok cool", "OK."),
        ] {
            assert_eq!(say(&scope, &mut state, said).await, answer, "{said}");
        }
        assert_eq!(scope.count_tasks().await.expect("a count"), before);
        assert!(say(&scope, &mut state, "add thank you card")
            .await
            .starts_with("Added “thank you card”"));
        // said to a yes/no question, they neither answer nor drop it
        let asked = say(&scope, &mut state, "delete all completed tasks").await;
        assert!(asked.contains('?'), "{asked}");
        let answer = say(&scope, &mut state, "great").await;
        assert!(answer.starts_with("I haven't changed anything yet"), "{answer}");
        assert!(task(&scope, "buy bread").await.completed, "still there");
        let answer = say(&scope, &mut state, "yes").await;
        assert!(answer.starts_with("Deleted"), "{answer}");
    }
}

#[tokio::test]
async fn the_day_before_a_task_without_a_time_is_that_mornings() {
    for fresh in backends().await {
        let me = user(&fresh.db, "daybefore@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add pay invoice in 10 days").await;
        let answer = say(&scope, &mut state, "remind me about pay invoice the day before").await;
        let t = task(&scope, "pay invoice").await;
        let due = t.due_at.expect("a due date").with_timezone(&super::TZ);
        let at = t.reminders.iter().find_map(|r| r.at).expect("a reminder at a moment");
        let at = at.with_timezone(&super::TZ);
        assert_eq!(
            (at.date_naive(), at.time()),
            (due.date_naive() - chrono::Duration::days(1), super::time(9, 0)),
            "{answer}"
        );
        assert!(answer.contains("at 09:00"), "{answer}");
        // with a time of day, it is the same time the day before
        say(&scope, &mut state, "add call the bank in 10 days at 3pm").await;
        say(&scope, &mut state, "remind me a day before the call").await;
        let call = task(&scope, "call the bank").await;
        assert!(call.reminders.iter().any(|r| r.before_minutes == Some(1440)));
    }
}

#[tokio::test]
async fn what_is_left_in_a_place_that_is_not_there_is_said_so() {
    for fresh in backends().await {
        let me = user(&fresh.db, "left@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add read chapter 4").await;
        // no such task nor project: said so, not every task listed as the answer
        let answer = say(&scope, &mut state, "what's left in linear algebra midterm?").await;
        assert_eq!(answer, "You have no project or task called “linear algebra midterm”.");
        // "left for" a task with subtasks: its subtasks, not the task itself
        say(&scope, &mut state, "add plan party").await;
        say(&scope, &mut state, "add buy balloons under plan party").await;
        let answer = say(&scope, &mut state, "what's left for the party?").await;
        assert!(
            answer.starts_with("You have 1 open task under “plan party”"),
            "{answer}"
        );
        assert!(answer.contains("buy balloons"), "{answer}");
        // the list itself is no place
        let answer = say(&scope, &mut state, "what's left on my list?").await;
        assert!(answer.contains("read chapter 4"), "{answer}");
        // "a grocery list project" is a project
        let answer = say(&scope, &mut state, "create a grocery list project").await;
        assert!(answer.starts_with("Created the project “Grocery list”"), "{answer}");
        assert_eq!(scope.count_tasks().await.expect("a count"), 3);
    }
}
