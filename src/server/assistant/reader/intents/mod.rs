//! Scoring intents from evidence. A message is read once into a [`Msg`] — its words, the
//! fillers at its edges, its slots, the task it names and whether it asks — and every frame
//! (one per intent, in `changes` and `questions`) looks for its cues anywhere in it and says how
//! sure it is. The surest reading wins; with none sure enough, a phrase that names a task is
//! asked about, one that looks like a task is offered as a new one, and anything else is not
//! understood.
mod add;
mod asides;
mod changes;
mod corrections;
mod details;
mod edits;
mod many;
mod places;
mod postpone;
mod projects;
mod questions;
mod rename;
mod repeats;
pub(super) mod said;
mod tags;
mod told;

use super::lexicon::{
    FILLER_ANYWHERE, FILLER_LEADS, FILLER_TAILS, GLUE, HELP, NO, QUESTION_LEADS, SMALLTALK, THANKS, YES,
};
use super::mentions::{find_pointer, find_task, TaskMention};
use super::quick_text::quick_add_text;
use super::slots::{find_slots, starts_at, Slot, SlotKind};
use super::text::{words, Kind, Words};
use super::{Command, Known, Target};

/// Words that may stand before a title whose first word is a cue ("I finished the report",
/// "just paid the rent"), without being a verb of their own.
const SAID_BEFORE_A_CUE: [&str; 18] = [
    "i", "i've", "ive", "we", "we've", "just", "already", "finally", "have", "has", "ok", "okay", "now", "so", "and",
    "also", "actually", "then",
];

/// Marks that say something of a task ("✅ buy milk": it is done), not part of a title.
const SIGNS_OF_DONE: [&str; 8] = ["+", "✓", "✔", "✅", "☑", "✔️", "->", "=>"];

/// A message, read once for every frame.
pub struct Msg<'a> {
    pub w: Words,
    pub known: &'a Known,
    /// The meaningful tokens: `lo..hi`, fillers at both ends left out.
    pub lo: usize,
    pub hi: usize,
    /// Tokens that carry nothing (fillers anywhere, punctuation).
    pub filler: Vec<bool>,
    pub slots: Vec<Slot>,
    /// The user's task the message names, if any.
    pub mention: Option<TaskMention>,
    /// "it", "the second one", with its span.
    pub pointer: Option<(usize, usize, Target)>,
    /// A question ("?", "what …", "is there …").
    pub asks: bool,
    /// A request to see tasks ("show …", "list …").
    pub shows: bool,
    /// Tokens that may not be the only solid word of a mention (dates, priorities).
    weak: Vec<bool>,
    /// "I can't make it to the gym today", and nothing asked: the task is asked about, never
    /// moved to the day one cannot make.
    pub cannot_make_it: bool,
}

