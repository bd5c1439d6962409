//! One session's events streamed for a figure over all of them (its token usage), reading
//! only the rows that can hold it.

use super::Store;
use super::error::{Result, SqlContext};

impl Store {
    /// Calls `visit(content)` for each event of the session whose JSON contains `needle`
    /// (compared byte for byte, case and all), in order. The test runs inside SQLite, so rows
    /// without it are never copied out nor parsed.
    pub fn scan_session_events_containing(
        &self,
        session_id: &str,
        needle: &str,
        visit: &mut dyn FnMut(&str),
    ) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT content FROM events WHERE session_id = ?1 AND instr(content, ?2) > 0 ORDER BY seq")
            .ctx("reading a session's events")?;
        let mut rows = stmt.query((session_id, needle)).ctx("reading a session's events")?;
        while let Some(row) = rows.next().ctx("reading a session's events")? {
            visit(row.get_ref(0).ctx("reading a session's events")?.as_str().unwrap_or_default());
        }
        Ok(())
    }
}
