//! Quick-add read as people write it: titles, markers, dates, repeats.
use chrono::{Datelike, NaiveDate, Timelike, Weekday};

use super::*;

/// Saturday 21 November 2026, 10:30.
pub(super) fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 21)
        .and_then(|d| d.and_hms_opt(10, 30, 0))
        .expect("a date")
}

pub(super) fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> Option<NaiveDateTime> {
    Some(
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .expect("a date"),
    )
}

#[test]
fn table() {
    // input, title, due, priority, tags
    type Case = (
        &'static str,
        &'static str,
        Option<NaiveDateTime>,
        Option<Priority>,
        Vec<&'static str>,
    );
    let cases: Vec<Case> = vec![
        (
            "Pay rent friday 9am !high #home",
            "Pay rent",
            at(2026, 11, 27, 9, 0),
            Some(Priority::High),
            vec!["home"],
        ),
        ("Buy milk", "Buy milk", None, None, vec![]),
        // the end of a month or a year: its last day
        (
            "Pay rent end of the month",
            "Pay rent",
            at(2026, 11, 30, 23, 59),
            None,
            vec![],
        ),
        (
            "Invoice by the end of next month",
            "Invoice",
            at(2026, 12, 31, 23, 59),
            None,
            vec![],
        ),
        ("Report eom", "Report", at(2026, 11, 30, 23, 59), None, vec![]),
        (
            "File taxes by end of year",
            "File taxes",
            at(2026, 12, 31, 23, 59),
            None,
            vec![],
        ),
        (
            "Read the end of the book",
            "Read the end of the book",
            None,
            None,
            vec![],
        ),
        // the end of the day, the week, a weekend (Saturday 21 November 2026)
        (
            "Send invoice by end of day",
            "Send invoice",
            at(2026, 11, 21, 23, 59),
            None,
            vec![],
        ),
        (
            "Book flights end of next week",
            "Book flights",
            at(2026, 11, 27, 23, 59),
            None,
            vec![],
        ),
        (
            "Fix bike this weekend",
            "Fix bike",
            at(2026, 11, 21, 23, 59),
            None,
            vec![],
        ),
        (
            "Clean garage next weekend",
            "Clean garage",
            at(2026, 11, 28, 23, 59),
            None,
            vec![],
        ),
        (
            "Buy gift in the morning",
            "Buy gift",
            at(2026, 11, 22, 9, 0),
            None,
            vec![],
        ),
        (
            "Stretch in half an hour",
            "Stretch",
            at(2026, 11, 21, 11, 0),
            None,
            vec![],
        ),
        // day-first dates with dots; a version number is none
        ("Meeting 15.12. 10:00", "Meeting", at(2026, 12, 15, 10, 0), None, vec![]),
        ("Exam 3.1.2027", "Exam", at(2027, 1, 3, 23, 59), None, vec![]),
        (
            "Ship version 2.0. release",
            "Ship version 2.0. release",
            None,
            None,
            vec![],
        ),
        // a phone number is no project
        (
            "Call +1 555 0100 about the sink",
            "Call +1 555 0100 about the sink",
            None,
            None,
            vec![],
        ),
        (
            "call mom tomorrow at 5pm",
            "call mom",
            at(2026, 11, 22, 17, 0),
            None,
            vec![],
        ),
        ("Dentist next monday", "Dentist", at(2026, 11, 23, 23, 59), None, vec![]),
        (
            "water plants in 3 days",
            "water plants",
            at(2026, 11, 24, 23, 59),
            None,
            vec![],
        ),
        (
            "Buy gifts dec 24 5pm #family !low",
            "Buy gifts",
            at(2026, 12, 24, 17, 0),
            Some(Priority::Low),
            vec!["family"],
        ),
        (
            "Submit report on monday",
            "Submit report",
            at(2026, 11, 23, 23, 59),
            None,
            vec![],
        ),
        (
            "file taxes today !p1",
            "file taxes",
            at(2026, 11, 21, 23, 59),
            Some(Priority::High),
            vec![],
        ),
        ("read #Books #books #work", "read", None, None, vec!["books", "work"]),
        ("tomorrow", "tomorrow", None, None, vec![]),
        ("Buy 2 apples", "Buy 2 apples", None, None, vec![]),
        ("Call Mom", "Call Mom", None, None, vec![]),
        ("meeting tmrw noon", "meeting", at(2026, 11, 22, 12, 0), None, vec![]),
        (
            "fix #bug-42 !medium",
            "fix",
            None,
            Some(Priority::Medium),
            vec!["bug-42"],
        ),
        (
            "email boss by 2026-12-01",
            "email boss",
            at(2026, 12, 1, 23, 59),
            None,
            vec![],
        ),
        ("# not a tag", "# not a tag", None, None, vec![]),
        (
            "dentist friday 3pm ^30m",
            "dentist",
            at(2026, 11, 27, 15, 0),
            None,
            vec![],
        ),
        ("^ alone stays", "^ alone stays", None, None, vec![]),
        ("", "", None, None, vec![]),
    ];
    for (input, title, due, priority, tags) in cases {
        let got = parse_quick_add(input, now());
        assert_eq!(got.title, title, "title of {input:?}");
        assert_eq!(got.due, due, "due of {input:?}");
        assert_eq!(got.priority, priority, "priority of {input:?}");
        assert_eq!(got.tags, tags, "tags of {input:?}");
    }
    let got = parse_quick_add("call mom tomorrow 5pm ^10m ^1h ^10m", now());
    use super::super::reminder::ReminderSpec;
    assert_eq!(got.reminders, [ReminderSpec::Before(10), ReminderSpec::Before(60)]);
    assert_eq!(got.title, "call mom");
}

