//! Follow-ups: "bring it back" after a delete, "it" right after “Add X as a task?” (X: added
//! first, then changed; or, for "delete it", not added), a second request about the task of the
//! first in one message ("… and tag it bills"), a correction of a reminder just set ("actually
//! make that 45"), a bare "done" after a completion, and a task named with nothing asked of it.
use chrono_tz::Tz;

use super::act::{self, Verb};
use super::{describe_due, quote, reply, turn_one, ConversationState, TurnOutcome, NOT_UNDERSTOOD};
use crate::domain::quick_add::parse_quick_add;
use crate::domain::task::Task;
use crate::error::AppError;
use crate::server::assistant::reader::{Command, Target};
use crate::server::assistant::resolve::{resolve, Prefer, Resolution};
use crate::server::repo::UserScope;
use crate::server::tasks::local_now;

/// "bring it back", "undelete that", "put it back please": the whole message asks for what was
/// just deleted (not "put it back to friday").
pub(super) fn asks_back(text: &str) -> bool {
    let words = bare_words(text);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    matches!(
        words.as_slice(),
        ["bring" | "put" | "get", "it" | "that", "back"]
            | ["undelete" | "restore" | "undo"]
            | ["undelete" | "restore" | "undo", "it" | "that"]
    )
}

/// "oops no it isnt", "not yet!", "wait, it's not done", "nah i didn't do it" right after a
/// completion: that task is not done after all.
pub(super) fn denies_done(text: &str) -> bool {
    let words = bare_words(&text.replace('’', "'"));
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    // "i didnt", "nah i didn't do it", "we haven't finished it yet"
    if let Some(said) = words.strip_prefix(&["i"]).or_else(|| words.strip_prefix(&["we"])) {
        let said = said.strip_suffix(&["yet"]).unwrap_or(said);
        let said = said
            .strip_suffix(&["it"])
            .or_else(|| said.strip_suffix(&["that"]))
            .unwrap_or(said);
        return matches!(
            said,
            ["didn't" | "didnt" | "haven't" | "havent"]
                | ["did" | "have", "not"]
                | ["didn't" | "didnt", "do" | "finish"]
                | ["did", "not", "do" | "finish"]
                | ["haven't" | "havent", "done" | "finished"]
                | ["have", "not", "done" | "finished"]
        );
    }
    let words = words
        .strip_prefix(&["it"])
        .or_else(|| words.strip_prefix(&["that"]))
        .unwrap_or(&words);
    matches!(
        words,
        [
            "isn't" | "isnt" | "wasn't" | "wasnt" | "it's" | "its" | "that's" | "thats",
            "not"
        ] | ["isn't" | "isnt" | "wasn't" | "wasnt"]
            | [
                "isn't" | "isnt" | "wasn't" | "wasnt" | "is" | "was",
                "not",
                "done" | "finished" | "yet"
            ]
            | ["isn't" | "isnt" | "wasn't" | "wasnt", "done" | "finished" | "yet"]
            | ["is" | "was", "not"]
            | ["it's" | "its" | "that's" | "thats", "not", "done" | "finished" | "yet"]
            | ["not", "yet" | "done" | "finished"]
            | ["not", "done" | "finished", "yet"]
    )
}

/// "no wait not that one", "wrong one!", "that's the wrong one" right after a completion: the
/// task completed was not the one meant.
pub(super) fn wrong_one(text: &str) -> bool {
    let words = bare_words(&text.replace('’', "'"));
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    matches!(
        words.as_slice(),
        ["not", "that", "one" | "task" | "one!"]
            | ["not", "that"]
            | ["wrong", "one" | "task"]
            | ["that's" | "thats" | "that", "the", "wrong", "one" | "task"]
            | ["that", "is", "the", "wrong", "one" | "task"]
            | ["i", "meant", "another", "one"]
    )
}

/// "also …", "oh and also …": said on top of what came before.
pub(super) fn says_also(text: &str) -> bool {
    let words = text.trim_start().to_lowercase();
    let words = words.trim_start_matches(|c: char| !c.is_alphanumeric());
    [
        "also ",
        "and also ",
        "plus also ",
        "oh and also ",
        "oh also ",
        "oh, and also ",
        "oh, also ",
    ]
    .iter()
    .any(|lead| words.starts_with(lead))
}

