//! Code in colour: fenced blocks by their language, file reads by the file's extension, with
//! the line numbers the agents add dimmed. Plain until the highlighter is handed over (it
//! loads after the first frame), and without colour under `NO_COLOR`.

mod view_support;

use std::collections::HashSet;

use ratatui::style::{Color, Style};
use recall::tui::theme::Theme;
use recall::tui::view::conversation::{ConversationState, EventSource, ParsedEvent, render};
use view_support::*;

const RUST: &str =
    "Here:\n\n```rust\n// entry point\nfn main() {\n    let answer = 42;\n    println!(\"{answer}\");\n}\n```\n";
const PYTHON: &str = "```py\ndef greet(name):\n    \"\"\"Say hello.\"\"\"\n    return f\"hi {name}\"  # friendly\n```";

fn highlighted(events: &dyn EventSource, width: u16, height: u16) -> ConversationState {
    let mut state = opened_at_start(events, width, height);
    state.set_code_highlighter(events, recall::syntax::load()).expect("highlighter");
    state
}

/// The styles of the cells of the rows containing `marker` (inside the code frame: `│ `).
fn code_styles(state: &ConversationState, theme: &Theme) -> Vec<(String, Style)> {
    let (width, height) = state.viewport();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|frame| {
            let area = frame.area();
            render(frame.buffer_mut(), area, state, theme, now());
        })
        .expect("draw");
    let buffer = terminal.backend().buffer();
    let mut cells = Vec::new();
    for y in 0..height {
        let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
        if let Some(bar) = row.find("│ ") {
            let from = row[..bar].chars().count() as u16 + 2;
            for x in from..width {
                let cell = &buffer[(x, y)];
                if !cell.symbol().trim().is_empty() {
                    cells.push((cell.symbol().to_owned(), cell.style()));
                }
            }
        }
    }
    cells
}

/// The foreground colours drawn, the terminal's own (`Reset`) not counted.
fn colours(cells: &[(String, Style)]) -> HashSet<Color> {
    cells.iter().filter_map(|(_, style)| style.fg).filter(|fg| *fg != Color::Reset).collect()
}

fn is_coloured(style: &Style) -> bool {
    style.fg.is_some_and(|c| c != Color::Reset) || style.bg.is_some_and(|c| c != Color::Reset)
}

fn one_message(text: &str) -> Vec<ParsedEvent> {
    session(vec![(Some("agent"), vec![assistant(text)])])
}

#[test]
fn rust_and_python_fences_are_drawn_in_several_colours() {
    for (name, text) in [("rust", RUST), ("python", PYTHON)] {
        let events = one_message(text);
        let state = highlighted(&events, 60, 16);
        let cells = code_styles(&state, &Theme::default());
        assert!(!cells.is_empty(), "{name}: code on screen");
        assert!(colours(&cells).len() > 2, "{name}: {:?}", colours(&cells));
    }
}

#[test]
fn until_the_highlighter_is_handed_over_code_is_one_colour() {
    let events = one_message(RUST);
    let state = opened_at_start(&events, 60, 16);
    let cells = code_styles(&state, &Theme::default());
    assert_eq!(colours(&cells), HashSet::from([Color::LightYellow]));
}

#[test]
fn no_color_draws_highlighted_code_without_colour() {
    let events = one_message(RUST);
    let state = highlighted(&events, 60, 16);
    let cells = code_styles(&state, &Theme::without_colour());
    assert!(!cells.is_empty());
    let coloured: Vec<_> = cells.iter().filter(|(_, style)| is_coloured(style)).collect();
    assert!(coloured.is_empty(), "{coloured:?}");
}

#[test]
fn keywords_strings_and_comments_differ_and_an_unknown_fence_stays_plain() {
    let events = one_message(RUST);
    let state = highlighted(&events, 60, 16);
    let cells = code_styles(&state, &Theme::default());
    let fg = |symbol: &str| cells.iter().find(|(s, _)| s == symbol).and_then(|(_, style)| style.fg);
    let theme = Theme::default();
    // `/` starts the comment, `f` the keyword `fn`, `4` the number.
    assert_eq!(fg("/"), theme.code.comment.fg);
    assert_eq!(fg("f"), theme.code.keyword.fg);
    assert_eq!(fg("4"), theme.code.constant.fg);

    let events = one_message("```klingon\nqapla' batlh\n```");
    let state = highlighted(&events, 60, 10);
    assert_eq!(colours(&code_styles(&state, &theme)), HashSet::from([Color::LightYellow]));
}

