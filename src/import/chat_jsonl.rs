//! Chat JSONL, in one of two shapes, decided by the first line:
//! - one OpenAI chat message per line: the whole file is one session, whose `source_id` is the
//!   file name plus a hash of its absolute path (`chat.jsonl-<16 hex>`), so two `chat.jsonl` in
//!   different folders stay apart while the id stays readable;
//! - one session per line: `{"id"?, "title"?, "created_at"?, "updated_at"?, "metadata"?,
//!   "messages": [...]}`, RFC 3339 times. Without an `id`, the session is `<file id>#<line>`.
//!
//! Built for large files: each message's text is borrowed from the line as written (a serde_json
//! `RawValue`), so events are the original bytes and nothing is re-serialised.

use std::borrow::Cow;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::jsonl::{self, Line};
use super::{Out, Result, time};
use crate::store::{ImportedSession, NewEvent};

const SOURCE: &str = "chat-jsonl";

#[derive(Deserialize)]
struct SessionLine<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    created_at: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    updated_at: Option<Cow<'a, str>>,
    #[serde(default)]
    metadata: Option<Map<String, Value>>,
    #[serde(borrow)]
    messages: Vec<&'a RawValue>,
}

/// Only what decides the shape, and a message's own time when it has one.
#[derive(Deserialize)]
struct Probe<'a> {
    #[serde(default)]
    messages: Option<IgnoredAny>,
    #[serde(borrow, default)]
    created_at: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    timestamp: Option<Cow<'a, str>>,
}

#[derive(PartialEq)]
enum Shape {
    Unknown,
    SessionPerLine,
    MessagePerLine,
}

/// Chat JSONL is imported file by file: the one file given.
pub(crate) fn files(path: &Path) -> Result<Vec<std::path::PathBuf>> {
    Ok(vec![path.to_path_buf()])
}

pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    let file_id = file_id(path);
    let modified = time::modified(path);
    let mut shape = Shape::Unknown;
    let mut single = ImportedSession {
        source: SOURCE.into(),
        source_id: file_id.clone(),
        title: None,
        created_at: modified,
        updated_at: modified,
        metadata: Map::from_iter([("path".to_string(), Value::String(path.display().to_string()))]),
        events: Vec::new(),
    };
    jsonl::for_each_line(path, out, |line, out| {
        // Parsed from a copy whose lone surrogate escapes are read as U+FFFD; events keep the line's bytes.
        let text = crate::json::repaired(line.text);
        if shape == Shape::Unknown {
            match serde_json::from_str::<Probe>(&text) {
                Ok(probe) if probe.messages.is_some() => shape = Shape::SessionPerLine,
                Ok(_) => shape = Shape::MessagePerLine,
                Err(e) => {
                    line.skip_unparsable(path, out, &e);
                    return Ok(());
                }
            }
        }
        match shape {
            Shape::SessionPerLine => match session_of(&line, &text, &file_id, modified) {
                Ok(session) => out.session(session)?,
                Err(e) => line.skip_unparsable(path, out, &e),
            },
            _ => match message_of(&line, &text) {
                Ok(Some(event)) => single.events.push(event),
                Ok(None) => out.skip(line.location(path), "a session object in a file of chat messages"),
                Err(e) => line.skip_unparsable(path, out, &e),
            },
        }
        Ok(())
    })?;
    if shape == Shape::MessagePerLine {
        if let Some(first) = single.events.iter().find_map(|e| e.created_at) {
            single.created_at = first.min(modified);
        }
        out.session(single)?;
    }
    Ok(())
}

/// `text` is the line as parsed (see `crate::json::repaired`).
fn session_of(
    line: &Line<'_>,
    text: &str,
    file_id: &str,
    modified: DateTime<Utc>,
) -> serde_json::Result<ImportedSession> {
    let parsed: SessionLine = serde_json::from_str(text)?;
    let created = parsed.created_at.as_deref().and_then(time::parse);
    let updated = parsed.updated_at.as_deref().and_then(time::parse);
    let created_at = created.or(updated).unwrap_or(modified);
    let updated_at = updated.unwrap_or(created_at).max(created_at);
    let source_id = match parsed.id.map(|raw| serde_json::from_str::<Value>(raw.get())) {
        Some(Ok(Value::String(id))) => id,
        Some(Ok(Value::Number(id))) => id.to_string(),
        _ => format!("{file_id}#{}", line.number),
    };
    let events = parsed
        .messages
        .iter()
        .map(|raw| {
            let own_time = message_time(raw.get());
            let content = crate::json::original(line.text, text, raw.get()).to_string();
            NewEvent { content, created_at: own_time.or(Some(updated_at)), ..Default::default() }
        })
        .collect();
    Ok(ImportedSession {
        source: SOURCE.into(),
        source_id,
        title: parsed.title.map(Cow::into_owned).filter(|t| !t.trim().is_empty()),
        created_at,
        updated_at,
        metadata: parsed.metadata.unwrap_or_default(),
        events,
    })
}

/// A chat message line as an event; None when the line is a whole session instead.
fn message_of(line: &Line<'_>, text: &str) -> serde_json::Result<Option<NewEvent>> {
    let probe: Probe = serde_json::from_str(text)?;
    if probe.messages.is_some() {
        return Ok(None);
    }
    let created_at = probe.created_at.or(probe.timestamp).as_deref().and_then(time::parse);
    Ok(Some(NewEvent { content: line.text.to_string(), created_at, ..Default::default() }))
}

/// Most messages carry no time; only those that mention one are parsed for it.
fn message_time(text: &str) -> Option<DateTime<Utc>> {
    if !(text.contains("\"created_at\"") || text.contains("\"timestamp\"")) {
        return None;
    }
    let probe: Probe = serde_json::from_str(text).ok()?;
    probe.created_at.or(probe.timestamp).as_deref().and_then(time::parse)
}

/// `<file name>-<FNV-1a of the absolute path>`: readable, and distinct across folders.
fn file_id(path: &Path) -> String {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let hash = absolute
        .to_string_lossy()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    format!("{name}-{hash:016x}")
}
