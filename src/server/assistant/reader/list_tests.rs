//! List questions: the days they keep to, the order they ask for, the one task asked for next.
use super::*;

#[test]
fn list_questions_keep_to_the_days_they_name() {
    let span = |phrase: &str| match read_command(phrase) {
        Command::List(f) | Command::Count(f) => f.span,
        other => panic!("{phrase}: {other:?}"),
    };
    let day = |w: &str| Some(Span::Day(w.to_owned()));
    assert_eq!(span("what's due on friday?"), day("friday"));
    assert_eq!(span("what do I have on the 15th?"), day("the 15th"));
    assert_eq!(span("anything due dec 24?"), day("dec 24"));
    assert_eq!(span("what's due by friday"), Some(Span::Until("friday".to_owned())));
    assert_eq!(
        span("list everything due before friday"),
        Some(Span::Before("friday".to_owned()))
    );
    assert_eq!(span("what's coming up next week?"), Some(Span::NextWeek));
    assert_eq!(span("what do I have this weekend"), Some(Span::Weekend));
    assert_eq!(span("what's due next weekend?"), Some(Span::NextWeekend));
    assert_eq!(span("how many tasks are due this month?"), Some(Span::ThisMonth));
    assert_eq!(span("what's due next month"), Some(Span::NextMonth));
    assert_eq!(span("what's due this year?"), Some(Span::ThisYear));
    // the due filters say it already
    assert_eq!(span("what's due this week?"), None);
    assert_eq!(span("what's due today"), None);
    assert_eq!(span("anything due before the weekend?"), None);
    assert_eq!(span("show my tasks"), None);
    // a number of days ahead, and the days after a date
    assert_eq!(span("what's due in the next 3 days"), Some(Span::NextDays(3)));
    assert_eq!(span("anything due within two weeks?"), Some(Span::NextDays(14)));
    assert_eq!(
        span("anything due after tomorrow"),
        Some(Span::After("tomorrow".to_owned()))
    );
    assert_eq!(
        span("what's due the day after tomorrow?"),
        day("the day after tomorrow")
    );
}

#[test]
fn the_next_task_is_the_first_by_due_date() {
    for phrase in [
        "what's my next task?",
        "what should I do first",
        "what's next",
        "what do I do next?",
    ] {
        match read_command(phrase) {
            Command::List(f) => assert!(f.first && f.q.is_none(), "{phrase}: {f:?}"),
            other => panic!("{phrase}: {other:?}"),
        }
    }
    match read_command("list my tasks sorted by due date") {
        Command::List(f) => assert_eq!(f.sort, Some(crate::domain::query::SortOrder::Due)),
        other => panic!("{other:?}"),
    }
}
