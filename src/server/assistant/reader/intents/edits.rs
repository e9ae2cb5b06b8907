//! The frames that change what a task says: its title, its priority, its date or its project.
use super::changes::{is_pointer_word, negated};
use super::{reading, Msg, Reading};
use crate::domain::task::Priority;
use crate::server::assistant::reader::lexicon::{priority_word, PRIORITY_DOWN, PRIORITY_UP, RESCHEDULE_CUES};
use crate::server::assistant::reader::slots::{Slot, SlotKind};
use crate::server::assistant::reader::{Command, Shift, Target};

/// "make all my tasks due tomorrow high priority", "set everything tagged work to low", "mark them
/// all urgent" (after a list): many tasks to one level, named and asked about first.
pub fn priority_many(m: &Msg) -> Option<Reading> {
    // (a task named is one task, unless it names a kind of tasks: `many` tells)
    if m.asks || m.shows {
        return None;
    }
    let verbs = [
        "make",
        "set",
        "mark",
        "change",
        "flag",
        "give",
        "prioritize",
        "prioritise",
        "put",
        "update",
        "bump",
        "raise",
        "lower",
    ];
    let lead = m.lead(&verbs)?;
    let last = m.hi.checked_sub(1)?;
    let bare = priority_word(m.lower(last))
        .filter(|_| last > m.lo && matches!(m.lower(last - 1), "to" | "as" | "at") && !m.in_mention(last));
    let slot = m.slot(|k| matches!(k, SlotKind::Priority(_)));
    let said = slot.and_then(|s| match s.kind {
        SlotKind::Priority(p) if !negated(m, s.start) => Some((p, s.start, s.end)),
        _ => None,
    });
    let (level, span) = match (bare, said) {
        (Some(p), _) => (p, (last, last + 1)),
        (None, Some((p, start, end))) => (p, (start, end)),
        (None, None) if matches!(m.lower(m.lo), "prioritize" | "prioritise") => (Priority::High, (m.lo, m.lo)),
        _ => return None,
    };
    let mut used = m.used(&[(m.lo, m.lo + lead), span]);
    for (k, mark) in used.iter_mut().enumerate().take(m.hi).skip(m.lo) {
        if matches!(m.lower(k), "priority" | "prio" | "level" | "to" | "as" | "a") && !m.in_mention(k) {
            *mark = true;
        }
    }
    let filter = super::many::many(m, &used)?;
    reading(10.5, Command::PrioritizeMany(filter, level))
}

