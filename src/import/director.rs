//! video-db/Director: `sessions` + `conversations` + `context_messages`.
//!
//! The chat is the `conversations` rows (what Director's UI shows): the user's input, then
//! Director's reply with its agents and content blocks (`status = 'error'` replies are errors).
//! The session's single `context_messages` row holds the model's reasoning history; its tool
//! calls and results are woven in after the user input they answer (matched by text), and its
//! assistant texts only when the reply does not already show the same words. A tool result
//! whose data repeats what the reply shows is shown by its status line, the full text kept
//! beside it under `director_result`.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};

use crate::content::RECALL_ROLE;

use super::director_render::{head_if_repeated, is_error_result, output_parts, shown_texts, text_of, tool_calls};
use super::sql::{self, sqlite_error};
use super::{Out, Result, chat, time};
use crate::store::{ImportedSession, NewEvent};

const SOURCE: &str = "director";

struct Row {
    conv_id: String,
    msg_type: String,
    message: Map<String, Value>,
    blocks: Vec<Value>,
    failed: bool,
    created_at: Option<DateTime<Utc>>,
}

/// The reasoning context cut at each user message: what follows one user message up to the next.
struct Segment {
    user: Option<Value>,
    messages: Vec<Value>,
}

impl Segment {
    fn user_text(&self) -> Option<String> {
        let user = self.user.as_ref()?;
        Some(text_of(user.get("content").unwrap_or(&Value::Null)).trim().to_string())
    }
}

pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    let conn = sql::open(path)?;
    let sessions = list_sessions(&conn, path).map_err(sqlite_error(path, "listing sessions"))?;
    for session in sessions {
        let session = read_session(&conn, path, session, out).map_err(sqlite_error(path, "reading a session"))?;
        out.session(session)?;
    }
    Ok(())
}

fn list_sessions(conn: &Connection, path: &Path) -> rusqlite::Result<Vec<ImportedSession>> {
    let mut stmt = conn.prepare(
        "SELECT session_id, video_id, collection_id, created_at, updated_at, metadata FROM sessions ORDER BY rowid",
    )?;
    let rows = stmt.query_map([], |row| {
        let created_at = sql::moment_at(row, 3).unwrap_or_else(|| time::modified(path));
        let mut metadata = match sql::text_at(row, 5).map(|m| chat::json_or_text(&m)) {
            Some(Value::Object(map)) => map,
            _ => Map::new(),
        };
        chat::put(&mut metadata, "video_id", sql::text_at(row, 1));
        chat::put(&mut metadata, "collection_id", sql::text_at(row, 2));
        metadata.insert("path".into(), Value::String(path.display().to_string()));
        Ok(ImportedSession {
            source: SOURCE.into(),
            source_id: sql::text_at(row, 0).unwrap_or_default(),
            title: None,
            created_at,
            updated_at: sql::moment_at(row, 4).unwrap_or(created_at).max(created_at),
            metadata,
            events: Vec::new(),
        })
    })?;
    rows.collect()
}

fn read_session(
    conn: &Connection,
    path: &Path,
    mut session: ImportedSession,
    out: &mut Out<'_, '_>,
) -> rusqlite::Result<ImportedSession> {
    let rows = conversation_rows(conn, path, &session.source_id, out)?;
    let mut segments = context_segments(conn, path, &session.source_id, out)?.into_iter();
    let preamble = segments.next().map(|s| s.messages).unwrap_or_default();
    let mut pending: Vec<Segment> = segments.collect();
    pending.reverse();
    let mut preamble = Some(preamble);
    let mut names = HashMap::new();
    let events = &mut session.events;

    let mut start = 0;
    while start < rows.len() {
        let end = start + rows[start..].iter().take_while(|r| r.conv_id == rows[start].conv_id).count();
        let turn = &rows[start..end];
        let shown: Vec<String> =
            turn.iter().filter(|r| r.msg_type != "input").flat_map(|r| shown_texts(&r.blocks)).collect();
        for row in turn {
            if row.msg_type == "input" {
                let said = text_of(&Value::Array(row.blocks.clone()));
                if let Some(found) = pending.iter().rposition(|s| s.user_text().as_deref() == Some(said.trim())) {
                    for message in preamble.take().into_iter().flatten() {
                        push_context(events, &message, &shown, &mut names, row);
                    }
                    // Context turns the conversations table lacks come first, user message and all.
                    while pending.len() > found + 1 {
                        let Some(orphan) = pending.pop() else { break };
                        for message in orphan.user.iter().chain(&orphan.messages) {
                            push_context(events, message, &[], &mut names, row);
                        }
                    }
                    events.push(row_event(row));
                    if let Some(segment) = pending.pop() {
                        for message in &segment.messages {
                            push_context(events, message, &shown, &mut names, row);
                        }
                    }
                    continue;
                }
            }
            events.push(row_event(row));
        }
        start = end;
    }
    if let Some(last) = rows.last() {
        for message in preamble.take().into_iter().flatten() {
            push_context(events, &message, &[], &mut names, last);
        }
        while let Some(orphan) = pending.pop() {
            for message in orphan.user.iter().chain(&orphan.messages) {
                push_context(events, message, &[], &mut names, last);
            }
        }
    }
    if let Some(last) = session.events.iter().filter_map(|e| e.created_at).max() {
        session.updated_at = session.updated_at.max(last);
    }
    Ok(session)
}

