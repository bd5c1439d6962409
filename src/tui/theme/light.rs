//! The light theme: the dark one's styles with each colour swapped for one that reads on a
//! light background (the bright colours and grey wash out on white).

use ratatui::style::{Color, Style};

use super::{STYLE_NAMES, Theme};

/// On a light background: bright colours become their darker selves, yellow becomes a dark
/// amber from the 256-colour palette, greys darken, white text turns black.
fn foreground(colour: Color) -> Color {
    match colour {
        Color::LightBlue => Color::Blue,
        Color::LightGreen => Color::Green,
        Color::LightMagenta => Color::Magenta,
        Color::LightCyan => Color::Cyan,
        Color::LightRed => Color::Red,
        Color::LightYellow => Color::Indexed(130),
        Color::Yellow => Color::Indexed(136),
        Color::Gray => Color::DarkGray,
        Color::DarkGray => Color::Indexed(244),
        Color::White => Color::Black,
        other => other,
    }
}

/// Bars drawn black or dark grey on a dark terminal are light grey on a light one.
fn background(colour: Color) -> Color {
    match colour {
        Color::Black => Color::Indexed(254),
        Color::DarkGray => Color::Indexed(252),
        Color::LightCyan => Color::Indexed(153),
        other => other,
    }
}

impl Theme {
    /// The built-in theme for light terminals.
    pub fn light() -> Theme {
        let mut theme = Theme::dark();
        for name in STYLE_NAMES {
            if let Some(style) = theme.style_mut(name) {
                *style = for_light(*style);
            }
        }
        theme
    }
}

fn for_light(style: Style) -> Style {
    match style.bg {
        // Text on a bar of its own colour keeps its colour (white on blue, black on yellow)
        // unless the bar turns light.
        Some(bg) => {
            let new_bg = background(bg);
            let fg = style.fg.map(|fg| if new_bg == bg { fg } else { foreground(fg) });
            Style { fg, bg: Some(new_bg), ..style }
        }
        None => Style { fg: style.fg.map(foreground), ..style },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_text_has_no_washed_out_colours_and_keeps_its_emphasis() {
        let (dark, light) = (Theme::dark(), Theme::light());
        let washed_out =
            [Color::LightBlue, Color::LightGreen, Color::LightYellow, Color::Yellow, Color::Gray, Color::White];
        for name in STYLE_NAMES {
            let style = light.clone().style_mut(name).copied().expect("a style");
            if style.bg.is_none() {
                assert!(!style.fg.is_some_and(|fg| washed_out.contains(&fg)), "{name}: {style:?}");
            }
            let before = dark.clone().style_mut(name).copied().expect("a style");
            assert_eq!(style.add_modifier, before.add_modifier, "{name} keeps bold, italic and so on");
        }
        assert_eq!(light.role_user, dark.role_user.fg(Color::Blue));
        assert_eq!(light.status, Style::new().fg(Color::DarkGray).bg(Color::Indexed(254)));
        assert_eq!(light.pane_header_focused, dark.pane_header_focused, "white on blue reads on any terminal");
        assert_ne!(light, dark);
    }
}