pub fn priority(m: &Msg) -> Option<Reading> {
    if m.asks || m.shows {
        return None;
    }
    let slot = m.slot(|k| matches!(k, SlotKind::Priority(_)));
    let last = m.hi.checked_sub(1)?;
    // a level named at the end: "bump X up to high", "change the priority of X to low"
    let bare = priority_word(m.lower(last))
        .filter(|_| {
            last > m.lo
                && matches!(m.lower(last - 1), "to" | "as" | "be" | "is" | "at" | "it" | "that")
                && !m.in_mention(last)
        })
        .filter(|p| *p != Priority::None || m.lower(last) == "none");
    let mut level = slot.and_then(|s| match s.kind {
        // "the glasses aren't important"
        SlotKind::Priority(_) if negated(m, s.start) => Some(Priority::None),
        SlotKind::Priority(p) => Some(p),
        _ => None,
    });
    // a level said outright beats a negated adjective: "isn't that important, make it low"
    if bare.is_some() {
        level = bare;
    }
    let prioritize = m.lead(&["prioritize", "prioritise"]).is_some();
    if m.find(&[
        "remove the priority",
        "clear the priority",
        "reset the priority",
        "no priority",
        "without priority",
        "without a priority",
        "remove priority",
        "unprioritize",
    ])
    .is_some()
    {
        level = Some(Priority::None);
    }
    if prioritize && level.is_none() {
        level = Some(Priority::High);
    }
    let mut down = m.find(PRIORITY_DOWN).or_else(|| m.find(&["down"]));
    let up = m.find(PRIORITY_UP).filter(|_| !prioritize && down.is_none());
    // "less urgent now, lower its priority": a step down, not "urgent"
    if let Some((i, _)) = m.find(&["less", "not as", "not so", "no longer as"]) {
        if slot.is_some_and(|s| s.start <= i + 3 && s.start > i) {
            level = None;
            down = down.or(Some((i, 1)));
        }
    }
    let said = m.find(&["priority", "prio"]).is_some();
    if level.is_none() && up.is_none() && down.is_none() {
        return None;
    }
    if level.is_none() && m.slot(|k| matches!(k, SlotKind::Date)).is_some() {
        return None;
    }
    if level.is_none()
        && !said
        && up
            .or(down)
            .is_some_and(|(i, _)| matches!(m.lower(i), "bump" | "higher"))
        && m.mention.is_none()
        && m.pointer.is_none()
    {
        return None;
    }
    let mut spans: Vec<(usize, usize)> = Vec::new();
    spans.extend(up);
    spans.extend(down);
    let spans: Vec<(usize, usize)> = spans.into_iter().map(|(i, l)| (i, i + l)).collect();
    let mut used = m.used(&spans);
    for (k, mark) in used.iter_mut().enumerate().take(m.hi).skip(m.lo) {
        let w = m.lower(k);
        let joining = matches!(
            w,
            "priority"
                | "prio"
                | "the"
                | "of"
                | "make"
                | "set"
                | "mark"
                | "change"
                | "flag"
                | "give"
                | "a"
                | "to"
                | "as"
                | "is"
                | "up"
                | "down"
                | "on"
                | "for"
                | "be"
                | "should"
                | "its"
                | "level"
                | "one"
                | "notch"
                | "bit"
        );
        if (joining || (k == last && bare.is_some())) && !m.in_mention(k) && !is_pointer_word(m, k) {
            *mark = true;
        }
    }
    if prioritize {
        used[m.lo] = true;
    }
    let target = m.target_or_rest(&used);
    if let Target::Text(words) = &target {
        let generic = words.split(' ').all(|w| {
            matches!(
                w,
                "tasks"
                    | "task"
                    | "stuff"
                    | "things"
                    | "items"
                    | "ones"
                    | "todos"
                    | "everything"
                    | "all"
                    | "my"
                    | "the"
                    | "in"
                    | "due"
                    | "this"
                    | "week"
                    | "today"
                    | "tomorrow"
                    | "overdue"
            ) || m.known.project_named(w).is_some()
        });
        if generic {
            return None;
        }
        // "lab report due tuesday, high priority": no task of that name, and no verb asking
        // for a change — a new task, more likely (it is offered)
        let verb = m
            .lead(&[
                "make",
                "set",
                "change",
                "mark",
                "flag",
                "give",
                "bump",
                "raise",
                "lower",
                "prioritize",
                "prioritise",
                "up",
                "increase",
                "reduce",
                "decrease",
                "drop",
                "put",
                "update",
                "move",
            ])
            .is_some();
        // "call mom is urgent" says it of a task (one that is not found is said so)
        let stated = (m.lo..m.hi).any(|k| matches!(m.lower(k), "is" | "are" | "should") && !m.in_mention(k));
        if !verb && !stated {
            return None;
        }
    }
    // "call pharmacy about the refill by wed, it's important": the "it" of a new task said
    // before it, not the task talked about last
    if let (Target::It, Some((p, _, _)), None) = (&target, &m.pointer, &m.mention) {
        let said_before = (m.lo..*p)
            .filter(|&k| {
                !m.filler[k]
                    && m.w.tokens[k].is_word()
                    && !used[k]
                    && !m.slots.iter().any(|s| s.start <= k && k < s.end)
            })
            .count();
        if said_before >= 2 {
            return None;
        }
    }
    let command = match (level, up.is_some(), down.is_some()) {
        (Some(p), _, _) => Command::SetPriority(target, p),
        (None, _, true) => Command::ShiftPriority(target, Shift::Down),
        (None, _, false) => Command::ShiftPriority(target, Shift::Up),
    };
    let score = if said || m.mention.is_some() || m.pointer.is_some() {
        7.5
    } else {
        6.5
    };
    reading(score, command)
}

