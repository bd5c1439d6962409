//! Searching while the search index catches up: say that results are partial, and run the
//! search again once the index is complete.

use anyhow::Result;

use super::{App, Backend, IndexLag};

impl App {
    /// Says what a lagging index means for searches.
    pub(super) fn tell_index_lag(&mut self, lag: IndexLag) {
        // Short enough for an 80-column status line: the way out must not be cut off.
        let found = match self.search.as_ref().map(|search| search.total()) {
            Some(0) => "no matches so far".to_string(),
            Some(1) => "1 match so far".to_string(),
            Some(hits) => format!("{hits} matches so far"),
            None => "results so far".to_string(),
        };
        if lag.catching_up {
            self.info(format!("Still indexing ({} events to go): {found}, more when done", lag.remaining));
        } else {
            let store = if self.read_only { "Read-only store, search" } else { "Search" };
            self.info(format!("{store} index {} events behind: run `recall index`", lag.remaining));
        }
    }

    /// On a tick: a search run while the index lagged is run again once it has caught up,
    /// keeping the selected hit selected.
    pub(super) fn complete_search_when_indexed(&mut self, backend: &dyn Backend) -> Result<()> {
        let Some(search) = self.search.as_ref().filter(|search| search.incomplete) else { return Ok(()) };
        if backend.index_lag().is_some() {
            return Ok(());
        }
        let query = search.query.clone();
        let selected = search.current().map(|(hits, seq)| (hits.session_id.clone(), seq));
        self.run_search(backend, &query)?;
        if let Some(search) = &mut self.search
            && let Some((id, seq)) = selected
        {
            search.reselect(&id, seq);
        }
        self.info("Search index complete: results updated");
        Ok(())
    }
}
