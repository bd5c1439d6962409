//! Copilot CLI's `session.usage_record` lines: summed for the session, each call once, and
//! noted on the `assistant.message` of the same call (`apiCallId`), whichever comes first.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use crate::content::{MessageUsage, Usage, usage_notes};
use crate::store::NewEvent;

/// The model calls a session's usage records count.
#[derive(Default)]
pub(super) struct Calls {
    /// `apiCallId` (or, without one, the record's position) -> its usage; a record repeated
    /// for the same call replaces the earlier one.
    counted: HashMap<String, MessageUsage>,
    /// The order calls were first recorded in, for a stable sum.
    order: Vec<String>,
    /// `apiCallId` of a reply already kept -> its index among the events.
    replies: HashMap<String, usize>,
}

impl Calls {
    /// Counts a `session.usage_record`, and notes it on its reply if that came before it.
    pub(super) fn record(&mut self, value: &Value, events: &mut [NewEvent]) {
        let Some(found) = crate::content::usage(value) else { return };
        let key = found.key.clone().unwrap_or_else(|| format!("record:{}", self.order.len()));
        if let Some(&index) = self.replies.get(&key)
            && let Some(event) = events.get_mut(index)
        {
            usage_notes::note_event_usage(&mut event.metadata, &found);
        }
        if self.counted.insert(key.clone(), found).is_none() {
            self.order.push(key);
        }
    }

    /// Notes the usage of the call an `assistant.message` (to be kept at `index`) is, when
    /// its record came first.
    pub(super) fn reply(&mut self, data: &Value, index: usize, metadata: &mut Option<Map<String, Value>>) {
        let Some(call) = data["apiCallId"].as_str().filter(|id| !id.is_empty()) else { return };
        if let Some(found) = self.counted.get(call) {
            usage_notes::note_event_usage(metadata, found);
        }
        self.replies.insert(call.to_string(), index);
    }

    /// Replies from event `kept` on were rewound: a record that comes later is not theirs.
    /// (What their calls used was still spent, and stays in the session's sum.)
    pub(super) fn rewound(&mut self, kept: usize) {
        self.replies.retain(|_, index| *index < kept);
    }

    /// The session's totals in its metadata, by model where the record names it.
    pub(super) fn note_session(&self, metadata: &mut Map<String, Value>) {
        if self.order.is_empty() {
            return;
        }
        let mut total = Usage::default();
        let mut by_model: BTreeMap<String, Usage> = BTreeMap::new();
        for found in self.order.iter().filter_map(|key| self.counted.get(key)) {
            total.add(&found.usage);
            if let Some(model) = &found.model {
                by_model.entry(model.clone()).or_default().add(&found.usage);
            }
        }
        usage_notes::note_session_usage(metadata, &total, &by_model);
    }
}
