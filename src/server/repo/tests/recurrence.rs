//! Recurring tasks where the rules live: completing moves the due date on and records the
//! completion, the series ends with COUNT, "after completion" counts from the day it was done,
//! Undo puts it back, the same rule sent again keeps the series, and the calendar feed's secret
//! finds its user and dies when rotated — on SQLite and PostgreSQL.
use chrono::{DateTime, Datelike, Duration, DurationRound, NaiveTime, Utc};

use super::{backends, user};
use crate::domain::query::TaskQuery;
use crate::domain::quick_add::end_of_day;
use crate::domain::recurrence::{RecurFrom, RecurrenceInput};
use crate::domain::task::{Task, TaskDraft, TaskInput, TaskPatch, TaskPatchInput};
use crate::error::AppError;
use crate::server::repo::UserScope;

fn repeat(rule: &str, from: RecurFrom) -> RecurrenceInput {
    RecurrenceInput {
        rule: rule.into(),
        from,
        text: None,
    }
}

/// A change of the rule alone.
fn repeat_patch(rule: &str) -> TaskPatch {
    TaskPatch::from_input(TaskPatchInput {
        recurrence: Some(Some(repeat(rule, RecurFrom::Due))),
        ..Default::default()
    })
    .expect("a patch")
}

fn draft(title: &str, due: Option<DateTime<Utc>>, rule: &str, from: RecurFrom) -> TaskDraft {
    TaskDraft::from_input(TaskInput {
        title: title.into(),
        due_at: due.map(|d| d.to_rfc3339()),
        recurrence: Some(repeat(rule, from)),
        ..Default::default()
    })
    .unwrap()
}

/// Tomorrow at 09:00 UTC (the test users live in UTC).
fn tomorrow_nine() -> DateTime<Utc> {
    (Utc::now().date_naive() + Duration::days(1))
        .and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap())
        .and_utc()
}

async fn complete(scope: &UserScope<'_>, task: &Task) -> Task {
    scope.update_task(&task.id, TaskPatch::completed(true)).await.unwrap()
}

#[tokio::test]
async fn completing_moves_a_recurring_task_on_and_undo_puts_it_back() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "repeats@example.com").await;
        let scope = UserScope::new(db, &me);
        let due = tomorrow_nine();
        let task = scope
            .create_task(draft("Water plants", Some(due), "FREQ=DAILY", RecurFrom::Due))
            .await
            .unwrap();
        assert_eq!(task.due_at, Some(due), "{}", fresh.backend);
        let words = task.recurrence.as_ref().map(|r| r.text.as_str());
        assert_eq!(words, Some("Every day"));

        // done a day early: the next one after its due date, never the one it was due on
        let moved = complete(&scope, &task).await;
        assert!(!moved.completed, "a recurring task stays open");
        assert_eq!(moved.due_at, Some(due + Duration::days(1)));
        let page = scope.list_completions(&task.id, 10, None).await.unwrap();
        assert_eq!(page.items.len(), 1);
        assert_eq!(page.items[0].due_at, Some(due));
        assert_eq!(page.items[0].next_due_at, Some(due + Duration::days(1)));

        // Undo: back on the date it had, the completion forgotten; only once
        let back = scope.undo_completion(&task.id).await.unwrap();
        assert_eq!((back.due_at, back.completed), (Some(due), false));
        assert!(scope
            .list_completions(&task.id, 10, None)
            .await
            .unwrap()
            .items
            .is_empty());
        assert!(matches!(
            scope.undo_completion(&task.id).await,
            Err(AppError::Conflict { .. })
        ));

        // days late: the first occurrence that is still ahead, at the same time of day
        let late = (Utc::now() - Duration::days(3))
            .duration_trunc(Duration::seconds(1))
            .unwrap();
        let made = scope
            .create_task(draft("Stretch", Some(due), "FREQ=DAILY", RecurFrom::Due))
            .await
            .unwrap();
        let overdue = scope
            .update_task(
                &made.id,
                TaskPatch::from_input(TaskPatchInput {
                    due_at: Some(Some(late.to_rfc3339())),
                    ..Default::default()
                })
                .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(overdue.due_at, Some(late));
        let moved = complete(&scope, &overdue).await;
        assert_eq!(moved.due_at, Some(late + Duration::days(4)));

        // stop repeating: the due date stays, the rule goes, and completing completes
        let stopped = scope
            .update_task(
                &overdue.id,
                TaskPatch::from_input(TaskPatchInput {
                    recurrence: Some(None),
                    ..Default::default()
                })
                .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!((stopped.recurrence.is_none(), stopped.due_at), (true, moved.due_at));
        assert!(complete(&scope, &stopped).await.completed);
    }
}

