//! Telling formats apart by content: SQLite tables and columns, JSONL line shapes, folder layout.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::error::io_error;
use super::sql::{self, has_columns};
use super::{Format, ImportError, Options, Result, aider, copilot_cli, gemini_cli, jsonl, openai_agents, opencode, pi};

const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// Which format `path` holds: a file (SQLite, JSONL, a Gemini CLI session document, an aider
/// history) or an agent's folder (Claude Code, Codex, Gemini CLI, Qwen Code, OpenCode, Copilot
/// CLI, Pi).
pub fn detect(path: &Path) -> Result<Format> {
    let metadata = std::fs::metadata(path).map_err(io_error(path))?;
    if metadata.is_dir() {
        return detect_folder(path);
    }
    if aider::is_history_file(path) {
        return Ok(Format::Aider);
    }
    let mut head = [0u8; 16];
    let read = crate::files::open_regular(path).and_then(|mut f| f.read(&mut head)).map_err(io_error(path))?;
    if read == 0 {
        return Err(undetectable(path, "the file is empty"));
    }
    if head[..read] == *SQLITE_MAGIC {
        return detect_sqlite(path);
    }
    let starts_like_json = head[..read].iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        || head[..read].starts_with(b"\xEF\xBB\xBF{");
    if !starts_like_json {
        return Err(undetectable(path, "neither an SQLite database nor JSONL"));
    }
    if let Some(found) = detect_jsonl(path)? {
        return Ok(found);
    }
    if is_gemini_document(path) {
        return Ok(Format::GeminiCli);
    }
    Err(undetectable(path, "JSONL whose lines match no format"))
}

fn undetectable(path: &Path, reason: &str) -> ImportError {
    ImportError::Undetectable { path: path.to_path_buf(), reason: reason.to_string() }
}

fn detect_sqlite(path: &Path) -> Result<Format> {
    let conn = sql::open(path)?;
    let t = sql::tables(&conn).map_err(sql::sqlite_error(path, "reading the schema"))?;
    let found = if has_columns(&t, "sessions", &["session_id", "item_type", "item_data", "sequence_num"]) {
        Format::TowerLlm
    } else if has_columns(&t, "conversations", &["conv_id", "msg_type", "content"]) {
        Format::Director
    } else if has_columns(&t, "events", &["invocation_id", "session_id", "content"])
        && has_columns(&t, "sessions", &["id", "detail"])
    {
        Format::Dasshh
    } else if has_columns(&t, "session_context", &["session_id", "kind", "content"]) {
        Format::Tenets
    } else if has_columns(&t, "threads", &["tip_message_hash"])
        || has_columns(&t, "responses", &["prompt", "response", "conversation_id"])
    {
        Format::Llm
    } else if has_columns(&t, "message", &["chat_id", "author", "text"]) {
        Format::Oterm
    } else if has_columns(&t, "message", &["chat_id", "role", "content"]) && has_columns(&t, "chat", &["title"]) {
        Format::Elia
    } else if has_columns(&t, "threads", &["rollout_path"]) {
        Format::Codex
    } else if has_columns(&t, "part", &["message_id", "data"]) && has_columns(&t, "message", &["session_id", "data"]) {
        Format::Opencode
    } else if has_columns(&t, "turns", &["session_id", "turn_index", "user_message", "assistant_response"]) {
        Format::CopilotCli
    } else if openai_agents::find_tables(&conn, path, &Options::default()).is_ok() {
        Format::OpenaiAgents
    } else {
        return Err(undetectable(path, "an SQLite database without the tables of any format recall imports"));
    };
    Ok(found)
}

/// Looks at the first lines; None when none of them looks like a known format.
fn detect_jsonl(path: &Path) -> Result<Option<Format>> {
    let lines = jsonl::sample(path, 8).map_err(io_error(path))?;
    Ok(lines.iter().find_map(classify_line))
}

