//! Codex CLI rollouts: `~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<uuid>.jsonl`.
//!
//! `response_item` lines are the conversation (Responses-API items) and become events, kept as
//! written; `event_msg` lines repeat them for the UI and are left out. `session_meta` and
//! `turn_context` give the session's metadata. Harness context injected as user messages is
//! kept: the content parser marks it. Titles come from Codex's thread index (`state_N.sqlite`
//! in the Codex home) when there is one. A rollout with no items (a run stopped before its
//! first prompt) is not a session. A spawned sub-agent thread names its parent, and the
//! parent's `subagent_calls` the call that spawned it (see `codex_subagents`). Token counts
//! give the session's total (its metadata) and each reply's own (see `codex_usage`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::codex_subagents::{self, SpawnCalls};
use super::jsonl::{self, Line};
use super::walk::Walker;
use super::{Out, Result, Tail, chat, sql, time};
use crate::store::{ImportedSession, NewEvent};

const SOURCE: &str = "codex";
/// Item types of rollouts written before the `{"type", "payload"}` envelope existed.
const BARE_ITEMS: [&str; 8] = [
    "message",
    "reasoning",
    "function_call",
    "function_call_output",
    "custom_tool_call",
    "custom_tool_call_output",
    "local_shell_call",
    "web_search_call",
];

/// What Codex's thread index says about one session.
#[derive(Default)]
struct IndexedThread {
    title: Option<String>,
    metadata: Map<String, Value>,
    /// The thread that spawned this one (`thread_spawn_edges`).
    parent: Option<String>,
    /// Where a spawned thread sits in its tree (`/root/<task name>`), as the index has it.
    agent_path: Option<String>,
}

pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    let home = codex_home(path);
    let files = rollouts(path, home.as_deref(), out)?;
    let index = home.as_deref().map(read_index).unwrap_or_default();
    for file in &files {
        if let Some(session) = read_rollout(file, &index, out)? {
            out.session(session)?;
        }
    }
    Ok(())
}

/// The folder holding `sessions/` (and the thread index), found from any path inside it.
fn codex_home(path: &Path) -> Option<PathBuf> {
    if path.is_dir() && path.join("sessions").is_dir() {
        return Some(path.to_path_buf());
    }
    if path.is_file() && path.extension().is_some_and(|e| e == "sqlite") {
        return path.parent().map(Path::to_path_buf);
    }
    path.ancestors()
        .find(|a| a.file_name().is_some_and(|n| n == "sessions" || n == "archived_sessions"))
        .and_then(Path::parent)
        .map(Path::to_path_buf)
}

/// The rollout files under `path` (a Codex home, a folder inside it, or one rollout).
pub(crate) fn rollout_files(path: &Path, out: &mut Out<'_, '_>) -> Result<Vec<PathBuf>> {
    rollouts(path, codex_home(path).as_deref(), out)
}

fn rollouts(path: &Path, home: Option<&Path>, out: &mut Out<'_, '_>) -> Result<Vec<PathBuf>> {
    if path.is_file() && path.extension().is_some_and(|e| e == "jsonl") {
        return Ok(vec![path.to_path_buf()]);
    }
    let roots: Vec<PathBuf> = match home {
        Some(home) if !path.is_dir() || path == home => {
            ["sessions", "archived_sessions"].iter().map(|d| home.join(d)).filter(|d| d.is_dir()).collect()
        }
        _ => vec![path.to_path_buf()],
    };
    let mut walker = Walker::default();
    for root in roots {
        walker.walk(&root, 5, &mut |p| is_rollout(p))?;
    }
    Ok(walker.finish(out))
}

fn is_rollout(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    name.starts_with("rollout-") && name.ends_with(".jsonl")
}

