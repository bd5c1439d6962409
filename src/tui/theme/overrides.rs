//! Colours from `config.toml` over a built-in theme, by the style's field name.

use ratatui::style::Style;

use super::Theme;
use crate::config::ColourOverride;

/// Every style a config file may recolour: the names of [`Theme`]'s fields.
pub const STYLE_NAMES: &[&str] = &[
    "role_user",
    "role_assistant",
    "role_system",
    "role_tool",
    "role_reasoning",
    "role_context",
    "role_other",
    "header_label",
    "header_time",
    "user_text",
    "assistant_text",
    "system_text",
    "context_text",
    "tool_text",
    "heading",
    "marker",
    "inline_code",
    "code_block",
    "code_frame",
    "quote",
    "link",
    "link_url",
    "tool_call_title",
    "tool_arguments",
    "tool_result_title",
    "tool_output",
    "error_title",
    "error_output",
    "reasoning",
    "raw_title",
    "raw_json",
    "handoff",
    "diff_path",
    "diff_hunk",
    "diff_added",
    "diff_removed",
    "diff_context",
    "command",
    "dim",
    "fold_summary",
    "selected_header",
    "selected_block",
    "selected_message",
    "search_match",
    "pane_header",
    "pane_header_focused",
    "pane_header_meta",
    "divider",
    "sidebar_title",
    "sidebar_meta",
    "sidebar_selected_focused",
    "sidebar_selected",
    "status",
    "status_message",
    "status_error",
    "status_keys",
    "popup",
    "popup_border",
    "help_key",
];

impl Theme {
    /// This theme with `overrides` applied: each replaces the colours it names and keeps the
    /// style's bold, italic and so on.
    pub fn with_overrides(mut self, overrides: &[ColourOverride]) -> Theme {
        for colour in overrides {
            if let Some(style) = self.style_mut(&colour.name) {
                if let Some(fg) = colour.fg {
                    *style = style.fg(fg);
                }
                if let Some(bg) = colour.bg {
                    *style = style.bg(bg);
                }
            }
        }
        self
    }

    pub(super) fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "role_user" => &mut self.role_user,
            "role_assistant" => &mut self.role_assistant,
            "role_system" => &mut self.role_system,
            "role_tool" => &mut self.role_tool,
            "role_reasoning" => &mut self.role_reasoning,
            "role_context" => &mut self.role_context,
            "role_other" => &mut self.role_other,
            "header_label" => &mut self.header_label,
            "header_time" => &mut self.header_time,
            "user_text" => &mut self.user_text,
            "assistant_text" => &mut self.assistant_text,
            "system_text" => &mut self.system_text,
            "context_text" => &mut self.context_text,
            "tool_text" => &mut self.tool_text,
            "heading" => &mut self.heading,
            "marker" => &mut self.marker,
            "inline_code" => &mut self.inline_code,
            "code_block" => &mut self.code_block,
            "code_frame" => &mut self.code_frame,
            "quote" => &mut self.quote,
            "link" => &mut self.link,
            "link_url" => &mut self.link_url,
            "tool_call_title" => &mut self.tool_call_title,
            "tool_arguments" => &mut self.tool_arguments,
            "tool_result_title" => &mut self.tool_result_title,
            "tool_output" => &mut self.tool_output,
            "error_title" => &mut self.error_title,
            "error_output" => &mut self.error_output,
            "reasoning" => &mut self.reasoning,
            "raw_title" => &mut self.raw_title,
            "raw_json" => &mut self.raw_json,
            "handoff" => &mut self.handoff,
            "diff_path" => &mut self.diff_path,
            "diff_hunk" => &mut self.diff_hunk,
            "diff_added" => &mut self.diff_added,
            "diff_removed" => &mut self.diff_removed,
            "diff_context" => &mut self.diff_context,
            "command" => &mut self.command,
            "dim" => &mut self.dim,
            "fold_summary" => &mut self.fold_summary,
            "selected_header" => &mut self.selected_header,
            "selected_block" => &mut self.selected_block,
            "selected_message" => &mut self.selected_message,
            "search_match" => &mut self.search_match,
            "pane_header" => &mut self.pane_header,
            "pane_header_focused" => &mut self.pane_header_focused,
            "pane_header_meta" => &mut self.pane_header_meta,
            "divider" => &mut self.divider,
            "sidebar_title" => &mut self.sidebar_title,
            "sidebar_meta" => &mut self.sidebar_meta,
            "sidebar_selected_focused" => &mut self.sidebar_selected_focused,
            "sidebar_selected" => &mut self.sidebar_selected,
            "status" => &mut self.status,
            "status_message" => &mut self.status_message,
            "status_error" => &mut self.status_error,
            "status_keys" => &mut self.status_keys,
            "popup" => &mut self.popup,
            "popup_border" => &mut self.popup_border,
            "help_key" => &mut self.help_key,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};

    use super::*;

    #[test]
    fn every_listed_name_is_a_style_and_overrides_keep_modifiers() {
        let mut theme = Theme::default();
        for name in STYLE_NAMES {
            assert!(theme.style_mut(name).is_some(), "{name} names no style");
        }
        let overrides = [
            ColourOverride { name: "role_user".into(), fg: Some(Color::Rgb(1, 2, 3)), bg: None },
            ColourOverride { name: "search_match".into(), fg: None, bg: Some(Color::Indexed(200)) },
        ];
        let theme = theme.with_overrides(&overrides);
        assert_eq!(theme.role_user, Style::new().fg(Color::Rgb(1, 2, 3)).add_modifier(Modifier::BOLD));
        assert_eq!(theme.search_match, Style::new().fg(Color::Black).bg(Color::Indexed(200)));
    }
}