pub(crate) fn classify_line(line: &Value) -> Option<Format> {
    let object = line.as_object()?;
    let kind = object.get("type").and_then(Value::as_str);
    if is_gemini_line(object) {
        return Some(Format::GeminiCli);
    }
    if is_qwen_line(object) {
        return Some(Format::QwenCode);
    }
    let codex_kinds = ["session_meta", "response_item", "event_msg", "turn_context", "compacted"];
    if object.contains_key("payload") && kind.is_some_and(|k| codex_kinds.contains(&k)) {
        return Some(Format::Codex);
    }
    if kind.is_some() && (object.contains_key("sessionId") || object.contains_key("leafUuid")) {
        return Some(Format::ClaudeCode);
    }
    if pi::is_pi_line(line) {
        return Some(Format::Pi);
    }
    if object.get("messages").is_some_and(Value::is_array) || object.contains_key("role") {
        return Some(Format::ChatJsonl);
    }
    let copilot_kind = kind.is_some_and(|k| k.contains('.'));
    if copilot_kind && object.get("data").is_some_and(Value::is_object) && object.contains_key("parentId") {
        return Some(Format::CopilotCli);
    }
    // Codex before the envelope: a bare session header, then bare response items.
    if object.contains_key("id") && object.contains_key("timestamp") && object.contains_key("instructions") {
        return Some(Format::Codex);
    }
    None
}

/// Gemini CLI: a session header (`sessionId` and `projectHash`), a `$set` / `$rewindTo` line, or
/// a message record `{id, type: user|gemini|info|warning|error, content}` (a Claude Code line
/// has a `message`, a Codex one a `payload`).
fn is_gemini_line(object: &Map<String, Value>) -> bool {
    let text = |key: &str| object.get(key).is_some_and(Value::is_string);
    if (text("sessionId") && text("projectHash")) || object.contains_key("$set") || text("$rewindTo") {
        return true;
    }
    let kind = object.get("type").and_then(Value::as_str).unwrap_or_default();
    let foreign = ["message", "role", "payload", "uuid"].iter().any(|key| object.contains_key(*key));
    ["user", "gemini", "info", "warning", "error"].contains(&kind)
        && text("id")
        && object.contains_key("content")
        && !foreign
}

/// Qwen Code: Claude Code's envelope (`uuid`, `sessionId`, `type`) around Gemini content:
/// `message.parts`, a `tool_result` line, or a `system` line's `systemPayload`.
fn is_qwen_line(object: &Map<String, Value>) -> bool {
    let enveloped = object.contains_key("uuid") && object.contains_key("sessionId");
    let kind = object.get("type").and_then(Value::as_str);
    let gemini_message = object.get("message").and_then(|m| m.get("parts")).is_some_and(Value::is_array);
    enveloped && (gemini_message || kind == Some("tool_result") || object.contains_key("systemPayload"))
}

/// A Gemini CLI session written before 0.40: one JSON document with the session header and its
/// `messages`. Read whole only when its name says it may be one.
fn is_gemini_document(path: &Path) -> bool {
    if !gemini_cli::is_session_file(path) || path.extension().is_none_or(|e| e != "json") {
        return false;
    }
    let Ok(text) = crate::files::read_regular_to_string(path) else { return false };
    let Ok(Value::Object(document)) = serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) else {
        return false;
    };
    is_gemini_line(&document) && document.get("messages").is_some_and(Value::is_array)
}