#[tokio::test]
async fn count_ends_the_series_and_the_same_rule_again_keeps_it() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "count@example.com").await;
        let scope = UserScope::new(db, &me);
        let due = tomorrow_nine();
        let task = scope
            .create_task(draft("Course", Some(due), "FREQ=DAILY;COUNT=3", RecurFrom::Due))
            .await
            .unwrap();
        let second = complete(&scope, &task).await;
        assert_eq!(second.due_at, Some(due + Duration::days(1)), "{}", fresh.backend);
        // an edit form sends the rule with every save: the series keeps its start
        let same = TaskPatch::from_input(TaskPatchInput {
            title: Some("Course, part two".into()),
            recurrence: Some(Some(repeat("FREQ=DAILY;COUNT=3", RecurFrom::Due))),
            ..Default::default()
        })
        .unwrap();
        let edited = scope.update_task(&task.id, same).await.unwrap();
        assert_eq!(edited.due_at, second.due_at);
        let third = complete(&scope, &edited).await;
        assert_eq!((third.due_at, third.completed), (Some(due + Duration::days(2)), false));
        // the third occurrence was the last: done for good, its due date kept
        let last = complete(&scope, &third).await;
        assert_eq!((last.completed, last.due_at), (true, third.due_at));
        let page = scope.list_completions(&task.id, 2, None).await.unwrap();
        assert_eq!(page.items.len(), 2);
        assert_eq!(page.items[0].next_due_at, None, "newest first: the one that ended it");
        let rest = scope
            .list_completions(&task.id, 2, page.next_cursor.as_deref())
            .await
            .unwrap();
        assert_eq!((rest.items.len(), rest.next_cursor), (1, None));
        // the same rule again leaves it done
        let same = repeat_patch("FREQ=DAILY;COUNT=3");
        assert!(scope.update_task(&task.id, same).await.expect("saved").completed);
        // Undo of the last one reopens it where it was
        let reopened = scope.undo_completion(&task.id).await.unwrap();
        assert_eq!((reopened.completed, reopened.due_at), (false, third.due_at));
    }
}

#[tokio::test]
async fn a_done_task_given_a_rule_to_repeat_by_is_open_again() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "again@example.com").await;
        let scope = UserScope::new(db, &me);
        let parent = scope
            .create_task(
                TaskDraft::from_input(TaskInput {
                    title: "Water the plants".into(),
                    due_at: Some(tomorrow_nine().to_rfc3339()),
                    ..Default::default()
                })
                .expect("a draft"),
            )
            .await
            .expect("created");
        let mut sub = TaskDraft::from_input(TaskInput {
            title: "Fill the can".into(),
            ..Default::default()
        })
        .expect("a draft");
        sub.parent_id = Some(parent.id.clone());
        let sub = scope.create_task(sub).await.expect("created");
        let is_done = |id: String| {
            let scope = &scope;
            async move { scope.get_task(&id).await.expect("the subtask").completed }
        };
        let done = complete(&scope, &parent).await;
        assert!(done.completed && is_done(sub.id.clone()).await);
        let repeating = scope
            .update_task(&parent.id, repeat_patch("FREQ=WEEKLY"))
            .await
            .expect("saved");
        assert!(
            !repeating.completed,
            "{}: a repeat on a done task reopens it",
            fresh.backend
        );
        assert_eq!(repeating.completed_at, None);
        assert!(repeating.recurrence.is_some());
        // what its completion closed is open again, as a reopen does
        assert!(!is_done(sub.id.clone()).await, "{}", fresh.backend);
    }
}

#[tokio::test]
async fn after_completion_counts_from_the_day_it_was_done() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "after@example.com").await;
        let scope = UserScope::new(db, &me);
        let due = tomorrow_nine();
        let task = scope
            .create_task(draft(
                "Water cactus",
                Some(due),
                "FREQ=DAILY;INTERVAL=3",
                RecurFrom::Completion,
            ))
            .await
            .unwrap();
        assert_eq!(
            task.recurrence.as_ref().map(|r| r.text.as_str()),
            Some("Every 3 days after completion")
        );
        let moved = complete(&scope, &task).await;
        let today_nine = Utc::now()
            .date_naive()
            .and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap())
            .and_utc();
        assert_eq!(moved.due_at, Some(today_nine + Duration::days(3)), "{}", fresh.backend);
    }
}

