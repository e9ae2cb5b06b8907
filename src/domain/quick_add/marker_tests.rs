//! Quick-add read as a Todoist user writes it (`p1`, `@label`), and "yesterday".
use super::tests::{at, now};
use super::*;

#[test]
fn todoists_own_markers() {
    // p1 (the highest) to p4, and @labels, as a Todoist user types them
    let q = parse_quick_add("Pay rent every 1st #bills p1", now());
    assert_eq!(
        (q.title.as_str(), q.priority, q.tags.clone()),
        ("Pay rent", Some(Priority::High), vec!["bills".to_owned()])
    );
    assert!(q.recurrence.is_some());
    for (said, p) in [
        ("fix bug P2", Priority::Medium),
        ("fix bug p3", Priority::Low),
        ("fix bug p4", Priority::None),
    ] {
        let q = parse_quick_add(said, now());
        assert_eq!((q.title.as_str(), q.priority), ("fix bug", Some(p)), "{said}");
    }
    // first, in lower case, with a title after it
    let q = parse_quick_add("p1 pay rent friday", now());
    assert_eq!((q.title.as_str(), q.priority), ("pay rent", Some(Priority::High)));
    assert!(q.due.is_some());
    let q = parse_quick_add("P1 incident review", now());
    assert_eq!((q.title.as_str(), q.priority), ("P1 incident review", None));
    let q = parse_quick_add("Read book @reading @Home tomorrow", now());
    assert_eq!(
        (q.title.as_str(), q.tags.clone()),
        ("Read book", vec!["reading".to_owned(), "home".to_owned()])
    );
    assert!(q.due.is_some());
    // not a label: an address, a time, "@" alone; "p1" alone is the title
    for (said, title) in [
        ("email bob@example.com", "email bob@example.com"),
        ("call bob @5pm", "call bob @5pm"),
        ("meet @ the cafe", "meet @ the cafe"),
        ("p1", "p1"),
        ("review p10 draft", "review p10 draft"),
        // inside the title, words of it
        ("triage P1 tickets", "triage P1 tickets"),
        ("book p1 parking", "book p1 parking"),
        ("ping @sarah about the draft", "ping @sarah about the draft"),
        ("meet @noon", "meet @noon"),
    ] {
        let q = parse_quick_add(said, now());
        assert_eq!((q.title.as_str(), q.tags.len(), q.priority), (title, 0, None), "{said}");
    }
}

#[test]
fn yesterday_is_a_day_that_has_passed() {
    // an overdue task, said as such ("file taxes yesterday"), not words of its title
    let q = parse_quick_add("email the landlord yesterday 10am", now());
    assert_eq!(
        (q.title.as_str(), q.due),
        ("email the landlord", at(2026, 11, 20, 10, 0))
    );
    let q = parse_quick_add("talk about yesterday's meeting", now());
    assert_eq!((q.title.as_str(), q.due), ("talk about yesterday's meeting", None));
    for said in ["ask Sam about yesterday", "type up the notes from yesterday"] {
        assert_eq!(parse_quick_add(said, now()).title, said);
    }
}

/// QA pass 13: "next monday 10am" said on a monday was that day (the parser's "next monday" with
/// a time), and "in 2 hrs" and "tonight 8" were not read.
#[test]
fn next_weekday_with_a_time_hours_and_tonight() {
    // Monday 7 December 2026, 08:00
    let monday = at(2026, 12, 7, 8, 0).expect("a date");
    for (said, title, due) in [
        ("call support next monday 10am", "call support", at(2026, 12, 14, 10, 0)),
        ("call support next monday", "call support", at(2026, 12, 14, 23, 59)),
        (
            "parents evening next mon 7pm",
            "parents evening",
            at(2026, 12, 14, 19, 0),
        ),
        ("standup next tuesday at 9:30", "standup", at(2026, 12, 8, 9, 30)),
        ("pick up parcel in 2 hrs", "pick up parcel", at(2026, 12, 7, 10, 0)),
        ("call school in 1 hr", "call school", at(2026, 12, 7, 9, 0)),
        ("tonight 8 call mum", "call mum", at(2026, 12, 7, 20, 0)),
        ("tonight at 9 call dad", "call dad", at(2026, 12, 7, 21, 0)),
    ] {
        let q = parse_quick_add(said, monday);
        assert_eq!((q.title.as_str(), q.due), (title, due), "{said}");
    }
    // on a saturday, "next monday" is the coming one, as it was
    let q = parse_quick_add("dentist next monday 3pm", now());
    assert_eq!(q.due, at(2026, 11, 23, 15, 0));
}

