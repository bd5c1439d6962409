//! How many hits a search has in all, for "20 of 39" when only 20 are shown.

use super::Store;
use super::error::{Result, SqlContext};
use super::search::{SCAN_LIMIT, fts_query, query_terms};

impl Store {
    /// How many hits `search(query, unlimited)` would return: matching titles plus matching
    /// events, outside the trash. Like `search_without_indexing`, it reads a backlog of up to
    /// `SCAN_LIMIT` events directly and leaves a bigger one out (`search` indexes first).
    pub fn search_count(&self, query: &str) -> Result<u64> {
        let terms = query_terms(query);
        let Some(fts) = fts_query(&terms) else { return Ok(0) };
        let count = |sql: &str, what: &str| -> Result<u64> {
            self.conn
                .prepare_cached(sql)
                .and_then(|mut stmt| stmt.query_row([&fts], |row| row.get::<_, i64>(0)))
                .ctx(what)
                .map(|count| count.max(0) as u64)
        };
        let titles = count(
            "SELECT count(*) FROM titles_fts JOIN sessions s ON s.pk = titles_fts.rowid
             WHERE titles_fts MATCH ?1 AND s.deleted_at IS NULL",
            "counting title hits",
        )?;
        let events = count(
            "SELECT count(*) FROM events_fts JOIN events e ON e.id = events_fts.rowid
             JOIN sessions s ON s.id = e.session_id
             WHERE events_fts MATCH ?1 AND s.deleted_at IS NULL",
            "counting event hits",
        )?;
        let backlog = self.unindexed_events()?;
        let unindexed =
            if backlog > 0 && backlog <= SCAN_LIMIT { self.scan_backlog(&terms, i64::MAX)?.len() as u64 } else { 0 };
        Ok(titles + events + unindexed)
    }
}
