//! What the QA passes left: "undo" after a delete, "show me everything" in date order, "remind me
//! tomorrow to …" with no time, a reminder asked on a done task, a project named "for the …".
use chrono::Duration;

use super::{backends, local_now, say, task, time, user, ConversationState, UserScope, TZ};
use crate::server::tasks::to_utc;

#[tokio::test]
async fn undo_brings_back_what_was_just_deleted() {
    for fresh in backends().await {
        let me = user(&fresh.db, "undo-delete@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        say(&scope, &mut state, "add email bob tomorrow at 9am").await;
        say(&scope, &mut state, "add buy stamps").await;
        let before = task(&scope, "email bob").await;
        let deleted = say(&scope, &mut state, "delete email bob").await;
        assert_eq!(deleted, "Deleted “email bob”.");
        let back = say(&scope, &mut state, "undo").await;
        assert!(back.starts_with("Brought back “email bob”"), "{back}");
        let after = task(&scope, "email bob").await;
        assert_eq!(
            (after.id, after.due_at),
            (before.id, before.due_at),
            "the same task, as it was"
        );
        // in other words, once
        say(&scope, &mut state, "delete buy stamps").await;
        let back = say(&scope, &mut state, "bring it back please").await;
        assert!(back.starts_with("Brought back “buy stamps”"), "{back}");
        assert_eq!(scope.recent_tasks(10).await.expect("the tasks").len(), 2);
        // only right after the delete: another turn between, and "undo" is not about it
        say(&scope, &mut state, "delete buy stamps").await;
        say(&scope, &mut state, "what's due tomorrow?").await;
        let late = say(&scope, &mut state, "undo").await;
        assert!(!late.starts_with("Brought back"), "{late}");
        assert_eq!(scope.recent_tasks(10).await.expect("the tasks").len(), 1);

        // everything, done tasks too, soonest first (not the newest made first)
        say(&scope, &mut state, "add renew passport in 3 weeks").await;
        say(&scope, &mut state, "complete email bob").await;
        let all = say(&scope, &mut state, "show me everything").await;
        assert!(all.starts_with("You have 2 tasks"), "{all}");
        assert!(all.find("email bob") < all.find("renew passport"), "{all}");
    }
}

#[tokio::test]
async fn remind_me_on_a_day_is_that_mornings_reminder() {
    for fresh in backends().await {
        let me = user(&fresh.db, "remind-day@example.com").await;
        let scope = UserScope::new(&fresh.db, &me);
        let mut state = ConversationState::default();
        let added = say(&scope, &mut state, "remind me tomorrow to buy stamps").await;
        assert!(added.ends_with("I'll remind you at 09:00 that day."), "{added}");
        let stamps = task(&scope, "buy stamps").await;
        let morning = (local_now(TZ).date() + Duration::days(1)).and_time(time(9, 0));
        let at: Vec<_> = stamps.reminders.iter().map(|r| r.at).collect();
        assert_eq!(at, vec![Some(to_utc(morning, TZ))]);
        // a time said: the reminder the time brings, no morning one
        say(&scope, &mut state, "remind me friday at 5pm to call mom").await;
        let mom = task(&scope, "call mom").await;
        assert!(mom.reminders.iter().all(|r| r.at.is_none()), "{:?}", mom.reminders);
        // "add" asks for no reminder: a day alone gets none
        say(&scope, &mut state, "add water the plants tomorrow").await;
        assert!(task(&scope, "water the plants").await.reminders.is_empty());
        // a repeating day has no morning to ring at once: said so
        let weekly = say(&scope, &mut state, "remind me every monday to take out the trash").await;
        assert!(
            weekly.ends_with("so I set no reminder: say one, like “… at 9am”."),
            "{weekly}"
        );

        // a done task is not reminded of
        say(&scope, &mut state, "add pay rent").await;
        say(&scope, &mut state, "i paid the rent").await;
        let refused = say(&scope, &mut state, "remind me about pay rent tomorrow at 5pm").await;
        assert!(refused.starts_with("“pay rent” is already done"), "{refused}");
        assert!(task(&scope, "pay rent").await.reminders.is_empty());

        // "a project for the kitchen remodel": the project's name, without the sentence's article
        let made = say(&scope, &mut state, "start a project for the kitchen remodel").await;
        assert!(made.starts_with("Created the project “Kitchen remodel”"), "{made}");
        let named = say(&scope, &mut state, "create a project called The Office").await;
        assert!(named.starts_with("Created the project “The Office”"), "{named}");
    }
}
