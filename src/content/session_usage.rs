//! A session's token usage: every model call once, by the model that answered, and what
//! importers noted for calls their events do not carry.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::cost::{Cost, Prices};
use super::usage::{MessageUsage, Usage, usage};
use super::usage_notes;

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

    /// Adds a total that an importer kept in the session's metadata (`usage`, and by model in
    /// `usage_by_model` when it knew), for sources whose events do not carry it (Codex rollouts
    /// keep token counts outside the items).
    pub fn add_metadata(&mut self, metadata: &Map<String, Value>) {
        let total = metadata.get(usage_notes::TOTAL).map(usage_notes::read).unwrap_or_default();
        let mut unnamed = total;
        // Split by model where the importer knew (Copilot CLI's usage records name theirs).
        if let Some(by_model) = metadata.get(usage_notes::BY_MODEL).and_then(Value::as_object) {
            for (model, recorded) in by_model {
                let recorded = usage_notes::read(recorded);
                unnamed.subtract(&recorded);
                if !self.models.contains(model) {
                    self.models.push(model.clone());
                }
                self.by_model.entry(Some(model.clone())).or_default().add(&recorded);
            }
        }
        self.total.add(&total);
        // Calls whose records name no model, as the Codex token counts do.
        self.by_model.entry(None).or_default().add(&unnamed);
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
