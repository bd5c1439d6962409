//! The full-text index of events, and its backlog.
//!
//! Indexing an event's text costs more than writing its row, and about three times as much
//! in the small transactions of an import (one per session), where FTS5 flushes and merges
//! its segments at every commit. So bulk writes (imports, big `add_events` batches) leave
//! their events in `search_backlog`, and the index catches up later in big batches: before
//! `search` answers, in the browser's background, or by `recall index`. An event is in the
//! index or in the backlog, never both; the delete trigger relies on that.

use rusqlite::{CachedStatement, Transaction, params};
use serde_json::Value;

use super::error::{Result, SqlContext};
use super::{Store, text};

/// Batches up to this size are indexed in the transaction that writes them, so an agent
/// logging a turn finds it in search at once.
pub const INDEX_AT_ONCE: usize = 1_000;

/// Whether a write indexes its events itself or leaves them to the backlog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Indexing {
    Now,
    Later,
}

/// Adds events' readable text to the index within a write transaction.
pub(super) struct Indexer<'tx> {
    insert: CachedStatement<'tx>,
    body: String,
}

impl<'tx> Indexer<'tx> {
    pub(super) fn new(tx: &'tx Transaction) -> Result<Self> {
        let insert =
            tx.prepare_cached("INSERT INTO events_fts (rowid, body) VALUES (?1, ?2)").ctx("indexing events")?;
        Ok(Indexer { insert, body: String::new() })
    }

    pub(super) fn add(&mut self, event_id: i64, content: &Value) -> Result<()> {
        self.body.clear();
        text::readable_text(content, &mut self.body);
        if !self.body.is_empty() {
            self.insert.execute(params![event_id, self.body]).ctx("indexing an event")?;
        }
        Ok(())
    }
}

impl Store {
    /// How many events are written but not yet in the search index.
    pub fn unindexed_events(&self) -> Result<u64> {
        self.conn
            .query_row("SELECT count(*) FROM search_backlog", [], |row| row.get::<_, i64>(0))
            .ctx("counting events to index")
            .map(|count| count.max(0) as u64)
    }

    /// Indexes up to `max` events of the backlog, oldest first, in one transaction;
    /// returns how many it took off the backlog (0 when there is nothing left).
    pub fn index_backlog(&self, max: usize) -> Result<usize> {
        let max = i64::try_from(max).unwrap_or(i64::MAX);
        self.write("index events for search", |tx| {
            let mut select = tx
                .prepare_cached(
                    "SELECT b.event_id, e.content FROM search_backlog b LEFT JOIN events e ON e.id = b.event_id
                     ORDER BY b.event_id LIMIT ?1",
                )
                .ctx("reading events to index")?;
            let mut rows = select.query([max]).ctx("reading events to index")?;
            let mut indexer = Indexer::new(tx)?;
            let mut taken = 0;
            let mut last = None;
            while let Some(row) = rows.next().ctx("reading events to index")? {
                let event_id: i64 = row.get(0).ctx("reading events to index")?;
                let content: Option<&str> =
                    row.get_ref(1).ctx("reading events to index")?.as_str_or_null().ok().flatten();
                if let Some(content) = content {
                    let value = crate::json::parse_value(content).unwrap_or_else(|_| Value::String(content.to_owned()));
                    indexer.add(event_id, &value)?;
                }
                taken += 1;
                last = Some(event_id);
            }
            drop(rows);
            if let Some(last) = last {
                tx.execute("DELETE FROM search_backlog WHERE event_id <= ?1", [last])
                    .ctx("marking events as indexed")?;
            }
            Ok(taken)
        })
    }

    /// Indexes the whole backlog in transactions of `batch` events, reporting
    /// `progress(indexed so far, backlog at the start)` after each; returns how many.
    pub fn catch_up_index(&self, batch: usize, progress: &mut dyn FnMut(u64, u64)) -> Result<u64> {
        let total = self.unindexed_events()?;
        let mut done = 0;
        loop {
            let taken = self.index_backlog(batch.max(1))?;
            if taken == 0 {
                return Ok(done);
            }
            done += taken as u64;
            progress(done, total.max(done));
        }
    }
}
