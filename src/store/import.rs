//! Writing imported sessions: idempotent, one transaction per session.

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::Value;

use super::Store;
use super::error::{Result, SqlContext};
use super::events::insert_events;
use super::fingerprint;
use super::indexing::Indexing;
use super::types::{ImportOutcome, ImportedSession, NewEvent};

/// The title of an imported session whose origin has none and whose importer found no words.
pub const UNTITLED: &str = "Untitled session";

/// An imported session as stored, before this import.
struct Existing {
    id: String,
    events: i64,
    title: String,
    renamed: bool,
    fingerprint: Option<i64>,
}

impl Store {
    /// Adds a session read from another tool, or brings an earlier import of it up to date.
    ///
    /// Sessions are keyed by (source, source_id). When the stored events are a prefix of
    /// `session.events` (the origin grew), only the rest is appended; when they are not (the
    /// origin was rewound or rewritten), the events from the first difference on are replaced,
    /// so the session says what its origin says now. A running fingerprint of the events tells
    /// the two apart without reading the stored events back. A title the user chose in recall
    /// is kept; metadata is merged. A session the user purged is not brought back. The events
    /// go into the search backlog: an import is a bulk write, and indexing is most of its cost.
    pub fn import_session(&self, session: &ImportedSession) -> Result<ImportOutcome> {
        let now = self.now_ms();
        let outcome = self.write("import", |tx| import_in(tx, session, now))?;
        let added = outcome.events_added();
        self.count_written(&session.events[session.events.len().saturating_sub(added)..]);
        Ok(outcome)
    }
}

/// `import_session`'s work inside a transaction the caller owns (sync moves a file's cursor in
/// the same one).
pub(super) fn import_in(tx: &Transaction, session: &ImportedSession, now: i64) -> Result<ImportOutcome> {
    let outcome = write_session(tx, session, now)?;
    if !matches!(outcome, ImportOutcome::Purged) {
        super::nesting::link(tx, &session.source, &session.source_id)?;
    }
    Ok(outcome)
}

fn write_session(tx: &Transaction, session: &ImportedSession, now: i64) -> Result<ImportOutcome> {
    let title = session
        .title
        .as_deref()
        .map(|title| title.trim().chars().take(super::MAX_TITLE_CHARS).collect::<String>())
        .filter(|title| !title.is_empty());
    let metadata = Value::Object(session.metadata.clone()).to_string();
    let Some(existing) = find_existing(tx, &session.source, &session.source_id)? else {
        if was_purged(tx, &session.source, &session.source_id)? {
            return Ok(ImportOutcome::Purged);
        }
        let id = uuid::Uuid::now_v7().to_string();
        tx.prepare_cached(
            "INSERT INTO sessions (id, title, created_at, updated_at, source, source_id, metadata, event_count,
                                   import_fingerprint)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
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
            session.events.len() as i64,
            fingerprint::extend(fingerprint::EMPTY, contents(&session.events)),
        ])
        .ctx("adding an imported session")?;
        insert_events(tx, &id, 1, &session.events, Indexing::Later, now)?;
        return Ok(ImportOutcome::Added { events: session.events.len() });
    };
    let stored = usize::try_from(existing.events.max(0)).unwrap_or(0);
    let stored_fingerprint = match existing.fingerprint {
        Some(value) => value,
        // Imported before fingerprints were kept: computed once from the stored events.
        None => stored_fingerprint(tx, &existing.id)?,
    };
    let prefix = session.events.get(..stored).map(|events| fingerprint::extend(fingerprint::EMPTY, contents(events)));
    let new_title = title.filter(|title| !existing.renamed && *title != existing.title);
    let (outcome, first_new) = if prefix == Some(stored_fingerprint) {
        if stored == session.events.len() && new_title.is_none() {
            if existing.fingerprint.is_none() {
                set_fingerprint(tx, &existing.id, stored_fingerprint)?;
            }
            // What a newer reader learns from unchanged files (a subagent's parent call, say)
            // still reaches sessions imported before it knew to look.
            merge_metadata(tx, &existing.id, &metadata)?;
            return Ok(ImportOutcome::Unchanged);
        }
        (ImportOutcome::Updated { events: session.events.len() - stored }, stored)
    } else {
        let same = common_prefix(tx, &existing.id, &session.events)?;
        let removed = tx
            .execute("DELETE FROM events WHERE session_id = ?1 AND seq > ?2", params![existing.id, same as i64])
            .ctx("removing events the origin no longer has")?;
        (ImportOutcome::Rewritten { added: session.events.len() - same, removed }, same)
    };
    let new_events = &session.events[first_new..];
    insert_events(tx, &existing.id, first_new as i64 + 1, new_events, Indexing::Later, now)?;
    tx.execute(
        "UPDATE sessions SET event_count = ?2, import_fingerprint = ?3,
            updated_at = max(updated_at, ?4), metadata = json_patch(metadata, ?5),
            title = coalesce(?6, title)
         WHERE id = ?1",
        params![
            existing.id,
            session.events.len() as i64,
            fingerprint::extend(fingerprint::EMPTY, contents(&session.events)),
            session.updated_at.timestamp_millis(),
            metadata,
            new_title
        ],
    )
    .ctx("updating an imported session")?;
    Ok(outcome)
}

