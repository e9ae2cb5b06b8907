//! What is said around a request that changes its reading: a request said not to be done
//! (“don't delete the gym task”), “make it to X” (“I won't make it to office hours, move it to
//! monday”: the later “it” is X), and “…, don't let me forget” after a statement of when
//! something is (“lily's recital is on the 18th at 6, don't let me forget”: a task to add, never
//! a deletion).
use super::{Msg, TaskMention};
use crate::server::assistant::reader::lexicon::GLUE;
use crate::server::assistant::reader::mentions::{find_pointer, find_task};
use crate::server::assistant::reader::text::{is_command_verb, is_task_verb, one_typo_apart, words, Kind, Words};
use crate::server::assistant::reader::{Command, Known, Target};

/// “make it to X” in a message.
pub struct MakeItTo {
    /// Where X ends: a later “it” is looked for from here (the idiom's own “it” is none).
    pub end: usize,
    /// X's words, glue at the start left out.
    pub phrase: String,
    /// The task X names, if any.
    pub named: Option<TaskMention>,
    /// A later “it” (its span): X is what it points at.
    pub later_it: Option<(usize, usize)>,
    /// “I can't make it to the gym today” with nothing asked after: the task is asked about.
    pub cannot: bool,
}

pub fn make_it_to(w: &Words, lo: usize, hi: usize, weak: &[bool], filler: &[bool], known: &Known) -> Option<MakeItTo> {
    let k = (lo..hi.saturating_sub(3)).find(|&k| {
        matches!(w.lower(k), "make" | "makes" | "making") && w.lower(k + 1) == "it" && w.lower(k + 2) == "to"
    })?;
    let when = |j: usize| {
        weak[j]
            || matches!(
                w.lower(j),
                "this" | "next" | "today" | "tonight" | "tomorrow" | "on" | "at" | "by" | "in"
            )
    };
    let end = (k + 3..hi)
        .find(|&j| {
            !w.tokens[j].is_word()
                || when(j)
                || matches!(
                    w.lower(j),
                    "so" | "but" | "and" | "then" | "because" | "cause" | "can" | "could"
                )
        })
        .unwrap_or(hi);
    let negated = (k.saturating_sub(2)..k).any(|j| matches!(w.lower(j), "not" | "never"));
    // nothing asked after it: no verb said ("… on that day, sadly", not "…, move it")
    let verb = |j: usize| is_task_verb(w.lower(j)) || is_command_verb(w.lower(j)) || matches!(w.lower(j), "add" | "do");
    let cannot = negated && (end..hi).all(|j| filler[j] || !w.tokens[j].is_word() || when(j) || !verb(j));
    let later_it = find_pointer(w, end, hi)
        .filter(|(_, _, t)| *t == Target::It && end > k + 3)
        .map(|(s, e, _)| (s, e));
    let phrase: Vec<&str> = (k + 3..end)
        .map(|j| w.lower(j))
        .skip_while(|x| GLUE.contains(x))
        .collect();
    Some(MakeItTo {
        end,
        phrase: phrase.join(" "),
        named: find_task(w, k + 3, end, known, weak),
        later_it,
        cannot,
    })
}

/// A reading decided by what is said around the request, before any frame is tried.
pub fn around(m: &Msg) -> Option<Command> {
    if m.asks {
        return None;
    }
    if m.cannot_make_it {
        return Some(
            m.mention
                .as_ref()
                .map_or(Command::Unknown, |t| Command::AskAbout(Target::Tasks(t.ids.clone()))),
        );
    }
    if let Some(command) = again(m) {
        return Some(command);
    }
    // "!!", "ok !!", "wow !!": a sound, not a priority for the task talked about
    if (m.lo..m.hi).all(|k| m.filler[k] || !m.w.tokens[k].is_word() || matches!(m.lower(k), "!!" | "!!!")) {
        return Some(Command::Smalltalk(false));
    }
    // "skip gym this thursday": which day of a repeat is not guessed — the task is asked about
    if matches!(m.lower(m.lo), "skip" | "skipping") {
        if let Some(t) = &m.mention {
            return Some(Command::AskAbout(Target::Tasks(t.ids.clone())));
        }
    }
    negated_request(m).or_else(|| not_to_forget(m)).or_else(|| unneeded(m))
}