#[tokio::test]
async fn a_recurring_task_always_has_a_due_date_and_bad_rules_are_refused() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "nodue@example.com").await;
        let scope = UserScope::new(db, &me);
        let task = scope
            .create_task(draft("Journal", None, "FREQ=DAILY", RecurFrom::Due))
            .await
            .unwrap();
        let today_end = Utc::now().date_naive().and_time(end_of_day()).and_utc();
        let expected = if today_end > Utc::now() {
            today_end
        } else {
            today_end + Duration::days(1)
        };
        assert_eq!(task.due_at, Some(expected), "{}", fresh.backend);
        // clearing the due date of a recurring task starts it again from today
        let cleared = scope
            .update_task(
                &task.id,
                TaskPatch::from_input(TaskPatchInput {
                    due_at: Some(None),
                    ..Default::default()
                })
                .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(cleared.due_at, Some(expected));

        for rule in [
            "FREQ=HOURLY",
            "FREQ=WEEKLY;BYDAY=XX",
            "BYDAY=MO",
            "FREQ=DAILY;COUNT=0",
            "FREQ=DAILY;BOGUS=1",
            "",
        ] {
            let refused = TaskDraft::from_input(TaskInput {
                title: "x".into(),
                recurrence: Some(repeat(rule, RecurFrom::Due)),
                ..Default::default()
            });
            assert_eq!(
                refused.map(|_| ()).map_err(|e| e.field),
                Err("recurrence".to_owned()),
                "{rule}"
            );
        }
        // a rule whose series is already over has nothing to be due on
        let over = scope
            .create_task(draft("Old", None, "FREQ=DAILY;UNTIL=20200101", RecurFrom::Due))
            .await;
        assert!(
            matches!(over, Err(AppError::Validation { ref field, .. }) if field == "recurrence"),
            "{over:?}"
        );
        let all = scope
            .list_tasks(
                &TaskQuery {
                    limit: 50,
                    ..Default::default()
                },
                crate::server::tasks::due_bounds(chrono_tz::Tz::UTC),
            )
            .await
            .unwrap();
        assert_eq!(all.items.len(), 1, "nothing half-written");
    }
}

#[tokio::test]
async fn the_calendar_secret_finds_its_user_until_rotated() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "cal@example.com").await;
        let other = user(db, "cal-other@example.com").await;
        let scope = UserScope::new(db, &me);
        assert_eq!(scope.calendar_created_at().await.unwrap(), None);
        scope.set_calendar_secret("hash-one".into()).await.unwrap();
        UserScope::new(db, &other)
            .set_calendar_secret("hash-other".into())
            .await
            .unwrap();
        let found = crate::server::repo::calendar::user_for_feed_hash(db, "hash-one")
            .await
            .unwrap();
        assert_eq!(found.map(|r| r.user.id), Some(me.id().to_owned()), "{}", fresh.backend);
        scope.set_calendar_secret("hash-two".into()).await.unwrap();
        assert!(crate::server::repo::calendar::user_for_feed_hash(db, "hash-one")
            .await
            .unwrap()
            .is_none());
        assert!(scope.calendar_created_at().await.unwrap().is_some());

        // the feed holds the open, dated tasks only
        let due = tomorrow_nine();
        let dated = scope
            .create_task(
                TaskDraft::from_input(TaskInput {
                    title: "Dated".into(),
                    due_at: Some(due.to_rfc3339()),
                    ..Default::default()
                })
                .unwrap(),
            )
            .await
            .unwrap();
        for (title, due_at, done) in [("Undated", None, false), ("Done", Some(due.to_rfc3339()), true)] {
            let t = scope
                .create_task(
                    TaskDraft::from_input(TaskInput {
                        title: title.into(),
                        due_at,
                        ..Default::default()
                    })
                    .unwrap(),
                )
                .await
                .unwrap();
            if done {
                complete(&scope, &t).await;
            }
        }
        let feed: Vec<String> = scope
            .calendar_tasks()
            .await
            .unwrap()
            .into_iter()
            .map(|(t, _)| t.id)
            .collect();
        assert_eq!(feed, [dated.id]);

        scope.end_calendar().await.unwrap();
        assert!(crate::server::repo::calendar::user_for_feed_hash(db, "hash-two")
            .await
            .unwrap()
            .is_none());
        let theirs = crate::server::repo::calendar::user_for_feed_hash(db, "hash-other")
            .await
            .unwrap();
        assert_eq!(theirs.map(|r| r.user.id), Some(other.id().to_owned()));
    }
}

