//! The builtin assistant: needs no key and no network. It reads a message against the user's
//! own tasks and projects with [`reader::read`], names tasks with [`resolve::resolve`], acts
//! through the user's [`UserScope`], and answers in plain sentences. What it remembers between
//! turns (the last list and task, a question awaiting an answer) is the conversation's state.
mod act;
mod adding;
mod each;
mod followup;
mod lists;
mod many;
mod projects;
mod reminding;
mod several;
mod state;
#[cfg(test)]
mod tests;
mod timing;
mod undo;

use chrono_tz::Tz;

use super::reader::{self, Aside, Command, Known, Shift, Target};
use super::resolve::{resolve, Prefer, Resolution};
use crate::domain::chat::{Action, ActionKind};
use crate::domain::quick_add::{end_of_day, parse_quick_add};
use crate::domain::reminder::ReminderSpec;
use crate::domain::task::{Priority, Tags, Task, TaskDescription, TaskDraft, TaskTitle};
use crate::error::AppError;
use crate::server::repo::UserScope;
use crate::server::tasks::{local_now, to_utc};
pub use act::Verb;
use adding::{add, add_under, asks_reminder};
pub use state::{ConversationState, Pending};
use undo::Undo;

pub struct TurnOutcome {
    pub reply: String,
    pub actions: Vec<Action>,
}

pub const HELP: &str = "I can manage your tasks. Try:\n\
- “add buy milk tomorrow 5pm” or “remind me to call mom friday, high priority”\n\
- “what do I have to do?”, “what's due this week?”, “anything overdue?”, “how many are left?”\n\
- “I bought the milk”, “feed the cat - done”, “complete the second one”, “mark all overdue tasks as done”\n\
- “rename buy milk to buy oat milk”, “move the dentist to next monday”, “make call mom high priority”\n\
- “tag pay rent with home”, “add a note to pay rent: by transfer”, “remove the due date from the report”\n\
- “delete the milk task”, “delete all completed tasks”";

const NOT_UNDERSTOOD: &str = "Sorry, I didn't understand that. I can add, list, count, complete, reopen, rename, \
reschedule, tag, note, reprioritize and delete tasks — say “help” for examples.";

/// "the 2nd" of a correction that says only a day of the month ("no, the 2nd"): "2nd".
fn ordinal_day(command: &Command) -> Option<String> {
    let Command::Reschedule(Target::It, when) = command else {
        return None;
    };
    let words: Vec<String> = when.split_whitespace().map(str::to_lowercase).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    crate::domain::quick_add::day_of_month_alone(&words).map(str::to_owned)
}

fn quote(task: &Task) -> String {
    format!("“{}”", task.title)
}

/// The due date as the dashboard writes it (the year when it is not within half a year).
fn describe_due(task: &Task, tz: Tz) -> Option<String> {
    Some(crate::server::dashboard::due_label(task.due_at?.with_timezone(&tz)))
}

/// How a task repeats, inside a sentence: "Every Mon and Thu" → "every Mon and Thu" (only the
/// first letter changes).
fn repeat_in_a_sentence(r: &crate::domain::recurrence::Recurrence) -> String {
    in_a_sentence(&r.text)
}

/// A repeat's words ("Every Mon") inside a sentence: its first letter lower-case.
fn in_a_sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

fn action(kind: ActionKind, task: &Task, text: String) -> Action {
    Action {
        kind,
        task_id: task.id.clone(),
        text,
    }
}

/// The tasks a turn can name: the user's latest, and those the conversation listed, asked about
/// or talked of, however old (a list of overdue tasks can reach past the latest thousand).
async fn nameable(scope: &UserScope<'_>, state: &ConversationState) -> Result<Vec<Task>, AppError> {
    let mut tasks = scope.recent_tasks(NAMEABLE_TASKS).await?;
    let mut wanted: Vec<String> = state.last_listed.iter().chain(&state.last_task).cloned().collect();
    match &state.pending {
        Some(Pending::Choose { candidates, .. }) => wanted.extend(candidates.iter().cloned()),
        Some(Pending::Many { ids, .. }) => wanted.extend(ids.iter().cloned()),
        _ => {}
    }
    wanted.retain(|id| !tasks.iter().any(|t| &t.id == id));
    wanted.sort();
    wanted.dedup();
    tasks.extend(scope.tasks_with_ids(&wanted).await?);
    Ok(tasks)
}

