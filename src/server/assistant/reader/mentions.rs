//! Finding what a message refers to among what exists: the spans that name one of the user's
//! tasks (a quoted title first, then words of a title in any order — with stemming, past tenses,
//! gerunds and one-letter typos — the most words first, a whole title over part of one), the
//! user's projects by name, and "it", "that", "the second one".
use super::lexicon::{ordinal, DETERMINERS, GENERIC, GLUE};
use super::text::{forms, is_command_verb, is_task_verb, same_word_with, shares_a_form, words, Kind, Words};
use super::{Known, Target};

/// One word of a title, ready to be matched.
struct TitleWord {
    forms: Vec<String>,
    weight: f32,
}

/// A task's title, read once per message.
pub struct Title {
    pub id: String,
    words: Vec<TitleWord>,
    pub lower: String,
    /// The task is completed ("hw friday" said of a done "hw" is a new one, not the done one moved).
    pub done: bool,
}

impl Title {
    /// How many words of the title name it (glue aside).
    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    /// The shortest form a word of the message (its `forms`) shares with a word of the title that
    /// names much (no generic word): "interviews" of "Interviewing: prep" is "interview".
    pub fn word_named(&self, message_forms: &[String]) -> Option<&str> {
        self.words
            .iter()
            .filter(|w| w.weight > 0.5)
            .flat_map(|w| w.forms.iter().filter(|f| message_forms.contains(f)))
            .min_by_key(|f| f.len())
            .map(String::as_str)
    }

    /// Whether the title has this word as it is written (not only one of its forms).
    pub fn has_word(&self, word: &str) -> bool {
        self.lower.split(' ').any(|w| w == word)
    }

    pub fn new(id: &str, title: &str) -> Self {
        let tokens = words(title).tokens;
        let mut out = Vec::new();
        for t in tokens.iter().filter(|t| t.kind == Kind::Word) {
            if GLUE.contains(&t.lower.as_str()) || out.iter().any(|w: &TitleWord| w.forms[0] == t.lower) {
                continue;
            }
            // a title's first word is usually its verb ("Buy", "Call"): it names little alone (but
            // "vet" of "vet appointment" names it)
            let weight = if GENERIC.contains(&t.lower.as_str()) {
                0.3
            } else if out.is_empty() && is_task_verb(&t.lower) {
                0.6
            } else {
                1.0
            };
            out.push(TitleWord {
                forms: forms(&t.lower),
                weight,
            });
        }
        Self {
            id: id.to_owned(),
            words: out,
            lower: normal_phrase(title),
            done: false,
        }
    }
}