impl<'a> Msg<'a> {
    fn new(message: &str, known: &'a Known) -> Self {
        let w = words(message);
        let n = w.tokens.len();
        // punctuation carries nothing, but a closing bracket belongs to the words before it
        let mut filler: Vec<bool> = w
            .tokens
            .iter()
            .map(|t| matches!(t.kind, Kind::Punct(c) if !matches!(c, ')' | ']')))
            .collect();
        let mut asks_mark = w.tokens.iter().any(|t| t.kind == Kind::Punct('?'));
        let (mut lo, mut hi) = (0, n);
        loop {
            while lo < hi && filler[lo] {
                lo += 1;
            }
            let Some(len) = longest_at(&w, lo, hi, FILLER_LEADS) else {
                break;
            };
            // "could you mark X as done?" is a request, however it ends
            if longest_at(
                &w,
                lo,
                hi,
                &[
                    "can you",
                    "could you",
                    "would you",
                    "will you",
                    "can u",
                    "could u",
                    "would you mind",
                ],
            )
            .is_some()
            {
                asks_mark = false;
            }
            // "so", "now", "and" alone are a message of their own, not a filler
            if lo + len >= hi {
                break;
            }
            lo += len;
        }
        loop {
            while hi > lo && filler[hi - 1] {
                hi -= 1;
            }
            let found = FILLER_TAILS
                .iter()
                .map(|p| p.split(' ').count())
                .filter(|&len| hi > lo + len)
                .filter(|&len| {
                    // "3 days from now": that "now" is part of the date
                    FILLER_TAILS.iter().any(|p| {
                        p.split(' ').count() == len
                            && starts_at(&w, hi - len, hi, p)
                            && !(*p == "now" && hi >= lo + 2 && w.lower(hi - 2) == "from")
                    })
                });
            let Some(len) = found.max() else { break };
            hi -= len;
        }
        for (i, t) in w.tokens.iter().enumerate() {
            // "please", and emoji or marks that carry no words ("🐱", "!!")
            let marks = SIGNS_OF_DONE;
            let symbols = t.kind == Kind::Word
                && !t.lower.chars().any(|c| c.is_alphanumeric())
                && !marks.contains(&t.lower.as_str())
                && !t.lower.starts_with(['#', '!', '^', '+']);
            if (FILLER_ANYWHERE.contains(&t.lower.as_str()) && t.kind == Kind::Word) || symbols {
                filler[i] = true;
            }
        }
        while lo < hi && filler[lo] {
            lo += 1;
        }
        while hi > lo && filler[hi - 1] {
            hi -= 1;
        }
        // "…, can you remind me to …?" is a request wherever it is said
        if (lo..hi)
            .any(|i| longest_at(&w, i, hi, &["can you", "could you", "would you", "will you", "can u"]).is_some())
        {
            asks_mark = false;
        }
        let mut slots = find_slots(&w, lo, hi, known, known.now);
        let mut weak = vec![false; n];
        for s in &slots {
            if !matches!(s.kind, SlotKind::ListWords) {
                weak[s.start..s.end].iter_mut().for_each(|x| *x = true);
            }
        }
        let mut mention = find_task(&w, lo, hi, known, &weak);
        // a cue that is also a title's first words ("finish the report", "clean up") stays a
        // cue when the rest still names the task; when only the cue named it, it names nothing
        // — unless the message has its own verb before the title ("make delete old photos high
        // priority", "set the priority of check oven to low"): then the title keeps its words
        if let Some(m) = mention
            .as_ref()
            .filter(|m| (lo..m.start).all(|i| filler[i] || SAID_BEFORE_A_CUE.contains(&w.lower(i))))
        {
            if let Some(len) =
                longest_at(&w, m.start, hi, changes::CUE_PHRASES).filter(|&l| l < m.end - m.start || l > 1)
            {
                let rest = find_task(&w, m.start + len, m.end, known, &weak);
                // ("check off haircut" with "payroll check" on the list: the haircut)
                mention = match rest {
                    Some(rest) if rest.ids.iter().all(|id| m.ids.contains(id)) => Some(rest),
                    _ if len > 1 || (m.end - m.start) == 1 => None,
                    _ => mention,
                };
            }
        }
        // "remind me an hour before choir" with "clean up before the guests arrive" on the list:
        // a "before" that starts the words is how the moment is said, when the rest names a task
        if let Some(t) = mention
            .as_ref()
            .filter(|t| t.end > t.start + 1 && matches!(w.lower(t.start), "before" | "after" | "until" | "till"))
        {
            if let Some(rest) =
                find_task(&w, t.start + 1, t.end, known, &weak).filter(|r| r.ids.iter().all(|id| t.ids.contains(id)))
            {
                mention = Some(rest);
            }
        }
        // "the milk is checked off", "rent was paid": what happened to the task is not its name
        if let Some(t) = mention.as_ref() {
            let said_of = (t.start + 1..t.end.saturating_sub(1)).find(|&k| {
                let next = w.lower(k + 1);
                matches!(w.lower(k), "is" | "was" | "are" | "were" | "got" | "been")
                    && (super::lexicon::DONE_CUES.contains(&next)
                        || super::text::base_verb(next).is_some_and(|b| b != next))
            });
            if let Some(shorter) = said_of.and_then(|k| find_task(&w, t.start, k, known, &weak)) {
                mention = Some(shorter);
            }
        }
        super::slots::drop_said_of_a_task(&mut slots, mention.as_ref());
        let idiom = said::make_it_to(&w, lo, hi, &weak, &filler, known);
        let mut pointer_from = lo;
        let mut named_after = None;
        let mut cannot_make_it = false;
        if let Some(idiom) = idiom.filter(|i| !i.phrase.is_empty()) {
            pointer_from = idiom.end;
            cannot_make_it = idiom.cannot;
            match (idiom.named, idiom.later_it) {
                (Some(named), Some(_)) => mention = Some(named),
                (None, Some((s, e))) if mention.is_none() => named_after = Some((s, e, Target::Text(idiom.phrase))),
                _ => {}
            }
        }
        // ("to the last monday in january": a date's words point at no task; "complete the 2nd",
        // a date of its own words only, is the list's 2nd)
        let in_a_date = |s: usize, e: usize| {
            slots
                .iter()
                .any(|d| matches!(d.kind, SlotKind::Date) && d.start <= s && e < d.end)
        };
        let pointer = named_after.or_else(|| {
            find_pointer(&w, pointer_from, hi)
                .filter(|(s, e, _)| mention.as_ref().is_none_or(|m| *e <= m.start || *s >= m.end) && !in_a_date(*s, *e))
        });
        // "check the first one off" with "payroll check" on the list: the verb names no task when
        // a pointer says which
        if pointer.is_some()
            && mention.as_ref().is_some_and(|t| {
                t.end == t.start + 1
                    && (lo..t.start).all(|i| filler[i])
                    && longest_at(&w, t.start, hi, changes::CUE_PHRASES) == Some(1)
            })
        {
            mention = None;
        }
        let first = w.lower(lo);
        let second = w.lower(lo + 1);
        // "do I …", "is there …", "have I …": a question; "do it tomorrow", "have to …" are not
        // the subject that makes each verb a question: "do I", "is it", "have I"
        let subject = match first {
            "do" | "does" | "did" => matches!(
                second,
                "i" | "you" | "we" | "they" | "he" | "she" | "my" | "the" | "anything" | "any" | "all"
            ),
            "is" | "are" | "was" | "were" | "am" => {
                matches!(
                    second,
                    "i" | "there"
                        | "it"
                        | "this"
                        | "that"
                        | "the"
                        | "my"
                        | "anything"
                        | "any"
                        | "everything"
                        | "all"
                        | "a"
                        | "an"
                        | "we"
                        | "you"
                )
            }
            _ => matches!(second, "i" | "you" | "we" | "they" | "the" | "my" | "it" | "anything"),
        };
        let inverted = matches!(
            first,
            "do" | "does" | "did" | "is" | "are" | "am" | "was" | "were" | "have" | "has"
        );
        let asks = asks_mark
            || (QUESTION_LEADS.contains(&first)
                && !inverted
                && !matches!((first, second), ("read", _) | ("list", _) | ("check", _) | ("show", _)))
            // ("did the laundry", no "?": done, said without "I")
            || (inverted && subject && !matches!(second, "not") && !(first == "did" && mention.as_ref().is_some_and(|t| t.end == hi)))
            || starts_at(&w, lo, hi, "can i see")
            || starts_at(&w, lo, hi, "is there");
        let shows = longest_at(&w, lo, hi, questions::SHOW).is_some()
            || (lo + 1 < hi
                && matches!(w.lower(hi - 1), "list" | "tasks" | "todos")
                && matches!(
                    w.lower(hi.saturating_sub(2)),
                    "todo" | "to-do" | "grocery" | "groceries" | "task" | "shopping"
                ))
            || (hi >= 1 && w.lower(hi - 1) == "list" && hi - lo <= 3);
        Self {
            shows,
            w,
            known,
            lo,
            hi,
            filler,
            slots,
            mention,
            pointer,
            asks,
            weak,
            cannot_make_it,
        }
    }

