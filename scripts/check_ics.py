"""Reads the calendar feeds the Rust tests wrote (TASKPILOT_ICS_DUMP) with Python's `icalendar`,
a parser independent of the one that wrote them, and checks what calendars rely on: one VCALENDAR
of VERSION 2.0 with a PRODID; every VEVENT with a UID, DTSTAMP, SUMMARY and DTSTART; all-day
events as dates ending the next day; timed ones ending after they start; every RRULE a valid
recurrence, and a series in the user's time zone (a TZID with its VTIMEZONE) expanded by
dateutil on the days it names at the same local time, across daylight-saving changes; every
VALARM a DISPLAY alarm with a TRIGGER. Usage: check_ics.py DIR"""
import datetime
import itertools
import pathlib
import sys

import dateutil.rrule
import icalendar

files = sorted(pathlib.Path(sys.argv[1]).glob("*.ics"))
if not files:
    sys.exit(f"no .ics files in {sys.argv[1]}: the feed test did not write one")
for path in files:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert calendar.name == "VCALENDAR" and str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID"), path
    events = list(calendar.walk("VEVENT"))
    assert events, f"{path}: no VEVENT"
    uids = set()
    alarms = 0
    zoned = 0
    zones = {str(z["TZID"]) for z in calendar.walk("VTIMEZONE")}
    for event in events:
        for key in ("UID", "DTSTAMP", "SUMMARY", "DTSTART", "DTEND"):
            assert key in event, f"{path}: a VEVENT without {key}: {event.to_ical()!r}"
        uid = str(event["UID"])
        assert uid not in uids, f"{path}: UID {uid} twice"
        uids.add(uid)
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if isinstance(start, datetime.datetime):
            assert start.tzinfo is not None and end > start, f"{path}: {uid} {start} → {end}"
        else:
            assert end == start + datetime.timedelta(days=1), f"{path}: all-day {uid} {start} → {end}"
        for alarm in event.walk("VALARM"):
            assert str(alarm["ACTION"]) == "DISPLAY" and "DESCRIPTION" in alarm, f"{path}: {uid} VALARM {alarm.to_ical()!r}"
            trigger = alarm.decoded("TRIGGER")
            assert isinstance(trigger, (datetime.timedelta, datetime.datetime)), f"{path}: {uid} TRIGGER {trigger!r}"
            alarms += 1
        if "RRULE" in event:
            rule = event["RRULE"]
            assert isinstance(rule, icalendar.vRecur) and rule.get("FREQ"), f"{path}: {uid} RRULE {rule!r}"
            icalendar.vRecur.from_ical(rule.to_ical().decode())
            if isinstance(start, datetime.datetime) and "TZID" in event["DTSTART"].params:
                # a series in the user's zone: expanded as a calendar does, every occurrence falls
                # on the days the rule names at the same local time, across daylight-saving changes
                tzid = event["DTSTART"].params["TZID"]
                assert tzid in zones, f"{path}: {uid} TZID {tzid} has no VTIMEZONE"
                series = dateutil.rrule.rrulestr(rule.to_ical().decode(), dtstart=start)
                days = [str(d)[-2:] for d in rule.get("BYDAY", [])]
                offsets = set()
                for when in itertools.islice(series, 60):
                    assert (when.hour, when.minute) == (start.hour, start.minute), f"{path}: {uid} at {when}"
                    code = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][when.weekday()]
                    assert not days or code in days, f"{path}: {uid} on {code} {when}, not {days}"
                    offsets.add(when.utcoffset())
                zoned += 1
                print(f"{path.name}: {uid} repeats {days} at {start:%H:%M} {tzid}, UTC offsets {sorted(str(o) for o in offsets)}")
    assert alarms, f"{path}: no VALARM (the feed test sets a reminder)"
    assert zoned or path.name != "zoned.ics", f"{path}: the series is not in the user's time zone"
    print(f"{path.name}: {len(events)} events, {alarms} alarms, read by Python icalendar {icalendar.__version__}")