/// A phrase compared as a whole: lower-case words, single spaces, no punctuation.
fn normal_phrase(text: &str) -> String {
    words(text)
        .tokens
        .iter()
        .filter(|t| t.kind != Kind::Punct('.') && !matches!(t.kind, Kind::Punct(_)))
        .map(|t| t.lower.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a message names one of the user's tasks.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskMention {
    /// Tokens `start..end` of the message.
    pub start: usize,
    pub end: usize,
    /// The tasks named equally well (several: ask which).
    pub ids: Vec<String>,
}

/// How well a span names a title.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
struct Fit {
    /// Words of the message matched (a quoted whole title counts as many).
    named: usize,
    /// Every word of the title is there.
    complete: bool,
    /// The words spell the title exactly.
    exact: bool,
    /// Words matched without a typo.
    clean: usize,
}

/// The best span in `start..end` naming `title`, if one names it well enough. `blocked[i]`: a
/// token that may not be the only solid word of a mention (a date, a priority).
/// `word_forms[i]`: the [`forms`] of token `i` (empty for what is not a word), computed once
/// per message rather than once per title.
fn fit(
    w: &Words,
    word_forms: &[Vec<String>],
    start: usize,
    end: usize,
    title: &Title,
    weak: &[bool],
) -> Option<(usize, usize, Fit)> {
    let total: f32 = title.words.iter().map(|t| t.weight).sum();
    if total <= 0.0 {
        return None;
    }
    let mut best: Option<(usize, usize, Fit)> = None;
    for i in start..end {
        let t = &w.tokens[i];
        if t.kind == Kind::Quoted {
            let inner = words(&t.lower);
            let inner_forms = forms_of(&inner);
            let loose = fit(
                &inner,
                &inner_forms,
                0,
                inner.tokens.len(),
                title,
                &vec![false; inner.tokens.len()],
            )
            .is_some_and(|(_, _, f)| f.complete);
            if normal_phrase(&t.lower) == title.lower || loose {
                let found = Fit {
                    named: 100,
                    complete: true,
                    exact: true,
                    clean: 100,
                };
                return Some((i, i + 1, found));
            }
            continue;
        }
        if t.kind != Kind::Word || GLUE.contains(&t.lower.as_str()) {
            continue;
        }
        if !title
            .words
            .iter()
            .any(|tw| same_word_with(&t.lower, &word_forms[i], &tw.forms))
        {
            continue;
        }
        let mut matched = vec![false; title.words.len()];
        let mut first_hit = None;
        let (mut last, mut named, mut solid, mut clean) = (i, 0, false, 0);
        let mut j = i;
        while j < end {
            let tok = &w.tokens[j];
            if tok.kind != Kind::Word {
                break;
            }
            let hit = title
                .words
                .iter()
                .enumerate()
                .find(|(k, tw)| !matched[*k] && same_word_with(&tok.lower, &word_forms[j], &tw.forms))
                .map(|(k, _)| k);
            match hit {
                Some(k) => {
                    first_hit.get_or_insert(k);
                    matched[k] = true;
                    named += 1;
                    clean += usize::from(shares_a_form(&word_forms[j], &title.words[k].forms));
                    last = j;
                    // (a letter or a number alone names no task: "plan b" is not "option b")
                    solid |= title.words[k].weight >= 1.0 && !weak[j] && !is_mark(&tok.lower);
                }
                None if GLUE.contains(&tok.lower.as_str()) => {}
                None => break,
            }
            j += 1;
        }
        let weight: f32 = title
            .words
            .iter()
            .zip(&matched)
            .filter(|(_, m)| **m)
            .map(|(t, _)| t.weight)
            .sum();
        let complete = matched.iter().all(|m| *m);
        // "vitamin c" is not "buy vitamin d", "room 102" not "call room 101", "option c" not
        // "option a": a letter or a number said right after the words that match, where the
        // title has another of its own, names another task
        // (not a date, a time or a priority said after the name: "room 5b at 3pm", "q4 report p1")
        let said_mark = (last + 1 < end && !weak[last + 1])
            .then(|| &w.tokens[last + 1])
            .filter(|t| t.kind == Kind::Word && is_mark(&t.lower))
            .map(|t| t.lower.as_str());
        if let Some(said) = said_mark {
            // (the title's own: "a" and "i" only as its last word, "plan a", never "buy a gift")
            let words: Vec<&str> = title.lower.split(' ').collect();
            let marks: Vec<&str> = words
                .iter()
                .enumerate()
                .filter(|(k, t)| is_mark(t) && (!matches!(**t, "a" | "i") || k + 1 == words.len()))
                .map(|(_, t)| *t)
                // a letter against the title's letters, a number against its numbers ("the q4
                // report a minute ago": "a" is no label of "q4")
                .filter(|t| is_letter(t) == is_letter(said))
                .collect();
            if !marks.is_empty() && !marks.contains(&said) {
                continue;
            }
        }
        let accepted = complete && weight >= 0.6 || solid && weight / total >= 0.25;
        if !accepted || !complete && first_hit.is_some_and(|k| other_modifier(w, i, title, k, &matched, weak)) {
            continue;
        }
        let span_text = (i..=last).map(|k| w.lower(k)).collect::<Vec<_>>().join(" ");
        let found = Fit {
            named,
            complete,
            exact: span_text == title.lower,
            clean,
        };
        if best.is_none_or(|(_, _, b)| better(&found, &b)) {
            best = Some((i, last + 1, found));
        }
    }
    best
}

/// A word that tells otherwise alike tasks apart: a number ("101", "3b") or a letter ("c").
fn is_mark(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit()) || is_letter(word)
}

