//! Shared by the tests/view_*.rs files: events built by hand, a fixed clock, a terminal.
#![allow(dead_code)]

use std::cell::Cell;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use recall::content::{Block, Role};
use recall::tui::theme::Theme;
use recall::tui::view::conversation::{ConversationState, EventSource, ParsedEvent, render};

/// 2025-06-15 18:00 at UTC+2: the clock every snapshot is drawn at.
pub fn now() -> DateTime<FixedOffset> {
    let zone = FixedOffset::east_opt(2 * 3600).expect("valid offset");
    zone.with_ymd_and_hms(2025, 6, 15, 18, 0, 0).single().expect("valid time")
}

/// 2025-06-15 at 14:`minute` UTC, 16:`minute` on the snapshot clock.
pub fn at_minute(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 15, 14, minute % 60, 0).single().expect("valid time")
}

pub fn text(role: Role, text: &str) -> Block {
    Block::Text { role, text: text.to_owned() }
}

pub fn user(body: &str) -> Block {
    text(Role::User, body)
}

pub fn assistant(body: &str) -> Block {
    text(Role::Assistant, body)
}

pub fn tool_call(name: &str, arguments: &str) -> Block {
    Block::ToolCall { id: Some(format!("call_{name}")), name: name.to_owned(), arguments: arguments.to_owned() }
}

pub fn tool_result(name: &str, output: &str, is_error: bool) -> Block {
    Block::ToolResult {
        call_id: Some(format!("call_{name}")),
        name: Some(name.to_owned()),
        output: output.to_owned(),
        is_error,
    }
}

/// A session whose events are `blocks`, one event each, a minute apart.
pub fn session(events: Vec<(Option<&str>, Vec<Block>)>) -> Vec<ParsedEvent> {
    events
        .into_iter()
        .enumerate()
        .map(|(i, (label, blocks))| ParsedEvent {
            seq: i as i64 + 1,
            created_at: at_minute(i as u32),
            label: label.map(str::to_owned),
            blocks: blocks.into(),
            usage: None,
        })
        .collect()
}

/// `n` events alternating a one-line question and a one-line answer.
pub fn short_chat(n: usize) -> Vec<ParsedEvent> {
    session(
        (0..n)
            .map(|i| {
                let block = if i % 2 == 0 {
                    user(&format!("question {}", i + 1))
                } else {
                    assistant(&format!("answer {}", i + 1))
                };
                (None, vec![block])
            })
            .collect(),
    )
}

pub fn opened_at_end(source: &dyn EventSource, width: u16, height: u16) -> ConversationState {
    let mut state = ConversationState::new();
    state.set_viewport(source, width, height).expect("viewport");
    state.open_at_end(source).expect("open");
    state
}

pub fn opened_at_start(source: &dyn EventSource, width: u16, height: u16) -> ConversationState {
    let mut state = ConversationState::new();
    state.set_viewport(source, width, height).expect("viewport");
    state.open_at_start(source).expect("open");
    state
}

/// The state drawn into a terminal of the viewport's size.
pub fn draw(state: &ConversationState) -> Terminal<TestBackend> {
    let (width, height) = state.viewport();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|frame| {
            let area = frame.area();
            render(frame.buffer_mut(), area, state, &Theme::default(), now());
        })
        .expect("draw");
    terminal
}

/// The drawn screen as lines of text, trailing spaces trimmed.
pub fn screen(state: &ConversationState) -> Vec<String> {
    let terminal = draw(state);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            let line: String = (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect();
            line.trim_end().to_owned()
        })
        .collect()
}

pub fn screen_text(state: &ConversationState) -> String {
    screen(state).join("\n")
}

/// Counts how many events the view reads.
pub struct Counting<'a> {
    events: &'a Vec<ParsedEvent>,
    pub read: Cell<usize>,
}

impl<'a> Counting<'a> {
    pub fn new(events: &'a Vec<ParsedEvent>) -> Self {
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

pub fn long_output(lines: usize, needle_at: usize) -> String {
    (1..=lines)
        .map(|i| if i == needle_at { format!("line {i}: needle\n") } else { format!("line {i}: ok\n") })
        .collect()
}

/// A session with tool calls, long results (one an error) and reasoning.
pub fn tool_session() -> Vec<ParsedEvent> {
    session(vec![
        (None, vec![user("Run both")]),
        (None, vec![assistant("Running."), tool_call("first", "{}"), tool_call("second", "{\"a\": 1}")]),
        (None, vec![tool_result("first", &long_output(40, 30), false)]),
        (None, vec![tool_result("second", &long_output(20, 0), true)]),
        (None, vec![Block::Reasoning { text: long_output(10, 0) }, assistant("Both ran.")]),
    ])
}
