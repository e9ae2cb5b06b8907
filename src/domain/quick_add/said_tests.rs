//! Dates as people say them beyond the plain forms: counted from a day ("2 weeks from today"),
//! the nth weekday of a month, slashed and dotted dates, clock times in words ("half past two"),
//! the end of a named day ("friday eod").
use super::parse_quick_add;
use super::tests::{at, now};

#[test]
fn counted_nth_weekday_slashed_and_dotted_dates() {
    // Saturday 21 November 2026, 10:30
    let read = |text: &str| {
        let q = parse_quick_add(text, now());
        (q.title, q.due)
    };
    let title = |t: &str| t.to_owned();
    let day = |m: u32, d: u32| at(2026, m, d, 23, 59);
    for (text, want_title, want) in [
        ("hand in notice 2 weeks from today", "hand in notice", day(12, 5)),
        ("renew passport a month from tomorrow", "renew passport", day(12, 22)),
        ("call bank 3 days from now", "call bank", day(11, 24)),
        (
            "review budget on the last friday of the month",
            "review budget",
            day(11, 27),
        ),
        (
            "team offsite the first monday of next month",
            "team offsite",
            day(12, 7),
        ),
        // this month's has passed: next month's
        ("report the first friday of the month", "report", day(12, 4)),
        // a month named: its next one (with a year, that year's)
        (
            "team lunch on the first friday of january",
            "team lunch",
            at(2027, 1, 1, 23, 59),
        ),
        (
            "new year party 2nd saturday of january",
            "new year party",
            at(2027, 1, 9, 23, 59),
        ),
        (
            "tax payment the first monday of jan",
            "tax payment",
            at(2027, 1, 4, 23, 59),
        ),
        ("fair the last sunday in november", "fair", day(11, 29)),
        (
            "board meeting 3rd thursday of november",
            "board meeting",
            at(2027, 11, 18, 23, 59),
        ),
        ("retro the 2nd friday of jan 2028", "retro", at(2028, 1, 14, 23, 59)),
        // a colon ends how the time is said
        ("at 9: call the vet", "call the vet", at(2026, 11, 22, 9, 0)),
        ("friday: send invoices", "send invoices", day(11, 27)),
        ("Chapter 9: intro", "Chapter 9: intro", None),
        (
            "parents evening on the 2nd thurs of jan",
            "parents evening",
            at(2027, 1, 14, 23, 59),
        ),
        ("budget the last weds in march", "budget", at(2027, 3, 31, 23, 59)),
        (
            "bank the takings tomorrow at midday",
            "bank the takings",
            at(2026, 11, 22, 12, 0),
        ),
        ("pick up float tomorrow arvo", "pick up float", at(2026, 11, 22, 15, 0)),
        // short words and hours without a colon
        ("oil change in 2 wks", "oil change", day(12, 5)),
        ("renew domain next wk", "renew domain", day(11, 28)),
        (
            "push release in a couple hours",
            "push release",
            at(2026, 11, 21, 12, 30),
        ),
        ("call the plumber in a couple of days", "call the plumber", day(11, 23)),
        ("flu shot appt 12/15 at 1030", "flu shot appt", at(2026, 12, 15, 10, 30)),
        ("standup 930am tomorrow", "standup", at(2026, 11, 22, 9, 30)),
        ("pills 8:00 tmw", "pills", at(2026, 11, 22, 8, 0)),
        ("order 1200 bricks", "order 1200 bricks", None),
        ("sell shares at 150", "sell shares at 150", None),
        ("stretch at 1030 tmrw", "stretch", at(2026, 11, 22, 10, 30)),
        ("wed 1530 call accountant", "call accountant", at(2026, 11, 25, 15, 30)),
        ("laundry 2moro", "laundry", day(11, 22)),
        ("pub quiz wed nite", "pub quiz", at(2026, 11, 25, 20, 0)),
        (
            "cancel the netflix sub b4 jan 1st",
            "cancel the netflix sub",
            at(2027, 1, 1, 23, 59),
        ),
        // "the" before it and no month: this month's, or next month's once passed
        ("1on1 the 3rd tuesday", "1on1", day(12, 15)),
        ("market the last saturday at 9am", "market", at(2026, 11, 28, 9, 0)),
        // a weekday after "first" or "last" that is no day of a month is the title's
        (
            "prep for the last friday drinks",
            "prep for the last friday drinks",
            None,
        ),
        (
            "plan the first monday back at school",
            "plan the first monday back at school",
            None,
        ),
        ("first monday meeting prep", "first monday meeting prep", None),
        // a working day, or any day, counted in a month
        ("review the last weekday of the month", "review", day(11, 30)),
        ("payroll the first business day of next month", "payroll", day(12, 1)),
        (
            "file vat on the first working day of january",
            "file vat",
            at(2027, 1, 1, 23, 59),
        ),
        (
            "close the books the last workday of december",
            "close the books",
            day(12, 31),
        ),
        ("invoice the last day of the month", "invoice", day(11, 30)),
        ("rent the first day of next month", "rent", day(12, 1)),
        ("read the last day of the week", "read the last day of the week", None),
        // the weekend, texted
        ("clean garage this wknd", "clean garage", day(11, 21)),
        ("bbq over the wknd", "bbq", day(11, 21)),
        ("wknd: clean room", "clean room", day(11, 21)),
        ("tmrw: return library books", "return library books", day(11, 22)),
        // day first when the first number cannot be a month; the next such day
        ("renew TV licence 31/12", "renew TV licence", day(12, 31)),
        ("Report 24/12/2026 17:00", "Report", at(2026, 12, 24, 17, 0)),
        ("pay rent 1/2", "pay rent", at(2027, 1, 2, 23, 59)),
        ("dentist 12/14 at 9am", "dentist", at(2026, 12, 14, 9, 0)),
        ("meet Tom tomorrow at 10.30", "meet Tom", at(2026, 11, 22, 10, 30)),
        ("pick up kids @ 3:15 tomorrow", "pick up kids", at(2026, 11, 22, 15, 15)),
        ("pay 10.50 dollars", "pay 10.50 dollars", None),
        ("water plants this evening", "water plants", at(2026, 11, 21, 18, 0)),
        // not dates, not evenings, not times
        ("set up 24/7 monitoring", "set up 24/7 monitoring", None),
        (
            "call party planner tomorrow at 10",
            "call party planner",
            at(2026, 11, 22, 10, 0),
        ),
        ("kids party sun 10:30", "kids party", at(2026, 11, 22, 10, 30)),
        ("sell shares at 10.50", "sell shares at 10.50", None),
        // clock times in words: "half past two" is 14:30, as "at 2:30" is
        (
            "call mom tomorrow at half past two",
            "call mom",
            at(2026, 11, 22, 14, 30),
        ),
        ("call bank quarter to 5 tomorrow", "call bank", at(2026, 11, 22, 16, 45)),
        (
            "standup tomorrow at quarter past 9am",
            "standup",
            at(2026, 11, 22, 9, 15),
        ),
        ("tea tomorrow at half four", "tea", at(2026, 11, 22, 16, 30)),
        ("read half of the book", "read half of the book", None),
        // the end of a day named beside it is that day
        ("send report friday eod", "send report", day(11, 27)),
        ("send slides by friday end of day", "send slides", day(11, 27)),
        ("file expenses eod tomorrow", "file expenses", day(11, 22)),
        ("sign the form by close of play", "sign the form", day(11, 21)),
        (
            "book revision room first thing tomorrow",
            "book revision room",
            at(2026, 11, 22, 9, 0),
        ),
        // the hour said decides the half of the day, as after "at"
        (
            "take kids to school at quarter to 8 tomorrow",
            "take kids to school",
            at(2026, 11, 22, 7, 45),
        ),
        ("lunch tomorrow at quarter to 12pm", "lunch", at(2026, 11, 22, 11, 45)),
        (
            "drinks tomorrow evening at half past eight",
            "drinks",
            at(2026, 11, 22, 20, 30),
        ),
        ("look at half a dozen flats", "look at half a dozen flats", None),
        (
            "pick up kids at 5:30 tomorrow afternoon",
            "pick up kids",
            at(2026, 11, 22, 17, 30),
        ),
        // a number after "#" is the title's, not a tag
        ("send invoice #42 tomorrow", "send invoice #42", day(11, 22)),
        (
            "call the school at 8 tomorrow morning",
            "call the school",
            at(2026, 11, 22, 8, 0),
        ),
        (
            "pick up Sam at 8 friday evening",
            "pick up Sam",
            at(2026, 11, 27, 20, 0),
        ),
        // holidays by name: the next one
        ("wrap presents by christmas eve", "wrap presents", day(12, 24)),
        (
            "call grandma on christmas day at 10am",
            "call grandma",
            at(2026, 12, 25, 10, 0),
        ),
        ("party on new year's eve at 9pm", "party", at(2026, 12, 31, 21, 0)),
        ("gym new years day", "gym", at(2027, 1, 1, 23, 59)),
        (
            "carve pumpkins on halloween",
            "carve pumpkins",
            at(2027, 10, 31, 23, 59),
        ),
        ("buy a christmas tree", "buy a christmas tree", None),
        ("halloween costume for sam", "halloween costume for sam", None),
        ("finish the quilt by xmas", "finish the quilt", day(12, 25)),
        ("book flights for christmas", "book flights for christmas", None),
        ("drive to christmas market", "drive to christmas market", None),
        ("plan new year's eve party", "plan new year's eve party", None),
        ("cook xmas eve dinner", "cook xmas eve dinner", None),
        ("call grandma christmas day !high", "call grandma", day(12, 25)),
        ("wrap presents by christmas eve #family", "wrap presents", day(12, 24)),
        // “night” after a name is the name's: an evening event, not 20:00 today
        ("date night", "date night", None),
        ("movie night friday at 8pm", "movie night", at(2026, 11, 27, 20, 0)),
        ("plan game night on saturday", "plan game night", day(11, 28)),
        ("quiz night tomorrow night", "quiz night", at(2026, 11, 22, 20, 0)),
        // a time right after it is the time, the night still the name's
        ("bin night 7pm #chores", "bin night", at(2026, 11, 21, 19, 0)),
        // a day's name with a slip: still that day, and out of the title
        ("call plumber tomorow 9am", "call plumber", at(2026, 11, 22, 9, 0)),
        ("team sync wednsday 2pm", "team sync", at(2026, 11, 25, 14, 0)),
        ("call mom friday night", "call mom", at(2026, 11, 27, 20, 0)),
        (
            "take out the bins tonight",
            "take out the bins",
            at(2026, 11, 21, 20, 0),
        ),
        ("read a chapter at night", "read a chapter", at(2026, 11, 21, 20, 0)),
    ] {
        assert_eq!(read(text), (title(want_title), want), "{text}");
    }
    // "this evening" said when the evening's hour has passed: the next full hour
    let late = at(2026, 11, 21, 20, 10).expect("a time");
    let q = parse_quick_add("water plants this evening", late);
    assert_eq!(q.due, at(2026, 11, 21, 21, 0));
    // "each morning" repeats, as "every morning" does
    let q = parse_quick_add("take vitamins each morning", now());
    assert_eq!(q.title, "take vitamins");
    assert!(q.recurrence.is_some());
}

