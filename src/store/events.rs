//! Events: append, read (all, tail, range), pop, clear.

use std::ops::Range;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::de::IgnoredAny;
use serde_json::Value;

use super::Store;
use super::error::{Result, SqlContext, StoreError};
use super::indexing::{self, Indexing};
use super::rows::{self, EVENT_COLUMNS};
use super::sessions::not_found;
use super::types::{Event, NewEvent};

impl Store {
    /// Appends JSON values to a session in one transaction; returns the seqs they got.
    pub fn add_events(&self, session_id: &str, events: &[Value]) -> Result<Range<i64>> {
        let events: Vec<NewEvent> = events.iter().map(NewEvent::from_value).collect();
        self.add_new_events(session_id, &events)
    }

    /// Appends events whose JSON text is kept byte-for-byte; all or none are added.
    ///
    /// Up to `INDEX_AT_ONCE` events are indexed for search in the same transaction; a bigger
    /// batch goes into the search backlog, which `search` (or `index_backlog`) catches up.
    pub fn add_new_events(&self, session_id: &str, events: &[NewEvent]) -> Result<Range<i64>> {
        let now = self.now_ms();
        let added = self.write("add events", |tx| {
            let next = next_seq(tx, session_id)?;
            let when = if events.len() <= indexing::INDEX_AT_ONCE { Indexing::Now } else { Indexing::Later };
            insert_events(tx, session_id, next, events, when, now)?;
            let end = next + events.len() as i64;
            tx.execute(
                "UPDATE sessions SET event_count = event_count + ?2, updated_at = max(updated_at, ?3)
                 WHERE id = ?1",
                params![session_id, events.len() as i64, now],
            )
            .ctx("updating the session after adding events")?;
            Ok(next..end)
        })?;
        self.count_written(events);
        Ok(added)
    }

    /// Adds committed events' text to `bytes_written`.
    pub(super) fn count_written(&self, events: &[NewEvent]) {
        let bytes: usize = events.iter().map(|event| event.content.len()).sum();
        self.bytes_written.set(self.bytes_written.get().saturating_add(bytes as u64));
    }

    /// Every event of a session, in order. Prefer `events_tail`/`events_range` for big ones.
    pub fn events(&self, session_id: &str) -> Result<Vec<Event>> {
        self.events_range(session_id, 1, usize::MAX)
    }

    /// The latest `n` events, in chronological order.
    pub fn events_tail(&self, session_id: &str, n: usize) -> Result<Vec<Event>> {
        let mut events = self.query_events(
            &format!("SELECT {EVENT_COLUMNS} FROM events WHERE session_id = ?1 ORDER BY seq DESC LIMIT ?2"),
            params![session_id, clamp(n)],
        )?;
        events.reverse();
        Ok(events)
    }

    /// Up to `n` events from `from_seq` on, in order.
    pub fn events_range(&self, session_id: &str, from_seq: i64, n: usize) -> Result<Vec<Event>> {
        self.query_events(
            &format!("SELECT {EVENT_COLUMNS} FROM events WHERE session_id = ?1 AND seq >= ?2 ORDER BY seq LIMIT ?3"),
            params![session_id, from_seq, clamp(n)],
        )
    }

    /// One event by its position.
    pub fn event(&self, session_id: &str, seq: i64) -> Result<Event> {
        self.conn
            .query_row(
                &format!("SELECT {EVENT_COLUMNS} FROM events WHERE session_id = ?1 AND seq = ?2"),
                params![session_id, seq],
                rows::event,
            )
            .optional()
            .ctx("reading an event")?
            .ok_or_else(|| StoreError::NotFound { what: "event", key: format!("{session_id} #{seq}") })
    }

    fn query_events(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(sql).ctx("reading events")?;
        stmt.query_map(params, rows::event)
            .ctx("reading events")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .ctx("reading events")
    }

