//! Subagent sessions nested under their parent: the session list shows a parent once, with
//! its subagents folded under it, instead of each subagent as an unrelated session.
//!
//! A session is nested when its metadata names a `parent_session` (the parent's id in the same
//! source) that is in the store, and it is not a branch (`branch_of`: a conversation of its own
//! that forked from another). The link is kept in `parent_pk` whenever either side arrives, in
//! whichever order, so listing reads an index and never every session's metadata.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::error::{Result, SqlContext};
use super::filter::condition;
use super::rows::{self, SESSION_COLUMNS};
use super::subagents::PARENT;
use super::types::Session;
use crate::query::Filter;

/// Deeper than any agent nests its subagents: a bound on walking a chain of parents.
const MAX_DEPTH: i64 = 64;

/// A session nested under a listed one, with how deep (1 for a direct subagent).
#[derive(Debug, Clone, PartialEq)]
pub struct Nested {
    pub session: Session,
    pub depth: usize,
    /// Its own nested sessions, all listed after it.
    pub nested: usize,
}

impl Store {
    /// A page of the sessions the list shows at its top level (those not nested under
    /// another), newest updated first, trash excluded; narrowed by `filter`'s qualifiers.
    pub fn list_top_level(&self, filter: Option<&Filter>, offset: usize, limit: usize) -> Result<Vec<Session>> {
        let narrow = filter.map(|filter| condition(filter, 3));
        let mut params: Vec<rusqlite::types::Value> =
            vec![(limit.min(i64::MAX as usize) as i64).into(), (offset.min(i64::MAX as usize) as i64).into()];
        let sql = narrow.as_ref().map_or("", |narrow| narrow.sql.as_str());
        params.extend(narrow.iter().flat_map(|narrow| narrow.params.iter().cloned()));
        self.query_sessions(
            &format!(
                "SELECT {SESSION_COLUMNS} FROM sessions s WHERE deleted_at IS NULL AND parent_pk IS NULL{sql}
                 ORDER BY updated_at DESC, pk DESC LIMIT ?1 OFFSET ?2"
            ),
            rusqlite::params_from_iter(params),
        )
    }

    /// How many sessions the list shows at its top level, narrowed by `filter`'s qualifiers.
    pub fn top_level_count(&self, filter: Option<&Filter>) -> Result<usize> {
        let (sql, params) = filter
            .map(|filter| condition(filter, 1))
            .map_or_else(Default::default, |narrow| (narrow.sql, narrow.params));
        self.conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM sessions s WHERE deleted_at IS NULL AND parent_pk IS NULL{sql}"
            ))
            .and_then(|mut stmt| stmt.query_row(rusqlite::params_from_iter(params), |row| row.get::<_, i64>(0)))
            .map(|count| count as usize)
            .ctx("counting sessions")
    }

    /// For each of `ids`, how many sessions are nested under it directly, outside the trash;
    /// ids without any are left out.
    pub fn nested_counts(&self, ids: &[&str]) -> Result<HashMap<String, usize>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM sessions child JOIN sessions parent ON child.parent_pk = parent.pk
                 WHERE parent.id = ?1 AND child.deleted_at IS NULL",
            )
            .ctx("counting subagents")?;
        let mut counts = HashMap::new();
        for id in ids {
            let count: i64 = stmt.query_row([id], |row| row.get(0)).ctx("counting subagents")?;
            if count > 0 {
                counts.insert((*id).to_string(), count as usize);
            }
        }
        Ok(counts)
    }

    /// The session at the list's top level that `id` is nested under, at any depth; None
    /// when `id` is not nested.
    pub fn nested_root(&self, id: &str) -> Result<Option<String>> {
        self.conn
            .prepare_cached(&format!(
                "WITH RECURSIVE line(pk, parent, depth) AS (
                     SELECT pk, parent_pk, 0 FROM sessions WHERE id = ?1
                     UNION
                     SELECT s.pk, s.parent_pk, line.depth + 1 FROM sessions s JOIN line ON s.pk = line.parent
                     WHERE line.depth < {MAX_DEPTH}
                 )
                 SELECT s.id FROM line JOIN sessions s ON s.pk = line.pk
                 WHERE line.parent IS NULL AND line.depth > 0"
            ))
            .and_then(|mut stmt| stmt.query_row([id], |row| row.get(0)).optional())
            .ctx("finding the session a subagent is listed under")
    }

    /// Everything nested under `id`, at any depth, outside the trash: each session followed
    /// by its own nested sessions, siblings oldest first.
    pub fn nested_under(&self, id: &str) -> Result<Vec<Nested>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "WITH RECURSIVE family(pk, depth) AS (
                     SELECT pk, 0 FROM sessions WHERE id = ?1
                     UNION
                     SELECT child.pk, family.depth + 1 FROM sessions child JOIN family ON child.parent_pk = family.pk
                     WHERE child.deleted_at IS NULL AND family.depth < {MAX_DEPTH}
                 )
                 SELECT {SESSION_COLUMNS}, pk, parent_pk FROM sessions
                 WHERE pk IN (SELECT pk FROM family) AND id <> ?1
                 ORDER BY created_at, pk"
            ))
            .ctx("listing subagents")?;
        let rows = stmt
            .query_map([id], |row| Ok((rows::session(row)?, row.get::<_, i64>(9)?, row.get::<_, Option<i64>>(10)?)))
            .ctx("listing subagents")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .ctx("listing subagents")?;
        let root = self.conn.query_row("SELECT pk FROM sessions WHERE id = ?1", [id], |row| row.get::<_, i64>(0));
        let Ok(root) = root else { return Ok(Vec::new()) };
        let mut out = Vec::with_capacity(rows.len());
        let mut by_parent: HashMap<i64, Vec<(Session, i64)>> = HashMap::new();
        for (session, pk, parent) in rows {
            by_parent.entry(parent.unwrap_or(root)).or_default().push((session, pk));
        }
        depth_first(&mut by_parent, root, 1, &mut out);
        Ok(out)
    }
}