#[tokio::test]
async fn a_repeat_of_one_day_moves_with_its_task() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "follow@example.com").await;
        let scope = UserScope::new(db, &me);
        // next Tuesday at 17:00, every other Tuesday
        let today = Utc::now().date_naive();
        let tuesday = (1..=7)
            .map(|n| today + Duration::days(n))
            .find(|d| d.weekday() == chrono::Weekday::Tue)
            .expect("a Tuesday within a week");
        let due = tuesday
            .and_time(NaiveTime::from_hms_opt(17, 0, 0).expect("a time"))
            .and_utc();
        // the same move for each: a day later, to the Wednesday
        let to_wednesday = || {
            TaskPatch::from_input(TaskPatchInput {
                due_at: Some(Some((due + Duration::days(1)).to_rfc3339())),
                ..Default::default()
            })
            .expect("a patch")
        };
        let task = scope
            .create_task(draft(
                "Piano",
                Some(due),
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
                RecurFrom::Due,
            ))
            .await
            .expect("created");
        let moved = scope.update_task(&task.id, to_wednesday()).await.expect("moved");
        let repeat = moved.recurrence.clone().expect("still repeating");
        assert_eq!(repeat.rule, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "{}", fresh.backend);
        assert_eq!(repeat.text, "Every other week on Wed");
        // and goes on from there: two weeks after that Wednesday
        let next = complete(&scope, &moved).await;
        assert_eq!(next.due_at, Some(due + Duration::days(15)), "{}", fresh.backend);
        // a rule of two days stays as it is
        let two = scope
            .create_task(draft("Gym", Some(due), "FREQ=WEEKLY;BYDAY=TU,TH", RecurFrom::Due))
            .await
            .expect("created");
        let moved = scope.update_task(&two.id, to_wednesday()).await.expect("moved");
        assert_eq!(
            moved.recurrence.expect("still repeating").rule,
            "FREQ=WEEKLY;BYDAY=TU,TH"
        );
    }
}

#[tokio::test]
async fn a_postponed_occurrence_leaves_its_series_on_its_days() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "postponed@example.com").await;
        let scope = UserScope::new(db, &me);
        let due = tomorrow_nine();
        let moved_to = |due: DateTime<Utc>, stays: bool| {
            let mut patch = TaskPatch::from_input(TaskPatchInput {
                due_at: Some(Some(due.to_rfc3339())),
                ..Default::default()
            })
            .expect("a patch");
            patch.series_stays = stays;
            patch
        };
        for rule in ["FREQ=WEEKLY;INTERVAL=2", "FREQ=WEEKLY"] {
            let step = if rule.contains("INTERVAL=2") { 14 } else { 7 };
            // postponed four days: this one moves, the next is where the series had it
            let task = scope
                .create_task(draft("Clean the fridge", Some(due), rule, RecurFrom::Due))
                .await
                .expect("created");
            let later = due + Duration::days(4);
            let postponed = scope.update_task(&task.id, moved_to(later, true)).await.expect("moved");
            assert_eq!(postponed.due_at, Some(later));
            assert_eq!(postponed.recurrence.as_ref().map(|r| r.rule.as_str()), Some(rule));
            let next = complete(&scope, &postponed).await;
            assert_eq!(
                next.due_at,
                Some(due + Duration::days(step)),
                "{rule} {}",
                fresh.backend
            );
            // moved as a change of its own: the series goes on from the new day
            let task = scope
                .create_task(draft("Clean the oven", Some(due), rule, RecurFrom::Due))
                .await
                .expect("created");
            let moved = scope
                .update_task(&task.id, moved_to(later, false))
                .await
                .expect("moved");
            let next = complete(&scope, &moved).await;
            assert_eq!(
                next.due_at,
                Some(later + Duration::days(step)),
                "{rule} {}",
                fresh.backend
            );
        }
    }
}
