//! llm's legacy tables (llm <= 0.31): `conversations` + `responses`, with tool calls on the
//! response that asked for them and tool results on the next one. Conversations that also
//! exist as threads are skipped: the thread replays them (see `super`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rusqlite::Connection;
use serde_json::{Map, Value};

use super::message::{LlmMessage, SOURCE, ToolCall, ToolResult, attachment, fragment};
use crate::import::sql::{self, has_columns, sqlite_error};
use crate::import::{Out, Result, chat, time};
use crate::store::{ImportedSession, NewEvent};

type Tables = BTreeMap<String, Vec<String>>;
/// Conversation id -> (name, model).
type Names = HashMap<String, (Option<String>, Option<String>)>;

pub(crate) fn read(
    conn: &Connection,
    path: &Path,
    tables: &Tables,
    threads: &HashSet<String>,
    out: &mut Out<'_, '_>,
) -> Result<()> {
    let failed = |context: &str| sqlite_error(path, context);
    let names = conversation_names(conn, tables).map_err(failed("listing conversations"))?;
    let reasoning = if has_columns(tables, "responses", &["reasoning"]) { "reasoning" } else { "NULL" };
    let tokens = if has_columns(tables, "responses", &["input_tokens", "output_tokens"]) {
        "input_tokens, output_tokens"
    } else {
        "NULL, NULL"
    };
    // One pass in conversation order: `conversation_id` has no index, so a query per
    // conversation would scan the table each time. ULID ids sort by time.
    let mut stmt = conn
        .prepare(&format!(
            "SELECT coalesce(conversation_id, id), id, model, prompt, system, response, datetime_utc, {reasoning},
                    {tokens}
             FROM responses ORDER BY 1, datetime_utc, id"
        ))
        .map_err(failed("reading responses"))?;
    let mut rows = stmt.query([]).map_err(failed("reading responses"))?;
    let mut current: Option<Conversation> = None;
    while let Some(row) = rows.next().map_err(failed("reading responses"))? {
        let conversation_id = sql::text_at(row, 0).unwrap_or_default();
        if threads.contains(&conversation_id) {
            continue;
        }
        if current.as_ref().is_some_and(|c| c.id != conversation_id)
            && let Some(done) = current.take()
        {
            out.session(done.finish(path, &names))?;
        }
        let conversation = current.get_or_insert_with(|| Conversation { id: conversation_id, ..Default::default() });
        conversation.add_response(conn, tables, row).map_err(failed("reading a response"))?;
    }
    if let Some(done) = current {
        out.session(done.finish(path, &names))?;
    }
    Ok(())
}

fn conversation_names(conn: &Connection, tables: &Tables) -> rusqlite::Result<Names> {
    if !has_columns(tables, "conversations", &["id", "name", "model"]) {
        return Ok(HashMap::new());
    }
    let mut stmt = conn.prepare("SELECT id, name, model FROM conversations")?;
    let rows = stmt.query_map([], |row| {
        Ok((sql::text_at(row, 0).unwrap_or_default(), (sql::text_at(row, 1), sql::text_at(row, 2))))
    })?;
    rows.collect()
}

#[derive(Default)]
struct Conversation {
    id: String,
    events: Vec<NewEvent>,
    system_so_far: Option<String>,
    model: Option<String>,
}

impl Conversation {
    /// A response reads as: its system prompt when it changed, the tool results it was given,
    /// the prompt, then the reply (reasoning, text, tool calls).
    fn add_response(&mut self, conn: &Connection, tables: &Tables, row: &rusqlite::Row<'_>) -> rusqlite::Result<()> {
        let response_id = sql::text_at(row, 1).unwrap_or_default();
        let at = sql::moment_at(row, 6);
        let invocation = Some(response_id.as_str());
        let model = sql::text_at(row, 2);
        let system = join_nonempty(fragments(conn, tables, "system_fragments", &response_id), sql::text_at(row, 4));
        if system.is_some() && system != self.system_so_far {
            let message =
                LlmMessage { role: "system".into(), texts: system.clone().into_iter().collect(), ..Default::default() };
            self.events.extend(message.events(at, invocation));
            self.system_so_far = system;
        }
        let results = LlmMessage {
            role: "tool".into(),
            tool_results: tool_results(conn, tables, &response_id)?,
            ..Default::default()
        };
        self.events.extend(results.events(at, invocation));
        let prompt = join_nonempty(fragments(conn, tables, "prompt_fragments", &response_id), sql::text_at(row, 3));
        let user = LlmMessage {
            role: "user".into(),
            texts: prompt.into_iter().collect(),
            attachments: attachments(conn, tables, &response_id)?,
            ..Default::default()
        };
        self.events.extend(user.events(at, invocation));
        let reply = LlmMessage {
            role: "assistant".into(),
            texts: sql::text_at(row, 5).filter(|t| !t.is_empty()).into_iter().collect(),
            reasoning: sql::text_at(row, 7).filter(|t| !t.is_empty()).into_iter().collect(),
            tool_calls: tool_calls(conn, tables, &response_id)?,
            model: model.clone(),
            tokens: Some((row.get(8).ok().flatten(), row.get(9).ok().flatten())),
            ..Default::default()
        };
        self.events.extend(reply.events(at, invocation));
        self.model = model.or(self.model.take());
        Ok(())
    }

