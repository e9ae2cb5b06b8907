//! Reminder mail: the outbox (`repo::reminders`) sent through the SMTP server of `SMTP_URL`.
//! A notification never waits for its mail: the scheduler queues the mail in the transaction
//! that makes the notification, and this loop sends it, retrying with back-off (30 s, 1 min,
//! 2 min … up to an hour, eight attempts). A mail is leased while it is sent, so another
//! instance takes it only if this one dies meanwhile.
use std::sync::Arc;
use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;
use tokio::sync::Notify;

use super::config::SmtpConfig;
use super::now_millis;
use super::repo::{self, Db};

const LEASE_MS: i64 = 120_000;
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
const IDLE_MS: i64 = 60_000;

/// The wait before attempt `attempts + 1`.
pub fn backoff_ms(attempts: i32) -> i64 {
    let exp = u32::try_from(attempts.clamp(0, 7)).unwrap_or(0);
    (30_000_i64 << exp).min(3_600_000)
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(config: &SmtpConfig) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(config.url.expose_secret())
            .map_err(|e| anyhow::anyhow!("SMTP_URL: {e}"))?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        let from = config.from.parse().map_err(|e| anyhow::anyhow!("SMTP_FROM: {e}"))?;
        Ok(Self { transport, from })
    }

    async fn send(&self, mail: &repo::reminders::Mail) -> Result<(), String> {
        let to: Mailbox = mail.to.parse().map_err(|e| format!("bad recipient: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                mail.text_body.clone(),
                mail.html_body.clone(),
            ))
            .map_err(|e| format!("could not build the mail: {e}"))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Sends the outbox until the process ends; `wake` says a mail was queued.
    pub async fn run(self, db: Db, wake: Arc<Notify>) {
        loop {
            let now = now_millis();
            match repo::reminders::claim_mail(&db, now, LEASE_MS, 20).await {
                Ok(batch) => {
                    for mail in &batch {
                        let result = self.send(mail).await;
                        let recorded = match result {
                            Ok(()) => repo::reminders::mail_sent(&db, &mail.id, now_millis()).await,
                            Err(error) => {
                                // the server's answer, never the message or the credentials
                                tracing::warn!(attempt = mail.attempts + 1, %error, "a reminder mail was not sent");
                                let retry_at = now_millis() + backoff_ms(mail.attempts);
                                repo::reminders::mail_failed(&db, &mail.id, retry_at, &error).await
                            }
                        };
                        if let Err(e) = recorded {
                            tracing::warn!(error = %e, "could not record a mail attempt");
                        }
                    }
                    if batch.len() == 20 {
                        continue;
                    }
                }
                Err(e) => tracing::warn!(error = %e, "could not read the mail outbox"),
            }
            let wait = match repo::reminders::next_mail_at(&db).await {
                Ok(Some(at)) => (at - now_millis()).clamp(100, IDLE_MS),
                _ => IDLE_MS,
            };
            tokio::select! {
                () = tokio::time::sleep(Duration::from_millis(wait.unsigned_abs())) => {}
                () = wake.notified() => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backoff_ms;

    #[test]
    fn back_off_doubles_up_to_an_hour() {
        assert_eq!(backoff_ms(0), 30_000);
        assert_eq!(backoff_ms(1), 60_000);
        assert_eq!(backoff_ms(3), 240_000);
        assert_eq!(backoff_ms(7), 3_600_000);
        assert_eq!(backoff_ms(100), 3_600_000);
    }
}
