//! Token usage on screen, from a real Claude Code transcript (8e8fc512: four model calls of
//! 1,500 input and 40 output tokens, the first written over three lines): the session's sum
//! and model in the pane header, read after the first frame, and each reply's own figures on
//! its header line, once per call.

mod import_support;

use chrono::{DateTime, FixedOffset, Utc};
use import_support::{by_id, fixture, read_all};
use ratatui::{Terminal, backend::TestBackend};
use recall::content::{Price, Prices};
use recall::import::Format;
use recall::store::Store;
use recall::tui::StoreBackend;
use recall::tui::app::App;
use recall::tui::theme::Theme;
use recall::tui::view;

fn launch(width: u16, height: u16) -> (StoreBackend, App, tempfile::TempDir) {
    let (sessions, _) = read_all(&fixture("claude-code/2.1.330/dot-claude/projects"), Format::ClaudeCode);
    let store = Store::open_in_memory().expect("store");
    store.import_session(by_id(&sessions, "8e8fc512-9937-419e-a720-7fa370a3ddf0")).expect("imports");
    let dir = tempfile::tempdir().expect("tempdir");
    let backend = StoreBackend::new(store, dir.path().to_path_buf()).expect("backend");
    let now: DateTime<Utc> = "2026-11-30T12:00:00Z".parse().expect("time");
    let app = App::new(&backend, width, height, now, None).expect("starts");
    (backend, app, dir)
}

fn screen(app: &App) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).expect("terminal");
    let utc = FixedOffset::east_opt(0).expect("UTC");
    terminal.draw(|frame| view::screen::draw(frame, app, &Theme::default(), utc)).expect("draws");
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_owned())
        .collect()
}

#[test]
fn the_session_sum_comes_after_the_first_frame() {
    let (backend, mut app, _dir) = launch(200, 40);
    let first = screen(&app);
    assert!(!first[0].contains(" in · "), "the first frame does not wait for the sum: {}", first[0]);
    assert!(app.read_pending_usage(&backend), "the sum is read once the frame is drawn");
    assert!(!app.read_pending_usage(&backend), "and only once");
    let header = &screen(&app)[0];
    assert!(header.ends_with("6k in · 160 out · claude-opus-5-5"), "{header}");
}

#[test]
fn the_header_shows_the_cost_when_the_model_is_priced() {
    let (mut backend, mut app, _dir) = launch(200, 40);
    // 6,000 in at $5 and 160 out at $25 per million: $0.03 + $0.004.
    backend.prices =
        Prices::new([("claude-opus-*".to_string(), Price { input: 5.0, output: 25.0, ..Price::default() })]);
    let first = screen(&app);
    assert!(!first[0].contains('$'), "the first frame does not wait for the cost: {}", first[0]);
    assert!(app.read_pending_usage(&backend));
    let header = &screen(&app)[0];
    assert!(header.ends_with("6k in · 160 out · $0.03 · claude-opus-5-5"), "{header}");
}

#[test]
fn an_unpriced_model_shows_no_cost() {
    let (mut backend, mut app, _dir) = launch(200, 40);
    backend.prices = Prices::new([("gpt-5*".to_string(), Price { input: 1.0, output: 1.0, ..Price::default() })]);
    app.read_pending_usage(&backend);
    let header = &screen(&app)[0];
    assert!(header.ends_with("6k in · 160 out · claude-opus-5-5"), "{header}");
}

#[test]
fn a_partly_priced_session_shows_a_lower_bound() {
    // Two replies, of a priced and an unpriced model.
    let reply = |id: &str, model: &str| {
        recall::store::NewEvent::from_value(&serde_json::json!({"type": "assistant", "message": {
            "id": id, "role": "assistant", "model": model, "content": [{"type": "text", "text": "ok"}],
            "usage": {"input_tokens": 1_000_000, "output_tokens": 0}}}))
    };
    let at: DateTime<Utc> = "2026-11-30T10:00:00Z".parse().expect("time");
    let store = Store::open_in_memory().expect("store");
    store
        .import_session(&recall::store::ImportedSession {
            source: "claude-code".into(),
            source_id: "two-models".into(),
            title: Some("Two models".into()),
            created_at: at,
            updated_at: at,
            metadata: serde_json::Map::new(),
            events: vec![reply("m1", "claude-opus-4"), reply("m2", "claude-haiku-4")],
        })
        .expect("imports");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut backend = StoreBackend::new(store, dir.path().to_path_buf()).expect("backend");
    backend.prices =
        Prices::new([("claude-opus-4".to_string(), Price { input: 5.0, output: 25.0, ..Price::default() })]);
    let now: DateTime<Utc> = "2026-11-30T12:00:00Z".parse().expect("time");
    let mut app = App::new(&backend, 200, 40, now, None).expect("starts");
    app.read_pending_usage(&backend);
    let header = &screen(&app)[0];
    assert!(header.ends_with("2M in · 0 out · ≥ $5.00 · claude-opus-4, claude-haiku-4"), "{header}");
}

#[test]
fn each_reply_shows_its_own_usage_once() {
    let (backend, mut app, _dir) = launch(200, 60);
    app.read_pending_usage(&backend);
    let lines = screen(&app);
    let with_usage: Vec<&String> = lines.iter().filter(|line| line.contains("1.5k in · 40 out")).collect();
    assert_eq!(with_usage.len(), 4, "one header per model call:\n{}", lines.join("\n"));
    // Below the pane header, whose short id is new in each store.
    insta::assert_snapshot!("claude_code_tokens_200x60", lines[1..].join("\n"));
}