#[test]
fn highlighted_fence_frames() {
    let events = one_message(RUST);
    for (width, height) in [(60, 14), (24, 16)] {
        let state = highlighted(&events, width, height);
        insta::assert_snapshot!(format!("rust_fence_{width}x{height}"), screen_text(&state));
    }
}

/// A file read and its result, as each agent records them (tests/fixtures/import).
fn read(tool: &str, arguments: &str, output: &str) -> Vec<ParsedEvent> {
    session(vec![(Some("agent"), vec![tool_call(tool, arguments)]), (None, vec![tool_result(tool, output, false)])])
}

fn unfolded(events: &dyn EventSource, width: u16, height: u16) -> ConversationState {
    let mut state = highlighted(events, width, height);
    state.toggle_all_tool_folds(events).expect("unfold");
    state
}

const MAIN_RS: &str = "1\tuse std::env;\n2\t\n3\tfn main() {\n4\t    // the first argument\n5\t    let name = env::args().nth(1);\n6\t    println!(\"{name:?}\");\n7\t}\n";

#[test]
fn claude_code_read_is_the_file_with_dim_line_numbers() {
    let events = read("Read", r#"{"file_path": "/home/dev/claude-demo/src/main.rs"}"#, MAIN_RS);
    let state = unfolded(&events, 60, 16);
    insta::assert_snapshot!("claude_code_read_rs_60x16", screen_text(&state));
    let lines = screen(&state);
    let (y, line) = lines.iter().enumerate().find(|(_, l)| l.contains("fn main")).expect("code shown");
    let x = line[..line.find("fn main").expect("found")].chars().count() as u16;
    let number_x = line[..line.find('3').expect("line number")].chars().count() as u16;
    let terminal = draw(&state);
    let buffer = terminal.backend().buffer();
    let theme = Theme::default();
    assert_eq!(buffer[(x, y as u16)].style().fg, theme.code.keyword.fg);
    assert_eq!(buffer[(number_x, y as u16)].style().fg, theme.dim.fg);
}

#[test]
fn opencode_read_keeps_its_header_dim_and_numbers_its_lines() {
    // tests/fixtures/import/opencode: the read of README.md, output as recorded.
    let output = "<path>/home/dev/opencode-demo/README.md</path>\n<type>file</type>\n<content>\n1: # chat-browser\n2: Lists agent chat sessions stored in SQLite files.\n3: Maintained by the fixture crew since 2024.\n\n(End of file - total 3 lines)\n</content>";
    let events = read("read", r#"{"filePath": "/home/dev/opencode-demo/README.md"}"#, output);
    let state = unfolded(&events, 60, 16);
    insta::assert_snapshot!("opencode_read_md_60x16", screen_text(&state));
}

#[test]
fn a_read_of_an_unknown_kind_of_file_is_not_coloured_but_still_numbered() {
    // tests/fixtures/import/claude-code: the Read of README.md, as Claude Code wrote it.
    let output = "1\t# chat-browser\n2\tLists agent chat sessions stored in SQLite files.\n3\t";
    let events = read("Read", r#"{"file_path": "/home/dev/claude-demo/NOTES"}"#, output);
    let state = unfolded(&events, 60, 12);
    let shown = screen_text(&state);
    assert!(shown.contains("1  # chat-browser"), "{shown}");
}

#[test]
fn a_long_read_scrolls_and_stays_highlighted_far_down() {
    let body: String = (1..=3000).map(|n| format!("{n}\tlet value_{n} = {n}; // line {n}\n")).collect();
    let events = read("Read", r#"{"file_path": "/tmp/big.rs"}"#, &body);
    let mut state = unfolded(&events, 60, 12);
    state.to_bottom(&events).expect("bottom");
    let shown = screen_text(&state);
    assert!(shown.contains("let value_2999"), "{shown}");
    let cells: Vec<_> = {
        let terminal = draw(&state);
        let buffer = terminal.backend().buffer().clone();
        buffer.content().iter().filter_map(|cell| cell.style().fg).collect::<HashSet<_>>().into_iter().collect()
    };
    assert!(cells.contains(&Theme::default().code.keyword.fg.expect("keyword colour")), "{cells:?}");
}