/// Thread id -> title and the index's notes; empty when the index is missing or unreadable.
/// Only regular files are candidates: a FIFO named like the index would block its open.
fn read_index(home: &Path) -> HashMap<String, IndexedThread> {
    let newest = std::fs::read_dir(home)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            name.starts_with("state") && name.ends_with(".sqlite")
        })
        .max_by_key(|p| {
            p.file_stem().map(|s| s.to_string_lossy().trim_start_matches("state_").parse::<u32>().unwrap_or(0))
        });
    let Some(db) = newest else { return HashMap::new() };
    let read = || -> Result<HashMap<String, IndexedThread>> {
        let conn = sql::open(&db)?;
        let mut stmt = conn.prepare("SELECT * FROM threads").map_err(sql::sqlite_error(&db, "reading threads"))?;
        let names: Vec<String> = stmt.column_names().map(|n| n.to_string()).collect();
        let mut rows = stmt.query([]).map_err(sql::sqlite_error(&db, "reading threads"))?;
        let mut threads = HashMap::new();
        while let Ok(Some(row)) = rows.next() {
            let column = |name: &str| names.iter().position(|n| n == name).and_then(|i| sql::text_at(row, i));
            let Some(id) = column("id") else { continue };
            let mut thread = IndexedThread {
                title: column("name").or_else(|| column("title")).filter(|t| !t.trim().is_empty()),
                agent_path: column("agent_path"),
                ..IndexedThread::default()
            };
            chat::put(&mut thread.metadata, "branch", column("git_branch"));
            if column("archived").is_some_and(|a| a != "0") {
                thread.metadata.insert("archived".into(), Value::Bool(true));
            }
            threads.insert(id, thread);
        }
        drop(rows);
        drop(stmt);
        for (parent, child) in codex_subagents::spawn_edges(&conn) {
            threads.entry(child).or_default().parent = Some(parent);
        }
        Ok(threads)
    };
    read().unwrap_or_default()
}

#[derive(Default)]
struct Notes {
    id: Option<String>,
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
    metadata: Map<String, Value>,
    turn: Option<String>,
    spawns: SpawnCalls,
    replies: super::codex_usage::Replies,
}

fn read_rollout(
    file: &Path,
    index: &HashMap<String, IndexedThread>,
    out: &mut Out<'_, '_>,
) -> Result<Option<ImportedSession>> {
    let mut notes = Notes::default();
    let mut events = Vec::new();
    jsonl::for_each_line(file, out, |line, out| {
        match crate::json::parse_value(line.text) {
            Ok(value) => take_line(&line, &value, &mut notes, &mut events),
            Err(e) => line.skip_unparsable(file, out, &e),
        }
        Ok(())
    })?;
    Ok(session_of(file, notes, index, events))
}

/// What a reader must remember to go on reading a rollout from where it stopped.
#[derive(Default, Serialize, Deserialize)]
struct TailState {
    id: Option<String>,
    turn: Option<String>,
    lines: usize,
    /// `spawn_agent` calls whose output is still to come.
    #[serde(default)]
    spawns: Vec<String>,
}

/// Reads the whole lines of one rollout from byte `from` on (0: the whole file), carrying on
/// from `state`. The session holds only the events of those lines; a whole read takes its
/// title from the thread index.
pub(crate) fn read_tail(file: &Path, from: u64, state: Option<&str>, out: &mut Out<'_, '_>) -> Result<Tail> {
    let state: TailState = state.and_then(|state| serde_json::from_str(state).ok()).unwrap_or_default();
    let mut notes = Notes { id: state.id, turn: state.turn, ..Notes::default() };
    notes.spawns.pending.extend(state.spawns);
    let mut events = Vec::new();
    let (consumed, lines) = jsonl::for_each_whole_line_from(file, from, state.lines, out, |line, out| {
        match serde_json::from_str::<Value>(line.text) {
            Ok(value) => take_line(&line, &value, &mut notes, &mut events),
            Err(e) => line.skip_unparsable(file, out, &e),
        }
        Ok(())
    })?;
    let spawns = notes.spawns.pending.iter().cloned().collect();
    let state = TailState { id: notes.id.clone(), turn: notes.turn.clone(), lines, spawns };
    // A spawn answered with a task name needs the index to find the thread it names.
    let index = if from == 0 || !notes.spawns.by_path.is_empty() {
        codex_home(file).as_deref().map(read_index).unwrap_or_default()
    } else {
        HashMap::new()
    };
    let session = session_of(file, notes, &index, events);
    Ok(Tail { session, consumed, state: serde_json::to_string(&state).unwrap_or_default() })
}

