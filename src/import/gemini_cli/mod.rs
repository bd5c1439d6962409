//! Gemini CLI chats: `~/.gemini/tmp/<project>/chats/session-<time>-<id8>.jsonl` (0.40 and
//! later, see `records`) or `session-*.json` (before, see `legacy`).
//!
//! A file is one session; its events are the messages of its current state, in order, each
//! kept as the JSON text it was last written with. Tool results are written twice (inside the
//! `gemini` record's `toolCalls`, then as a `user` record of `functionResponse` parts, and a
//! resume replays both): see `events`. Subagent chats (`chats/<parent session id>/<id>.jsonl`)
//! are sessions of their own with `parent_session` in their metadata; the parent's
//! `subagent_calls` names the call that started each (see `subagents`).

mod events;
mod legacy;
mod project;
mod records;
mod subagents;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::detect::collect_files;
use super::{Out, Result, time};
use crate::store::ImportedSession;

const SOURCE: &str = "gemini-cli";
const SESSION_PREFIX: &str = "session-";

/// One message of the session as it stands: its id, its JSON text as written, and its value.
pub(super) struct Record {
    id: String,
    text: String,
    value: Value,
}

/// Messages in order, a repeated id replacing the earlier message where it stands (what a
/// JavaScript `Map` keyed by id does in the CLI's loader).
#[derive(Default)]
struct MessageList {
    records: Vec<Record>,
    position: HashMap<String, usize>,
    /// The first time written for each id: a resume rewrites every message with its own time.
    first_seen: HashMap<String, DateTime<Utc>>,
}

impl MessageList {
    fn put(&mut self, record: Record) {
        if let Some(at) = record.value.get("timestamp").and_then(Value::as_str).and_then(time::parse) {
            self.first_seen.entry(record.id.clone()).or_insert(at);
        }
        match self.position.get(&record.id) {
            Some(&at) => self.records[at] = record,
            None => {
                self.position.insert(record.id.clone(), self.records.len());
                self.records.push(record);
            }
        }
    }

    /// Drops the message `id` and all after it; all of them when `id` is unknown.
    fn rewind_to(&mut self, id: &str) {
        let keep = self.position.get(id).copied().unwrap_or(0);
        for dropped in self.records.drain(keep..) {
            self.position.remove(&dropped.id);
        }
    }

    fn clear(&mut self) {
        self.records.clear();
        self.position.clear();
    }
}

/// What the session's headers and `$set` lines say, merged in order.
#[derive(Default)]
struct SessionMeta {
    session_id: Option<String>,
    /// The first start time: a resume writes a new header with its own.
    start_time: Option<DateTime<Utc>>,
    last_updated: Option<DateTime<Utc>>,
    summary: Option<String>,
    kind: Option<String>,
    directories: Vec<String>,
}

impl SessionMeta {
    fn merge(&mut self, update: &Value) {
        let text = |key: &str| update.get(key).and_then(Value::as_str).filter(|t| !t.trim().is_empty());
        if let Some(id) = text("sessionId") {
            self.session_id = Some(id.to_string());
        }
        if let Some(start) = text("startTime").and_then(time::parse) {
            self.start_time.get_or_insert(start);
        }
        if let Some(updated) = text("lastUpdated").and_then(time::parse) {
            self.last_updated = Some(self.last_updated.map_or(updated, |last| last.max(updated)));
        }
        if let Some(summary) = text("summary") {
            self.summary = Some(summary.to_string());
        }
        if let Some(kind) = text("kind") {
            self.kind = Some(kind.to_string());
        }
        if let Some(Value::Array(directories)) = update.get("directories") {
            self.directories = directories.iter().filter_map(Value::as_str).map(str::to_string).collect();
        }
    }
}

/// A session file read: its metadata, its messages as they stand, and when each was first
/// written.
struct Conversation {
    meta: SessionMeta,
    records: Vec<Record>,
    first_seen: HashMap<String, DateTime<Utc>>,
}

