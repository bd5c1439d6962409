//! Codex CLI rollout lines (`~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl`), stored byte for
//! byte.
//!
//! Since 0.2x every line is `{"timestamp", "type": <kind>, "payload": {...}}`. Only
//! `response_item` lines are conversation: their payload is a Responses item. The others
//! (`session_meta`, `turn_context`, `event_msg` — which repeats the items for the UI —,
//! `compacted`, `world_state`, usage records) are bookkeeping, as are `response_item`s that
//! hold nothing readable (an encrypted compaction checkpoint, a tool list, a configuration
//! change). The oldest rollouts wrote the items bare, after a `{id, timestamp, instructions}`
//! header, with `{"record_type": "state"}` lines between: the items parse as Responses items,
//! the rest is bookkeeping.
//!
//! The first `user` messages of a session are harness context (environment, AGENTS.md,
//! skills): see `harness`. A shell call's failure is read from its output: see `errors`.

use serde_json::Value;

use super::common::{Object, str_field};
use super::harness::{is_codex_context, mark_context};
use crate::content::Block;

const BOOKKEEPING_KINDS: &[&str] = &[
    "session_meta",
    "turn_context",
    "event_msg",
    "compacted",
    "world_state",
    "token_usage_record",
    "retained_context",
    "security_risk_score",
    "realtime_item",
    "inter_agent_communication_metadata",
];

/// Response items with nothing a person can read.
const OPAQUE_ITEMS: &[&str] = &[
    "compaction",
    "compaction_summary",
    "context_compaction",
    "compaction_trigger",
    "configuration_update",
    "additional_tools",
    "ghost_snapshot",
];

/// Whether `line` is a rollout envelope (any kind, known or not).
pub(super) fn is_envelope(line: &Object) -> bool {
    str_field(line, "type").is_some() && line.contains_key("payload") && line.contains_key("timestamp")
}

pub(super) fn is_bookkeeping(line: &Object) -> bool {
    if is_envelope(line) {
        return match str_field(line, "type") {
            Some("response_item") => payload_type(line).is_some_and(|kind| OPAQUE_ITEMS.contains(&kind)),
            Some(kind) => BOOKKEEPING_KINDS.contains(&kind),
            None => false,
        };
    }
    line.contains_key("record_type") || is_legacy_header(line)
}

/// The payload of a `response_item` line (the caller parses it), or None for another kind.
pub(super) fn response_item(line: &Object) -> Option<&Value> {
    (str_field(line, "type")? == "response_item").then(|| line.get("payload"))?
}

/// Labels the harness's own `user` messages as context.
pub(super) fn mark_harness_context(blocks: &mut [Block]) {
    mark_context(blocks, is_codex_context);
}

fn payload_type(line: &Object) -> Option<&str> {
    line.get("payload")?.get("type")?.as_str()
}

/// The first line of a rollout before the envelope existed: the session's id, start time and
/// instructions, with no `type`.
fn is_legacy_header(line: &Object) -> bool {
    !line.contains_key("type")
        && !line.contains_key("role")
        && line.get("id").is_some_and(Value::is_string)
        && line.get("timestamp").is_some_and(Value::is_string)
        && (line.contains_key("instructions") || line.contains_key("git"))
}
