//! How many hits a search has in all, for "20 of 39" when only 20 are shown.

use super::Store;
use super::error::{Result, SqlContext};
use super::filter::condition;
use super::search::{SCAN_LIMIT, fts_query, query_terms};
use crate::query::Filter;

impl Store {
    /// How many hits `search(query, unlimited)` would return: matching titles plus matching
    /// events, outside the trash. Like `search_without_indexing`, it reads a backlog of up to
    /// `SCAN_LIMIT` events directly and leaves a bigger one out (`search` indexes first).
    pub fn search_count(&self, query: &str) -> Result<u64> {
        self.search_count_filtered(&Filter { words: query.to_string(), ..Filter::default() })
    }

    /// `search_count` for the filter's words, in the sessions its qualifiers keep.
    pub fn search_count_filtered(&self, filter: &Filter) -> Result<u64> {
        let terms = query_terms(&filter.words);
        let Some(fts) = fts_query(&terms) else { return Ok(0) };
        let narrow = condition(filter, 2);
        let count = |sql: &str, what: &str| -> Result<u64> {
            let mut params: Vec<rusqlite::types::Value> = vec![fts.clone().into()];
            params.extend(narrow.params.iter().cloned());
            self.conn
                .prepare_cached(&format!("{sql}{}", narrow.sql))
                .and_then(|mut stmt| stmt.query_row(rusqlite::params_from_iter(params), |row| row.get::<_, i64>(0)))
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
        let unindexed = if backlog > 0 && backlog <= SCAN_LIMIT {
            self.scan_backlog_filtered(&terms, filter, i64::MAX)?.len() as u64
        } else {
            0
        };
        Ok(titles + events + unindexed)
    }
}
