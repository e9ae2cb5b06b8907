//! Day names typed with a slip of the finger — "tomorow", "tommorow", "wednsday", "satuday" — or
//! shortened ("tues", "thurs", "weds", "tmw") read as the day they were meant to be, where a day
//! is said: before a time, at the end, after "on", "by" or "next". Left as they were, they stayed
//! in the title and the time said with them fell on today (a reminder then rang a day early).
use super::date_words::{is_date_word, is_time_word, trim, WEEKDAYS};

/// Words one slip away from a day's name that are words of their own.
const WORDS: [&str; 3] = ["sundae", "sundry", "sunray"];

/// Whether `word` has a slipped day name's shape at all: five letters or more, ending as a day's
/// name does ("…day", "tom…w"). Most words do not, and nothing else is looked at for them.
pub fn could_be_slip(word: &str) -> bool {
    let word = trim(word);
    (word.len() >= 5 && (word.ends_with("day") || (word.starts_with("tom") && word.ends_with('w'))))
        || shortened(word).is_some()
}

/// A day's name shortened as people type it, beyond the three letters read everywhere:
/// "tues", "thurs", "weds", "tmw", "2moro", "2day", "tonite", and "wknd".
fn shortened(word: &str) -> Option<&'static str> {
    match word {
        "tues" => Some("tuesday"),
        "weds" | "wednes" => Some("wednesday"),
        "thur" | "thurs" => Some("thursday"),
        // (not "tomo": a name)
        "tmrow" | "tmw" | "2moro" | "2morrow" | "2mrw" => Some("tomorrow"),
        "2day" => Some("today"),
        "2nite" | "tonite" => Some("tonight"),
        "wknd" | "wkend" => Some("weekend"),
        _ => None,
    }
}

/// `lower` with each slip of a day's name where a day is said written as that name (only the
/// lowercase words the dates are read from: a word not read as a day keeps its spelling in the
/// title).
pub fn correct(lower: &mut [String]) {
    for k in 0..lower.len() {
        // "nxt tues", "nxt wk"
        if trim(&lower[k]) == "nxt" {
            lower[k] = "next".to_owned();
        }
        let word = trim(&lower[k]);
        let day = shortened(word).or_else(|| match nearest(word)[..] {
            [day] => Some(day),
            _ => None,
        });
        if let Some(day) = day {
            // ("over the wknd": the weekend is said after "the" too)
            let the_weekend = day == "weekend" && k > 0 && trim(&lower[k - 1]) == "the";
            if where_a_day_is(lower, k) || the_weekend {
                let end = lower[k][word.len()..].to_owned();
                lower[k] = format!("{day}{end}");
            }
        }
    }
}

/// The days a word where a day is said could be, when it is as near one as another ("tursday":
/// Tuesday or Thursday). Such a word is left in the title by [`correct`]; a time said with it
/// must not fall on today, so quick-add asks which day was meant.
pub fn ambiguous(lower: &[String], k: usize) -> Option<(&'static str, &'static str)> {
    match nearest(trim(&lower[k]))[..] {
        [a, b, ..] if where_a_day_is(lower, k) => Some((a, b)),
        _ => None,
    }
}

/// The first word of `text` said where a day is that could be either of two days: the word as
/// written and the two names ("ring bank tursday 10am" → ("tursday", "tuesday", "thursday")).
pub fn ambiguous_day(text: &str) -> Option<(String, &'static str, &'static str)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    (0..lower.len()).find_map(|k| {
        let (a, b) = ambiguous(&lower, k)?;
        Some((words[k].trim_end_matches([',', '.']).to_owned(), a, b))
    })
}