/// "both", "all of them", "do both", "both of them please": every task of a "Which one?" asked.
pub(super) fn asks_all(text: &str) -> bool {
    let words = bare_words(text);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let words = words.strip_prefix(&["do"]).unwrap_or(&words);
    matches!(
        words,
        ["both" | "all" | "each"]
            | ["both" | "all" | "each", "of", "them" | "those"]
            | ["both" | "all", "ones"]
            | ["both" | "all", "of", "those", "ones"]
            | ["them", "all" | "both"]
    )
}

/// The words of a short reply, without the fillers around what it asks ("oops", "please",
/// "no wait", "my bad", "never mind").
pub(super) fn bare_words(text: &str) -> Vec<String> {
    // ("never mind" is a filler; "never bring it back" is not asking)
    let text = text.to_lowercase().replace("never mind", " ");
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    *w,
                    "please"
                        | "pls"
                        | "oops"
                        | "sorry"
                        | "no"
                        | "nope"
                        | "nah"
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
                        | "nvm"
                        | "nevermind"
                        | "whoops"
                        | "ugh"
                        | "hang"
                        | "on"
                )
        })
        .map(str::to_owned)
        .collect()
}

/// "delete it" to “Add X as a task?”: nothing was added, nothing is.
pub(super) fn not_added(offered: &str, tz: Tz) -> TurnOutcome {
    let title = parse_quick_add(offered, local_now(tz)).title;
    reply(&format!("OK, I didn't add “{title}”."))
}

/// Whether `target`, naming none of the user's tasks, names the task offered ("move school
/// concert to saturday" after “Add “school concert” as a task?”): each of its words is one of the
/// offered title's, articles aside.
pub(super) fn names_offered(target: &Target, offered: &str, tz: Tz) -> bool {
    let Target::Text(named) = target else {
        return false;
    };
    let words = |text: &str| -> Vec<String> {
        bare_words(text)
            .into_iter()
            .filter(|w| !matches!(w.as_str(), "the" | "a" | "an" | "my" | "task"))
            .collect()
    };
    let title = words(&parse_quick_add(offered, local_now(tz)).title);
    let named = words(named);
    !named.is_empty() && named.iter().all(|w| title.contains(w))
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

/// "Lucy's card is done, and so is the dentist": two requests, the second said as the first was
/// ("the dentist is done").
pub(super) fn so_is(text: &str) -> Option<(String, String)> {
    let lower = text.to_ascii_lowercase();
    let (at, sep) = [", and so ", " and so ", ", so "]
        .iter()
        .find_map(|sep| lower.find(sep).map(|at| (at, *sep)))?;
    let rest = &text[at + sep.len()..];
    let (verb, named) = ["is ", "was ", "are ", "were "].iter().find_map(|v| {
        rest.get(..v.len())
            .filter(|r| r.eq_ignore_ascii_case(v))
            .map(|_| (v.trim(), &rest[v.len()..]))
    })?;
    let named = named.trim().trim_end_matches(['!', '.', '?']).trim();
    let first = text[..at].trim();
    // what the first said of its task: "… is done", "… was paid"
    let said = [" is ", " was ", " are ", " were "]
        .iter()
        .filter_map(|v| lower[..at].rfind(v).map(|k| k + v.len()))
        .max()?;
    let said = text[said..at].trim();
    (!named.is_empty() && !said.is_empty() && first.split_whitespace().count() >= 3)
        .then(|| (first.to_owned(), format!("{named} {verb} {said}")))
}

/// "make the water bill high priority and tag it bills", "move the dentist to friday and remind
/// me about it the day before": a change to a task one has, and a second change to it that starts
/// with a verb and points at "it". Never a new task's title or a note ("add download the form
/// and complete it", "add a note to taxes: … and put it …"), and the second is never a
/// completion or a deletion (said alone, those are asked about or undone; run on a guess, not).
pub(super) fn compound(text: &str) -> Option<(&str, &str)> {
    const VERBS: &[&str] = &[
        "tag",
        "label",
        "move",
        "make",
        "set",
        "push",
        "change",
        "give",
        "put",
        "rename",
        "postpone",
        "schedule",
        "flag",
        "remind",
        "reschedule",
        "snooze",
    ];
    const NEW: &[&str] = &[
        "add", "remind", "new", "create", "note", "put", "don't", "dont", "todo", "task",
    ];
    // ASCII lower-casing keeps every byte where it was; quotes and colons hold titles and notes
    let lower = text.to_ascii_lowercase();
    if lower.contains(['"', '“', '”', ':']) {
        return None;
    }
    let first_word = lower.split_whitespace().next().unwrap_or_default();
    if NEW.contains(&first_word) {
        return None;
    }
    for sep in [", and then ", " and then ", ", and ", " and ", ", then ", "; "] {
        let Some(at) = lower.find(sep) else { continue };
        let (first, rest) = (text[..at].trim(), text[at + sep.len()..].trim());
        let words: Vec<&str> = lower[at + sep.len()..]
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .collect();
        let verb = words.first().is_some_and(|w| VERBS.contains(w));
        let points = words.iter().take(5).any(|w| matches!(*w, "it" | "that" | "them"));
        if verb && points && first.split_whitespace().count() >= 2 {
            // ("…, and tag it rituals?" asks for it politely: no question of its own)
            return Some((first, rest.trim_end_matches(['?', ' '])));
        }
    }
    None
}

/// "pay rent is due friday, high priority": a change, then a priority said after a comma — the
/// first part and "make it high priority" (run as two only when the first changes a task one
/// has: a new task offered keeps its priority in its own words).
pub(super) fn priority_tail(text: &str) -> Option<(&str, String)> {
    let (first, rest) = text.rsplit_once(',')?;
    let words: Vec<String> = rest
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '!')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && w != "and")
        .collect();
    let level = |w: &str| {
        matches!(
            w,
            "high" | "low" | "medium" | "urgent" | "top" | "normal" | "p1" | "p2" | "p3"
        )
    };
    let said = !words.is_empty()
        && words.iter().any(|w| level(w))
        && words
            .iter()
            .all(|w| level(w) || matches!(w.as_str(), "priority" | "prio" | "pri"));
    let first = first.trim();
    (said && first.split_whitespace().count() >= 2).then(|| (first, format!("make it {}", words.join(" "))))
}

