//! GitHub Copilot CLI: `~/.copilot/session-state/<session id>/events.jsonl` (the folder is
//! `$COPILOT_HOME` when set), with `workspace.yaml` beside it. Early releases kept the same
//! stream flat, as `session-state/<session id>.jsonl`: read too.
//!
//! One file is one session: an event stream, one `{type, data, id, timestamp, parentId}`
//! object per line. Resuming a session (`--continue`, `--resume`) appends `session.resume`
//! and the new turns to the same file, so a resume in the middle is just a line to step over.
//!
//! Kept as events, each line as written: `user.message` (what the person typed is `content`),
//! `assistant.message` (its words, `reasoningText`, and its `toolRequests`: the tool calls),
//! `tool.execution_complete` (a result, linked to its call by `toolCallId`) and
//! `session.error`. Left out: `tool.execution_start` repeats the call the assistant message
//! made; `system.message` is Copilot's own system prompt (as Codex's instructions are);
//! session start, resume and shutdown and turn markers are bookkeeping, read only for the
//! session's id, model, folder and times. A `session.snapshot_rewind` removes the event it
//! names and every event after it, as Copilot does.
//!
//! A `session.usage_record` is what one model call used (`data.usage`, naming its model and
//! the call's `apiCallId`, which the `assistant.message` of that call repeats). It is not kept
//! as an event: the session's metadata sums the records (each call once, by model), and the
//! record is noted on its call's `assistant.message`, so that the reply shows its own tokens.
//!
//! `session-store.db` beside `session-state/` is Copilot's search index over the same sessions
//! (one row per turn with the prompt and the final answer, no tool calls, no intermediate
//! replies): it adds nothing and is not read. Giving its path reads the sessions beside it.

mod usage;
mod workspace;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::detect::collect_files;
use super::jsonl::{self, Line};
use super::{Out, Result, chat, time};
use crate::store::{ImportedSession, NewEvent};

const SOURCE: &str = "copilot-cli";
pub(crate) const SESSIONS: &str = "session-state";
const EVENTS: &str = "events.jsonl";
const INDEX: &str = "session-store.db";
const KEPT: [&str; 4] = ["user.message", "assistant.message", "tool.execution_complete", "session.error"];

pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    for file in event_files(path)? {
        if let Some(session) = read_file(&file, out)? {
            out.session(session)?;
        }
    }
    Ok(())
}

/// The event files of a Copilot home, its `session-state/`, one session's folder, or the one
/// file given.
pub(crate) fn event_files(path: &Path) -> Result<Vec<PathBuf>> {
    let root = if path.is_file() {
        match path.file_name() {
            Some(name) if name == INDEX => path.parent().map(|home| home.join(SESSIONS)).unwrap_or_default(),
            _ => return Ok(vec![path.to_path_buf()]),
        }
    } else if path.join(SESSIONS).is_dir() {
        path.join(SESSIONS)
    } else {
        path.to_path_buf()
    };
    let mut files = Vec::new();
    if root.is_dir() {
        collect_files(&root, 1, &mut |p| is_event_file(p), &mut files)?;
    }
    Ok(files)
}

fn is_event_file(path: &Path) -> bool {
    let in_sessions = path.parent().and_then(Path::file_name).is_some_and(|dir| dir == SESSIONS);
    path.file_name().is_some_and(|name| name == EVENTS)
        || (in_sessions && path.extension().is_some_and(|e| e == "jsonl"))
}

/// What a session's events say about it besides the conversation.
#[derive(Default)]
struct Notes {
    session_id: Option<String>,
    metadata: Map<String, Value>,
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
    /// Event id -> how many kept events came before it, to undo a rewind to it.
    kept_before: HashMap<String, usize>,
    usage: usage::Calls,
}

