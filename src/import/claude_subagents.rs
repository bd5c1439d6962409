//! Which Claude Code tool call started which sub-agent. The link is written in the parent's
//! transcript only: the `Task`/`Agent` call's result names the agent (`toolUseResult.agentId`,
//! or `agentId: <id>` in its text), and older releases wrote `progress` lines with the call
//! (`parentToolUseID`) and the agent (`data.agentId`). The agent's transcript is
//! `agent-<id>.jsonl`.

use serde_json::Value;

/// `(agent id, call id)` when the line links a call to a sub-agent.
pub(super) fn agent_call(line: &Value) -> Option<(String, String)> {
    let text = |value: &Value, key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
    if line.get("type").and_then(Value::as_str) == Some("progress") {
        let agent = line.get("data").and_then(|data| text(data, "agentId"))?;
        return Some((agent, text(line, "parentToolUseID")?)).filter(|(agent, _)| is_agent_id(agent));
    }
    let blocks = line.get("message")?.get("content")?.as_array()?;
    let mut results = blocks.iter().filter(|b| b.get("type").and_then(Value::as_str) == Some("tool_result"));
    let result = results.next()?;
    // Several results in one line: the structured result cannot say which one it is about.
    let structured = if results.next().is_none() { line.get("toolUseResult") } else { None };
    let agent = structured.and_then(|r| text(r, "agentId")).or_else(|| named_in_text(result.get("content")?))?;
    Some((agent, text(result, "tool_use_id")?)).filter(|(agent, _)| is_agent_id(agent))
}

/// `agentId: <id>` in a result's text (a string, or text blocks).
fn named_in_text(content: &Value) -> Option<String> {
    let find = |text: &str| {
        let rest = &text[text.find("agentId: ")? + "agentId: ".len()..];
        let id: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).collect();
        Some(id)
    };
    match content {
        Value::String(text) => find(text),
        Value::Array(blocks) => blocks.iter().filter_map(|b| b.get("text").and_then(Value::as_str)).find_map(find),
        _ => None,
    }
}

/// An id that can be part of a file name, as the agent's transcript's is.
fn is_agent_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 128 && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_structured_result_names_the_agent() {
        let line = json!({"type": "user", "message": {"content": [{"type": "tool_result", "tool_use_id": "toolu_1",
            "content": [{"type": "text", "text": "Done."}]}]}, "toolUseResult": {"agentId": "a1b2", "status": "completed"}});
        assert_eq!(agent_call(&line), Some(("a1b2".into(), "toolu_1".into())));
    }

    #[test]
    fn the_result_text_names_the_agent() {
        let line = json!({"type": "user", "message": {"content": [{"type": "tool_result", "tool_use_id": "toolu_2",
            "content": [{"type": "text", "text": "Found 2.\nagentId: ff09 (use it to resume)"}]}]}});
        assert_eq!(agent_call(&line), Some(("ff09".into(), "toolu_2".into())));
    }

    #[test]
    fn progress_lines_name_call_and_agent() {
        let line = json!({"type": "progress", "parentToolUseID": "toolu_3", "data": {"type": "agent_progress", "agentId": "c3"}});
        assert_eq!(agent_call(&line), Some(("c3".into(), "toolu_3".into())));
    }

    #[test]
    fn other_lines_and_odd_ids_link_nothing() {
        let plain = json!({"type": "user", "message": {"content": "hello agentId: x"}});
        assert_eq!(agent_call(&plain), None);
        let bash = json!({"type": "user", "message": {"content": [{"type": "tool_result", "tool_use_id": "t",
            "content": "total 56"}]}, "toolUseResult": {"stdout": "total 56"}});
        assert_eq!(agent_call(&bash), None);
        let odd = json!({"type": "progress", "parentToolUseID": "t", "data": {"agentId": "../../etc"}});
        assert_eq!(agent_call(&odd), None);
    }
}