    /// Removes and returns the last event, like the Agents SDK's `pop_item`.
    pub fn pop_event(&self, session_id: &str) -> Result<Option<Event>> {
        self.write("remove an event", |tx| {
            ensure_session(tx, session_id)?;
            let last = tx
                .query_row(
                    &format!("SELECT {EVENT_COLUMNS} FROM events WHERE session_id = ?1 ORDER BY seq DESC LIMIT 1"),
                    [session_id],
                    rows::event,
                )
                .optional()
                .ctx("reading the last event")?;
            if let Some(event) = &last {
                tx.execute("DELETE FROM events WHERE id = ?1", [event.id]).ctx("removing the last event")?;
                tx.execute("UPDATE sessions SET event_count = event_count - 1 WHERE id = ?1", [session_id])
                    .ctx("updating the session after removing an event")?;
            }
            Ok(last)
        })
    }

    /// Removes every event of a session, keeping the session; returns how many went.
    pub fn clear_session(&self, session_id: &str) -> Result<usize> {
        self.write("clear a session", |tx| {
            ensure_session(tx, session_id)?;
            let removed =
                tx.execute("DELETE FROM events WHERE session_id = ?1", [session_id]).ctx("clearing a session")?;
            tx.execute("UPDATE sessions SET event_count = 0 WHERE id = ?1", [session_id])
                .ctx("updating the session after clearing it")?;
            Ok(removed)
        })
    }
}

fn clamp(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn ensure_session(tx: &Transaction, session_id: &str) -> Result<()> {
    let found = tx
        .query_row("SELECT 1 FROM sessions WHERE id = ?1", [session_id], |_| Ok(()))
        .optional()
        .ctx("reading a session")?;
    found.ok_or_else(|| not_found(session_id))
}

/// The seq the next event of the session gets; NotFound if there is no such session.
pub(super) fn next_seq(tx: &Transaction, session_id: &str) -> Result<i64> {
    ensure_session(tx, session_id)?;
    tx.query_row("SELECT coalesce(max(seq), 0) + 1 FROM events WHERE session_id = ?1", [session_id], |row| row.get(0))
        .ctx("finding the next event position")
}

/// Inserts events at `first_seq` onwards, indexing their text now or leaving it to the
/// backlog (see `indexing`).
pub(super) fn insert_events(
    tx: &Transaction,
    session_id: &str,
    first_seq: i64,
    events: &[NewEvent],
    when: Indexing,
    now: i64,
) -> Result<()> {
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO events (session_id, seq, invocation_id, created_at, content, metadata)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .ctx("adding events")?;
    let mut index = indexing::Indexer::new(tx)?;
    for (offset, event) in events.iter().enumerate() {
        let seq = first_seq + offset as i64;
        let invalid =
            |err: serde_json::Error| StoreError::Invalid(format!("event {} is not valid JSON: {err}", offset + 1));
        // A deferred write only checks the JSON; the indexer parses it when its turn comes.
        let value = match when {
            Indexing::Now => Some(crate::json::parse_value(&event.content).map_err(invalid)?),
            Indexing::Later => {
                serde_json::from_str::<IgnoredAny>(&event.content).map_err(invalid)?;
                None
            }
        };
        let created_at = event.created_at.map_or(now, |time| time.timestamp_millis());
        let metadata = event.metadata.as_ref().map(|map| Value::Object(map.clone()).to_string());
        insert
            .execute(params![session_id, seq, event.invocation_id, created_at, event.content, metadata])
            .ctx("adding an event")?;
        if let Some(value) = value {
            index.add(tx.last_insert_rowid(), &value)?;
        }
    }
    if when == Indexing::Later && !events.is_empty() {
        tx.prepare_cached(
            "INSERT INTO search_backlog (event_id)
             SELECT id FROM events WHERE session_id = ?1 AND seq >= ?2 ORDER BY seq",
        )
        .ctx("noting events to index")?
        .execute(params![session_id, first_seq])
        .ctx("noting events to index")?;
    }
    Ok(())
}
