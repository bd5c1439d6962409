//! Token usage: what one model call cost in tokens, read from the event that records it, and a
//! session's sum.
//!
//! Every source counts differently; [`Usage`] holds them one way:
//! - `input`: prompt tokens read fresh (not from a cache). Claude Code, OpenCode and Pi record
//!   cached tokens apart already; Codex, Gemini CLI, Qwen Code and OpenAI objects include them
//!   in their input count, so they are taken out of it here;
//! - `output`: every token the model generated, reasoning included (Gemini CLI's `thoughts`,
//!   Qwen Code's `thoughtsTokenCount` and OpenCode's `reasoning` are recorded apart, so they
//!   are added);
//! - `cache_read` / `cache_write`: prompt tokens read from or written to a prompt cache.
//!
//! One model call can be spread over several events (Claude Code writes each content block of
//! a reply as its own line, each repeating the reply's usage): [`MessageUsage::key`] names the
//! call, and [`super::SessionUsage`] counts each call once, keeping the figures of its latest line.

use serde::Serialize;
use serde_json::{Map, Value};

/// Tokens of one model call, or of many summed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Usage {
    pub input: u64,
    pub output: u64,
    pub cache_read: u64,
    pub cache_write: u64,
}

impl Usage {
    pub fn add(&mut self, other: &Usage) {
        self.input += other.input;
        self.output += other.output;
        self.cache_read += other.cache_read;
        self.cache_write += other.cache_write;
    }

    pub(super) fn subtract(&mut self, other: &Usage) {
        self.input = self.input.saturating_sub(other.input);
        self.output = self.output.saturating_sub(other.output);
        self.cache_read = self.cache_read.saturating_sub(other.cache_read);
        self.cache_write = self.cache_write.saturating_sub(other.cache_write);
    }

    /// Prompt tokens that went through a cache, read or written.
    pub fn cache(&self) -> u64 {
        self.cache_read + self.cache_write
    }

    pub fn is_empty(&self) -> bool {
        *self == Usage::default()
    }

    /// `12.3k in · 4.1k out · 80k cache`; the cache part only when there is one.
    pub fn summary(&self) -> String {
        let mut text = format!("{} in · {} out", compact(self.input), compact(self.output));
        if self.cache() > 0 {
            text += &format!(" · {} cache", compact(self.cache()));
        }
        text
    }
}

/// A count in a few characters: `950`, `4.1k`, `12.3k`, `180k`, `4.1M`.
pub fn compact(count: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1_000_000_000, "G"), (1_000_000, "M"), (1_000, "k")];
    for (size, unit) in UNITS {
        // From where it would round to 1000 of the unit below.
        if count >= size - size / 2000 {
            let tenths = (count.saturating_mul(10) + size / 2) / size;
            return if tenths >= 1000 || tenths.is_multiple_of(10) {
                format!("{}{unit}", (count + size / 2) / size)
            } else {
                format!("{}.{}{unit}", tenths / 10, tenths % 10)
            };
        }
    }
    count.to_string()
}

/// The usage one event records, with the model that answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageUsage {
    /// Names the model call when several events share it (a Claude Code reply's message id).
    pub key: Option<String>,
    pub usage: Usage,
    pub model: Option<String>,
}

/// The usage an event records, if it records one. Sources and fields:
/// - Claude Code (and Anthropic message objects): `message.usage` / `usage` with
///   `input_tokens`, `output_tokens`, `cache_creation_input_tokens`, `cache_read_input_tokens`;
/// - Codex: an `event_msg` `token_count`'s `info.last_token_usage` (its `total_token_usage`
///   only names the call, so that a repeated count is not counted twice);
/// - Gemini CLI: a `gemini` record's `tokens`; Qwen Code: an `assistant` record's
///   `usageMetadata`; OpenCode: an assistant `message.tokens`; Pi: an assistant
///   `message.usage`; Copilot CLI: a `session.usage_record`'s `data.usage`;
/// - OpenAI chat or Responses objects (and what recall writes for `llm`): `usage` with
///   `input_tokens`/`prompt_tokens` and `output_tokens`/`completion_tokens`.
pub fn usage(event: &Value) -> Option<MessageUsage> {
    let event = match event {
        Value::Array(values) => values.first()?,
        _ => event,
    };
    let object = event.as_object()?;
    let kind = object.get("type").and_then(Value::as_str).unwrap_or_default();
    let message = object.get("message").and_then(Value::as_object);
    match kind {
        "event_msg" => return codex(object.get("payload")?),
        "gemini" => return gemini(object),
        "session.usage_record" => return copilot(object.get("data")?.get("usage")?.as_object()?),
        _ => {}
    }
    if let Some(usage) = object.get("usageMetadata").and_then(Value::as_object) {
        return qwen(object, usage);
    }
    if let Some(message) = message {
        if message.get("role").and_then(Value::as_str) == Some("assistant")
            && let Some(tokens) = message.get("tokens").and_then(Value::as_object)
        {
            return opencode(object, message, tokens);
        }
        if let Some(usage) = message.get("usage").and_then(Value::as_object) {
            return if usage.contains_key("input_tokens") {
                anthropic(message, usage)
            } else {
                pi(object, message, usage)
            };
        }
    }
    let usage = object.get("usage").and_then(Value::as_object)?;
    if usage.contains_key("cache_read_input_tokens") || usage.contains_key("cache_creation_input_tokens") {
        anthropic(object, usage)
    } else {
        openai(object, usage)
    }
}

