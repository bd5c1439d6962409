//! Scrolling, paging, selection, folding, jumping and live appends, without a terminal.
//!
//! In `short_chat` sessions the first event takes 2 rows (header, text) and every other 3
//! (gap, header, text), which makes positions easy to predict.

mod view_support;

use std::cell::Cell;

use recall::content::Block;
use recall::tui::view::conversation::{ConversationState, EventSource, ParsedEvent};
use view_support::*;

/// Counts how many events the view reads.
struct Counting<'a> {
    events: &'a Vec<ParsedEvent>,
    read: Cell<usize>,
}

impl<'a> Counting<'a> {
    fn new(events: &'a Vec<ParsedEvent>) -> Self {
        Counting { events, read: Cell::new(0) }
    }
}

impl EventSource for Counting<'_> {
    fn event_count(&self) -> usize {
        self.events.len()
    }

    fn events_range(&self, from_seq: i64, n: usize) -> anyhow::Result<Vec<ParsedEvent>> {
        let events = self.events.events_range(from_seq, n)?;
        self.read.set(self.read.get() + events.len());
        Ok(events)
    }
}

fn long_output(lines: usize, needle_at: usize) -> String {
    (1..=lines)
        .map(|i| if i == needle_at { format!("line {i}: needle\n") } else { format!("line {i}: ok\n") })
        .collect()
}

fn tool_session() -> Vec<ParsedEvent> {
    session(vec![
        (None, vec![user("Run both")]),
        (None, vec![assistant("Running."), tool_call("first", "{}"), tool_call("second", "{\"a\": 1}")]),
        (None, vec![tool_result("first", &long_output(40, 30), false)]),
        (None, vec![tool_result("second", &long_output(20, 0), true)]),
        (None, vec![Block::Reasoning { text: long_output(10, 0) }, assistant("Both ran.")]),
    ])
}

#[test]
fn opening_the_end_of_a_long_session_reads_one_chunk() {
    let events = short_chat(100_000);
    let source = Counting::new(&events);
    let state = opened_at_end(&source, 80, 24);
    assert!(source.read.get() <= 64, "read {} events", source.read.get());
    assert!(state.loaded_events() <= 64);
    assert!(state.is_at_end());
    assert_eq!(state.selected_seq(), Some(100_000));
    assert_eq!(state.top(), Some((99_993, 0)));
    assert!(screen_text(&state).ends_with("answer 100000"));
}

#[test]
fn scrolling_moves_row_by_row_across_events() {
    let events = short_chat(50);
    let mut state = opened_at_start(&events, 40, 10);
    assert_eq!(state.top(), Some((1, 0)));
    state.scroll_down(&events, 1).unwrap();
    assert_eq!(state.top(), Some((1, 1)));
    state.scroll_down(&events, 1).unwrap();
    assert_eq!(state.top(), Some((2, 0)));
    state.scroll_down(&events, 3).unwrap();
    assert_eq!(state.top(), Some((3, 0)));
    state.scroll_up(&events, 4).unwrap();
    assert_eq!(state.top(), Some((1, 1)));
    state.scroll_up(&events, 100).unwrap();
    assert_eq!(state.top(), Some((1, 0)));
}

#[test]
fn scrolling_stops_with_the_last_row_at_the_bottom() {
    let events = short_chat(5); // 14 rows
    let mut state = opened_at_start(&events, 40, 10);
    assert!(!state.is_at_end());
    state.scroll_down(&events, 100).unwrap();
    assert_eq!(state.top(), Some((2, 2)));
    assert!(state.is_at_end());
    assert_eq!(screen(&state)[9], "  question 5");
}

#[test]
fn pages_and_half_pages_move_by_the_viewport_height() {
    let events = short_chat(50);
    let mut state = opened_at_start(&events, 40, 10);
    state.page_down(&events).unwrap();
    assert_eq!(state.top(), Some((4, 2)));
    state.half_page_up(&events).unwrap();
    assert_eq!(state.top(), Some((3, 0)));
    state.half_page_down(&events).unwrap();
    assert_eq!(state.top(), Some((4, 2)));
    state.page_up(&events).unwrap();
    assert_eq!(state.top(), Some((1, 0)));
}

