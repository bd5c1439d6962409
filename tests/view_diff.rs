//! Edits drawn as diffs: frames at 80x24 and 40x12 for each agent's edit tool, with the
//! argument shapes of the real files in tests/fixtures/import, the colours of added and
//! removed lines, and `v` toggling the arguments as written.

mod view_support;

use ratatui::style::Color;
use recall::tui::theme::Theme;
use recall::tui::view::conversation::{EventSource, ParsedEvent, RawView};
use view_support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

/// Arguments as `content::parse` leaves them: pretty JSON.
fn pretty(json: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(json).expect("json");
    serde_json::to_string_pretty(&value).expect("pretty")
}

fn one_edit(tool: &str, arguments: &str) -> Vec<ParsedEvent> {
    session(vec![
        (None, vec![user("Make the change.")]),
        (Some("agent"), vec![assistant("Changing it."), tool_call(tool, arguments)]),
    ])
}

/// Opened at the end with every tool block unfolded, as after `t`.
fn snapshot(name: &str, events: &dyn EventSource) {
    for (width, height) in SIZES {
        let mut state = opened_at_end(events, width, height);
        state.toggle_all_tool_folds(events).expect("unfold");
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), draw(&state).backend());
    }
}

#[test]
fn claude_code_write_is_all_additions() {
    // tests/fixtures/import/claude-code: the Write call's input.
    let arguments = pretty(
        r##"{"file_path": "/home/dev/claude-demo/NOTES.md", "content": "# Notes\n\n- missing-file.txt does not exist\n"}"##,
    );
    snapshot("diff_claude_write", &one_edit("Write", &arguments));
}

#[test]
fn gemini_cli_replace_is_a_diff() {
    let arguments = pretty(
        r##"{"file_path": "/home/dev/gemini-demo/NOTES.md", "instruction": "Rename the title.", "old_string": "# Notes", "new_string": "# Project notes"}"##,
    );
    snapshot("diff_gemini_replace", &one_edit("replace", &arguments));
}

#[test]
fn opencode_edit_is_a_diff() {
    let arguments = pretty(
        r#"{"filePath": "/home/dev/opencode-demo/src/main.rs", "oldString": "fn main() {\n    println!(\"hello\");\n}", "newString": "fn main() {\n    println!(\"chat-browser\");\n}"}"#,
    );
    snapshot("diff_opencode_edit", &one_edit("edit", &arguments));
}

const PATCH: &str = "*** Begin Patch\n*** Update File: src/app.py\n@@ def greet():\n-    print(\"Hi\")\n+    print(\"Hello, world\")\n     return None\n*** Add File: docs/hello.md\n+# Hello\n*** Delete File: old.txt\n*** End Patch\n";

#[test]
fn codex_apply_patch_custom_tool_is_a_diff() {
    // The custom-tool form: the patch is the raw input.
    snapshot("diff_codex_apply_patch", &one_edit("apply_patch", PATCH));
}

#[test]
fn added_lines_are_green_and_removed_lines_red() {
    let events = one_edit("apply_patch", PATCH);
    let mut state = opened_at_end(&events, 80, 24);
    state.toggle_all_tool_folds(&events).expect("unfold");
    let terminal = draw(&state);
    let buffer = terminal.backend().buffer();
    let theme = Theme::default();
    let colour_of = |needle: &str| {
        let y = (0..buffer.area.height)
            .find(|&y| {
                let line: String = (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect();
                line.contains(needle)
            })
            .unwrap_or_else(|| panic!("{needle:?} not drawn"));
        let x = (0..buffer.area.width).find(|&x| buffer[(x, y)].symbol() == "+" || buffer[(x, y)].symbol() == "-");
        buffer[(x.expect("a marker"), y)].fg
    };
    assert_eq!(colour_of("Hello, world"), Color::Green);
    assert_eq!(colour_of("print(\"Hi\")"), Color::Red);
    assert_eq!(theme.diff_added.fg, Some(Color::Green));
    assert_eq!(theme.diff_removed.fg, Some(Color::Red));
}

#[test]
fn v_shows_the_arguments_as_written_and_back() {
    let arguments = pretty(r##"{"file_path": "NOTES.md", "old_string": "# Notes", "new_string": "# Project notes"}"##);
    let events = one_edit("Edit", &arguments);
    let mut state = opened_at_end(&events, 80, 24);
    let drawn = screen_text(&state);
    assert!(drawn.contains("- # Notes") && drawn.contains("+ # Project notes"), "{drawn}");

    // From the first message down to the edit call, the second block of the second.
    for _ in 0..4 {
        if state.selected_block() == Some(1) {
            break;
        }
        state.next_block(&events).expect("select");
    }
    assert_eq!(state.selected_block(), Some(1));
    assert_eq!(state.toggle_raw(&events).expect("v"), RawView::Raw);
    let raw = screen_text(&state);
    assert!(raw.contains("\"old_string\": \"# Notes\""), "{raw}");
    assert!(!raw.contains("+ # Project notes"), "{raw}");

    assert_eq!(state.toggle_raw(&events).expect("v"), RawView::Drawn);
    assert_eq!(screen_text(&state), drawn);
}

#[test]
fn v_on_a_block_without_another_view_does_nothing() {
    let events = one_edit("get_weather", "{\n  \"city\": \"Paris\"\n}");
    let mut state = opened_at_end(&events, 80, 24);
    let before = screen_text(&state);
    assert_eq!(state.toggle_raw(&events).expect("v"), RawView::Nothing);
    assert_eq!(screen_text(&state), before);
}
