//! Helpers shared by the import tests: reading fixtures into values and counting what they hold.
//!
//! `Counts` classifies each event's JSON on its own, independently of recall's content parser,
//! so the importers are checked against numbers derived from the fixture files.

#![allow(dead_code)]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use recall::import::{self, Format, Options, Skipped};
use recall::store::ImportedSession;
use serde_json::Value;

pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(relative)
}

pub fn read_all(path: &Path, format: Format) -> (Vec<ImportedSession>, Vec<Skipped>) {
    let mut sessions = Vec::new();
    let skipped = import::read(path, format, &Options::default(), &mut |s| {
        sessions.push(s);
        Ok(())
    })
    .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    (sessions, skipped)
}

/// FNV-1a of every file under `path` (or of the file), with names, to prove nothing changed.
pub fn fingerprint(path: &Path) -> Vec<(PathBuf, u64, u64)> {
    let mut found = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            for entry in std::fs::read_dir(&p).expect("read dir") {
                stack.push(entry.expect("entry").path());
            }
        } else {
            let bytes = std::fs::read(&p).expect("read file");
            let hash =
                bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3));
            found.push((p, bytes.len() as u64, hash));
        }
    }
    found.sort();
    found
}

/// The files beside a single-file source (e.g. `-wal`, `-shm`), to see none are created.
pub fn siblings(path: &Path) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> =
        std::fs::read_dir(path.parent().expect("parent")).expect("dir").map(|e| e.expect("entry").path()).collect();
    names.sort();
    names
}

#[derive(Debug, Default, PartialEq, Eq, Clone)]
pub struct Counts {
    pub sessions: usize,
    pub empty_sessions: usize,
    pub events: usize,
    /// Messages a person typed (harness context such as `<environment_context>` excluded).
    pub user: usize,
    /// Assistant messages: distinct `message.id` for Claude Code lines, else assistant events.
    pub assistant: usize,
    /// Assistant messages that say something in words.
    pub assistant_text: usize,
    pub system: usize,
    pub tool_calls: usize,
    pub tool_results: usize,
    /// Events the importer marked `{"error": true}`.
    pub errors: usize,
    pub reasoning: usize,
    pub handoffs: usize,
}

pub fn count(sessions: &[ImportedSession]) -> Counts {
    let mut counts = Counts { sessions: sessions.len(), ..Default::default() };
    for session in sessions {
        if session.events.is_empty() {
            counts.empty_sessions += 1;
        }
        let mut claude_replies = HashSet::new();
        for event in &session.events {
            counts.events += 1;
            let json: Value = serde_json::from_str(&event.content).expect("event content is JSON");
            if event.metadata.as_ref().and_then(|m| m.get("error")) == Some(&Value::Bool(true)) {
                counts.errors += 1;
            }
            classify(&json, &mut counts, &mut claude_replies);
        }
        counts.assistant += claude_replies.len();
    }
    counts
}

fn text_of(content: &Value) -> String {
    match content {
        Value::String(s) => s.clone(),
        Value::Array(parts) => {
            parts.iter().filter_map(|p| p.get("text").and_then(Value::as_str)).collect::<Vec<_>>().join("\n")
        }
        _ => String::new(),
    }
}

fn classify(json: &Value, counts: &mut Counts, claude_replies: &mut HashSet<String>) {
    let kind = json.get("type").and_then(Value::as_str).unwrap_or_default();
    // Codex rollout line: the item is the payload.
    if kind == "response_item" {
        return classify(&json["payload"], counts, claude_replies);
    }
    // Claude Code line: the message is under "message", one content block per assistant line.
    if (kind == "user" || kind == "assistant") && json.get("message").is_some() {
        let message = &json["message"];
        let blocks: Vec<Value> = message["content"].as_array().cloned().unwrap_or_default();
        if kind == "assistant"
            && let Some(id) = message["id"].as_str()
        {
            claude_replies.insert(id.to_string());
        }
        if message["content"].is_string() {
            counts.user += 1;
        }
        for block in blocks {
            match block["type"].as_str().unwrap_or_default() {
                "text" if kind == "assistant" => counts.assistant_text += 1,
                "text" => counts.user += 1,
                "tool_use" => counts.tool_calls += 1,
                "tool_result" => counts.tool_results += 1,
                "thinking" => counts.reasoning += 1,
                _ => {}
            }
        }
        return;
    }
    match kind {
        // tower-llm RunItems
        "Message" => return chat_message(json, counts),
        "ToolCall" => return counts.tool_calls += 1,
        "ToolOutput" => return counts.tool_results += 1,
        "Handoff" => return counts.handoffs += 1,
        // Responses API items
        "function_call" | "custom_tool_call" | "local_shell_call" => return counts.tool_calls += 1,
        "function_call_output" | "custom_tool_call_output" => return counts.tool_results += 1,
        "reasoning" => return counts.reasoning += 1,
        _ => {}
    }
    chat_message(json, counts);
}

