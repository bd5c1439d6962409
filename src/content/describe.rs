//! Who and when, for a message header: the model or agent behind an event and its time.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::Value;

/// What an event says about itself, when it says it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventInfo {
    pub model: Option<String>,
    pub agent: Option<String>,
    pub timestamp: Option<DateTime<Utc>>,
}

/// Up to 1e11 a number is seconds since the epoch (that is the year 5138), up to 1e14
/// milliseconds, beyond that microseconds.
const MAX_SECONDS: f64 = 1e11;
const MAX_MILLISECONDS: f64 = 1e14;

/// Reads the model, agent and time an event carries:
/// - model: Claude Code's `message.model`, a top-level `model` (Anthropic messages, Responses
///   objects), Codex's `payload.model` (`turn_context`), OpenCode's `message.modelID`, Copilot
///   CLI's `data.model`;
/// - agent: `agent_name` (Director blocks, also as the first block of a list), `agent` (a name
///   or `{name}`), a tower-llm handoff's `from_agent`, or the `name` of a chat message spoken
///   by a user, assistant or system (for tools `name` is the tool's, not an agent's);
/// - timestamp: `timestamp` (Claude Code, Codex), `created_at` or `createdAt` (tower-llm, ...)
///   as RFC 3339, as a naive `YYYY-MM-DD HH:MM:SS[.f]` taken as UTC, or as Unix seconds,
///   milliseconds or microseconds.
pub fn describe(event: &Value) -> EventInfo {
    let event = match event {
        Value::Array(values) => values.first().unwrap_or(event),
        _ => event,
    };
    EventInfo { model: model(event), agent: agent(event), timestamp: timestamp(event) }
}

fn model(event: &Value) -> Option<String> {
    [
        &event["message"]["model"],
        &event["model"],
        &event["payload"]["model"],
        &event["message"]["modelID"],
        &event["data"]["model"],
    ]
    .into_iter()
    .find_map(non_empty)
}

fn agent(event: &Value) -> Option<String> {
    let speaks = matches!(event["role"].as_str(), Some("user" | "assistant" | "system"));
    [
        &event["agent_name"],
        &event["agent"],
        &event["agent"]["name"],
        &event["from_agent"],
        if speaks { &event["name"] } else { &Value::Null },
    ]
    .into_iter()
    .find_map(non_empty)
}

fn non_empty(value: &Value) -> Option<String> {
    value.as_str().filter(|text| !text.trim().is_empty()).map(str::to_owned)
}

fn timestamp(event: &Value) -> Option<DateTime<Utc>> {
    [&event["timestamp"], &event["created_at"], &event["createdAt"]].into_iter().find_map(time_of)
}

fn time_of(value: &Value) -> Option<DateTime<Utc>> {
    match value {
        Value::String(text) => parse_time_text(text.trim()),
        Value::Number(number) => from_epoch(number.as_f64()?),
        _ => None,
    }
}

fn parse_time_text(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Some(time.with_timezone(&Utc));
    }
    ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(|naive| naive.and_utc())
}

fn from_epoch(number: f64) -> Option<DateTime<Utc>> {
    if !number.is_finite() || number < 0.0 {
        return None;
    }
    let micros = if number < MAX_SECONDS {
        number * 1e6
    } else if number < MAX_MILLISECONDS {
        number * 1e3
    } else {
        number
    };
    // Past i64 range the cast saturates, and chrono refuses the out-of-range result.
    DateTime::from_timestamp_micros(micros as i64)
}
