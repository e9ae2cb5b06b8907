//! The message as words: quotes made straight, contractions opened ("what's" → "what is"),
//! punctuation split off, quoted text kept as one piece, and each word's original spelling and
//! place remembered, so a title is taken from the message as the user wrote it. Also the word
//! forms that let "bought", "buying" and "buys" name "Buy milk", and a one-letter typo still
//! match.
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::lexicon::PAST_TENSES;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// `, ; : . ! ? ( ) -` and dashes: they end a mention.
    Punct(char),
    /// Text in quotes, as one token.
    Quoted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower-case, quotes straight.
    pub lower: String,
    /// Where the token was in the message (byte offsets); an opened contraction's second word
    /// has an empty range at the end of the first.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Token {
    pub fn is(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.lower == word
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
}

/// A message in words, with its text.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// The message with straight quotes and dashes (the token ranges point into it).
    pub text: String,
    /// The message as typed: a title keeps its curly apostrophe and its en dash. Each of its
    /// characters is one of `text`'s, so a range in `text` is the same characters here.
    pub raw: String,
    pub tokens: Vec<Token>,
}

impl Words {
    /// The message's own text from token `from` up to (not including) token `to`.
    pub fn original(&self, from: usize, to: usize) -> String {
        if from >= to || to > self.tokens.len() {
            return String::new();
        }
        let (start, end) = (self.tokens[from].start, self.tokens[to - 1].end);
        let (start, end) = (self.in_raw(start), self.in_raw(end.max(start)));
        let raw = self.raw.get(start..end).unwrap_or_default();
        raw.trim_matches(|c: char| straighten(c) == '"' || c.is_whitespace())
            .to_owned()
    }

    /// The byte offset in `raw` of the character at byte offset `at` of `text` (straightening
    /// keeps the number of characters).
    pub(crate) fn in_raw(&self, at: usize) -> usize {
        let chars = self.text.get(..at).map_or(0, |t| t.chars().count());
        self.raw.char_indices().nth(chars).map_or(self.raw.len(), |(b, _)| b)
    }

    pub fn lower(&self, i: usize) -> &str {
        self.tokens.get(i).map(|t| t.lower.as_str()).unwrap_or_default()
    }
}

fn straighten(c: char) -> char {
    match c {
        '‘' | '’' | '´' | '`' | 'ʼ' => '\'',
        '“' | '”' | '«' | '»' | '„' => '"',
        '—' | '–' => '-',
        c => c,
    }
}

/// A Latin letter without its accent ("ë" → "e"), so that "bronte" names "Brontë sisters" and
/// "cafe" the "Café" (each word's [`forms`] include it); other characters as they are.
pub(crate) fn unaccented(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}

/// "what's" → ["what", "is"]; words without a contraction stay whole.
fn open_contraction(word: &str) -> Option<(&'static str, &'static str)> {
    Some(match word {
        "what's" | "whats" | "wats" => ("what", "is"),
        "that's" => ("that", "is"),
        "it's" => ("it", "is"),
        "there's" => ("there", "is"),
        "here's" => ("here", "is"),
        "who's" => ("who", "is"),
        "how's" => ("how", "is"),
        "where's" => ("where", "is"),
        "when's" => ("when", "is"),
        "isn't" | "isnt" => ("is", "not"),
        "aren't" | "arent" => ("are", "not"),
        "wasn't" | "wasnt" => ("was", "not"),
        "weren't" | "werent" => ("were", "not"),
        "don't" => ("do", "not"),
        "dont" => ("do", "not"),
        "doesn't" | "doesnt" => ("does", "not"),
        "didn't" | "didnt" => ("did", "not"),
        "haven't" | "havent" => ("have", "not"),
        "hasn't" | "hasnt" => ("has", "not"),
        "hadn't" | "hadnt" => ("had", "not"),
        "won't" | "wont" => ("will", "not"),
        "can't" | "cant" => ("can", "not"),
        "cannot" => ("can", "not"),
        "shouldn't" | "shouldnt" => ("should", "not"),
        "wouldn't" | "wouldnt" => ("would", "not"),
        "couldn't" | "couldnt" => ("could", "not"),
        "i'm" => ("i", "am"),
        "im" => ("i", "am"),
        "i've" => ("i", "have"),
        "ive" => ("i", "have"),
        "we've" | "weve" => ("we", "have"),
        "i'd" => ("i", "would"),
        "i'll" => ("i", "will"),
        "let's" => ("let", "us"),
        "we're" => ("we", "are"),
        "you're" => ("you", "are"),
        "they're" => ("they", "are"),
        _ => return None,
    })
}

