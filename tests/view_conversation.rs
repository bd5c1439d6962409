//! Frames of the conversation pane, as text snapshots at 80x24 and 40x12.

mod view_support;

use recall::content::{Block, Role};
use recall::tui::view::conversation::{ConversationState, EventSource, ParsedEvent};
use view_support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];

type Opener = fn(&dyn EventSource, u16, u16) -> ConversationState;

/// Snapshots the session at both sizes.
fn snapshot_both(name: &str, events: &dyn EventSource, open: Opener) {
    for (width, height) in SIZES {
        let state = open(events, width, height);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), draw(&state).backend());
    }
}

fn plain_chat() -> Vec<ParsedEvent> {
    session(vec![
        (None, vec![text(Role::System, "You are a helpful assistant. Answer briefly.")]),
        (None, vec![user("What is the capital of France?")]),
        (
            Some("gpt-4o"),
            vec![assistant(
                "The capital of France is Paris. It has been the capital since the late 10th century, apart from a few interruptions.",
            )],
        ),
        (None, vec![user("And of Italy?")]),
        (Some("gpt-4o"), vec![assistant("Rome.")]),
    ])
}

#[test]
fn plain_chat_opened_at_start() {
    snapshot_both("plain_chat", &plain_chat(), opened_at_start);
}

#[test]
fn plain_chat_opened_at_end() {
    let events = plain_chat();
    for (width, height) in SIZES {
        let state = opened_at_end(&events, width, height);
        insta::assert_snapshot!(format!("plain_chat_end_{width}x{height}"), draw(&state).backend());
    }
}

fn tool_chat() -> Vec<ParsedEvent> {
    session(vec![
        (None, vec![user("Weather in Paris and Tokyo?")]),
        (
            Some("weather-agent"),
            vec![
                assistant("Let me look both up."),
                tool_call("get_weather", "{\n  \"city\": \"Paris\"\n}"),
                tool_call("get_weather", "{\n  \"city\": \"Tokyo\"\n}"),
            ],
        ),
        (None, vec![tool_result("get_weather", "{\"temp_c\": 21, \"sky\": \"clear\"}", false)]),
        (None, vec![tool_result("get_weather", "upstream timeout after 30s", true)]),
        (Some("weather-agent"), vec![assistant("Paris: 21 °C and clear. Tokyo's forecast service timed out.")]),
    ])
}

#[test]
fn tool_calls_and_results() {
    snapshot_both("tool_calls", &tool_chat(), opened_at_start);
}

const MARKDOWN: &str = "\
# Release notes

Highlights of **this** release, see [the changelog](https://example.com/changes):

1. Faster *startup*
2. A new `--json` flag
   - nested bullet
   - another one

> Quoted advice, kept short.

```rust
fn main() {
    println!(\"hello\");
}
```

Done.";

#[test]
fn markdown_with_code_block() {
    let events =
        session(vec![(None, vec![user("Summarise the release")]), (Some("claude"), vec![assistant(MARKDOWN)])]);
    snapshot_both("markdown", &events, opened_at_start);
}

#[test]
fn wide_characters() {
    let events = session(vec![
        (None, vec![user("日本語で説明してください。東京の天気はどうですか？")]),
        (
            None,
            vec![assistant(
                "東京は晴れです 🌞🌞🌞 気温は二十一度。Emoji family 👨‍👩‍👧 and flags 🇫🇷🇯🇵. \
                 Combining: e\u{301}e\u{301}e\u{301} n\u{303}o\u{308} Zalgo z\u{335}\u{31b}a\u{336}l\u{337}g\u{338}o.",
            )],
        ),
    ]);
    snapshot_both("wide", &events, opened_at_start);
}

fn long_result() -> Vec<ParsedEvent> {
    let output: String = (1..=40).map(|i| format!("line {i}: ok\n")).collect();
    session(vec![
        (None, vec![user("Run the tests")]),
        (None, vec![tool_call("run_tests", "{\"filter\": \"all\"}")]),
        (None, vec![tool_result("run_tests", &output, false)]),
    ])
}

#[test]
fn long_tool_result_folded_then_unfolded() {
    let events = long_result();
    for (width, height) in SIZES {
        let mut state = opened_at_end(&events, width, height);
        insta::assert_snapshot!(format!("long_result_folded_{width}x{height}"), draw(&state).backend());
        state.jump_to_seq(&events, 3).expect("jump");
        state.toggle_fold(&events).expect("toggle");
        insta::assert_snapshot!(format!("long_result_unfolded_{width}x{height}"), draw(&state).backend());
    }
}

#[test]
fn raw_event() {
    let json = "{\n  \"type\": \"web_search_call\",\n  \"status\": \"completed\",\n  \"id\": \"ws_123\"\n}";
    let events = session(vec![
        (None, vec![user("Search the web")]),
        (None, vec![Block::Raw { json: json.to_owned() }]),
        (None, vec![Block::Handoff { from: Some("triage".into()), to: Some("researcher".into()) }]),
        (
            None,
            vec![Block::Reasoning {
                text: "The user wants a search. I ran one; now I should summarise the results \
                 in two sentences, citing the sources I found, and keep it short. The first \
                 source is the most recent, so it goes first. The second one disagrees on \
                 a detail, which is worth a mention. Nothing else needs saying."
                    .into(),
            }],
        ),
    ]);
    snapshot_both("raw", &events, opened_at_end);
}

#[test]
fn empty_session() {
    let events: Vec<ParsedEvent> = Vec::new();
    let state = opened_at_end(&events, 40, 12);
    insta::assert_snapshot!("empty_40x12", draw(&state).backend());
}

#[test]
fn search_terms_are_highlighted_in_the_highlight_style() {
    let events = plain_chat();
    let mut state: ConversationState = opened_at_start(&events, 80, 24);
    state.set_highlight_terms(["PARIS"]);
    let terminal = draw(&state);
    let buffer = terminal.backend().buffer();
    let theme = recall::tui::theme::Theme::default();
    let lines = screen(&state);
    let y = lines.iter().position(|l| l.contains("Paris")).expect("Paris on screen") as u16;
    let x = lines[y as usize].find("Paris").expect("found") as u16;
    assert_eq!(buffer[(x, y)].bg, theme.search_match.bg.expect("highlight has a background"));
    assert_ne!(buffer[(x - 2, y)].bg, buffer[(x, y)].bg);
}

#[test]
fn single_newlines_in_a_reply_are_line_breaks() {
    let haiku = "A haiku:\n\nRust compiles at dawn\nborrow checker guards the gate\nno data races";
    let events = session(vec![(None, vec![user("Write a haiku")]), (Some("gpt-4o"), vec![assistant(haiku)])]);
    let state = opened_at_start(&events, 80, 24);
    let rows: Vec<String> = screen(&state).iter().map(|row| row.trim().to_string()).collect();
    let at = rows.iter().position(|row| row.ends_with("Rust compiles at dawn")).expect("the haiku's first line alone");
    assert!(rows[at + 1].ends_with("borrow checker guards the gate"), "{rows:#?}");
    assert!(rows[at + 2].ends_with("no data races"), "{rows:#?}");
}
