//! A title from the first words a person wrote, for sessions whose origin has none.

use serde_json::Value;

use crate::store::NewEvent;

const MAX_CHARS: usize = 80;
/// Only the opening of a session is looked at: a title comes from its first prompt.
const EVENTS_LOOKED_AT: usize = 50;

/// The first user text in `events` that a person typed (harness context such as
/// `<environment_context>` or an AGENTS.md preamble is passed over), cut at a word boundary.
pub(crate) fn first_words(events: &[NewEvent]) -> Option<String> {
    events.iter().take(EVENTS_LOOKED_AT).find_map(|event| {
        let json: Value = crate::json::parse_value(&event.content).ok()?;
        user_text(&json).map(|text| shorten(&text)).filter(|t| !t.is_empty())
    })
}

/// The text of a user message in any shape the importers produce, or None.
fn user_text(json: &Value) -> Option<String> {
    let kind = json.get("type").and_then(Value::as_str).unwrap_or_default();
    if let Some(text) = agent_event_text(json, kind) {
        return text.filter(|t| !is_injected(t));
    }
    let message = match kind {
        "response_item" => json.get("payload")?,
        "user" if json.get("message").is_some() => {
            // Claude Code's meta lines; Qwen Code's notifications and cron prompts.
            if json.get("isMeta") == Some(&Value::Bool(true)) || json.get("subtype").is_some() {
                return None;
            }
            json.get("message")?
        }
        // Pi: `{"type": "message", "id", "parentId", "message": {role, content}}`.
        "message" if json.get("message").is_some_and(Value::is_object) => json.get("message")?,
        // A Gemini CLI record: what the person typed is `displayContent` when the CLI expanded it.
        "user" if json.get("role").is_none() => {
            return typed(text_of(json.get("displayContent").or_else(|| json.get("content"))?));
        }
        _ => json,
    };
    if message.get("role").and_then(Value::as_str) != Some("user") {
        return None;
    }
    // Gemini-shaped messages (Qwen Code) hold `parts`, the others `content`.
    typed(text_of(message.get("content").or_else(|| message.get("parts"))?))
}

/// `text` unless it is empty or what a harness injected.
fn typed(text: String) -> Option<String> {
    (!is_injected(&text)).then_some(text)
}

/// The user's words in the events of agents that keep them in shapes of their own: Some(None)
/// for such an event that is not the user's (or holds no words), None for other shapes.
/// OpenCode: a message and its parts (text OpenCode added itself is `synthetic`); Copilot CLI:
/// a `user.message` line, whose `content` is what was typed.
fn agent_event_text(json: &Value, kind: &str) -> Option<Option<String>> {
    if json.get("opencode_message").is_some() {
        let user = json["message"]["role"] == "user";
        let parts = json["parts"].as_array().filter(|_| user).into_iter().flatten();
        let typed = parts.filter(|p| p["type"] == "text" && p["synthetic"] != true && p["ignored"] != true);
        let text = typed.filter_map(|p| p["text"].as_str()).collect::<Vec<_>>().join(" ");
        return Some(Some(text).filter(|t| !t.trim().is_empty()));
    }
    if kind.contains('.') && json.get("data").is_some_and(Value::is_object) {
        return Some(json["data"]["content"].as_str().filter(|_| kind == "user.message").map(str::to_string));
    }
    None
}

fn is_injected(text: &str) -> bool {
    let opening = text.trim_start();
    opening.is_empty()
        || opening.starts_with('<')
        || opening.starts_with("# AGENTS.md")
        || opening.starts_with("Caveat:")
}

fn text_of(content: &Value) -> String {
    match content {
        Value::String(text) => text.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter(|p| p.get("type").and_then(Value::as_str).is_none_or(|t| t == "text" || t == "input_text"))
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}

pub(crate) fn shorten(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut title = String::new();
    for word in &words {
        if title.chars().count() + word.chars().count() + 1 > MAX_CHARS {
            if title.is_empty() {
                title = word.chars().take(MAX_CHARS).collect();
            }
            title.push('…');
            return title;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(json: Value) -> NewEvent {
        NewEvent::from_value(&json)
    }

    #[test]
    fn skips_harness_context_and_shortens() {
        let events = [
            event(serde_json::json!({"role": "system", "content": "Be brief."})),
            event(serde_json::json!({"type": "response_item", "payload": {"type": "message", "role": "user",
                "content": [{"type": "input_text", "text": "<environment_context>cwd</environment_context>"}]}})),
            event(serde_json::json!({"role": "user", "content": [{"type": "input_text", "text": "Fix   the\nbuild"}]})),
        ];
        assert_eq!(first_words(&events).as_deref(), Some("Fix the build"));
        let gemini = [
            event(serde_json::json!({"id": "p", "type": "user", "content": [{"text": "<session_context>\nlinux"}]})),
            event(serde_json::json!({"id": "r", "type": "user", "content": [{"functionResponse": {"id": "c"}}]})),
            event(serde_json::json!({"id": "u", "type": "user", "content": [{"text": "Explain @a.rs ..."}],
                "displayContent": [{"text": "Explain @a.rs"}]})),
        ];
        assert_eq!(first_words(&gemini).as_deref(), Some("Explain @a.rs"));
        let qwen = [
            event(
                serde_json::json!({"type": "user", "subtype": "notification", "message": {"role": "user", "parts": [{"text": "Task done"}]}}),
            ),
            event(
                serde_json::json!({"type": "user", "message": {"role": "user", "parts": [{"text": "Add a NOTES.md"}]}}),
            ),
        ];
        assert_eq!(first_words(&qwen).as_deref(), Some("Add a NOTES.md"));
        let long = event(serde_json::json!({"role": "user", "content": "word ".repeat(40)}));
        let title = first_words(&[long]).unwrap_or_default();
        assert!(title.ends_with('…') && title.chars().count() <= MAX_CHARS + 1, "{title}");
    }

    #[test]
    fn reads_opencode_messages_and_copilot_lines() {
        let opencode = |role: &str, parts: Value| {
            event(serde_json::json!({"opencode_message": "msg_1", "message": {"role": role}, "parts": parts}))
        };
        let events = [
            opencode("assistant", serde_json::json!([{"type": "text", "text": "Not the user"}])),
            opencode("user", serde_json::json!([{"type": "text", "text": "read by OpenCode", "synthetic": true}])),
            opencode("user", serde_json::json!([{"type": "step-start"}, {"type": "text", "text": "What is here?\n"}])),
        ];
        assert_eq!(first_words(&events).as_deref(), Some("What is here?"));
        let copilot = |kind: &str, content: &str| {
            event(serde_json::json!({"type": kind, "data": {"content": content}, "id": "1", "parentId": null}))
        };
        let events = [copilot("assistant.message", "Hi"), copilot("user.message", "Capital of Italy?")];
        assert_eq!(first_words(&events).as_deref(), Some("Capital of Italy?"));
    }
}
