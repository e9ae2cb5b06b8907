//! Timestamps on the wire: RFC 3339 in UTC, exactly as chrono's serde writes them
//! (`2026-11-21T13:50:24.529Z`; no fraction when it is zero), but written into a small buffer
//! instead of through `fmt` one character at a time — that was a tenth of the tasks list's CPU.
//! Read back by a small reader of RFC 3339 too (any offset, up to nine fraction digits): chrono's
//! general parser was, with the formatting it pulls in, a sizeable part of the browser bundle's
//! decoding code. The server falls back to chrono's reader for anything else chrono accepts (a
//! hand-edited export, years past 9999); the browser only reads what the server wrote.
//!
//! `#[serde(with = "timestamp")]`, or `#[serde(default, with = "timestamp::opt")]`.
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Timelike, Utc};
use serde::{Deserializer, Serialize, Serializer};

/// Writes `at` as chrono's serde does.
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

/// Reads an RFC 3339 date-time into UTC.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(Reader)
}

/// For `Option<DateTime<Utc>>` fields (with `#[serde(default)]`, so a missing one is `None`).
pub mod opt {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &Option<DateTime<Utc>>, serializer: S) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => super::serialize(at, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        #[derive(Deserialize)]
        struct At(#[serde(with = "super")] DateTime<Utc>);
        Ok(Option::<At>::deserialize(deserializer)?.map(|At(at)| at))
    }
}

struct Reader;

impl serde::de::Visitor<'_> for Reader {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an RFC 3339 date-time")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
        if let Some(at) = parse(text) {
            return Ok(at);
        }
        #[cfg(feature = "ssr")]
        if let Ok(at) = text.parse::<DateTime<Utc>>() {
            return Ok(at);
        }
        Err(E::invalid_value(serde::de::Unexpected::Str(text), &self))
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, `T` or a space between date and time.
fn parse(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = b.get(range)?;
        digits
            .iter()
            .try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let sep = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)?;
    let mut i = 19;
    let mut nanos = 0;
    if sep(i, b".") {
        let start = i + 1;
        let end = start + b[start..].iter().take_while(|d| d.is_ascii_digit()).count();
        if end == start || end - start > 9 {
            return None;
        }
        let digits = u32::try_from(end - start).ok()?;
        nanos = num(start..end)? * 10u32.pow(9 - digits);
        i = end;
    }
    let local = date.and_hms_nano_opt(num(11..13)?, num(14..16)?, num(17..19)?, nanos)?;
    let offset_minutes = match b.get(i..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (hours, minutes) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let total = i64::from(hours * 60 + minutes);
            if *sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return None,
    };
    Some(local.checked_sub_signed(TimeDelta::minutes(offset_minutes))?.and_utc())
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

    #[derive(Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Ours(#[serde(with = "super")] DateTime<Utc>);

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Maybe {
        #[serde(default, with = "super::opt")]
        at: Option<DateTime<Utc>>,
    }

    /// What chrono's serde reads `text` as.
    fn chrono_reads(text: &str) -> Option<DateTime<Utc>> {
        serde_json::from_value::<DateTime<Utc>>(serde_json::Value::String(text.to_owned())).ok()
    }

    #[test]
    fn reads_what_chrono_reads() {
        let mut texts: Vec<String> = [
            "2026-11-21T13:50:24Z",
            "2026-11-21T13:50:24.529Z",
            "2026-11-21T13:50:24.5Z",
            "2026-11-21T13:50:24.123456789Z",
            "2026-11-21t13:50:24z",
            "2026-11-21 13:50:24Z",
            "2026-11-21T13:50:24+05:30",
            "2026-11-21T01:50:24-09:45",
            "2026-01-01T00:30:00+01:00",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z",
            "2024-02-29T12:00:00Z",
        ]
        .map(str::to_owned)
        .to_vec();
        // what only chrono's reader reads: the server's fallback
        if cfg!(feature = "ssr") {
            texts.extend(["+10000-01-01T00:00:00Z".to_owned(), "2026-11-21T13:50:60Z".to_owned()]);
        }
        let mut ms: i64 = -62_000_000_000_000;
        while ms < 253_000_000_000_000 {
            texts.push(
                serde_json::to_value(DateTime::from_timestamp_millis(ms).expect("in range"))
                    .expect("valid")
                    .as_str()
                    .expect("valid")
                    .to_owned(),
            );
            ms += 7_777_777_777_777 / 3 + 13;
        }
        for text in &texts {
            let ours = serde_json::from_value::<Ours>(serde_json::Value::String(text.clone()))
                .ok()
                .map(|o| o.0);
            assert_eq!(ours, chrono_reads(text), "{text}");
            assert!(ours.is_some(), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_date_time() {
        for text in [
            "",
            "2026-11-21",
            "2026-11-21T13:50:24",
            "2026-11-21T13:50Z",
            "2026-02-30T00:00:00Z",
            "2026-11-21T24:00:00Z",
            "2026-11-21T13:50:24.Z",
            "2026-11-21T13:50:24.1234567891Z",
            "2026-11-21T13:50:24+24:00",
            "2026-11-21T13:50:24+0530",
            "2026-11-21T13:50:24ZZ",
            "2O26-11-21T13:50:24Z",
            "２０２６-11-21T13:50:24Z",
        ] {
            assert!(parse(text).is_none(), "{text}");
            assert_eq!(
                serde_json::from_value::<Ours>(serde_json::Value::String(text.to_owned())).ok(),
                chrono_reads(text).map(Ours),
                "{text}"
            );
        }
        assert!(serde_json::from_str::<Ours>("12").is_err());
        assert_eq!(serde_json::from_str::<Maybe>("{}").expect("valid"), Maybe { at: None });
        assert_eq!(
            serde_json::from_str::<Maybe>(r#"{"at":null}"#).expect("valid"),
            Maybe { at: None }
        );
        assert_eq!(
            serde_json::from_str::<Maybe>(r#"{"at":"2026-11-21T13:50:24Z"}"#)
                .expect("valid")
                .at,
            Utc.with_ymd_and_hms(2026, 11, 21, 13, 50, 24).single()
        );
    }

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