    fn finish(self, path: &Path, names: &Names) -> ImportedSession {
        let (name, model) = names.get(&self.id).cloned().unwrap_or_default();
        let created_at = self.events.iter().find_map(|e| e.created_at).unwrap_or_else(|| time::modified(path));
        let updated_at = self.events.iter().filter_map(|e| e.created_at).max().unwrap_or(created_at).max(created_at);
        let mut metadata = Map::new();
        chat::put(&mut metadata, "model", self.model.or(model));
        metadata.insert("schema".into(), Value::String("legacy".into()));
        metadata.insert("path".into(), Value::String(path.display().to_string()));
        ImportedSession {
            source: SOURCE.into(),
            source_id: self.id,
            title: name.filter(|n| !n.trim().is_empty()),
            created_at,
            updated_at,
            metadata,
            events: self.events,
        }
    }
}

/// Fragments come before the typed text, as llm assembles the prompt.
fn join_nonempty(mut pieces: Vec<String>, text: Option<String>) -> Option<String> {
    pieces.extend(text);
    pieces.retain(|p| !p.is_empty());
    (!pieces.is_empty()).then(|| pieces.join("\n"))
}

fn fragments(conn: &Connection, tables: &Tables, table: &str, response_id: &str) -> Vec<String> {
    if !has_columns(tables, table, &["response_id", "fragment_id"]) {
        return Vec::new();
    }
    let sql = format!("SELECT fragment_id FROM {table} WHERE response_id = ?1 ORDER BY \"order\"");
    let ids: Vec<i64> = conn
        .prepare_cached(&sql)
        .and_then(|mut stmt| stmt.query_map([response_id], |row| row.get(0))?.collect())
        .unwrap_or_default();
    ids.into_iter().filter_map(|id| fragment(conn, id)).collect()
}

fn tool_calls(conn: &Connection, tables: &Tables, response_id: &str) -> rusqlite::Result<Vec<ToolCall>> {
    if !has_columns(tables, "tool_calls", &["response_id", "name", "arguments", "tool_call_id"]) {
        return Ok(Vec::new());
    }
    let mut stmt =
        conn.prepare_cached("SELECT tool_call_id, name, arguments FROM tool_calls WHERE response_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([response_id], |row| {
        let arguments = sql::text_at(row, 2).map(|a| chat::json_or_text(&a)).unwrap_or(Value::Null);
        Ok(ToolCall {
            id: sql::text_at(row, 0).unwrap_or_default(),
            name: sql::text_at(row, 1).unwrap_or_default(),
            arguments,
        })
    })?;
    rows.collect()
}

fn tool_results(conn: &Connection, tables: &Tables, response_id: &str) -> rusqlite::Result<Vec<ToolResult>> {
    if !has_columns(tables, "tool_results", &["response_id", "name", "output", "tool_call_id"]) {
        return Ok(Vec::new());
    }
    let exception = if has_columns(tables, "tool_results", &["exception"]) { "exception" } else { "NULL" };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT tool_call_id, name, output, {exception} FROM tool_results WHERE response_id = ?1 ORDER BY id"
    ))?;
    let rows = stmt.query_map([response_id], |row| {
        Ok(ToolResult {
            call_id: sql::text_at(row, 0).unwrap_or_default(),
            name: sql::text_at(row, 1).unwrap_or_default(),
            output: sql::text_at(row, 2).unwrap_or_default(),
            exception: sql::text_at(row, 3).filter(|e| !e.is_empty()),
        })
    })?;
    rows.collect()
}

fn attachments(conn: &Connection, tables: &Tables, response_id: &str) -> rusqlite::Result<Vec<Value>> {
    if !has_columns(tables, "prompt_attachments", &["response_id", "attachment_id"]) {
        return Ok(Vec::new());
    }
    let mut stmt =
        conn.prepare_cached("SELECT attachment_id FROM prompt_attachments WHERE response_id = ?1 ORDER BY \"order\"")?;
    let ids: Vec<String> = stmt
        .query_map([response_id], |row| Ok(sql::text_at(row, 0).unwrap_or_default()))?
        .collect::<rusqlite::Result<_>>()?;
    ids.iter().map(|id| attachment(conn, id)).collect()
}
