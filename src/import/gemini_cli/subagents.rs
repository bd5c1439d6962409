//! Which tool call started which subagent chat. A subagent's chat is
//! `chats/<parent session id>/<agent id>.jsonl` with `sessionId` = the agent id; the parent's
//! `gemini` message records the call with the same id as `toolCalls[].agentId` (google-gemini/
//! gemini-cli: `ToolCallRecord.agentId` in `packages/core/src/services/chatRecordingTypes.ts`,
//! set from the invocation's `data.agentId` in `GeminiChat.recordCompletedToolCalls`,
//! `packages/core/src/core/geminiChat.ts`; since 2026-04, #25092).

use serde_json::{Map, Value};

use super::Record;

/// Subagent session id -> the id of the call that started it, from the parent's messages.
pub(super) fn calls(records: &[Record]) -> Map<String, Value> {
    let calls = records
        .iter()
        .filter(|record| record.value.get("type").and_then(Value::as_str) == Some("gemini"))
        .filter_map(|record| record.value.get("toolCalls").and_then(Value::as_array))
        .flatten();
    calls
        .filter_map(|call| Some((text(call, "agentId")?.to_string(), Value::String(text(call, "id")?.to_string()))))
        .collect()
}

fn text<'a>(call: &'a Value, key: &str) -> Option<&'a str> {
    call.get(key).and_then(Value::as_str).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(value: Value) -> Record {
        let id = value.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
        Record { id, text: value.to_string(), value }
    }

    #[test]
    fn only_calls_that_ran_an_agent_are_linked() {
        let records = [
            record(json!({"id": "u1", "type": "user", "content": [{"text": "go"}],
                "toolCalls": [{"id": "not_a_model_call", "agentId": "x"}]})),
            record(json!({"id": "g1", "type": "gemini", "content": "", "toolCalls": [
                {"id": "run_shell_command__run_shell_command_1_0", "name": "run_shell_command", "status": "success"},
                {"id": "generalist__generalist_1_1", "name": "generalist", "status": "success", "agentId": "a-1"},
                {"id": "generalist__generalist_1_2", "name": "generalist", "status": "error", "agentId": ""}]})),
            record(json!({"id": "g2", "type": "gemini", "content": "", "toolCalls": [
                {"id": "codebase_investigator__codebase_investigator_2_0", "agentId": "a-2"}]})),
        ];
        assert_eq!(
            Value::Object(calls(&records)),
            json!({"a-1": "generalist__generalist_1_1", "a-2": "codebase_investigator__codebase_investigator_2_0"})
        );
    }
}