impl From<(SessionMeta, MessageList)> for Conversation {
    fn from((meta, messages): (SessionMeta, MessageList)) -> Self {
        Conversation { meta, records: messages.records, first_seen: messages.first_seen }
    }
}

pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    for file in session_files(path)? {
        if let Some(session) = read_file(&file, out)? {
            out.session(session)?;
        }
    }
    Ok(())
}

/// The session files under `~/.gemini`, its `tmp`, a project folder, a `chats` folder or a
/// subagent folder, or the one file given. A `.json` session that the CLI has since migrated
/// to a `.jsonl` beside it (on resume) is left out: the `.jsonl` holds all of it.
pub(crate) fn session_files(path: &Path) -> Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let root = if path.join("tmp").is_dir() { path.join("tmp") } else { path.to_path_buf() };
    let mut files = Vec::new();
    collect_files(&root, 4, &mut |p| is_session_file(p) && chats_dir(p).is_some(), &mut files)?;
    let migrated =
        |file: &PathBuf| file.extension().is_some_and(|e| e == "json") && file.with_extension("jsonl").is_file();
    files.retain(|file| !migrated(file));
    Ok(files)
}

/// `*.jsonl` (sessions and subagent chats) or `session-*.json` (before 0.40).
pub(crate) fn is_session_file(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    name.ends_with(".jsonl") || (name.starts_with(SESSION_PREFIX) && name.ends_with(".json"))
}

/// The `chats` folder holding `file`, directly or through a subagent folder.
fn chats_dir(file: &Path) -> Option<&Path> {
    file.ancestors().skip(1).take(2).find(|dir| dir.file_name().is_some_and(|n| n == "chats"))
}

/// One session file read whole: the session as it stands now, or None when it holds no
/// conversation (a run that ended before its first prompt).
pub(crate) fn read_file(file: &Path, out: &mut Out<'_, '_>) -> Result<Option<ImportedSession>> {
    let conversation = if file.extension().is_some_and(|e| e == "json") {
        match legacy::read(file, out)? {
            Some(conversation) => conversation,
            None => return Ok(None),
        }
    } else {
        records::read(file, out)?
    };
    let Conversation { meta, records, first_seen } = conversation;
    let built = events::build(&records, &first_seen);
    if !built.has_conversation {
        return Ok(None);
    }
    let mut metadata = Map::new();
    let chats = chats_dir(file);
    let parent_folder = file.parent().filter(|parent| Some(*parent) != chats);
    if let Some(parent) = parent_folder.and_then(Path::file_name) {
        metadata.insert("parent_session".into(), Value::String(parent.to_string_lossy().into_owned()));
    }
    let calls = subagents::calls(&records);
    if !calls.is_empty() {
        metadata.insert("subagent_calls".into(), Value::Object(calls));
    }
    let project_dir = chats.and_then(Path::parent);
    if let Some(project) = project_dir.and_then(Path::file_name) {
        metadata.insert("project".into(), Value::String(project.to_string_lossy().into_owned()));
    }
    let cwd = project_dir.and_then(project::root).or_else(|| meta.directories.first().cloned());
    if let Some(cwd) = cwd {
        metadata.insert("cwd".into(), Value::String(cwd));
    }
    if let Some(model) = built.model {
        metadata.insert("model".into(), Value::String(model));
    }
    if let Some(kind) = meta.kind {
        metadata.insert("kind".into(), Value::String(kind));
    }
    metadata.insert("path".into(), Value::String(file.display().to_string()));
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let created_at = [meta.start_time, built.first].into_iter().flatten().min().unwrap_or_else(|| time::modified(file));
    let updated_at = [meta.last_updated, built.last].into_iter().flatten().max().unwrap_or(created_at).max(created_at);
    Ok(Some(ImportedSession {
        source: SOURCE.into(),
        source_id: meta.session_id.unwrap_or(stem),
        title: meta.summary,
        created_at,
        updated_at,
        metadata,
        events: built.events,
    }))
}