fn is_letter(word: &str) -> bool {
    word.chars().count() == 1 && word.chars().all(char::is_alphabetic)
}

/// Whether the word said right before a span contradicts the title's word before the same noun:
/// “the gas bill” against “Pay the water bill”. Only a word that describes the noun counts: not a
/// date or a priority, not a verb said first (“finish bill”), and only against a describing word
/// of the title (never its leading verb).
fn other_modifier(w: &Words, i: usize, title: &Title, k: usize, matched: &[bool], weak: &[bool]) -> bool {
    let Some(before) = i.checked_sub(1) else { return false };
    let said = w.lower(before);
    // a request's own verb ("push insurance to friday") describes nothing
    let asked = is_command_verb(said);
    if !w.tokens[before].is_word() || weak[before] || GLUE.contains(&said) || GENERIC.contains(&said) || asked {
        return false;
    }
    // a verb said first ("finish bill"), unless a determiner makes it a noun ("the water bill")
    let described = before.checked_sub(1).is_some_and(|b| DETERMINERS.contains(&w.lower(b)));
    if is_task_verb(said) && !described {
        return false;
    }
    k.checked_sub(1)
        .and_then(|p| title.words.get(p).map(|tw| (p, tw)))
        .is_some_and(|(p, tw)| !matched[p] && tw.weight >= 1.0)
}

/// The forms of every word token of a message (nothing for the other tokens).
fn forms_of(w: &Words) -> Vec<Vec<String>> {
    w.tokens
        .iter()
        .map(|t| {
            if t.kind == Kind::Word {
                forms(&t.lower)
            } else {
                Vec::new()
            }
        })
        .collect()
}

fn better(a: &Fit, b: &Fit) -> bool {
    (a.named, a.complete, a.exact, a.clean) > (b.named, b.complete, b.exact, b.clean)
}

/// The best mention of a task in tokens `start..end`: the span naming the most words; among
/// equal ones a whole title over part of one; tasks named equally well are all returned.
pub fn find_task(w: &Words, start: usize, end: usize, known: &Known, weak: &[bool]) -> Option<TaskMention> {
    let mut found: Vec<(usize, usize, Fit, &str)> = Vec::new();
    let word_forms = forms_of(w);
    for title in &known.titles {
        if let Some((s, e, f)) = fit(w, &word_forms, start, end.min(w.tokens.len()), title, weak) {
            found.push((s, e, f, &title.id));
        }
    }
    let best = found
        .iter()
        .map(|(_, _, f, _)| *f)
        .reduce(|a, b| if better(&b, &a) { b } else { a })?;
    let top: Vec<&(usize, usize, Fit, &str)> = found.iter().filter(|(_, _, f, _)| *f == best).collect();
    let (s, e) = (top.iter().map(|t| t.0).min()?, top.iter().map(|t| t.1).max()?);
    Some(TaskMention {
        start: s,
        end: e,
        ids: top.iter().map(|t| t.3.to_owned()).collect(),
    })
}

