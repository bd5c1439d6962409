//! tenets `sessions` + `session_context`. tenets builds code context rather than chatting, so
//! each artifact (a note, a distilled context...) becomes a system message carrying its `kind`;
//! a `context_result` shows its Markdown and keeps the rest of the result beside it.

use std::path::Path;

use rusqlite::Connection;
use serde_json::{Map, Value};

use super::chat;
use super::sql::{self, sqlite_error};
use super::{Out, Result, time};
use crate::store::ImportedSession;

const SOURCE: &str = "tenets";

pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    let conn = sql::open(path)?;
    let sessions = list_sessions(&conn, path).map_err(sqlite_error(path, "listing sessions"))?;
    for (row_id, session) in sessions {
        let session =
            read_artifacts(&conn, path, row_id, session, out).map_err(sqlite_error(path, "reading session_context"))?;
        out.session(session)?;
    }
    Ok(())
}

fn list_sessions(conn: &Connection, path: &Path) -> rusqlite::Result<Vec<(i64, ImportedSession)>> {
    let mut stmt = conn.prepare("SELECT id, name, created_at, metadata FROM sessions ORDER BY id")?;
    let rows = stmt.query_map([], |row| {
        let id: i64 = row.get_ref(0)?.as_i64().unwrap_or_default();
        let name = sql::text_at(row, 1).unwrap_or_else(|| id.to_string());
        let created_at = sql::moment_at(row, 2).unwrap_or_else(|| time::modified(path));
        let mut metadata = match sql::text_at(row, 3).map(|m| chat::json_or_text(&m)) {
            Some(Value::Object(map)) => map,
            Some(other) => Map::from_iter([("metadata".to_string(), other)]),
            None => Map::new(),
        };
        let updated_at = ["updated_at", "ended_at", "resumed_at"]
            .iter()
            .filter_map(|key| metadata.get(*key).and_then(Value::as_str).and_then(time::parse))
            .max()
            .unwrap_or(created_at)
            .max(created_at);
        metadata.insert("path".into(), Value::String(path.display().to_string()));
        let session = ImportedSession {
            source: SOURCE.into(),
            source_id: name.clone(),
            title: Some(name),
            created_at,
            updated_at,
            metadata,
            events: Vec::new(),
        };
        Ok((id, session))
    })?;
    rows.collect()
}

fn read_artifacts(
    conn: &Connection,
    path: &Path,
    row_id: i64,
    mut session: ImportedSession,
    out: &mut Out<'_, '_>,
) -> rusqlite::Result<ImportedSession> {
    let mut stmt =
        conn.prepare("SELECT id, kind, content, created_at FROM session_context WHERE session_id = ?1 ORDER BY id")?;
    let mut rows = stmt.query([row_id])?;
    while let Some(row) = rows.next()? {
        let id = row.get_ref(0)?.as_i64().unwrap_or_default();
        let Some(content) = sql::text_at(row, 2) else {
            out.skip(format!("{}: session_context id {id}", sql::file_name(path)), "content is NULL");
            continue;
        };
        let kind = sql::text_at(row, 1).unwrap_or_else(|| "context".into());
        let created_at = sql::moment_at(row, 3);
        let mut message = match crate::json::parse_value(&content) {
            Ok(Value::Object(mut result)) if result.get("content").is_some_and(Value::is_string) => {
                let text = result.remove("content").unwrap_or_default();
                let mut message = chat::message("system", text);
                message.insert("result".into(), Value::Object(result));
                message
            }
            _ => chat::message("system", content),
        };
        message.insert("kind".into(), Value::String(kind));
        message.insert("id".into(), Value::from(id));
        if let Some(at) = created_at {
            session.updated_at = session.updated_at.max(at);
        }
        session.events.push(chat::event(message, created_at));
    }
    Ok(session)
}
