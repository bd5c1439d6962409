//! Times as people read them. `now` is passed in, so output is stable in tests.

use std::fmt::Write;
use std::sync::OnceLock;

use chrono::{DateTime, Local, TimeZone, Utc};

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

/// How full dates are shown unless config.toml says otherwise.
pub const DEFAULT_DATE_FORMAT: &str = "%Y-%m-%d %H:%M";

/// config.toml's `date_format`, set once at start-up: a setting of the whole process, like the
/// local time zone it is shown in.
static DATE_FORMAT: OnceLock<String> = OnceLock::new();

/// Makes `format` (a strftime format, checked by the config) how full dates are shown from now on.
pub fn set_date_format(format: &str) {
    let _ = DATE_FORMAT.set(format.to_string());
}

/// How full dates are shown.
pub fn date_format() -> &'static str {
    DATE_FORMAT.get().map_or(DEFAULT_DATE_FORMAT, String::as_str)
}

/// A timestamp in the local time zone, in the date format.
pub fn local(time: DateTime<Utc>) -> String {
    formatted(&time.with_timezone(&Local), date_format())
}

/// `time` in `format`; the default format when `format` is not one (chrono would panic).
pub fn formatted<Tz: TimeZone>(time: &DateTime<Tz>, format: &str) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let mut text = String::new();
    if write!(text, "{}", time.format(format)).is_err() {
        text.clear();
        let _ = write!(text, "{}", time.format(DEFAULT_DATE_FORMAT));
    }
    text
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

    #[test]
    fn dates_follow_the_format_and_a_bad_one_falls_back() {
        let at = Utc.with_ymd_and_hms(2026, 3, 4, 5, 6, 0).unwrap();
        assert_eq!(formatted(&at, "%d/%m/%Y %H:%M"), "04/03/2026 05:06");
        assert_eq!(formatted(&at, "%Y-%Q"), "2026-03-04 05:06");
    }
}