/// "the report draft is no longer needed", "don't bother with the slides", "I don't need the
/// printer task anymore", "no need for the hotel booking": the task named by its whole title is
/// deleted (an "undo" right after brings it back); named by a part of it ("I don't need the gym
/// membership anymore" of “cancel gym membership”), said with a doubt ("maybe …") or "not
/// happening" (a day of a repeat, perhaps), it is asked about. Only when that is all that is
/// said: "… is not needed today", "no need to finish the slides" are no such reading.
fn unneeded(m: &Msg) -> Option<Command> {
    let named = m.mention.as_ref()?;
    let before: Vec<&str> = (m.lo..named.start)
        .filter(|&k| said_word(m, k))
        .map(|k| m.lower(k))
        .collect();
    let after: Vec<&str> = (named.end..m.hi)
        .filter(|&k| said_word(m, k))
        .map(|k| m.lower(k))
        .collect();
    let strip = |words: &[&str], tail: &[&str]| -> bool { words.strip_suffix(tail).is_some_and(<[&str]>::is_empty) };
    let before = before.as_slice();
    let before = before
        .strip_suffix(&["the"])
        .or_else(|| before.strip_suffix(&["my"]))
        .unwrap_or(before);
    let after = after.as_slice();
    // "anymore", "no longer": for good, not for today
    let for_good = after.ends_with(&["anymore"]) || after.ends_with(&["any", "more"]) || before.contains(&"longer");
    let after = after
        .strip_suffix(&["anymore"])
        .or_else(|| after.strip_suffix(&["any", "more"]))
        .or_else(|| after.strip_suffix(&["after", "all"]))
        .unwrap_or(after);
    let after = after.strip_prefix(&["task"]).unwrap_or(after);
    let unneeded_after = matches!(
        after,
        [
            "is" | "are" | "was",
            "no",
            "longer",
            "needed" | "necessary" | "required" | "relevant" | "happening"
        ] | [
            "is" | "are" | "was",
            "not",
            "needed" | "necessary" | "required" | "happening"
        ] | [
            "no",
            "longer",
            "needed" | "necessary" | "required" | "relevant" | "happening"
        ] | ["not", "needed" | "necessary" | "required"]
    );
    // "I don't need X", and of a task that is a thing to do, "I don't need to X", "I don't have
    // to X anymore" (not "no need to X", which may be said of a task done another way)
    let who = |words: &[&str]| matches!(words, [] | ["i"] | ["we"]);
    let not_needed = |words: &[&str]| {
        words
            .strip_suffix(&["do", "not", "need"])
            .or_else(|| words.strip_suffix(&["no", "longer", "need"]))
            .is_some_and(who)
    };
    let not_to_do = |words: &[&str]| {
        words.strip_suffix(&["to"]).is_some_and(|w| {
            not_needed(w)
                || w.strip_suffix(&["do", "not", "have"])
                    .or_else(|| w.strip_suffix(&["no", "longer", "have"]))
                    .is_some_and(who)
        })
    };
    let unneeded_before = after.is_empty()
        && (strip(before, &["do", "not", "bother", "with"])
            || strip(before, &["no", "need", "for"])
            || not_needed(before)
            // ("I don't need to water the plants" may be said of today only)
            || (not_to_do(before) && for_good));
    if !((unneeded_after && before.is_empty()) || unneeded_before) {
        return None;
    }
    let ids = Target::Tasks(named.ids.clone());
    // the whole title said, one task, no doubt and no "happening": deleted; else asked
    let whole = names_whole(m, named);
    let doubt = (0..m.hi).any(|k| matches!(m.w.lower(k), "maybe" | "perhaps" | "probably" | "thinking" | "might"));
    let happening = after.last() == Some(&"happening");
    // a project of that name too ("groceries is no longer needed"): which is meant is asked
    let name = m.w.original(named.start, named.end);
    let project_too = m.known.project_named(without_determiner(&name)).is_some();
    Some(if whole && !doubt && !happening && !project_too {
        Command::Delete(ids)
    } else {
        Command::AskAbout(ids)
    })
}

