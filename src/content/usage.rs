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
//! call, and [`SessionUsage`] counts each call once, keeping the figures of its latest line.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::{Map, Value};

use super::cost::{Cost, Prices};

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

    fn subtract(&mut self, other: &Usage) {
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

/// A session's usage, summed event by event in order, each model call once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionUsage {
    pub total: Usage,
    /// The models that answered, in the order they first did.
    pub models: Vec<String>,
    /// How many model calls recorded a usage.
    pub calls: u64,
    /// The tokens of each model that answered; under `None`, calls whose record names no
    /// model (see [`SessionUsage::tokens_by_model`]).
    pub by_model: BTreeMap<Option<String>, Usage>,
    counted: HashMap<String, (Option<String>, Usage)>,
}

impl SessionUsage {
    pub fn new() -> Self {
        SessionUsage::default()
    }

    /// Adds what `event` records; a call already counted is replaced by its latest figures.
    pub fn add_event(&mut self, event: &Value) {
        if let Some(found) = usage(event) {
            self.add(found);
        }
    }

    pub fn add(&mut self, found: MessageUsage) {
        if let Some(model) = &found.model
            && !self.models.contains(model)
        {
            self.models.push(model.clone());
        }
        match found.key {
            Some(key) => match self.counted.insert(key, (found.model.clone(), found.usage)) {
                Some((model, before)) => {
                    self.total.subtract(&before);
                    self.by_model.entry(model).or_default().subtract(&before);
                }
                None => self.calls += 1,
            },
            None => self.calls += 1,
        }
        self.total.add(&found.usage);
        self.by_model.entry(found.model).or_default().add(&found.usage);
    }

    /// Notes a model the session names elsewhere (its metadata), when no event named one.
    pub fn note_model(&mut self, model: &str) {
        if self.models.is_empty() && !model.trim().is_empty() {
            self.models.push(model.to_owned());
        }
    }

    /// Adds a total that an importer kept in the session's metadata (`usage`), for sources
    /// whose events do not carry it (Codex rollouts keep token counts outside the items).
    pub fn add_metadata(&mut self, metadata: &Map<String, Value>) {
        if let Some(recorded) = metadata.get("usage").and_then(Value::as_object) {
            let recorded = Usage {
                input: count(recorded, "input"),
                output: count(recorded, "output"),
                cache_read: count(recorded, "cache_read"),
                cache_write: count(recorded, "cache_write"),
            };
            self.total.add(&recorded);
            // The total of calls whose events name no model, as the Codex events do.
            self.by_model.entry(None).or_default().add(&recorded);
        }
        if let Some(model) = metadata.get("model").and_then(Value::as_str) {
            self.note_model(model);
        }
    }

    /// The tokens of each model, where tokens whose record names no model count as the
    /// session's model when it has only one (a Codex rollout names its model once, in its
    /// metadata). With several, they stay under `None`: whose they were is not known.
    pub fn tokens_by_model(&self) -> BTreeMap<Option<String>, Usage> {
        let only = match self.models.as_slice() {
            [only] => Some(only.clone()),
            _ => None,
        };
        let mut tokens: BTreeMap<Option<String>, Usage> = BTreeMap::new();
        for (model, usage) in &self.by_model {
            if usage.is_empty() {
                continue;
            }
            let model = model.clone().or_else(|| only.clone());
            tokens.entry(model).or_default().add(usage);
        }
        tokens
    }

    /// What the session's tokens cost at `prices`, when any of them has a price.
    pub fn cost(&self, prices: &Prices) -> Option<Cost> {
        let tokens = self.tokens_by_model();
        prices.cost(tokens.iter().map(|(model, usage)| (model.as_deref(), usage)))
    }

    /// `12.3k in · 4.1k out · 80k cache · claude-opus-4`, or nothing when no usage is known.
    pub fn summary(&self) -> Option<String> {
        self.summary_priced(&Prices::default())
    }

    /// As [`SessionUsage::summary`], with the cost after the tokens when `prices` price any
    /// of them: `12.3k in · 4.1k out · $0.42 · claude-opus-4` (`≥ $0.42` when not all).
    pub fn summary_priced(&self, prices: &Prices) -> Option<String> {
        if self.total.is_empty() {
            return None;
        }
        let mut text = self.total.summary();
        if let Some(cost) = self.cost(prices) {
            text += &format!(" · {}", cost.text());
        }
        if !self.models.is_empty() {
            text += &format!(" · {}", self.models.join(", "));
        }
        Some(text)
    }
}
