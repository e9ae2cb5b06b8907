//! Rules read, written back and said in words.
use super::*;

fn words(rule: &str, from: RecurFrom) -> String {
    Rule::parse(rule).expect("as written").describe(from)
}

#[test]
fn rules_parse_to_a_canonical_form() {
    assert_eq!(
        Rule::parse("rrule:freq=weekly;byday=mo,th")
            .expect("as written")
            .to_string(),
        "FREQ=WEEKLY;BYDAY=MO,TH"
    );
    assert_eq!(
        Rule::parse("RRULE:freq=weekly;byday=mo,th")
            .expect("as written")
            .to_string(),
        "FREQ=WEEKLY;BYDAY=MO,TH"
    );
    assert_eq!(
        Rule::parse("FREQ=MONTHLY;BYDAY=3FR").expect("as written").to_string(),
        "FREQ=MONTHLY;BYDAY=3FR"
    );
    assert_eq!(
        Rule::parse("FREQ=MONTHLY;BYDAY=-1FR").expect("as written").by_day[0].ordinal,
        Some(-1)
    );
    assert_eq!(
        Rule::parse("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3;COUNT=5")
            .expect("as written")
            .to_string(),
        "FREQ=YEARLY;BYMONTHDAY=3;BYMONTH=3;COUNT=5"
    );
    for bad in [
        "",
        "FREQ=HOURLY",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;BYDAY=3FR",
        "FREQ=MONTHLY;BYMONTHDAY=32",
        "FREQ=DAILY;COUNT=3;UNTIL=20261231",
        "FREQ=DAILY;UNTIL=tomorrow",
        "FREQ=DAILY;BYSETPOS=1",
        "FREQ=MONTHLY;BYMONTHDAY=1;BYSETPOS=0",
        "FREQ=MONTHLY;BYDAY=6FR",
        "FREQ=MONTHLY;BYDAY=-7MO",
        "FREQ=MONTHLY;BYMONTHDAY=1;BYSETPOS=400",
        "FREQ=MONTHLY;BYMONTHDAY=1;BYSETPOS=last",
        "FREQ=DAILY;FREQ=WEEKLY",
        "BYDAY=MO",
        "DTSTART:20260101T000000Z",
        "FREQ=DAILY;\u{0}",
    ] {
        assert_eq!(Rule::parse(bad).expect_err("an error").field, "recurrence", "{bad:?}");
    }
    assert!(Rule::parse(&"FREQ=DAILY;".repeat(100)).is_err());
}

/// What the words say reads back as the same rule (the dashboard's edit form shows them).
#[test]
fn the_words_read_back() {
    for rule in [
        "FREQ=DAILY",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=WEEKLY;BYDAY=MO,TH",
        "FREQ=WEEKLY;INTERVAL=2",
        "FREQ=WEEKLY;INTERVAL=3",
        "FREQ=MONTHLY;BYMONTHDAY=15",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=MONTHLY;BYDAY=3FR",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=YEARLY",
        "FREQ=YEARLY;BYMONTHDAY=3;BYMONTH=3",
    ] {
        let text = words(rule, RecurFrom::Due).to_lowercase();
        let split: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
        let found = crate::domain::recurrence_words::find(&split).expect("as written");
        assert_eq!(
            (found.start, found.end, found.recurrence.rule.as_str()),
            (0, split.len(), rule),
            "{text}"
        );
    }
}

#[test]
fn rules_read_in_words() {
    use RecurFrom::{Completion, Due};
    for (rule, from, text) in [
        ("FREQ=DAILY", Due, "Every day"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", Due, "Every weekday"),
        ("FREQ=WEEKLY;BYDAY=MO", Due, "Every Mon"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", Due, "Every Mon and Thu"),
        ("FREQ=WEEKLY;INTERVAL=2", Due, "Every other week"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", Due, "Every other week on Fri"),
        ("FREQ=WEEKLY;INTERVAL=3", Due, "Every 3 weeks"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", Due, "Every month on the 15th"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", Due, "Every month on the last day"),
        (
            "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
            Due,
            "Every month on the 31st, or the last day of a shorter month",
        ),
        (
            "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=28,29,30;BYSETPOS=-1;COUNT=4",
            Due,
            "Every 3 months on the 30th, or the last day of a shorter month, 4 times",
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=31",
            Due,
            "Every month on the 31st (in the months that have it)",
        ),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            Due,
            "Every month on the last weekday",
        ),
        (
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1",
            Due,
            "Every month on the 1st weekday",
        ),
        (
            "FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=2,-1",
            Due,
            "Every month on the Sat and Sun (the 2nd and last of those each month)",
        ),
        ("FREQ=MONTHLY;BYDAY=3FR", Due, "Every month on the 3rd Fri"),
        ("FREQ=MONTHLY;BYDAY=-1FR", Due, "Every month on the last Fri"),
        ("FREQ=YEARLY", Due, "Every year"),
        ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3", Due, "Every year on Mar 3"),
        (
            "FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=1",
            Due,
            "Every year on the 1st in Mar and Sep",
        ),
        ("FREQ=DAILY;INTERVAL=3", Completion, "Every 3 days after completion"),
        ("FREQ=DAILY;COUNT=5", Due, "Every day, 5 times"),
        ("FREQ=WEEKLY;UNTIL=20261231", Due, "Every week, until Dec 31, 2026"),
    ] {
        assert_eq!(words(rule, from), text, "{rule}");
    }
}
