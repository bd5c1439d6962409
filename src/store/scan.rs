//! Whole-store passes for reports: every event of every session, streamed.

use super::Store;
use super::error::{Result, SqlContext};

/// Sessions and events of one source, outside the trash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCount {
    pub source: String,
    pub sessions: u64,
    pub events: u64,
}

impl Store {
    /// How many sessions and events each source has, outside the trash.
    pub fn source_counts(&self) -> Result<Vec<SourceCount>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT source, count(*), coalesce(sum(event_count), 0) FROM sessions
                 WHERE deleted_at IS NULL GROUP BY source ORDER BY source",
            )
            .ctx("counting sessions by source")?;
        stmt.query_map([], |row| {
            Ok(SourceCount {
                source: row.get(0)?,
                sessions: row.get::<_, i64>(1)?.max(0) as u64,
                events: row.get::<_, i64>(2)?.max(0) as u64,
            })
        })
        .ctx("counting sessions by source")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .ctx("counting sessions by source")
    }

    /// Calls `visit(session_id, source, content)` for every event outside the trash, session
    /// by session and in order within each, without holding them all in memory.
    pub fn scan_events(&self, visit: &mut dyn FnMut(&str, &str, &str)) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT s.id, s.source, e.content FROM sessions s JOIN events e ON e.session_id = s.id
                 WHERE s.deleted_at IS NULL ORDER BY s.pk, e.seq",
            )
            .ctx("reading every event")?;
        let mut rows = stmt.query([]).ctx("reading every event")?;
        while let Some(row) = rows.next().ctx("reading every event")? {
            let text =
                |index| row.get_ref(index).ctx("reading every event").map(|value| value.as_str().unwrap_or_default());
            visit(text(0)?, text(1)?, text(2)?);
        }
        Ok(())
    }
}
