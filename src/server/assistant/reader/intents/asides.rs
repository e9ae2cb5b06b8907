//! What is said to the assistant besides the user's tasks: a greeting, the clock, the weather.
use crate::server::assistant::reader::lexicon::GREETING;
use crate::server::assistant::reader::Aside;

/// "hi", "hello there", "morning!", "evening all": a greeting alone (answered with what the
/// assistant can do).
pub(super) fn greeting(plain: &str) -> bool {
    let greets = |w: &str| {
        matches!(
            w,
            "hi" | "hello" | "hey" | "hiya" | "heya" | "howdy" | "g'day" | "gday" | "yo" | "greetings" | "good"
        )
    };
    // ("morning!", "evening all": the time of day first greets too)
    let day_part_first = matches!(
        plain.split(' ').next(),
        Some("morning" | "mornin" | "afternoon" | "evening")
    );
    plain.split(' ').all(|w| GREETING.contains(&w)) && (plain.split(' ').any(greets) || day_part_first)
}

/// "what time is it?", "what's today's date?", "will it rain tomorrow?": not about a task.
pub(super) fn aside(plain: &str) -> Option<Aside> {
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
