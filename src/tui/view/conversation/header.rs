//! The line above each message: who spoke, through which agent or model, and when.

use chrono::{DateTime, Datelike, FixedOffset, Utc};

use super::clean::clean;
use super::grapheme::cell_width;
use super::source::ParsedEvent;
use crate::content::{Block, Role};
use crate::tui::theme::Tone;
use crate::tui::view::fit::truncate;

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
        crate::time::formatted(&local, crate::time::date_format())
    }
}

/// The header's runs in `width` cells: role, label when known, time, then the tokens of the
/// model call when known and there is room for them whole. When they do not fit,
/// the label (a model or agent name, often long) is cut first, with an ellipsis, then left
/// out; whatever is cut after that ends in an ellipsis too.
pub(super) fn header_runs(event: &ParsedEvent, now: DateTime<FixedOffset>, width: usize) -> Vec<(String, Tone)> {
    let (role, tone) = speaker(&event.blocks);
    let time = (format!(" · {}", format_time(event.created_at, now)), Tone::HeaderTime);
    let role = (role.to_owned(), tone);
    let fixed = cell_width(&role.0) + cell_width(&time.0);
    // A label is a name: a newline in it would break the one-line header.
    let label = event.label.as_deref().map(clean).filter(|l| !l.trim().is_empty()).map(|l| l.replace('\n', " "));
    let label = label.and_then(|label| {
        let room = width.saturating_sub(fixed + cell_width(LABEL_SEPARATOR));
        (cell_width(&label) <= room || room >= MIN_LABEL_CELLS)
            .then(|| (format!("{LABEL_SEPARATOR}{}", truncate(&label, room)), Tone::HeaderLabel))
    });
    let mut runs: Vec<(String, Tone)> = std::iter::once(role).chain(label).chain(std::iter::once(time)).collect();
    // The call's tokens, dimmed like the time, only when they fit whole: they go before the label.
    if let Some(usage) = event.usage.filter(|u| !u.is_empty()) {
        let usage = format!("{LABEL_SEPARATOR}{}", usage.summary());
        let used: usize = runs.iter().map(|(text, _)| cell_width(text)).sum();
        if used + cell_width(&usage) <= width {
            runs.push((usage, Tone::HeaderTime));
        }
    }
    cut_runs(runs, width)
}

/// `runs` in `width` cells; when cut, the last cell is an ellipsis in the cut run's tone.
fn cut_runs(runs: Vec<(String, Tone)>, width: usize) -> Vec<(String, Tone)> {
    let mut left = width;
    let mut fitted: Vec<(String, Tone)> = Vec::new();
    for (text, tone) in runs {
        let run_width = cell_width(&text);
        if run_width <= left {
            left -= run_width;
            fitted.push((text, tone));
            continue;
        }
        if left > 0 {
            fitted.push((truncate(&text, left), tone));
        } else if let Some((last, _)) = fitted.last_mut() {
            // The runs before filled the row exactly: the ellipsis takes the last cell of theirs.
            *last = truncate(&format!("{last}…"), cell_width(last));
        }
        break;
    }
    fitted
}

const LABEL_SEPARATOR: &str = " · ";
/// A label cut shorter than this says nothing: it is left out instead.
const MIN_LABEL_CELLS: usize = 6;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Usage;
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

    fn header_text(label: Option<&str>, width: usize) -> String {
        header_with_usage(label, None, width)
    }

    fn header_with_usage(label: Option<&str>, usage: Option<Usage>, width: usize) -> String {
        let zone = FixedOffset::east_opt(0).unwrap();
        let now = zone.with_ymd_and_hms(2025, 6, 15, 12, 0, 0).unwrap();
        let at = Utc.with_ymd_and_hms(2025, 3, 2, 10, 5, 0).unwrap();
        let blocks = vec![Block::Text { role: Role::Assistant, text: "hi".into() }];
        let event =
            ParsedEvent { seq: 1, created_at: at, label: label.map(str::to_owned), blocks: blocks.into(), usage };
        header_runs(&event, now, width).into_iter().map(|(text, _)| text).collect()
    }

    #[test]
    fn a_header_too_wide_cuts_the_label_first_and_says_so() {
        let label = Some("claude-opus-5-5");
        assert_eq!(header_text(label, 80), "Assistant · claude-opus-5-5 · Mar 2 10:05");
        assert_eq!(header_text(label, 36), "Assistant · claude-op… · Mar 2 10:05");
        assert_eq!(header_text(label, 30), "Assistant · Mar 2 10:05", "a label of a few letters is left out");
        assert_eq!(header_text(label, 15), "Assistant · Ma…");
        assert_eq!(header_text(None, 11), "Assistant…");
        assert_eq!(header_text(None, 9), "Assistan…", "the role filled the row; the cut still shows");
    }

    #[test]
    fn a_reply_shows_its_tokens_when_they_fit_whole() {
        let usage = Some(Usage { input: 1_500, output: 40, cache_read: 77_000, cache_write: 3_000 });
        let label = Some("claude-opus-5-5");
        assert_eq!(
            header_with_usage(label, usage, 80),
            "Assistant · claude-opus-5-5 · Mar 2 10:05 · 1.5k in · 40 out · 80k cache"
        );
        assert_eq!(header_with_usage(label, usage, 60), "Assistant · claude-opus-5-5 · Mar 2 10:05");
        assert_eq!(header_with_usage(label, Some(Usage::default()), 80), "Assistant · claude-opus-5-5 · Mar 2 10:05");
    }
}
