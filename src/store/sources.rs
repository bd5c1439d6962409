//! Followed sources and their per-file cursors: what sync remembers between runs.
//!
//! A cursor moves in the same transaction as the events it covers, so two syncers at once,
//! or one killed half-way, never add an event twice or skip one.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::Value;

use super::Store;
use super::error::{Result, SqlContext, StoreError};
use super::fingerprint;
use super::import::import_in;
use super::indexing::Indexing;
use super::rows::time;
use super::types::{ImportOutcome, ImportedSession};

/// A place recall follows: a folder or file in one format.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowedSource {
    pub id: i64,
    pub path: PathBuf,
    pub format: String,
    /// Format options (table names), a JSON object.
    pub options: Value,
    /// Found at a tool's default location rather than added by the person.
    pub auto: bool,
    pub enabled: bool,
    pub last_synced: Option<DateTime<Utc>>,
    /// What the last sync found: a JSON object (state, sessions, events, problems).
    pub last_result: Option<Value>,
}

/// How far sync has read one file, and what that reading produced.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileCursor {
    pub path: PathBuf,
    pub size: u64,
    pub mtime_ns: i64,
    /// Device and inode (or the platform's file id): a file replaced under the same name differs.
    pub file_id: String,
    /// Bytes read, up to the end of the last whole line.
    pub consumed: u64,
    /// A hash of the bytes just before `consumed`: a file rewritten to the same length differs.
    pub tail_hash: i64,
    /// The source_id of the session the file feeds, when it feeds one.
    pub session: Option<String>,
    /// That session's event count and fingerprint when `consumed` was read.
    pub events: i64,
    pub fingerprint: Option<i64>,
    /// What the format's reader needs to go on from `consumed` (JSON).
    pub state: Option<String>,
}

/// What appending a file's new lines to its session did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Appended {
    /// The events went in after the session's stored ones.
    Events(usize),
    /// The session is not as the cursor left it (another syncer moved on, or it was changed):
    /// read the file whole instead.
    Stale,
}

impl Store {
    /// Follows `path` from now on; returns its id and whether it is new. Following a path that
    /// is already followed changes nothing (a source the person turned off stays off).
    pub fn follow_source(&self, path: &Path, format: &str, options: &Value, auto: bool) -> Result<(i64, bool)> {
        let now = self.now_ms();
        self.write("follow a source", |tx| {
            let added = tx
                .execute(
                    "INSERT OR IGNORE INTO sources (path, format, options, auto, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![path_bytes(path), format, options.to_string(), auto, now],
                )
                .ctx("following a source")?;
            let id = tx
                .query_row("SELECT id FROM sources WHERE path = ?1", [path_bytes(path)], |row| row.get(0))
                .ctx("reading a followed source")?;
            Ok((id, added == 1))
        })
    }

