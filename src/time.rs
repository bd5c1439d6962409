//! Times as people read them. `now` is passed in, so output is stable in tests.

use chrono::{DateTime, Local, Utc};

/// "just now", "5m ago", "3h ago", "2d ago", then the date.
pub fn relative(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (now - then).num_seconds();
    match seconds {
        i64::MIN..=-60 => then.format("%Y-%m-%d").to_string(),
        -59..=44 => "just now".to_string(),
        45..=3_599 => format!("{}m ago", (seconds + 30) / 60),
        3_600..=86_399 => format!("{}h ago", seconds / 3_600),
        86_400..=2_591_999 => format!("{}d ago", seconds / 86_400),
        _ => then.format("%Y-%m-%d").to_string(),
    }
}

/// A timestamp in the local time zone, to the minute.
pub fn local(time: DateTime<Utc>) -> String {
    time.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn relative_times() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap();
        let ago = |secs| relative(now - chrono::Duration::seconds(secs), now);
        assert_eq!(ago(10), "just now");
        assert_eq!(ago(300), "5m ago");
        assert_eq!(ago(3 * 3600 + 5), "3h ago");
        assert_eq!(ago(2 * 86_400), "2d ago");
        assert_eq!(ago(90 * 86_400), "2026-08-23");
        assert_eq!(ago(-3600), "2026-11-21");
    }
}