    /// The task (or "it") named within tokens `start..end` only.
    pub fn target_in(&self, start: usize, end: usize) -> Option<Target> {
        if let Some(found) = find_task(&self.w, start, end.min(self.hi), self.known, &self.weak) {
            return Some(Target::Tasks(found.ids));
        }
        find_pointer(&self.w, start, end.min(self.hi)).map(|(_, _, t)| t)
    }

    pub fn lower(&self, i: usize) -> &str {
        if i < self.hi && i >= self.lo {
            self.w.lower(i)
        } else {
            ""
        }
    }

    pub fn in_mention(&self, i: usize) -> bool {
        self.mention.as_ref().is_some_and(|m| m.start <= i && i < m.end)
            || self.w.tokens.get(i).is_some_and(|t| t.kind == Kind::Quoted)
    }

    /// Whether token `i` is in the mention (and is not merely a quoted piece).
    pub fn in_mention_only(&self, i: usize) -> bool {
        self.mention.as_ref().is_some_and(|m| m.start <= i && i < m.end)
    }

    /// The longest of `phrases` at token `i`, as its length in tokens.
    pub fn phrase_at(&self, i: usize, phrases: &[&str]) -> Option<usize> {
        longest_at(&self.w, i, self.hi, phrases).filter(|_| !self.in_mention(i))
    }

