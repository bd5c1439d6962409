//! elia's `chat` + `message`: plain columns, so each row becomes an OpenAI chat message with
//! the row's own `id`, `model` and `meta` beside it. elia has no tool calls.

use std::path::Path;

use rusqlite::Connection;
use serde_json::{Map, Value};

use super::chat;
use super::sql::{self, sqlite_error};
use super::{Out, Result, time};
use crate::store::ImportedSession;

const SOURCE: &str = "elia";

pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    let conn = sql::open(path)?;
    let chats = list_chats(&conn, path).map_err(sqlite_error(path, "listing chats"))?;
    for (id, chat) in chats {
        let chat = read_messages(&conn, path, id, chat, out).map_err(sqlite_error(path, "reading messages"))?;
        out.session(chat)?;
    }
    Ok(())
}

fn list_chats(conn: &Connection, path: &Path) -> rusqlite::Result<Vec<(i64, ImportedSession)>> {
    let mut stmt = conn.prepare("SELECT id, model, title, started_at, archived FROM chat ORDER BY id")?;
    let rows = stmt.query_map([], |row| {
        let id = row.get_ref(0)?.as_i64().unwrap_or_default();
        let created_at = sql::moment_at(row, 3).unwrap_or_else(|| time::modified(path));
        let mut metadata = Map::new();
        chat::put(&mut metadata, "model", sql::text_at(row, 1));
        let archived = row.get_ref(4)?.as_i64().unwrap_or(0) != 0;
        metadata.insert("archived".into(), Value::Bool(archived));
        metadata.insert("path".into(), Value::String(path.display().to_string()));
        let chat = ImportedSession {
            source: SOURCE.into(),
            source_id: id.to_string(),
            title: sql::text_at(row, 2).filter(|t| !t.trim().is_empty()),
            created_at,
            updated_at: created_at,
            metadata,
            events: Vec::new(),
        };
        Ok((id, chat))
    })?;
    rows.collect()
}

fn read_messages(
    conn: &Connection,
    path: &Path,
    chat_id: i64,
    mut chat: ImportedSession,
    out: &mut Out<'_, '_>,
) -> rusqlite::Result<ImportedSession> {
    let mut stmt =
        conn.prepare("SELECT id, role, content, timestamp, meta, model FROM message WHERE chat_id = ?1 ORDER BY id")?;
    let mut rows = stmt.query([chat_id])?;
    while let Some(row) = rows.next()? {
        let id = row.get_ref(0)?.as_i64().unwrap_or_default();
        let (Some(role), Some(content)) = (sql::text_at(row, 1), sql::text_at(row, 2)) else {
            out.skip(format!("{}: message id {id}", sql::file_name(path)), "role or content is NULL");
            continue;
        };
        let mut message = chat::message(&role, content);
        message.insert("id".into(), Value::from(id));
        chat::put(&mut message, "model", sql::text_at(row, 5));
        match sql::text_at(row, 4).map(|m| chat::json_or_text(&m)) {
            Some(Value::Object(meta)) if meta.is_empty() => {}
            meta => chat::put(&mut message, "meta", meta),
        }
        let created_at = sql::moment_at(row, 3);
        if let Some(at) = created_at {
            chat.updated_at = chat.updated_at.max(at);
        }
        chat.events.push(chat::event(message, created_at));
    }
    Ok(chat)
}