/// "it", "that", "this one", "the last one", "the second one", "number 3", "#2" in `start..end`:
/// the target and its span.
pub fn find_pointer(w: &Words, start: usize, end: usize) -> Option<(usize, usize, Target)> {
    let end = end.min(w.tokens.len());
    for i in start..end {
        let word = w.lower(i);
        let next = if i + 1 < end { w.lower(i + 1) } else { "" };
        let one = matches!(next, "one" | "task" | "item" | "todo");
        let span = |n: usize| i + n;
        match word {
            "it" | "them" | "its" => return Some((i, span(1), Target::It)),
            "that" | "this" => {
                // "that one", but not "that i need to", "this week" or "a task that is …"
                let before = if i > start { w.lower(i - 1) } else { "" };
                let relative = i > start
                    && w.tokens[i - 1].is_word()
                    && !matches!(
                        before,
                        "delete"
                            | "remove"
                            | "scrap"
                            | "complete"
                            | "finish"
                            | "mark"
                            | "move"
                            | "push"
                            | "reschedule"
                            | "rename"
                            | "tag"
                            | "label"
                            | "undo"
                            | "reopen"
                            | "do"
                            | "did"
                            | "make"
                            | "set"
                            | "change"
                            | "and"
                            | "but"
                            | "so"
                            | "then"
                            | "oh"
                            | "actually"
                            | "cancel"
                            | "drop"
                            | "forget"
                            | "done"
                            | "with"
                            | "ditch"
                            | "trash"
                            | "bin"
                            | "kill"
                            | "put"
                            | "call"
                            | "update"
                            | "edit"
                            | "about"
                            | "of"
                            | "for"
                            | "to"
                            | "on"
                            | "in"
                            | "under"
                            | "is"
                            | "was"
                            | "untag"
                            | "describe"
                            | "prioritize"
                            | "postpone"
                            | "delay"
                            | "lower"
                            | "raise"
                            | "bump"
                            | "finished"
                            | "completed"
                            | "get"
                    );
                if relative {
                    continue;
                }
                if one {
                    return Some((i, span(2), Target::It));
                }
                if matches!(
                    next,
                    "" | "." | "!" | "," | "-" | "is" | "as" | "to" | "off" | "from" | "up" | "too" | "one"
                ) || i + 1 == end
                {
                    return Some((i, span(1), Target::It));
                }
            }
            "last" | "latter" if w.lower(i.wrapping_sub(1)) == "the" => {
                return Some((i - 1, span(if one { 2 } else { 1 }), Target::LastListed));
            }
            "former" if w.lower(i.wrapping_sub(1)) == "the" => return Some((i - 1, span(1), Target::Position(1))),
            "top" | "first" if one => return Some((i, span(2), Target::Position(1))),
            "bottom" if one => return Some((i, span(2), Target::LastListed)),
            // "2 is done", "3 - delete": a bare number at the start of a message
            w2 if i == start
                && w2.len() <= 2
                && w2.chars().all(|c| c.is_ascii_digit())
                && matches!(next, "is" | "-" | ":" | "done" | "was" | ".") =>
            {
                if let Ok(n) = w2.parse::<usize>() {
                    if (1..=50).contains(&n) {
                        return Some((i, span(1), Target::Position(n)));
                    }
                }
            }
            "number" | "no." | "#" | "item" | "task" => {
                if let Ok(n) = next.trim_start_matches('#').parse::<usize>() {
                    if (1..=200).contains(&n) {
                        return Some((i, span(2), Target::Position(n)));
                    }
                }
            }
            w2 => {
                if let Some(n) = ordinal(w2) {
                    // "the second one", "second task", "the 2nd" — but "the 2nd of january" and
                    // "on the 15th", "by the 3rd" are dates
                    let lead = i > 0 && w.lower(i - 1) == "the";
                    let said_when = matches!(
                        w.lower(if lead { i.wrapping_sub(2) } else { i.wrapping_sub(1) }),
                        "on" | "by" | "until" | "till" | "before" | "after" | "due" | "for" | "from"
                    );
                    if (one || lead) && next != "of" && !said_when {
                        let from = if lead { i - 1 } else { i };
                        return Some((from, span(if one { 2 } else { 1 }), Target::Position(n)));
                    }
                }
                if let Some(n) = w2.strip_prefix('#').and_then(|d| d.parse::<usize>().ok()) {
                    if (1..=200).contains(&n) {
                        return Some((i, span(1), Target::Position(n)));
                    }
                }
            }
        }
    }
    None
}