    /// Whether days are named at token `i`: a date ("friday", "dec 24") or a due phrase
    /// ("tomorrow", "next week").
    pub fn days_at(&self, i: usize) -> bool {
        self.slots
            .iter()
            .any(|s| s.start == i && matches!(s.kind, SlotKind::Date))
            || super::lexicon::DUE_PHRASES
                .iter()
                .any(|(p, _)| self.phrase_at(i, &[p]).is_some())
    }

    /// The first place (and length) where one of `phrases` stands, outside the mention.
    pub fn find(&self, phrases: &[&str]) -> Option<(usize, usize)> {
        (self.lo..self.hi).find_map(|i| self.phrase_at(i, phrases).map(|len| (i, len)))
    }

    /// The first place where one of `phrases` stands and `keep` holds there.
    pub fn find_where(&self, phrases: &[&str], keep: impl Fn(usize) -> bool) -> Option<(usize, usize)> {
        (self.lo..self.hi).find_map(|i| self.phrase_at(i, phrases).filter(|_| keep(i)).map(|len| (i, len)))
    }

    /// Whether the message starts with one of `phrases` (after fillers): its length.
    pub fn lead(&self, phrases: &[&str]) -> Option<usize> {
        self.phrase_at(self.lo, phrases)
    }

    pub fn slot(&self, pick: impl Fn(&SlotKind) -> bool) -> Option<&Slot> {
        self.slots.iter().find(|s| pick(&s.kind))
    }

    /// What the message points at: the task it names, or "it"/"the second one".
    pub fn target(&self) -> Option<Target> {
        if let Some(m) = &self.mention {
            return Some(Target::Tasks(m.ids.clone()));
        }
        self.pointer.as_ref().map(|(_, _, t)| t.clone())
    }

    /// The target, or else the words left once `used` tokens, slots and fillers are out (a
    /// name that matches no task: the answer says so), or else "it".
    pub fn target_or_rest(&self, used: &[bool]) -> Target {
        if let Some(t) = self.target() {
            return t;
        }
        let rest = self.rest(used);
        if rest.is_empty() {
            Target::It
        } else {
            Target::Text(rest)
        }
    }