/// One session from its event file, or None when it holds no conversation yet.
pub(crate) fn read_file(file: &Path, out: &mut Out<'_, '_>) -> Result<Option<ImportedSession>> {
    let mut notes = Notes::default();
    let mut events = Vec::new();
    jsonl::for_each_line(file, out, |line, out| {
        match crate::json::parse_value(line.text) {
            Ok(value) if value["type"].is_string() => take_line(&line, &value, &mut notes, &mut events),
            Ok(_) => out.skip(line.location(file), "not a Copilot CLI event: no type"),
            Err(e) => line.skip_unparsable(file, out, &e),
        }
        Ok(())
    })?;
    if events.is_empty() {
        return Ok(None);
    }
    notes.usage.note_session(&mut notes.metadata);
    let folder = file.parent().unwrap_or(file);
    let workspace = crate::files::read_regular_to_string(&folder.join("workspace.yaml"))
        .map(|t| workspace::scalars(&t))
        .unwrap_or_default();
    let field = |key: &str| workspace.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()).map(str::to_string);
    let named_by_folder = file.file_name().is_some_and(|name| name == EVENTS);
    let file_id = if named_by_folder { folder.file_name() } else { file.file_stem() };
    let source_id = notes
        .session_id
        .or_else(|| field("id"))
        .or_else(|| file_id.map(|id| id.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let mut metadata = notes.metadata;
    if !metadata.contains_key("cwd") {
        chat::put(&mut metadata, "cwd", field("cwd"));
    }
    metadata.insert("path".into(), Value::String(file.display().to_string()));
    let created_at = notes
        .first
        .or_else(|| field("created_at").as_deref().and_then(time::parse))
        .unwrap_or_else(|| time::modified(file));
    Ok(Some(ImportedSession {
        source: SOURCE.into(),
        source_id,
        title: field("name"),
        created_at,
        updated_at: notes.last.unwrap_or(created_at).max(created_at),
        metadata,
        events,
    }))
}

fn take_line(line: &Line<'_>, value: &Value, notes: &mut Notes, events: &mut Vec<NewEvent>) {
    let kind = value["type"].as_str().unwrap_or_default();
    let data = &value["data"];
    let at = value["timestamp"].as_str().and_then(time::parse);
    if let Some(at) = at {
        notes.first = Some(notes.first.map_or(at, |first| first.min(at)));
        notes.last = Some(notes.last.map_or(at, |last| last.max(at)));
    }
    if let Some(id) = value["id"].as_str() {
        notes.kept_before.insert(id.to_string(), events.len());
    }
    match kind {
        "session.start" => {
            notes.session_id = data["sessionId"].as_str().map(str::to_string).or(notes.session_id.take());
            put_text(&mut notes.metadata, "version", &data["copilotVersion"]);
            take_context(&mut notes.metadata, &data["context"]);
            put_text(&mut notes.metadata, "model", &data["selectedModel"]);
        }
        "session.resume" => {
            take_context(&mut notes.metadata, &data["context"]);
            put_text(&mut notes.metadata, "model", &data["selectedModel"]);
        }
        "session.context_changed" => take_context(&mut notes.metadata, data),
        "session.snapshot_rewind" => {
            let target = data["upToEventId"].as_str().and_then(|id| notes.kept_before.get(id));
            if let Some(&kept) = target {
                events.truncate(kept);
                notes.usage.rewound(kept);
            }
        }
        "assistant.message" => put_text(&mut notes.metadata, "model", &data["model"]),
        "session.usage_record" => notes.usage.record(value, events),
        _ => {}
    }
    if !KEPT.contains(&kind) {
        return;
    }
    let failed = match kind {
        "tool.execution_complete" => tool_failed(data),
        "session.error" => true,
        _ => false,
    };
    let mut metadata = chat::error_flag(failed);
    if kind == "assistant.message" {
        notes.usage.reply(data, events.len(), &mut metadata);
    }
    events.push(NewEvent {
        content: line.text.to_string(),
        created_at: at,
        invocation_id: data["interactionId"].as_str().map(str::to_string),
        metadata,
    });
}

/// A tool that did not succeed, or a shell command that exited non-zero (Copilot reports
/// that as a success; its user sees a failed command, and the fixtures' oracles count it so).
fn tool_failed(data: &Value) -> bool {
    data["success"] == Value::Bool(false) || data["shellExecution"]["exitCode"].as_i64().is_some_and(|code| code != 0)
}

/// The working folder and repository a `context` object names.
fn take_context(metadata: &mut Map<String, Value>, context: &Value) {
    for (key, name) in [("cwd", "cwd"), ("branch", "branch"), ("repository", "repository")] {
        put_text(metadata, name, &context[key]);
    }
}

fn put_text(metadata: &mut Map<String, Value>, key: &str, value: &Value) {
    if let Some(text) = value.as_str().filter(|t| !t.is_empty()) {
        metadata.insert(key.to_string(), Value::String(text.to_string()));
    }
}
