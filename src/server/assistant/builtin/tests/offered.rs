//! What QA pass 7 found changing a task the user did not mean: "it" right after “Add X as a
//! task?”, "X got moved to sunday" read as done, a note or reminder for a task one does not have
//! put on the last one talked about; and new tasks said with a priority, "make it 7", "actually
//! bring it back".
use chrono::{Datelike, Duration, Weekday};

use super::{backends, local, say, task, time, user, ConversationState, UserScope};
use crate::server::tasks::local_now;

#[tokio::test]
async fn it_after_an_offer_is_the_task_offered() {
    for fresh in backends().await {
        let me = user(&fresh.db, "offered@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add buy milk").await;
        let answer = say(&scope, &mut state, "dentist appointment thursday 3pm").await;
        assert!(answer.starts_with("Add “dentist appointment” as a task?"), "{answer}");
        // "delete it": the offer is dropped, never the older task deleted
        let answer = say(&scope, &mut state, "delete it").await;
        assert_eq!(answer, "OK, I didn't add “dentist appointment”.");
        assert_eq!(scope.count_tasks().await.expect("a count"), 1);
        assert!(!task(&scope, "buy milk").await.completed);
        // "mark it done", "move it to friday": the offered task, added first
        say(&scope, &mut state, "car service on monday at 8").await;
        let answer = say(&scope, &mut state, "mark it done").await;
        assert!(answer.contains("Completed “car service”"), "{answer}");
        assert!(task(&scope, "car service").await.completed);
        assert!(!task(&scope, "buy milk").await.completed);
        say(&scope, &mut state, "dentist for Jack on thursday at 3:15pm").await;
        let answer = say(&scope, &mut state, "move it to friday").await;
        assert!(answer.starts_with("Added “dentist for Jack”"), "{answer}");
        let due = local(&task(&scope, "dentist for Jack").await).expect("a due date");
        assert_eq!((due.weekday(), due.time()), (Weekday::Fri, time(15, 15)));
        // "it" later is not an older task either: the offer is what was talked about
        say(&scope, &mut state, "call with Sarah tomorrow at 10.30").await;
        let answer = say(&scope, &mut state, "actually make it 11").await;
        assert!(answer.contains("Moved “call with Sarah”"), "{answer}");
        let tomorrow = local_now(super::TZ).date() + Duration::days(1);
        assert_eq!(
            local(&task(&scope, "call with Sarah").await),
            Some(tomorrow.and_time(time(11, 0)))
        );
        say(&scope, &mut state, "and remind me 10 minutes before").await;
        let call = task(&scope, "call with Sarah").await;
        assert!(call.reminders.iter().any(|r| r.before_minutes == Some(10)), "{call:?}");
        assert!(task(&scope, "dentist for Jack")
            .await
            .reminders
            .iter()
            .all(|r| r.before_minutes != Some(10)));
    }
}

#[tokio::test]
async fn moved_is_moved_and_a_missing_task_is_said_missing() {
    for fresh in backends().await {
        let me = user(&fresh.db, "missing@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add call grandma tomorrow at 4pm").await;
        for message in ["the call with grandma got moved to sunday", "it was pushed to saturday"] {
            let answer = say(&scope, &mut state, message).await;
            assert!(answer.starts_with("Moved “call grandma” to "), "{message}: {answer}");
            let grandma = task(&scope, "call grandma").await;
            assert!(!grandma.completed, "{message}");
            assert_eq!(local(&grandma).map(|d| d.time()), Some(time(16, 0)), "{message}");
        }
        // a note or a reminder for a task one does not have
        say(&scope, &mut state, "add pay rent friday 9am").await;
        let rent = task(&scope, "pay rent").await;
        let answer = say(&scope, &mut state, "add a note to the dentist: bring insurance card").await;
        assert_eq!(answer, "I couldn't find a task matching “dentist”.");
        let answer = say(&scope, &mut state, "remind me about the gym the day before").await;
        assert_eq!(answer, "I couldn't find a task matching “gym”.");
        let after = task(&scope, "pay rent").await;
        assert_eq!(after.description, rent.description);
        assert_eq!(after.reminders, rent.reminders);
        // a new task said with a date and a priority is offered, not looked for
        let answer = say(
            &scope,
            &mut state,
            "lab report for chem due next tuesday 9am, high priority",
        )
        .await;
        assert!(answer.starts_with("Add “lab report for chem” as a task?"), "{answer}");
        say(&scope, &mut state, "yes").await;
        let lab = task(&scope, "lab report for chem").await;
        assert_eq!(lab.priority, crate::domain::task::Priority::High);
        assert_eq!(
            local(&lab).map(|d| (d.weekday(), d.time())),
            Some((Weekday::Tue, time(9, 0)))
        );
        // "make it 7" for the task just talked about; "actually bring it back" after a delete
        say(&scope, &mut state, "add gym tomorrow 6pm").await;
        say(&scope, &mut state, "actually make it 7").await;
        assert_eq!(local(&task(&scope, "gym").await).map(|d| d.time()), Some(time(19, 0)));
        say(&scope, &mut state, "delete gym").await;
        let answer = say(&scope, &mut state, "actually bring it back").await;
        assert!(answer.starts_with("Brought back “gym”"), "{answer}");
    }
}