    /// Every followed source, in the order they were added.
    pub fn followed_sources(&self) -> Result<Vec<FollowedSource>> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT id, path, format, options, auto, enabled, last_synced, last_result FROM sources ORDER BY id",
            )
            .ctx("reading followed sources")?;
        let rows = statement
            .query_map([], |row| {
                Ok(FollowedSource {
                    id: row.get(0)?,
                    path: path_from_bytes(&row.get::<_, Vec<u8>>(1)?),
                    format: row.get(2)?,
                    options: json(row.get(3)?).unwrap_or(Value::Null),
                    auto: row.get(4)?,
                    enabled: row.get(5)?,
                    last_synced: row.get::<_, Option<i64>>(6)?.map(time),
                    last_result: json(row.get(7)?),
                })
            })
            .ctx("reading followed sources")?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx("reading followed sources")
    }

    /// Turns a followed source on or off; an off source is kept but not synced.
    pub fn set_source_enabled(&self, id: i64, enabled: bool) -> Result<()> {
        self.write("turn a source on or off", |tx| {
            let changed = tx
                .execute("UPDATE sources SET enabled = ?2 WHERE id = ?1", params![id, enabled])
                .ctx("updating a source")?;
            if changed == 0 {
                return Err(StoreError::NotFound { what: "source", key: id.to_string() });
            }
            Ok(())
        })
    }

    /// Notes when a source was synced and what was found.
    pub fn record_sync(&self, id: i64, result: &Value) -> Result<()> {
        let now = self.now_ms();
        self.write("note a sync", |tx| {
            tx.execute(
                "UPDATE sources SET last_synced = ?2, last_result = ?3 WHERE id = ?1",
                params![id, now, result.to_string()],
            )
            .ctx("noting a sync")?;
            Ok(())
        })
    }

    /// The cursors of a source's files, by path.
    pub fn file_cursors(&self, source: i64) -> Result<HashMap<PathBuf, FileCursor>> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT path, size, mtime_ns, file_id, consumed, tail_hash, session, events, fingerprint, state
                 FROM source_files WHERE source = ?1",
            )
            .ctx("reading file cursors")?;
        let rows = statement
            .query_map([source], |row| {
                Ok(FileCursor {
                    path: path_from_bytes(&row.get::<_, Vec<u8>>(0)?),
                    size: u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
                    mtime_ns: row.get(2)?,
                    file_id: row.get(3)?,
                    consumed: u64::try_from(row.get::<_, i64>(4)?).unwrap_or(0),
                    tail_hash: row.get(5)?,
                    session: row.get(6)?,
                    events: row.get(7)?,
                    fingerprint: row.get(8)?,
                    state: row.get(9)?,
                })
            })
            .ctx("reading file cursors")?;
        let mut cursors = HashMap::new();
        for cursor in rows {
            let cursor = cursor.ctx("reading file cursors")?;
            cursors.insert(cursor.path.clone(), cursor);
        }
        Ok(cursors)
    }

    /// Imports the sessions a file now holds and moves its cursor, in one transaction. The
    /// cursor notes the (last) session's events, so the next growth can be appended directly.
    pub fn import_file(
        &self,
        source: i64,
        sessions: &[ImportedSession],
        mut cursor: FileCursor,
    ) -> Result<Vec<ImportOutcome>> {
        let now = self.now_ms();
        let outcomes = self.write("import a file", |tx| {
            let outcomes = sessions.iter().map(|session| import_in(tx, session, now)).collect::<Result<Vec<_>>>()?;
            cursor.session = None;
            cursor.events = 0;
            cursor.fingerprint = None;
            if let Some(last) = sessions.last()
                && let Some((events, fingerprint)) = imported_state(tx, &last.source, &last.source_id)?
            {
                cursor.session = Some(last.source_id.clone());
                cursor.events = events;
                cursor.fingerprint = Some(fingerprint);
            }
            save_cursor(tx, source, &cursor)?;
            Ok(outcomes)
        })?;
        for (session, outcome) in sessions.iter().zip(&outcomes) {
            let added = outcome.events_added();
            self.count_written(&session.events[session.events.len().saturating_sub(added)..]);
        }
        Ok(outcomes)
    }

    /// Appends a file's new lines to the session its cursor names, when that session is still
    /// as the cursor left it, and moves the cursor; all in one transaction. `tail.events` holds
    /// only the new events; its metadata is merged, its title taken unless the person renamed.
    pub fn append_file(&self, source: i64, tail: &ImportedSession, mut cursor: FileCursor) -> Result<Appended> {
        let expected = (cursor.events, cursor.fingerprint);
        let now = self.now_ms();
        let appended = self.write("append a file's new lines", |tx| {
            let Some((id, events, fingerprint, renamed)) = tx
                .query_row(
                    "SELECT id, event_count, import_fingerprint, title_renamed FROM sessions
                     WHERE source = ?1 AND source_id = ?2",
                    params![tail.source, tail.source_id],
                    |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?, row.get(2)?, row.get::<_, bool>(3)?)),
                )
                .optional()
                .ctx("looking up an imported session")?
            else {
                return Ok(Appended::Stale);
            };
            if (events, fingerprint) != expected {
                return Ok(Appended::Stale);
            }
            let extended = fingerprint::extend(
                fingerprint.unwrap_or(fingerprint::EMPTY),
                tail.events.iter().map(|event| event.content.as_str()),
            );
            super::events::insert_events(tx, &id, events + 1, &tail.events, Indexing::Later, now)?;
            let title = tail.title.as_deref().map(str::trim).filter(|title| !title.is_empty() && !renamed);
            tx.execute(
                "UPDATE sessions SET event_count = ?2, import_fingerprint = ?3, updated_at = max(updated_at, ?4),
                    metadata = json_patch(metadata, ?5), title = coalesce(?6, title)
                 WHERE id = ?1",
                params![
                    id,
                    events + tail.events.len() as i64,
                    extended,
                    tail.updated_at.timestamp_millis(),
                    Value::Object(tail.metadata.clone()).to_string(),
                    title.map(|t| t.chars().take(super::MAX_TITLE_CHARS).collect::<String>()),
                ],
            )
            .ctx("updating an imported session")?;
            cursor.events = events + tail.events.len() as i64;
            cursor.fingerprint = Some(extended);
            save_cursor(tx, source, &cursor)?;
            Ok(Appended::Events(tail.events.len()))
        })?;
        if matches!(appended, Appended::Events(_)) {
            self.count_written(&tail.events);
        }
        Ok(appended)
    }

    /// Moves a file's cursor without writing events (a file with nothing new to import).
    pub fn save_file_cursor(&self, source: i64, cursor: &FileCursor) -> Result<()> {
        self.write("note a file's cursor", |tx| save_cursor(tx, source, cursor))
    }

    /// Forgets the cursors of files that are gone; their sessions are kept.
    pub fn forget_file_cursors(&self, source: i64, paths: &[PathBuf]) -> Result<()> {
        self.write("forget file cursors", |tx| {
            let mut delete = tx
                .prepare_cached("DELETE FROM source_files WHERE source = ?1 AND path = ?2")
                .ctx("forgetting a file cursor")?;
            for path in paths {
                delete.execute(params![source, path_bytes(path)]).ctx("forgetting a file cursor")?;
            }
            Ok(())
        })
    }
}

