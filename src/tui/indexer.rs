//! Catching the search index up while the browser is open, on a thread of its own.
//!
//! After a big import the index can be a million events behind. The browser must not wait
//! for it: this thread indexes in short transactions (a writer waiting for the lock waits
//! a fraction of a second), and the browser's searches read whatever is indexed so far.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::store::{Store, StoreError};

/// Events per transaction: about 20-40 ms of work.
const BATCH: usize = 2_000;

/// With nothing to do, how often to look for a backlog another program left.
const IDLE_CHECK: Duration = Duration::from_secs(1);

/// After finding the store locked by another program, how long to wait before trying again.
const BUSY_WAIT: Duration = Duration::from_millis(300);

/// A pause between batches. Another program waiting for the lock polls for it, and an
/// indexer that took it again at once could keep it waiting until its timeout.
const GAP: Duration = Duration::from_millis(10);

/// The indexing thread; stopped and joined when dropped.
pub struct BackgroundIndexer {
    remaining: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    held: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

/// While alive, the indexer starts no new batch: the browser's own change gets the lock
/// within one batch instead of racing for it.
pub struct IndexerHold<'a> {
    held: &'a AtomicUsize,
}

impl Drop for IndexerHold<'_> {
    fn drop(&mut self) {
        self.held.fetch_sub(1, Ordering::SeqCst);
    }
}

impl BackgroundIndexer {
    /// Starts indexing the store at `path` on a second connection. The backlog is counted on
    /// that thread (a million events take milliseconds to count): until then `remaining`
    /// says it does not know.
    pub fn start(path: &Path) -> Result<BackgroundIndexer, StoreError> {
        let store = Store::open(path)?;
        store.set_busy_timeout(Duration::ZERO)?;
        let remaining = Arc::new(AtomicU64::new(NOT_COUNTED));
        let stop = Arc::new(AtomicBool::new(false));
        let held = Arc::new(AtomicUsize::new(0));
        let thread = {
            let (remaining, stop, held) = (Arc::clone(&remaining), Arc::clone(&stop), Arc::clone(&held));
            std::thread::spawn(move || index_until(&store, &remaining, &stop, &held))
        };
        Ok(BackgroundIndexer { remaining, stop, held, thread: Some(thread) })
    }

    /// Holds indexing back for a change the browser is about to make.
    pub fn hold(&self) -> IndexerHold<'_> {
        self.held.fetch_add(1, Ordering::SeqCst);
        IndexerHold { held: &self.held }
    }

    /// Events not yet indexed, as of the last batch; None before the thread has counted them.
    pub fn remaining(&self) -> Option<u64> {
        Some(self.remaining.load(Ordering::Relaxed)).filter(|&remaining| remaining != NOT_COUNTED)
    }
}

/// `remaining` before the backlog is first counted.
const NOT_COUNTED: u64 = u64::MAX;

/// Batches between exact counts of the backlog (a count reads all of it); in between, the
/// count goes down by what each batch took.
const RECOUNT_EVERY: u32 = 10;

fn index_until(store: &Store, remaining: &AtomicU64, stop: &AtomicBool, held: &AtomicUsize) {
    match store.unindexed_events() {
        Ok(count) => remaining.store(count, Ordering::Relaxed),
        Err(_) => return,
    }
    let mut batches = 0;
    while !stop.load(Ordering::Relaxed) {
        if held.load(Ordering::SeqCst) > 0 {
            pause(stop, GAP);
            continue;
        }
        // Idle, look before taking the write lock: a reader's count costs other writers nothing.
        if remaining.load(Ordering::Relaxed) == 0 {
            match store.unindexed_events() {
                Ok(0) => {
                    pause(stop, IDLE_CHECK);
                    continue;
                }
                Ok(count) => remaining.store(count, Ordering::Relaxed),
                Err(_) => return,
            }
        }
        match store.index_backlog(BATCH) {
            Ok(0) => remaining.store(0, Ordering::Relaxed),
            Ok(taken) => {
                batches += 1;
                let counted = if batches % RECOUNT_EVERY == 0 { store.unindexed_events().ok() } else { None };
                // Never 0 until a batch finds nothing: 0 means searches are complete.
                let left =
                    counted.unwrap_or_else(|| remaining.load(Ordering::Relaxed).saturating_sub(taken as u64).max(1));
                remaining.store(left, Ordering::Relaxed);
                pause(stop, GAP);
            }
            Err(StoreError::Busy(_)) => pause(stop, BUSY_WAIT),
            // Not ours to report: searches then read the backlog directly, and say so.
            Err(_) => return,
        }
    }
}

/// Sleeps for `time`, waking early when asked to stop.
fn pause(stop: &AtomicBool, time: Duration) {
    let step = Duration::from_millis(50).min(time);
    let mut slept = Duration::ZERO;
    while slept < time && !stop.load(Ordering::Relaxed) {
        std::thread::sleep(step);
        slept += step;
    }
}

impl Drop for BackgroundIndexer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