#[tokio::test]
async fn two_requests_in_one_message_are_both_done() {
    for fresh in backends().await {
        let me = user(&fresh.db, "both@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add pay the water bill friday").await;
        let answer = say(&scope, &mut state, "make the water bill high priority and tag it bills").await;
        let bill = task(&scope, "pay the water bill").await;
        assert_eq!(bill.priority, crate::domain::task::Priority::High, "{answer}");
        assert_eq!(bill.tags.as_slice(), ["bills".to_owned()], "{answer}");
        // a first request that does nothing leaves the second unguessed, and says so
        let answer = say(&scope, &mut state, "make the dentist high priority and tag it health").await;
        assert!(answer.contains("I left “tag it health” for now"), "{answer}");
        assert!(task(&scope, "pay the water bill")
            .await
            .tags
            .iter()
            .all(|t| t != "health"));
        // not two requests: one title
        say(&scope, &mut state, "add call mom and dad").await;
        task(&scope, "call mom and dad").await;
        // "this week" asked on a Sunday, its last day, is the coming seven days
        // (on another day, six days from now is this week only from a Monday)
        say(&scope, &mut state, "add book the venue in 6 days").await;
        let answer = say(&scope, &mut state, "what's due this week?").await;
        let today = local_now(super::TZ).weekday();
        let expected = matches!(today, Weekday::Sun | Weekday::Mon);
        assert_eq!(answer.contains("book the venue"), expected, "{today}: {answer}");
    }
}

#[tokio::test]
async fn new_tasks_that_sound_like_changes_are_offered() {
    for fresh in backends().await {
        let me = user(&fresh.db, "sound@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add buy milk").await;
        say(&scope, &mut state, "add dentist wednesday at 3pm").await;
        say(&scope, &mut state, "add quarterly health check friday").await;
        // "notes" in a new task's title is no note on the last task
        let answer = say(&scope, &mut state, "add push the release notes to github friday").await;
        assert!(
            answer.starts_with("Added “push the release notes to github”"),
            "{answer}"
        );
        assert!(task(&scope, "quarterly health check").await.description.is_empty());
        // "check up", "check in": no completion, no move of a task holding "check"
        let health = local(&task(&scope, "quarterly health check").await);
        for message in [
            "dentist check up monday at 2",
            "check in for flight friday at 6am",
            "eye check up friday",
        ] {
            let answer = say(&scope, &mut state, message).await;
            assert!(answer.starts_with("Add “"), "{message}: {answer}");
            say(&scope, &mut state, "no").await;
        }
        assert!(!task(&scope, "dentist").await.completed);
        assert_eq!(local(&task(&scope, "quarterly health check").await), health);
        // "check X" said first still ticks it off
        say(&scope, &mut state, "check buy milk").await;
        assert!(task(&scope, "buy milk").await.completed);
        // said again of the milk, now done: never the open task that has “check” in its name
        let answer = say(&scope, &mut state, "the milk is checked off").await;
        assert!(!task(&scope, "quarterly health check").await.completed, "{answer}");
        // "make that 5": the hour of the task talked about
        say(&scope, &mut state, "add soccer practice tomorrow at 4:30").await;
        say(&scope, &mut state, "actually make that 5").await;
        assert_eq!(
            local(&task(&scope, "soccer practice").await).map(|d| d.time()),
            Some(time(17, 0))
        );
    }
}