fn session_of(
    file: &Path,
    notes: Notes,
    index: &HashMap<String, IndexedThread>,
    events: Vec<NewEvent>,
) -> Option<ImportedSession> {
    if events.is_empty() {
        return None;
    }
    let id = notes.id.unwrap_or_else(|| id_from_file_name(file));
    let indexed = index.get(&id);
    let mut metadata = notes.metadata;
    if let Some(indexed) = indexed {
        metadata.extend(indexed.metadata.clone());
        if let Some(parent) = &indexed.parent {
            metadata.entry("parent_session").or_insert_with(|| Value::String(parent.clone()));
        }
    }
    let mut spawns = notes.spawns;
    for (path, call) in std::mem::take(&mut spawns.by_path) {
        if let Some(child) = child_at_path(index, &id, &path) {
            spawns.found.entry(child).or_insert(Value::String(call));
        }
    }
    if !spawns.found.is_empty() {
        // Keyed by the child's thread id, its session id here, so `call_of` finds it.
        metadata.insert("subagent_calls".into(), Value::Object(spawns.found));
    }
    metadata.insert("path".into(), Value::String(file.display().to_string()));
    let created_at = notes.first.unwrap_or_else(|| time::modified(file));
    Some(ImportedSession {
        source: SOURCE.into(),
        source_id: id,
        title: indexed.and_then(|i| i.title.clone()),
        created_at,
        updated_at: notes.last.unwrap_or(created_at).max(created_at),
        metadata,
        events,
    })
}

/// The thread `parent` spawned at `path`, when the index knows exactly one.
fn child_at_path(index: &HashMap<String, IndexedThread>, parent: &str, path: &str) -> Option<String> {
    let mut children = index
        .iter()
        .filter(|(_, thread)| thread.parent.as_deref() == Some(parent) && thread.agent_path.as_deref() == Some(path));
    let (child, _) = children.next()?;
    children.next().is_none().then(|| child.clone())
}

fn take_line(line: &Line<'_>, value: &Value, notes: &mut Notes, events: &mut Vec<NewEvent>) {
    let at = value.get("timestamp").and_then(Value::as_str).and_then(time::parse);
    if let Some(at) = at {
        notes.first = Some(notes.first.map_or(at, |first| first.min(at)));
        notes.last = Some(notes.last.map_or(at, |last| last.max(at)));
    }
    let kind = value.get("type").and_then(Value::as_str).unwrap_or_default();
    let payload = value.get("payload").unwrap_or(&Value::Null);
    let item = match kind {
        "session_meta" => return take_meta(payload, notes),
        "turn_context" => {
            notes.turn = payload.get("turn_id").and_then(Value::as_str).map(str::to_string).or(notes.turn.take());
            note(notes, "model", payload.get("model"), true);
            note(notes, "cwd", payload.get("cwd"), false);
            return;
        }
        "event_msg" => {
            match payload.get("type").and_then(Value::as_str) {
                Some("task_started") => {
                    notes.turn =
                        payload.get("turn_id").and_then(Value::as_str).map(str::to_string).or(notes.turn.take());
                }
                Some("token_count") => {
                    note_usage(notes, payload);
                    let model = notes.metadata.get("model").and_then(Value::as_str);
                    notes.replies.token_count(value, model, events);
                }
                _ => notes.spawns.take_event(payload),
            }
            return;
        }
        "response_item" => payload,
        bare if BARE_ITEMS.contains(&bare) && value.get("payload").is_none() => value,
        _ => {
            if value.get("instructions").is_some() && value.get("id").is_some() {
                take_meta(value, notes);
            }
            return;
        }
    };
    notes.spawns.take_item(item);
    let turn = item
        .pointer("/internal_chat_message_metadata_passthrough/turn_id")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| notes.turn.clone());
    notes.replies.item(item, events.len());
    events.push(NewEvent {
        content: line.text.to_string(),
        created_at: at,
        invocation_id: turn,
        metadata: chat::error_flag(failed_output(item)),
    });
}