/// What the reader needs to know of the user: the tasks a turn can name and all their projects.
async fn known(scope: &UserScope<'_>, state: &ConversationState, tz: Tz) -> Result<(Vec<Task>, Known), AppError> {
    let tasks = nameable(scope, state).await?;
    let mut projects = scope.list_projects(false).await?;
    projects.extend(scope.list_projects(true).await?);
    let known = Known::new(&tasks, &projects, local_now(tz));
    Ok((tasks, known))
}

/// Runs one turn: reads `text`, acts, and answers; several requests in one, in order.
pub async fn turn(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    text: &str,
) -> Result<TurnOutcome, AppError> {
    if lists::asks_reminders(text) {
        // a question asked before is dropped, as any other request drops it
        state.pending = None;
        return lists::reminders_ahead(scope, tz, state).await;
    }
    if let [first, rest @ ..] = reader::requests(text).as_slice() {
        if !rest.is_empty() {
            return followup::in_turn(scope, tz, state, first, rest).await;
        }
    }
    // (what the user has is read once more only for a message that may be of two parts)
    if let Some(tail) = followup::priority_tail(text) {
        let (_, known) = known(scope, state, tz).await?;
        // (a task one has: "pay rent is due friday, high priority" with no such task is read whole)
        let changes = |first: &str| {
            let command = reader::read(first, &known);
            matches!(
                command,
                Command::Reschedule(..) | Command::Postpone(..) | Command::Move(..) | Command::Tag(..)
            ) && matches!(command.target(), Some(Target::Tasks(_) | Target::It))
        };
        let (first, then) = tail;
        if changes(first) {
            return followup::in_turn(scope, tz, state, first, &[&then]).await;
        }
    }
    // (boxed: a turn of two requests is a larger future than one)
    if let Some((first, then)) = followup::so_is(text) {
        return Box::pin(followup::in_turn(scope, tz, state, &first, &[&then])).await;
    }
    match followup::compound(text) {
        Some((first, then)) => followup::in_turn(scope, tz, state, first, &[then]).await,
        None => several::turn(scope, tz, state, text).await,
    }
}

