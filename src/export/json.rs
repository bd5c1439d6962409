//! The JSON export: the session and its events as stored (each event's JSON exactly as its
//! origin wrote it) with the blocks recall reads in each, for programs that want both.

use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};

use super::Redaction;
use crate::content::{self, Block, Role};
use crate::store::{Event, Session};

#[derive(Serialize)]
struct SessionExport {
    #[serde(flatten)]
    session: Value,
    events: Vec<EventExport>,
}

#[derive(Serialize)]
struct EventExport {
    seq: i64,
    created_at: String,
    invocation_id: Option<String>,
    metadata: Option<Value>,
    /// The stored text, not re-serialised; only redaction rewrites it (from the parsed value).
    content: Box<RawValue>,
    blocks: Vec<Value>,
}

/// The session as one pretty JSON document, secrets replaced as `redaction` says.
pub fn to_json(session: &Session, events: &[Event], redaction: Redaction) -> Result<String> {
    let events = events.iter().map(|event| event_export(event, redaction)).collect::<Result<Vec<_>>>()?;
    let mut session = crate::cli::session_json(session);
    if redaction.is_on() {
        session = redaction.apply_json(&session);
    }
    serde_json::to_string_pretty(&SessionExport { session, events }).context("cannot write the session as JSON")
}

fn event_export(event: &Event, redaction: Redaction) -> Result<EventExport> {
    let value = event.json();
    let content = if redaction.is_on() {
        RawValue::from_string(serde_json::to_string(&redaction.apply_json(&value))?)?
    } else {
        RawValue::from_string(event.content.clone())
            .with_context(|| format!("event #{} of the store is not valid JSON", event.seq))?
    };
    let blocks = content::parse(&value).iter().map(|block| redaction.apply_json(&block_json(block))).collect();
    let metadata = event.metadata.as_ref().map(|metadata| redaction.apply_json(metadata));
    Ok(EventExport {
        seq: event.seq,
        created_at: event.created_at.to_rfc3339(),
        invocation_id: event.invocation_id.clone(),
        metadata,
        content,
        blocks,
    })
}

pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::User => "user",
        Role::Assistant => "assistant",
        Role::System => "system",
        Role::Tool => "tool",
        Role::Context => "context",
    }
}

/// One block as JSON, tagged by `type`.
pub fn block_json(block: &Block) -> Value {
    match block {
        Block::Text { role, text } => json!({"type": "text", "role": role_key(*role), "text": text}),
        Block::ToolCall { id, name, arguments } => {
            json!({"type": "tool_call", "id": id, "name": name, "arguments": arguments})
        }
        Block::ToolResult { call_id, name, output, is_error } => {
            json!({"type": "tool_result", "call_id": call_id, "name": name, "output": output, "is_error": is_error})
        }
        Block::Reasoning { text } => json!({"type": "reasoning", "text": text}),
        Block::Handoff { from, to } => json!({"type": "handoff", "from": from, "to": to}),
        Block::Raw { json } => json!({"type": "raw", "json": json}),
    }
}
