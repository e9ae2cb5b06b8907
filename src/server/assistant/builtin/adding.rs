//! Adding a task from what was said: quick-add text, in a project or under a task, with the
//! morning reminder a day alone gets when the user asked to be reminded.
use super::*;

pub(super) async fn add(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    text: &str,
    reminded: bool,
) -> Result<TurnOutcome, AppError> {
    // bounded before the date reader or the project names look at it
    if text.chars().nth(crate::domain::task::TITLE_MAX_CHARS * 2).is_some() {
        return Ok(reply(
            "That is too long for a task: keep the title to 200 characters or fewer.",
        ));
    }
    let (text, project) = match projects::to_the_project_made(scope, state, text).await? {
        Some((text, project)) => (text, Some(project)),
        None => projects::take_project(scope, text).await?,
    };
    add_under(scope, tz, state, &text, project.as_ref(), None, reminded).await
}

/// "remind me tomorrow to …", "set a reminder for friday to …": asked to be reminded, not only to
/// keep a task.
pub(super) fn asks_reminder(text: &str) -> bool {
    let text = text.trim_start().to_lowercase();
    // ("yo can u remind me …", "ok so please remind me …")
    const LEADS: [&str; 16] = [
        "please ",
        "pls ",
        "plz ",
        "hey ",
        "hi ",
        "yo ",
        "ok ",
        "okay ",
        "so ",
        "oh ",
        "can you ",
        "can u ",
        "could you ",
        "could u ",
        "would you ",
        "will you ",
    ];
    let mut text = text.as_str();
    while let Some(rest) = LEADS.iter().find_map(|lead| text.strip_prefix(lead)) {
        text = rest.trim_start_matches([',', ' ']);
    }
    [
        "remind",
        "set a reminder",
        "set reminder",
        "add a reminder",
        "new reminder",
        "don't let me forget",
        "dont let me forget",
    ]
    .iter()
    .any(|cue| text.starts_with(cue))
}

/// "don't forget to call mom", "remember to pay rent" with that task open (for that day, or with
/// no day said): the one on the list is named, not a second one added ("add call mom" adds it).
pub(super) fn on_the_list(tasks: &[Task], said: &str, words: &str, tz: Tz) -> Option<(String, TurnOutcome)> {
    let said = said.trim_start().to_lowercase().replace('’', "'");
    let said = [
        "please ",
        "hey ",
        "oh ",
        "and ",
        "also ",
        "i need to ",
        "i have to ",
        "i must ",
        "i should ",
        "need to ",
    ]
    .iter()
    .fold(said.as_str(), |t, lead| t.strip_prefix(lead).unwrap_or(t));
    let reminding = [
        "don't forget",
        "dont forget",
        "do not forget",
        "remember to",
        "don't let me forget",
        "dont let me forget",
        "remind me to",
    ]
    .iter()
    .any(|cue| said.starts_with(cue));
    if !reminding {
        return None;
    }
    let quick = parse_quick_add(words, local_now(tz));
    // more said than the task and its day (a time, a tag, a priority, a repeat, a reminder): a
    // request of its own, not a reminder of what is there
    let more = quick.due.is_some_and(|d| d.time() != end_of_day())
        || !quick.tags.is_empty()
        || quick.priority.is_some()
        || quick.recurrence.is_some()
        || !quick.reminders.is_empty()
        || quick.project.is_some();
    if more {
        return None;
    }
    let title = quick.title.trim().to_lowercase();
    let task = tasks.iter().find(|t| {
        !t.completed
            && t.parent_id.is_none()
            && t.title.trim().to_lowercase() == title
            && quick
                .due
                .is_none_or(|d| t.due_at.map(|due| due.with_timezone(&tz).date_naive()) == Some(d.date()))
    })?;
    let due = describe_due(task, tz).map(|d| format!(", due {d}")).unwrap_or_default();
    let said = format!(
        "{} is on your list already{due}. Say “add {}” to add another.",
        quote(task),
        task.title
    );
    Some((task.id.clone(), reply(&said)))
}

