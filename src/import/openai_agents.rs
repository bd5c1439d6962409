//! OpenAI Agents SDK `SQLiteSession` / `AsyncSQLiteSession` / `AdvancedSQLiteSession` databases.
//!
//! Each `message_data` is one Responses-API input item, kept as written. The advanced store keeps
//! every branch's rows in the same messages table and lists branches in `message_structure`;
//! each item is imported once, in id order, and notes the branch that first used it. Its
//! `turn_usage` table gives the session's tokens and each turn's (see `openai_agents_usage`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};

use super::openai_agents_usage as usage;
use super::sql::{self, has_columns, quote, sqlite_error};
use super::{ImportError, Options, Out, Result, chat, time};
use crate::store::{ImportedSession, NewEvent};

const SOURCE: &str = "openai-agents";

pub(crate) struct Tables {
    sessions: String,
    messages: String,
    /// The advanced store's branch index, when present.
    structure: bool,
    /// The advanced store's usage by turn, when present.
    turn_usage: bool,
}

pub(crate) fn read(path: &Path, opts: &Options, out: &mut Out<'_, '_>) -> Result<()> {
    let conn = sql::open(path)?;
    let tables = find_tables(&conn, path, opts)?;
    let ids = session_ids(&conn, &tables).map_err(sqlite_error(path, "listing sessions"))?;
    for id in ids {
        let session = read_session(&conn, path, &tables, &id, out).map_err(sqlite_error(path, "reading a session"))?;
        out.session(session)?;
    }
    Ok(())
}

/// The messages table is the one with `session_id`, `message_data` and `id`; the sessions table
/// has `session_id`, `created_at` and `updated_at`. Names given in `opts` win.
pub(crate) fn find_tables(conn: &Connection, path: &Path, opts: &Options) -> Result<Tables> {
    let all = sql::tables(conn).map_err(sqlite_error(path, "reading the schema"))?;
    let pick = |given: &Option<String>, default: &str, columns: &[&str], what: &str| -> Result<String> {
        if let Some(name) = given {
            return if has_columns(&all, name, columns) {
                Ok(name.clone())
            } else {
                Err(wrong(path, format!("table '{name}' does not have the columns {}", columns.join(", "))))
            };
        }
        if has_columns(&all, default, columns) {
            return Ok(default.to_string());
        }
        let found: Vec<&String> = all.keys().filter(|name| has_columns(&all, name, columns)).collect();
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(wrong(path, format!("no {what} table (columns {})", columns.join(", ")))),
            many => Err(wrong(path, format!("several {what} tables ({}); name one in the import options", join(many)))),
        }
    };
    let messages = pick(&opts.messages_table, "agent_messages", &["session_id", "message_data", "id"], "messages")?;
    let sessions =
        pick(&opts.sessions_table, "agent_sessions", &["session_id", "created_at", "updated_at"], "sessions")?;
    let structure = has_columns(&all, "message_structure", &["message_id", "branch_id", "session_id"]);
    let turn_usage = usage::has_table(&all);
    Ok(Tables { sessions, messages, structure, turn_usage })
}

fn join(names: &[&String]) -> String {
    names.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(", ")
}

fn wrong(path: &Path, reason: String) -> ImportError {
    ImportError::WrongFormat { path: path.to_path_buf(), format: super::Format::OpenaiAgents, reason }
}

/// Every session with a row, oldest first, then any with items but no row.
fn session_ids(conn: &Connection, tables: &Tables) -> rusqlite::Result<Vec<String>> {
    let (s, m) = (quote(&tables.sessions), quote(&tables.messages));
    let listed = format!("SELECT session_id FROM {s} WHERE session_id IS NOT NULL ORDER BY created_at, session_id");
    let orphans = format!(
        "SELECT session_id FROM {m} WHERE session_id IS NOT NULL
           AND session_id NOT IN (SELECT session_id FROM {s} WHERE session_id IS NOT NULL)
         GROUP BY session_id ORDER BY min(id)"
    );
    let mut ids = Vec::new();
    for sql in [listed, orphans] {
        let mut stmt = conn.prepare(&sql)?;
        for id in stmt.query_map([], |row| Ok(sql::text_at(row, 0).unwrap_or_default()))? {
            ids.push(id?);
        }
    }
    Ok(ids)
}