#[test]
fn a_reminder_too_early_is_refused_not_kept_in_the_title() {
    let quick = parse_quick_add("Thing friday ^999d", now());
    assert!(
        quick
            .impossible
            .as_deref()
            .is_some_and(|w| w.starts_with("^999d is too early")),
        "{quick:?}"
    );
    let quick = parse_quick_add("Thing friday ^28d", now());
    assert_eq!((quick.impossible, quick.reminders.len()), (None, 1));
    // a sixth reminder, a negative or a huge one: said, never dropped or kept in the title
    for (text, said) in [
        (
            "x tomorrow 3pm ^10m ^20m ^30m ^40m ^50m ^60m",
            "A task has at most 5 reminders.",
        ),
        ("x tomorrow 3pm ^-5m", "^-5m is not a reminder"),
        ("x tomorrow 3pm ^99999999999m", "^99999999999m is not a reminder"),
    ] {
        let quick = parse_quick_add(text, now());
        assert!(
            quick.impossible.as_deref().is_some_and(|w| w.starts_with(said)),
            "{text}: {quick:?}"
        );
    }
    // the same one twice is one
    let quick = parse_quick_add("x tomorrow 3pm ^10m ^10m ^20m ^30m ^40m ^50m", now());
    assert_eq!((quick.impossible, quick.reminders.len()), (None, 5));
}

#[test]
fn weekdays_are_in_the_future() {
    let got = parse_quick_add("gym saturday 7pm", now());
    let due = got.due.expect("a due date");
    assert_eq!(due.weekday(), Weekday::Sat);
    assert!(due >= now());
    assert_eq!(due.hour(), 19);
}