/// A day-first date that cannot be is answered as "feb 31" is (it was read as no date at all).
#[test]
fn numeric_dates_that_cannot_be() {
    for said in [
        "dentist 31/02",
        "dentist 30.02.",
        "dentist 2/30/2027",
        "dentist 31.04.2027",
    ] {
        let q = parse_quick_add(said, now());
        let why = q.impossible.as_deref().unwrap_or_default();
        assert!(
            why.ends_with(" has no 31st.") || why.ends_with(" has no 30th."),
            "{said}: {why}"
        );
        assert_eq!(q.due, None, "{said}");
    }
    for said in [
        "dentist 31/12",
        "dentist 24/7 support",
        "dentist 12/31/2027",
        "dentist 31.12.",
    ] {
        assert_eq!(parse_quick_add(said, now()).impossible, None, "{said}");
    }
}

#[test]
fn a_span_of_time_is_due_when_it_starts() {
    // now() is Saturday 21 November 2026, 10:30
    for (said, title, due) in [
        ("call Bob at 3-4pm tomorrow", "call Bob", at(2026, 11, 22, 15, 0)),
        ("team lunch 12-1pm monday", "team lunch", at(2026, 11, 23, 12, 0)),
        // the start comes later on the clock face: the morning before
        ("dentist 11-1pm monday", "dentist", at(2026, 11, 23, 11, 0)),
        ("workshop 9-5pm monday", "workshop", at(2026, 11, 23, 9, 0)),
        ("gym tomorrow 6pm-7pm", "gym", at(2026, 11, 22, 18, 0)),
        ("standup monday 9:30-10:30am", "standup", at(2026, 11, 23, 9, 30)),
        ("late shift monday 11pm-1am", "late shift", at(2026, 11, 23, 23, 0)),
    ] {
        let q = parse_quick_add(said, now());
        assert_eq!((q.title.as_str(), q.due), (title, due), "{said}");
    }
    // no time of day: words of the title
    for said in ["read pages 3-4 tomorrow", "fix 13-14pm thing"] {
        let q = parse_quick_add(said, now());
        assert!(q.title.contains('-'), "{said}: {q:?}");
    }
}

#[test]
fn a_slip_as_near_one_day_as_another_is_asked_about() {
    // "tursday": Tuesday or Thursday; its time must not fall on today
    let q = parse_quick_add("ring bank tursday 10am", now());
    assert_eq!(q.due, None);
    assert_eq!(
        q.impossible.as_deref(),
        Some("“tursday” could be Tuesday or Thursday: write the day you meant.")
    );
    assert_eq!(
        ambiguous_day("ring bank tursday 10am"),
        Some(("tursday".to_owned(), "tuesday", "thursday"))
    );
    // where no day is said, it is a word of the title
    let q = parse_quick_add("the tursday club newsletter", now());
    assert_eq!((q.title.as_str(), q.impossible), ("the tursday club newsletter", None));
    assert_eq!(
        read_when("tursday", now()),
        Said::Impossible("“tursday” could be Tuesday or Thursday: write the day you meant.".to_owned())
    );
}

#[test]
fn how_loosely_a_day_is_said_is_no_part_of_the_title() {
    for (said, due) in [
        ("renew passport sometime in january", at(2027, 1, 1, 23, 59)),
        ("renew passport sometime next week", at(2026, 11, 28, 23, 59)),
        ("renew passport anytime tomorrow", at(2026, 11, 22, 23, 59)),
    ] {
        let q = parse_quick_add(said, now());
        assert_eq!((q.title.as_str(), q.due), ("renew passport", due), "{said}");
    }
    // a day's name shortened, and a clock's hour beside a day
    for (said, title, due) in [
        ("call mom tues 5pm", "call mom", at(2026, 11, 24, 17, 0)),
        ("buy stamps thurs", "buy stamps", at(2026, 11, 26, 23, 59)),
        ("fix bike for weds", "fix bike for", at(2026, 11, 25, 23, 59)),
        ("dentist friday 2:15", "dentist", at(2026, 11, 27, 14, 15)),
        ("haircut tomorrow 3:30", "haircut", at(2026, 11, 22, 15, 30)),
        ("standup tomorrow 9:30", "standup", at(2026, 11, 22, 9, 30)),
    ] {
        let q = parse_quick_add(said, now());
        assert_eq!((q.title.as_str(), q.due), (title, due), "{said}");
    }
    // "every tuesday night": that evening's hour, "night" out of the title
    let q = parse_quick_add("bins every tuesday night", now());
    assert_eq!(
        (q.title.as_str(), q.due.map(|d| d.time())),
        ("bins", NaiveTime::from_hms_opt(20, 0, 0))
    );
    assert!(q.recurrence.is_some());
    // a time said after the part of the day wins: "every saturday morning at 7" is 07:00
    let q = parse_quick_add("swim every saturday morning at 7", now());
    assert_eq!(
        (q.title.as_str(), q.due.map(|d| d.time())),
        ("swim", NaiveTime::from_hms_opt(7, 0, 0))
    );
    // "Tomo" is a name
    for said in ["lunch with Tomo", "email Tomo at 3pm"] {
        assert!(parse_quick_add(said, now()).title.contains("Tomo"), "{said}");
    }
    // "weds" where no day is said is a word
    assert_eq!(
        parse_quick_add("the weds and the guests", now()).title,
        "the weds and the guests"
    );
}