#[test]
fn days_gone_by_and_quoted_titles() {
    // Saturday 21 November 2026, 10:30
    let read = |text: &str| {
        let q = parse_quick_add(text, now());
        (q.title, q.due)
    };
    let day = |m: u32, d: u32| at(2026, m, d, 23, 59);
    for (text, want_title, want) in [
        // a day gone by is due then (and so overdue), as "yesterday" is
        ("pay rent due last friday", "pay rent", day(11, 20)),
        ("pay rent last thurs", "pay rent", day(11, 19)),
        // on a saturday, last saturday is a week ago
        ("water the ferns last saturday", "water the ferns", day(11, 14)),
        (
            "return the library book 2 days ago",
            "return the library book",
            day(11, 19),
        ),
        (
            "file the expense report a week ago",
            "file the expense report",
            day(11, 14),
        ),
        ("renew the permit three weeks ago", "renew the permit", day(10, 31)),
        // not one: the month's last friday, a name, a possessive
        ("review budget on the last friday", "review budget", day(11, 27)),
        ("finish the last chapter", "finish the last chapter", None),
        ("read last friday's notes", "read last friday's notes", None),
        ("ask how long ago it was", "ask how long ago it was", None),
        ("type up notes from last friday", "type up notes from last friday", None),
        (
            "answer the email from 3 days ago",
            "answer the email from 3 days ago",
            None,
        ),
        // a title in double quotes is as written; what is outside them is read
        ("\"Friday drinks\"", "Friday drinks", None),
        (
            "“Monday standup notes” tomorrow 9am",
            "Monday standup notes",
            at(2026, 11, 22, 9, 0),
        ),
        (
            "book \"Sunday roast\" on saturday #family",
            "book Sunday roast",
            day(11, 28),
        ),
        ("\"\" tomorrow", "\"\"", day(11, 22)),
        (
            "email \"Q3 report\" to \"Finance team\" friday",
            "email Q3 report to Finance team",
            day(11, 27),
        ),
        // inches are no quotes
        (
            "order a 12\" and a 14\" pizza friday",
            "order a 12\" and a 14\" pizza",
            day(11, 27),
        ),
    ] {
        assert_eq!(read(text), (want_title.to_owned(), want), "{text}");
    }
    // what is inside the quotes stays out of the markers too
    let q = parse_quick_add("\"#1 fan mail !high\" p2", now());
    assert_eq!(q.title, "#1 fan mail !high");
    assert_eq!(q.priority, Some(crate::domain::task::Priority::Medium));
    assert!(q.tags.is_empty());
}

