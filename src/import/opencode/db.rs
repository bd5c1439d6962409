//! `opencode.db` (OpenCode 1.2 and later): `session` rows with plain columns, `message` and
//! `part` rows whose `data` is the JSON OpenCode keeps (ids, session and times are columns).
//! Columns are found by name, as they come and go between releases.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rusqlite::{Connection, Row};
use serde_json::Value;

use super::{Message, Part, SessionInfo, model_name, parse_object, session};
use crate::import::sql::{self, has_columns, sqlite_error};
use crate::import::{Format, ImportError, Out, Result};

/// Imports every session of the database, adding their ids to `seen`.
pub(super) fn read(path: &Path, seen: &mut HashSet<String>, out: &mut Out<'_, '_>) -> Result<()> {
    let conn = sql::open(path)?;
    let tables = sql::tables(&conn).map_err(sqlite_error(path, "reading the schema"))?;
    let shaped = has_columns(&tables, "session", &["id", "directory", "title"])
        && has_columns(&tables, "message", &["id", "session_id", "time_created", "data"])
        && has_columns(&tables, "part", &["id", "message_id", "data"]);
    if !shaped {
        let reason = "no session, message and part tables of OpenCode".to_string();
        return Err(ImportError::WrongFormat { path: path.to_path_buf(), format: Format::Opencode, reason });
    }
    let worktrees = if tables.contains_key("project") { worktrees(&conn).unwrap_or_default() } else { HashMap::new() };
    let sessions = list_sessions(&conn, path, &worktrees).map_err(sqlite_error(path, "listing sessions"))?;
    for info in sessions {
        seen.insert(info.id.clone());
        let messages = read_messages(&conn, path, &info.id, out).map_err(sqlite_error(path, "reading messages"))?;
        if let Some(session) = session(info, &messages) {
            out.session(session)?;
        }
    }
    Ok(())
}

/// Project id -> its folder, for projects that are a repository (the `global` project, for
/// folders outside any, has the worktree `/`).
fn worktrees(conn: &Connection) -> rusqlite::Result<HashMap<String, String>> {
    let mut stmt = conn.prepare("SELECT id, worktree FROM project")?;
    let rows = stmt.query_map([], |row| Ok((sql::text_at(row, 0), sql::text_at(row, 1))))?;
    Ok(rows
        .filter_map(|row| match row {
            Ok((Some(id), Some(worktree))) if worktree != "/" => Some((id, worktree)),
            _ => None,
        })
        .collect())
}

fn list_sessions(
    conn: &Connection,
    path: &Path,
    worktrees: &HashMap<String, String>,
) -> rusqlite::Result<Vec<SessionInfo>> {
    let mut stmt = conn.prepare("SELECT * FROM session ORDER BY time_created, id")?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let mut rows = stmt.query([])?;
    let mut sessions = Vec::new();
    while let Some(row) = rows.next()? {
        let at = |name: &str| names.iter().position(|n| n == name);
        let text = |name: &str| at(name).and_then(|i| sql::text_at(row, i)).filter(|t| !t.is_empty());
        let moment = |name: &str| at(name).and_then(|i| sql::moment_at(row, i));
        let Some(id) = text("id") else { continue };
        let model = text("model").and_then(|m| model_name(&serde_json::from_str(&m).unwrap_or(Value::String(m))));
        sessions.push(SessionInfo {
            id,
            title: text("title"),
            directory: text("directory"),
            project: text("project_id").and_then(|p| worktrees.get(&p).cloned()),
            parent_id: text("parent_id"),
            version: text("version"),
            model,
            created: moment("time_created"),
            updated: moment("time_updated"),
            archived: moment("time_archived").is_some(),
            file: path.to_path_buf(),
        });
    }
    Ok(sessions)
}

/// The session's messages by creation time, each with its parts by id. A row whose `data` is
/// not a JSON object is skipped and reported; a part of a skipped message goes with it.
fn read_messages(
    conn: &Connection,
    path: &Path,
    session_id: &str,
    out: &mut Out<'_, '_>,
) -> rusqlite::Result<Vec<Message>> {
    let file = sql::file_name(path);
    let mut parts = read_parts(conn, session_id, &file, out)?;
    let mut stmt =
        conn.prepare("SELECT id, time_created, data FROM message WHERE session_id = ?1 ORDER BY time_created, id")?;
    let mut rows = stmt.query([session_id])?;
    let mut messages = Vec::new();
    while let Some(row) = rows.next()? {
        let Some(id) = sql::text_at(row, 0) else { continue };
        match row_object(row, 2) {
            Ok((json, info)) => messages.push(Message {
                parts: parts.remove(&id).unwrap_or_default(),
                id,
                json,
                info,
                created: sql::moment_at(row, 1),
            }),
            Err(reason) => out.skip(format!("{file}: message id {id}"), reason),
        }
    }
    Ok(messages)
}

/// Message id -> its parts in OpenCode's order.
fn read_parts(
    conn: &Connection,
    session_id: &str,
    file: &str,
    out: &mut Out<'_, '_>,
) -> rusqlite::Result<HashMap<String, Vec<Part>>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.message_id, p.data FROM part p JOIN message m ON m.id = p.message_id \
         WHERE m.session_id = ?1 ORDER BY p.message_id, p.id",
    )?;
    let mut rows = stmt.query([session_id])?;
    let mut parts: HashMap<String, Vec<Part>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let (Some(id), Some(message_id)) = (sql::text_at(row, 0), sql::text_at(row, 1)) else { continue };
        match row_object(row, 2) {
            Ok((json, value)) => parts.entry(message_id).or_default().push(Part { json, value }),
            Err(reason) => out.skip(format!("{file}: part id {id}"), reason),
        }
    }
    Ok(parts)
}

fn row_object(row: &Row<'_>, index: usize) -> std::result::Result<(Box<serde_json::value::RawValue>, Value), String> {
    let text = sql::text_at(row, index).ok_or_else(|| "data is NULL".to_string())?;
    parse_object(&text).map_err(|reason| format!("data is {reason}"))
}
