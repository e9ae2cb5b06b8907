//! Timestamps on the wire: RFC 3339 in UTC, exactly as chrono's serde writes them
//! (`2026-11-21T13:50:24.529Z`; no fraction when it is zero), but written into a small buffer
//! instead of through `fmt` one character at a time — that was a tenth of the tasks list's CPU.
//! Reading them back is chrono's.
use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::{Serialize, Serializer};

/// For `#[serde(serialize_with = "timestamp::serialize")]`.
pub fn serialize<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    let mut buf = [0u8; 30];
    match write(at, &mut buf) {
        Some(len) => match std::str::from_utf8(&buf[..len]) {
            Ok(text) => serializer.serialize_str(text),
            Err(_) => at.serialize(serializer),
        },
        None => at.serialize(serializer),
    }
}

/// For `Option<DateTime<Utc>>` fields.
pub fn serialize_opt<S: Serializer>(at: &Option<DateTime<Utc>>, serializer: S) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => serialize(at, serializer),
        None => serializer.serialize_none(),
    }
}

/// Writes `at` into `buf` and returns the length; `None` for what chrono writes differently
/// (years outside 0..=9999, leap seconds), which then goes through chrono.
fn write(at: &DateTime<Utc>, buf: &mut [u8; 30]) -> Option<usize> {
    let t = at.naive_utc();
    let year = u32::try_from(t.year()).ok().filter(|y| *y <= 9999)?;
    let nanos = t.nanosecond();
    if nanos >= 1_000_000_000 {
        return None;
    }
    digits(&mut buf[0..4], year);
    buf[4] = b'-';
    digits(&mut buf[5..7], t.month());
    buf[7] = b'-';
    digits(&mut buf[8..10], t.day());
    buf[10] = b'T';
    digits(&mut buf[11..13], t.hour());
    buf[13] = b':';
    digits(&mut buf[14..16], t.minute());
    buf[16] = b':';
    digits(&mut buf[17..19], t.second());
    let mut len = 19;
    // chrono's SecondsFormat::AutoSi: none, milli, micro or nano digits, as few as exact
    let (value, width) = match nanos {
        0 => (0, 0),
        n if n % 1_000_000 == 0 => (n / 1_000_000, 3),
        n if n % 1_000 == 0 => (n / 1_000, 6),
        n => (n, 9),
    };
    if width > 0 {
        buf[len] = b'.';
        digits(&mut buf[len + 1..len + 1 + width], value);
        len += 1 + width;
    }
    buf[len] = b'Z';
    Some(len + 1)
}

/// `value` as decimal digits, zero-padded to the width of `out`.
fn digits(out: &mut [u8], mut value: u32) {
    for slot in out.iter_mut().rev() {
        // value % 10 < 10, so the cast cannot truncate
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[derive(Serialize)]
    struct Ours(#[serde(serialize_with = "serialize")] DateTime<Utc>);

    #[test]
    fn writes_what_chrono_writes() {
        let mut cases = vec![
            Utc.with_ymd_and_hms(2026, 11, 21, 13, 50, 24).unwrap(),
            Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(10000, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(-5, 3, 1, 0, 0, 0).unwrap(),
        ];
        let base = Utc.with_ymd_and_hms(2026, 2, 28, 23, 59, 59).unwrap();
        for nanos in [
            1,
            999_999_999,
            529_000_000,
            5_000_000,
            120_000,
            7_000,
            123_456_789,
            1_000_000,
        ] {
            cases.push(base + chrono::Duration::nanoseconds(nanos));
        }
        // a spread of instants with millisecond precision, like the ones we store
        let mut ms: i64 = -62_000_000_000_000;
        while ms < 253_000_000_000_000 {
            cases.push(DateTime::from_timestamp_millis(ms).unwrap());
            ms += 7_777_777_777_777 / 3 + 13;
        }
        for at in cases {
            assert_eq!(
                serde_json::to_string(&Ours(at)).unwrap(),
                serde_json::to_string(&at).unwrap(),
                "{at:?}"
            );
        }
        assert_eq!(
            serde_json::to_string(&Ours(
                Utc.with_ymd_and_hms(2026, 11, 21, 13, 5, 4).unwrap() + chrono::Duration::milliseconds(29)
            ))
            .unwrap(),
            "\"2026-11-21T13:05:04.029Z\""
        );
    }
}
