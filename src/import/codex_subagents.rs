//! Which Codex thread spawned which sub-agent thread, and with which call.
//!
//! A spawned thread has a rollout of its own. Its `session_meta` names its parent: the
//! `source` is `{"subagent": {"thread_spawn": {"parent_thread_id", "depth", "agent_path",
//! "agent_nickname", "agent_role"}}}` (`SessionSource::SubAgent(SubAgentSource::ThreadSpawn)`,
//! serde `lowercase` then `snake_case`, in openai/codex `codex-rs/protocol/src/protocol.rs`),
//! and newer releases also write `parent_thread_id` beside `id`. The child does not record
//! the call; the parent does: its `spawn_agent` call's output is the JSON text
//! `{"agent_id": "<child thread id>", "nickname": ...}` (`SpawnAgentResult` in
//! `codex-rs/core/src/tools/handlers/multi_agents/spawn.rs`), and with extended event
//! persistence a `collab_agent_spawn_end` event names `call_id` and `new_thread_id`.
//! The thread index (`state_N.sqlite`) keeps the same parent link in `thread_spawn_edges`.
//! MultiAgentV2's `spawn_agent` answers `{"task_name": <the child's agent path>, "nickname"}`
//! instead (`codex-rs/core/src/tools/handlers/multi_agents_v2/spawn.rs`): that path names the
//! child only through the index (`threads.agent_path` and the spawn edges), which the
//! importer looks up.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::sql;

/// The tool that spawns a sub-agent thread.
const SPAWN_TOOL: &str = "spawn_agent";

/// The thread that spawned the one this `session_meta` payload describes.
pub(super) fn parent_thread(meta: &Value) -> Option<String> {
    let spawn = meta.pointer("/source/subagent/thread_spawn");
    let parent = meta.get("parent_thread_id").or_else(|| spawn?.get("parent_thread_id"));
    parent.and_then(Value::as_str).filter(|id| is_thread_id(id)).map(str::to_string)
}

/// What the spawn gave the sub-agent to go by: its nickname, role and path.
pub(super) fn agent_notes(meta: &Value, metadata: &mut Map<String, Value>) {
    let spawn = meta.pointer("/source/subagent/thread_spawn");
    for key in ["agent_nickname", "agent_role", "agent_path"] {
        let value = meta.get(key).or_else(|| spawn?.get(key));
        if let Some(text) = value.and_then(Value::as_str).filter(|t| !t.is_empty()) {
            metadata.entry(key).or_insert_with(|| Value::String(text.to_string()));
        }
    }
}

/// `(parent, child)` thread ids from the index's spawn graph; none when the index predates it.
pub(super) fn spawn_edges(conn: &rusqlite::Connection) -> Vec<(String, String)> {
    let Ok(mut stmt) = conn.prepare("SELECT parent_thread_id, child_thread_id FROM thread_spawn_edges") else {
        return Vec::new();
    };
    let rows = stmt.query_map([], |row| Ok((sql::text_at(row, 0), sql::text_at(row, 1))));
    rows.into_iter()
        .flatten()
        .filter_map(|row| match row {
            Ok((Some(parent), Some(child))) => Some((parent, child)),
            _ => None,
        })
        .collect()
}

/// The calls of one rollout that spawned sub-agents, as its lines go by.
#[derive(Default)]
pub(super) struct SpawnCalls {
    /// `spawn_agent` calls whose output has not been seen yet.
    pub(super) pending: BTreeSet<String>,
    /// Child thread id -> the call that spawned it.
    pub(super) found: Map<String, Value>,
    /// `(agent path, call)` of spawns answered with a task name, for the index to resolve.
    pub(super) by_path: Vec<(String, String)>,
}

impl SpawnCalls {
    /// Notes what a Responses item says about a spawn: the call, or its output.
    pub(super) fn take_item(&mut self, item: &Value) {
        let text = |key: &str| item.get(key).and_then(Value::as_str);
        let Some(call) = text("call_id") else { return };
        match text("type") {
            Some("function_call") if text("name") == Some(SPAWN_TOOL) => {
                self.pending.insert(call.to_string());
            }
            Some("function_call_output") if self.pending.remove(call) => {
                match item.get("output").and_then(spawn_result) {
                    Some(Spawned::Thread(child)) => {
                        self.found.insert(child, Value::String(call.to_string()));
                    }
                    Some(Spawned::Path(path)) => self.by_path.push((path, call.to_string())),
                    None => {}
                }
            }
            _ => {}
        }
    }

    /// Notes a `collab_agent_spawn_end` event's call and the thread it made.
    pub(super) fn take_event(&mut self, payload: &Value) {
        if payload.get("type").and_then(Value::as_str) != Some("collab_agent_spawn_end") {
            return;
        }
        let text = |key: &str| payload.get(key).and_then(Value::as_str);
        if let (Some(call), Some(child)) = (text("call_id"), text("new_thread_id").filter(|id| is_thread_id(id))) {
            self.found.insert(child.to_string(), Value::String(call.to_string()));
        }
    }
}

/// What a spawn call's output names.
enum Spawned {
    /// `{"agent_id": <thread id>}` (v1).
    Thread(String),
    /// `{"task_name": <agent path>}` (MultiAgentV2).
    Path(String),
}