/// Requests done in turn — said in sentences of their own, or the two of a [`compound`] message
/// — each only once the one before did something (a question asked — which one? add it? — or
/// nothing found: the rest is not guessed at, and said so).
pub(super) async fn in_turn(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    first: &str,
    rest: &[&str],
) -> Result<TurnOutcome, AppError> {
    each_in_turn(scope, tz, state, first, rest, |done, _| done.actions.is_empty()).await
}

/// Requests done in turn, the rest left (and said) once a question is asked or `held(done so
/// far, next request)` says so; what each changed is undone together.
pub(super) async fn each_in_turn(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    first: &str,
    rest: &[&str],
    held: impl Fn(&TurnOutcome, &str) -> bool,
) -> Result<TurnOutcome, AppError> {
    let mut outcome = turn_one(scope, tz, state, first).await?;
    // what each request changed, so that "undo" takes back the whole message
    let mut changed = std::mem::take(&mut state.undo);
    for (i, then) in rest.iter().enumerate() {
        if state.pending.is_some() || held(&outcome, then) {
            let left: Vec<String> = rest[i..].iter().map(|r| format!("“{r}”")).collect();
            outcome.reply = format!(
                "{}\nI left {} for now: say it again once that is settled.",
                outcome.reply,
                left.join(" and ")
            );
            break;
        }
        let next = turn_one(scope, tz, state, then).await?;
        changed.append(&mut state.undo);
        outcome = joined(Some(outcome), next);
    }
    state.undo = changed;
    Ok(outcome)
}