/// Adds a task read from `text` (quick-add), in `project` or under `parent`.
pub(super) async fn add_under(
    scope: &UserScope<'_>,
    tz: Tz,
    state: &mut ConversationState,
    text: &str,
    project: Option<&crate::domain::project::Project>,
    parent: Option<&Task>,
    reminded: bool,
) -> Result<TurnOutcome, AppError> {
    let quick = parse_quick_add(text, local_now(tz));
    // "feb 30", "13pm": said, but no date or time; nothing is added
    if let Some(why) = &quick.impossible {
        // "tursday": asked, and the answer ("thursday") adds it
        if let Some(asked) = parent
            .is_none()
            .then(|| ask_which_day(state, text, project, reminded))
            .flatten()
        {
            return Ok(asked);
        }
        return Ok(reply(&format!("{why} I didn't add the task.")));
    }
    let title = match TaskTitle::parse(&quick.title) {
        Ok(t) => t,
        Err(e) => return Ok(reply(&format!("I couldn't add that: {e}"))),
    };
    let tags = match Tags::parse(&quick.tags) {
        Ok(t) => t,
        Err(e) => return Ok(reply(&format!("I couldn't add that: {e}"))),
    };
    // "+groceries" in the text names a project too
    let named = match (&quick.project, project) {
        (Some(name), None) => match scope.find_project_by_name(name).await? {
            Some(found) => Some(found),
            // as the dashboard's quick-add refuses it: nothing added, the name said
            None => {
                return Ok(reply(&format!(
                    "You have no project called “{name}”. Say “create a project called {name}” first, or add the task without it."
                )))
            }
        },
        _ => None,
    };
    let project = project.cloned().or(named);
    let recurrence = match quick
        .recurrence
        .as_ref()
        .map(crate::domain::recurrence::RecurrenceSpec::parse)
    {
        Some(Ok(spec)) => Some(spec),
        Some(Err(e)) => return Ok(reply(&format!("I couldn't read how it repeats: {e}"))),
        None => None,
    };
    // "remind me tomorrow to buy stamps": a day without a time is reminded of in its morning (a
    // date alone gets no default reminder, and one at its end would come at midnight)
    let morning = quick
        .due
        .filter(|d| d.time() == end_of_day())
        .map(|d| d.date().and_time(timing::MORNING))
        .filter(|at| reminded && quick.reminders.is_empty() && quick.recurrence.is_none() && *at > local_now(tz));
    let draft = TaskDraft {
        title,
        description: TaskDescription::default(),
        priority: quick.priority.unwrap_or_default(),
        due_at: quick.due.map(|d| to_utc(d, tz)),
        tags,
        project_id: project.as_ref().map(|p| p.id.clone()),
        parent_id: parent.map(|p| p.id.clone()),
        recurrence,
        reminders: match morning {
            Some(at) => Some(vec![ReminderSpec::At(to_utc(at, tz).timestamp_millis())]),
            None => (!quick.reminders.is_empty()).then(|| quick.reminders.clone()),
        },
    };
    let task = match scope.create_task(draft).await {
        Ok(task) => task,
        Err(AppError::Validation { message, .. }) => return Ok(reply(&format!("I couldn't add that: {message}"))),
        Err(e) => return Err(e),
    };
    state.last_task = Some(task.id.clone());
    state.just_changed = true;
    state.undo.push(Undo::Added {
        tasks: vec![undo::Written::of(&task)],
    });
    let mut details = Vec::new();
    if let Some(due) = describe_due(&task, tz) {
        details.push(format!("due {due}"));
    }
    if task.priority != Priority::None {
        details.push(format!("{} priority", task.priority));
    }
    if !task.tags.is_empty() {
        details.push(task.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" "));
    }
    if let Some(r) = &task.recurrence {
        details.push(repeat_in_a_sentence(r));
    }
    // reminders other than the plain one at the due time are said ("remind me 30 minutes before")
    let before: Vec<String> = task
        .reminders
        .iter()
        .filter(|r| r.before_minutes.is_some_and(|m| m > 0))
        .map(|r| r.describe())
        .collect();
    if !before.is_empty() {
        details.push(format!("reminder {}", before.join(" and ")));
    }
    let suffix = if details.is_empty() {
        String::new()
    } else {
        format!(" — {}", details.join(", "))
    };
    // asked for a reminder on a day with no time to ring at: said, not silently dropped
    let reminder_said = if morning.is_some() {
        format!(" I'll remind you at {} that day.", timing::MORNING.format("%H:%M"))
    } else if reminded
        && task.reminders.is_empty()
        && task.due_at.is_some_and(|d| d.with_timezone(&tz).time() == end_of_day())
    {
        " It has no time of day, so I set no reminder: say one, like “… at 9am”.".to_owned()
    } else {
        String::new()
    };
    let place = project
        .filter(|p| !p.is_inbox)
        .map(|p| format!(" to {}", p.name))
        .unwrap_or_default();
    let line = format!("Added {}{place}{suffix}", quote(&task));
    Ok(TurnOutcome {
        reply: format!("{line}.{reminder_said}"),
        actions: vec![action(ActionKind::Added, &task, line)],
    })
}

