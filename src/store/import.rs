//! Writing imported sessions: idempotent, one transaction per session.

use rusqlite::{OptionalExtension, params};
use serde_json::Value;

use super::Store;
use super::error::{Result, SqlContext};
use super::events::insert_events;
use super::indexing::Indexing;
use super::types::{ImportOutcome, ImportedSession};

/// The title of an imported session whose origin has none and whose importer found no words.
pub const UNTITLED: &str = "Untitled session";

impl Store {
    /// Adds a session read from another tool, or brings an earlier import of it up to date.
    ///
    /// Sessions are keyed by (source, source_id). Origins only grow, so the events already
    /// imported are taken to be a prefix of `session.events` and only the rest is appended.
    /// A title the user chose in recall is kept; metadata is merged. The events go into the
    /// search backlog: an import is a bulk write, and indexing is most of a write's cost.
    pub fn import_session(&self, session: &ImportedSession) -> Result<ImportOutcome> {
        let title = session
            .title
            .as_deref()
            .map(|title| title.trim().chars().take(super::MAX_TITLE_CHARS).collect::<String>())
            .filter(|title| !title.is_empty());
        let metadata = Value::Object(session.metadata.clone()).to_string();
        let now = self.now_ms();
        let outcome = self.write("import", |tx| {
            // Cached statements: an import runs these once per session, tens of thousands of times.
            let existing: Option<(String, i64, String, bool)> = tx
                .prepare_cached(
                    "SELECT id, event_count, title, title_renamed FROM sessions WHERE source = ?1 AND source_id = ?2",
                )
                .ctx("looking up an imported session")?
                .query_row(params![session.source, session.source_id], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
                })
                .optional()
                .ctx("looking up an imported session")?;
            let Some((id, stored, old_title, renamed)) = existing else {
                let id = uuid::Uuid::now_v7().to_string();
                tx.prepare_cached(
                    "INSERT INTO sessions (id, title, created_at, updated_at, source, source_id, metadata, event_count)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .ctx("adding an imported session")?
                .execute(params![
                    id,
                    title.as_deref().unwrap_or(UNTITLED),
                    session.created_at.timestamp_millis(),
                    session.updated_at.timestamp_millis(),
                    session.source,
                    session.source_id,
                    metadata,
                    session.events.len() as i64
                ])
                .ctx("adding an imported session")?;
                insert_events(tx, &id, 1, &session.events, Indexing::Later, now)?;
                return Ok(ImportOutcome::Added { events: session.events.len() });
            };
            let new_events = session.events.get(stored.max(0) as usize..).unwrap_or_default();
            let new_title = title.filter(|title| !renamed && *title != old_title);
            if new_events.is_empty() && new_title.is_none() {
                return Ok(ImportOutcome::Unchanged);
            }
            let next: i64 = tx
                .query_row("SELECT coalesce(max(seq), 0) + 1 FROM events WHERE session_id = ?1", [&id], |row| {
                    row.get(0)
                })
                .ctx("finding the next event position")?;
            insert_events(tx, &id, next, new_events, Indexing::Later, now)?;
            tx.execute(
                "UPDATE sessions SET event_count = event_count + ?2,
                    updated_at = max(updated_at, ?3), metadata = json_patch(metadata, ?4),
                    title = coalesce(?5, title)
                 WHERE id = ?1",
                params![id, new_events.len() as i64, session.updated_at.timestamp_millis(), metadata, new_title],
            )
            .ctx("updating an imported session")?;
            Ok(ImportOutcome::Updated { events: new_events.len() })
        })?;
        let added = match outcome {
            ImportOutcome::Added { events } | ImportOutcome::Updated { events } => events,
            ImportOutcome::Unchanged => 0,
        };
        self.count_written(&session.events[session.events.len().saturating_sub(added)..]);
        Ok(outcome)
    }
}
