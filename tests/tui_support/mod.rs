//! Shared by the tests/tui_*.rs files: an in-memory `Backend` (no SQLite), a fixed clock,
//! a few stores to start from, and helpers to drive an `App`.
#![allow(dead_code)]

pub mod fake;
mod fake_nesting;

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recall::content::{Block, Role};
use recall::tui::app::{Action, App, Mode};
use recall::tui::input::Edit;
use recall::tui::theme::Theme;
use recall::tui::view;
use recall::tui::view::conversation::ParsedEvent;

pub use fake::FakeBackend;

/// 2025-06-15 12:00 UTC: the clock every test runs at.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 15, 12, 0, 0).single().expect("valid time")
}

pub fn minutes_ago(minutes: i64) -> DateTime<Utc> {
    now() - Duration::minutes(minutes)
}

pub fn user(text: &str) -> Block {
    Block::Text { role: Role::User, text: text.to_owned() }
}

pub fn assistant(text: &str) -> Block {
    Block::Text { role: Role::Assistant, text: text.to_owned() }
}

/// Events of one block each, a minute apart, ending `updated` minutes ago.
pub fn events(blocks: Vec<Block>, ended_minutes_ago: i64) -> Vec<ParsedEvent> {
    let count = blocks.len() as i64;
    blocks
        .into_iter()
        .enumerate()
        .map(|(i, block)| ParsedEvent {
            seq: i as i64 + 1,
            created_at: minutes_ago(ended_minutes_ago + count - 1 - i as i64),
            label: None,
            blocks: vec![block].into(),
            usage: None,
        })
        .collect()
}

/// `n` events alternating "question i" and "answer i" about `topic`.
pub fn chat(topic: &str, n: usize) -> Vec<Block> {
    (1..=n)
        .map(|i| {
            if i % 2 == 1 { user(&format!("{topic} question {i}")) } else { assistant(&format!("{topic} answer {i}")) }
        })
        .collect()
}

/// Three sessions, newest first: "Fix the parser" (s1, 40 events of "csv question 1",
/// "csv answer 2", ...), "Plan a trip" (s2, 2 events), "Parse the logs" (s3, 2 events).
/// "pars" has four hits: the titles of s1 and s3, then s2's event 2 and s3's event 1.
pub fn three_sessions() -> FakeBackend {
    let backend = FakeBackend::new();
    backend.add("s1", "Fix the parser", 5, chat("csv", 40));
    backend.add(
        "s2",
        "Plan a trip",
        60,
        vec![user("Where should I go in May?"), assistant("Lisbon: you could parse the tram map in a day.")],
    );
    backend.add("s3", "Parse the logs", 24 * 60, vec![user("Parse these logs"), assistant("Done: 3 errors.")]);
    backend
}

/// `n` sessions "Session 1" (newest, id s1) to "Session n", two events each.
pub fn many_sessions(n: usize) -> FakeBackend {
    let backend = FakeBackend::new();
    for i in 1..=n {
        let title = format!("Session {i}");
        backend.add(&format!("s{i}"), &title, i as i64 * 10, vec![user(&format!("hello {i}")), assistant("hi")]);
    }
    backend
}

pub fn launch(backend: &FakeBackend, width: u16, height: u16) -> App {
    let mut app = App::new(backend, width, height, now(), None).expect("the app starts");
    // As the event loop does once the first frame is drawn.
    app.after_first_frame(backend);
    app
}

/// Applies `actions` in order.
pub fn press(app: &mut App, backend: &FakeBackend, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        app.update(backend, action);
    }
}

/// Types `text` into the open prompt, a character at a time.
pub fn type_text(app: &mut App, backend: &FakeBackend, text: &str) {
    press(app, backend, text.chars().map(|ch| Action::Edit(Edit::Insert(ch))));
}

pub fn open_id(app: &App) -> Option<&str> {
    app.open.as_ref().map(|(session, _)| session.id.as_str())
}

pub fn open_title(app: &App) -> Option<&str> {
    app.open.as_ref().map(|(session, _)| session.title.as_str())
}

/// The seq of the selected event in the open session.
pub fn open_seq(app: &App) -> Option<i64> {
    app.open.as_ref().and_then(|(_, state)| state.selected_seq())
}

pub fn open_top(app: &App) -> Option<(i64, usize)> {
    app.open.as_ref().and_then(|(_, state)| state.top())
}

pub fn open_at_end(app: &App) -> bool {
    app.open.as_ref().is_some_and(|(_, state)| state.is_at_end())
}

pub fn selected_id(app: &App) -> Option<&str> {
    app.sidebar.selected_session().map(|session| session.id.as_str())
}

pub fn status_text(app: &App) -> &str {
    app.status.as_ref().map_or("", |status| status.text.as_str())
}

pub fn status_is_error(app: &App) -> bool {
    app.status.as_ref().is_some_and(|status| status.is_error)
}

/// The text in the rename or search editor, if one is open.
pub fn prompt_text(app: &App) -> Option<&str> {
    match &app.mode {
        Mode::Search(input) | Mode::Rename { input, .. } => Some(input.text()),
        _ => None,
    }
}

/// The whole frame drawn at the app's size, times shown in UTC.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).expect("terminal");
    let utc = FixedOffset::east_opt(0).expect("UTC");
    terminal.draw(|frame| view::screen::draw(frame, app, &Theme::default(), utc)).expect("draw");
    terminal
}

/// The drawn frame as lines of text, trailing spaces trimmed.
pub fn screen_lines(app: &App) -> Vec<String> {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            let line: String = (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect();
            line.trim_end().to_owned()
        })
        .collect()
}

pub fn screen_text(app: &App) -> String {
    screen_lines(app).join("\n")
}
