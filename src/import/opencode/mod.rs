//! OpenCode: `~/.local/share/opencode/` (`$XDG_DATA_HOME/opencode/`).
//!
//! Since 1.2 OpenCode keeps its history in `opencode.db`, a live SQLite file in WAL mode,
//! opened read-only (see `readonly`): `session` rows, and for each message a `message` row
//! and ordered `part` rows, with the JSON in their `data` column. Releases up to 1.1.65 wrote
//! the same objects as files under `storage/` (`session/<project>/<ses>.json`,
//! `message/<ses>/<msg>.json`, `part/<msg>/<prt>.json`: see `legacy`). Upgrading copies them
//! into the database and leaves the folder behind, so both are read from the OpenCode folder
//! whatever path inside it is given, and a session the database holds is not read again
//! from the files. The database's `event` table is an event-sourcing log that repeats the
//! sessions, messages and parts: it is never read.
//!
//! **One event per message.** OpenCode splits a message in two: the message's own object
//! (role, model, times, error) and its parts (text, reasoning, tool calls with their results,
//! files, step markers). Neither is readable alone: a part does not say who spoke, and the
//! message holds no words. So an event is the pair, as one JSON object whose values are the
//! origin's JSON byte for byte:
//!
//! ```json
//! {"opencode_message": "msg_…", "message": {…}, "parts": [{…}, {…}]}
//! ```
//!
//! with the parts in OpenCode's order (by id, which sorts by time) and messages by creation
//! time, then id. A reply then counts once however many text parts it has, a tool part (the
//! call and its result in one row) stays beside the words that led to it, and a part updated
//! in place (a tool going from running to completed) changes only its own message's event.
//! OpenCode writes one assistant message per model step: a turn with two tool rounds is three
//! assistant events, as OpenCode itself shows it.

mod db;
mod legacy;

pub(crate) use legacy::is_storage;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{Format, ImportError, Out, Result, chat, time};
use crate::store::{ImportedSession, NewEvent};

const SOURCE: &str = "opencode";
pub(crate) const DATABASE: &str = "opencode.db";
pub(crate) const STORAGE: &str = "storage";

/// Reads the OpenCode folder that `path` is (or is in): its database, then the sessions only
/// its `storage/` files hold. A single legacy session file is read on its own.
pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    if let Some(storage) = legacy::storage_of_session_file(path) {
        return legacy::read_one(&storage, path, out);
    }
    let (database, storage) = places(path);
    if database.is_none() && storage.is_none() {
        let reason = format!("neither {DATABASE} nor a {STORAGE}/ folder of sessions");
        return Err(ImportError::WrongFormat { path: path.to_path_buf(), format: Format::Opencode, reason });
    }
    let mut seen = HashSet::new();
    if let Some(database) = database {
        db::read(&database, &mut seen, out)?;
    }
    if let Some(storage) = storage {
        legacy::read(&storage, &seen, out)?;
    }
    Ok(())
}

/// The database and the `storage/` folder of the OpenCode folder `path` names: the folder
/// itself, its `storage/`, or a database file (whose folder may hold a `storage/` too).
fn places(path: &Path) -> (Option<PathBuf>, Option<PathBuf>) {
    let home = if path.is_file() || is_storage(path) {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        path.to_path_buf()
    };
    let database = if path.is_file() { Some(path.to_path_buf()) } else { Some(home.join(DATABASE)) };
    let storage = if is_storage(path) { path.to_path_buf() } else { home.join(STORAGE) };
    (database.filter(|d| d.is_file()), Some(storage).filter(|s| is_storage(s)))
}

/// What either store says about a session besides its messages.
#[derive(Debug, Default)]
pub(super) struct SessionInfo {
    pub id: String,
    pub title: Option<String>,
    pub directory: Option<String>,
    pub project: Option<String>,
    pub parent_id: Option<String>,
    pub version: Option<String>,
    pub model: Option<String>,
    pub created: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub archived: bool,
    /// The file it was read from, for metadata and as the time of last resort.
    pub file: PathBuf,
}

/// One message: its JSON and its parts' JSON exactly as written, and what the reader needs
/// from them.
pub(super) struct Message {
    pub id: String,
    pub json: Box<RawValue>,
    pub info: Value,
    pub created: Option<DateTime<Utc>>,
    pub parts: Vec<Part>,
}

pub(super) struct Part {
    pub json: Box<RawValue>,
    pub value: Value,
}

/// Parses a `data` column or a file's text: the value to look into, and the text to keep.
pub(super) fn parse_object(text: &str) -> std::result::Result<(Box<RawValue>, Value), String> {
    let value: Value = crate::json::parse_value(text).map_err(|e| format!("not JSON: {e}"))?;
    if !value.is_object() {
        return Err("not a JSON object".to_string());
    }
    let json = RawValue::from_string(text.trim().to_string()).map_err(|e| format!("not JSON: {e}"))?;
    Ok((json, value))
}