/// Whether `c` ends a word as punctuation (it is split off the word's end).
fn trailing_punct(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | ')' | ']')
}

/// Splits a message into tokens. Bounded by the caller (the message is length-checked first).
pub fn words(message: &str) -> Words {
    let text: String = message.chars().map(straighten).collect();
    let mut tokens = Vec::new();
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (at, c) = bytes[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        // a quoted piece: "…", or '…' that opens at a word's start and closes at a word's end
        if c == '"' || (c == '\'' && (i == 0 || bytes[i - 1].1.is_whitespace())) {
            let close = bytes[i + 1..].iter().position(|&(_, d)| d == c);
            if let Some(offset) = close {
                let j = i + 1 + offset;
                let closes_word = bytes
                    .get(j + 1)
                    .is_none_or(|&(_, n)| n.is_whitespace() || trailing_punct(n));
                if c == '"' || closes_word {
                    let inner_start = bytes[i].0 + c.len_utf8();
                    let inner_end = bytes[j].0;
                    let inner = text[inner_start..inner_end].trim();
                    if !inner.is_empty() {
                        tokens.push(Token {
                            lower: inner.to_lowercase(),
                            start: inner_start,
                            end: inner_end,
                            kind: Kind::Quoted,
                        });
                    }
                    i = j + 1;
                    continue;
                }
            }
        }
        if matches!(c, '(' | '[' | '-') && bytes.get(i + 1).is_none_or(|&(_, n)| n.is_whitespace() || c != '-') {
            tokens.push(Token {
                lower: c.to_string(),
                start: at,
                end: at + c.len_utf8(),
                kind: Kind::Punct(c),
            });
            i += 1;
            continue;
        }
        // a word: up to the next space
        let mut j = i;
        while j < bytes.len() && !bytes[j].1.is_whitespace() {
            j += 1;
        }
        let word_start = at;
        let word_end = bytes.get(j).map_or(text.len(), |&(b, _)| b);
        let mut word = &text[word_start..word_end];
        // punctuation at its end becomes tokens of its own ("!high" keeps its "!"); Todoist's
        // "every!" (repeat after completion) is one word, as quick-add reads it, and so is a
        // "!!" standing alone (high priority, as in quick-add; "call mom!!" is only loud)
        let mut trailing = Vec::new();
        let keeps_mark = |w: &str| w.eq_ignore_ascii_case("every!") || matches!(w, "!!" | "!!!");
        while let Some(last) = word.chars().last().filter(|_| !keeps_mark(word)) {
            if trailing_punct(last) {
                let cut = word.len() - last.len_utf8();
                // "5:30pm" and "e.g." keep their inner marks; only the end is split
                trailing.push((word_start + cut, last));
                word = &word[..cut];
                if word.is_empty() {
                    break;
                }
            } else {
                break;
            }
        }
        if !word.is_empty() {
            let lower = word.to_lowercase();
            // texted short forms, read as the words they stand for (the title keeps them)
            let lower = match lower.as_str() {
                "abt" => "about".to_owned(),
                "wat" => "what".to_owned(),
                "b4" => "before".to_owned(),
                "acutally" | "actualy" | "actully" => "actually".to_owned(),
                _ => lower,
            };
            let end = word_start + word.len();
            match open_contraction(&lower) {
                Some((first, second)) => {
                    tokens.push(Token {
                        lower: first.to_owned(),
                        start: word_start,
                        end,
                        kind: Kind::Word,
                    });
                    tokens.push(Token {
                        lower: second.to_owned(),
                        start: end,
                        end,
                        kind: Kind::Word,
                    });
                }
                None => tokens.push(Token {
                    lower: lower.trim_end_matches("'s").to_owned(),
                    start: word_start,
                    end,
                    kind: Kind::Word,
                }),
            }
        }
        for (at, p) in trailing.into_iter().rev() {
            tokens.push(Token {
                lower: p.to_string(),
                start: at,
                end: at + p.len_utf8(),
                kind: Kind::Punct(p),
            });
        }
        i = j;
    }
    // "move the dentist to wednsday": the day meant, as quick-add reads it (the title keeps the
    // message's own spelling); looked at only when a word has the shape of one (every task title
    // is read into words too, on every turn)
    if tokens
        .iter()
        .any(|t| t.kind == Kind::Word && crate::domain::quick_add::could_be_slip(&t.lower))
    {
        correct_slips(&mut tokens);
    }
    // "high priorty tasks": the word the reader's phrases are written with (a title keeps the
    // message's own spelling; every title is read into words on every turn, so only a word of
    // that shape is compared)
    for token in &mut tokens {
        let shape =
            |w: &str| w.starts_with('p') && (7..=11).contains(&w.len()) && (w.contains("ri") || w.contains("io"));
        if token.kind == Kind::Word && shape(&token.lower) {
            if let Some(word) = ["priority", "priorities"]
                .into_iter()
                .find(|k| one_typo_apart(&token.lower, k))
            {
                token.lower = word.to_owned();
            }
        }
    }
    Words {
        text,
        raw: message.to_owned(),
        tokens,
    }
}