    /// The message's words not in `used`, not fillers and not in a slot, lower-case, without
    /// glue at the ends.
    pub fn rest(&self, used: &[bool]) -> String {
        let mut kept: Vec<String> = Vec::new();
        for i in self.lo..self.hi {
            let t = &self.w.tokens[i];
            let in_slot = self.slots.iter().any(|s| s.start <= i && i < s.end);
            if used.get(i).copied().unwrap_or(false) || self.filler[i] || in_slot || t.start == t.end {
                continue;
            }
            kept.push(t.lower.clone());
        }
        while kept.last().is_some_and(|w| GLUE.contains(&w.as_str()) && w != "the") {
            kept.pop();
        }
        while kept
            .first()
            .is_some_and(|w| GLUE.contains(&w.as_str()) && !matches!(w.as_str(), "the" | "my"))
        {
            kept.remove(0);
        }
        kept.join(" ")
    }

    /// A mask with tokens `start..end` set.
    pub fn used(&self, spans: &[(usize, usize)]) -> Vec<bool> {
        let mut used = vec![false; self.w.tokens.len()];
        for &(s, e) in spans {
            for x in used.iter_mut().take(e.min(self.w.tokens.len())).skip(s) {
                *x = true;
            }
        }
        used
    }

    /// Quick-add text of tokens `from..to` (fillers out, slots as markers).
    pub fn quick_add(&self, from: usize, to: usize, extra_skip: &[(usize, usize)]) -> String {
        let mut skip = self.filler.clone();
        // emoji and signs like "&" carry no words to read, but they are the user's title:
        // "add 🎂 order the cake", "café crème & croissants" (marks such as "!!" stay out)
        let sign = |i: usize| {
            let t = &self.w.tokens[i];
            t.kind == Kind::Word
                && !t.lower.chars().any(char::is_alphanumeric)
                && t.lower
                    .chars()
                    .any(|c| !c.is_ascii_punctuation() || matches!(c, '&' | '@' | '%' | '$' | '='))
                && !FILLER_ANYWHERE.contains(&t.lower.as_str())
                && !SIGNS_OF_DONE.contains(&t.lower.as_str())
        };
        let (mut from, mut to) = (from, to);
        while from > self.lo && from <= to && sign(from - 1) {
            from -= 1;
        }
        // and at its end, where the message's trailing marks were cut off: "wrap gifts 🎁"
        while to < self.w.tokens.len() && to >= from && sign(to) {
            to += 1;
        }
        for (i, keep) in skip.iter_mut().enumerate().take(to).skip(from) {
            if sign(i) {
                *keep = false;
            }
        }
        for &(s, e) in extra_skip {
            for x in skip.iter_mut().take(e).skip(s) {
                *x = true;
            }
        }
        quick_add_text(&self.w, from, to, &self.slots, &skip)
    }

    /// Whether token `k` was written with an "'s" of its own ("Tuesday's"), which the reader's
    /// words leave out.
    pub fn possessive(&self, k: usize) -> bool {
        let text = self.w.original(k, k + 1);
        text.ends_with("'s") || text.ends_with("’s")
    }

    /// How many meaningful words the message has.
    pub fn word_count(&self) -> usize {
        (self.lo..self.hi).filter(|&i| !self.filler[i]).count()
    }
}

/// The longest of `phrases` at token `i` (up to `hi`): its length in tokens.
pub fn longest_at(w: &Words, i: usize, hi: usize, phrases: &[&str]) -> Option<usize> {
    phrases
        .iter()
        .filter(|p| starts_at(w, i, hi, p))
        .map(|p| p.split(' ').count())
        .max()
}

/// One reading of a message, and how sure the frame is of it.
pub struct Reading {
    pub score: f32,
    pub command: Command,
}

pub fn reading(score: f32, command: Command) -> Option<Reading> {
    Some(Reading { score, command })
}

