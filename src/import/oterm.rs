//! oterm's `chat` + `message` (the role column is `author`). oterm stores no times, no tool
//! calls and no thinking: only the final texts and images, so each row becomes an OpenAI chat
//! message (images as `image_url` data parts) and the chat's settings become session metadata.
//! With no times at all, sessions are dated by the file's modification time.

use std::path::Path;

use rusqlite::Connection;
use serde_json::{Map, Value, json};

use super::chat;
use super::sql::{self, sqlite_error};
use super::{Out, Result, time};
use crate::store::ImportedSession;

const SOURCE: &str = "oterm";

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
    let modified = time::modified(path);
    // Older oterm files gained columns through ALTER TABLE, so read by name, not position.
    let mut stmt = conn.prepare("SELECT * FROM chat ORDER BY id")?;
    let names: Vec<String> = stmt.column_names().map(|n| n.to_ascii_lowercase()).collect();
    let rows = stmt.query_map([], |row| {
        let mut metadata = Map::new();
        let mut id = 0;
        let mut name = None;
        for (index, column) in names.iter().enumerate() {
            let value = sql::text_at(row, index);
            match column.as_str() {
                "id" => id = row.get_ref(index)?.as_i64().unwrap_or_default(),
                "name" => name = value,
                "parameters" | "tools" => chat::put(&mut metadata, column, value.map(|v| chat::json_or_text(&v))),
                "thinking" => chat::put(&mut metadata, column, row.get_ref(index)?.as_i64().ok().map(|t| t != 0)),
                _ => chat::put(&mut metadata, column, value),
            }
        }
        metadata.insert("path".into(), Value::String(path.display().to_string()));
        let chat = ImportedSession {
            source: SOURCE.into(),
            source_id: id.to_string(),
            title: name.filter(|n| !n.trim().is_empty()),
            created_at: modified,
            updated_at: modified,
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
    let mut stmt = conn.prepare("SELECT id, author, text, images FROM message WHERE chat_id = ?1 ORDER BY id")?;
    let mut rows = stmt.query([chat_id])?;
    while let Some(row) = rows.next()? {
        let id = row.get_ref(0)?.as_i64().unwrap_or_default();
        let (Some(author), Some(text)) = (sql::text_at(row, 1), sql::text_at(row, 2)) else {
            out.skip(format!("{}: message id {id}", sql::file_name(path)), "author or text is NULL");
            continue;
        };
        let images = match sql::text_at(row, 3).map(|i| chat::json_or_text(&i)) {
            Some(Value::Array(images)) => images,
            _ => Vec::new(),
        };
        let content = if images.is_empty() {
            Value::String(text)
        } else {
            let mut parts = vec![json!({"type": "text", "text": text})];
            parts.extend(images.iter().filter_map(Value::as_str).map(|data| {
                json!({"type": "image_url", "image_url": {"url": format!("data:{};base64,{data}", image_type(data))}})
            }));
            Value::Array(parts)
        };
        let mut message = chat::message(&author, content);
        message.insert("id".into(), Value::from(id));
        chat.events.push(chat::event(message, None));
    }
    Ok(chat)
}

/// oterm keeps bare base64; the first bytes tell the image type.
fn image_type(base64: &str) -> &'static str {
    match base64.get(..4) {
        Some("/9j/") => "image/jpeg",
        Some("R0lG") => "image/gif",
        Some("UklG") => "image/webp",
        _ => "image/png",
    }
}