pub fn reschedule(m: &Msg) -> Option<Reading> {
    if m.asks || m.shows {
        return None;
    }
    // "actually make it 7", "make that 5": an hour alone for the task talked about
    let verb = matches!(m.lower(m.lo), "make" | "change" | "set" | "move");
    if verb && matches!(m.lower(m.lo + 1), "it" | "that" | "this") {
        let target = m.pointer.as_ref().map_or(Target::It, |(_, _, t)| t.clone());
        let mut k = m.lo + 2;
        if matches!(m.lower(k), "to" | "at") {
            k += 1;
        }
        if k + 1 == m.hi && bare_hour(m.lower(k)) {
            return reading(7.0, Command::Reschedule(target, format!("at {}", m.lower(k))));
        }
    }
    // "pay rent until monday", "the glasses can wait till dec 20": "until" says when it moves to
    let until = m.slot(|k| matches!(k, SlotKind::Date)).and_then(|d| {
        d.start
            .checked_sub(1)
            .filter(|&k| matches!(m.lower(k), "until" | "till" | "to" | "wait"))
            .map(|k| (k, 1))
    });
    let cue = m
        .find_where(RESCHEDULE_CUES, |i| super::said::moves(m, i))
        .or(until)
        .or_else(|| m.find(&["wait", "instead", "later", "rather"]));
    let named = m.mention.is_some() || m.pointer.is_some();
    // "pay the gas bill tomorrow" with “pay the electric bill” on the list: a word before the
    // name that its title lacks, and no word of moving — a new task, not that one moved
    let loose = m.mention.as_ref().is_some_and(|t| {
        (m.lo..t.start).any(|k| {
            let w = m.lower(k);
            !m.filler[k]
                && !crate::server::assistant::reader::lexicon::GLUE.contains(&w)
                && !matches!(
                    w,
                    "can"
                        | "could"
                        | "we"
                        | "do"
                        | "i"
                        | "i'll"
                        | "let's"
                        | "lets"
                        | "will"
                        | "would"
                        | "should"
                        | "need"
                        | "to"
                        | "gotta"
                        | "have"
                        | "must"
                        | "want"
                        | "you"
                        | "please"
                        | "so"
                        | "and"
                )
                && w.chars().any(char::is_alphanumeric)
                && !m.known.title_has_near_word(&t.ids, w)
        })
    });
    let verb_first = matches!(
        m.lower(m.lo),
        "change"
            | "put"
            | "file"
            | "move"
            | "push"
            | "shift"
            | "set"
            | "make"
            | "reschedule"
            | "postpone"
            | "bump"
            | "switch"
            | "update"
    );
    // "move standup to 9", "push it to 10:30": an hour alone after "to" or "at", at the end
    let last = m.hi.saturating_sub(1);
    if m.slot(|k| matches!(k, SlotKind::Date)).is_none()
        && cue.is_some()
        && named
        && last > m.lo
        && bare_hour(m.lower(last))
        && matches!(m.lower(last - 1), "to" | "at")
        && !m.in_mention(last)
    {
        let used = m.used(&[(last - 1, last + 1)]);
        let used = cue.map_or(used.clone(), |(i, l)| {
            let mut u = used;
            u.iter_mut().skip(i).take(l).for_each(|x| *x = true);
            u
        });
        let when = format!("at {}", m.lower(last));
        return reading(7.0, Command::Reschedule(m.target_or_rest(&used), when));
    }
    // "move the 2nd to friday": the day is not the words that point at a task of a list
    // (with no task named: "move anna's gift to the 8th" points with its name)
    let pointed = |s: &&Slot| {
        m.mention.is_none()
            && m.pointer
                .as_ref()
                .is_some_and(|(ps, pe, _)| s.start < *pe && *ps < s.end)
    };
    let date = m
        .slots
        .iter()
        .find(|s| matches!(s.kind, SlotKind::Date) && !pointed(s))
        .or_else(|| m.slot(|k| matches!(k, SlotKind::Date)));
    if let Some(date) = date {
        // "the 2nd" alone is a day or a list's position, never the one moved to the other
        if pointed(&date) {
            // "move it to the 2nd", "push to the 15th": after a moving word and "to", a day
            let to_day =
                cue.is_some() && date.start > m.lo && matches!(m.lower(date.start - 1), "to" | "until" | "till");
            return to_day.then(|| Reading {
                score: 6.0,
                command: Command::Reschedule(Target::It, m.w.original(date.start, date.end)),
            });
        }
        // "the dry cleaning is not needed today": no move said, and a "not" before the day
        let denied = m
            .mention
            .as_ref()
            .is_some_and(|t| (t.end..date.start).any(|k| m.lower(k) == "not"));
        if denied && cue.is_none() {
            return None;
        }
        // "check in for flight friday at 6am" with “quarterly health check” on the list: words
        // after the name that its title lacks, and no word of moving — a new task too
        let loose_after = m.mention.as_ref().is_some_and(|t| {
            t.start == m.lo
                && t.end == t.start + 1
                && !matches!(
                    m.lower(t.end),
                    "need"
                        | "needs"
                        | "should"
                        | "must"
                        | "has"
                        | "have"
                        | "is"
                        | "are"
                        | "was"
                        | "were"
                        | "to"
                        | "can"
                        | "will"
                        | "got"
                        | "gets"
                        | "goes"
                        | "go"
                        | "moves"
                        | "now"
                        | "due"
                        | "on"
                        | "by"
                        | "at"
                )
                && (t.end..m.hi).any(|k| {
                    let w = m.lower(k);
                    !m.filler[k]
                        && !m.slots.iter().any(|s| s.start <= k && k < s.end)
                        && !crate::server::assistant::reader::lexicon::GLUE.contains(&w)
                        && w.chars().any(char::is_alphabetic)
                        && !m.known.title_has_near_word(&t.ids, w)
                })
        });
        if (cue.is_none() && !named) || (cue.is_none() && (loose || loose_after) && !verb_first) {
            return None;
        }
        // "hw every mon n wed 4pm" after "hw" was done: a new one, not the done one moved
        if cue.is_none() && m.mention.as_ref().is_some_and(|t| m.known.all_done(&t.ids)) {
            return None;
        }
        // "Tuesday's notes" names a task, and no day to move it to
        if cue.is_none() && m.possessive(date.end - 1) {
            return None;
        }
        // "move standup to 8:30 on friday", "to 10 tomorrow": the hour before the day is its time
        let hour_at = |k: usize| k > m.lo && bare_hour(m.lower(k)) && matches!(m.lower(k - 1), "to" | "at" | "for");
        let hour_before = date.start.checked_sub(1).filter(|&k| hour_at(k) && !m.in_mention(k));
        // "to 11 on monday": the date's words may start with the hour (not "to 11 dec")
        let day_after = matches!(
            m.lower(date.start + 1),
            "on" | "tomorrow"
                | "today"
                | "tonight"
                | "next"
                | "this"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "mon"
                | "tue"
                | "wed"
                | "thu"
                | "fri"
                | "sat"
                | "sun"
        );
        let hour_first = hour_before.is_none() && date.end > date.start + 1 && hour_at(date.start) && day_after;
        let mut spans = vec![(date.start, date.end)];
        spans.extend(hour_before.map(|k| (k - 1, k + 1)));
        spans.extend(cue.map(|(i, l)| (i, i + l)));
        let mut used = m.used(&spans);
        for (k, mark) in used.iter_mut().enumerate().take(m.hi).skip(m.lo) {
            let joining = matches!(
                m.lower(k),
                "to" | "until"
                    | "till"
                    | "for"
                    | "on"
                    | "by"
                    | "due"
                    | "date"
                    | "of"
                    | "set"
                    | "change"
                    | "make"
                    | "is"
                    | "deadline"
                    | "back"
                    | "off"
                    | "it"
                    | "should"
                    | "be"
                    | "now"
                    | "instead"
                    | "rather"
            );
            if joining && !m.in_mention(k) && !is_pointer_word(m, k) {
                *mark = true;
            }
        }
        let mut from = date.start;
        while from < date.end
            && matches!(
                m.lower(from),
                "due" | "on" | "by" | "before" | "for" | "deadline" | "of" | "date" | "a" | "with"
            )
            // ("a week ago", "a couple of days": the "a" counts)
            && !(m.lower(from) == "a"
                && (crate::domain::quick_add::is_unit_word(m.lower(from + 1))
                    || matches!(m.lower(from + 1), "couple" | "few")))
        {
            from += 1;
        }
        let when = match hour_before {
            Some(k) => format!("at {} {}", m.lower(k), m.w.original(from, date.end)),
            None if hour_first => format!("at {}", m.w.original(from, date.end)),
            // "to 5:30" is read as "at 5:30" (17:30), as "to 5" is
            None if from + 1 == date.end && from > m.lo && bare_hour(m.lower(from)) && m.lower(from - 1) == "to" => {
                format!("at {}", m.lower(from))
            }
            None => m.w.original(from, date.end),
        };
        // "lab report for chem due next tuesday": "due" names no task's change when no task has
        // that name — a new task, more likely (it is offered)
        let target = m.target_or_rest(&used);
        let stated = |i: usize| i > m.lo && matches!(m.lower(i - 1), "is" | "are" | "was" | "now" | "should" | "be");
        if matches!(target, Target::Text(_))
            && cue.is_some_and(|(i, _)| matches!(m.lower(i), "due" | "deadline") && !stated(i))
        {
            return None;
        }
        // "…, and please add book a stall space to it by Friday": no move said, and something to
        // add — "it" is where that goes, never a task moved to the day
        if cue.is_none() && matches!(target, Target::It) && m.find(&["add", "create", "put"]).is_some() {
            return None;
        }
        if cue.is_none() && matches!(target, Target::It) && super::said::more_than_a_day(m, &used) {
            return None;
        }
        let score = match (cue.is_some(), named) {
            (true, true) => 7.0,
            // "schedule a call with the designer" names no task: a new one, more likely
            (true, false) => 6.0,
            _ => 5.5,
        };
        let command = Command::Reschedule(target, when);
        return reading(score, super::said::corrected(m, cue.map(|(i, _)| i), command));
    }
    let project = m.slot(|k| matches!(k, SlotKind::Project(_)))?;
    let SlotKind::Project(name) = &project.kind else {
        return None;
    };
    let goes = m.mention.is_some()
        && m.find(&[
            "should go in",
            "should go into",
            "goes in",
            "goes into",
            "belongs in",
            "belongs to",
            "belong in",
            "belong to",
            "should be in",
            "go in",
            "file under",
            "file it under",
            "is part of",
            "should live in",
            "are part of",
        ])
        .is_some();
    if !goes
        && m.lead(&["move", "put", "shift", "file", "transfer", "send", "drag", "place"])
            .is_none()
    {
        return None;
    }
    let mut used = m.used(&[(m.lo, m.lo + 1), (project.start, project.end)]);
    for (k, mark) in used.iter_mut().enumerate().take(m.hi).skip(m.lo) {
        if matches!(
            m.lower(k),
            "to" | "into" | "over" | "should" | "go" | "goes" | "in" | "belongs" | "belong" | "be"
        ) && !m.in_mention(k)
        {
            *mark = true;
        }
    }
    reading(7.0, Command::Move(m.target_or_rest(&used), name.clone()))
}

/// "9", "17", "8:30": an hour written without am or pm (read on the clock "at" reads).
fn bare_hour(w: &str) -> bool {
    let (h, m) = w.split_once(':').unwrap_or((w, "00"));
    let digits = |s: &str, n: usize| (1..=n).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    digits(h, 2) && m.len() == 2 && digits(m, 2) && h.parse::<u32>().is_ok_and(|h| h <= 23) && m < "60"
}
