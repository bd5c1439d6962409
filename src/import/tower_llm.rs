//! tower-llm's `sessions` table: one row per RunItem, a session being the rows sharing
//! `session_id`, ordered by `sequence_num`. `item_data` is kept as written.

use std::path::Path;

use rusqlite::Connection;
use serde_json::{Map, Value};

use super::sql::{self, sqlite_error};
use super::{Out, Result, time};
use crate::store::{ImportedSession, NewEvent};

const SOURCE: &str = "tower-llm";

pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    let conn = sql::open(path)?;
    let ids = session_ids(&conn).map_err(sqlite_error(path, "listing sessions"))?;
    for id in ids {
        let session = read_session(&conn, path, &id, out).map_err(sqlite_error(path, "reading items"))?;
        out.session(session)?;
    }
    Ok(())
}

/// Sessions in the order their first item was written.
fn session_ids(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT session_id FROM sessions GROUP BY session_id ORDER BY min(id)")?;
    let ids =
        stmt.query_map([], |row| Ok(sql::text_at(row, 0).unwrap_or_default()))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

fn read_session(conn: &Connection, path: &Path, id: &str, out: &mut Out<'_, '_>) -> rusqlite::Result<ImportedSession> {
    let mut stmt = conn.prepare(
        "SELECT id, item_type, item_data, created_at FROM sessions WHERE session_id = ?1 ORDER BY sequence_num, id",
    )?;
    let mut rows = stmt.query([id])?;
    let mut events = Vec::new();
    while let Some(row) = rows.next()? {
        let location = format!("{}: sessions id {}", sql::file_name(path), sql::text_at(row, 0).unwrap_or_default());
        let Some(data) = sql::text_at(row, 2) else {
            out.skip(location, "item_data is NULL");
            continue;
        };
        let item: Value = match crate::json::parse_value(&data) {
            Ok(item) => item,
            Err(e) => {
                out.skip(location, format!("item_data is not JSON: {e}"));
                continue;
            }
        };
        let failed = item.get("error").is_some_and(|e| !e.is_null());
        let created_at =
            sql::moment_at(row, 3).or_else(|| item.get("created_at").and_then(Value::as_str).and_then(time::parse));
        events.push(NewEvent {
            content: data,
            created_at,
            invocation_id: None,
            metadata: super::chat::error_flag(failed),
        });
    }
    let created_at = events.iter().find_map(|e| e.created_at).unwrap_or_else(|| time::modified(path));
    let updated_at = events.iter().filter_map(|e| e.created_at).max().unwrap_or(created_at);
    let mut metadata = Map::new();
    metadata.insert("path".into(), Value::String(path.display().to_string()));
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