/// A project the message names: `+name`, or its name after "to", "in", "on", "into", "from",
/// "for" (with "my"/"the"), or before "list"/"project". Returns the span and the project's name.
pub fn find_project(w: &Words, start: usize, end: usize, known: &Known) -> Option<(usize, usize, String)> {
    let end = end.min(w.tokens.len());
    for i in start..end {
        let lower = w.lower(i);
        if let Some(name) = lower.strip_prefix('+').filter(|n| !n.is_empty()) {
            let name = name.replace(['-', '_'], " ");
            if let Some(p) = known.project_named(&name) {
                return Some((i, i + 1, p.to_owned()));
            }
        }
    }
    for i in start..end {
        if !matches!(
            w.lower(i),
            "to" | "in" | "on" | "into" | "onto" | "from" | "for" | "under"
        ) {
            continue;
        }
        let mut from = i + 1;
        while from < end && matches!(w.lower(from), "my" | "the" | "our") {
            from += 1;
        }
        // the longest run of words naming a project: "home renovation", "groceries list"
        for to in (from + 1..=end.min(from + 5)).rev() {
            let mut upto = to;
            while upto > from && matches!(w.lower(upto - 1), "list" | "project" | "folder") {
                upto -= 1;
            }
            if upto == from || (from..upto).any(|k| !w.tokens[k].is_word()) {
                continue;
            }
            let phrase = (from..upto).map(|k| w.lower(k)).collect::<Vec<_>>().join(" ");
            if let Some(p) = known.project_named(&phrase) {
                return Some((i, to, p.to_owned()));
            }
        }
    }
    // "Groceries: add coffee beans": a project's name, then a colon
    for to in (start + 1..=end.min(start + 4)).rev() {
        if w.tokens.get(to).is_some_and(|t| t.kind == Kind::Punct(':')) && (start..to).all(|k| w.tokens[k].is_word()) {
            let phrase = (start..to).map(|k| w.lower(k)).collect::<Vec<_>>().join(" ");
            if let Some(p) = known.project_named(&phrase) {
                return Some((start, to, p.to_owned()));
            }
        }
    }
    // "project home renovation", "project: work"
    for i in start..end {
        if w.lower(i) != "project" {
            continue;
        }
        let from = if w.lower(i + 1) == ":" { i + 2 } else { i + 1 };
        for to in (from + 1..=end.min(from + 4)).rev() {
            if (from..to).all(|k| w.tokens[k].is_word()) {
                let phrase = (from..to).map(|k| w.lower(k)).collect::<Vec<_>>().join(" ");
                if let Some(p) = known.project_named(&phrase) {
                    return Some((i, to, p.to_owned()));
                }
            }
        }
    }
    // "the home renovation project", "my grocery list"; "the Ikeja project" for "Ikeja shop
    // opening" (the first words of one project's name only)
    for by_start in [false, true] {
        for i in start..end {
            if !matches!(w.lower(i), "project" | "list") || (by_start && w.lower(i) != "project") {
                continue;
            }
            for from in i.saturating_sub(4).max(start)..i {
                let phrase = (from..i).map(|k| w.lower(k)).collect::<Vec<_>>().join(" ");
                // (by its first words only after "to the", "in my" …: "write the final project
                // report" names no project "Final exams")
                let placed = |k: usize| {
                    k > start && matches!(w.lower(k - 1), "to" | "in" | "into" | "on" | "for" | "from" | "under")
                };
                let article = |k: usize| matches!(w.lower(k), "the" | "my" | "our");
                // ("show me the ikeja project", "delete the ikeja project")
                let asked = |k: usize| {
                    k > start
                        && matches!(
                            w.lower(k - 1),
                            "show" | "me" | "open" | "delete" | "rename" | "archive" | "see" | "view"
                        )
                };
                let told = !by_start
                    || (!article(from)
                        && (placed(from)
                            || (from > start && article(from - 1) && (placed(from - 1) || asked(from - 1)))));
                if told && (from..i).all(|k| w.tokens[k].is_word()) {
                    let found = if by_start {
                        known.project_starting(&phrase)
                    } else {
                        known.project_named(&phrase)
                    };
                    // (by its first words: the span takes "to the" along, as the name said whole does)
                    let lead = if !by_start || asked(from.saturating_sub(1)) {
                        0
                    } else if placed(from) {
                        1
                    } else {
                        2
                    };
                    if let Some(p) = found {
                        return Some((from - lead, i + 1, p.to_owned()));
                    }
                }
            }
        }
    }
    None
}