async fn turn_one(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    text: &str,
) -> Result<TurnOutcome, AppError> {
    let (tasks, known) = known(scope, state, tz).await?;
    let text = &followup::as_remind_me(text);
    let command = reader::read(text, &known);
    let pending = state.pending.take();
    let just_completed = state.just_completed.take();
    let just_deleted = state.just_deleted.take();
    let last_undo = std::mem::take(&mut state.undo);
    // "also X" follows the change just made, never one from turns before; so does a correction
    let last_change = state.last_change.take();
    let just_changed = std::mem::take(&mut state.just_changed);
    // the answer to "“tursday” could be Tuesday or Thursday: which did you mean?" ("thursday",
    // "no, I meant thursday"); anything else is read as a message of its own
    if let Some(Pending::Day {
        text: said,
        word,
        days,
        reminded,
    }) = &pending
    {
        if let Some(text) = adding::with_day_chosen(said, word, days, text) {
            return Box::pin(add(scope, tz, state, &text, *reminded)).await;
        }
    }
    // a number or an amount said right after a reminder was set is about that reminder
    let reminded = matches!(
        last_change,
        Some((Verb::Remind | Verb::ChangeReminder | Verb::RemindAt, _))
    );
    let reminder_fix = match &command {
        Command::Correct(fixed) if just_changed => followup::reminder_number(fixed, last_change.as_ref()),
        _ => None,
    };
    let mut command = match (command, just_changed) {
        // "no, the 2nd" after "complete the first one": the list's 2nd task, or the 2nd of the
        // month? Asked, never guessed (the task just completed would move)
        (Command::Correct(fixed), true)
            if last_change.as_ref().is_some_and(|(verb, _)| *verb != Verb::Reschedule)
                && ordinal_day(&fixed).is_some() =>
        {
            let day = ordinal_day(&fixed).unwrap_or_default();
            let verb = match last_change.as_ref().map(|(verb, _)| *verb) {
                Some(Verb::Delete) => "delete",
                Some(Verb::Reopen) => "reopen",
                _ => "complete",
            };
            state.keep_for_undo(just_completed, just_deleted, last_undo);
            return Ok(reply(&format!(
                "Do you mean the {day} task of the list, or the {day} of the month? Say “{verb} the {day} one” for the task, or “move it to the {day}” for the day."
            )));
        }
        // "no I meant 2" after a completion: a task of the list, not 2 o'clock (the task just
        // completed would move)
        (Command::Correct(fixed), true)
            if matches!(&*fixed, Command::Reschedule(Target::It, when) if when.starts_with("at ")
                && when[3..].bytes().all(|b| b.is_ascii_digit()))
                && last_change
                    .as_ref()
                    .is_some_and(|(verb, _)| matches!(verb, Verb::Complete | Verb::Delete | Verb::Reopen)) =>
        {
            state.keep_for_undo(just_completed, just_deleted, last_undo);
            return Ok(reply(
                "Which one do you mean? Say “complete the 2nd one” for a task of the list, or “move it to 2pm” for a time.",
            ));
        }
        // "actually make that 45" right after a reminder was set: its minutes, in its unit (a
        // number that fits no unit is asked about, never read as a time for the task)
        (Command::Correct(_), true) if reminder_fix.is_some() => match reminder_fix.flatten() {
            Some(minutes) => Command::ChangeReminder(Target::It, minutes),
            None => {
                state.keep_for_undo(just_completed, just_deleted, last_undo);
                state.last_change = last_change;
                state.just_changed = true;
                return Ok(reply(
                    "How long before? Say it with its unit, like “make that 10 minutes before”.",
                ));
            }
        },
        // "actually 30 min before" after a change that set no reminder: which reminder is asked
        (Command::Correct(fixed), true) if matches!(*fixed, Command::ChangeReminder(..)) && !reminded => {
            state.keep_for_undo(just_completed, just_deleted, last_undo);
            return Ok(reply(
                "Which reminder? Say it with its task, like “change the reminder on the dentist to 30 min before”.",
            ));
        }
        // "actually make that 9:45" right after a reminder at a moment: that reminder, moved
        (Command::Correct(fixed), true)
            if matches!(&*fixed, Command::Reschedule(Target::It, _))
                && matches!(last_change, Some((Verb::RemindAt, Some(_)))) =>
        {
            let old = last_change
                .as_ref()
                .and_then(|(_, old)| old.as_deref())
                .unwrap_or_default();
            let old = reminding::parts(old).0;
            match *fixed {
                Command::Reschedule(t, when) => Command::RemindAt(t, format!("{when}|{old}")),
                fixed => fixed,
            }
        }
        (Command::Correct(fixed), true) => timing::near_old_day(*fixed, &tasks, state, last_change.as_ref(), tz),
        // "no, friday" to “Add X as a task?”: X, added for friday
        (Command::Correct(fixed), false)
            if matches!(pending, Some(Pending::Add { .. })) && !matches!(*fixed, Command::ChangeReminder(..)) =>
        {
            *fixed
        }
        (Command::Correct(_), false) => {
            // a question asked before is dropped (its answer would carry the old request), what
            // an "undo" needs is kept
            state.keep_for_undo(just_completed, just_deleted, last_undo);
            return Ok(reply(
                "Which task should I change? Name it, like “move the dentist to friday”.",
            ));
        }
        (command, _) => command,
    };
    // An answer to a question asked in the previous turn.
    match (&pending, &command) {
        (Some(Pending::DeleteCompleted), Command::Yes) => return many::delete_completed(scope).await,
        (Some(Pending::DeleteAll), Command::Yes) => return many::delete_all(scope).await,
        (Some(Pending::Add { text, reminded }), Command::Yes) => return add(scope, tz, state, text, *reminded).await,
        (Some(Pending::Many { verb, ids, arg }), Command::Yes) => {
            return many::act(scope, tz, state, (*verb, arg.as_deref()), ids).await
        }
        (Some(Pending::More(rest)), _) if lists::asks_for_more(text) => {
            return lists::more(scope, tz, state, rest.clone()).await
        }
        (Some(Pending::More(_)), _) => {}
        // "oh and also book a haircut" to “Add X as a task?”: X was taken as added, so it is
        (
            Some(Pending::Add {
                text: offered,
                reminded,
            }),
            Command::Add(_) | Command::ConfirmAdd(_),
        ) if followup::says_also(text) => {
            let first = Box::pin(add(scope, tz, state, offered, *reminded)).await?;
            let mut changed = std::mem::take(&mut state.undo);
            let then = Box::pin(turn_one(scope, tz, state, text)).await?;
            changed.append(&mut state.undo);
            state.undo = changed;
            return Ok(followup::joined(Some(first), then));
        }
        (Some(_), Command::No) => return Ok(reply("OK, I left your tasks as they are.")),
        // "great", "ok cool" to a yes/no question: neither, so it is asked again, not dropped
        // (an “OK.” would read as done)
        (
            Some(
                question @ (Pending::DeleteCompleted | Pending::DeleteAll | Pending::Add { .. } | Pending::Many { .. }),
            ),
            Command::Smalltalk(_),
        ) => {
            state.pending = Some(question.clone());
            return Ok(reply("I haven't changed anything yet. Say “yes” to go ahead, or “no”."));
        }
        (Some(Pending::Choose { verb, arg, candidates }), _) if followup::asks_all(text) => {
            return many::all_of_them(scope, tz, state, (*verb, arg), candidates).await;
        }
        (Some(Pending::Choose { verb, arg, candidates }), _) => {
            // an answer with a verb of its own asks for that ("delete the milk" → "Which one?" →
            // "the powder, mark it done": completed, not deleted)
            let (answer, asked) = match &command {
                Command::Complete(t) => (Some(t.clone()), Verb::Complete),
                Command::Delete(t) => (Some(t.clone()), Verb::Delete),
                Command::Reopen(t) => (Some(t.clone()), Verb::Reopen),
                Command::AskAbout(t) => (Some(t.clone()), *verb),
                Command::Unknown | Command::ConfirmAdd(_) => (Some(reader::target(text)), *verb),
                _ => (None, *verb),
            };
            let choices: Vec<Task> = candidates
                .iter()
                .filter_map(|id| tasks.iter().find(|t| &t.id == id).cloned())
                .collect();
            let chosen = match answer {
                Some(Target::Position(n)) => n.checked_sub(1).and_then(|i| choices.get(i).cloned()),
                Some(Target::LastListed) => choices.last().cloned(),
                Some(target) => match resolve(&target, &choices, &[], None, Prefer::Open) {
                    Resolution::Found(task) => Some(task),
                    _ => None,
                },
                None => None,
            };
            if let Some(task) = chosen {
                let arg = if asked == *verb { arg.clone() } else { None };
                return act::act(scope, tz, state, asked, arg, task).await;
            }
            // not an answer: read the message as a new command below
        }
        _ => {}
    }
    // "more" with no list left to go on: not a new task
    if matches!(command, Command::Unknown | Command::ConfirmAdd(_)) && lists::asks_for_more(text) {
        return Ok(reply(
            "That was the whole list. Ask for another, like “what's due this week?”.",
        ));
    }
    if let Some(id) = just_deleted
        .as_ref()
        .filter(|_| command == Command::Reopen(Target::It) || followup::asks_back(text))
    {
        return act::restore(scope, tz, state, id).await;
    }
    if undo::asks(text) {
        if !last_undo.is_empty() {
            return undo::run(scope, tz, state, last_undo).await;
        }
        // right after a completion: reopened, and that is nothing to undo again
        if let Some(id) = just_completed.clone() {
            let outcome = act::targeted(scope, tz, state, Verb::Reopen, None, Target::Tasks(vec![id])).await;
            state.undo.clear();
            return outcome;
        }
        return Ok(reply(
            "There is nothing for me to undo: I can undo what I just did, right after I did it.",
        ));
    }
    // "oops no it isnt" right after completing many: those, open again
    if followup::denies_done(text) && matches!(last_undo.as_slice(), [Undo::Completed { .. }]) {
        return undo::run(scope, tz, state, last_undo).await;
    }
    // "oops no it isnt" right after a completion: that task, open again ("not that one": and
    // which was meant, asked)
    if let Some(id) = just_completed
        .as_ref()
        .filter(|_| followup::denies_done(text) || followup::wrong_one(text))
    {
        let target = Target::Tasks(vec![id.clone()]);
        let mut outcome = act::targeted(scope, tz, state, Verb::Reopen, None, target).await?;
        // (its answer, "the first one", is one of the list shown last)
        if followup::wrong_one(text) {
            outcome.reply.push_str(" Which one did you mean?");
            if state.last_listed.len() > 1 && state.last_listed.contains(id) {
                let candidates = state.last_listed.clone();
                state.pending = Some(Pending::Choose {
                    verb: Verb::Complete,
                    arg: None,
                    candidates,
                });
            }
        }
        return Ok(outcome);
    }
    // a bare "oops", "sorry", "my bad" right after a change: not a task, and not a guess at what
    // to take back — how to is said, and "undo" still can
    let said_words = text.split(|c: char| !c.is_alphanumeric()).any(|w| !w.is_empty());
    let changed = !last_undo.is_empty() || just_completed.is_some() || just_deleted.is_some();
    if changed && said_words && followup::bare_words(text).is_empty() {
        state.keep_for_undo(just_completed, just_deleted, last_undo);
        // ("tell me what to change": "actually friday", "also soccer" still follow that change)
        state.last_change = last_change;
        state.just_changed = just_changed;
        return Ok(reply(
            "Say “undo” and I'll take back what I just did, or tell me what to change.",
        ));
    }
    // "delete it", "move it to friday" right after “Add X as a task?”: X, never an older task
    let mut added = None;
    if let Some(Pending::Add {
        text: offered,
        reminded,
    }) = &pending
    {
        // ("move school concert to saturday": named, as the user sees it offered)
        if let Some(t) = command.target_mut().filter(|t| followup::names_offered(t, offered, tz)) {
            *t = Target::It;
        }
        if command.target() == Some(&Target::It) && !matches!(command, Command::AskAbout(_) | Command::Reopen(_)) {
            if matches!(command, Command::Delete(_)) {
                return Ok(followup::not_added(offered, tz));
            }
            let before = state.last_task.clone();
            let outcome = add(scope, tz, state, offered, *reminded).await?;
            if state.last_task == before {
                // not added (the reply says why)
                return Ok(outcome);
            }
            added = Some(outcome);
        }
    }
    // a task offered before and not answered is said to be left out, not dropped unseen
    let offered = match (&pending, &added) {
        (Some(Pending::Add { text: before, .. }), None) => Some((before, parse_quick_add(before, local_now(tz)).title)),
        _ => None,
    };
    let left_out = offered.as_ref().map_or_else(String::new, |(before, title)| {
        format!(" (I didn't add “{title}”: say “add {before}” for it too.)")
    });
    if let Some(mut each) = each::each_named(scope, tz, state, &command, &tasks, text).await? {
        each.reply.push_str(&left_out);
        return Ok(each);
    }
    use act::targeted as on;
    let outcome = match command {
        Command::Help => Ok(reply(HELP)),
        // (a correction is unwrapped above, or answered there)
        Command::Unknown | Command::Correct(_) => Ok(reply(NOT_UNDERSTOOD)),
        // with nothing asked: "yes", "no", "ok cool", "thanks!" need no more than that
        Command::Yes | Command::No | Command::Smalltalk(false) => Ok(reply("OK.")),
        Command::Smalltalk(true) => Ok(reply("You're welcome!")),
        Command::Aside(Aside::Clock) => {
            let now = local_now(tz);
            Ok(reply(&format!(
                "It's {} on {} (your time zone: {tz}).",
                now.format("%H:%M"),
                now.format("%A, %b %-d, %Y")
            )))
        }
        Command::Aside(Aside::Day(day)) => Ok(reply(&format!(
            "{} ({}).",
            day.format("%A, %b %-d, %Y"),
            timing::days_from_today(day, local_now(tz).date())
        ))),
        Command::Aside(Aside::NoSuchDay(why)) => Ok(reply(&why)),
        Command::Aside(Aside::Weather) => Ok(reply(
            "I know your tasks, not the weather. For those, ask “what's due tomorrow?” or “what's on this week?”.",
        )),
        Command::Add(words) => match adding::on_the_list(&tasks, text, &words, tz) {
            Some((id, named)) => {
                state.last_task = Some(id);
                Ok(named)
            }
            None => {
                let mut outcome = add(scope, tz, state, &words, asks_reminder(text)).await?;
                // (not when it is the task offered, added now by its name)
                let title = parse_quick_add(&words, local_now(tz)).title;
                if !offered
                    .as_ref()
                    .is_some_and(|(_, offered)| offered.eq_ignore_ascii_case(&title))
                {
                    outcome.reply.push_str(&left_out);
                }
                Ok(outcome)
            }
        },
        Command::ConfirmAdd(words) => {
            let quick = parse_quick_add(&words, local_now(tz));
            if let Some(why) = quick.impossible {
                if let Some(asked) = adding::ask_which_day(state, &words, None, asks_reminder(text)) {
                    return Ok(asked);
                }
                return Ok(reply(&format!("{why} I didn't add the task.")));
            }
            let title = quick.title.clone();
            state.pending = Some(Pending::Add {
                text: words,
                reminded: asks_reminder(text),
            });
            // "it" from now on is the task offered (added or not), never an older one
            state.last_task = None;
            let due = adding::offered_due(&quick, tz);
            Ok(reply(&format!(
                "Add “{title}” as a task?{due} Say “yes” to add it.{left_out}"
            )))
        }
        Command::AskAbout(target) => followup::ask_about(state, &tasks, tz, target),
        Command::Clarify(question) => Ok(reply(&question)),
        Command::CreateProject(name) => projects::create_project(scope, state, &name).await,
        Command::ListProjects => projects::list_projects(scope).await,
        Command::ListTags => Ok(projects::list_tags(&tasks)),
        Command::ListRepeating => Ok(projects::list_repeating(state, &tasks, tz)),
        Command::AddSubtask(parent, text) => projects::add_subtask(scope, tz, state, parent, &text).await,
        Command::List(filter) => lists::list(scope, tz, state, filter, false).await,
        Command::Count(filter) => lists::list(scope, tz, state, filter, true).await,
        Command::DeleteCompleted => many::confirm_bulk(scope, tz, state, false).await,
        Command::DeleteAll => many::confirm_bulk(scope, tz, state, true).await,
        // "done", "I'm done", "finished" right after completing a task: not that task again
        Command::Complete(Target::It) if just_completed.is_some() && just_completed == state.last_task => {
            state.just_completed = just_completed;
            Ok(followup::already_completed(&tasks, state.last_task.as_deref(), tz))
        }
        Command::Complete(t) => on(scope, tz, state, Verb::Complete, None, t).await,
        Command::Again(t) => match last_change {
            Some((verb, arg)) => on(scope, tz, state, verb, arg, t).await,
            None => followup::ask_about(state, &tasks, tz, t),
        },
        Command::CompleteMany(filter) => many::confirm(scope, tz, state, many::ManyVerb::Complete, filter).await,
        Command::RescheduleMany(filter, when) => many::confirm_move(scope, tz, state, filter, when).await,
        Command::PrioritizeMany(filter, p) => many::confirm_priority(scope, tz, state, filter, p).await,
        // "delete them all" with no list shown: every task (asked first, as "delete all tasks")
        Command::DeleteMany(None) if state.last_listed.is_empty() => many::confirm_bulk(scope, tz, state, true).await,
        Command::DeleteMany(filter) => many::confirm(scope, tz, state, many::ManyVerb::Delete, filter).await,
        Command::Reopen(t) => on(scope, tz, state, Verb::Reopen, None, t).await,
        Command::Rename(t, title) => on(scope, tz, state, Verb::Rename, Some(title), t).await,
        Command::Reschedule(t, when) => on(scope, tz, state, Verb::Reschedule, Some(when), t).await,
        Command::Postpone(t, delay) => on(scope, tz, state, Verb::Postpone, Some(delay.to_string()), t).await,
        Command::ClearDue(t) => on(scope, tz, state, Verb::ClearDue, None, t).await,
        Command::ClearReminders(t) => on(scope, tz, state, Verb::ClearReminders, None, t).await,
        Command::Move(t, project) => on(scope, tz, state, Verb::Move, Some(project), t).await,
        Command::SetPriority(t, p) => on(scope, tz, state, Verb::SetPriority, Some(p.as_str().to_owned()), t).await,
        Command::ShiftPriority(t, Shift::Up) => on(scope, tz, state, Verb::PriorityUp, None, t).await,
        Command::ShiftPriority(t, Shift::Down) => on(scope, tz, state, Verb::PriorityDown, None, t).await,
        Command::Tag(t, tags) => on(scope, tz, state, Verb::Tag, Some(tags.join(",")), t).await,
        Command::Untag(t, tags) => on(scope, tz, state, Verb::Untag, Some(tags.join(",")), t).await,
        Command::Note(t, note) => on(scope, tz, state, Verb::Note, Some(note), t).await,
        Command::Delete(t) => on(scope, tz, state, Verb::Delete, None, t).await,
        Command::StopRepeating(t) => on(scope, tz, state, Verb::StopRepeating, None, t).await,
        Command::SetRepeat(t, words) => on(scope, tz, state, Verb::Repeat, Some(words), t).await,
        Command::RemindBefore(t, minutes) => on(scope, tz, state, Verb::Remind, Some(minutes.to_string()), t).await,
        Command::ChangeReminder(t, minutes) => {
            // right after a reminder was set, "it" is that reminder ("actually make that 45 min
            // before"); else every reminder of the task named
            let arg = match last_change {
                Some((Verb::Remind | Verb::ChangeReminder | Verb::RemindAt, Some(old))) if t == Target::It => {
                    format!("{minutes}|{}", reminding::parts(&old).0)
                }
                _ => minutes.to_string(),
            };
            on(scope, tz, state, Verb::ChangeReminder, Some(arg), t).await
        }
        Command::RemindDaysBefore(t, days, at) => {
            // the time of day said ("at 6pm"), read as quick-add reads it
            let Some(time) = parse_quick_add(&format!("x {at}"), local_now(tz)).due.map(|d| d.time()) else {
                return Ok(reply(&format!("I couldn't read “{at}” as a time of day.")));
            };
            let arg = format!("{}@{}", days.saturating_mul(1440), time.format("%H:%M"));
            on(scope, tz, state, Verb::Remind, Some(arg), t).await
        }
        Command::RemindAt(t, when) => on(scope, tz, state, Verb::RemindAt, Some(when), t).await,
    }?;
    Ok(followup::joined(added, outcome))
}

fn reply(text: &str) -> TurnOutcome {
    TurnOutcome {
        reply: text.to_owned(),
        actions: Vec::new(),
    }
}

/// How many of the user's latest tasks a name is looked for in.
pub const NAMEABLE_TASKS: u64 = 1000;
