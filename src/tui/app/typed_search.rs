//! The search prompt's searches, run on the backend's search thread where it has one: each
//! key shows at once, the hits follow when their search is done, and a search overtaken by
//! the next key is dropped.

use std::time::Duration;

use anyhow::Result;

use super::{App, Backend, SEARCH_LIMIT};
use crate::store::SessionHits;

/// How long opening or walking hits waits for the search of what was typed.
const SETTLE: Duration = Duration::from_secs(10);

/// A search started for the prompt's text, not finished yet.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingSearch {
    pub query: String,
    terms: Vec<String>,
}

impl App {
    /// Searches for `query` as typed: started on the search thread (its hits come through
    /// `collect_search`), or run here when the backend has none.
    pub(super) fn search_as_typed(&mut self, backend: &dyn Backend, query: &str) -> Result<()> {
        let Some(mut filter) = self.parse_query(query) else { return Ok(()) };
        filter.cwd_under = self.sidebar.shown().scope.as_ref().map(|folder| folder.path.clone());
        let terms = crate::store::query_terms(&filter.words);
        if backend.start_search(&filter, SEARCH_LIMIT) {
            self.pending_search = Some(PendingSearch { query: query.to_string(), terms });
            return Ok(());
        }
        let sessions = backend.search(&filter, SEARCH_LIMIT)?;
        self.show_search(backend, query.to_string(), terms, sessions);
        Ok(())
    }

    /// Takes the hits of the search started for the prompt, if it has finished; true when
    /// there was something to show.
    pub fn collect_search(&mut self, backend: &dyn Backend) -> bool {
        self.finish_pending_search(backend, Duration::ZERO)
    }

    /// Waits for the search started for the prompt, so that what acts on the hits acts on
    /// those of what was typed.
    pub(super) fn settle_search(&mut self, backend: &dyn Backend) {
        self.finish_pending_search(backend, SETTLE);
    }

    /// Drops the search started for the prompt (the prompt was left).
    pub(super) fn drop_pending_search(&mut self) {
        self.pending_search = None;
    }

    fn finish_pending_search(&mut self, backend: &dyn Backend, wait: Duration) -> bool {
        if self.pending_search.is_none() {
            return false;
        }
        let Some(outcome) = backend.finished_search(wait) else { return false };
        let Some(pending) = self.pending_search.take() else { return false };
        match outcome {
            Ok(sessions) => self.show_search(backend, pending.query, pending.terms, sessions),
            Err(err) => self.error(crate::errors::one_line(&err)),
        }
        true
    }

    /// The hits of a search as the list's content, saying when they may be partial.
    pub(super) fn show_search(
        &mut self,
        backend: &dyn Backend,
        query: String,
        terms: Vec<String>,
        sessions: Vec<SessionHits>,
    ) {
        let lag = backend.index_lag();
        self.search = Some(super::Search { query, terms, sessions, selected: 0, at: 0, incomplete: lag.is_some() });
        if let Some(lag) = lag {
            self.tell_index_lag(lag);
        }
    }
}
