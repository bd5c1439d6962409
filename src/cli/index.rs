//! Bringing the search index up to date: `recall index`, and before `recall search`.

use anyhow::Result;

use super::output::Out;
use super::progress::ProgressLine;
use crate::store::Store;

/// Events per transaction: big enough to keep the index's own overhead small, small enough
/// that a browser or an agent waiting for the lock waits well under a second.
const BATCH: usize = 20_000;

/// Indexes every event still in the backlog, with a progress line; returns how many.
pub fn catch_up(store: &Store) -> Result<u64> {
    if store.is_read_only() || store.unindexed_events()? == 0 {
        return Ok(0);
    }
    let mut progress = ProgressLine::new();
    let indexed = store.catch_up_index(BATCH, &mut |done, total| {
        progress.show(|| format!("indexing for search: {}% ({done} of {total} events)", done * 100 / total.max(1)))
    });
    progress.finish();
    Ok(indexed?)
}

/// `recall index`.
pub fn index(store: &Store, out: &mut Out) -> Result<()> {
    if store.is_read_only() {
        anyhow::bail!("the store is read-only: indexing refused");
    }
    match catch_up(store)? {
        0 => out.line(format_args!("The search index is up to date")),
        indexed => out.line(format_args!("Indexed {indexed} events for search")),
    }
}
