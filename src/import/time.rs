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
        assert_eq!(parse("yesterday"), None);
    }
}