fn count(map: &Map<String, Value>, key: &str) -> u64 {
    map.get(key).and_then(Value::as_u64).unwrap_or(0)
}

fn text(map: &Map<String, Value>, key: &str) -> Option<String> {
    map.get(key).and_then(Value::as_str).filter(|t| !t.trim().is_empty()).map(str::to_owned)
}

fn found(key: Option<String>, usage: Usage, model: Option<String>) -> Option<MessageUsage> {
    Some(MessageUsage { key, usage, model })
}

fn anthropic(message: &Map<String, Value>, usage: &Map<String, Value>) -> Option<MessageUsage> {
    let figures = Usage {
        input: count(usage, "input_tokens"),
        output: count(usage, "output_tokens"),
        cache_read: count(usage, "cache_read_input_tokens"),
        cache_write: count(usage, "cache_creation_input_tokens"),
    };
    found(text(message, "id"), figures, text(message, "model"))
}

fn codex(payload: &Value) -> Option<MessageUsage> {
    if payload.get("type").and_then(Value::as_str) != Some("token_count") {
        return None;
    }
    let info = payload.get("info")?;
    let last = info.get("last_token_usage")?.as_object()?;
    let cached = count(last, "cached_input_tokens");
    let figures = Usage {
        input: count(last, "input_tokens").saturating_sub(cached),
        output: count(last, "output_tokens"),
        cache_read: cached,
        cache_write: count(last, "cache_write_input_tokens"),
    };
    // Codex repeats a count unchanged (after a rate-limit update, say); the running total
    // names the call it counts.
    let total = info.get("total_token_usage").and_then(|t| t.get("total_tokens")).and_then(Value::as_u64);
    found(total.map(|t| format!("codex-total:{t}")), figures, None)
}

fn gemini(record: &Map<String, Value>) -> Option<MessageUsage> {
    let tokens = record.get("tokens")?.as_object()?;
    let cached = count(tokens, "cached");
    let figures = Usage {
        input: (count(tokens, "input") + count(tokens, "tool")).saturating_sub(cached),
        output: count(tokens, "output") + count(tokens, "thoughts"),
        cache_read: cached,
        cache_write: 0,
    };
    found(text(record, "id").map(|id| format!("gemini:{id}")), figures, text(record, "model"))
}

fn qwen(record: &Map<String, Value>, usage: &Map<String, Value>) -> Option<MessageUsage> {
    let cached = count(usage, "cachedContentTokenCount");
    let figures = Usage {
        input: count(usage, "promptTokenCount").saturating_sub(cached),
        output: count(usage, "candidatesTokenCount") + count(usage, "thoughtsTokenCount"),
        cache_read: cached,
        cache_write: 0,
    };
    found(text(record, "uuid"), figures, text(record, "model"))
}

fn opencode(
    event: &Map<String, Value>,
    message: &Map<String, Value>,
    tokens: &Map<String, Value>,
) -> Option<MessageUsage> {
    let cache = tokens.get("cache").and_then(Value::as_object);
    let figures = Usage {
        input: count(tokens, "input"),
        output: count(tokens, "output") + count(tokens, "reasoning"),
        cache_read: cache.map_or(0, |c| count(c, "read")),
        cache_write: cache.map_or(0, |c| count(c, "write")),
    };
    found(text(event, "opencode_message"), figures, text(message, "modelID"))
}

fn pi(event: &Map<String, Value>, message: &Map<String, Value>, usage: &Map<String, Value>) -> Option<MessageUsage> {
    if !usage.contains_key("input") && !usage.contains_key("output") {
        return None;
    }
    let figures = Usage {
        input: count(usage, "input"),
        output: count(usage, "output"),
        cache_read: count(usage, "cacheRead"),
        cache_write: count(usage, "cacheWrite"),
    };
    found(text(event, "id"), figures, text(message, "model"))
}

fn copilot(usage: &Map<String, Value>) -> Option<MessageUsage> {
    let figures = Usage {
        input: count(usage, "inputTokens"),
        output: count(usage, "outputTokens"),
        cache_read: count(usage, "cacheReadTokens"),
        cache_write: count(usage, "cacheWriteTokens"),
    };
    found(text(usage, "apiCallId"), figures, text(usage, "model"))
}

/// OpenAI counts cached prompt tokens inside the input count.
fn openai(object: &Map<String, Value>, usage: &Map<String, Value>) -> Option<MessageUsage> {
    let input = usage.get("input_tokens").or_else(|| usage.get("prompt_tokens")).and_then(Value::as_u64);
    let output = usage.get("output_tokens").or_else(|| usage.get("completion_tokens")).and_then(Value::as_u64);
    if input.is_none() && output.is_none() {
        return None;
    }
    let cached = ["input_tokens_details", "prompt_tokens_details"]
        .iter()
        .find_map(|details| usage.get(*details)?.get("cached_tokens")?.as_u64())
        .unwrap_or(0);
    let figures = Usage {
        input: input.unwrap_or(0).saturating_sub(cached),
        output: output.unwrap_or(0),
        cache_read: cached,
        cache_write: 0,
    };
    found(text(object, "id"), figures, text(object, "model"))
}
