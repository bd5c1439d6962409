//! The loaded part of a session: a contiguous run of events around the viewport, with what
//! the view has derived from each of them.

use std::collections::VecDeque;
use std::ops::Range;

use anyhow::bail;

use super::layout::EventLayout;
use super::prepare::Answered;
use super::prepare::PreparedBlock;
use super::source::{EventSource, ParsedEvent};
use crate::content::Block;

/// How far back a result's call is looked for among the loaded events.
const READ_LOOKBACK: usize = 16;

/// Events read from the source at a time.
pub(crate) const CHUNK: usize = 64;

#[derive(Debug)]
pub(crate) struct LoadedEvent {
    pub event: ParsedEvent,
    /// Made when the event is first laid out, kept across widths and folds.
    pub prepared: Option<Vec<PreparedBlock>>,
    /// The layout at the current width and folds, once made.
    pub layout: Option<EventLayout>,
}

#[derive(Debug, Default)]
pub(crate) struct EventWindow {
    /// The session index (seq - 1) of `events[0]`.
    first: usize,
    events: VecDeque<LoadedEvent>,
    total: usize,
}

impl EventWindow {
    pub fn reset(&mut self, total: usize) {
        *self = EventWindow { total, ..Default::default() };
    }

    pub fn total(&self) -> usize {
        self.total
    }

    /// The session grew or shrank; events past its new end are forgotten.
    pub fn set_total(&mut self, total: usize) {
        self.total = total;
        let keep = total.saturating_sub(self.first);
        self.events.truncate(keep);
    }

    /// Session indexes of the loaded events.
    pub fn loaded(&self) -> Range<usize> {
        self.first..self.first + self.events.len()
    }

    pub fn get(&self, index: usize) -> Option<&LoadedEvent> {
        self.events.get(index.checked_sub(self.first)?)
    }

    pub fn get_mut(&mut self, index: usize) -> Option<&mut LoadedEvent> {
        self.events.get_mut(index.checked_sub(self.first)?)
    }

    pub fn forget_layouts(&mut self) {
        for event in &mut self.events {
            event.layout = None;
        }
    }

    /// Forgets what was derived from every event, to derive it again (code now highlighted).
    pub fn forget_prepared(&mut self) {
        for event in &mut self.events {
            event.prepared = None;
            event.layout = None;
        }
    }

    /// For each block of event `index`: what its call was, when it is the result of a file
    /// read or a shell command whose call is loaded (usually a few events before).
    pub fn calls_answered(&self, index: usize) -> Vec<Option<Answered>> {
        let Some(loaded) = self.get(index) else {
            return Vec::new();
        };
        let call = |id: &str| {
            let from = index.saturating_sub(READ_LOOKBACK).max(self.first);
            (from..=index).rev().filter_map(|at| self.get(at)).find_map(|event| {
                event.event.blocks.iter().find_map(|block| match block {
                    Block::ToolCall { id: Some(call_id), name, arguments } if call_id == id => {
                        Some(Answered::of(name, arguments))
                    }
                    _ => None,
                })
            })?
        };
        loaded
            .event
            .blocks
            .iter()
            .map(|block| match block {
                Block::ToolResult { call_id: Some(id), .. } => call(id),
                _ => None,
            })
            .collect()
    }

    /// Loads event `index` if it is not loaded: with its neighbours when it borders the
    /// window, or a fresh window around it when it is far away.
    pub fn ensure(&mut self, source: &dyn EventSource, index: usize) -> anyhow::Result<()> {
        let loaded = self.loaded();
        if loaded.contains(&index) {
            return Ok(());
        }
        if index >= self.total {
            bail!("event {} is past the end of the session ({} events)", index + 1, self.total);
        }
        if !self.events.is_empty() && index == loaded.end {
            let fresh = read(source, index, (self.total - index).min(CHUNK))?;
            self.events.extend(fresh);
        } else if !self.events.is_empty() && index + 1 == loaded.start {
            let from = loaded.start.saturating_sub(CHUNK);
            let fresh = read(source, from, loaded.start - from)?;
            if fresh.len() < loaded.start - from {
                bail!("the session lost events before seq {}", loaded.start + 1);
            }
            for event in fresh.into_iter().rev() {
                self.events.push_front(event);
            }
            self.first = from;
        } else {
            let from = index.saturating_sub(CHUNK / 2).min(self.total.saturating_sub(CHUNK));
            let fresh = read(source, from, (self.total - from).min(CHUNK))?;
            self.events = fresh.into();
            self.first = from;
        }
        if !self.loaded().contains(&index) {
            // The source has fewer events than it counted: believe what it returned.
            self.total = self.loaded().end;
            bail!("event {} is missing from the session", index + 1);
        }
        Ok(())
    }

    /// Forgets events outside `keep`, so a long scroll holds a bounded window in memory.
    pub fn keep_only(&mut self, keep: Range<usize>) {
        let loaded = self.loaded();
        let drop_front = keep.start.saturating_sub(loaded.start).min(self.events.len());
        self.events.drain(..drop_front);
        self.first += drop_front;
        let keep_len = keep.end.saturating_sub(self.first).min(self.events.len());
        self.events.truncate(keep_len);
    }
}

fn read(source: &dyn EventSource, from: usize, n: usize) -> anyhow::Result<Vec<LoadedEvent>> {
    let from_seq = i64::try_from(from + 1)?;
    let events = source.events_range(from_seq, n)?;
    Ok(events.into_iter().map(|event| LoadedEvent { event, prepared: None, layout: None }).collect())
}