/// Appends the sessions under `parent` in list order; `by_parent` is emptied as it goes, so a
/// loop in the links cannot repeat a session.
fn depth_first(by_parent: &mut HashMap<i64, Vec<(Session, i64)>>, parent: i64, depth: usize, out: &mut Vec<Nested>) {
    for (session, pk) in by_parent.remove(&parent).unwrap_or_default() {
        let at = out.len();
        out.push(Nested { session, depth, nested: 0 });
        depth_first(by_parent, pk, depth + 1, out);
        out[at].nested = out.len() - at - 1;
    }
}

/// Brings `parent_pk` up to date for the session (source, source_id), after it was written:
/// nests it under its parent if that is in the store, and nests under it the subagents that
/// arrived before it.
pub(super) fn link(tx: &Transaction, source: &str, source_id: &str) -> Result<()> {
    let row = tx
        .prepare_cached(&format!(
            "SELECT pk, {PARENT}, json_extract(metadata, '$.branch_of') IS NOT NULL, parent_pk
             FROM sessions WHERE source = ?1 AND source_id = ?2"
        ))
        .and_then(|mut stmt| {
            stmt.query_row(params![source, source_id], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, Option<String>>(1)?, row.get::<_, bool>(2)?, row.get(3)?))
            })
            .optional()
        })
        .ctx("finding a session's parent")?;
    let Some((pk, parent_id, is_branch, current)): Option<(i64, Option<String>, bool, Option<i64>)> = row else {
        return Ok(());
    };
    let parent = match parent_id.filter(|_| !is_branch) {
        Some(parent_id) => tx
            .prepare_cached("SELECT pk FROM sessions WHERE source = ?1 AND source_id = ?2 AND pk <> ?3")
            .and_then(|mut stmt| stmt.query_row(params![source, parent_id, pk], |row| row.get::<_, i64>(0)).optional())
            .ctx("finding a session's parent")?,
        None => None,
    };
    let parent = match parent {
        Some(parent) if !is_above(tx, pk, parent)? => Some(parent),
        _ => None,
    };
    if parent != current {
        tx.execute("UPDATE sessions SET parent_pk = ?2 WHERE pk = ?1", params![pk, parent])
            .ctx("nesting a subagent under its parent")?;
    }
    if parent.is_some() {
        // A subagent arriving for a parent in the trash joins it there, to come back with it
        // (listed nowhere else, it would be lost from sight).
        tx.execute(
            "UPDATE sessions SET deleted_at = (SELECT p.deleted_at FROM sessions p WHERE p.pk = sessions.parent_pk)
             WHERE pk = ?1 AND deleted_at IS NULL
               AND (SELECT p.deleted_at FROM sessions p WHERE p.pk = sessions.parent_pk) IS NOT NULL",
            [pk],
        )
        .ctx("putting a subagent in the trash with its parent")?;
    }
    let orphans: Vec<i64> = tx
        .prepare_cached(&format!(
            "SELECT pk FROM sessions
             WHERE source = ?1 AND {PARENT} = ?2 AND {PARENT} IS NOT NULL AND parent_pk IS NULL AND pk <> ?3
               AND json_extract(metadata, '$.branch_of') IS NULL"
        ))
        .and_then(|mut stmt| {
            stmt.query_map(params![source, source_id, pk], |row| row.get(0))?.collect::<rusqlite::Result<Vec<_>>>()
        })
        .ctx("finding subagents that arrived before their parent")?;
    for orphan in orphans {
        if !is_above(tx, orphan, pk)? {
            tx.execute("UPDATE sessions SET parent_pk = ?2 WHERE pk = ?1", params![orphan, pk])
                .ctx("nesting a subagent under its parent")?;
        }
    }
    Ok(())
}

/// Whether `upper` is `lower` itself or among its ancestors' line from `lower`'s side: nesting
/// `upper` under `lower` would then make a loop.
fn is_above(tx: &Transaction, upper: i64, lower: i64) -> Result<bool> {
    tx.prepare_cached(&format!(
        "WITH RECURSIVE line(pk, depth) AS (
             SELECT ?2, 0
             UNION
             SELECT s.parent_pk, line.depth + 1 FROM sessions s JOIN line ON s.pk = line.pk
             WHERE s.parent_pk IS NOT NULL AND line.depth < {MAX_DEPTH}
         )
         SELECT EXISTS (SELECT 1 FROM line WHERE pk = ?1)"
    ))
    .and_then(|mut stmt| stmt.query_row(params![upper, lower], |row| row.get(0)))
    .ctx("checking subagent links for a loop")
}
