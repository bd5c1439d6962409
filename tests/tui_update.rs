//! `App::update` without a terminal or SQLite: launching, moving in the sidebar, switching
//! panes, scrolling the conversation, help, copy, export and quit. Searching, changes to
//! sessions and the live screen (ticks, resizes, the mouse) have files of their own.

mod tui_support;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use recall::tui::app::{Action, App, Effect, Focus, Mode};
use recall::tui::keymap;
use tui_support::*;

/// Resolves `code` through the real key table in the app's mode, then applies it.
fn key(app: &mut App, backend: &FakeBackend, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(action) = keymap::resolve(&app.mode, &event) {
        app.update(backend, action);
    }
}

#[test]
fn launch_opens_the_most_recent_session_at_its_end_with_the_sidebar_focused() {
    let backend = three_sessions();
    let app = launch(&backend, 80, 24);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, Focus::Sidebar);
    assert_eq!(app.sidebar.total, 3);
    assert_eq!(selected_id(&app), Some("s1"));
    assert_eq!(open_id(&app), Some("s1"));
    assert!(open_at_end(&app), "launch shows the end of the session");
    assert_eq!(open_seq(&app), Some(40), "the newest event is selected");
    assert_eq!(app.status, None);
    assert!(!app.quit);
}

#[test]
fn launch_with_an_id_opens_that_session_and_selects_it() {
    let backend = three_sessions();
    let app = App::new(&backend, 80, 24, now(), Some("s3")).expect("starts");
    assert_eq!(open_id(&app), Some("s3"));
    assert_eq!(selected_id(&app), Some("s3"));
    assert!(open_at_end(&app));
}

#[test]
fn empty_store_opens_nothing_and_every_key_is_harmless() {
    let backend = FakeBackend::new();
    let mut app = launch(&backend, 80, 24);
    assert_eq!((app.sidebar.total, open_id(&app)), (0, None));
    let every_normal_action = [
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Top,
        Action::Bottom,
        Action::Activate,
        Action::ToggleFold,
        Action::CycleToolOutput,
        Action::ToggleReasoning,
        Action::Back,
        Action::NextMessage,
        Action::PreviousMessage,
        Action::SwitchFocus,
        Action::StartRename,
        Action::AskDelete,
        Action::NextHit,
        Action::PreviousHit,
        Action::Cancel,
        Action::Submit,
        Action::Scroll { column: 5, row: 5, down: true },
        Action::Click { column: 5, row: 2 },
        Action::Click { column: 50, row: 5 },
    ];
    press(&mut app, &backend, every_normal_action);
    assert_eq!(app.mode, Mode::Normal, "rename and delete have nothing to act on");
    assert_eq!(open_id(&app), None);

    press(&mut app, &backend, [Action::Copy]);
    assert_eq!(status_text(&app), "Nothing selected to copy");
    assert!(app.effects.is_empty());
    press(&mut app, &backend, [Action::Export]);
    assert_eq!(status_text(&app), "Open a session to export it");
    assert!(backend.exports().is_empty());
    press(&mut app, &backend, [Action::Undo]);
    assert_eq!(status_text(&app), "Nothing to undo");
}

#[test]
fn j_k_page_and_g_move_the_selection_and_the_conversation_follows() {
    let backend = many_sessions(30);
    let mut app = launch(&backend, 80, 24);
    // 23 rows above the status line, a header, two rows a session: 11 on screen.
    assert_eq!(app.panes().sidebar_capacity(), 11);
    let mut step = |action: Action, expected: &str| {
        app.update(&backend, action.clone());
        assert_eq!(selected_id(&app), Some(expected), "after {action:?}");
        assert_eq!(open_id(&app), Some(expected), "the conversation follows {action:?}");
        assert!(open_at_end(&app), "{expected} opens at its end");
        assert_eq!(app.focus, Focus::Sidebar);
    };
    step(Action::Down, "s2");
    step(Action::Down, "s3");
    step(Action::Up, "s2");
    step(Action::PageDown, "s13");
    step(Action::HalfPageDown, "s18");
    step(Action::HalfPageUp, "s13");
    step(Action::PageUp, "s2");
    step(Action::Bottom, "s30");
    step(Action::Down, "s30");
    step(Action::Top, "s1");
    step(Action::Up, "s1");
}