#[tokio::test]
async fn what_qa_pass_14_found() {
    for fresh in backends().await {
        let me = user(&fresh.db, "qa14@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        // a day's name with a slip: that day, out of the title, with adds and moves alike
        let added = say(&scope, &mut state, "remind me to call the plumber tomorow at 9am").await;
        assert!(added.starts_with("Added “call the plumber”"), "{added}");
        let tomorrow = local_now(super::TZ).date() + Duration::days(1);
        assert_eq!(
            local(&task(&scope, "call the plumber").await),
            Some(tomorrow.and_time(time(9, 0)))
        );
        let moved = say(&scope, &mut state, "move the plumber to wednsday").await;
        let due = local(&task(&scope, "call the plumber").await).expect("a due date");
        assert_eq!((due.weekday(), due.time()), (Weekday::Wed, time(9, 0)), "{moved}");
        // "every 2nd day" is every other day, not the 2nd of each month
        say(&scope, &mut state, "water the ferns every 2nd day").await;
        let ferns = task(&scope, "water the ferns").await;
        assert_eq!(
            ferns.recurrence.map(|r| r.rule),
            Some("FREQ=DAILY;INTERVAL=2".to_owned())
        );
        // after a date, "put" with nowhere to put it is the title's
        say(&scope, &mut state, "every monday 7am put out recycling").await;
        assert!(task(&scope, "put out recycling").await.recurrence.is_some());
        // "nah i didnt do it" right after a completion: open again
        say(&scope, &mut state, "i watered the ferns").await;
        let reopened = say(&scope, &mut state, "nah i didnt do it").await;
        assert!(reopened.contains("“water the ferns”"), "{reopened}");
        assert!(!task(&scope, "water the ferns").await.completed);
        say(&scope, &mut state, "add call mum").await;
        say(&scope, &mut state, "i called mum").await;
        let reopened = say(&scope, &mut state, "wait no i didnt").await;
        assert!(reopened.starts_with("Reopened “call mum”"), "{reopened}");
        // a list there is no project of: said, nothing added, nothing listed
        let before = scope.recent_tasks(100).await.expect("tasks").len();
        let refused = say(&scope, &mut state, "put sunscreen on my shopping list").await;
        assert!(
            refused.starts_with("You have no project called “shopping”"),
            "{refused}"
        );
        assert_eq!(scope.recent_tasks(100).await.expect("tasks").len(), before);
        // a greeting is no task
        for hello in ["hi there", "g'day", "good morning", "hey mate"] {
            let reply = say(&scope, &mut state, hello).await;
            assert!(reply.starts_with("I can manage your tasks."), "{hello}: {reply}");
        }
        assert_eq!(say(&scope, &mut state, "thanks mate").await, "You're welcome!");
        assert_eq!(scope.recent_tasks(100).await.expect("tasks").len(), before);
    }
    // the offer of a phrase with a repeat says the day and the repeat "yes" would give
    let quick = crate::domain::quick_add::parse_quick_add(
        "pay the window cleaner every last friday of the month at 5pm",
        local_now(super::TZ),
    );
    let offered = super::super::adding::offered_due(&quick, super::TZ);
    assert!(offered.starts_with(" It would be due Fri "), "{offered}");
    assert!(offered.ends_with(", 17:00, every month on the last Fri."), "{offered}");
}

#[tokio::test]
async fn what_qa_pass_15_left() {
    let fresh = backends().await.into_iter().next().expect("sqlite");
    let me = user(&fresh.db, "qa15@example.com").await;
    let scope = UserScope::new(&fresh.db, &me);
    let mut state = ConversationState::default();
    // whose day, not when: "Tuesday's notes" is a title
    assert_eq!(
        say(&scope, &mut state, "add Tuesday's notes").await,
        "Added “Tuesday's notes”."
    );
    assert_eq!(task(&scope, "Tuesday's notes").await.due_at, None);
    // a slip as near Tuesday as Thursday: asked, and the answer adds it on that day
    let asked = say(&scope, &mut state, "add ring bank tursday 10am").await;
    assert_eq!(asked, "“tursday” could be Tuesday or Thursday: which did you mean?");
    let titles = |tasks: Vec<crate::domain::task::Task>| tasks.into_iter().map(|t| t.title).collect::<Vec<_>>();
    assert!(!titles(scope.recent_tasks(100).await.expect("tasks")).contains(&"ring bank".to_owned()));
    let added = say(&scope, &mut state, "I meant thursday").await;
    assert!(added.starts_with("Added “ring bank” — due Thu "), "{added}");
    let due = local(&task(&scope, "ring bank").await).expect("a due date");
    assert_eq!((due.weekday(), due.time()), (Weekday::Thu, time(10, 0)));
    // the answer said as a correction, and a question that names a day is no answer
    say(&scope, &mut state, "add call the bank tursday 9am").await;
    let added = say(&scope, &mut state, "no, tuesday").await;
    assert!(added.starts_with("Added “call the bank” — due Tue "), "{added}");
    say(&scope, &mut state, "add pay the builder tursday").await;
    let asked = say(&scope, &mut state, "what's on thursday?").await;
    assert!(!asked.starts_with("Added"), "{asked}");
    // an answer that is no day is read as a message of its own
    say(&scope, &mut state, "add fix the tap tursday").await;
    let listed = say(&scope, &mut state, "what's due this week").await;
    assert!(!listed.contains("fix the tap"), "{listed}");
    // a span of time: due when it starts
    say(&scope, &mut state, "add call Bob at 3-4pm tomorrow").await;
    assert_eq!(
        local(&task(&scope, "call Bob").await).map(|d| d.time()),
        Some(time(15, 0))
    );
    // a colon against a word stays in the title
    say(&scope, &mut state, "add re: invoice from ACME").await;
    task(&scope, "re: invoice from ACME").await;
    // a typo in "priority" still filters
    say(&scope, &mut state, "add pay rent !high").await;
    let listed = say(&scope, &mut state, "show high priorty tasks").await;
    assert!(listed.contains("pay rent") && !listed.contains("call Bob"), "{listed}");
    // Todoist's p1 first
    say(&scope, &mut state, "add p1 renew passport").await;
    assert_eq!(
        task(&scope, "renew passport").await.priority,
        crate::domain::task::Priority::High
    );
    // thanks and greetings, said shortly
    assert_eq!(say(&scope, &mut state, "ta").await, "You're welcome!");
    for hello in ["morning!", "evening all"] {
        let reply = say(&scope, &mut state, hello).await;
        assert!(reply.starts_with("I can manage your tasks."), "{hello}: {reply}");
    }
}

#[tokio::test]
async fn what_qa_pass_16_found() {
    let fresh = backends().await.into_iter().next().expect("sqlite");
    let me = user(&fresh.db, "qa16@example.com").await;
    let scope = UserScope::new(&fresh.db, &me);
    let mut state = ConversationState::default();
    // everything due one day pushed to another postpones a repeating task's occurrence: its series
    // stays on its day (tomorrow's weekday, so that the test reads the same on any day)
    let name = |d: chrono::NaiveDate| d.format("%A").to_string().to_lowercase();
    let tomorrow = local_now(super::TZ).date() + Duration::days(1);
    let (day, later) = (name(tomorrow), name(tomorrow + Duration::days(2)));
    say(&scope, &mut state, &format!("take out the trash every {day} at 7pm")).await;
    say(&scope, &mut state, &format!("remind me to pay the gardener on {day}")).await;
    let rule = task(&scope, "take out the trash").await.recurrence.map(|r| r.rule);
    say(&scope, &mut state, &format!("move everything due {day} to {later}")).await;
    let moved = say(&scope, &mut state, "yes").await;
    assert!(moved.starts_with("Moved 2 tasks"), "{moved}");
    let trash = task(&scope, "take out the trash").await;
    assert_eq!(local(&trash).map(|d| d.date()), Some(tomorrow + Duration::days(2)));
    assert_eq!(trash.recurrence.map(|r| r.rule), rule);
    // the reminder asked for on the gardener's day moved with it, at its time
    let gardener = task(&scope, "pay the gardener").await;
    let reminder = gardener.reminders[0]
        .at
        .expect("a reminder at a moment")
        .with_timezone(&super::TZ);
    assert_eq!(
        (reminder.date_naive(), reminder.time()),
        (tomorrow + Duration::days(2), time(9, 0))
    );
    // "before" a day leaves that day out, "by" takes it in
    let before = say(&scope, &mut state, &format!("list everything due before {later}")).await;
    assert!(!before.contains("pay the gardener"), "{before}");
    let by = say(&scope, &mut state, &format!("list everything due by {later}")).await;
    assert!(by.contains("pay the gardener"), "{by}");
    // day names shortened, and a clock's hour beside a day
    say(&scope, &mut state, "add call mom tues 5pm").await;
    let due = local(&task(&scope, "call mom").await).expect("due");
    assert_eq!((due.weekday(), due.time()), (Weekday::Tue, time(17, 0)));
    say(&scope, &mut state, "add dentist friday 2:15").await;
    let due = local(&task(&scope, "dentist").await).expect("due");
    assert_eq!((due.weekday(), due.time()), (Weekday::Fri, time(14, 15)));
    // corrections as people say them
    let fixed = say(&scope, &mut state, "no, I meant thursday").await;
    assert!(fixed.starts_with("Moved “dentist” to Thu"), "{fixed}");
    let fixed = say(&scope, &mut state, "actually 11").await;
    assert_eq!(
        local(&task(&scope, "dentist").await).map(|d| d.time()),
        Some(time(11, 0)),
        "{fixed}"
    );
    // "every tuesday night": that evening, "night" out of the title; "make that …" changes it
    say(
        &scope,
        &mut state,
        "remind me to take out the recycling every tuesday night",
    )
    .await;
    let recycling = task(&scope, "take out the recycling").await;
    assert_eq!(local(&recycling).map(|d| d.time()), Some(time(20, 0)));
    let changed = say(&scope, &mut state, "make that every other tuesday").await;
    assert!(changed.contains("every other week on Tue"), "{changed}");
    assert_eq!(
        task(&scope, "take out the recycling").await.recurrence.map(|r| r.rule),
        Some("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU".to_owned())
    );
    // how loosely a day is said is no part of the title; a reminder asked with a greeting first
    let added = say(
        &scope,
        &mut state,
        "yo can u remind me to renew passport sometime next week",
    )
    .await;
    assert!(added.starts_with("Added “renew passport” — due "), "{added}");
    assert!(added.ends_with("I'll remind you at 09:00 that day."), "{added}");
    // "not that one" right after a completion: open again, and which one asked
    say(&scope, &mut state, "add buy milk").await;
    say(&scope, &mut state, "complete buy milk").await;
    let completed: Vec<_> = scope
        .recent_tasks(100)
        .await
        .expect("tasks")
        .into_iter()
        .filter(|t| t.completed)
        .collect();
    assert_eq!(completed.len(), 1);
    let undone = say(&scope, &mut state, "no wait not that one").await;
    assert!(undone.ends_with("Which one did you mean?"), "{undone}");
    assert!(!task(&scope, &completed[0].title).await.completed);
    // a "before" in another task's title leaves "an hour before choir" a reminder
    say(&scope, &mut state, "add choir practice in 3 days at 6pm").await;
    say(&scope, &mut state, "add clean up before the guests arrive in 5 days").await;
    for said in ["remind me an hour before choir", "ping me 30m before choir"] {
        let reminded = say(&scope, &mut state, said).await;
        assert!(reminded.starts_with("I'll remind you "), "{said}: {reminded}");
    }
    let choir: Vec<_> = task(&scope, "choir practice")
        .await
        .reminders
        .iter()
        .filter_map(|r| r.before_minutes)
        .collect();
    assert!(choir.contains(&60) && choir.contains(&30), "{choir:?}");
    // "oh and also …" to an offer: the offer was taken as added
    let offered = say(&scope, &mut state, "pick up a gift for mom saturday afternoon!").await;
    assert!(
        offered.starts_with("Add “pick up a gift for mom” as a task?"),
        "{offered}"
    );
    let both = say(&scope, &mut state, "oh and also book a haircut for next week").await;
    assert!(both.starts_with("Added “pick up a gift for mom”"), "{both}");
    assert!(both.contains("Add “book a haircut” as a task?"), "{both}");
    // "no I meant 2" after a completion: asked, nothing moved
    say(&scope, &mut state, "add buy bread").await;
    say(&scope, &mut state, "complete buy bread").await;
    let asked = say(&scope, &mut state, "no I meant 2").await;
    assert!(asked.starts_with("Which one do you mean?"), "{asked}");
    assert_eq!(task(&scope, "buy bread").await.due_at, None);
    // "X is done, and so is Y": both
    say(&scope, &mut state, "add buy birthday card for Lucy").await;
    let both = say(&scope, &mut state, "Lucy's card is done, and so is the dentist").await;
    assert!(task(&scope, "buy birthday card for Lucy").await.completed, "{both}");
    assert!(task(&scope, "dentist").await.completed, "{both}");
    // a reminder before a moment already gone is said so, and not set
    let soon = chrono::Utc::now() + Duration::minutes(3);
    scope
        .create_task(
            crate::domain::task::TaskDraft::from_input(crate::domain::task::TaskInput {
                title: "team call".into(),
                due_at: Some(soon.to_rfc3339()),
                ..Default::default()
            })
            .expect("a draft"),
        )
        .await
        .expect("created");
    let late = say(&scope, &mut state, "remind me 10 minutes before team call").await;
    assert_eq!(late, "10 min before “team call” has passed already; I set no reminder.");
    assert!(!task(&scope, "team call")
        .await
        .reminders
        .iter()
        .any(|r| r.before_minutes == Some(10)));
}
