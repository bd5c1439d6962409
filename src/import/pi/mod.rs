//! Pi coding agent sessions: `~/.pi/agent/sessions/--<cwd>--/<time>_<uuid>.jsonl`
//! (`$PI_CODING_AGENT_DIR/sessions` when Pi's agent folder is moved).
//!
//! Line 1 is the `session` header (id, cwd, version, and `parentSession`, the file a `/fork`
//! copied its path from). Every other line is an entry of a tree linked by `id` / `parentId`.
//! The session's events are the active branch, the path from the root to the last entry
//! written, which is where Pi resumes (see [`tree`]); each `message`, `compaction`,
//! `branch_summary` and `custom_message` entry on it is an event, kept as written. Entries
//! that only keep Pi's books (`model_change`, `thinking_level_change`, `label`,
//! `session_info`, `custom`) are not events: they give the metadata (model, thinking level,
//! title).
//!
//! The other branches that `/tree` leaves in the file are not dropped and not mixed into the
//! conversation: each becomes a session of its own, `<session id>/branch-<first entry id>`,
//! holding only the entries that are not on the active branch (so nothing is counted twice),
//! with `branch_of` (and `parent_session`) naming the session and `branch_from` the entry it
//! leaves from. When `/tree` later makes such a branch active, the session is rewritten to its
//! new active branch and the abandoned part becomes a branch session in turn.
//!
//! Files from before the tree (version 1, no ids) are one chain in line order.

mod lines;
mod tree;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::detect::collect_files;
use super::{Out, Result, chat, time, title};
use crate::content::PI_BOOKKEEPING_TYPES;
use crate::store::{ImportedSession, NewEvent};
pub(crate) use lines::is_pi_line;
use lines::{Entry, id_from_file_name, read_lines};
use tree::{Branch, Link};

const SOURCE: &str = "pi";

pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    for file in session_files(path)? {
        for session in read_file(&file, out)? {
            out.session(session)?;
        }
    }
    Ok(())
}

/// The session files under `~/.pi`, its `agent` folder, `sessions`, one project folder, or the
/// one file given.
pub(crate) fn session_files(path: &Path) -> Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let root = [path.join("agent/sessions"), path.join("sessions")]
        .into_iter()
        .find(|dir| dir.is_dir())
        .unwrap_or_else(|| path.to_path_buf());
    let mut files = Vec::new();
    collect_files(&root, 3, &mut |p| p.extension().is_some_and(|e| e == "jsonl"), &mut files)?;
    Ok(files)
}