/// "actually make that 45", "no, 2" right after a reminder was set ("remind me 30 min before"):
/// the minutes the number says, in the unit of the reminder set — `Some(None)` when it fits none
/// (an hour's "2" is 2 hours, and "30" after "an hour before" is minutes; a week's "2" is 2
/// weeks, a day's "3" 3 days, but a day's "10" is asked about).
pub(super) fn reminder_number(fixed: &Command, last_change: Option<&(Verb, Option<String>)>) -> Option<Option<u32>> {
    let Some((Verb::Remind | Verb::ChangeReminder, Some(old))) = last_change else {
        return None;
    };
    let Command::Reschedule(Target::It, when) = fixed else {
        return None;
    };
    let n: u32 = when.strip_prefix("at ")?.parse().ok()?;
    let old: u32 = old.split(['|', '@']).next()?.parse().ok()?;
    let unit = match old {
        m if m > 0 && m % 10080 == 0 => (n <= 4).then_some(10080),
        m if m > 0 && m % 1440 == 0 => (n <= 7).then_some(1440),
        m if m > 0 && m % 60 == 0 => Some(if n <= 12 { 60 } else { 1 }),
        _ => Some(1),
    };
    Some(
        unit.and_then(|unit| n.checked_mul(unit))
            .filter(|m| (1..=40320).contains(m)),
    )
}

/// "ping me in 5 min to turn the oven off", "nudge me at 8pm to text jess": said as "remind me …"
/// is ("ping me 5m before standup", a reminder on a task, is left as it is).
pub(super) fn as_remind_me(text: &str) -> std::borrow::Cow<'_, str> {
    const LEADS: [&str; 6] = [
        "ping me ",
        "nudge me ",
        "buzz me ",
        "alert me ",
        "notify me ",
        "text me ",
    ];
    let lower = text.trim_start().to_lowercase();
    let Some(lead) = LEADS.iter().find(|l| lower.starts_with(*l)) else {
        return text.into();
    };
    let words: Vec<&str> = lower.split_whitespace().collect();
    let asks_to = words.contains(&"to") && !words.iter().any(|w| matches!(*w, "before" | "beforehand"));
    match text.trim_start().get(lead.len()..) {
        Some(rest) if asks_to => format!("remind me {rest}").into(),
        _ => text.into(),
    }
}

/// "done" just after a task was completed: say so, and ask which task is meant.
pub(super) fn already_completed(tasks: &[Task], id: Option<&str>, tz: Tz) -> TurnOutcome {
    let Some(task) = tasks.iter().find(|t| Some(t.id.as_str()) == id) else {
        return reply(act::missing(&Target::It).as_str());
    };
    let next = match (&task.recurrence, task.completed) {
        (Some(_), false) => describe_due(task, tz)
            .map(|due| format!(" — it is next due {due}"))
            .unwrap_or_default(),
        _ => String::new(),
    };
    reply(&format!(
        "I just marked {} done{next}. Which task did you finish? Name it, like “I bought the milk”.",
        quote(task)
    ))
}

/// A task named with nothing to do: say what it is and what can be done.
pub(super) fn ask_about(
    state: &mut ConversationState,
    tasks: &[Task],
    tz: Tz,
    target: Target,
) -> Result<TurnOutcome, AppError> {
    match resolve(
        &target,
        tasks,
        &state.last_listed,
        state.last_task.as_deref(),
        Prefer::Open,
    ) {
        Resolution::Found(task) => {
            state.last_task = Some(task.id.clone());
            // what to do with it may follow as a correction: "actually friday"
            state.just_changed = true;
            let due = describe_due(&task, tz)
                .map(|d| format!(", due {d}"))
                .unwrap_or_default();
            let status = if task.completed { "done" } else { "open" };
            Ok(reply(&format!(
                "{} is on your list ({status}{due}). Should I mark it done, move it, or delete it?",
                quote(&task)
            )))
        }
        Resolution::Ambiguous(c) => {
            let names: Vec<String> = c.iter().map(|t| t.title.clone()).collect();
            state.last_listed = c.iter().map(|t| t.id.clone()).collect();
            Ok(reply(&format!(
                "Do you mean {}? Say what to do with it.",
                names.join(" or ")
            )))
        }
        Resolution::Missing => Ok(reply(NOT_UNDERSTOOD)),
    }
}
