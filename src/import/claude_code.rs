//! Claude Code transcripts: `~/.claude/projects/<project>/<session>.jsonl`.
//!
//! Each `user` / `assistant` / `system` line is one event, kept as written (an assistant reply
//! spans several lines sharing `message.id`, one content block each). Bookkeeping lines
//! (attachments, api requests, snapshots, ...) are not events; `summary` and `custom-title`
//! lines give titles, even from another session's file. Sub-agent transcripts
//! (`agent-<id>.jsonl`, beside the sessions or under `<session>/subagents/`) are sessions of their
//! own, `<parent session id>/agent-<id>`, with `parent_session` in their metadata: their lines
//! interleave in time with the parent's, and keeping them apart keeps both append-only. The
//! parent's `subagent_calls` names the call that started each (see `claude_subagents`).

use std::collections::HashMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::jsonl::{self, Line, LineRead};
use super::{Out, Result, Tail, chat, time, walk};
use crate::store::{ImportedSession, NewEvent};

const SOURCE: &str = "claude-code";
const CONVERSATION: [&str; 3] = ["user", "assistant", "system"];

/// Titles found anywhere in the tree: `summary` lines by the uuid of the leaf they describe,
/// `custom-title` lines by session id.
#[derive(Default)]
struct Titles {
    by_leaf: HashMap<String, String>,
    custom: HashMap<String, String>,
}

pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    let files = if path.is_file() {
        vec![path.to_path_buf()]
    } else {
        walk::walk(&projects_root(path), DEPTH, &mut is_transcript, out)?
    };
    let scope = if path.is_file() { transcripts(path.parent().unwrap_or(path))? } else { files.clone() };
    let titles = scan_titles(&scope);
    for file in &files {
        if let Some(session) = read_file(file, &titles, out)? {
            out.session(session)?;
        }
    }
    Ok(())
}

/// How deep transcripts lie under the projects folder (sub-agents are `<project>/<session>/subagents/`).
const DEPTH: usize = 4;

/// The `.jsonl` files under a projects dir, a project dir or `~/.claude`, or the one file given.
/// What cannot be read is left out silently: this list only scopes the title search.
pub(crate) fn transcripts(path: &Path) -> Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    super::detect::collect_files(&projects_root(path), DEPTH, &mut is_transcript, &mut files)?;
    Ok(files)
}

fn projects_root(path: &Path) -> PathBuf {
    if path.join("projects").is_dir() { path.join("projects") } else { path.to_path_buf() }
}

fn is_transcript(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "jsonl")
}

/// Titles are few and anywhere in the tree, so their lines are found by a cheap text test
/// before parsing. Unreadable files and lines are reported by the main pass, not here.
fn scan_titles(files: &[PathBuf]) -> Titles {
    let mut titles = Titles::default();
    let mut line = Vec::new();
    for file in files {
        let Ok(mut reader) = crate::files::open_regular(file).map(BufReader::new) else { continue };
        loop {
            match jsonl::next_line(&mut reader, &mut line, jsonl::MAX_LINE_BYTES) {
                Ok(LineRead::Line) => {}
                Ok(LineRead::TooLong) => continue,
                Ok(LineRead::End) | Err(_) => break,
            }
            let text = String::from_utf8_lossy(&line);
            if !(text.contains("\"summary\"") || text.contains("\"custom-title\"")) {
                continue;
            }
            let Ok(value) = crate::json::parse_value(&text) else { continue };
            let field = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
            match field("type").as_deref() {
                Some("summary") => {
                    if let (Some(leaf), Some(summary)) = (field("leafUuid"), field("summary")) {
                        titles.by_leaf.insert(leaf, summary);
                    }
                }
                Some("custom-title") => {
                    if let (Some(session), Some(title)) = (field("sessionId"), field("customTitle")) {
                        titles.custom.insert(session, title);
                    }
                }
                _ => {}
            }
        }
    }
    titles
}

/// What one transcript file says about its session besides the events.
#[derive(Default)]
struct Notes {
    session_id: Option<String>,
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
    metadata: Map<String, Value>,
    summary: Option<String>,
    invocation: Option<String>,
    /// A `custom-title` line met while reading a tail.
    custom_title: Option<String>,
    /// `(agent id, call id)`: the sub-agents this session's calls started.
    agent_calls: Vec<(String, String)>,
}

fn read_file(file: &Path, titles: &Titles, out: &mut Out<'_, '_>) -> Result<Option<ImportedSession>> {
    let mut notes = Notes::default();
    let mut events = Vec::new();
    jsonl::for_each_line(file, out, |line, out| {
        match crate::json::parse_value(line.text) {
            Ok(value) => take_line(&line, value, titles, &mut notes, &mut events),
            Err(e) => line.skip_unparsable(file, out, &e),
        }
        Ok(())
    })?;
    Ok(session_of(file, notes, titles, events))
}

/// What a reader must remember to go on reading a transcript from where it stopped.
#[derive(Default, Serialize, Deserialize)]
struct TailState {
    session_id: Option<String>,
    invocation: Option<String>,
    lines: usize,
}