/// Whether a mention says one task's whole title: every word of it, in order, each as written
/// or one typo from it ("pick up dry cleaning", not "the dry cleaning").
pub fn names_whole(m: &Msg, named: &TaskMention) -> bool {
    // a title in quotes is named as it is
    if named.ids.len() == 1 && (named.start..named.end).any(|k| m.w.tokens[k].kind == Kind::Quoted) {
        return true;
    }
    let said: Vec<&str> = (named.start..named.end)
        .filter(|&k| m.w.tokens[k].is_word())
        .map(|k| m.lower(k))
        .skip_while(|w| matches!(*w, "the" | "my"))
        .collect();
    named.ids.len() == 1
        && m.known.titles.iter().any(|t| {
            let title: Vec<&str> = t.lower.split_whitespace().collect();
            t.id == named.ids[0]
                && title.len() == said.len()
                && title.iter().zip(&said).all(|(a, b)| a == b || one_typo_apart(a, b))
        })
}

/// A word said around a task's name (not a filler, not a mark).
fn said_word(m: &Msg, k: usize) -> bool {
    m.w.tokens[k].is_word() && !m.filler[k] && !m.in_mention(k)
}

/// “don't delete the gym task”, “do not mark it done”, “never move the standup”: nothing is
/// changed (“don't let me forget to …”, “don't remind me about …” are requests of their own).
fn negated_request(m: &Msg) -> Option<Command> {
    let verb = match (m.lower(m.lo), m.lower(m.lo + 1)) {
        ("do", "not") => m.lo + 2,
        ("never", next) if next != "mind" => m.lo + 1,
        _ => return None,
    };
    let said = m.lower(verb);
    if matches!(said, "let" | "forget" | "remind" | "add" | "worry" | "bother") || verb >= m.hi {
        return None;
    }
    if !(is_command_verb(said) || is_task_verb(said)) {
        return None;
    }
    Some(instead(m, verb).unwrap_or_else(|| Command::Clarify("OK, I haven't changed anything.".into())))
}

/// "do not delete the garage task, just move it to sunday": what is asked instead, after a comma
/// (or "just", "but"), its "it" the task the negated request named.
fn instead(m: &Msg, verb: usize) -> Option<Command> {
    let named = m.mention.as_ref().filter(|t| t.start > verb)?;
    let cut = (named.end..m.hi).find(|&k| !m.w.tokens[k].is_word() || matches!(m.lower(k), "just" | "but"))?;
    let from = (cut..m.hi).find(|&k| {
        m.w.tokens[k].is_word() && !matches!(m.lower(k), "just" | "but" | "instead" | "rather" | "only" | "please")
    })?;
    if !is_command_verb(m.lower(from)) {
        return None;
    }
    let name = m.w.original(named.start, named.end);
    let mut replaced = false;
    let rest: Vec<String> = (from..m.hi)
        .map(|k| match m.lower(k) {
            "it" if !replaced => {
                replaced = true;
                name.clone()
            }
            _ => m.w.original(k, k + 1),
        })
        .collect();
    replaced.then(|| super::read_plain(&rest.join(" "), m.known))
}

/// “lily's recital is on the 18th at 6, don't let me forget”: what comes before the comma is a
/// task to add, its date said after “is” (or a task of exactly that name moved to it); never a
/// deletion of a task that shares a word with it.
fn not_to_forget(m: &Msg) -> Option<Command> {
    const TAILS: &[&[&str]] = &[
        &["do", "not", "let", "me", "forget"],
        &["do", "not", "forget"],
        &["never", "let", "me", "forget"],
    ];
    let comma = (m.lo..m.hi).rev().find(|&j| !m.w.tokens[j].is_word())?;
    let tail: Vec<&str> = (comma + 1..m.hi).map(|j| m.lower(j)).collect();
    let tail = tail
        .strip_suffix(&["it"])
        .or_else(|| tail.strip_suffix(&["that"]))
        .or_else(|| tail.strip_suffix(&["this"]))
        .unwrap_or(&tail);
    if !TAILS.contains(&tail) || comma <= m.lo {
        return None;
    }
    let is = (m.lo + 1..comma).find(|&j| matches!(m.lower(j), "is" | "are" | "was"));
    let text = |a: usize, b: usize| m.w.original(a, b);
    let same = |name: &str| -> Vec<String> {
        let bare = without_determiner(name).to_lowercase();
        m.known
            .titles
            .iter()
            .filter(|t| t.lower == bare)
            .map(|t| t.id.clone())
            .collect()
    };
    let Some(is) = is else {
        // "pay rent, don't forget" with "Pay rent" on the list: asked about, not added twice
        let name = text(m.lo, comma);
        let ids = same(&name);
        return Some(if ids.is_empty() {
            Command::Add(name)
        } else {
            Command::AskAbout(Target::Tasks(ids))
        });
    };
    let name = text(m.lo, is);
    let when = text(is + 1, comma);
    let same = same(&name);
    if !same.is_empty() && !when.is_empty() {
        return Some(Command::Reschedule(Target::Tasks(same), when));
    }
    Some(Command::Add(format!("{} {when}", without_determiner(&name))))
}

