//! Follow-ups to what the assistant just said: "bring it back" after a delete, and "it" right
//! after “Add X as a task?” (X: added first, then changed; or, for "delete it", not added).
use chrono_tz::Tz;

use super::{reply, TurnOutcome};
use crate::domain::quick_add::parse_quick_add;
use crate::server::tasks::local_now;

/// "bring it back", "undelete that", "put it back please": the whole message asks for what was
/// just deleted (not "put it back to friday").
pub(super) fn asks_back(text: &str) -> bool {
    let text = text.to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    *w,
                    "please"
                        | "pls"
                        | "oops"
                        | "sorry"
                        | "no"
                        | "wait"
                        | "actually"
                        | "oh"
                        | "hmm"
                        | "ah"
                        | "can"
                        | "could"
                        | "you"
                        | "just"
                        | "now"
                        | "mistake"
                        | "my"
                        | "bad"
                )
        })
        .collect();
    matches!(
        words.as_slice(),
        ["bring" | "put" | "get", "it" | "that", "back"]
            | ["undelete" | "restore" | "undo"]
            | ["undelete" | "restore" | "undo", "it" | "that"]
    )
}

/// "delete it" to “Add X as a task?”: nothing was added, nothing is.
pub(super) fn not_added(offered: &str, tz: Tz) -> TurnOutcome {
    let title = parse_quick_add(offered, local_now(tz)).title;
    reply(&format!("OK, I didn't add “{title}”."))
}

/// The offered task added, then changed: both said, both listed.
pub(super) fn joined(added: Option<TurnOutcome>, then: TurnOutcome) -> TurnOutcome {
    match added {
        Some(mut first) => {
            first.reply = format!("{}\n{}", first.reply, then.reply);
            first.actions.extend(then.actions);
            first
        }
        None => then,
    }
}