/// Reads the whole lines of one transcript from byte `from` on (0: the whole file), carrying
/// on from `state` (what the previous call returned). The session holds only the events of
/// those lines; titles are taken from the file's own title lines.
pub(crate) fn read_tail(file: &Path, from: u64, state: Option<&str>, out: &mut Out<'_, '_>) -> Result<Tail> {
    let state: TailState = state.and_then(|state| serde_json::from_str(state).ok()).unwrap_or_default();
    let titles = if from == 0 { scan_titles(&[file.to_path_buf()]) } else { Titles::default() };
    let mut notes = Notes { session_id: state.session_id, invocation: state.invocation, ..Notes::default() };
    let mut events = Vec::new();
    let (consumed, lines) = jsonl::for_each_whole_line_from(file, from, state.lines, out, |line, out| {
        match serde_json::from_str::<Value>(line.text) {
            Ok(value) => {
                if value.get("type").and_then(Value::as_str) == Some("custom-title") {
                    notes.custom_title = value.get("customTitle").and_then(Value::as_str).map(str::to_string);
                }
                take_line(&line, value, &titles, &mut notes, &mut events);
            }
            Err(e) => line.skip_unparsable(file, out, &e),
        }
        Ok(())
    })?;
    let state = TailState { session_id: notes.session_id.clone(), invocation: notes.invocation.clone(), lines };
    let session = session_of(file, notes, &titles, events);
    Ok(Tail { session, consumed, state: serde_json::to_string(&state).unwrap_or_default() })
}

fn session_of(file: &Path, mut notes: Notes, titles: &Titles, events: Vec<NewEvent>) -> Option<ImportedSession> {
    if events.is_empty() {
        return None;
    }
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let parent = notes.session_id.clone().unwrap_or_else(|| stem.clone());
    let source_id = if stem.starts_with("agent-") {
        notes.metadata.insert("parent_session".into(), Value::String(parent.clone()));
        format!("{parent}/{stem}")
    } else {
        stem
    };
    if !notes.agent_calls.is_empty() {
        // Keyed by the sub-agent's session id, so its call is found from either side.
        let calls =
            notes.agent_calls.iter().map(|(agent, call)| (format!("{parent}/agent-{agent}"), call.clone().into()));
        notes.metadata.insert("subagent_calls".into(), Value::Object(calls.collect()));
    }
    let custom = notes.custom_title.take().or_else(|| titles.custom.get(&parent).cloned());
    let title = custom.filter(|_| source_id == parent).or(notes.summary);
    if let Some(project) = file.parent().and_then(Path::file_name) {
        notes.metadata.insert("project".into(), Value::String(project.to_string_lossy().into_owned()));
    }
    notes.metadata.insert("path".into(), Value::String(file.display().to_string()));
    let created_at = notes.first.unwrap_or_else(|| time::modified(file));
    Some(ImportedSession {
        source: SOURCE.into(),
        source_id,
        title,
        created_at,
        updated_at: notes.last.unwrap_or(created_at).max(created_at),
        metadata: notes.metadata,
        events,
    })
}

fn take_line(line: &Line<'_>, value: Value, titles: &Titles, notes: &mut Notes, events: &mut Vec<NewEvent>) {
    let field = |key: &str| value.get(key).and_then(Value::as_str);
    let at = field("timestamp").and_then(time::parse);
    if let Some(at) = at {
        notes.first = Some(notes.first.map_or(at, |first| first.min(at)));
        notes.last = Some(notes.last.map_or(at, |last| last.max(at)));
    }
    if notes.session_id.is_none() {
        notes.session_id = field("sessionId").map(str::to_string);
    }
    if let Some(link) = super::claude_subagents::agent_call(&value) {
        notes.agent_calls.push(link);
    }
    let kind = field("type").unwrap_or_default();
    if !CONVERSATION.contains(&kind) {
        return;
    }
    if let Some(summary) = field("uuid").and_then(|uuid| titles.by_leaf.get(uuid)) {
        notes.summary = Some(summary.clone());
    }
    for (key, name) in [("cwd", "cwd"), ("gitBranch", "branch"), ("version", "version")] {
        if let Some(text) = field(key).filter(|t| !t.is_empty())
            && (key != "cwd" || !notes.metadata.contains_key(name))
        {
            notes.metadata.insert(name.into(), Value::String(text.to_string()));
        }
    }
    if value.get("isSidechain") == Some(&Value::Bool(true)) {
        notes.metadata.insert("sidechain".into(), Value::Bool(true));
    }
    let message = value.get("message");
    if let Some(model) = message.and_then(|m| m.get("model")).and_then(Value::as_str).filter(|m| !m.starts_with('<')) {
        notes.metadata.insert("model".into(), Value::String(model.to_string()));
    }
    let content = message.and_then(|m| m.get("content"));
    let blocks = content.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let tool_results = blocks.iter().filter(|b| b.get("type").and_then(Value::as_str) == Some("tool_result"));
    let failed = tool_results.clone().any(|b| b.get("is_error") == Some(&Value::Bool(true)))
        || value.get("isApiErrorMessage") == Some(&Value::Bool(true));
    if kind == "user" && tool_results.count() == 0 {
        notes.invocation = field("promptId").or_else(|| field("uuid")).map(str::to_string);
    }
    events.push(NewEvent {
        content: line.text.to_string(),
        created_at: at,
        invocation_id: notes.invocation.clone(),
        metadata: chat::error_flag(failed),
    });
}