fn read_session(
    conn: &Connection,
    path: &Path,
    tables: &Tables,
    id: &str,
    out: &mut Out<'_, '_>,
) -> rusqlite::Result<ImportedSession> {
    let times_sql = format!("SELECT created_at, updated_at FROM {} WHERE session_id = ?1", quote(&tables.sessions));
    let times = conn
        .query_row(&times_sql, [id], |row| Ok((sql::moment_at(row, 0), sql::moment_at(row, 1))))
        .optional()?
        .unwrap_or((None, None));
    let branches = if tables.structure { branch_of_items(conn, id)? } else { HashMap::new() };

    let items_sql = format!(
        "SELECT id, message_data, created_at FROM {} WHERE session_id = ?1 ORDER BY id",
        quote(&tables.messages)
    );
    let mut stmt = conn.prepare(&items_sql)?;
    let mut rows = stmt.query([id])?;
    let mut events = Vec::new();
    let mut item_ids = Vec::new();
    while let Some(row) = rows.next()? {
        let row_id: i64 = row.get_ref(0)?.as_i64().unwrap_or_default();
        let location = format!("{}: {} id {row_id}", sql::file_name(path), tables.messages);
        let Some(data) = sql::text_at(row, 1) else {
            out.skip(location, "message_data is NULL");
            continue;
        };
        if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(&data) {
            out.skip(location, format!("message_data is not JSON: {e}"));
            continue;
        }
        let mut metadata = chat::error_flag(is_tool_failure(&data));
        if let Some(branch) = branches.get(&row_id) {
            metadata.get_or_insert_with(Map::new).insert("branch".into(), Value::String(branch.clone()));
        }
        events.push(NewEvent { content: data, created_at: sql::moment_at(row, 2), invocation_id: None, metadata });
        item_ids.push(row_id);
    }
    let turns = if tables.turn_usage { usage::read(conn, path, id, out)? } else { Vec::new() };
    if !turns.is_empty() && tables.structure {
        usage::note_turns(&turns, &usage::last_items(conn, id)?, &item_ids, &mut events);
    }

    let first = events.first().and_then(|e| e.created_at);
    let last = events.iter().rev().find_map(|e| e.created_at);
    let created_at = times.0.or(first).unwrap_or_else(|| time::modified(path));
    let updated_at = latest([times.1, last, Some(created_at)]);
    let mut metadata = Map::new();
    metadata.insert("path".into(), Value::String(path.display().to_string()));
    usage::note_session(&mut metadata, &turns);
    if tables.sessions != "agent_sessions" || tables.messages != "agent_messages" {
        metadata.insert("tables".into(), serde_json::json!([tables.sessions, tables.messages]));
    }
    if tables.structure {
        let mut names: Vec<&String> = branches.values().collect();
        names.sort();
        names.dedup();
        metadata.insert("branches".into(), serde_json::json!(names));
    }
    Ok(ImportedSession {
        source: SOURCE.into(),
        source_id: id.to_string(),
        title: None,
        created_at,
        updated_at,
        metadata,
        events,
    })
}

/// Message id -> the branch that first referenced it (a fork re-references its parent's rows).
fn branch_of_items(conn: &Connection, session_id: &str) -> rusqlite::Result<HashMap<i64, String>> {
    let mut stmt =
        conn.prepare("SELECT message_id, branch_id FROM message_structure WHERE session_id = ?1 ORDER BY id")?;
    let mut rows = stmt.query([session_id])?;
    let mut first: BTreeMap<i64, String> = BTreeMap::new();
    while let Some(row) = rows.next()? {
        let (Some(message), Some(branch)) = (row.get_ref(0)?.as_i64().ok(), sql::text_at(row, 1)) else { continue };
        first.entry(message).or_insert(branch);
    }
    Ok(first.into_iter().collect())
}

/// The SDK answers a tool that raised with this default output (`default_tool_error_function`).
fn is_tool_failure(data: &str) -> bool {
    const DEFAULT_ERROR: &str = "An error occurred while running the tool.";
    data.contains(DEFAULT_ERROR)
        && crate::json::parse_value(data).is_ok_and(|item| {
            item.get("type").and_then(Value::as_str) == Some("function_call_output")
                && item.get("output").and_then(Value::as_str).is_some_and(|o| o.starts_with(DEFAULT_ERROR))
        })
}

fn latest(times: [Option<DateTime<Utc>>; 3]) -> DateTime<Utc> {
    times.into_iter().flatten().max().unwrap_or(DateTime::UNIX_EPOCH)
}
