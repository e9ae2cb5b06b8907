//! A task moved: a reminder at a moment of its own goes with it (by as much, or by as many days),
//! also when the edit form sends the same reminders again; reminders given with the change are
//! taken as given — on SQLite and PostgreSQL.
use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::reminders::{draft, fire_at, in_minutes};
use super::{backends, user};
use crate::domain::reminder::ReminderInput;
use crate::domain::task::{TaskPatch, TaskPatchInput};
use crate::server::repo::UserScope;

#[tokio::test]
async fn a_reminder_at_a_moment_moves_with_its_task_by_as_many_days() {
    for fresh in backends().await {
        let db = &fresh.db;
        let me = user(db, "moved-days@example.com").await;
        let scope = UserScope::new(db, &me);
        // due in ten days at noon (UTC, the user's zone), reminded the day before at noon
        let noon = NaiveTime::from_hms_opt(12, 0, 0).expect("noon");
        let due = (Utc::now().date_naive() + Duration::days(10)).and_time(noon).and_utc();
        let at = due - Duration::days(1);
        let task = scope
            .create_task(draft(
                "Pay the gardener",
                Some(due),
                Some(vec![ReminderInput {
                    at: Some(at.to_rfc3339()),
                    ..Default::default()
                }]),
            ))
            .await
            .expect("created");
        // moved three days on (and an hour): the reminder moves three days, same time of day
        let patch = |due: DateTime<Utc>| {
            TaskPatch::from_input(TaskPatchInput {
                due_at: Some(Some(due.to_rfc3339())),
                ..Default::default()
            })
            .expect("a patch")
        };
        let later = due + Duration::days(3) + Duration::hours(1);
        let moved = scope.update_task(&task.id, patch(later)).await.expect("moved");
        let want = (at + Duration::days(3)).timestamp_millis();
        assert_eq!(
            moved.reminders[0].at.map(|a| a.timestamp_millis()),
            Some(want),
            "{}",
            fresh.backend
        );
        assert_eq!(fire_at(&moved.reminders[0]), want);
        assert!(!moved.reminders[0].fired);
        // moved by less than a day ("snooze it for an hour", even past midnight): by as much
        let snoozed = later + Duration::hours(12);
        let kept = scope.update_task(&task.id, patch(snoozed)).await.expect("moved");
        let want = want + Duration::hours(12).num_milliseconds();
        assert_eq!(kept.reminders[0].at.map(|a| a.timestamp_millis()), Some(want));
        // the same reminders sent again with a new due date (as the edit form sends them): moved
        let same = kept.reminders.iter().map(|r| ReminderInput {
            at: r.at.map(|a| a.to_rfc3339()),
            before_minutes: r.before_minutes,
            ..Default::default()
        });
        let again = scope
            .update_task(
                &task.id,
                TaskPatch::from_input(TaskPatchInput {
                    due_at: Some(Some((snoozed + Duration::days(2)).to_rfc3339())),
                    reminders: Some(same.collect()),
                    ..Default::default()
                })
                .expect("a patch"),
            )
            .await
            .expect("changed");
        let want = want + Duration::days(2).num_milliseconds();
        assert_eq!(
            again.reminders[0].at.map(|a| a.timestamp_millis()),
            Some(want),
            "{}",
            fresh.backend
        );
        // reminders given with the change are taken as given
        let given = in_minutes(60);
        let set = scope
            .update_task(
                &task.id,
                TaskPatch::from_input(TaskPatchInput {
                    due_at: Some(Some(due.to_rfc3339())),
                    reminders: Some(vec![ReminderInput {
                        at: Some(given.to_rfc3339()),
                        ..Default::default()
                    }]),
                    ..Default::default()
                })
                .expect("a patch"),
            )
            .await
            .expect("changed");
        assert_eq!(set.reminders[0].at, Some(given));
        // a priority of null is none
        let high = scope
            .update_task(
                &task.id,
                TaskPatch::from_input(serde_json::from_str::<TaskPatchInput>(r#"{"priority":"high"}"#).expect("json"))
                    .expect("a patch"),
            )
            .await
            .expect("changed");
        assert_eq!(high.priority, crate::domain::task::Priority::High);
        let none = scope
            .update_task(
                &task.id,
                TaskPatch::from_input(serde_json::from_str::<TaskPatchInput>(r#"{"priority":null}"#).expect("json"))
                    .expect("a patch"),
            )
            .await
            .expect("changed");
        assert_eq!(none.priority, crate::domain::task::Priority::None);
    }
}