#[test]
fn repeats_are_read_before_dates() {
    let got = parse_quick_add("Water plants every monday", now());
    assert_eq!(got.title, "Water plants");
    assert_eq!(got.due, None, "the day of a repeat is not a due date");
    assert_eq!(got.recurrence.map(|r| r.rule), Some("FREQ=WEEKLY;BYDAY=MO".to_owned()));
    let got = parse_quick_add("standup every weekday at 8am #work", now());
    assert_eq!(
        (got.title.as_str(), got.tags.as_slice()),
        ("standup", ["work".to_owned()].as_slice())
    );
    assert_eq!(got.due.map(|d| d.hour()), Some(8));
    assert_eq!(
        got.recurrence.map(|r| r.rule),
        Some("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR".to_owned())
    );
    // a time with a dot beside a repeat is its time ("at 10.50" alone may be a price)
    let got = parse_quick_add("stand-up every weekday at 9.15", now());
    assert_eq!(got.title, "stand-up");
    assert_eq!(got.due.map(|d| (d.hour(), d.minute())), Some((9, 15)));
    let got = parse_quick_add("sell shares at 10.50", now());
    assert_eq!((got.title.as_str(), got.due), ("sell shares at 10.50", None));
    // a repeat alone is a title, not an empty task
    let got = parse_quick_add("every day", now());
    assert_eq!((got.title.as_str(), got.recurrence), ("every day", None));
    // every other week, however it is said; "the second tuesday of the month" is monthly
    for (text, title, rule) in [
        (
            "seminar prep fortnightly on tuesdays",
            "seminar prep",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        ),
        (
            "a fortnightly piano lesson on thursdays",
            "a piano lesson",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
        ),
        (
            "piano every second friday at 4pm",
            "piano",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
        ),
        (
            "clean the gutters every fortnight",
            "clean the gutters",
            "FREQ=WEEKLY;INTERVAL=2",
        ),
        ("team sync every second week", "team sync", "FREQ=WEEKLY;INTERVAL=2"),
        (
            "book club every second tuesday of the month",
            "book club",
            "FREQ=MONTHLY;BYDAY=2TU",
        ),
        ("yoga on mondays", "yoga", "FREQ=WEEKLY;BYDAY=MO"),
    ] {
        let got = parse_quick_add(text, now());
        assert_eq!(got.title, title, "{text}");
        assert_eq!(got.recurrence.map(|r| r.rule).as_deref(), Some(rule), "{text}");
    }
}

#[test]
fn never_panics_on_odd_input() {
    for input in [
        "!!!",
        "#",
        "in",
        "in 3",
        "in x days",
        "at at at",
        "next",
        "12:99pm",
        "99/99/99",
        "dec 99",
        "🙂 tomorrow 🙂",
    ] {
        let _ = parse_quick_add(input, now());
    }
}

#[test]
fn dates_people_say() {
    // Saturday 21 November 2026, 10:30
    let read = |text: &str| {
        let q = parse_quick_add(text, now());
        (q.title, q.due)
    };
    let title = |t: &str| t.to_owned();
    assert_eq!(
        read("pay bill by the 28th"),
        (title("pay bill"), at(2026, 11, 28, 23, 59))
    );
    assert_eq!(
        read("pay bill on the 3rd"),
        (title("pay bill"), at(2026, 12, 3, 23, 59)),
        "next month's third"
    );
    assert_eq!(
        read("cards by the 20th of december"),
        (title("cards"), at(2026, 12, 20, 23, 59))
    );
    assert_eq!(
        read("inspection 24th december"),
        (title("inspection"), at(2026, 12, 24, 23, 59))
    );
    assert_eq!(
        read("flights jan 5"),
        (title("flights"), at(2027, 1, 5, 23, 59)),
        "January is next year's"
    );
    assert_eq!(
        read("gas bill in two weeks"),
        (title("gas bill"), at(2026, 12, 5, 23, 59))
    );
    assert_eq!(read("school monday morning"), (title("school"), at(2026, 11, 23, 9, 0)));
    assert_eq!(
        read("dishes friday evening"),
        (title("dishes"), at(2026, 11, 27, 18, 0))
    );
    assert_eq!(
        read("call jo the day after tomorrow"),
        (title("call jo"), at(2026, 11, 23, 23, 59))
    );
    assert_eq!(read("lease next week"), (title("lease"), at(2026, 11, 28, 23, 59)));
    assert_eq!(
        read("text sam tonight at 9pm"),
        (title("text sam"), at(2026, 11, 21, 21, 0))
    );
    assert_eq!(
        read("post office this afternoon"),
        (title("post office"), at(2026, 11, 21, 15, 0))
    );
    assert_eq!(read("call at 6pm today"), (title("call"), at(2026, 11, 21, 18, 0)));
    // words that only look like dates stay in the title
    assert_eq!(read("buy decorations"), (title("buy decorations"), None));
    assert_eq!(read("remind at 4pm move the laundry").0, "remind move the laundry");
    // repeats said in other words
    // (a time alone is the next one: at 10:30, tomorrow's 9:00)
    let q = parse_quick_add("meditate every morning", now());
    assert_eq!(
        (q.title.as_str(), q.recurrence.is_some(), q.due),
        ("meditate", true, at(2026, 11, 22, 9, 0))
    );
    let q = parse_quick_add("recycling weekly on tuesdays", now());
    assert_eq!(
        (q.title.as_str(), q.recurrence.map(|r| r.rule)),
        ("recycling", Some("FREQ=WEEKLY;BYDAY=TU".into()))
    );
    let q = parse_quick_add("send the weekly update every friday", now());
    assert_eq!(q.title, "send the weekly update");
}