/// "the plumber visit" → "plumber visit", "My gym" → "gym".
fn without_determiner(name: &str) -> &str {
    ["the ", "my "]
        .iter()
        .find_map(|d| {
            name.get(..d.len())
                .filter(|p| p.eq_ignore_ascii_case(d))
                .and(name.get(d.len()..))
        })
        .unwrap_or(name)
}

/// The requests of a message said in sentences: "ok so im a nurse and my roster is all over the
/// place. Can you add night shift wednesday 7pm" (a statement first is context: one request),
/// "Move the dentist to friday. Please add buy milk" (two, each done in turn). `None` when the
/// message is one request as it is, or when a later request points back ("I finished the report.
/// Please mark it done": read whole, so "it" is the report).
pub fn requests(message: &str) -> Option<Vec<&str>> {
    // the verbs a request said in a sentence of its own starts with
    const VERBS: &[&str] = &[
        "please",
        "pls",
        "add",
        "remind",
        "move",
        "push",
        "delete",
        "remove",
        "mark",
        "complete",
        "finish",
        "reschedule",
        "postpone",
        "tag",
        "rename",
        "cancel",
        "set",
        "make",
        "put",
        "snooze",
        "untag",
        "reopen",
    ];
    let w = &words(message);
    let n = w.tokens.len();
    // where each sentence starts (after the last of its marks: "Add milk!!! Add eggs")
    let starts: Vec<usize> =
        std::iter::once(0)
            .chain((1..n).filter(|&k| {
                matches!(w.tokens[k - 1].kind, Kind::Punct('.' | '!' | '?' | ';')) && w.tokens[k].is_word()
            }))
            .collect();
    if starts.len() < 2 || starts.len() > 10 {
        return None;
    }
    let end_of = |i: usize| starts.get(i + 1).copied().unwrap_or(n);
    // a sentence that starts with a request, says something of its own ("… friday!! add that"
    // is one request) and states nothing ("Update: the gym is closed today" is context)
    let asks = |i: usize| {
        let (k, end) = (starts[i], end_of(i));
        let first = w.lower(k);
        let lead = VERBS.contains(&first)
            || is_task_verb(first)
            || (matches!(first, "can" | "could" | "would") && w.lower(k + 1) == "you");
        let statement = (k..end).any(|j| matches!(w.lower(j), "is" | "are" | "was" | "were" | "am"));
        lead && !statement
            && (k + 1..end).any(|j| {
                w.tokens[j].is_word()
                    && !matches!(
                        w.lower(j),
                        "it" | "that"
                            | "this"
                            | "them"
                            | "pls"
                            | "please"
                            | "too"
                            | "also"
                            | "to"
                            | "remind"
                            | "me"
                            | "you"
                            | "can"
                            | "could"
                    )
            })
    };
    let first_request = (0..starts.len()).find(|&i| asks(i))?;
    let mut parts: Vec<(usize, usize)> = Vec::new();
    for (i, &start) in starts.iter().enumerate().skip(first_request) {
        match parts.last_mut() {
            // a statement after a request goes with it (a later request's "it" is the task the
            // one before it touched: "Add the dentist friday. Remind me about it the day before")
            Some(last) if !asks(i) => last.1 = end_of(i),
            _ => parts.push((start, end_of(i))),
        }
    }
    // the first request pointing back at the context is read with it ("I finished the report.
    // Please mark it done.")
    // (the request's own sentence: "… by Wednesday at 4pm? It's fairly important." says "it" of
    // what it adds)
    if parts
        .first()
        .is_some_and(|&(s, _)| first_request > 0 && find_pointer(w, s, end_of(first_request)).is_some())
    {
        return None;
    }
    if first_request == 0 && parts.len() < 2 {
        return None;
    }
    // (a request of nothing but its lead, "… Please.", is none)
    let text = |(s, e): (usize, usize)| -> Option<&str> {
        let from = message_before(w, message, s)?.len();
        let to = if e >= n {
            message.len()
        } else {
            message_before(w, message, e)?.len()
        };
        message.get(from..to).map(str::trim)
    };
    let parts: Vec<&str> = parts
        .into_iter()
        .filter_map(text)
        .filter(|p| p.split_whitespace().count() > 1)
        .collect();
    (!parts.is_empty()).then_some(parts)
}

