//! Selecting messages and blocks, folding, jumping to hits, clicking and copying.
//!
//! In `short_chat` sessions the first event takes 2 rows (header, text) and every other 3
//! (gap, header, text), which makes positions easy to predict.

mod view_support;

use recall::tui::view::conversation::ConversationState;
use view_support::*;

#[test]
fn next_and_previous_message_put_the_header_on_top() {
    let events = short_chat(50);
    let mut state = opened_at_start(&events, 40, 10);
    state.next_message(&events).unwrap();
    assert_eq!((state.selected_seq(), state.top()), (Some(2), Some((2, 1))));
    state.next_message(&events).unwrap();
    assert_eq!((state.selected_seq(), state.top()), (Some(3), Some((3, 1))));
    state.previous_message(&events).unwrap();
    assert_eq!((state.selected_seq(), state.top()), (Some(2), Some((2, 1))));
    assert_eq!(screen(&state)[0], "You · 16:01".replace("You", "Assistant"));
    // Inside a message, K first goes back to its own header.
    state.scroll_down(&events, 1).unwrap();
    state.previous_message(&events).unwrap();
    assert_eq!((state.selected_seq(), state.top()), (Some(2), Some((2, 1))));
}

#[test]
fn next_message_at_the_end_stays_at_the_end() {
    let events = short_chat(10);
    let mut state = opened_at_end(&events, 40, 10);
    state.next_message(&events).unwrap();
    assert_eq!(state.selected_seq(), Some(10));
    assert!(state.is_at_end());
}

#[test]
fn blocks_are_selected_in_order_across_messages() {
    let events = tool_session();
    let mut state = opened_at_start(&events, 80, 30);
    let mut visited = Vec::new();
    for _ in 0..5 {
        state.next_block(&events).unwrap();
        visited.push((state.selected_seq().unwrap(), state.selected_block()));
    }
    assert_eq!(visited, [(1, Some(0)), (2, Some(0)), (2, Some(1)), (2, Some(2)), (3, Some(0))]);
    state.previous_block(&events).unwrap();
    assert_eq!((state.selected_seq(), state.selected_block()), (Some(2), Some(2)));
}

#[test]
fn selecting_a_block_below_the_viewport_scrolls_just_enough() {
    let events = tool_session();
    let mut state = opened_at_start(&events, 80, 8);
    // The fifth block is the result in message 3 (see `blocks_are_selected_in_order_across_messages`).
    for _ in 0..5 {
        state.next_block(&events).unwrap();
    }
    assert_eq!((state.selected_seq(), state.selected_block()), (Some(3), Some(0)));
    let lines = screen(&state);
    assert!(lines.last().unwrap().contains("more lines"), "{lines:#?}");
    assert!(lines.iter().any(|l| l.contains("result of first")));
}

#[test]
fn space_folds_and_unfolds_the_selected_block() {
    let events = tool_session();
    let mut state = opened_at_start(&events, 80, 60);
    assert!(screen_text(&state).contains("… 35 more lines"));
    state.jump_to_seq(&events, 3).unwrap();
    state.toggle_fold(&events).unwrap();
    assert_eq!(state.selected_block(), Some(0));
    let text = screen_text(&state);
    assert!(!text.contains("… 35 more lines") && text.contains("line 40: ok"), "{text}");
    state.toggle_fold(&events).unwrap();
    assert!(screen_text(&state).contains("… 35 more lines"));
}

#[test]
fn folding_from_inside_a_long_block_brings_its_title_back() {
    let events = tool_session();
    let mut state = opened_at_start(&events, 80, 10);
    state.jump_to_seq(&events, 3).unwrap();
    state.toggle_fold(&events).unwrap();
    state.scroll_down(&events, 20).unwrap();
    state.toggle_fold(&events).unwrap();
    assert!(screen(&state)[0].contains("result of first"), "{:#?}", screen(&state));
}

