//! The reminder scheduler: runs in every instance. It sleeps until the earliest reminder that
//! has not fired (one index look-up, `MIN(next_reminder_at)`), or until a task changes (a
//! change can bring a reminder closer), fires what is due (see `repo::reminders::fire_due`:
//! claimed atomically, so instances never fire one twice), and sleeps again. Reminders missed
//! while every instance was down are due at start-up, and fire then, marked late.
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{broadcast, Notify};

use super::events::{Change, Kind};
use super::now_millis;
use super::repo::{self, Db};

/// Tasks taken in one transaction.
const BATCH: u64 = 200;
/// The longest the scheduler sleeps without looking (changes made by another process on the
/// same SQLite file are not announced to this one).
const MAX_SLEEP_MS: i64 = 30_000;
/// After a round found a due reminder it could not take (another instance holds its row).
const RETRY_MS: i64 = 250;

/// Fires reminders until the process ends. `mail`: wakes the mailer when a reminder was mailed
/// (`None`: no mail server); `origin`: `PUBLIC_URL`'s, for the mails' links to their tasks.
pub async fn run(db: Db, mail: Option<Arc<Notify>>, origin: Option<String>) {
    let mut changes = db.events().subscribe();
    loop {
        let round_at = now_millis();
        match repo::reminders::fire_due(&db, round_at, BATCH, mail.is_some(), origin.as_deref()).await {
            Ok(round) => {
                if let Some(mailer) = &mail {
                    if round.fired.iter().any(|f| f.mailed) {
                        mailer.notify_one();
                    }
                }
                if !round.fired.is_empty() {
                    tracing::debug!(fired = round.fired.len(), "reminders fired");
                }
                if round.tasks as u64 == BATCH {
                    continue;
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not fire reminders; trying again shortly");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        }
        let wait_ms = match repo::reminders::next_fire_at(&db).await {
            Ok(Some(at)) if at <= round_at => RETRY_MS,
            Ok(Some(at)) => (at - now_millis()).clamp(0, MAX_SLEEP_MS),
            Ok(None) => MAX_SLEEP_MS,
            Err(e) => {
                tracing::warn!(error = %e, "could not read the next reminder");
                1_000
            }
        };
        if wait_ms == 0 {
            continue;
        }
        tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(wait_ms.unsigned_abs())) => {}
            () = task_changed(&mut changes) => {}
        }
    }
}

/// Resolves when a task changes (or changes may have been missed).
async fn task_changed(changes: &mut broadcast::Receiver<Arc<Change>>) {
    loop {
        match changes.recv().await {
            Ok(change) if matches!(change.kind, Kind::Task | Kind::Resync) => break,
            Ok(_) => {}
            Err(broadcast::error::RecvError::Lagged(_)) => break,
            Err(broadcast::error::RecvError::Closed) => std::future::pending::<()>().await,
        }
    }
    // many changes at once make one round
    while let Ok(_) | Err(broadcast::error::TryRecvError::Lagged(_)) = changes.try_recv() {}
}
