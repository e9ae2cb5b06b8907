//! "remind me 10 minutes before the dentist": a reminder before a task that exists.
use super::{target, Command};

/// "10 minutes", "an hour", "half an hour", "2 days", "15 min": minutes.
fn lead_time(words: &[&str]) -> Option<u32> {
    let (n, unit) = match words {
        ["half", "an", "hour"] | ["half", "hour"] => return Some(30),
        ["a", "quarter", "of", "an", "hour"] | ["quarter", "of", "an", "hour"] => return Some(15),
        [n, unit] => (*n, *unit),
        [joined] => {
            let digits = joined.find(|c: char| !c.is_ascii_digit())?;
            joined.split_at(digits)
        }
        _ => return None,
    };
    let n: u32 = match n {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "five" => 5,
        "ten" => 10,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        "forty-five" => 45,
        n => n.parse().ok()?,
    };
    let per = match unit {
        "m" | "min" | "mins" | "minute" | "minutes" => 1,
        "h" | "hr" | "hrs" | "hour" | "hours" => 60,
        "d" | "day" | "days" => 1440,
        "week" | "weeks" => 10080,
        _ => return None,
    };
    n.checked_mul(per)
        .filter(|m| *m <= crate::domain::reminder::BEFORE_MAX_MINUTES)
}

/// "remind me 10 minutes before the dentist", "remind me about the dentist an hour before",
/// "set a reminder 2 days before pay rent".
pub(super) fn remind_before(s: &str) -> Option<Command> {
    let rest = [
        "remind me ",
        "set a reminder ",
        "add a reminder ",
        "set reminder ",
        "add reminder ",
        "give me a reminder ",
        "ping me ",
        "notify me ",
        "alert me ",
    ]
    .iter()
    .find_map(|p| s.strip_prefix(p))?;
    // "<time> before <task>"
    if let Some((time, task)) = rest.split_once(" before ") {
        let words: Vec<&str> = time.split_whitespace().collect();
        if let (Some(minutes), false) = (lead_time(&words), task.trim().is_empty()) {
            return Some(Command::RemindBefore(target(task.trim()), minutes));
        }
    }
    // "about <task> <time> before"
    let rest = rest.strip_suffix(" before")?;
    let rest = ["about ", "of ", "for "].iter().find_map(|p| rest.strip_prefix(p))?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    (1..=5.min(words.len().saturating_sub(1))).find_map(|k| {
        let (task, time) = words.split_at(words.len() - k);
        lead_time(time).map(|minutes| Command::RemindBefore(target(&task.join(" ")), minutes))
    })
}