#[test]
fn a_year_said_with_a_date_is_read_and_leaves_the_title() {
    // Saturday 21 November 2026, 10:30
    let read = |text: &str| {
        let q = parse_quick_add(text, now());
        (q.title, q.due, q.impossible)
    };
    for text in [
        "renew lease on december 31 2027",
        "renew lease dec 31, 2027",
        "renew lease 31 december 2027",
        "renew lease on the 31st of december 2027",
        "renew lease december the 31st 2027",
    ] {
        assert_eq!(
            read(text),
            ("renew lease".to_owned(), at(2027, 12, 31, 23, 59), None),
            "{text}"
        );
    }
    assert_eq!(read("tax deadline april 15th 2027").1, at(2027, 4, 15, 23, 59));
    assert_eq!(read("party dec 31 2027 at 8pm").1, at(2027, 12, 31, 20, 0));
    // a year far ahead is said on purpose, not a misread number
    assert_eq!(read("renew passport jan 5 2040").1, at(2040, 1, 5, 23, 59));
    // without a year, the next one, as before
    assert_eq!(read("flights jan 5").1, at(2027, 1, 5, 23, 59));
    assert_eq!(read("cards dec 24").1, at(2026, 12, 24, 23, 59));
}

#[test]
fn impossible_dates_and_times_are_refused_not_moved() {
    for (text, why) in [
        ("buy gift on feb 30", "February has no 30th."),
        ("buy gift 30 february", "February has no 30th."),
        ("buy gift the 30th of february", "February has no 30th."),
        ("rent april 31st", "April has no 31st."),
        ("rent dec 32", "December has no 32nd."),
        // the next February 29th is in 2027, which has none
        ("leap party feb 29", "February 2027 has no 29th."),
        ("z at 13pm", "13pm is not a time."),
        ("z at 0am", "0am is not a time."),
        ("z tomorrow 12:75pm", "12:75pm is not a time."),
        ("z at 25:00", "25:00 is not a time."),
        ("z at 13 pm", "13pm is not a time."),
        ("lunch tomorrow 24:30", "24:30 is not a time."),
        ("lunch friday 12:60", "12:60 is not a time."),
    ] {
        let q = parse_quick_add(text, now());
        assert_eq!((q.impossible.as_deref(), q.due), (Some(why), None), "{text}");
    }
    let q = parse_quick_add("leap party feb 29 2028", now());
    assert_eq!(
        (q.title.as_str(), q.due, q.impossible),
        ("leap party", at(2028, 2, 29, 23, 59), None)
    );
    // "the 31st" in November is December's
    assert_eq!(parse_quick_add("pay on the 31st", now()).due, at(2026, 12, 31, 23, 59));
    // numbers that are no dates stay what they were
    let q = parse_quick_add("read chapter 13 at 13:30 on the train", now());
    assert_eq!((q.impossible, q.title.as_str()), (None, "read chapter 13 on the train"));
}