/// The names `word` is nearest to, when it is a slip of one or more of them.
fn nearest(word: &str) -> Vec<&'static str> {
    if !could_be_slip(word)
        || !word.bytes().all(|b| b.is_ascii_lowercase())
        || is_date_word(word)
        || WORDS.contains(&word)
    {
        return Vec::new();
    }
    // "today" and "tonight" are too short to tell a slip from another word
    let near: Vec<(usize, &'static str)> = std::iter::once("tomorrow")
        .chain(WEEKDAYS[..7].iter().copied())
        .filter_map(|day| slip_distance(word, day).map(|d| (d, day)))
        .collect();
    let best = near.iter().map(|(d, _)| *d).min();
    near.iter()
        .filter(|(d, _)| Some(*d) == best)
        .map(|(_, day)| *day)
        .collect()
}

/// Whether the word at `k` stands where a day is said: before a time, at the end, after "on",
/// "by", "next" or "every", or first before a colon.
fn where_a_day_is(lower: &[String], k: usize) -> bool {
    let next = lower.get(k + 1).map_or("", |w| trim(w));
    let before = k.checked_sub(1).map_or("", |i| trim(&lower[i]));
    // ("tmrw: return library books": a day said first, before a colon)
    (k == 0 && lower[k].ends_with(':'))
        || next.is_empty()
        || is_time_word(next)
        || matches!(next, "at" | "@" | "by" | "morning" | "afternoon" | "evening" | "night")
        || next.starts_with(['#', '!', '+', '^'])
        || matches!(
            before,
            "on" | "by" | "until" | "till" | "next" | "this" | "due" | "from" | "every"
        )
}

/// How far `word` is from `day` when it is `day` with one slip (two in a long name): a letter
/// more, less, changed, or two swapped. Never its plural, never with another first letter, and it
/// must still end as the name does ("…day", "tom…w"), so names such as “Frida” or “Sundar” are
/// no days.
fn slip_distance(word: &str, day: &str) -> Option<usize> {
    let ends_alike = if day == "tomorrow" {
        word.starts_with("tom") && word.ends_with('w')
    } else {
        word.ends_with("day")
    };
    if word == day
        || word.strip_suffix('s') == Some(day)
        || word.as_bytes().first() != day.as_bytes().first()
        || !ends_alike
    {
        return None;
    }
    let allowed = if day.len() >= 8 { 2 } else { 1 };
    let d = distance(word.as_bytes(), day.as_bytes());
    (word.len().abs_diff(day.len()) <= allowed && d <= allowed).then_some(d)
}

/// The edit distance with swaps of neighbours (optimal string alignment).
fn distance(a: &[u8], b: &[u8]) -> usize {
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::correct;

    fn read(text: &str) -> String {
        let mut lower: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
        correct(&mut lower);
        lower.join(" ")
    }

    #[test]
    fn slips_where_a_day_is_said() {
        for (typed, read_as) in [
            ("call plumber tomorow 9am", "call plumber tomorrow 9am"),
            ("dentist tommorow 10am", "dentist tomorrow 10am"),
            ("book vet tomorrrow 4pm", "book vet tomorrow 4pm"),
            ("team sync wednsday 2pm", "team sync wednesday 2pm"),
            ("lunch w/ ana satuday noon", "lunch w/ ana saturday noon"),
            ("pay rent on firday", "pay rent on friday"),
            ("gym thrusday, 7am", "gym thursday, 7am"),
            ("standup wendesday", "standup wednesday"),
            ("yoga every tusday", "yoga every tuesday"),
            ("call mum tomorow #family", "call mum tomorrow #family"),
        ] {
            assert_eq!(read(typed), read_as, "{typed}");
        }
    }

    #[test]
    fn words_that_are_no_slip_are_left_alone() {
        for typed in [
            "buy a sundae",
            "sundry items friday",
            "sundays are for rest",
            "tomorrows people",
            "mondays 9am",
            // where no day is said
            "fix the tomorow bug in the parser",
            // names one slip from a day
            "birthday gift for frida",
            "call sundar",
            "read essay on frida kahlo",
            // as near one day as another
            "gym tursday 7am",
        ] {
            assert_eq!(read(typed), typed, "{typed}");
        }
    }
}