fn contents(events: &[NewEvent]) -> impl Iterator<Item = &str> {
    events.iter().map(|event| event.content.as_str())
}

fn find_existing(tx: &Transaction, source: &str, source_id: &str) -> Result<Option<Existing>> {
    // Cached statements: an import runs these once per session, tens of thousands of times.
    tx.prepare_cached(
        "SELECT id, event_count, title, title_renamed, import_fingerprint FROM sessions
         WHERE source = ?1 AND source_id = ?2",
    )
    .ctx("looking up an imported session")?
    .query_row(params![source, source_id], |row| {
        Ok(Existing {
            id: row.get(0)?,
            events: row.get(1)?,
            title: row.get(2)?,
            renamed: row.get(3)?,
            fingerprint: row.get(4)?,
        })
    })
    .optional()
    .ctx("looking up an imported session")
}

fn was_purged(tx: &Transaction, source: &str, source_id: &str) -> Result<bool> {
    let found = tx
        .prepare_cached("SELECT 1 FROM purged WHERE source = ?1 AND source_id = ?2")
        .ctx("checking for a purged session")?
        .query_row(params![source, source_id], |_| Ok(()))
        .optional()
        .ctx("checking for a purged session")?;
    Ok(found.is_some())
}

fn set_fingerprint(tx: &Transaction, id: &str, value: i64) -> Result<()> {
    tx.execute("UPDATE sessions SET import_fingerprint = ?2 WHERE id = ?1", params![id, value])
        .ctx("noting an imported session's fingerprint")?;
    Ok(())
}

/// Merges `metadata` into the session's, writing only when that changes something.
fn merge_metadata(tx: &Transaction, id: &str, metadata: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE sessions SET metadata = json_patch(metadata, ?2)
         WHERE id = ?1 AND metadata IS NOT json_patch(metadata, ?2)",
    )
    .ctx("merging an imported session's metadata")?
    .execute(params![id, metadata])
    .ctx("merging an imported session's metadata")?;
    Ok(())
}

fn stored_fingerprint(tx: &Transaction, id: &str) -> Result<i64> {
    let mut statement =
        tx.prepare("SELECT content FROM events WHERE session_id = ?1 ORDER BY seq").ctx("reading stored events")?;
    let mut rows = statement.query([id]).ctx("reading stored events")?;
    let mut value = fingerprint::EMPTY;
    while let Some(row) = rows.next().ctx("reading stored events")? {
        let content: String = row.get(0).ctx("reading stored events")?;
        value = fingerprint::extend(value, [content.as_str()]);
    }
    Ok(value)
}

/// How many leading stored events equal the origin's, compared text for text.
fn common_prefix(tx: &Transaction, id: &str, events: &[NewEvent]) -> Result<usize> {
    let mut statement =
        tx.prepare("SELECT content FROM events WHERE session_id = ?1 ORDER BY seq").ctx("reading stored events")?;
    let mut rows = statement.query([id]).ctx("reading stored events")?;
    let mut same = 0;
    while let Some(row) = rows.next().ctx("reading stored events")? {
        let content: String = row.get(0).ctx("reading stored events")?;
        match events.get(same) {
            Some(event) if event.content == content => same += 1,
            _ => break,
        }
    }
    Ok(same)
}
