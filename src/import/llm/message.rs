//! One message as llm keeps it, whichever schema it came from, and the rows both schemas
//! share (fragments, attachments).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value, json};

use crate::import::{chat, sql};
use crate::store::NewEvent;

pub(crate) const SOURCE: &str = "llm";

/// One message as llm keeps it, whichever schema it came from.
#[derive(Default)]
pub(crate) struct LlmMessage {
    pub role: String,
    pub texts: Vec<String>,
    pub reasoning: Vec<String>,
    pub tool_calls: Vec<ToolCall>,
    pub tool_results: Vec<ToolResult>,
    /// `{"id", "type", "path", "url"}` of each attachment (never its bytes).
    pub attachments: Vec<Value>,
    pub model: Option<String>,
    /// The reply's `input_tokens` and `output_tokens`, as llm logged them.
    pub tokens: Option<(Option<i64>, Option<i64>)>,
}

pub(crate) struct ToolCall {
    pub id: String,
    pub name: String,
    pub arguments: Value,
}

pub(crate) struct ToolResult {
    pub call_id: String,
    pub name: String,
    pub output: String,
    /// Set when the tool raised, e.g. `ZeroDivisionError: division by zero`.
    pub exception: Option<String>,
}

impl LlmMessage {
    /// Reasoning as Responses-API reasoning items, tool results as one `tool` message each,
    /// the rest as one OpenAI chat message (left out when it would be empty).
    pub(crate) fn events(&self, created_at: Option<DateTime<Utc>>, invocation: Option<&str>) -> Vec<NewEvent> {
        let mut events = Vec::new();
        let mut push = |message: Map<String, Value>, failed: bool| {
            let mut event = chat::event(message, created_at);
            event.invocation_id = invocation.map(str::to_string);
            event.metadata = chat::error_flag(failed);
            events.push(event);
        };
        for text in &self.reasoning {
            let item = json!({"type": "reasoning", "summary": [{"type": "summary_text", "text": text}]});
            push(item.as_object().cloned().unwrap_or_default(), false);
        }
        for result in &self.tool_results {
            let mut message = chat::tool_result(&result.call_id, Some(&result.name), result.output.as_str());
            chat::put(&mut message, "exception", result.exception.clone());
            // The content parser trusts only an explicit flag, not words in the output.
            chat::put(&mut message, "is_error", result.exception.as_ref().map(|_| true));
            push(message, result.exception.is_some());
        }
        if self.texts.is_empty() && self.tool_calls.is_empty() && self.attachments.is_empty() {
            return events;
        }
        let text = self.texts.join("\n");
        let content = if self.attachments.is_empty() {
            Value::String(text)
        } else {
            let mut parts = vec![json!({"type": "text", "text": text})];
            for a in &self.attachments {
                let field = |key: &str| a.get(key).and_then(Value::as_str);
                let place = field("path").or_else(|| field("url")).unwrap_or_default();
                let kind = a.get("type").and_then(Value::as_str).unwrap_or("file");
                parts.push(json!({"type": "text", "text": format!("[attachment {kind}: {place}]")}));
            }
            Value::Array(parts)
        };
        let mut message = chat::message(&self.role, content);
        if !self.tool_calls.is_empty() {
            let calls =
                self.tool_calls.iter().map(|call| chat::tool_call(&call.id, &call.name, &call.arguments)).collect();
            message.insert("tool_calls".into(), Value::Array(calls));
        }
        if self.role == "assistant" {
            chat::put(&mut message, "model", self.model.clone());
            // Kept as an OpenAI message keeps it, for `content::usage`.
            if let Some((input, output)) = self.tokens.filter(|(i, o)| i.is_some() || o.is_some()) {
                message.insert("usage".into(), json!({"input_tokens": input, "output_tokens": output}));
            }
        }
        if !self.attachments.is_empty() {
            message.insert("attachments".into(), Value::Array(self.attachments.clone()));
        }
        push(message, false);
        events
    }
}

pub(crate) fn fragment(conn: &Connection, id: i64) -> Option<String> {
    conn.query_row("SELECT content FROM fragments WHERE id = ?1", [id], |row| Ok(sql::text_at(row, 0))).ok().flatten()
}

pub(crate) fn attachment(conn: &Connection, id: &str) -> rusqlite::Result<Value> {
    let found = conn
        .query_row("SELECT type, path, url FROM attachments WHERE id = ?1", [id], |row| {
            Ok(json!({"id": id, "type": sql::text_at(row, 0), "path": sql::text_at(row, 1), "url": sql::text_at(row, 2)}))
        })
        .optional()?;
    Ok(found.unwrap_or_else(|| json!({"id": id})))
}