fn detect_folder(path: &Path) -> Result<Format> {
    if path.join(".aider.chat.history.md").is_file() {
        return Ok(Format::Aider);
    }
    // Gemini CLI (`~/.gemini/tmp/`) and Qwen Code (`~/.qwen/projects/`, older `~/.qwen/tmp/`)
    // both keep `<project>/chats/` folders: their lines say which.
    for holder in ["tmp", "projects"].map(|name| path.join(name)).iter().filter(|dir| dir.is_dir()) {
        if let Some(found) = detect_chats(holder)? {
            return Ok(found);
        }
    }
    if path.join("projects").is_dir() && !path.join("sessions").is_dir() {
        return Ok(Format::ClaudeCode);
    }
    if holds_pi_sessions(&path.join("sessions")) || holds_pi_sessions(&path.join("agent/sessions")) {
        return Ok(Format::Pi);
    }
    if path.join("sessions").is_dir() && path.join("sessions").read_dir().is_ok() && !path.join("projects").is_dir() {
        return Ok(Format::Codex);
    }
    if path.join(copilot_cli::SESSIONS).is_dir() {
        return Ok(Format::CopilotCli);
    }
    if path.join(opencode::DATABASE).is_file()
        || opencode::is_storage(&path.join(opencode::STORAGE))
        || opencode::is_storage(path)
    {
        return Ok(Format::Opencode);
    }
    let mut files = Vec::new();
    collect_files(path, 5, &mut |p| p.extension().is_some_and(|e| e == "jsonl"), &mut files)?;
    if let Some(found) = first_known(&files)? {
        return Ok(found);
    }
    if gemini_documents(path)?.iter().take(20).any(|document| is_gemini_document(document)) {
        return Ok(Format::GeminiCli);
    }
    if aider::holds_history(path) {
        return Ok(Format::Aider);
    }
    Err(undetectable(path, "a folder holding no transcripts or history of a known agent"))
}

/// The format of the chat files in `<holder>/<project>/chats/` (and a subagent folder below).
fn detect_chats(holder: &Path) -> Result<Option<Format>> {
    let in_chats = |p: &Path| p.ancestors().skip(1).take(2).any(|dir| dir.file_name().is_some_and(|n| n == "chats"));
    let mut files = Vec::new();
    collect_files(holder, 3, &mut |p| p.extension().is_some_and(|e| e == "jsonl") && in_chats(p), &mut files)?;
    if let Some(found) = first_known(&files)? {
        return Ok(Some(found));
    }
    let documents = gemini_documents(holder)?;
    Ok(documents.iter().take(20).any(|document| is_gemini_document(document)).then_some(Format::GeminiCli))
}

/// The format of the first of (up to 20 of) `files` whose lines say one, Chat JSONL aside.
fn first_known(files: &[PathBuf]) -> Result<Option<Format>> {
    for file in files.iter().take(20) {
        match detect_jsonl(file)? {
            Some(Format::ChatJsonl) | None => continue,
            Some(found) => return Ok(Some(found)),
        }
    }
    Ok(None)
}

fn gemini_documents(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut documents = Vec::new();
    let accept = &mut |p: &Path| p.extension().is_some_and(|e| e == "json") && gemini_cli::is_session_file(p);
    collect_files(dir, 4, accept, &mut documents)?;
    Ok(documents)
}

/// Whether `dir` is Pi's `sessions` folder: its first session files are Pi's.
fn holds_pi_sessions(dir: &Path) -> bool {
    let mut files = Vec::new();
    if !dir.is_dir() || collect_files(dir, 1, &mut |p| p.extension().is_some_and(|e| e == "jsonl"), &mut files).is_err()
    {
        return false;
    }
    files.iter().take(5).any(|file| matches!(detect_jsonl(file), Ok(Some(Format::Pi))))
}

/// Regular files under `dir` (down to `depth` levels) that `accept` takes, in path order, each
/// once (see [`super::walk`]). What is left out is not reported: readers use
/// [`super::walk::walk`] or [`super::walk::Walker`], which report it as skipped.
pub(crate) fn collect_files(
    dir: &Path,
    depth: usize,
    accept: &mut dyn FnMut(&Path) -> bool,
    found: &mut Vec<PathBuf>,
) -> Result<()> {
    let mut walker = super::walk::Walker::default();
    walker.walk(dir, depth, accept)?;
    found.extend(walker.into_files());
    Ok(())
}
