//! Tool calls, tool results and errors look different from text and from each other.

mod view_support;

use ratatui::style::Style;
use recall::content::Block;
use recall::tui::view::conversation::{EventSource, ParsedEvent};
use view_support::*;

fn session_with_tools() -> Vec<ParsedEvent> {
    session(vec![
        (Some("agent"), vec![assistant("Checking."), tool_call("lookup", "{\"q\": 1}")]),
        (None, vec![tool_result("lookup", "found it", false)]),
        (None, vec![tool_result("lookup", "it broke", true)]),
        (None, vec![Block::Raw { json: "{\"x\": 1}".into() }]),
    ])
}

/// The style of the cell where `needle` starts on screen.
fn style_of(events: &dyn EventSource, needle: &str) -> Style {
    let state = opened_at_start(events, 40, 20);
    let lines = screen(&state);
    let (y, line) = lines
        .iter()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not on screen"));
    // Columns count cells; these needles follow only one-cell characters.
    let x = line[..line.find(needle).expect("found")].chars().count();
    let terminal = draw(&state);
    terminal.backend().buffer()[(x as u16, y as u16)].style()
}

#[test]
fn tool_blocks_errors_and_text_have_distinct_styles() {
    let events = session_with_tools();
    let text = style_of(&events, "Checking.");
    let call_title = style_of(&events, "⚙ lookup");
    let arguments = style_of(&events, "{\"q\"");
    let result_title = style_of(&events, "↳ result of");
    let output = style_of(&events, "found it");
    let error_title = style_of(&events, "↳ error from");
    let error_output = style_of(&events, "it broke");
    let raw_title = style_of(&events, "unrecognised");

    for (name, style) in [
        ("call title", call_title),
        ("arguments", arguments),
        ("result title", result_title),
        ("output", output),
        ("error title", error_title),
        ("error output", error_output),
    ] {
        assert_ne!(style, text, "{name} looks like text");
    }
    assert_ne!(call_title, result_title);
    assert_ne!(arguments, output);
    assert_ne!(error_title, result_title);
    assert_ne!(error_output, output);
    assert_ne!(raw_title, output);
}

#[test]
fn styles_snapshot() {
    let events = session_with_tools();
    let state = opened_at_start(&events, 30, 14);
    insta::assert_snapshot!(format!("{:?}", draw(&state).backend().buffer()));
}
