//! Opening, scrolling, paging and following a growing session, without a terminal.
//!
//! In `short_chat` sessions the first event takes 2 rows (header, text) and every other 3
//! (gap, header, text), which makes positions easy to predict.

mod view_support;

use recall::tui::view::conversation::{ConversationState, ParsedEvent};
use view_support::*;

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

#[test]
fn the_state_can_move_to_another_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<ConversationState>();
}