/// One Pi session file: its active branch first, then one session per other branch.
/// (A file is usually one session; the branches `/tree` leaves in it make it several.)
pub(crate) fn read_file(file: &Path, out: &mut Out<'_, '_>) -> Result<Vec<ImportedSession>> {
    let parsed = read_lines(file, out)?;
    if parsed.foreign {
        return Ok(Vec::new());
    }
    let session_id = parsed
        .header
        .as_ref()
        .and_then(|h| h.get("id"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| id_from_file_name(file));
    let entries = parsed.entries;
    let links: Vec<Link<'_>> = entries.iter().map(|e| Link { id: &e.id, parent: e.parent.as_deref() }).collect();
    let layout = tree::layout(&links);
    let base = base_metadata(file, parsed.header.as_ref());
    let main_title = entries.iter().rev().find(|e| e.kind == "session_info").and_then(|e| e.field("name"));
    let main_title = main_title.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
    let header_time = parsed.header.as_ref().and_then(|h| h.get("timestamp")).and_then(Value::as_str);

    let mut sessions = Vec::new();
    let path: Vec<&Entry> = layout.active.iter().map(|&at| &entries[at]).collect();
    let mut metadata = base.clone();
    if let Some(parent) = parsed.header.as_ref().and_then(|h| h.get("parentSession")).and_then(Value::as_str) {
        metadata.insert("parent_session".into(), Value::String(id_from_file_name(Path::new(parent))));
        metadata.insert("parent_session_path".into(), Value::String(parent.to_string()));
    }
    settings(&path, &mut metadata);
    let created = header_time.and_then(time::parse);
    if let Some(session) = session(&session_id, main_title.clone(), created, &path, metadata, file) {
        sessions.push(session);
    }
    let fallback_title = main_title.or_else(|| sessions.first().and_then(|s| title::first_words(&s.events)));
    let inherited = sessions.first().map_or(base, |main| main.metadata.clone());
    for branch in &layout.branches {
        if let Some(session) =
            branch_session(&session_id, fallback_title.as_deref(), branch, &entries, &inherited, file)
        {
            sessions.push(session);
        }
    }
    Ok(sessions)
}

fn base_metadata(file: &Path, header: Option<&Value>) -> Map<String, Value> {
    let mut metadata = Map::new();
    let field = |key: &str| header.and_then(|h| h.get(key)).filter(|v| !v.is_null()).cloned();
    if let Some(cwd) = field("cwd") {
        metadata.insert("cwd".into(), cwd);
    }
    if let Some(version) = field("version") {
        metadata.insert("session_version".into(), version);
    }
    if let Some(project) = file.parent().and_then(Path::file_name) {
        metadata.insert("project".into(), Value::String(project.to_string_lossy().into_owned()));
    }
    metadata.insert("path".into(), Value::String(file.display().to_string()));
    metadata
}

/// The model and thinking level in force at the end of `path`, as Pi's context builder finds
/// them: model changes and the model of each assistant reply, in order.
fn settings(path: &[&Entry], metadata: &mut Map<String, Value>) {
    for entry in path {
        let (provider, model) = match entry.kind.as_str() {
            "model_change" => (entry.field("provider"), entry.field("modelId")),
            "thinking_level_change" => {
                if let Some(level) = entry.field("thinkingLevel") {
                    metadata.insert("thinking_level".into(), Value::String(level.to_string()));
                }
                continue;
            }
            _ if entry.role() == Some("assistant") => {
                let message = entry.message();
                let text = |key| message.and_then(|m| m.get(key)).and_then(Value::as_str);
                (text("provider"), text("model"))
            }
            _ => continue,
        };
        if let Some(model) = model {
            metadata.insert("model".into(), Value::String(model.to_string()));
        }
        if let Some(provider) = provider {
            metadata.insert("provider".into(), Value::String(provider.to_string()));
        }
    }
}

/// The events of `path`: its conversation entries, kept as written.
fn events(path: &[&Entry]) -> Vec<NewEvent> {
    let mut invocation: Option<String> = None;
    let mut events = Vec::new();
    for entry in path {
        if PI_BOOKKEEPING_TYPES.contains(&entry.kind.as_str()) {
            continue;
        }
        let message = entry.message();
        if entry.role() == Some("user") {
            invocation = Some(entry.id.clone());
        }
        let flag = |key: &str| message.and_then(|m| m.get(key));
        let failed = (entry.role() == Some("toolResult") && flag("isError") == Some(&Value::Bool(true)))
            || (entry.role() == Some("assistant") && flag("stopReason").and_then(Value::as_str) == Some("error"));
        events.push(NewEvent {
            content: entry.text.clone(),
            created_at: entry.at(),
            invocation_id: invocation.clone(),
            metadata: chat::error_flag(failed),
        });
    }
    events
}

fn session(
    source_id: &str,
    title: Option<String>,
    created: Option<DateTime<Utc>>,
    path: &[&Entry],
    metadata: Map<String, Value>,
    file: &Path,
) -> Option<ImportedSession> {
    let events = events(path);
    if events.is_empty() {
        return None;
    }
    let times = path.iter().filter_map(|e| e.at());
    let first = created.or_else(|| times.clone().min()).unwrap_or_else(|| time::modified(file));
    let last = times.max().unwrap_or(first).max(first);
    Some(ImportedSession {
        source: SOURCE.into(),
        source_id: source_id.to_string(),
        title,
        created_at: first,
        updated_at: last,
        metadata,
        events,
    })
}

fn branch_session(
    session_id: &str,
    session_title: Option<&str>,
    branch: &Branch,
    entries: &[Entry],
    inherited: &Map<String, Value>,
    file: &Path,
) -> Option<ImportedSession> {
    let first = &entries[*branch.entries.first()?];
    let path: Vec<&Entry> = branch.entries.iter().map(|&at| &entries[at]).collect();
    // The folder, file and model as the session has them; what the branch itself says wins.
    let mut metadata = inherited.clone();
    metadata.remove("parent_session_path");
    metadata.insert("parent_session".into(), Value::String(session_id.to_string()));
    metadata.insert("branch_of".into(), Value::String(session_id.to_string()));
    let fork = branch.fork_point.map(|at| Value::String(entries[at].id.clone()));
    metadata.insert("branch_from".into(), fork.unwrap_or(Value::Null));
    settings(&path, &mut metadata);
    let mut session = session(&format!("{session_id}/branch-{}", first.id), None, None, &path, metadata, file)?;
    let fallback = format!("Branch of {}", session_title.unwrap_or(session_id));
    session.title = title::first_words(&session.events).or(Some(fallback));
    Some(session)
}
