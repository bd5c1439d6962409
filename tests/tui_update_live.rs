//! The screen as it lives: ticks that pick up other processes' writes, resizes (narrow
//! terminals take turns between the panes), and the mouse.

mod tui_support;

use recall::tui::app::{Action, App, Focus};
use tui_support::*;

/// What a person sees of the app, to compare before and after a tick.
#[derive(Debug, PartialEq)]
struct Seen {
    total: usize,
    listed: Vec<String>,
    selected: usize,
    open: Option<String>,
    top: Option<(i64, usize)>,
    selected_seq: Option<i64>,
}

fn visible_state(app: &App) -> Seen {
    Seen {
        total: app.sidebar.total,
        listed: app.sidebar.items.iter().map(|session| session.id.clone()).collect(),
        selected: app.sidebar.selected,
        open: open_id(app).map(str::to_owned),
        top: open_top(app),
        selected_seq: open_seq(app),
    }
}

#[test]
fn a_tick_with_nothing_new_changes_nothing() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::Down]);
    let before = (visible_state(&app), app.status.clone(), app.mode.clone());
    assert!(!app.update_tick(&backend, now()), "a tick without changes asks for no redraw");
    assert_eq!((visible_state(&app), app.status.clone(), app.mode.clone()), before);
}

#[test]
fn a_tick_moves_the_clock_relative_times_are_counted_from() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    assert!(screen_text(&app).contains("5m ago"));
    let later = now() + chrono::Duration::hours(2);
    assert!(!app.update_tick(&backend, later), "the store did not change");
    assert_eq!(app.now, later);
    assert!(screen_text(&app).contains("2h ago"), "{}", screen_text(&app));
}

#[test]
fn a_session_added_elsewhere_appears_and_the_selection_stays_on_its_session() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::Down]);
    assert_eq!(selected_id(&app), Some("s2"));

    backend.add_elsewhere("s4", "Written by an agent", vec![user("ping")]);
    assert!(app.update_tick(&backend, now()), "a change asks for a redraw");
    assert_eq!(app.sidebar.total, 4);
    assert_eq!(app.sidebar.items[0].id, "s4", "the new session is listed first");
    assert_eq!(selected_id(&app), Some("s2"), "the selection stays on the same session");
    assert_eq!(app.sidebar.selected, 2);
    assert_eq!(open_id(&app), Some("s2"));
}

#[test]
fn events_appended_to_the_open_session_are_followed_when_at_the_end() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    backend.append_elsewhere("s1", vec![user("one more"), assistant("and the reply")]);
    app.update(&backend, Action::Tick { now: now() });
    let (session, state) = app.open.as_ref().expect("open");
    assert_eq!((session.event_count, state.event_count()), (42, 42));
    assert!(open_at_end(&app), "still at the end");
    assert_eq!(open_seq(&app), Some(42), "the newest event is selected");
    assert_eq!(app.now, now(), "no wall clock sneaks in");
}

#[test]
fn events_appended_while_reading_further_up_do_not_move_the_view() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::FocusConversation, Action::Top]);
    backend.append_elsewhere("s1", vec![user("one more")]);
    app.update(&backend, Action::Tick { now: now() });
    assert_eq!(open_top(&app), Some((1, 0)));
    assert_eq!(app.open.as_ref().map(|(session, _)| session.event_count), Some(41));
}

#[test]
fn another_session_growing_moves_to_the_top_without_taking_the_selection() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    backend.append_elsewhere("s3", vec![assistant("a late reply")]);
    app.update(&backend, Action::Tick { now: now() });
    let order: Vec<&str> = app.sidebar.items.iter().map(|session| session.id.as_str()).collect();
    assert_eq!(order, vec!["s3", "s1", "s2"]);
    assert_eq!((selected_id(&app), open_id(&app)), (Some("s1"), Some("s1")));
}

#[test]
fn resizing_to_any_size_never_panics_and_draws() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "pars");
    press(&mut app, &backend, [Action::Submit]);
    for (width, height) in [(1, 1), (2, 1), (1, 3), (10, 2), (59, 5), (60, 5), (61, 3), (400, 120), (80, 24), (30, 8)] {
        for focus in [Action::FocusSidebar, Action::FocusConversation] {
            let at = format!("{width}x{height} {focus:?}");
            let open_before = open_id(&app).map(str::to_owned);
            press(&mut app, &backend, [Action::Resize { width, height }, focus.clone()]);
            assert_eq!(open_id(&app), open_before.as_deref(), "{at}: resizing changed the open session");
            press(&mut app, &backend, [Action::Down, Action::PageDown, Action::Top, Action::Bottom]);
            press(
                &mut app,
                &backend,
                [Action::Click { column: 0, row: 1 }, Action::Scroll { column: 0, row: 0, down: true }],
            );
            screen_lines(&app);
            assert!(!status_is_error(&app), "{at}: {}", status_text(&app));
            assert!(app.sidebar.selected < app.sidebar.items.len(), "{at}: selection {}", app.sidebar.selected);
            assert!(open_id(&app).is_some(), "{at}: no session open");
        }
    }
}

#[test]
fn resizing_while_in_a_prompt_or_popup_keeps_it_open() {
    let backend = three_sessions();
    for opening in [Action::StartSearch, Action::StartRename, Action::AskDelete, Action::ToggleHelp] {
        let mut app = launch(&backend, 80, 24);
        press(&mut app, &backend, [opening.clone()]);
        let mode = app.mode.clone();
        for (width, height) in [(1, 1), (40, 12), (400, 120)] {
            press(&mut app, &backend, [Action::Resize { width, height }]);
            screen_lines(&app);
        }
        assert_eq!(app.mode, mode, "{opening:?}");
    }
}