/// Token counts are `event_msg` lines, which are not events: the session keeps the running
/// total of the latest one in its metadata (`usage`, as `content::SessionUsage` reads it).
fn note_usage(notes: &mut Notes, payload: &Value) {
    let Some(total) = payload.pointer("/info/total_token_usage").and_then(Value::as_object) else { return };
    let count = |key: &str| total.get(key).and_then(Value::as_u64).unwrap_or(0);
    let cached = count("cached_input_tokens");
    let usage = serde_json::json!({
        "input": count("input_tokens").saturating_sub(cached),
        "output": count("output_tokens"),
        "cache_read": cached,
        "cache_write": count("cache_write_input_tokens"),
    });
    notes.metadata.insert("usage".into(), usage);
}

fn take_meta(meta: &Value, notes: &mut Notes) {
    if notes.id.is_some() {
        return; // a forked rollout repeats its parent's header after its own
    }
    notes.id = meta.get("id").and_then(Value::as_str).map(str::to_string);
    if let Some(at) = meta.get("timestamp").and_then(Value::as_str).and_then(time::parse) {
        notes.first = Some(notes.first.map_or(at, |first| first.min(at)));
    }
    for key in ["cwd", "originator", "cli_version", "source", "model_provider", "model"] {
        note(notes, key, meta.get(key), false);
    }
    if let Some(parent) = codex_subagents::parent_thread(meta) {
        notes.metadata.insert("parent_session".into(), Value::String(parent));
        codex_subagents::agent_notes(meta, &mut notes.metadata);
    }
    if let Some(branch) = meta.pointer("/git/branch") {
        note(notes, "branch", Some(branch), false);
    }
}

fn note(notes: &mut Notes, key: &str, value: Option<&Value>, replace: bool) {
    let Some(value) = value.filter(|v| v.is_string() || v.is_number()) else { return };
    if replace || !notes.metadata.contains_key(key) {
        notes.metadata.insert(key.to_string(), value.clone());
    }
}

/// A shell call's output that says its command failed: 0.4x wraps `{"output", "metadata":
/// {"exit_code"}}` in a string; 0.16x writes `Process exited with code N` in plain text.
fn failed_output(item: &Value) -> bool {
    let kind = item.get("type").and_then(Value::as_str).unwrap_or_default();
    if !kind.ends_with("_output") {
        return false;
    }
    let output = item.get("output").unwrap_or(&Value::Null);
    if output.get("success") == Some(&Value::Bool(false)) {
        return true;
    }
    let text = output.as_str().or_else(|| output.get("content").and_then(Value::as_str)).unwrap_or_default();
    if let Some(code) = text.lines().find_map(|l| l.strip_prefix("Process exited with code ")) {
        return code.trim().parse::<i64>().is_ok_and(|c| c != 0);
    }
    crate::json::parse_value(text)
        .ok()
        .and_then(|v| v.pointer("/metadata/exit_code").and_then(Value::as_i64))
        .is_some_and(|code| code != 0)
}

/// `rollout-2026-11-21T14-01-06-<uuid>.jsonl` -> the uuid (its last 36 characters).
fn id_from_file_name(file: &Path) -> String {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let start = stem.len().saturating_sub(36);
    stem.get(start..).unwrap_or(&stem).to_string()
}
