//! Token usage in the browser: each reply's own on its header, the session's in the pane
//! header (with its cost, when config.toml prices its models). The session's sum reads every event that records usage, so it is read after the
//! frame that first shows the session, never before it.

use serde_json::Value;

use super::{App, Backend};
use crate::content::{MessageUsage, SessionUsage, Usage};
use crate::store::{Session, Store};

/// Every field that records usage has `oken` in its name (`input_tokens`, `tokens`,
/// `promptTokenCount`, `inputTokens`), in any source: events without it cannot hold usage.
const USAGE_NEEDLE: &str = "oken";

/// Of consecutive events of one model call (same key), the first shows the call's usage, with
/// the figures of its last line (a reply's count grows as it is written); the others none.
/// `before` is the usage of the event just before the range, whose call may go on in it.
pub(super) fn one_per_call(before: Option<MessageUsage>, usages: Vec<Option<MessageUsage>>) -> Vec<Option<Usage>> {
    let mut shown: Vec<Option<Usage>> = Vec::with_capacity(usages.len());
    let mut open: Option<(String, usize)> = before.and_then(|b| b.key).map(|key| (key, usize::MAX));
    for (index, found) in usages.into_iter().enumerate() {
        let Some(found) = found else {
            shown.push(None);
            continue;
        };
        match (&open, &found.key) {
            (Some((key, first)), Some(this)) if key == this => {
                if let Some(slot) = shown.get_mut(*first) {
                    *slot = Some(found.usage);
                }
                shown.push(None);
            }
            _ => {
                open = found.key.map(|key| (key, index));
                shown.push(Some(found.usage));
            }
        }
    }
    shown
}

/// The session's usage, from its events and what its importer noted in its metadata.
pub(super) fn session_usage(store: &Store, session: &Session) -> anyhow::Result<SessionUsage> {
    let mut sum = SessionUsage::new();
    store.scan_session_events_containing(&session.id, USAGE_NEEDLE, &mut |content| {
        if let Ok(value) = crate::json::parse_value(content) {
            sum.add_event(&value);
        }
    })?;
    if let Value::Object(metadata) = &session.metadata {
        sum.add_metadata(metadata);
    }
    Ok(sum)
}

impl App {
    /// Reads the open session's usage when it is not known yet; true when the screen changes.
    /// The event loop calls it after drawing, so that opening a session never waits for it.
    pub fn read_pending_usage(&mut self, backend: &dyn Backend) -> bool {
        if !std::mem::take(&mut self.usage_pending) {
            return false;
        }
        let Some((session, _)) = &self.open else { return false };
        let prices = backend.prices();
        let summary = backend.session_usage(session).and_then(|usage| usage.summary_priced(&prices));
        let changed = summary != self.open_usage;
        self.open_usage = summary;
        changed
    }
}