/// What a spawn call's output names, as JSON text: `output` is a string or a list of content
/// items (`FunctionCallOutputPayload`'s two shapes in `codex-rs/protocol/src/models.rs`). A
/// failed spawn's output is plain text and names nothing.
fn spawn_result(output: &Value) -> Option<Spawned> {
    let text = match output {
        Value::String(text) => text.as_str(),
        Value::Array(items) => items.iter().find_map(|i| i.get("text").and_then(Value::as_str))?,
        Value::Object(object) => object.get("content").and_then(Value::as_str)?,
        _ => return None,
    };
    let result = crate::json::parse_value(text).ok()?;
    let field = |key: &str| result.get(key).and_then(Value::as_str).map(str::to_string);
    match field("agent_id") {
        Some(id) => is_thread_id(&id).then_some(Spawned::Thread(id)),
        None => field("task_name").filter(|path| path.starts_with('/')).map(Spawned::Path),
    }
}

/// A thread id as Codex writes them (a UUID), which is also part of a rollout's file name.
fn is_thread_id(id: &str) -> bool {
    id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const PARENT: &str = "01a1fe69-277d-7e91-a442-938962229103";
    const CHILD: &str = "01a1fe70-0c1d-7a52-8e11-5b0e2d4c9f01";

    #[test]
    fn the_thread_spawn_source_names_the_parent() {
        // SessionSource::SubAgent(SubAgentSource::ThreadSpawn { .. }) as serde writes it.
        let meta = json!({"id": CHILD, "source": {"subagent": {"thread_spawn": {"parent_thread_id": PARENT,
            "depth": 1, "agent_path": null, "agent_nickname": "Ada", "agent_role": "explorer"}}}});
        assert_eq!(parent_thread(&meta).as_deref(), Some(PARENT));
        let mut metadata = Map::new();
        agent_notes(&meta, &mut metadata);
        assert_eq!(Value::Object(metadata), json!({"agent_nickname": "Ada", "agent_role": "explorer"}));
    }

    #[test]
    fn a_top_level_parent_thread_id_is_read_too() {
        let meta = json!({"id": CHILD, "parent_thread_id": PARENT, "source": "cli"});
        assert_eq!(parent_thread(&meta).as_deref(), Some(PARENT));
    }

    #[test]
    fn other_sources_name_no_parent() {
        for source in [json!("exec"), json!({"subagent": "review"}), json!({"subagent": {"other": "guardian"}})] {
            assert_eq!(parent_thread(&json!({"id": CHILD, "source": source})), None);
        }
        let odd = json!({"source": {"subagent": {"thread_spawn": {"parent_thread_id": "../../etc/passwd"}}}});
        assert_eq!(parent_thread(&odd), None);
    }

    #[test]
    fn a_spawn_call_and_its_output_link_the_child() {
        let mut calls = SpawnCalls::default();
        calls.take_item(&json!({"type": "function_call", "name": "spawn_agent",
            "arguments": "{\"message\":\"Find the parser's bugs\"}", "call_id": "call_7"}));
        calls.take_item(
            &json!({"type": "function_call", "name": "exec_command", "arguments": "{}", "call_id": "call_8"}),
        );
        calls.take_item(&json!({"type": "function_call_output", "call_id": "call_8",
            "output": format!("{{\"agent_id\":\"{PARENT}\"}}")}));
        calls.take_item(&json!({"type": "function_call_output", "call_id": "call_7",
            "output": format!("{{\"agent_id\":\"{CHILD}\",\"nickname\":\"Ada\"}}")}));
        assert_eq!(Value::Object(calls.found), json!({CHILD: "call_7"}));
        assert!(calls.pending.is_empty());
    }

    #[test]
    fn an_output_of_content_items_links_the_child_too() {
        let mut calls = SpawnCalls::default();
        calls.take_item(&json!({"type": "function_call", "name": "spawn_agent", "arguments": "{}", "call_id": "c3"}));
        calls.take_item(&json!({"type": "function_call_output", "call_id": "c3",
            "output": [{"type": "input_text", "text": format!("{{\"agent_id\":\"{CHILD}\",\"nickname\":null}}")}]}));
        assert_eq!(Value::Object(calls.found), json!({CHILD: "c3"}));
    }

    #[test]
    fn a_failed_spawn_links_nothing_and_a_v2_spawn_waits_for_the_index() {
        let mut calls = SpawnCalls::default();
        for (call, output) in [
            ("c1", json!("Agent depth limit reached. Solve the task yourself.")),
            ("c2", json!("{\"task_name\":\"/root/worker\",\"nickname\":null}")),
        ] {
            calls.take_item(
                &json!({"type": "function_call", "name": "spawn_agent", "arguments": "{}", "call_id": call}),
            );
            calls.take_item(&json!({"type": "function_call_output", "call_id": call, "output": output}));
        }
        assert!(calls.found.is_empty());
        assert_eq!(calls.by_path, [("/root/worker".to_string(), "c2".to_string())]);
    }

    #[test]
    fn the_spawn_end_event_links_the_child() {
        let mut calls = SpawnCalls::default();
        calls.take_event(&json!({"type": "collab_agent_spawn_end", "call_id": "call_9", "sender_thread_id": PARENT,
            "new_thread_id": CHILD, "prompt": "Find the parser's bugs", "status": "pending_init"}));
        calls.take_event(&json!({"type": "collab_agent_spawn_end", "call_id": "call_10", "sender_thread_id": PARENT,
            "new_thread_id": null, "prompt": "", "status": "not_found"}));
        assert_eq!(Value::Object(calls.found), json!({CHILD: "call_9"}));
    }
}
