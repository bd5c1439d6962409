//! `recall --demo`: a temporary store filled with the conversations in `assets/demo.jsonl`,
//! so a new user sees the browser at work in one command. Each line is a session
//! `{id, title, created_at, updated_at, messages, source?, metadata?}`; its messages are the
//! events, in any shape the content parser reads (one is a Gemini CLI session in the CLI's own
//! record shape, with `source: "gemini-cli"`).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::store::{ImportedSession, NewEvent, Store};

const DEMO: &str = include_str!("../assets/demo.jsonl");
const DEMO_SOURCE: &str = "demo";

/// A demo store in the temporary folder; removed when dropped.
pub struct DemoStore {
    pub path: PathBuf,
}

impl DemoStore {
    pub fn create() -> Result<DemoStore> {
        remove_orphans();
        let path = std::env::temp_dir().join(format!("recall-demo-{}.db", std::process::id()));
        let demo = DemoStore { path };
        demo.remove_files();
        let store = Store::open(&demo.path).context("cannot create the demo store")?;
        fill(&store, Utc::now())?;
        Ok(demo)
    }

    fn remove_files(&self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(with_suffix(&self.path, suffix));
        }
    }
}

impl Drop for DemoStore {
    fn drop(&mut self) {
        self.remove_files();
    }
}

/// Demo stores of processes that are gone (killed, or ended by a hung-up terminal before
/// they could clean up).
fn remove_orphans() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("recall-demo-").and_then(|rest| rest.split('.').next()) else { continue };
        let alive = Path::new("/proc").join(pid).exists();
        if pid.parse::<u32>().is_ok() && !alive && Path::new("/proc/self").exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Writes the demo sessions, their times shifted so the newest ended a few minutes before `now`.
pub fn fill(store: &Store, now: DateTime<Utc>) -> Result<()> {
    let sessions: Vec<Value> =
        DEMO.lines().map(serde_json::from_str).collect::<Result<_, _>>().context("the bundled demo is not valid")?;
    let time = |session: &Value, key: &str| {
        session[key].as_str().and_then(|text| DateTime::parse_from_rfc3339(text).ok()).map(|time| time.to_utc())
    };
    let newest = sessions.iter().filter_map(|session| time(session, "updated_at")).max().unwrap_or(now);
    let shift = now - chrono::Duration::minutes(3) - newest;
    for session in &sessions {
        let messages = session["messages"].as_array().cloned().unwrap_or_default();
        let created_at = time(session, "created_at").unwrap_or(newest) + shift;
        let updated_at = time(session, "updated_at").unwrap_or(newest) + shift;
        let count = messages.len().max(1) as i32;
        let events = messages
            .iter()
            .enumerate()
            .map(|(i, message)| NewEvent {
                content: message.to_string(),
                created_at: Some(created_at + (updated_at - created_at) * i as i32 / count),
                ..Default::default()
            })
            .collect();
        store.import_session(&ImportedSession {
            // A session written in an agent's own shape says which agent, so it is named as its
            // imported sessions are.
            source: session["source"].as_str().unwrap_or(DEMO_SOURCE).to_string(),
            source_id: session["id"].as_str().unwrap_or_default().to_string(),
            title: session["title"].as_str().map(str::to_string),
            created_at,
            updated_at,
            metadata: session["metadata"].as_object().cloned().unwrap_or_default(),
            events,
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{self, Block, CallIndex, Role};

    #[test]
    fn the_gemini_cli_session_reads_as_a_prompt_a_linked_call_and_an_answer() {
        let store = Store::open_in_memory().expect("store");
        fill(&store, Utc::now()).expect("fill");
        let sessions = store.list_sessions(0, 100).expect("list");
        assert_eq!(sessions.len(), DEMO.lines().count());
        let gemini = sessions.iter().find(|s| s.source == "gemini-cli").expect("a Gemini CLI session");
        assert_eq!(crate::agents::display_name(&gemini.source), "Gemini CLI");
        assert_eq!(gemini.metadata["model"], "gemini-2.5-pro");
        let mut calls = CallIndex::new();
        let mut kinds = Vec::new();
        for event in store.events(&gemini.id).expect("events") {
            let blocks = content::parse(&event.json());
            calls.record(event.seq, &blocks);
            kinds.extend(blocks.iter().map(|block| match block {
                Block::Text { role: Role::User, .. } => "user",
                Block::Text { role: Role::Assistant, .. } => "assistant",
                Block::Reasoning { .. } => "reasoning",
                Block::ToolCall { .. } => "call",
                Block::ToolResult { is_error: false, .. } => "result",
                _ => "other",
            }));
        }
        assert_eq!(kinds, ["user", "reasoning", "assistant", "call", "result", "assistant"]);
        let call_id = "run_shell_command__run_shell_command_1795363334000_0";
        assert_eq!(calls.call_for(call_id).map(|(_, name)| name), Some("run_shell_command"));
        assert!(calls.result_for(call_id).is_some(), "the result is linked to its call");
        // The demo still opens on the same session as before it had this one.
        assert_eq!(sessions[0].source_id.as_deref(), Some("demo-csv"));
    }
}
