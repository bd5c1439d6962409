//! llm's message store (llm >= 0.32): `threads` / `turns` / `messages` / `parts`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};

use super::message::{LlmMessage, SOURCE, ToolCall, ToolResult, attachment, fragment};
use crate::import::{chat, sql, time};
use crate::store::ImportedSession;

pub(super) fn thread_ids(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id FROM threads ORDER BY datetime_utc, id")?;
    let ids =
        stmt.query_map([], |row| Ok(sql::text_at(row, 0).unwrap_or_default()))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

struct Turn {
    id: String,
    model: Option<String>,
    at: Option<DateTime<Utc>>,
    tokens: (Option<i64>, Option<i64>),
}

/// `tokens`: the `turns` table has llm's `input_tokens` and `output_tokens` columns.
pub(super) fn read_thread(conn: &Connection, path: &Path, id: &str, tokens: bool) -> rusqlite::Result<ImportedSession> {
    let (name, tip, forked_from, started) = conn.query_row(
        "SELECT name, tip_message_hash, forked_from, datetime_utc FROM threads WHERE id = ?1",
        [id],
        |row| Ok((sql::text_at(row, 0), sql::text_at(row, 1), sql::text_at(row, 2), sql::moment_at(row, 3))),
    )?;
    let chain = message_chain(conn, tip)?;
    let mut turns_by_tip = HashMap::new();
    let tokens = if tokens { "input_tokens, output_tokens" } else { "NULL, NULL" };
    let mut stmt = conn.prepare(&format!(
        "SELECT id, tip_message_hash, model, datetime_utc, {tokens} FROM turns WHERE thread_id = ?1"
    ))?;
    let mut rows = stmt.query([id])?;
    while let Some(row) = rows.next()? {
        let turn = Turn {
            id: sql::text_at(row, 0).unwrap_or_default(),
            model: sql::text_at(row, 2),
            at: sql::moment_at(row, 3),
            tokens: (row.get(4).ok().flatten(), row.get(5).ok().flatten()),
        };
        turns_by_tip.insert(sql::text_at(row, 1).unwrap_or_default(), turn);
    }

    let mut events = Vec::new();
    let mut waiting: Vec<LlmMessage> = Vec::new();
    let mut last_turn: Option<&Turn> = None;
    for (hash, role) in &chain {
        let mut message = read_parts(conn, hash, role)?;
        // A turn's messages are those since the previous turn's tip, up to and including its own.
        if let Some(turn) = turns_by_tip.get(hash) {
            message.model = turn.model.clone();
            message.tokens = Some(turn.tokens);
            waiting.push(message);
            for message in waiting.drain(..) {
                events.extend(message.events(turn.at, Some(&turn.id)));
            }
            last_turn = Some(turn);
        } else {
            waiting.push(message);
        }
    }
    for message in waiting {
        events.extend(message.events(last_turn.and_then(|t| t.at), None));
    }

    let created_at =
        started.or_else(|| events.iter().find_map(|e| e.created_at)).unwrap_or_else(|| time::modified(path));
    let updated_at = events.iter().filter_map(|e| e.created_at).max().unwrap_or(created_at).max(created_at);
    let mut metadata = Map::new();
    chat::put(&mut metadata, "model", last_turn.and_then(|t| t.model.clone()));
    chat::put(&mut metadata, "forked_from", forked_from);
    metadata.insert("path".into(), Value::String(path.display().to_string()));
    Ok(ImportedSession {
        source: SOURCE.into(),
        source_id: id.to_string(),
        title: name.filter(|n| !n.trim().is_empty()),
        created_at,
        updated_at,
        metadata,
        events,
    })
}

/// (hash, role) from the root down to `tip`, following `parent_hash` up from the tip.
fn message_chain(conn: &Connection, tip: Option<String>) -> rusqlite::Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT parent_hash, role FROM messages WHERE hash = ?1")?;
    let mut chain = Vec::new();
    let mut seen = HashSet::new();
    let mut next = tip;
    while let Some(hash) = next.take() {
        if !seen.insert(hash.clone()) {
            break; // a cycle would be corrupt data; stop rather than loop
        }
        let Some((parent, role)) = stmt
            .query_row([&hash], |row| Ok((sql::text_at(row, 0), sql::text_at(row, 1).unwrap_or_default())))
            .optional()?
        else {
            break;
        };
        chain.push((hash, role));
        next = parent;
    }
    chain.reverse();
    Ok(chain)
}

fn read_parts(conn: &Connection, hash: &str, role: &str) -> rusqlite::Result<LlmMessage> {
    let mut message = LlmMessage { role: role.to_string(), ..Default::default() };
    let mut stmt = conn
        .prepare_cached("SELECT type, tool_name, text, payload FROM parts WHERE message_hash = ?1 ORDER BY position")?;
    let mut rows = stmt.query([hash])?;
    while let Some(row) = rows.next()? {
        let kind = sql::text_at(row, 0).unwrap_or_default();
        let tool_name = sql::text_at(row, 1).unwrap_or_default();
        let text = sql::text_at(row, 2);
        let payload = sql::text_at(row, 3).map(|p| chat::json_or_text(&p)).unwrap_or(Value::Null);
        let field = |key: &str| payload.get(key).and_then(Value::as_str).map(str::to_string);
        match kind.as_str() {
            "reasoning" => message.reasoning.extend(text),
            "tool_call" => message.tool_calls.push(ToolCall {
                id: field("tool_call_id").unwrap_or_default(),
                name: field("name").unwrap_or(tool_name),
                arguments: payload.get("arguments").cloned().unwrap_or(Value::Null),
            }),
            "tool_result" => message.tool_results.push(ToolResult {
                call_id: field("tool_call_id").unwrap_or_default(),
                name: field("name").unwrap_or(tool_name),
                output: payload.get("output").map(as_text).unwrap_or_default(),
                exception: field("exception"),
            }),
            "attachment" => {
                if let Some(id) = payload.pointer("/attachment/id").and_then(Value::as_str) {
                    message.attachments.push(attachment(conn, id)?);
                }
            }
            _ => message.texts.extend(text.filter(|t| !t.is_empty()).or_else(|| resolve_text_ref(conn, &payload))),
        }
    }
    Ok(message)
}

fn as_text(value: &Value) -> String {
    value.as_str().map(str::to_string).unwrap_or_else(|| value.to_string())
}

/// Text that borrows fragments: `{"text_ref": [{"fragment": id}, {"literal": "..."}]}`.
fn resolve_text_ref(conn: &Connection, payload: &Value) -> Option<String> {
    let pieces = payload.get("text_ref")?.as_array()?;
    let mut text = String::new();
    for piece in pieces {
        if let Some(literal) = piece.get("literal").and_then(Value::as_str) {
            text.push_str(literal);
        } else if let Some(id) = piece.get("fragment").and_then(Value::as_i64) {
            text.push_str(&fragment(conn, id).unwrap_or_default());
        }
    }
    Some(text)
}