/// [`crate::domain::quick_add::correct_slips`] on the words of `tokens`.
fn correct_slips(tokens: &mut [Token]) {
    let mut lower: Vec<String> = tokens
        .iter()
        .map(|t| match t.kind {
            Kind::Word => t.lower.clone(),
            Kind::Punct(p) => p.to_string(),
            Kind::Quoted => "\"".to_owned(),
        })
        .collect();
    crate::domain::quick_add::correct_slips(&mut lower);
    for (token, read) in tokens.iter_mut().zip(lower) {
        if token.kind == Kind::Word {
            token.lower = read;
        }
    }
}

/// "called" → "call", "fixed" → "fix", "emailed" → "email", "bought" → "buy".
pub fn base_verb(word: &str) -> Option<String> {
    #[rustfmt::skip]
    const NOT_PAST: &[&str] = &[
        "need", "feed", "seed", "speed", "breed", "bleed", "proceed", "succeed", "exceed", "shred", "wed", "bed",
        "red", "shed", "embed", "bred", "led", "need", "weed", "deed", "reed", "sled", "fled", "bled",
    ];
    // looked up by hash: every word of every title the user has passes through here each turn
    static NOT_PAST_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| NOT_PAST.iter().copied().collect());
    static PAST: LazyLock<HashMap<&str, &str>> = LazyLock::new(|| {
        let mut past = HashMap::new();
        for (form, base) in PAST_TENSES {
            past.entry(*form).or_insert(*base); // the first entry wins, as a search would
        }
        past
    });
    if NOT_PAST_SET.contains(word) {
        return None;
    }
    if let Some(base) = PAST.get(word) {
        return Some((*base).to_owned());
    }
    let stem = word.strip_suffix("ed")?;
    if stem.chars().count() < 2 {
        return None;
    }
    if let Some(s) = stem.strip_suffix('i') {
        return Some(format!("{s}y")); // carried → carry
    }
    // stopped → stop: a doubled last letter (by characters, never bytes: "丸ed" must not split
    // a character in two)
    let mut last_two = stem.chars().rev();
    if let (Some(last), Some(before)) = (last_two.next(), last_two.next()) {
        if last == before && !matches!(last, 'l' | 's' | 'z') {
            return stem.strip_suffix(last).map(str::to_owned);
        }
    }
    Some(stem.to_owned())
}