#[test]
fn the_sidebar_scrolls_to_keep_the_selection_on_screen() {
    let backend = many_sessions(30);
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::Bottom]);
    assert_eq!((app.sidebar.selected, app.sidebar.top), (29, 19));
    press(&mut app, &backend, [Action::Top]);
    assert_eq!((app.sidebar.selected, app.sidebar.top), (0, 0));
    let screen = screen_text(&app);
    assert!(screen.contains("Session 11") && !screen.contains("Session 12"), "{screen}");
}

#[test]
fn tab_h_and_l_switch_focus_without_changing_the_session() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    for (action, focus) in [
        (Action::SwitchFocus, Focus::Conversation),
        (Action::SwitchFocus, Focus::Sidebar),
        (Action::FocusConversation, Focus::Conversation),
        (Action::FocusConversation, Focus::Conversation),
        (Action::FocusSidebar, Focus::Sidebar),
        (Action::FocusSidebar, Focus::Sidebar),
    ] {
        app.update(&backend, action.clone());
        assert_eq!(app.focus, focus, "after {action:?}");
        assert_eq!(open_id(&app), Some("s1"));
    }
}

#[test]
fn enter_opens_the_selected_session_and_focuses_the_conversation() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::Down, Action::Down, Action::Activate]);
    assert_eq!(open_id(&app), Some("s3"));
    assert_eq!(app.focus, Focus::Conversation);
    assert!(open_at_end(&app));
}

#[test]
fn scrolling_the_conversation_leaves_the_sidebar_alone() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::FocusConversation]);
    let end = open_top(&app).expect("a top row");

    press(&mut app, &backend, [Action::Up]);
    assert_ne!(open_top(&app), Some(end), "k scrolls up");
    assert!(!open_at_end(&app));
    press(&mut app, &backend, [Action::Down]);
    assert_eq!(open_top(&app), Some(end), "j scrolls back down");

    press(&mut app, &backend, [Action::PageUp, Action::HalfPageUp]);
    let paged_up = open_top(&app).expect("a top row");
    assert!(paged_up < end);
    press(&mut app, &backend, [Action::HalfPageDown, Action::PageDown]);
    assert_eq!(open_top(&app), Some(end));

    press(&mut app, &backend, [Action::Top]);
    assert_eq!(open_top(&app), Some((1, 0)), "g goes to the first row");
    press(&mut app, &backend, [Action::Bottom]);
    assert!(open_at_end(&app), "G goes to the end");

    press(&mut app, &backend, [Action::PreviousMessage, Action::PreviousMessage]);
    assert_eq!(open_seq(&app), Some(38), "K selects the message before");
    press(&mut app, &backend, [Action::NextMessage]);
    assert_eq!(open_seq(&app), Some(39), "J selects the message after");

    press(&mut app, &backend, [Action::ToggleFold, Action::CycleToolOutput, Action::Activate]);
    assert_eq!(open_id(&app), Some("s1"), "Enter in the conversation does not reopen");
    assert_eq!(app.sidebar.selected, 0, "the sidebar never moved");
    assert_eq!(app.focus, Focus::Conversation);
}

#[test]
fn question_mark_opens_help_and_any_key_closes_it() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    for closing_key in [KeyCode::Char('x'), KeyCode::Char('j'), KeyCode::Esc, KeyCode::Char('?'), KeyCode::Enter] {
        key(&mut app, &backend, KeyCode::Char('?'));
        assert_eq!(app.mode, Mode::Help);
        key(&mut app, &backend, closing_key);
        assert_eq!(app.mode, Mode::Normal, "{closing_key:?} closes help");
        assert_eq!(selected_id(&app), Some("s1"), "{closing_key:?} only closed help");
        assert_eq!(app.focus, Focus::Sidebar);
    }
}

