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
    let message = match kind {
        "response_item" => json.get("payload")?,
        "user" if json.get("message").is_some() => {
            if json.get("isMeta") == Some(&Value::Bool(true)) {
                return None;
            }
            json.get("message")?
        }
        _ => json,
    };
    if message.get("role").and_then(Value::as_str) != Some("user") {
        return None;
    }
    let text = text_of(message.get("content")?);
    let opening = text.trim_start();
    let injected = opening.starts_with('<') || opening.starts_with("# AGENTS.md") || opening.starts_with("Caveat:");
    (!injected && !opening.is_empty()).then_some(text)
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

fn shorten(text: &str) -> String {
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
        let long = event(serde_json::json!({"role": "user", "content": "word ".repeat(40)}));
        let title = first_words(&[long]).unwrap_or_default();
        assert!(title.ends_with('…') && title.chars().count() <= MAX_CHARS + 1, "{title}");
    }
}