/// A reading is taken from this score up; below it the message is asked about.
const SURE: f32 = 5.0;

pub fn read(message: &str, known: &Known) -> Command {
    if told::retracted(message) {
        return Command::Clarify("OK, I haven't changed anything.".into());
    }
    // "k thx. also need to …": thanks said first, then the request
    let message = said::after_thanks(message);
    // a statement, then one request: the request alone
    let command = match said::requests(message).as_deref() {
        Some([request]) => read_plain(request, known),
        _ => read_plain(message, known),
    };
    // a task one has named with a day before a colon, and nothing else read: a move
    match (&command, day_first(message, known)) {
        (Command::AskAbout(_), Some(moved)) => read_plain(&moved, known),
        _ => command,
    }
}

/// "tmrw: return library books 10am": a day said first, before a colon (as quick-add takes it),
/// said after the rest instead, where the reader looks for a change's day.
fn day_first(message: &str, known: &Known) -> Option<String> {
    let (head, tail) = message.split_once(": ")?;
    let (head, tail) = (head.trim(), tail.trim());
    // (a day ahead: "yesterday: gym" is a diary's line; "friday: dentist?" a question)
    let ahead = match crate::domain::quick_add::read_when(head, known.now) {
        crate::domain::quick_add::Said::At(when) => when.at.date() >= known.now.date(),
        _ => false,
    };
    let plain = head.split_whitespace().count() <= 3 && !tail.is_empty() && !tail.contains(": ");
    (ahead && plain && !tail.ends_with('?')).then(|| format!("{tail} {head}"))
}

/// [`read`] of one request, said in one piece.
fn read_plain(message: &str, known: &Known) -> Command {
    let whole = words(message);
    let plain: Vec<&str> = whole
        .tokens
        .iter()
        .filter(|t| !matches!(t.kind, Kind::Punct(_)))
        .map(|t| t.lower.as_str())
        .collect();
    let plain = plain.join(" ");
    if plain.is_empty() {
        return Command::Unknown;
    }
    if YES.contains(&plain.as_str()) {
        return Command::Yes;
    }
    if NO.contains(&plain.as_str()) {
        return Command::No;
    }
    if (asides::signs_off(&plain) && !message.contains('?')) || plain.split(' ').all(|w| SMALLTALK.contains(&w)) {
        return Command::Smalltalk(plain.split(' ').any(|w| THANKS.contains(&w)));
    }
    if asides::greeting(&plain) {
        return Command::Help;
    }
    let m = Msg::new(message, known);
    if let Some(aside) = asides::aside(&plain, known.now).filter(|_| m.mention.is_none()) {
        return Command::Aside(aside);
    }
    if m.lo >= m.hi {
        return if HELP.contains(&plain.as_str()) {
            Command::Help
        } else {
            Command::Unknown
        };
    }
    if let Some(command) = told::told(&m) {
        return command;
    }
    if let Some(command) = said::around(&m) {
        return command;
    }
    // only a correction's cue and a date or a repeat: nothing else to read
    if let Some(command) = corrections::correction(&m) {
        return command;
    }
    let mut readings: Vec<Reading> = Vec::new();
    readings.extend(projects::help(&m, &plain));
    readings.extend(changes::all(&m));
    readings.extend(questions::all(&m));
    #[cfg(test)]
    if std::env::var("READ_DEBUG").is_ok() {
        eprintln!(
            "  mention {:?} pointer {:?} asks {} shows {} slots {:?}",
            m.mention, m.pointer, m.asks, m.shows, m.slots
        );
        for r in &readings {
            eprintln!("  {:.1} {:?}", r.score, r.command);
        }
    }
    // the surest wins; among equals, the first frame (the more specific one)
    let best = readings
        .into_iter()
        .reduce(|a, b| if b.score > a.score { b } else { a });
    match best {
        Some(r) if r.score >= SURE => r.command,
        _ => add::unsure(&m),
    }
}
