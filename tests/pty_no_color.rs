//! `NO_COLOR=1`: the browser writes no colour escape sequence at all, and stays usable (the
//! selection and the focused pane still stand out, by reverse video and bold).

mod pty_support;

use pty_support::{Fixture, Tui};

/// The colour parameters of every SGR sequence (`ESC [ ... m`) in `raw`: 30–38, 40–48,
/// 90–97, 100–107, with 38/48 taking the colour that follows. 39 and 49 (the terminal's own
/// colours) are not colours.
fn colour_codes(raw: &str) -> Vec<String> {
    let mut found = Vec::new();
    for sequence in raw.split("\x1b[").skip(1) {
        let params: String =
            sequence.chars().take_while(|ch| ch.is_ascii_digit() || *ch == ';' || *ch == ':').collect();
        if !sequence[params.len()..].starts_with('m') {
            continue;
        }
        for param in params.split([';', ':']) {
            if let Ok(code) = param.parse::<u32>()
                && matches!(code, 30..=38 | 40..=48 | 90..=97 | 100..=107)
            {
                found.push(format!("ESC[{params}m"));
                break;
            }
        }
    }
    found
}

fn browse(env: &[(&str, &str)]) -> String {
    let fixture = Fixture::new();
    fixture.two_sessions();
    let mut tui = Tui::launch(&fixture.db, fixture.dir.path(), 100, 30, env);
    tui.step("launch");
    tui.wait_for("the first frame", |s| s.conversation().contains("newest message 60 of 60"));
    tui.step("search");
    tui.keys("/older");
    tui.wait_for("the search prompt", |s| s.status().contains("/older"));
    tui.keys("\r");
    tui.settle();
    tui.keys("\x1bq");
    assert!(tui.wait_exit().success());
    tui.raw_text()
}

#[test]
fn no_color_writes_no_colour_codes_but_keeps_reverse_video() {
    let raw = browse(&[("NO_COLOR", "1")]);
    assert_eq!(colour_codes(&raw), Vec::<String>::new());
    assert!(raw.contains("\x1b[7m"), "the selection is shown in reverse video");
    // Without NO_COLOR the same session is in colour: the check above can fail.
    assert!(!colour_codes(&browse(&[])).is_empty());
}

#[test]
fn colour_codes_are_recognised() {
    assert_eq!(colour_codes("\x1b[1;31mred\x1b[0m\x1b[39m\x1b[7m"), ["ESC[1;31m"]);
    assert_eq!(colour_codes("\x1b[38;5;200mx\x1b[2J\x1b[48:2:1:2:3m"), ["ESC[38;5;200m", "ESC[48:2:1:2:3m"]);
    assert!(colour_codes("\x1b[0m\x1b[1m\x1b[39;49m\x1b[31;1H").is_empty());
}
