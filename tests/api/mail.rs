//! Reminder mail: a reminder mailed to an SMTP server (a local one speaking the protocol), and a
//! dead mail server loses nothing.
use std::time::{Duration, Instant};

use chrono::Utc;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::helpers::{count, get_json, TestApp, TestDb};
use crate::reminders::send;

/// A mail server speaking just enough SMTP; every message it takes goes to the channel.
async fn smtp_server() -> (u16, tokio::sync::mpsc::UnboundedReceiver<String>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 localhost ESMTP test\r\n").await.ok();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            tx.send(std::mem::take(body)).ok();
                            data = None;
                            write.write_all(b"250 2.0.0 queued\r\n").await.ok();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let verb = line.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
                    let answer: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250-localhost\r\n250 8BITMIME\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.ok();
                            break;
                        }
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(answer).await.ok();
                }
            });
        }
    });
    (port, rx)
}

#[tokio::test]
async fn reminders_are_mailed_and_a_dead_mail_server_loses_nothing() {
    let (port, mut inbox) = smtp_server().await;
    let db = TestDb::new().await;
    let smtp = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::spawn_on(
        &db,
        &[("SMTP_URL", &smtp), ("SMTP_FROM", "Taskpilot <tasks@example.com>")],
    )
    .await;
    let me = app.client();
    app.signup(&me, "mailme@example.com").await;
    let (status, _) = send(
        me.patch(app.url("/api/v1/me/settings"))
            .json(&json!({"email_reminders": true})),
    )
    .await;
    assert_eq!(status, 200);
    let soon = (Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
    let (status, _) = send(
        me.post(app.url("/api/v1/tasks"))
            .json(&json!({"title": "Pay <rent> & bills", "reminders": [{"at": soon}]})),
    )
    .await;
    assert_eq!(status, 201);
    let mail = tokio::time::timeout(Duration::from_secs(15), inbox.recv())
        .await
        .expect("a mail within seconds")
        .unwrap();
    assert!(mail.contains("To: mailme@example.com"), "{mail}");
    assert!(mail.contains("Subject: Reminder: Pay <rent> & bills"), "{mail}");
    assert!(
        mail.contains("&lt;rent&gt; &amp; bills"),
        "the HTML part is escaped: {mail}"
    );
    assert_eq!(get_json(&me, app.url("/api/v1/notifications")).await["unread"], 1);
    // the mail server took it; the outbox notes that once the server's answer is read
    let conn = db.connect().await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while count(&conn, "SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NOT NULL").await < 1 {
        assert!(Instant::now() < deadline, "the sent mail was never marked sent");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.stop().await;

    // a mail server that is not there: the notification is made all the same, the mail waits
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let smtp = format!("smtp://127.0.0.1:{dead}");
    let app = TestApp::spawn_on(&db, &[("SMTP_URL", &smtp), ("SMTP_FROM", "tasks@example.com")]).await;
    let me = app.client();
    let res = me
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "mailme@example.com", "password": crate::helpers::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let soon = (Utc::now() + chrono::Duration::seconds(1)).to_rfc3339();
    send(
        me.post(app.url("/api/v1/tasks"))
            .json(&json!({"title": "Water plants", "reminders": [{"at": soon}]})),
    )
    .await;
    let conn = db.connect().await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let tried = count(
            &conn,
            "SELECT COUNT(*) FROM email_outbox WHERE attempts > 0 AND sent_at IS NULL",
        )
        .await;
        if tried == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the mail was never tried");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        get_json(&me, app.url("/api/v1/notifications")).await["unread"],
        2,
        "the notification is there"
    );
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NOT NULL").await,
        1
    );
    app.stop().await;
}
