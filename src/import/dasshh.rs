//! dasshh's `sessions` + `events`: each event's `content` is an OpenAI chat message, kept as written.
//!
//! Rows carry no order column and every `created_at` of one process is the same moment, so
//! events go in `rowid` order. `detail` is the title unless it is still the "New Session" placeholder.

use std::path::Path;

use rusqlite::Connection;
use serde_json::{Map, Value};

use super::sql::{self, sqlite_error};
use super::{Out, Result, chat, time};
use crate::store::{ImportedSession, NewEvent};

const SOURCE: &str = "dasshh";
const PLACEHOLDER_TITLE: &str = "New Session";
/// What dasshh's runtime stores as the assistant's reply when the model call or a tool failed.
const CANNED_FAILURE: &str = "Sorry, I'm having trouble with that. Please try again later.";

pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    let conn = sql::open(path)?;
    let sessions = list_sessions(&conn).map_err(sqlite_error(path, "listing sessions"))?;
    for session in sessions {
        let session = read_events(&conn, path, session, out).map_err(sqlite_error(path, "reading events"))?;
        out.session(session)?;
    }
    Ok(())
}

fn list_sessions(conn: &Connection) -> rusqlite::Result<Vec<ImportedSession>> {
    let mut stmt = conn.prepare("SELECT id, detail, created_at, updated_at FROM sessions ORDER BY rowid")?;
    let rows = stmt.query_map([], |row| {
        let created_at = sql::moment_at(row, 2).unwrap_or(chrono::DateTime::UNIX_EPOCH);
        let detail = sql::text_at(row, 1);
        let mut metadata = Map::new();
        if let Some(detail) = &detail {
            metadata.insert("detail".into(), Value::String(detail.clone()));
        }
        Ok(ImportedSession {
            source: SOURCE.into(),
            source_id: sql::text_at(row, 0).unwrap_or_default(),
            title: detail.filter(|d| !d.trim().is_empty() && d.trim() != PLACEHOLDER_TITLE),
            created_at,
            updated_at: sql::moment_at(row, 3).unwrap_or(created_at).max(created_at),
            metadata,
            events: Vec::new(),
        })
    })?;
    rows.collect()
}

fn read_events(
    conn: &Connection,
    path: &Path,
    mut session: ImportedSession,
    out: &mut Out<'_, '_>,
) -> rusqlite::Result<ImportedSession> {
    let mut stmt =
        conn.prepare("SELECT id, invocation_id, created_at, content FROM events WHERE session_id = ?1 ORDER BY rowid")?;
    let mut rows = stmt.query([&session.source_id])?;
    while let Some(row) = rows.next()? {
        let location = format!("{}: events id {}", sql::file_name(path), sql::text_at(row, 0).unwrap_or_default());
        let Some(content) = sql::text_at(row, 3) else {
            out.skip(location, "content is NULL");
            continue;
        };
        if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(&content) {
            out.skip(location, format!("content is not JSON: {e}"));
            continue;
        }
        let metadata = chat::error_flag(is_canned_failure(&content));
        session.events.push(NewEvent {
            content,
            created_at: sql::moment_at(row, 2),
            invocation_id: sql::text_at(row, 1),
            metadata,
        });
    }
    session.metadata.insert("path".into(), Value::String(path.display().to_string()));
    if session.created_at == chrono::DateTime::UNIX_EPOCH {
        session.created_at = time::modified(path);
        session.updated_at = session.updated_at.max(session.created_at);
    }
    Ok(session)
}

fn is_canned_failure(content: &str) -> bool {
    content.contains(CANNED_FAILURE)
        && crate::json::parse_value(content).is_ok_and(|m| {
            m.get("role").and_then(Value::as_str) == Some("assistant")
                && m.get("content").and_then(Value::as_str) == Some(CANNED_FAILURE)
        })
}