#[test]
fn below_60_columns_the_sidebar_and_conversation_take_turns() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::Resize { width: 59, height: 20 }]);
    assert!(app.is_narrow());

    // step: sidebar_turn
    let panes = app.panes();
    assert!(panes.sidebar.is_some() && panes.conversation.is_none());
    assert_eq!(panes.sidebar.map(|area| area.width), Some(59));

    // step: conversation_turn
    press(&mut app, &backend, [Action::SwitchFocus]);
    let panes = app.panes();
    assert!(panes.sidebar.is_none() && panes.conversation.is_some());
    assert_eq!(panes.conversation_body().map(|area| area.width), Some(59), "no divider when alone");
    assert!(screen_text(&app).contains("csv answer 40"));

    // step: back_to_the_sidebar
    press(&mut app, &backend, [Action::SwitchFocus]);
    assert_eq!(app.focus, Focus::Sidebar);
    press(&mut app, &backend, [Action::Down, Action::Activate]);
    assert_eq!((app.focus, open_id(&app)), (Focus::Conversation, Some("s2")));

    press(&mut app, &backend, [Action::Resize { width: 60, height: 20 }]);
    let panes = app.panes();
    assert!(panes.sidebar.is_some() && panes.conversation.is_some(), "60 columns show both");
}

#[test]
fn a_narrow_conversation_opens_at_its_end_at_the_full_width() {
    let backend = three_sessions();
    let mut app = launch(&backend, 40, 12);
    press(&mut app, &backend, [Action::FocusConversation]);
    assert!(open_at_end(&app));
    let (_, state) = app.open.as_ref().expect("open");
    assert_eq!(state.viewport(), (40, 10));
}

#[test]
fn the_wheel_over_the_sidebar_moves_the_selection() {
    let backend = many_sessions(10);
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::Scroll { column: 5, row: 5, down: true }]);
    assert_eq!((selected_id(&app), open_id(&app)), (Some("s4"), Some("s4")));
    press(&mut app, &backend, [Action::Scroll { column: 5, row: 5, down: false }]);
    assert_eq!(selected_id(&app), Some("s1"));
}

#[test]
fn the_wheel_over_the_conversation_scrolls_it_and_not_the_sidebar() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    let end = open_top(&app).expect("a top row");
    press(&mut app, &backend, [Action::Scroll { column: 50, row: 10, down: false }]);
    let up = open_top(&app).expect("a top row");
    assert!(up < end, "{up:?} should be above {end:?}");
    assert_eq!(selected_id(&app), Some("s1"));
    assert_eq!(app.focus, Focus::Sidebar, "the wheel does not take the focus");
    press(&mut app, &backend, [Action::Scroll { column: 50, row: 10, down: true }]);
    assert_eq!(open_top(&app), Some(end));
}

#[test]
fn a_click_on_a_sidebar_item_selects_and_opens_it() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::FocusConversation]);
    // Row 0 is the header; each session takes two rows from row 1.
    for (row, expected) in [(5, "s3"), (4, "s2"), (1, "s1"), (6, "s3")] {
        press(&mut app, &backend, [Action::Click { column: 3, row }]);
        assert_eq!((selected_id(&app), open_id(&app)), (Some(expected), Some(expected)), "row {row}");
        assert_eq!(app.focus, Focus::Sidebar);
    }
    press(&mut app, &backend, [Action::Click { column: 3, row: 0 }, Action::Click { column: 3, row: 15 }]);
    assert_eq!(selected_id(&app), Some("s3"), "the header and the space below the list select nothing new");
}

#[test]
fn a_click_in_the_conversation_focuses_it_and_selects_the_message_there() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::Click { column: 50, row: 1 }]);
    assert_eq!(app.focus, Focus::Conversation);
    let top = open_top(&app).expect("a top row").0;
    assert!(open_seq(&app).is_some_and(|seq| seq <= top + 1), "selected {:?} near top {top}", open_seq(&app));
    assert_eq!(selected_id(&app), Some("s1"));
}

#[test]
fn a_click_on_a_hit_opens_it() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::StartSearch]);
    type_text(&mut app, &backend, "pars");
    press(&mut app, &backend, [Action::Submit, Action::Click { column: 3, row: 5 }]);
    assert_eq!((open_id(&app), open_seq(&app)), (Some("s2"), Some(2)));
}

#[test]
fn a_click_below_the_last_session_selects_nothing() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::Click { column: 3, row: 15 }]);
    assert_eq!((selected_id(&app), open_id(&app)), (Some("s1"), Some("s1")));
}

#[test]
fn the_open_session_deleted_elsewhere_gives_way_to_the_selection() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    backend.delete_elsewhere("s1");
    app.update(&backend, Action::Tick { now: now() });
    assert_eq!(app.sidebar.total, 2);
    assert_eq!((selected_id(&app), open_id(&app)), (Some("s2"), Some("s2")));
}

#[test]
fn an_empty_store_shows_the_first_session_written_elsewhere() {
    let backend = FakeBackend::new();
    let mut app = launch(&backend, 80, 24);
    backend.add_elsewhere("first", "First words", vec![user("hello")]);
    app.update(&backend, Action::Tick { now: now() });
    assert_eq!((selected_id(&app), open_id(&app)), (Some("first"), Some("first")));
    assert!(open_at_end(&app));
}