/// OpenAI chat messages and Responses `message` items (and tower-llm Messages) by role.
fn chat_message(json: &Value, counts: &mut Counts) {
    let text = text_of(&json["content"]);
    match json["role"].as_str().unwrap_or_default() {
        "user" if text.trim_start().starts_with('<') => counts.system += 1,
        "user" => counts.user += 1,
        "assistant" => {
            counts.assistant += 1;
            if !text.trim().is_empty() {
                counts.assistant_text += 1;
            }
            counts.tool_calls += json["tool_calls"].as_array().map_or(0, Vec::len);
        }
        "system" | "developer" => counts.system += 1,
        "tool" => counts.tool_results += 1,
        _ => {}
    }
}

/// Copies a fixture file or folder into `into`, returning the copy's path.
pub fn copy_fixture(relative: &str, into: &Path) -> PathBuf {
    let from = fixture(relative);
    let to = into.join(from.file_name().expect("name"));
    copy_path(&from, &to);
    to
}

fn copy_path(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("mkdir");
        for entry in std::fs::read_dir(from).expect("read dir") {
            let entry = entry.expect("entry");
            copy_path(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).expect("copy");
        let mut permissions = std::fs::metadata(to).expect("metadata").permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        std::fs::set_permissions(to, permissions).expect("chmod");
    }
}

/// Every fixture and its format, as `recall import` would be given them.
pub const ALL_FIXTURES: [(&str, Format); 10] = [
    ("openai-agents/openai_agents_sqlite.db", Format::OpenaiAgents),
    ("dasshh/dasshh.db", Format::Dasshh),
    ("director/director.db", Format::Director),
    ("tenets/tenets.db", Format::Tenets),
    ("tower-llm/tower_llm.db", Format::TowerLlm),
    ("llm/logs-llm-0.36.db", Format::Llm),
    ("claude-code/2.1.330/dot-claude/projects", Format::ClaudeCode),
    ("codex-cli/0.169.0/codex-home", Format::Codex),
    ("elia/elia.sqlite", Format::Elia),
    ("oterm/store.db", Format::Oterm),
];

pub fn append(path: &Path, text: &str) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().append(true).open(path).expect("open for append");
    file.write_all(text.as_bytes()).expect("append");
}

/// (sessions, user messages, assistant messages with text, tool calls, results, errors, reasoning)
pub type Inventory = (usize, usize, usize, usize, usize, usize, usize);

/// The counts of `sessions` through recall's content parser, as `recall stats` counts them;
/// fails when an event would be shown as raw JSON.
pub fn tally(sessions: &[ImportedSession]) -> Inventory {
    let mut total = recall::content::Tally::new();
    for session in sessions {
        let mut tally = recall::content::Tally::new();
        for event in &session.events {
            tally.add_event(&serde_json::from_str(&event.content).expect("json"));
        }
        assert_eq!(tally.unrecognised, 0, "{}: events shown as raw JSON", session.source_id);
        total.merge(&tally);
    }
    let n = |v: u64| v as usize;
    let t = total;
    (sessions.len(), n(t.user), n(t.assistant), n(t.tool_calls), n(t.tool_results), n(t.tool_errors), n(t.reasoning))
}

pub fn by_id<'a>(sessions: &'a [ImportedSession], id: &str) -> &'a ImportedSession {
    sessions.iter().find(|s| s.source_id == id).unwrap_or_else(|| panic!("no session {id}"))
}

/// Every block of a session's events, as the browser would show them.
pub fn blocks(session: &ImportedSession) -> Vec<recall::content::Block> {
    session
        .events
        .iter()
        .flat_map(|e| recall::content::parse(&serde_json::from_str(&e.content).expect("json")))
        .collect()
}

/// The session's token sum as the header and `stats` make it: its events, then its metadata.
pub fn usage_sum(session: &ImportedSession) -> recall::content::SessionUsage {
    let mut sum = recall::content::SessionUsage::new();
    for event in &session.events {
        sum.add_event(&serde_json::from_str(&event.content).expect("json"));
    }
    sum.add_metadata(&session.metadata);
    sum
}

/// `(tool name, call id)` of each tool call in a stored session, as its parsed blocks carry
/// them: the ids the browser links subagents by.
pub fn stored_call_ids(store: &recall::store::Store, session_id: &str) -> Vec<(String, String)> {
    let events = store.events(session_id).expect("events");
    let blocks = events.iter().flat_map(|event| recall::content::parse(&event.json()));
    blocks
        .filter_map(|block| match block {
            recall::content::Block::ToolCall { id: Some(id), name, .. } => Some((name, id)),
            _ => None,
        })
        .collect()
}
