//! The dark theme's styles, which are also the default, and what the no-colour theme keeps
//! of them (bold, italic, underline) when `colour` is false.

use ratatui::style::{Color, Modifier, Style};

use super::{CodeStyles, Theme};

impl Theme {
    /// Every style; with `colour` false, the foreground colours are left out (the fields that
    /// also set a background are replaced by [`Theme::without_colour`]).
    pub(super) fn palette(colour: bool) -> Theme {
        let fg = |color| if colour { Style::new().fg(color) } else { Style::new() };
        Theme {
            role_user: fg(Color::LightBlue).add_modifier(Modifier::BOLD),
            role_assistant: fg(Color::LightGreen).add_modifier(Modifier::BOLD),
            role_system: fg(Color::LightMagenta).add_modifier(Modifier::BOLD),
            role_tool: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            role_reasoning: fg(Color::DarkGray).add_modifier(Modifier::BOLD | Modifier::ITALIC),
            role_context: fg(Color::Gray).add_modifier(Modifier::BOLD),
            role_other: fg(Color::Magenta).add_modifier(Modifier::BOLD),
            header_label: fg(Color::Gray),
            header_time: fg(Color::DarkGray),

            user_text: Style::new(),
            assistant_text: Style::new(),
            system_text: fg(Color::LightMagenta),
            context_text: fg(Color::Gray),
            tool_text: fg(Color::Gray),

            heading: fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            marker: fg(Color::Blue),
            inline_code: fg(Color::LightYellow),
            code_block: fg(Color::LightYellow),
            code_frame: fg(Color::DarkGray),
            // Named colours only, like the rest: right on dark and light terminals and on
            // 16-colour ones.
            code: CodeStyles {
                plain: Style::new(),
                comment: fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
                string: fg(Color::Green),
                constant: fg(Color::LightRed),
                keyword: fg(Color::LightMagenta),
                function: fg(Color::LightBlue),
                kind: fg(Color::Cyan),
                tag: fg(Color::LightBlue),
                attribute: fg(Color::Yellow),
            },
            quote: fg(Color::Gray).add_modifier(Modifier::ITALIC),
            link: fg(Color::LightBlue).add_modifier(Modifier::UNDERLINED),
            link_url: fg(Color::DarkGray),

            tool_call_title: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            tool_arguments: fg(Color::Yellow),
            tool_result_title: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            tool_output: fg(Color::Gray),
            error_title: fg(Color::LightRed).add_modifier(Modifier::BOLD),
            error_output: fg(Color::Red),
            reasoning: fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            raw_title: fg(Color::Magenta).add_modifier(Modifier::ITALIC),
            raw_json: fg(Color::Gray),
            handoff: fg(Color::LightMagenta).add_modifier(Modifier::BOLD),

            diff_path: fg(Color::White).add_modifier(Modifier::BOLD),
            diff_hunk: fg(Color::Cyan),
            diff_added: fg(Color::Green),
            diff_removed: fg(Color::Red),
            diff_context: fg(Color::Gray),
            command: fg(Color::LightYellow).add_modifier(Modifier::BOLD),

            dim: fg(Color::DarkGray),
            fold_summary: fg(Color::DarkGray).add_modifier(Modifier::ITALIC),

            selected_header: Style::new().add_modifier(Modifier::REVERSED),
            selected_block: fg(Color::LightYellow),
            selected_message: fg(Color::DarkGray),
            search_match: Style::new().fg(Color::Black).bg(Color::Yellow),

            pane_header: fg(Color::Gray).bg(Color::Black),
            pane_header_focused: fg(Color::White).bg(Color::Blue).add_modifier(Modifier::BOLD),
            pane_header_meta: Style::new().remove_modifier(Modifier::BOLD),
            divider: fg(Color::DarkGray),
            sidebar_title: Style::new(),
            sidebar_meta: fg(Color::DarkGray),
            sidebar_selected_focused: fg(Color::Black).bg(Color::LightCyan),
            sidebar_selected: Style::new().bg(Color::DarkGray),
            status: fg(Color::Gray).bg(Color::Black),
            status_message: fg(Color::Black).bg(Color::LightGreen),
            status_error: fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD),
            status_keys: fg(Color::Gray).bg(Color::Black),
            popup: Style::new(),
            popup_border: fg(Color::LightCyan),
            help_key: fg(Color::LightYellow).add_modifier(Modifier::BOLD),
        }
    }
}