#[test]
fn top_and_bottom() {
    let events = short_chat(1_000);
    let mut state = opened_at_start(&events, 40, 10);
    state.to_bottom(&events).unwrap();
    assert!(state.is_at_end());
    assert_eq!(state.selected_seq(), Some(1_000));
    state.to_top(&events).unwrap();
    assert_eq!(state.top(), Some((1, 0)));
    assert_eq!(state.selected_seq(), Some(1));
}

#[test]
fn the_selection_follows_the_viewport_when_scrolled_away() {
    let events = short_chat(100);
    let mut state = opened_at_start(&events, 40, 10);
    state.page_down(&events).unwrap();
    state.page_down(&events).unwrap();
    let (top, _) = state.top().unwrap();
    assert_eq!(state.selected_seq(), Some(top));
    state.to_bottom(&events).unwrap();
    state.page_up(&events).unwrap();
    let selected = state.selected_seq().unwrap();
    assert!(selected < 100, "the selection left the bottom with the viewport");
}

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
    while state.selected_seq() != Some(3) {
        state.next_block(&events).unwrap();
    }
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
    assert!(!unfolded.contains("more lines, ") && unfolded.contains("line 40: ok") && unfolded.contains("line 20: ok"));
    // Reasoning is not tool output: still folded.
    assert!(unfolded.contains("… 8 more lines"));
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
fn live_append_at_the_end_follows_the_newest_event() {
    let mut events = short_chat(30);
    let mut state = opened_at_end(&events, 40, 10);
    events.extend(short_chat(33).split_off(30));
    state.sync(&events).unwrap();
    assert!(state.is_at_end());
    assert_eq!(state.selected_seq(), Some(33));
    assert_eq!(screen(&state)[9], "▎ question 33");
}

#[test]
fn live_append_elsewhere_moves_nothing() {
    let mut events = short_chat(30);
    let mut state = opened_at_end(&events, 40, 10);
    state.scroll_up(&events, 7).unwrap();
    let (top, selected, before) = (state.top(), state.selected_seq(), screen(&state));
    events.extend(short_chat(40).split_off(30));
    state.sync(&events).unwrap();
    assert_eq!((state.top(), state.selected_seq(), screen(&state)), (top, selected, before));
    assert_eq!(state.event_count(), 40);
}

#[test]
fn a_session_that_shrinks_is_shown_up_to_its_new_end() {
    let mut events = short_chat(30);
    let mut state = opened_at_end(&events, 40, 10);
    events.truncate(12);
    state.sync(&events).unwrap();
    assert!(state.is_at_end());
    assert_eq!(state.selected_seq(), Some(12));
    events.clear();
    state.sync(&events).unwrap();
    assert_eq!(screen(&state)[0], "No messages yet.");
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
fn paging_through_a_long_session_keeps_a_bounded_window() {
    let events = short_chat(100_000);
    let mut state = opened_at_start(&events, 80, 24);
    state.jump_to_seq(&events, 40_000).unwrap();
    for _ in 0..1_000 {
        state.page_down(&events).unwrap();
        assert!(state.loaded_events() <= 512, "{} loaded", state.loaded_events());
    }
    let (top, _) = state.top().unwrap();
    assert!((47_990..=48_010).contains(&top), "top at {top}");
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

#[test]
fn resizing_at_the_end_stays_at_the_end() {
    let events = short_chat(100);
    let mut state = opened_at_end(&events, 80, 24);
    state.set_viewport(&events, 30, 7).unwrap();
    assert!(state.is_at_end());
    state.set_viewport(&events, 120, 40).unwrap();
    assert!(state.is_at_end());
}

#[test]
fn an_empty_session_takes_every_operation() {
    let events: Vec<ParsedEvent> = Vec::new();
    let mut state = ConversationState::new();
    state.open_at_end(&events).unwrap();
    state.set_viewport(&events, 40, 10).unwrap();
    state.scroll_down(&events, 3).unwrap();
    state.page_up(&events).unwrap();
    state.to_top(&events).unwrap();
    state.to_bottom(&events).unwrap();
    state.next_message(&events).unwrap();
    state.previous_block(&events).unwrap();
    state.toggle_fold(&events).unwrap();
    state.toggle_all_tool_folds(&events).unwrap();
    state.jump_to_seq(&events, 5).unwrap();
    state.select_at_row(&events, 2).unwrap();
    assert_eq!(state.selected_text(), None);
    assert!(state.is_at_end());
}