/// Whether a word is (a form of) a verb tasks start with ("buy", "bought", "calling").
pub fn is_task_verb(word: &str) -> bool {
    forms(word)
        .iter()
        .any(|f| super::lexicon::TASK_VERBS.contains(&f.as_str()))
}

/// Whether a word (or its base) asks the assistant for a change: "push", "flagged", "bumping".
pub fn is_command_verb(word: &str) -> bool {
    forms(word)
        .iter()
        .any(|f| super::lexicon::COMMAND_VERBS.contains(&f.as_str()))
}

/// The forms a word may stand for when it is matched against a title: itself, its singular,
/// the base of a past tense or a gerund. At most four, each lower-case.
pub fn forms(word: &str) -> Vec<String> {
    // "brontë" is "bronte" too, so that a name typed without its accents finds it
    let folded: String = word.chars().map(unaccented).collect();
    if folded != word {
        let mut out = vec![word.to_owned()];
        out.extend(forms(&folded));
        return out;
    }
    let mut out = vec![word.to_owned()];
    let mut push = |w: String| {
        if !w.is_empty() && !out.contains(&w) {
            out.push(w);
        }
    };
    let chars = word.chars().count();
    if let Some(base) = base_verb(word) {
        push(base.clone());
        push(format!("{base}e")); // "saved" → "sav" → "save"
    }
    if chars > 4 {
        if let Some(stem) = word.strip_suffix("ing") {
            let mut cs = stem.chars().rev();
            match (cs.next(), cs.next()) {
                (Some(a), Some(b)) if a == b && !matches!(a, 'l' | 's' | 'z') => {
                    push(stem[..stem.len() - a.len_utf8()].to_owned()); // planning → plan
                }
                _ => {
                    push(stem.to_owned()); // emailing → email
                    push(format!("{stem}e")); // making → make
                }
            }
        }
    }
    if chars > 3 {
        if let Some(stem) = word.strip_suffix("ies") {
            push(format!("{stem}y")); // groceries → grocery
        } else if let Some(stem) = word
            .strip_suffix("es")
            .filter(|s| s.ends_with(['s', 'x', 'z']) || s.ends_with("ch") || s.ends_with("sh"))
        {
            push(stem.to_owned()); // boxes → box
        } else if let Some(stem) = word
            .strip_suffix('s')
            .filter(|s| !s.ends_with('s') && !s.ends_with('u'))
        {
            push(stem.to_owned()); // plants → plant
        }
    }
    out.truncate(4);
    out
}

