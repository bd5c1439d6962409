//! `read_session`: a stretch of one session as a readable transcript, bounded, with the seq
//! range it covers and where to go on from.

use std::fmt::Write as _;

use super::access::ToolError;
use super::page::{Page, cut};
use super::sessions::{describe, time};
use crate::content::{self, Block, CallIndex, sanitize, sanitize_line};
use crate::export::role_name;
use crate::store::{Event, Store};

pub const READ_DEFAULT: usize = 50;
pub const READ_MAX: usize = 500;
/// Lines of a tool result (or of a JSON event not understood) kept when output is folded.
const FOLDED_LINES: usize = 5;
/// Longest line of folded output, in characters.
const FOLDED_LINE_CHARS: usize = 200;

/// What to read and how.
pub struct ReadRequest<'a> {
    pub id: &'a str,
    pub from_seq: i64,
    pub limit: usize,
    pub include_tool_output: bool,
}

pub fn read_session(store: &Store, request: &ReadRequest) -> Result<String, ToolError> {
    if request.limit == 0 || request.limit > READ_MAX {
        return Err(ToolError::bad(format!("limit must be between 1 and {READ_MAX}")));
    }
    if request.from_seq < 1 {
        return Err(ToolError::bad("from_seq must be 1 or more (events are numbered from 1)"));
    }
    let id = store.resolve_id(request.id, false)?;
    let session = store.get_session(&id)?;
    let events = store.events_range(&id, request.from_seq, request.limit)?;
    let mut page = Page::new();
    page.push(&format!("{}\n", describe(&session)));
    let mut calls = CallIndex::new();
    let mut last = None;
    let mut cut_short = false;
    for event in &events {
        let blocks = content::parse(&event.json());
        calls.record(event.seq, &blocks);
        let text = render(event, &blocks, &calls, request.include_tool_output);
        if !page.push(&text) {
            if last.is_none() {
                // One event bigger than a whole answer: what fits, so that paging moves on.
                let room = page.room().saturating_sub(60);
                page.push(&format!("{}\n[event {} cut at the answer's size limit]\n", cut(&text, room), event.seq));
                last = Some(event.seq);
            }
            cut_short = true;
            break;
        }
        last = Some(event.seq);
    }
    let Some(last) = last else {
        return Ok(page.finish(&format!(
            "No events from seq {}: the session has {} events.",
            request.from_seq, session.event_count
        )));
    };
    let more = !store.events_range(&id, last + 1, 1)?.is_empty();
    let mut note = format!("Events seq {}-{last} of {}", request.from_seq.max(events[0].seq), session.event_count);
    if cut_short {
        note.push_str(", cut at the answer's size limit");
    }
    if more {
        let _ = write!(note, ". More follows: call read_session with id=\"{id}\" and from_seq={}.", last + 1);
    } else {
        note.push_str(". That is the end of the session.");
    }
    Ok(page.finish(&note))
}

/// One event: a heading per block (`[seq N · time] Role`) and its text, sanitized.
fn render(event: &Event, blocks: &[Block], calls: &CallIndex, full_output: bool) -> String {
    let mut out = String::new();
    let when = format!("seq {} · {}", event.seq, time(event.created_at));
    for block in blocks {
        let (heading, body, fold) = match block {
            Block::Text { role, text } => (role_name(*role).to_string(), text.clone(), false),
            Block::ToolCall { id, name, arguments } => {
                let id = id.as_deref().map(|id| format!(" (id {id})")).unwrap_or_default();
                (format!("Tool call: {name}{id}"), arguments.clone(), false)
            }
            Block::ToolResult { call_id, output, is_error, .. } => {
                let name = calls.result_name(block).unwrap_or("tool");
                let kind = if *is_error { "Tool error" } else { "Tool result" };
                let id = call_id.as_deref().map(|id| format!(" (for id {id})")).unwrap_or_default();
                (format!("{kind}: {name}{id}"), output.clone(), !full_output)
            }
            Block::Reasoning { text } => ("Reasoning".to_string(), text.clone(), false),
            Block::Handoff { from, to } => {
                let (from, to) = (from.as_deref().unwrap_or("?"), to.as_deref().unwrap_or("?"));
                (format!("Handoff: {from} → {to}"), String::new(), false)
            }
            Block::Raw { json } => ("Event not understood (JSON)".to_string(), json.clone(), !full_output),
        };
        let _ = writeln!(out, "\n[{when}] {}", sanitize_line(&heading));
        let body = sanitize(&body);
        if fold {
            write_folded(&mut out, &body);
        } else if !body.is_empty() {
            let _ = writeln!(out, "{}", body.trim_end());
        }
    }
    out
}

/// The first lines of `body`, each cut, and how many more there are.
fn write_folded(out: &mut String, body: &str) {
    let lines: Vec<&str> = body.trim_end().lines().collect();
    for line in lines.iter().take(FOLDED_LINES) {
        let _ = writeln!(out, "{}", cut(line, FOLDED_LINE_CHARS));
    }
    if lines.len() > FOLDED_LINES {
        let hidden = lines.len() - FOLDED_LINES;
        let _ = writeln!(out, "[{hidden} more lines; include_tool_output=true shows them]");
    }
}