#[test]
fn all_tool_output_folds_and_unfolds_at_once() {
    let events = tool_session();
    let mut state = opened_at_start(&events, 80, 200);
    let folded = screen_text(&state);
    assert!(folded.contains("… 35 more lines") && folded.contains("… 15 more lines"));
    state.toggle_all_tool_folds(&events).unwrap();
    let unfolded = screen_text(&state);
    assert!(!unfolded.contains("… 35 more lines") && !unfolded.contains("… 15 more lines"), "{unfolded}");
    assert!(unfolded.contains("line 40: ok") && unfolded.contains("line 20: ok"));
    // Reasoning is not tool output: still folded, and the only fold left.
    assert!(unfolded.contains("… 8 more lines"));
    assert_eq!(unfolded.matches(" more line").count(), 1, "{unfolded}");
    // One block folded by hand, then all folded: all folded, whatever was toggled before.
    state.jump_to_seq(&events, 3).unwrap();
    state.toggle_fold(&events).unwrap();
    state.toggle_all_tool_folds(&events).unwrap();
    state.to_top(&events).unwrap();
    assert_eq!(screen_text(&state), folded);
}

#[test]
fn reasoning_is_folded_until_unfolded() {
    let events = tool_session();
    let mut state = opened_at_end(&events, 80, 30);
    assert!(screen_text(&state).contains("… 8 more lines"));
    state.next_block(&events).unwrap(); // from the whole message to its first block
    assert_eq!((state.selected_seq(), state.selected_block()), (Some(5), Some(0)));
    state.toggle_fold(&events).unwrap();
    assert!(screen_text(&state).contains("line 10: ok"));
}

#[test]
fn jumping_to_a_seq_selects_it_and_reads_little() {
    let events = short_chat(100_000);
    let source = Counting::new(&events);
    let mut state = opened_at_end(&source, 80, 24);
    state.jump_to_seq(&source, 50_000).unwrap();
    assert_eq!(state.selected_seq(), Some(50_000));
    assert_eq!(state.top(), Some((50_000, 1)));
    assert!(source.read.get() <= 3 * 64, "read {}", source.read.get());
}

#[test]
fn opening_at_a_seq_reads_around_it_only() {
    let events = short_chat(100_000);
    let source = Counting::new(&events);
    let mut state = ConversationState::new();
    state.set_viewport(&source, 80, 24).unwrap();
    state.open_at_seq(&source, 70_000).unwrap();
    assert_eq!((state.selected_seq(), state.top()), (Some(70_000), Some((70_000, 1))));
    assert!(source.read.get() <= 64, "read {}", source.read.get());
}

#[test]
fn jumping_to_a_hit_unfolds_it_and_shows_the_matching_row() {
    let events = tool_session();
    let mut state = opened_at_start(&events, 80, 10);
    state.set_highlight_terms(["Needle"]);
    state.jump_to_seq(&events, 3).unwrap();
    assert_eq!(state.selected_seq(), Some(3));
    assert!(screen_text(&state).contains("line 30: needle"), "{}", screen_text(&state));
}

#[test]
fn a_click_selects_what_is_under_it() {
    let events = short_chat(10);
    let mut state = opened_at_start(&events, 40, 10);
    state.select_at_row(&events, 4).unwrap();
    assert_eq!((state.selected_seq(), state.selected_block()), (Some(2), Some(0)));
    state.select_at_row(&events, 3).unwrap();
    assert_eq!((state.selected_seq(), state.selected_block()), (Some(2), None));
    state.select_at_row(&events, 200).unwrap();
    assert_eq!(state.selected_seq(), Some(2));
}

#[test]
fn the_selection_as_plain_text() {
    let events = tool_session();
    let mut state = opened_at_start(&events, 80, 24);
    state.next_message(&events).unwrap();
    assert_eq!(state.selected_text().unwrap(), "Running.\n\nfirst {}\n\nsecond {\"a\": 1}");
    state.next_block(&events).unwrap();
    state.next_block(&events).unwrap();
    assert_eq!(state.selected_text().unwrap(), "first {}");
    assert_eq!(state.selected_message_text().unwrap(), "Running.\n\nfirst {}\n\nsecond {\"a\": 1}");
}
