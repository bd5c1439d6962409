//! The line above each message: who spoke, through which agent or model, and when.

use chrono::{DateTime, Datelike, FixedOffset, Utc};

use super::clean::clean;
use super::source::ParsedEvent;
use crate::content::{Block, Role};
use crate::tui::theme::Tone;

/// Who an event is from, judged by its first block that is not reasoning (reasoning comes
/// before the answer it belongs to).
pub(super) fn speaker(blocks: &[Block]) -> (&'static str, Tone) {
    let telling = blocks.iter().find(|b| !matches!(b, Block::Reasoning { .. })).or(blocks.first());
    match telling {
        Some(Block::Text { role: Role::User, .. }) => ("You", Tone::RoleUser),
        Some(Block::Text { role: Role::Assistant, .. } | Block::ToolCall { .. }) => ("Assistant", Tone::RoleAssistant),
        Some(Block::Text { role: Role::System, .. } | Block::Handoff { .. }) => ("System", Tone::RoleSystem),
        Some(Block::Text { role: Role::Tool, .. } | Block::ToolResult { .. }) => ("Tool", Tone::RoleTool),
        Some(Block::Text { role: Role::Context, .. }) => ("Context", Tone::RoleContext),
        Some(Block::Reasoning { .. }) => ("Reasoning", Tone::RoleReasoning),
        Some(Block::Raw { .. }) | None => ("Event", Tone::RoleOther),
    }
}

/// Local time, as precise as it needs to be next to `now`: the time today, the day this year,
/// the full date before that. `now` carries the time zone to show.
pub(super) fn format_time(at: DateTime<Utc>, now: DateTime<FixedOffset>) -> String {
    let local = at.with_timezone(&now.timezone());
    if local.date_naive() == now.date_naive() {
        local.format("%H:%M").to_string()
    } else if local.year() == now.year() {
        local.format("%b %-d %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// The header's runs: role, label when known, time.
pub(super) fn header_runs(event: &ParsedEvent, now: DateTime<FixedOffset>) -> Vec<(String, Tone)> {
    let (role, tone) = speaker(&event.blocks);
    let mut runs = vec![(role.to_owned(), tone)];
    if let Some(label) = event.label.as_deref().map(clean).filter(|l| !l.trim().is_empty()) {
        // A label is a name: a newline in it would break the one-line header.
        runs.push((format!(" · {}", label.replace('\n', " ")), Tone::HeaderLabel));
    }
    runs.push((format!(" · {}", format_time(event.created_at, now)), Tone::HeaderTime));
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn time_is_as_precise_as_needed_in_the_given_zone() {
        let zone = FixedOffset::east_opt(2 * 3600).unwrap();
        let now = zone.with_ymd_and_hms(2025, 6, 15, 12, 0, 0).unwrap();
        let utc = |m, d, h| Utc.with_ymd_and_hms(2025, m, d, h, 5, 0).unwrap();
        assert_eq!(format_time(utc(6, 15, 8), now), "10:05");
        assert_eq!(format_time(utc(6, 14, 23), now), "01:05");
        assert_eq!(format_time(utc(3, 2, 8), now), "Mar 2 10:05");
        let last_year = Utc.with_ymd_and_hms(2024, 12, 31, 8, 0, 0).unwrap();
        assert_eq!(format_time(last_year, now), "2024-12-31 10:00");
    }
}
