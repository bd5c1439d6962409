//! Coding sessions for the view bench: a big file written whole (drawn as a diff) and a big
//! file read (drawn highlighted), each after the call that made it.

use chrono::{TimeZone, Utc};
use recall::content::{Block, Role};
use recall::tui::view::conversation::ParsedEvent;

/// `lines` lines of plausible Rust.
pub fn rust_source(lines: usize) -> String {
    let mut text = String::with_capacity(lines * 48);
    for n in 0..lines {
        let line = match n % 8 {
            0 => format!("/// Handles case {n}, as the spec says."),
            1 => format!("pub fn handle_{n}(input: &str) -> Result<usize, Error> {{"),
            2 => format!("    let trimmed = input.trim_start_matches(\"{n}:\");"),
            3 => "    if trimmed.is_empty() {".to_owned(),
            4 => format!("        return Err(Error::Empty({n}));"),
            5 => "    }".to_owned(),
            6 => format!("    Ok(trimmed.len() * {n} + 0x1f) // weighted"),
            _ => "}".to_owned(),
        };
        text.push_str(&line);
        text.push('\n');
    }
    text
}

fn events(blocks: Vec<Vec<Block>>) -> Vec<ParsedEvent> {
    let created_at = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).single().expect("valid time");
    blocks
        .into_iter()
        .enumerate()
        .map(|(i, blocks)| ParsedEvent {
            seq: i as i64 + 1,
            created_at,
            label: None,
            blocks: blocks.into(),
            usage: None,
        })
        .collect()
}

/// Claude Code writing a `lines`-line file: one Write call.
pub fn write_session(lines: usize) -> Vec<ParsedEvent> {
    let arguments = serde_json::json!({"file_path": "/repo/src/big.rs", "content": rust_source(lines)});
    let arguments = serde_json::to_string_pretty(&arguments).expect("json");
    events(vec![
        vec![Block::Text { role: Role::User, text: "Write it.".into() }],
        vec![Block::ToolCall { id: Some("w1".into()), name: "Write".into(), arguments }],
    ])
}

/// Claude Code reading a `lines`-line Rust file: the Read call, and its numbered result.
pub fn read_session(lines: usize) -> Vec<ParsedEvent> {
    let output: String =
        rust_source(lines).lines().enumerate().map(|(n, line)| format!("{}\t{line}\n", n + 1)).collect();
    events(vec![
        vec![Block::Text { role: Role::User, text: "Read it.".into() }],
        vec![Block::ToolCall {
            id: Some("r1".into()),
            name: "Read".into(),
            arguments: r#"{"file_path": "/repo/src/big.rs"}"#.into(),
        }],
        vec![Block::ToolResult { call_id: Some("r1".into()), name: Some("Read".into()), output, is_error: false }],
    ])
}
