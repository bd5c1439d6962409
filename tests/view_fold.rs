//! Folding: a preview shows what the tool printed (not its harness's header), the fold line
//! says which key opens it, the fold keys say what they did, and `t` keeps the reading place.

mod view_support;

use recall::tui::view::conversation::{ConversationState, EventSource, Fold, ParsedEvent};
use view_support::*;

const CODEX_OUTPUT: &str = "Chunk ID: 62bb02\nWall time: 0.0000 seconds\nProcess exited with code 1\n\
Original token count: 13\nOutput:\ncat: missing-file.txt: No such file or directory\n";

fn codex_session() -> Vec<ParsedEvent> {
    session(vec![
        (None, vec![user("Show missing-file.txt")]),
        (None, vec![tool_call("exec_command", "{\"cmd\": \"cat missing-file.txt\"}")]),
        (None, vec![tool_result("exec_command", CODEX_OUTPUT, true)]),
        (None, vec![assistant("It does not exist.")]),
    ])
}

#[test]
fn a_folded_result_previews_the_output_not_the_harness_header() {
    let events = codex_session();
    let mut state = opened_at_start(&events, 80, 24);
    let folded = screen_text(&state);
    assert!(folded.contains("cat: missing-file.txt: No such file or directory"), "{folded}");
    assert!(!folded.contains("Chunk ID") && !folded.contains("Output:"), "{folded}");
    assert!(folded.contains("… 5 more lines · Space opens"), "the fold line says how to open it: {folded}");

    state.toggle_all_tool_folds(&events).unwrap();
    let unfolded = screen_text(&state);
    assert!(unfolded.contains("Chunk ID: 62bb02") && unfolded.contains("Output:"), "kept when unfolded: {unfolded}");
}

#[test]
fn fold_keys_say_what_they_did() {
    let events = tool_session();
    let mut state = opened_at_start(&events, 80, 24);
    // The first message is the user's: it does not fold.
    assert_eq!(state.toggle_fold(&events).unwrap(), Fold::Whole);
    assert_eq!(state.toggle_all_tool_folds(&events).unwrap(), Fold::Unfolded);
    assert_eq!(state.toggle_all_tool_folds(&events).unwrap(), Fold::Folded);
    state.next_message(&events).unwrap();
    state.next_message(&events).unwrap();
    assert_eq!(state.toggle_fold(&events).unwrap(), Fold::Unfolded, "the 40-line result");
    assert_eq!(state.toggle_fold(&events).unwrap(), Fold::Folded);
}

#[test]
fn a_short_tool_block_is_shown_whole_and_says_so() {
    let events = session(vec![(None, vec![tool_result("echo", "hi\n", false)])]);
    let mut state = opened_at_start(&events, 80, 24);
    let before = screen_text(&state);
    assert_eq!(state.toggle_fold(&events).unwrap(), Fold::Whole);
    assert_eq!(screen_text(&state), before);
}

/// Many long tool results, so that `t` changes the height of nearly everything.
fn long_tool_session() -> Vec<ParsedEvent> {
    let mut events = Vec::new();
    for i in 0..30 {
        events.push((None, vec![user(&format!("question {i}"))]));
        events.push((None, vec![tool_call("run", "{}")]));
        events.push((None, vec![tool_result("run", &long_output(30, 0), false)]));
        events.push((None, vec![assistant(&format!("answer {i}"))]));
    }
    session(events)
}

fn last_line(state: &ConversationState) -> String {
    screen(state).iter().rev().find(|row| !row.is_empty()).cloned().unwrap_or_default()
}

#[test]
fn t_at_the_end_stays_at_the_end() {
    let events = long_tool_session();
    let mut state = opened_at_end(&events, 80, 24);
    assert!(last_line(&state).ends_with("answer 29"));
    for step in ["unfold", "fold", "unfold again"] {
        state.toggle_all_tool_folds(&events).unwrap();
        assert!(state.is_at_end(), "{step}");
        assert!(last_line(&state).ends_with("answer 29"), "{step}: the last line left\n{}", screen_text(&state));
    }
}

#[test]
fn t_elsewhere_keeps_the_top_line() {
    let events = long_tool_session();
    let mut state = opened_at_start(&events, 80, 24);
    let source: &dyn EventSource = &events;
    // Down to a message in the middle, with tool output above and below it.
    while !screen(&state)[0].contains("question 3") {
        state.scroll_down(source, 1).unwrap();
        assert!(!state.is_at_end(), "question 3 reached the top");
    }
    let top = screen(&state)[0].clone();
    state.toggle_all_tool_folds(source).unwrap();
    assert_eq!(screen(&state)[0], top, "unfolded: the same line on top");
    state.toggle_all_tool_folds(source).unwrap();
    assert_eq!(screen(&state)[0], top, "folded again");
}