#[test]
fn a_day_said_before_before_goes_with_the_time_said_later() {
    // Saturday 21 November 2026, 10:30
    let read = |text: &str| {
        let q = parse_quick_add(text, now());
        (q.title, q.due)
    };
    for (text, want_title, want) in [
        (
            "pick up scrubs tmrw b4 my shift at 6pm",
            "pick up scrubs b4 my shift",
            at(2026, 11, 22, 18, 0),
        ),
        (
            "gym on monday before work at 6am",
            "gym before work",
            at(2026, 11, 23, 6, 0),
        ),
        (
            "brief the team tomorrow ahead of the launch at 9am",
            "brief the team ahead of the launch",
            at(2026, 11, 22, 9, 0),
        ),
        (
            "call mom tomorrow after dinner at 8pm",
            "call mom after dinner",
            at(2026, 11, 22, 20, 0),
        ),
        // a day that names the thing, or no time later: as before
        ("plan friday party at 6pm", "plan friday party", at(2026, 11, 21, 18, 0)),
        (
            "call mom before dinner at 7pm",
            "call mom before dinner",
            at(2026, 11, 21, 19, 0),
        ),
        (
            "pick up scrubs tomorrow before my shift",
            "pick up scrubs before my shift",
            at(2026, 11, 22, 23, 59),
        ),
    ] {
        assert_eq!(read(text), (want_title.to_owned(), want), "{text}");
    }
    // the words said with the day go with it ("next friday", "by friday")
    for (text, plain, want_title) in [
        (
            "pick up scrubs next friday before my shift at 3pm",
            "pick up scrubs next friday at 3pm",
            "pick up scrubs before my shift",
        ),
        (
            "finish report by friday before the review at 3pm",
            "finish report by friday at 3pm",
            "finish report before the review",
        ),
        // the title's own words stay
        (
            "stop by tomorrow before work at 8am",
            "stop by tomorrow at 8am",
            "stop by before work",
        ),
    ] {
        let (title, due) = read(text);
        assert!(due.is_some() && due == read(plain).1, "{text}");
        assert_eq!(title, want_title, "{text}");
    }
}