#[test]
fn an_hour_after_at_is_a_time() {
    // Saturday 21 November 2026, 10:30
    let read = |text: &str| {
        let q = parse_quick_add(text, now());
        (q.title, q.due)
    };
    let title = |t: &str| t.to_owned();
    assert_eq!(read("call mom at 17"), (title("call mom"), at(2026, 11, 21, 17, 0)));
    assert_eq!(read("call mom at 11"), (title("call mom"), at(2026, 11, 21, 11, 0)));
    // 1 to 7 without am or pm are afternoons
    assert_eq!(read("call mom at 5"), (title("call mom"), at(2026, 11, 21, 17, 0)));
    assert_eq!(read("call mom at 7:30"), (title("call mom"), at(2026, 11, 21, 19, 30)));
    assert_eq!(
        read("run tomorrow morning at 7"),
        (title("run"), at(2026, 11, 22, 7, 0))
    );
    assert_eq!(
        read("text sam tonight at 9"),
        (title("text sam"), at(2026, 11, 21, 21, 0))
    );
    // a time that has passed today is tomorrow's
    assert_eq!(read("call mom at 9"), (title("call mom"), at(2026, 11, 22, 9, 0)));
    assert_eq!(read("call mom at 07:30"), (title("call mom"), at(2026, 11, 22, 7, 30)));
    assert_eq!(read("call mom at 9:30am"), (title("call mom"), at(2026, 11, 22, 9, 30)));
    assert_eq!(
        read("call mom at 9 am tomorrow"),
        (title("call mom"), at(2026, 11, 22, 9, 0))
    );
    assert_eq!(
        read("call mom tomorrow 4 pm"),
        (title("call mom"), at(2026, 11, 22, 16, 0))
    );
    assert_eq!(
        read("call mom friday at 9"),
        (title("call mom"), at(2026, 11, 27, 9, 0))
    );
    let q = parse_quick_add("standup every weekday at 9 #work", now());
    assert_eq!(
        (
            q.title.as_str(),
            q.due.map(|d| (d.hour(), d.minute())),
            q.recurrence.is_some()
        ),
        ("standup", Some((9, 0)), true)
    );
    // a number that goes on as an address is no time
    assert_eq!(
        read("drop parcel at 5 main street"),
        (title("drop parcel at 5 main street"), None)
    );
    assert_eq!(read("look at 2 flats"), (title("look at 2 flats"), None));
    // an evening's clock time without am or pm, with or without "at"
    assert_eq!(read("dinner sat 7:30"), (title("dinner"), at(2026, 11, 21, 19, 30)));
    assert_eq!(
        read("drinks with jo friday at 8"),
        (title("drinks with jo"), at(2026, 11, 27, 20, 0))
    );
    assert_eq!(read("gym sat 7:30"), (title("gym"), at(2026, 11, 28, 7, 30)));
    assert_eq!(read("dinner sat 07:30"), (title("dinner"), at(2026, 11, 28, 7, 30)));
    assert_eq!(
        read("buy 7 plates for the dinner party"),
        (title("buy 7 plates for the dinner party"), None)
    );
}

#[test]
fn a_move_keeps_what_it_does_not_say() {
    // Saturday 21 November 2026, 10:30
    let when = |text: &str| match read_when(text, now()) {
        Said::At(when) => when,
        other => panic!("{text}: {other:?}"),
    };
    let monday_eight = at(2026, 11, 23, 8, 0);
    let jan_second = at(2027, 1, 2, 10, 30);
    // a time alone keeps the day
    assert_eq!(Some(when("9:30am").moved_from(monday_eight)), at(2026, 11, 23, 9, 30));
    assert_eq!(Some(when("at 17").moved_from(monday_eight)), at(2026, 11, 23, 17, 0));
    // without a due date: today's while it is ahead, else tomorrow's
    assert_eq!(Some(when("9:30am").moved_from(None)), at(2026, 11, 22, 9, 30));
    assert_eq!(Some(when("at 11").moved_from(None)), at(2026, 11, 21, 11, 0));
    // a day alone keeps the time of day
    assert_eq!(Some(when("friday").moved_from(jan_second)), at(2026, 11, 27, 10, 30));
    assert_eq!(
        Some(when("dec 31, 2027").moved_from(jan_second)),
        at(2027, 12, 31, 10, 30)
    );
    // …unless it had none
    assert_eq!(
        Some(when("friday").moved_from(at(2027, 1, 2, 23, 59))),
        at(2026, 11, 27, 23, 59)
    );
    assert_eq!(Some(when("friday").moved_from(None)), at(2026, 11, 27, 23, 59));
    // both said: both taken
    assert_eq!(Some(when("friday 3pm").moved_from(jan_second)), at(2026, 11, 27, 15, 0));
    assert_eq!(
        read_when("feb 30", now()),
        Said::Impossible("February has no 30th.".into())
    );
    assert_eq!(read_when("soon-ish", now()), Said::Unread);
}
