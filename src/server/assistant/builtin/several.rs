//! Several new things asked for in one sentence: "add call the plumber by Friday, and another to
//! call Ada tomorrow at 10am", "add buy milk and add call mom", "remind me to water the plants at
//! 5pm and remind me to feed the cat at 6pm", "we need a project for the market stall, and please
//! add book a stall space to it by Friday", "move the dentist to friday and add buy stamps". Each
//! is done in turn, as if said alone.
use chrono_tz::Tz;

use super::{followup, known, turn_one, ConversationState, TurnOutcome};
use crate::error::AppError;
use crate::server::assistant::reader::{self, Command};
use crate::server::repo::UserScope;

/// Runs a turn: the pieces of a message that asks for a new thing after the first request ("move
/// the dentist to friday and add buy stamps") each in turn (a first that asks a question leaves
/// the rest for later, and says so); any other message as one request.
pub(super) async fn turn(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    text: &str,
) -> Result<TurnOutcome, AppError> {
    let placed = placed(text);
    let text = placed.as_deref().unwrap_or(text);
    if let Some([first, rest @ ..]) = pieces(text).as_deref() {
        let (_, known) = known(scope, state, tz).await?;
        // (a question, a note or a new title would take in the rest: those are read whole)
        let done = !matches!(
            reader::read(&followup::as_remind_me(first), &known),
            Command::Unknown
                | Command::Note(..)
                | Command::Rename(..)
                | Command::Clarify(_)
                | Command::Help
                | Command::Smalltalk(_)
                | Command::Aside(_)
                | Command::AskAbout(_)
                | Command::List(_)
                | Command::Count(_)
                | Command::ListProjects
                | Command::ListTags
                | Command::ListRepeating
                | Command::Yes
                | Command::No
                | Command::Again(_)
                | Command::Correct(_)
        );
        if done {
            let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
            return followup::in_turn(scope, tz, state, first, &rest).await;
        }
    }
    turn_one(scope, tz, state, text).await
}

/// Where one piece may end and the next begin (the longer first where two start at one place).
const SEPARATORS: [&str; 13] = [
    ", and then ",
    " and then ",
    ", and also ",
    " and also ",
    ", and ",
    " and ",
    ", also ",
    " also ",
    ", then ",
    ", plus ",
    " & ",
    "; ",
    ", ",
];

/// The pieces of a message in which a later piece starts a new thing of its own ("and add …",
/// "and another to …", "and remind me to …"), each written as said alone ("add …"); `None`
/// when no later piece does. A title in quotes is never cut.
pub(super) fn pieces(text: &str) -> Option<Vec<String>> {
    // ASCII lower-casing keeps every byte where it was
    let lower = text.to_ascii_lowercase();
    if lower.contains(['"', '“', '”']) {
        return None;
    }
    let mut pieces = Vec::new();
    // where the piece being read starts, and the lead it is written with
    let (mut from, mut lead) = (0, "");
    let mut at = 0;
    while at < lower.len() {
        // (every separator starts with an ASCII byte: `k + 1` is a character's start)
        let Some((k, len)) = SEPARATORS
            .iter()
            .filter_map(|sep| lower[at..].find(sep).map(|k| (at + k, sep.len())))
            .min_by_key(|&(k, len)| (k, usize::MAX - len))
        else {
            break;
        };
        match starts_anew(&lower[k + len..]) {
            Some((next_lead, skip)) => {
                pieces.push(format!("{lead}{}", text[from..k].trim()));
                (from, lead) = (k + len + skip, next_lead);
                at = from;
            }
            None => at = k + 1,
        }
    }
    if pieces.is_empty() || pieces.len() > 9 {
        return None;
    }
    pieces.push(format!("{lead}{}", text[from..].trim()));
    pieces
        .iter()
        .all(|p| p.split_whitespace().count() >= 2)
        .then_some(pieces)
}

/// Whether `rest` (lower-case, after a separator) asks for a new thing of its own: the lead to
/// write it with and how many bytes of `rest` that lead stands for.
fn starts_anew(rest: &str) -> Option<(&'static str, usize)> {
    let mut skip = 0;
    while let Some(filler) = [
        "please ",
        "pls ",
        "plz ",
        "also ",
        "then ",
        "can you ",
        "could you ",
        "can u ",
    ]
    .iter()
    .find(|f| rest[skip..].starts_with(**f))
    {
        skip += filler.len();
    }
    let said = &rest[skip..];
    if let Some(after) = said.strip_prefix("add ") {
        // "… and add it to groceries", "and add a reminder", "and add high priority": said of
        // the thing before, not a new one
        const OF_IT: [&str; 24] = [
            "it",
            "that",
            "them",
            "this",
            "those",
            "these",
            "reminder",
            "reminders",
            "note",
            "notes",
            "tag",
            "tags",
            "label",
            "labels",
            "priority",
            "high",
            "low",
            "medium",
            "urgent",
            "to",
            "on",
            "due",
            "date",
            "description",
        ];
        let mut words = after
            .split_whitespace()
            .skip_while(|w| matches!(*w, "a" | "an" | "the" | "another"));
        let word = words.next().unwrap_or_default();
        return (!word.is_empty() && !OF_IT.contains(&word)).then_some(("add ", skip + 4));
    }
    if said.starts_with("remind me to ") || said.starts_with("remind me that ") {
        return Some(("", skip));
    }
    // "and another to call Ada", "another task: call Ada", "one more reminder to …"
    let (more, after) = ["another ", "one more "]
        .iter()
        .find_map(|m| said.strip_prefix(m).map(|after| (m.len(), after)))?;
    const NOUNS: [&str; 6] = ["task", "one", "todo", "to-do", "item", "reminder"];
    let noun = NOUNS
        .iter()
        .find(|n| after.strip_prefix(**n).is_some_and(|r| r.starts_with([' ', ':', '-'])));
    let after_noun = after[noun.map_or(0, |n| n.len())..].trim_start();
    let told = [":", "-", "to ", "called ", "named "]
        .iter()
        .find(|t| after_noun.starts_with(**t))?;
    let what = after_noun[told.len()..].trim_start();
    let lead = if noun == Some(&"reminder") {
        "remind me to "
    } else {
        "add "
    };
    (!what.trim().is_empty()).then_some((lead, skip + more + (after.len() - what.len())))
}

/// "add buy milk and add it to groceries", "add call mom, and put it on my family list": one new
/// task, and where it goes — said as "add buy milk to groceries".
fn placed(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if !lower.starts_with("add ") {
        return None;
    }
    let (k, len) = [", and add it ", " and add it ", ", and put it ", " and put it "]
        .iter()
        .find_map(|sep| lower.find(sep).map(|k| (k, sep.len())))?;
    let rest = &text[k + len..];
    let place = rest.split_whitespace().next()?.to_ascii_lowercase();
    (matches!(place.as_str(), "to" | "in" | "into" | "on" | "onto" | "under") && !text[..k].contains(['"', '“']))
        .then(|| format!("{} {rest}", &text[..k]))
}