fn conversation_rows(conn: &Connection, path: &Path, id: &str, out: &mut Out<'_, '_>) -> rusqlite::Result<Vec<Row>> {
    let mut stmt = conn.prepare(
        "SELECT msg_id, conv_id, msg_type, agents, actions, content, status, created_at
         FROM conversations WHERE session_id = ?1 ORDER BY rowid",
    )?;
    let mut rows = stmt.query([id])?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        let msg_id = sql::text_at(row, 0).unwrap_or_default();
        let blocks = match sql::text_at(row, 5).map(|c| crate::json::parse_value(&c)) {
            Some(Ok(Value::Array(blocks))) => blocks,
            Some(Ok(_)) | None => Vec::new(),
            Some(Err(e)) => {
                out.skip(
                    format!("{}: conversations msg_id {msg_id}", sql::file_name(path)),
                    format!("content is not JSON: {e}"),
                );
                continue;
            }
        };
        let msg_type = sql::text_at(row, 2).unwrap_or_default();
        let status = sql::text_at(row, 6);
        let (role, content) = if msg_type == "input" {
            ("user", Value::String(text_of(&Value::Array(blocks.clone()))))
        } else {
            ("assistant", Value::Array(output_parts(&blocks)))
        };
        let mut message = chat::message(role, content);
        message.insert("msg_id".into(), Value::String(msg_id));
        let conv_id = sql::text_at(row, 1).unwrap_or_default();
        message.insert("conv_id".into(), Value::String(conv_id.clone()));
        chat::put(&mut message, "agents", sql::text_at(row, 3).map(|a| chat::json_or_text(&a)));
        chat::put(&mut message, "actions", sql::text_at(row, 4).map(|a| chat::json_or_text(&a)));
        chat::put(&mut message, "status", status.clone());
        if role == "assistant" {
            message.insert("director_content".into(), Value::Array(blocks.clone()));
        }
        let failed = status.as_deref() == Some("error");
        found.push(Row { conv_id, msg_type, message, blocks, failed, created_at: sql::moment_at(row, 7) });
    }
    Ok(found)
}

fn context_segments(conn: &Connection, path: &Path, id: &str, out: &mut Out<'_, '_>) -> rusqlite::Result<Vec<Segment>> {
    let data: Option<String> = conn
        .query_row("SELECT context_data FROM context_messages WHERE session_id = ?1", [id], |row| {
            Ok(sql::text_at(row, 0))
        })
        .optional()?
        .flatten();
    let reasoning = match data.map(|d| crate::json::parse_value(&d)) {
        None => Vec::new(),
        Some(Ok(mut value)) => match value.get_mut("reasoning").map(Value::take) {
            Some(Value::Array(messages)) => messages,
            _ => Vec::new(),
        },
        Some(Err(e)) => {
            out.skip(
                format!("{}: context_messages session {id}", sql::file_name(path)),
                format!("context_data is not JSON: {e}"),
            );
            Vec::new()
        }
    };
    let mut segments = vec![Segment { user: None, messages: Vec::new() }];
    for message in reasoning {
        if message.get("role").and_then(Value::as_str) == Some("user") {
            segments.push(Segment { user: Some(message), messages: Vec::new() });
        } else if let Some(segment) = segments.last_mut() {
            segment.messages.push(message);
        }
    }
    Ok(segments)
}

fn row_event(row: &Row) -> NewEvent {
    NewEvent {
        content: Value::Object(row.message.clone()).to_string(),
        created_at: row.created_at,
        invocation_id: Some(row.conv_id.clone()),
        metadata: chat::error_flag(row.failed),
    }
}

/// A reasoning-context message as an event of the turn `row` belongs to, minus words already shown.
fn push_context(
    events: &mut Vec<NewEvent>,
    message: &Value,
    shown: &[String],
    names: &mut HashMap<String, String>,
    row: &Row,
) {
    let role = message.get("role").and_then(Value::as_str).unwrap_or("assistant");
    let content = message.get("content").cloned().unwrap_or(Value::Null);
    let mut failed = false;
    let built = match role {
        "tool" => {
            let call_id = message.get("tool_call_id").and_then(Value::as_str).unwrap_or_default();
            let output = content.as_str().map(str::to_string).unwrap_or_else(|| content.to_string());
            failed = is_error_result(&output);
            let name = names.get(call_id).map(String::as_str);
            // The full result stays beside the shortened one, so nothing is lost.
            Some(match head_if_repeated(&output, shown) {
                Some(head) => {
                    let mut result = chat::tool_result(call_id, name, head);
                    result.insert("director_result".into(), Value::String(output));
                    result
                }
                None => chat::tool_result(call_id, name, output),
            })
        }
        "assistant" => {
            let text = text_of(&content);
            let text = if shown.iter().any(|s| s == text.trim()) { String::new() } else { text };
            let calls = message.get("tool_calls").and_then(Value::as_array).map(|c| tool_calls(c)).unwrap_or_default();
            for call in &calls {
                if let (Some(id), Some(name)) = (call["id"].as_str(), call["function"]["name"].as_str()) {
                    names.insert(id.to_string(), name.to_string());
                }
            }
            // The model's own words in the context never reached the chat Director shows:
            // they are kept, marked as context, so they are not counted as its replies.
            let mut built = match (calls.is_empty(), text.trim().is_empty()) {
                (true, true) => return,
                (_, false) => {
                    let mut built = chat::message("assistant", text);
                    built.insert(RECALL_ROLE.into(), Value::String("context".into()));
                    built
                }
                (false, true) => chat::message("assistant", text),
            };
            if !calls.is_empty() {
                built.insert("tool_calls".into(), Value::Array(calls));
            }
            Some(built)
        }
        other => Some(chat::message(other, text_of(&content))),
    };
    let Some(built) = built else { return };
    let mut metadata = chat::error_flag(failed).unwrap_or_default();
    metadata.insert("origin".into(), Value::String("context".into()));
    events.push(NewEvent {
        content: Value::Object(built).to_string(),
        created_at: row.created_at,
        invocation_id: Some(row.conv_id.clone()),
        metadata: Some(metadata),
    });
}