#[test]
fn actions_behind_help_are_ignored_until_it_closes() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::ToggleHelp, Action::Down, Action::AskDelete, Action::StartSearch]);
    assert_eq!(app.mode, Mode::Help);
    assert_eq!(selected_id(&app), Some("s1"));
    press(&mut app, &backend, [Action::ToggleHelp]);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn y_copies_the_selected_message() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::Copy]);
    assert_eq!(app.effects, vec![Effect::Copy("csv answer 40".into())]);
    assert_eq!(status_text(&app), "Copied the selected message (13 characters)");

    app.effects.clear();
    press(&mut app, &backend, [Action::FocusConversation, Action::PreviousMessage, Action::Copy]);
    assert_eq!(app.effects, vec![Effect::Copy("csv question 39".into())]);
}

#[test]
fn shift_y_copies_the_selected_message_with_secrets_redacted() {
    let backend = FakeBackend::new();
    let token = format!("ghp_{}", "A1b2C3d4E5f6".repeat(3));
    backend.add("s1", "Keys", 1, vec![user("Which token?"), assistant(&format!("Use {token} now"))]);
    let mut app = launch(&backend, 80, 24);
    key(&mut app, &backend, KeyCode::Char('Y'));
    assert_eq!(app.effects, vec![Effect::Copy("Use [REDACTED:github] now".into())]);
    assert_eq!(status_text(&app), "Copied the selected message (25 characters, secrets redacted)");
    app.effects.clear();
    key(&mut app, &backend, KeyCode::Char('y'));
    assert_eq!(app.effects, vec![Effect::Copy(format!("Use {token} now"))]);
}

#[test]
fn e_exports_the_open_session_and_says_where() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    press(&mut app, &backend, [Action::Down, Action::Export]);
    assert_eq!(app.mode, Mode::ChooseExport, "e asks for the format");
    assert!(backend.exports().is_empty());
    key(&mut app, &backend, KeyCode::Char('m'));
    assert_eq!(backend.exports(), vec!["s2".to_string()]);
    assert_eq!(status_text(&app), "Exported to /exports/s2.md");
    assert!(!status_is_error(&app));
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, &backend, [Action::Export]);
    key(&mut app, &backend, KeyCode::Char('h'));
    assert_eq!(status_text(&app), "Exported to /exports/s2.html");
    press(&mut app, &backend, [Action::Export]);
    key(&mut app, &backend, KeyCode::Char('j'));
    assert_eq!(status_text(&app), "Exported to /exports/s2.json");
    press(&mut app, &backend, [Action::Export]);
    key(&mut app, &backend, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(backend.exports().len(), 3, "Esc exports nothing");
}

#[test]
fn q_quits_from_anywhere_ctrl_c_reaches() {
    let backend = three_sessions();
    for opening in
        [Action::StartSearch, Action::StartRename, Action::AskDelete, Action::ToggleHelp, Action::Tick { now: now() }]
    {
        let mut app = launch(&backend, 80, 24);
        press(&mut app, &backend, [opening.clone(), Action::Quit]);
        assert!(app.quit, "Quit after {opening:?}");
    }
}

#[test]
fn a_list_longer_than_a_page_is_read_around_the_selection() {
    let backend = many_sessions(450);
    let mut app = launch(&backend, 80, 24);
    assert!(app.sidebar.items.len() < 450, "only a page is read");
    press(&mut app, &backend, [Action::Bottom]);
    assert_eq!((selected_id(&app), open_id(&app)), (Some("s450"), Some("s450")));
    press(&mut app, &backend, (0..25).map(|_| Action::PageUp));
    assert_eq!(selected_id(&app), Some("s175"));
    press(&mut app, &backend, [Action::Top, Action::Down]);
    assert_eq!((selected_id(&app), open_id(&app)), (Some("s2"), Some("s2")));
    assert!(screen_text(&app).contains("Session 2"));
}

#[test]
fn o_on_a_session_its_tool_cannot_resume_says_so_and_runs_nothing() {
    let backend = three_sessions();
    let mut app = launch(&backend, 80, 24);
    key(&mut app, &backend, KeyCode::Char('o'));
    assert_eq!(status_text(&app), "recall knows no command that resumes test sessions: its id is s1 · y copies it");
    assert!(status_is_error(&app));
    assert!(app.effects.is_empty(), "nothing is handed the terminal");
    key(&mut app, &backend, KeyCode::Char('y'));
    assert_eq!(app.effects, vec![recall::tui::app::Effect::Copy("s1".into())], "y copies what names it");
}
