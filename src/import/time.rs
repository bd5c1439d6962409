//! The many ways the sources write a moment, all read as UTC.

use std::path::Path;
use std::time::SystemTime;

use chrono::{DateTime, NaiveDateTime, Utc};

/// RFC 3339 / ISO 8601 with or without an offset (naive times are UTC in every source we read),
/// SQLite's `YYYY-MM-DD HH:MM:SS[.f]`, or unix seconds / milliseconds as text.
pub(crate) fn parse(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    if let Some(t) = sqlite_timestamp(text) {
        return Some(t);
    }
    for layout in ["%Y-%m-%d %H:%M:%S%.f%:z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%dT%H:%M:%S%.f%z"] {
        if let Ok(t) = DateTime::parse_from_str(text, layout) {
            return Some(t.with_timezone(&Utc));
        }
    }
    for layout in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, layout) {
            return Some(t.and_utc());
        }
    }
    text.parse::<f64>().ok().and_then(from_unix)
}

/// SQLite's `CURRENT_TIMESTAMP` layout, `YYYY-MM-DD HH:MM:SS` with an optional fraction:
/// what most SQLite sources write, read here without trying each layout of `parse` in turn,
/// which was a tenth of an Agents SDK import.
fn sqlite_timestamp(text: &str) -> Option<DateTime<Utc>> {
    let bytes = text.as_bytes();
    let layout_ok = bytes.len() >= 19
        && [4, 7].iter().all(|&i| bytes[i] == b'-')
        && matches!(bytes[10], b' ' | b'T')
        && [13, 16].iter().all(|&i| bytes[i] == b':');
    if !layout_ok {
        return None;
    }
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let number = |range: std::ops::Range<usize>| text.get(range).filter(|d| digits(d))?.parse::<u32>().ok();
    let date = chrono::NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)?;
    let nanos = match text.get(19..)? {
        "" => 0,
        fraction => {
            let fraction = fraction.strip_prefix('.').filter(|d| d.len() <= 9 && digits(d))?;
            fraction.parse::<u32>().ok()? * 10u32.pow(9 - fraction.len() as u32)
        }
    };
    let time = chrono::NaiveTime::from_hms_nano_opt(number(11..13)?, number(14..16)?, number(17..19)?, nanos)?;
    Some(date.and_time(time).and_utc())
}

/// Unix time in seconds, or in milliseconds when the number is too large to be seconds.
pub(crate) fn from_unix(value: f64) -> Option<DateTime<Utc>> {
    if !value.is_finite() {
        return None;
    }
    let millis = if value.abs() > 1e11 { value } else { value * 1000.0 };
    DateTime::from_timestamp_millis(millis as i64)
}

/// When a file was last written: the fallback for sources that keep no times at all.
pub(crate) fn modified(path: &Path) -> DateTime<Utc> {
    std::fs::metadata(path).and_then(|m| m.modified()).unwrap_or(SystemTime::UNIX_EPOCH).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_layout_the_sources_use() {
        let expect = "2026-11-21T13:58:04Z";
        for text in [
            "2026-11-21 13:58:04",
            "2026-11-21T13:58:04Z",
            "2026-11-21T13:58:04.000Z",
            "2026-11-21 13:58:04.000000",
            "2026-11-21 13:58:04+00:00",
            "2026-11-21T13:58:04+00:00",
            "2026-11-21T15:58:04+02:00",
            "1795269484",
        ] {
            let parsed = parse(text).map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
            assert_eq!(parsed.as_deref(), Some(expect), "{text}");
        }
        assert_eq!(parse("1795269484000"), parse("1795269484"));
        let fraction = parse("2026-11-21 13:58:04.25").map(|t| t.timestamp_millis() % 1000);
        assert_eq!(fraction, Some(250));
        assert_eq!(parse("2026-13-21 13:58:04"), None);
        assert_eq!(parse("2026-11-21 13:58:04.+1"), None);
        assert_eq!(parse("yesterday"), None);
    }

    #[test]
    fn a_letter_across_the_seconds_is_not_a_time_and_no_panic() {
        for text in ["2024-01-01 12:00:0é", "2024-01-01 12:00:é", "2024-01-01T12:00:00é", "2024-01-01 12:00:0😀0"]
        {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
