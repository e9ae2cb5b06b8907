//! The VTIMEZONE of the user's time zone, so a calendar expands a repeating event on the user's
//! own days and clock: "every Sunday at 8 pm" in New York is written `DTSTART;TZID=America/
//! New_York:…T200000` and stays on Sundays at 20:00 across daylight-saving changes (in UTC it
//! would fall on Saturdays and move by an hour twice a year). The zone's rules are read off
//! `chrono-tz` for the current year: each change of offset, found by searching the year, becomes
//! a yearly rule on its weekday of the month ("the second Sunday of March").
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc, Weekday};
use chrono_tz::{OffsetName, Tz};

/// A change of the zone's offset in one year.
struct Change {
    /// When it happens, in the local time of the offset before it (as RFC 5545 writes it).
    local: NaiveDateTime,
    from: i32,
    to: i32,
    name: Option<String>,
}

fn offset_at(tz: Tz, at: DateTime<Utc>) -> i32 {
    tz.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc()
}

/// The changes of offset in `year`, found day by day and then to the second.
fn changes(tz: Tz, year: i32) -> Vec<Change> {
    let Some(start) = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).single() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut before, mut offset) = (start, offset_at(tz, start));
    for day in 1..=366 {
        let next = start + Duration::days(day);
        let now = offset_at(tz, next);
        if now != offset {
            let (mut lo, mut hi) = (before, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid) == offset {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let name = tz
                .offset_from_utc_datetime(&hi.naive_utc())
                .abbreviation()
                .map(str::to_owned);
            out.push(Change {
                local: (hi + Duration::seconds(i64::from(offset))).naive_utc(),
                from: offset,
                to: now,
                name,
            });
            offset = now;
        }
        before = next;
        if next.year() > year {
            break;
        }
    }
    out
}

/// `-0500`, `+0530`, `+034408`
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day())
}

/// The `n`th `weekday` of a month (`-1`: its last).
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: i32) -> Option<NaiveDate> {
    if n < 0 {
        let last = NaiveDate::from_ymd_opt(year, month, days_in_month(year, month))?;
        let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        return last.checked_sub_signed(Duration::days(i64::from(back)));
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let ahead = (7 + weekday.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    first.checked_add_signed(Duration::days(i64::from(ahead) + 7 * i64::from(n - 1)))
}

fn weekday_code(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// The VTIMEZONE component of `tz` as of `year`, CRLF-terminated lines.
pub fn vtimezone(tz: Tz, year: i32) -> String {
    let mut lines = vec!["BEGIN:VTIMEZONE".to_owned(), format!("TZID:{}", tz.name())];
    let changes = changes(tz, year);
    if changes.is_empty() {
        let offset = Utc
            .with_ymd_and_hms(year, 7, 1, 0, 0, 0)
            .single()
            .map_or(0, |t| offset_at(tz, t));
        lines.extend([
            "BEGIN:STANDARD".to_owned(),
            "DTSTART:19700101T000000".to_owned(),
            format!("TZOFFSETFROM:{}", offset_text(offset)),
            format!("TZOFFSETTO:{}", offset_text(offset)),
            "END:STANDARD".to_owned(),
        ]);
    }
    for change in &changes {
        let kind = if change.to > change.from {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        let date = change.local.date();
        let (month, weekday) = (date.month(), date.weekday());
        let n = if date.day() + 7 > days_in_month(year, month) {
            -1
        } else {
            (date.day() as i32 - 1) / 7 + 1
        };
        // the rule's first onset, in 1970, so every date since has its offset
        let first = nth_weekday(1970, month, weekday, n).map_or(change.local, |d| d.and_time(change.local.time()));
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", first.format("%Y%m%dT%H%M%S")));
        lines.push(format!(
            "RRULE:FREQ=YEARLY;BYMONTH={month};BYDAY={n}{}",
            weekday_code(weekday)
        ));
        lines.push(format!("TZOFFSETFROM:{}", offset_text(change.from)));
        lines.push(format!("TZOFFSETTO:{}", offset_text(change.to)));
        if let Some(name) = change
            .name
            .as_deref()
            .filter(|n| n.chars().all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-'))
        {
            lines.push(format!("TZNAME:{name}"));
        }
        lines.push(format!("END:{kind}"));
    }
    lines.push("END:VTIMEZONE".to_owned());
    lines.iter().map(|l| format!("{l}\r\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zone_with_daylight_saving_has_both_rules() {
        let text = vtimezone(chrono_tz::America::New_York, 2026);
        for line in [
            "TZID:America/New_York",
            "BEGIN:DAYLIGHT",
            "DTSTART:19700308T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
            "TZOFFSETFROM:-0500",
            "TZOFFSETTO:-0400",
            "TZNAME:EDT",
            "BEGIN:STANDARD",
            "DTSTART:19701101T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
            "TZNAME:EST",
        ] {
            assert!(text.contains(&format!("{line}\r\n")), "{line} in\n{text}");
        }
        // Europe: the last Sunday of March and of October, at 01:00 UTC
        let text = vtimezone(chrono_tz::Europe::Berlin, 2026);
        assert!(text.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"), "{text}");
        assert!(text.contains("DTSTART:19700329T020000\r\n"), "{text}");
        assert!(text.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"), "{text}");
        assert!(text.contains("DTSTART:19701025T030000\r\n"), "{text}");
        // the southern hemisphere: daylight saving from October to April
        let text = vtimezone(chrono_tz::Australia::Sydney, 2026);
        assert!(text.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\r\n"), "{text}");
        assert!(text.contains("TZOFFSETTO:+1100\r\n"), "{text}");
    }

    #[test]
    fn a_zone_without_daylight_saving_has_one_offset() {
        let text = vtimezone(chrono_tz::Asia::Kolkata, 2026);
        assert!(text.contains("TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\n"), "{text}");
        assert!(!text.contains("DAYLIGHT") && !text.contains("RRULE"), "{text}");
        assert!(vtimezone(chrono_tz::Asia::Tokyo, 2026).contains("TZOFFSETTO:+0900\r\n"));
    }
}
