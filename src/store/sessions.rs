//! Sessions: create, read, list, rename, metadata, trash.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};
use serde_json::Value as Json;

use super::error::{Result, SqlContext, StoreError};
use super::filter::condition;
use super::rows::{self, SESSION_COLUMNS};
use super::types::Session;
use super::{MAX_TITLE_CHARS, Store};
use crate::query::Filter;

impl Store {
    /// A new, empty session made here (source `recall`).
    pub fn create_session(&self, title: &str) -> Result<Session> {
        let title = clean_title(title)?;
        let id = uuid::Uuid::now_v7().to_string();
        let now = self.now_ms();
        self.write("create a session", |tx| {
            tx.execute(
                "INSERT INTO sessions (id, title, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                params![id, title, now],
            )
            .ctx("creating a session")?;
            Ok(())
        })?;
        self.get_session(&id)
    }

    /// The session with exactly this id, in the trash or not.
    pub fn get_session(&self, id: &str) -> Result<Session> {
        self.conn
            .query_row(&format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?1"), [id], rows::session)
            .optional()
            .ctx("reading a session")?
            .ok_or_else(|| not_found(id))
    }

    /// The session found by (source, id in the source), if imported before.
    pub fn find_by_source(&self, source: &str, source_id: &str) -> Result<Option<Session>> {
        self.conn
            .query_row(
                &format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE source = ?1 AND source_id = ?2"),
                [source, source_id],
                rows::session,
            )
            .optional()
            .ctx("looking up an imported session")
    }

    /// The most recently updated session outside the trash.
    pub fn most_recent_session(&self) -> Result<Option<Session>> {
        Ok(self.list_sessions(0, 1)?.into_iter().next())
    }

    /// A page of sessions, newest updated first, trash excluded.
    pub fn list_sessions(&self, offset: usize, limit: usize) -> Result<Vec<Session>> {
        self.query_sessions(
            &format!(
                "SELECT {SESSION_COLUMNS} FROM sessions WHERE deleted_at IS NULL
                 ORDER BY updated_at DESC, pk DESC LIMIT ?1 OFFSET ?2"
            ),
            params![limit as i64, offset as i64],
        )
    }

    /// A page of the sessions the filter's qualifiers keep (its words are for searching),
    /// newest updated first, trash excluded.
    pub fn list_filtered(&self, filter: &Filter, offset: usize, limit: usize) -> Result<Vec<Session>> {
        let narrow = condition(filter, 3);
        let mut params: Vec<Value> = vec![(limit.min(i64::MAX as usize) as i64).into(), (offset as i64).into()];
        params.extend(narrow.params);
        self.query_sessions(
            &format!(
                "SELECT {SESSION_COLUMNS} FROM sessions s WHERE deleted_at IS NULL{}
                 ORDER BY updated_at DESC, pk DESC LIMIT ?1 OFFSET ?2",
                narrow.sql
            ),
            rusqlite::params_from_iter(params),
        )
    }

    /// How many sessions outside the trash the filter's qualifiers keep.
    pub fn count_filtered(&self, filter: &Filter) -> Result<usize> {
        let narrow = condition(filter, 1);
        self.conn
            .prepare_cached(&format!("SELECT count(*) FROM sessions s WHERE deleted_at IS NULL{}", narrow.sql))
            .and_then(|mut stmt| stmt.query_row(rusqlite::params_from_iter(narrow.params), |row| row.get::<_, i64>(0)))
            .map(|count| count as usize)
            .ctx("counting sessions")
    }

    /// How many sessions are outside the trash.
    pub fn session_count(&self) -> Result<usize> {
        self.conn
            .query_row("SELECT count(*) FROM sessions WHERE deleted_at IS NULL", [], |row| row.get::<_, i64>(0))
            .map(|count| count as usize)
            .ctx("counting sessions")
    }

    /// The trash, most recently deleted first; subagents trashed with their parent are in
    /// it through the parent.
    pub fn list_trash(&self, limit: usize) -> Result<Vec<Session>> {
        self.query_sessions(
            &format!(
                "SELECT {SESSION_COLUMNS} FROM sessions s WHERE deleted_at IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM sessions p WHERE p.pk = s.parent_pk AND p.deleted_at = s.deleted_at)
                 ORDER BY deleted_at DESC, pk DESC LIMIT ?1"
            ),
            params![limit as i64],
        )
    }

    pub(super) fn query_sessions(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Session>> {
        let mut stmt = self.conn.prepare_cached(sql).ctx("listing sessions")?;
        stmt.query_map(params, rows::session)
            .ctx("listing sessions")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .ctx("listing sessions")
    }

    /// Sets the title (trimmed, 1 to 200 characters); later imports keep it.
    pub fn rename(&self, id: &str, title: &str) -> Result<()> {
        let title = clean_title(title)?;
        self.write("rename", |tx| {
            let changed = tx
                .execute("UPDATE sessions SET title = ?2, title_renamed = 1 WHERE id = ?1", params![id, title])
                .ctx("renaming a session")?;
            if changed == 0 { Err(not_found(id)) } else { Ok(()) }
        })
    }

    /// Merges `patch` (a JSON object) into the session's metadata: keys in the patch replace
    /// those in the metadata, nested objects merge, and a null value removes its key.
    pub fn update_metadata(&self, id: &str, patch: &Json) -> Result<()> {
        if !patch.is_object() {
            return Err(StoreError::Invalid("metadata must be a JSON object".into()));
        }
        self.write("update metadata", |tx| {
            let changed = tx
                .execute(
                    "UPDATE sessions SET metadata = json_patch(metadata, ?2) WHERE id = ?1",
                    params![id, patch.to_string()],
                )
                .ctx("updating session metadata")?;
            if changed == 0 {
                return Err(not_found(id));
            }
            let key: Option<(String, Option<String>)> = tx
                .query_row("SELECT source, source_id FROM sessions WHERE id = ?1", [id], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .optional()
                .ctx("reading a session's source")?;
            match key {
                Some((source, Some(source_id))) => super::nesting::link(tx, &source, &source_id),
                _ => Ok(()),
            }
        })
    }

    /// Moves the session to the trash, with the subagents nested under it (they go and come
    /// back together); `undo_delete` brings them back until they are purged.
    pub fn delete(&self, id: &str) -> Result<()> {
        let now = self.now_ms();
        self.write("delete", |tx| {
            let changed = tx
                .execute("UPDATE sessions SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, now])
                .ctx("moving a session to the trash")?;
            if changed == 0 {
                return Err(not_found(id));
            }
            tx.execute(
                &format!("UPDATE sessions SET deleted_at = ?2 WHERE pk IN ({NESTED_UNDER}) AND deleted_at IS NULL"),
                params![id, now],
            )
            .ctx("moving a session's subagents to the trash")?;
            Ok(())
        })
    }

    /// Takes the session out of the trash, with the subagents trashed together with it.
    pub fn undo_delete(&self, id: &str) -> Result<()> {
        self.write("undo a delete", |tx| {
            let deleted_at: Option<i64> = tx
                .query_row("SELECT deleted_at FROM sessions WHERE id = ?1", [id], |row| row.get(0))
                .optional()
                .ctx("reading a deleted session")?
                .flatten();
            let Some(deleted_at) = deleted_at else {
                return Err(StoreError::NotFound { what: "deleted session", key: id.to_string() });
            };
            tx.execute(
                &format!("UPDATE sessions SET deleted_at = NULL WHERE pk IN ({NESTED_UNDER}) AND deleted_at = ?2"),
                params![id, deleted_at],
            )
            .ctx("restoring a session's subagents from the trash")?;
            tx.execute("UPDATE sessions SET deleted_at = NULL WHERE id = ?1", [id])
                .ctx("restoring a session from the trash")?;
            Ok(())
        })
    }

    /// The session most recently moved to the trash, if any.
    pub fn last_deleted(&self) -> Result<Option<Session>> {
        Ok(self.list_trash(1)?.into_iter().next())
    }

    /// Deletes for good the sessions in the trash since before `cutoff`; returns how many.
    pub fn purge_trash(&self, cutoff: DateTime<Utc>) -> Result<usize> {
        let now = self.now_ms();
        self.write("purge the trash", |tx| {
            // Remembered so that a sync of the origin does not bring them back.
            tx.execute(
                "INSERT OR IGNORE INTO purged (source, source_id, purged_at)
                 SELECT source, source_id, ?2 FROM sessions
                 WHERE deleted_at IS NOT NULL AND deleted_at <= ?1 AND source_id IS NOT NULL",
                params![cutoff.timestamp_millis(), now],
            )
            .ctx("remembering purged sessions")?;
            tx.execute(
                "DELETE FROM sessions WHERE deleted_at IS NOT NULL AND deleted_at <= ?1",
                [cutoff.timestamp_millis()],
            )
            .ctx("purging the trash")
        })
    }
}

/// The pks of the sessions nested under the session with id ?1, at any depth (not itself).
const NESTED_UNDER: &str = "WITH RECURSIVE family(pk) AS (
        SELECT pk FROM sessions WHERE id = ?1
        UNION
        SELECT child.pk FROM sessions child JOIN family ON child.parent_pk = family.pk
    )
    SELECT pk FROM family WHERE pk <> (SELECT pk FROM sessions WHERE id = ?1)";

fn clean_title(title: &str) -> Result<String> {
    let title = title.trim();
    if title.is_empty() {
        return Err(StoreError::Invalid("a title cannot be empty".into()));
    }
    let chars = title.chars().count();
    if chars > MAX_TITLE_CHARS {
        return Err(StoreError::Invalid(format!(
            "a title can have at most {MAX_TITLE_CHARS} characters (this one has {chars})"
        )));
    }
    Ok(title.to_string())
}

pub(super) fn not_found(id: &str) -> StoreError {
    StoreError::NotFound { what: "session", key: id.to_string() }
}