/// Whether two words are the same but for one letter (a typo): one substitution, insertion,
/// deletion or swap of neighbours, in words of five letters or more (a swap also in four-letter
/// words that start alike).
pub fn one_typo_apart(a: &str, b: &str) -> bool {
    // cheap refusals before any allocation (the reader tries every word of every title): fewer
    // than 4 bytes is fewer than 4 characters, and one character more is at most 4 bytes more
    if a.len().min(b.len()) < 4 || a.len().abs_diff(b.len()) > 4 || a == b {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let shorter = a.len().min(b.len());
    if shorter < 4 || (shorter < 5 && a.first() != b.first()) || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    if a.len() == b.len() {
        let diffs: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        return match diffs.as_slice() {
            // a four-letter word only by a swap ("mlik"): "back" is not "bank"
            [_] => shorter >= 5,
            [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
            _ => false,
        };
    }
    let (long, short) = if a.len() > b.len() { (&a, &b) } else { (&b, &a) };
    let split = (0..short.len()).find(|&i| long[i] != short[i]).unwrap_or(short.len());
    // a letter more or less only in longer words: "plans" is not "plants"
    shorter >= 6 && long[split + 1..] == short[split..]
}

/// Whether a word of a message stands for a word of a title; the message word's [`forms`] are
/// computed once by the caller.
/// (A verb the assistant is asked with is no slip of another word: "clear done ones" does not name
/// "clean room".)
pub fn same_word_with(message_word: &str, message_forms: &[String], title_forms: &[String]) -> bool {
    shares_a_form(message_forms, title_forms)
        || (!is_command_verb(message_word)
            && title_forms
                .first()
                .is_some_and(|t| one_typo_apart(message_word, t) || same_stem(message_word, t)))
}

/// Whether two words have a form in common.
pub fn shares_a_form(message_forms: &[String], title_forms: &[String]) -> bool {
    message_forms.iter().any(|m| title_forms.iter().any(|t| t == m))
}

/// "invites" and "invitations", "accounting" and "accountant": long words that share their
/// first five letters and differ only in their ending.
fn same_stem(a: &str, b: &str) -> bool {
    // six characters need six bytes at least, and a shared start the same first byte
    if a.len() < 6 || b.len() < 6 || a.as_bytes()[0] != b.as_bytes()[0] {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let shared = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    a.len() >= 6 && b.len() >= 6 && shared >= 5 && shared + 6 >= a.len().max(b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_word(message_word: &str, title_forms: &[String]) -> bool {
        same_word_with(message_word, &forms(message_word), title_forms)
    }

    fn lowers(message: &str) -> Vec<String> {
        words(message).tokens.into_iter().map(|t| t.lower).collect()
    }

    #[test]
    fn tokens_keep_quotes_markers_and_the_original_text() {
        assert_eq!(lowers("What's due, today?"), ["what", "is", "due", ",", "today", "?"]);
        assert_eq!(
            lowers("add “Buy Milk” !high #home"),
            ["add", "buy milk", "!high", "#home"]
        );
        assert_eq!(
            lowers("jot down 'call the plumber' please"),
            ["jot", "down", "call the plumber", "please"]
        );
        assert_eq!(lowers("don't forget"), ["do", "not", "forget"]);
        assert_eq!(lowers("Brontë Café"), ["brontë", "café"]);
        assert!(forms("brontë").contains(&"bronte".to_owned()));
        assert_eq!(lowers("feed the cat - done"), ["feed", "the", "cat", "-", "done"]);
        assert_eq!(lowers("new todo — pay rent"), ["new", "todo", "-", "pay", "rent"]);
        assert_eq!(
            lowers("mom's birthday at 5:30pm."),
            ["mom", "birthday", "at", "5:30pm", "."]
        );
        let w = words("Add Pay Rent on Friday");
        assert_eq!(w.original(1, 3), "Pay Rent");
        // any Unicode, never a panic
        for odd in ["丸ed", "'", "\"", "''", "—", "!", "a'b'c", "🙂 done"] {
            let _ = words(odd);
        }
    }

    #[test]
    fn word_forms_and_typos() {
        assert!(same_word("bought", &forms("buy")));
        assert!(same_word("emailing", &forms("email")));
        assert!(same_word("planning", &forms("plan")));
        assert!(same_word("making", &forms("make")));
        assert!(same_word("plants", &forms("plants")));
        assert!(same_word("plant", &forms("plants")));
        assert!(same_word("groceries", &forms("grocery")));
        assert!(same_word("accountnt", &forms("accountant")));
        assert!(same_word("mlik", &forms("milk")));
        assert!(!same_word("mile", &forms("milk")));
        assert!(!same_word("call", &forms("cat")));
        assert_eq!(base_verb("stopped").as_deref(), Some("stop"));
        assert_eq!(base_verb("carried").as_deref(), Some("carry"));
        assert_eq!(base_verb("need"), None);
    }
}