/// The stored event of a message (see the module documentation for its shape).
#[derive(Serialize)]
struct EventJson<'a> {
    opencode_message: &'a str,
    message: &'a RawValue,
    parts: Vec<&'a RawValue>,
}

fn event(message: &Message) -> NewEvent {
    let json = EventJson {
        opencode_message: &message.id,
        message: &message.json,
        parts: message.parts.iter().map(|part| part.json.as_ref()).collect(),
    };
    // Serialising borrowed strings and raw JSON cannot fail.
    let content = serde_json::to_string(&json).unwrap_or_default();
    let info = &message.info;
    let invocation = match info["role"].as_str() {
        Some("user") => Some(message.id.clone()),
        _ => info["parentID"].as_str().map(str::to_string),
    };
    let tool_failed = message.parts.iter().any(|part| part.value["state"]["status"] == "error");
    let failed = tool_failed || info.get("error").is_some_and(|e| !e.is_null());
    NewEvent { content, created_at: message.created, invocation_id: invocation, metadata: chat::error_flag(failed) }
}

/// The imported session, or None when it has no messages yet (OpenCode opened, nothing asked).
pub(super) fn session(info: SessionInfo, messages: &[Message]) -> Option<ImportedSession> {
    if messages.is_empty() {
        return None;
    }
    let mut metadata = Map::new();
    chat::put(&mut metadata, "cwd", info.directory);
    chat::put(&mut metadata, "project", info.project);
    let answered_by = messages.iter().rev().find_map(|m| m.info["modelID"].as_str().map(str::to_string));
    chat::put(&mut metadata, "model", answered_by.or(info.model));
    chat::put(&mut metadata, "version", info.version);
    chat::put(&mut metadata, "parent_session", info.parent_id);
    if info.archived {
        metadata.insert("archived".into(), Value::Bool(true));
    }
    metadata.insert("path".into(), Value::String(info.file.display().to_string()));
    let first = messages.iter().find_map(|m| m.created);
    let last = messages.iter().filter_map(|m| m.created).max();
    let created_at = info.created.or(first).unwrap_or_else(|| time::modified(&info.file));
    let updated_at = [info.updated, last].into_iter().flatten().fold(created_at, DateTime::max);
    Some(ImportedSession {
        source: SOURCE.into(),
        source_id: info.id,
        title: info.title.filter(|title| !is_placeholder_title(title)),
        created_at,
        updated_at,
        metadata,
        events: messages.iter().map(event).collect(),
    })
}

/// OpenCode titles a session `New session - <ISO time>` (`Child session - …` for a
/// sub-agent's) until its title request answers: that is not a title.
fn is_placeholder_title(title: &str) -> bool {
    ["New session - ", "Child session - "]
        .iter()
        .filter_map(|prefix| title.strip_prefix(prefix))
        .any(|rest| time::parse(rest).is_some())
}

/// `{"id": "claude-sonnet-4-5", "providerID": …}` (the database's `session.model`) or a
/// plain string, as the model's name.
pub(super) fn model_name(value: &Value) -> Option<String> {
    match value {
        Value::String(name) => Some(name.clone()),
        Value::Object(model) => {
            model.get("id").or_else(|| model.get("modelID")).and_then(Value::as_str).map(str::to_string)
        }
        _ => None,
    }
    .filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_titles_are_not_titles() {
        assert!(is_placeholder_title("New session - 2026-11-30T23:03:19.968Z"));
        assert!(is_placeholder_title("Child session - 2026-11-30T23:03:19.968Z"));
        assert!(!is_placeholder_title("New session - about the parser"));
        assert!(!is_placeholder_title("Exploring the chat-browser project"));
    }

    #[test]
    fn events_keep_the_origin_json_byte_for_byte() {
        let (json, info) = parse_object("{\n  \"role\": \"user\",\n  \"id\": \"msg_1\"\n}\n").expect("object");
        let (part_json, value) = parse_object(r#"{"type":"text","text":"hi"}"#).expect("object");
        let message =
            Message { id: "msg_1".into(), json, info, created: None, parts: vec![Part { json: part_json, value }] };
        let stored = event(&message);
        assert_eq!(
            stored.content,
            "{\"opencode_message\":\"msg_1\",\"message\":{\n  \"role\": \"user\",\n  \"id\": \"msg_1\"\n},\"parts\":[{\"type\":\"text\",\"text\":\"hi\"}]}"
        );
        assert_eq!(stored.invocation_id.as_deref(), Some("msg_1"));
        assert!(parse_object("[1]").is_err());
        assert!(parse_object("{").is_err());
    }
}
