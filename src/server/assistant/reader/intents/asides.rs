//! What is said to the assistant besides the user's tasks: a greeting, the clock, the weather.
use chrono::NaiveDateTime;

use crate::domain::quick_add::{read_when, Said};
use crate::server::assistant::reader::lexicon::GREETING;
use crate::server::assistant::reader::Aside;

/// "hi", "hello there", "morning!", "evening all": a greeting alone (answered with what the
/// assistant can do).
pub(super) fn greeting(plain: &str) -> bool {
    let greets = |w: &str| {
        matches!(
            w,
            "hi" | "hello"
                | "hey"
                | "hiya"
                | "heya"
                | "howdy"
                | "g'day"
                | "gday"
                | "yo"
                | "greetings"
                | "good"
                | "hola"
                | "bonjour"
                | "hallo"
                | "ciao"
                | "salut"
                | "namaste"
                | "konnichiwa"
                | "buenos"
        )
    };
    // ("morning!", "evening all": the time of day first greets too)
    let day_part_first = matches!(
        plain.split(' ').next(),
        Some("morning" | "mornin" | "afternoon" | "evening")
    );
    plain.split(' ').all(|w| GREETING.contains(&w)) && (plain.split(' ').any(greets) || day_part_first)
}

/// "what time is it?", "what's today's date?", "what day is the 15th?", "will it rain
/// tomorrow?": not about a task (`now` is the user's, for the day a date names).
pub(super) fn aside(plain: &str, now: NaiveDateTime) -> Option<Aside> {
    // ("today's" comes as "today")
    let p = plain.replace(['\'', '’'], "");
    let p = ["hey ", "please ", "ok ", "okay ", "so "]
        .iter()
        .find_map(|lead| p.strip_prefix(lead))
        .unwrap_or(&p);
    let p = &p
        .strip_prefix("whats ")
        .map_or_else(|| p.to_owned(), |rest| format!("what is {rest}"));
    const CLOCK: &[&str] = &[
        "what time is it",
        "what time is it now",
        "what time is it right now",
        "what is the time",
        "tell me the time",
        "what day is it",
        "what day is it today",
        "what day is today",
        "what is the date",
        "what is the date today",
        "what is today date",
        "what date is it",
        "what date is it today",
    ];
    if CLOCK.contains(&p.as_str()) {
        return Some(Aside::Clock);
    }
    // "what is the date tomorrow", "what day is it on friday", "what day of the week is the
    // 15th", "which day is new years eve": a day asked of a date (longest lead first; what
    // follows must be all a date, so "what day is the dentist" is about a task)
    const DAY_OF: &[&str] = &[
        "what day of the week is it",
        "what day of the week is",
        "what is the date",
        "what date is it",
        "what date is",
        "what day is it",
        "what day is",
        "which day is it",
        "which day is",
        "what is the day",
    ];
    let asked = DAY_OF
        .iter()
        .find_map(|lead| p.strip_prefix(lead).and_then(|rest| rest.strip_prefix(' ')));
    match asked.map(|date| read_when(date, now)) {
        Some(Said::At(when)) if when.has_day => return Some(Aside::Day(when.at.date())),
        Some(Said::Impossible(why)) => return Some(Aside::NoSuchDay(why)),
        _ => {}
    }
    let asks = matches!(
        p.split(' ').next(),
        Some("what" | "whats" | "how" | "hows" | "will" | "is" | "does" | "any" | "tell")
    );
    let weather = p
        .split(' ')
        .any(|w| matches!(w, "weather" | "forecast" | "rain" | "snow" | "temperature"));
    // ("how many tasks are tagged snow?" is about tasks)
    let of_tasks = p
        .split(' ')
        .any(|w| matches!(w, "task" | "tasks" | "tag" | "tagged" | "todo" | "todos" | "due"));
    (asks && weather && !of_tasks).then_some(Aside::Weather)
}

/// "thanks, that's all for today", "gracias, thats everything for now", "nothing else": a
/// sign-off (`plain`: the message's words, lower-case), no day for anything.
pub fn signs_off(plain: &str) -> bool {
    use crate::server::assistant::reader::lexicon::{SIGN_OFF, SMALLTALK};
    // (said of something: "that's all", "nothing else"; "everything" alone asks for a list, and
    // "it's all done" is a task done)
    let said_of = plain
        .split(' ')
        .any(|w| matches!(w, "that's" | "thats" | "that" | "nothing"));
    let that_is_it = ["that's it", "thats it", "that is it"]
        .iter()
        .any(|p| plain.contains(p));
    said_of
        && (that_is_it || plain.split(' ').any(|w| matches!(w, "all" | "everything" | "nothing")))
        && plain
            .split(' ')
            .all(|w| SMALLTALK.contains(&w) || SIGN_OFF.contains(&w))
}
