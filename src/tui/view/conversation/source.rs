//! Where the conversation view gets its events: a window at a time, never the whole session.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::content::{Block, Usage};
use crate::store::Event;

/// One event as the view shows it: already parsed by the caller, so the view never reads JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedEvent {
    /// Position in the session, from 1, without gaps.
    pub seq: i64,
    pub created_at: DateTime<Utc>,
    /// The agent or model that spoke, when known. Untrusted: sanitized before it is drawn.
    pub label: Option<String>,
    /// Shared so that reloading a window, or a source that keeps events in memory, copies nothing.
    pub blocks: Arc<[Block]>,
    /// The tokens of the model call this event begins, when its source records them.
    pub usage: Option<Usage>,
}

impl ParsedEvent {
    pub fn new(event: &Event, blocks: Vec<Block>, label: Option<String>) -> Self {
        ParsedEvent { seq: event.seq, created_at: event.created_at, label, blocks: blocks.into(), usage: None }
    }

    pub fn with_usage(mut self, usage: Option<Usage>) -> Self {
        self.usage = usage;
        self
    }
}

/// A session's events, read in ranges. The store implements it for one session (its
/// `events_range` plus `content::parse`); tests and benches use a `Vec<ParsedEvent>`.
pub trait EventSource {
    /// How many events the session has; their seqs are `1..=event_count()`.
    fn event_count(&self) -> usize;

    /// Up to `n` events in order, starting at `from_seq`.
    fn events_range(&self, from_seq: i64, n: usize) -> anyhow::Result<Vec<ParsedEvent>>;
}

/// A session held in memory, seqs `1..=len()`. `events[i].seq` is trusted to be `i + 1`.
impl EventSource for [ParsedEvent] {
    fn event_count(&self) -> usize {
        self.len()
    }

    fn events_range(&self, from_seq: i64, n: usize) -> anyhow::Result<Vec<ParsedEvent>> {
        let start = usize::try_from(from_seq.saturating_sub(1)).unwrap_or(0).min(self.len());
        let end = start.saturating_add(n).min(self.len());
        Ok(self[start..end].to_vec())
    }
}

impl EventSource for Vec<ParsedEvent> {
    fn event_count(&self) -> usize {
        self.as_slice().event_count()
    }

    fn events_range(&self, from_seq: i64, n: usize) -> anyhow::Result<Vec<ParsedEvent>> {
        self.as_slice().events_range(from_seq, n)
    }
}