fn imported_state(tx: &Transaction, source: &str, source_id: &str) -> Result<Option<(i64, i64)>> {
    tx.query_row(
        "SELECT event_count, import_fingerprint FROM sessions WHERE source = ?1 AND source_id = ?2",
        params![source, source_id],
        |row| Ok((row.get::<_, i64>(0)?, row.get::<_, Option<i64>>(1)?)),
    )
    .optional()
    .ctx("reading an imported session")
    .map(|found| found.and_then(|(events, fingerprint)| fingerprint.map(|f| (events, f))))
}

fn save_cursor(tx: &Transaction, source: i64, cursor: &FileCursor) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO source_files
            (source, path, size, mtime_ns, file_id, consumed, tail_hash, session, events, fingerprint, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )
    .ctx("moving a file cursor")?
    .execute(params![
        source,
        path_bytes(&cursor.path),
        i64::try_from(cursor.size).unwrap_or(i64::MAX),
        cursor.mtime_ns,
        cursor.file_id,
        i64::try_from(cursor.consumed).unwrap_or(i64::MAX),
        cursor.tail_hash,
        cursor.session,
        cursor.events,
        cursor.fingerprint,
        cursor.state,
    ])
    .ctx("moving a file cursor")?;
    Ok(())
}

fn json(text: Option<String>) -> Option<Value> {
    text.and_then(|text| serde_json::from_str(&text).ok())
}

/// A path's bytes as the operating system has them: paths need not be UTF-8.
fn path_bytes(path: &Path) -> Vec<u8> {
    path.as_os_str().as_encoded_bytes().to_vec()
}

fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}