/// The message's own text before token `start` (`message` is the one `w` was read from).
fn message_before<'m>(w: &Words, message: &'m str, start: usize) -> Option<&'m str> {
    message.get(..w.in_raw(w.tokens.get(start)?.start))
}

/// "also soccer", "and the lebkuchen one too", "same for order flour", "the bread as well": one of
/// the user's tasks named with nothing but a word of "again" around it.
fn again(m: &Msg) -> Option<Command> {
    let mention = m.mention.as_ref()?;
    let outside: Vec<&str> = (m.lo..m.hi)
        .filter(|&k| !(mention.start <= k && k < mention.end) && m.w.tokens[k].is_word())
        .map(|k| m.lower(k))
        .collect();
    // "also" as a lead is a filler: look before `lo` too
    let lead_also = (0..m.lo).any(|k| matches!(m.w.lower(k), "also" | "and"));
    let marked = lead_also
        || outside
            .iter()
            .any(|w| matches!(*w, "also" | "too" | "same" | "ditto" | "well"));
    let only_glue = outside.iter().all(|w| {
        matches!(
            *w,
            "also"
                | "too"
                | "same"
                | "ditto"
                | "as"
                | "well"
                | "for"
                | "with"
                | "the"
                | "one"
                | "task"
                | "do"
                | "and"
                | "please"
                | "goes"
                | "that"
                | "thing"
                | "my"
        )
    });
    (marked && only_glue).then(|| Command::Again(Target::Tasks(mention.ids.clone())))
}

/// Whether a moving cue at `i` moves: "night shift wednesday 7pm", "day shift fri 7am" are the
/// noun, not "shift X to …".
pub fn moves(m: &Msg, i: usize) -> bool {
    m.lower(i) != "shift"
        || i == m.lo
        || m.in_mention(i + 1)
        || matches!(
            m.lower(i + 1),
            "it" | "that" | "this" | "the" | "my" | "to" | "back" | "forward" | "everything" | "all" | "them"
        )
}

/// "oh wait, tuesday instead" with no task named: a correction of the task just changed (only
/// then done).
pub fn corrected(m: &Msg, cue: Option<usize>, command: Command) -> Command {
    let correcting = m.mention.is_none()
        && m.pointer.is_none()
        && cue.is_some_and(|i| matches!(m.lower(i), "wait" | "instead" | "rather"));
    if correcting {
        Command::Correct(Box::new(command))
    } else {
        command
    }
}

/// "need to pay the light bill by fri, its important": a day said beside "it" with words of their
/// own (three or more besides `used` and "it") is no move of it ("i need it by friday", "let's do
/// it on friday" are).
pub fn more_than_a_day(m: &Msg, used: &[bool]) -> bool {
    let mut said = used.to_vec();
    if let Some((s, e, _)) = &m.pointer {
        said[*s..*e].iter_mut().for_each(|x| *x = true);
    }
    let rest = m.rest(&said);
    rest.split(' ')
        .filter(|w| !w.is_empty() && !matches!(*w, "'s" | "s" | "oh" | "wait"))
        .count()
        >= 3
}

/// "k thx. also need to pay the light bill", "great, thanks! now add …": what follows a first
/// sentence that only thanks or acknowledges (the whole message when there is none).
pub fn after_thanks(message: &str) -> &str {
    let Some(end) = message.find(['.', '!']) else {
        return message;
    };
    let (first, rest) = (&message[..end], message[end..].trim_start_matches(['.', '!', ' ']));
    let first: Vec<String> = first
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // ("No. Saturday, not Friday": a "no" says what follows is a correction)
    let said = |w: &String| crate::server::assistant::reader::lexicon::SMALLTALK.contains(&w.as_str());
    let negated = first
        .iter()
        .any(|w| matches!(w.as_str(), "no" | "nope" | "nah" | "never" | "not"));
    let thanks = !first.is_empty() && !negated && first.iter().all(said);
    if thanks && rest.split_whitespace().count() >= 2 {
        rest
    } else {
        message
    }
}