/// What “Add X as a task?” says of the date X would have, so that it is not taken for lost
/// ("dentist thu 3pm"): the day a repeat would start on, and the repeat, as adding it gives them.
pub(super) fn offered_due(quick: &crate::domain::quick_add::QuickAdd, tz: Tz) -> String {
    let repeat = quick
        .recurrence
        .as_ref()
        .and_then(|r| crate::domain::recurrence::RecurrenceSpec::parse(r).ok());
    let due = match &repeat {
        Some(spec) => {
            crate::server::recurrence::first_due(spec, quick.due.map(|d| to_utc(d, tz)), tz, chrono::Utc::now())
                .map(|d| d.with_timezone(&tz).naive_local())
        }
        None => quick.due,
    };
    let Some(d) = due else {
        return String::new();
    };
    let day = if d.time() == end_of_day() {
        d.format("%a %b %-d")
    } else {
        d.format("%a %b %-d, %H:%M")
    };
    match repeat {
        Some(spec) => format!(
            " It would be due {day}, {}.",
            in_a_sentence(&spec.rule.describe(spec.from))
        ),
        None => format!(" It would be due {day}."),
    }
}

/// `text` with `word` written as the day the answer names, when it names one of `days` and only
/// one ("thursday", "Thursday please", "I meant thu", "the 2nd"): the text to add.
pub(super) fn with_day_chosen(text: &str, word: &str, days: &[String], answer: &str) -> Option<String> {
    let said: Vec<String> = answer
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // "thursday", "thu", "thurs": the day, or its first letters
    let names = |w: &str, day: &str| w.len() >= 3 && day.starts_with(w);
    // only a day said, with the words of an answer ("what's on thursday?" is a question)
    let answer_word = |w: &str| {
        matches!(
            w,
            "i" | "meant"
                | "mean"
                | "the"
                | "on"
                | "no"
                | "yes"
                | "oh"
                | "sorry"
                | "actually"
                | "it"
                | "s"
                | "is"
                | "was"
                | "please"
                | "thanks"
                | "one"
                | "first"
                | "1st"
                | "1"
                | "second"
                | "2nd"
                | "2"
                | "instead"
        ) || days.iter().any(|d| names(w, d))
    };
    if said.len() > 5 || !said.iter().all(|w| answer_word(w)) {
        return None;
    }
    let chosen: Vec<&String> = days.iter().filter(|d| said.iter().any(|w| names(w, d))).collect();
    let chosen = match chosen[..] {
        [one] => one,
        [] => match said.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            ["first" | "1st" | "1"] | ["the", "first" | "1st"] | [.., "first", "one"] => days.first()?,
            ["second" | "2nd" | "2"] | ["the", "second" | "2nd"] | [.., "second", "one"] => days.get(1)?,
            _ => return None,
        },
        _ => return None,
    };
    let mut done = false;
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            if !done && w.trim_end_matches([',', '.']) == word {
                done = true;
                format!("{chosen}{}", &w[word.len()..])
            } else {
                w.to_owned()
            }
        })
        .collect();
    done.then(|| words.join(" "))
}

/// "ring bank tursday 10am": "“tursday” could be Tuesday or Thursday: which did you mean?", with
/// the task kept for the answer (in `project`, when one was said).
pub(super) fn ask_which_day(
    state: &mut ConversationState,
    text: &str,
    project: Option<&crate::domain::project::Project>,
    reminded: bool,
) -> Option<TurnOutcome> {
    let (word, a, b) = crate::domain::quick_add::ambiguous_day(text)?;
    let text = match project {
        Some(p) => format!("{text} +{}", p.name.replace(' ', "-")),
        None => text.to_owned(),
    };
    let (a_day, b_day) = (crate::domain::capitalised(a), crate::domain::capitalised(b));
    let asked = format!("“{word}” could be {a_day} or {b_day}: which did you mean?");
    let days = vec![a.to_owned(), b.to_owned()];
    state.pending = Some(Pending::Day {
        text,
        word,
        days,
        reminded,
    });
    Some(reply(&asked))
}
