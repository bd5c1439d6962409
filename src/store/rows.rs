//! Rows to values: the one place that knows the column order of each SELECT.

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::Row;
use serde_json::Value;

use super::types::{Event, Session};

pub const SESSION_COLUMNS: &str =
    "id, title, created_at, updated_at, source, source_id, event_count, metadata, deleted_at";

pub const EVENT_COLUMNS: &str = "id, session_id, seq, invocation_id, created_at, content, metadata";

pub fn time(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

fn json_object(text: Option<String>) -> Option<Value> {
    text.and_then(|text| serde_json::from_str(&text).ok())
}

pub fn session(row: &Row) -> rusqlite::Result<Session> {
    Ok(Session {
        id: row.get(0)?,
        title: row.get(1)?,
        created_at: time(row.get(2)?),
        updated_at: time(row.get(3)?),
        source: row.get(4)?,
        source_id: row.get(5)?,
        event_count: row.get(6)?,
        metadata: json_object(row.get(7)?).unwrap_or_else(|| Value::Object(Default::default())),
        deleted_at: row.get::<_, Option<i64>>(8)?.map(time),
    })
}

pub fn event(row: &Row) -> rusqlite::Result<Event> {
    Ok(Event {
        id: row.get(0)?,
        session_id: row.get(1)?,
        seq: row.get(2)?,
        invocation_id: row.get(3)?,
        created_at: time(row.get(4)?),
        content: row.get(5)?,
        metadata: json_object(row.get(6)?),
    })
}
