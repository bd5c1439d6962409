//! Catching the search index up while the browser is open, on a thread of its own.
//!
//! After a big import the index can be a million events behind. The browser must not wait
//! for it: this thread indexes in short transactions (a writer waiting for the lock waits
//! a fraction of a second), and the browser's searches read whatever is indexed so far.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::store::{Store, StoreError};

/// Events per transaction: about 20-40 ms of work.
const BATCH: usize = 2_000;

/// With nothing to do, how often to look for a backlog another program left.
const IDLE_CHECK: Duration = Duration::from_secs(1);

/// After finding the store locked by another program, how long to wait before trying again.
const BUSY_WAIT: Duration = Duration::from_millis(300);

/// The indexing thread; stopped and joined when dropped.
pub struct BackgroundIndexer {
    remaining: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl BackgroundIndexer {
    /// Starts indexing the store at `path` on a second connection; `backlog` is the number of
    /// events waiting now.
    pub fn start(path: &Path, backlog: u64) -> Result<BackgroundIndexer, StoreError> {
        let store = Store::open(path)?;
        store.set_busy_timeout(Duration::ZERO)?;
        let remaining = Arc::new(AtomicU64::new(backlog));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (remaining, stop) = (Arc::clone(&remaining), Arc::clone(&stop));
            std::thread::spawn(move || index_until(&store, &remaining, &stop))
        };
        Ok(BackgroundIndexer { remaining, stop, thread: Some(thread) })
    }

    /// Events not yet indexed, as of the last batch.
    pub fn remaining(&self) -> u64 {
        self.remaining.load(Ordering::Relaxed)
    }
}

/// Batches between exact counts of the backlog (a count reads all of it); in between, the
/// count goes down by what each batch took.
const RECOUNT_EVERY: u32 = 10;

fn index_until(store: &Store, remaining: &AtomicU64, stop: &AtomicBool) {
    let mut batches = 0;
    while !stop.load(Ordering::Relaxed) {
        match store.index_backlog(BATCH) {
            Ok(0) => {
                remaining.store(0, Ordering::Relaxed);
                pause(stop, IDLE_CHECK);
            }
            Ok(taken) => {
                batches += 1;
                let counted = if batches % RECOUNT_EVERY == 0 { store.unindexed_events().ok() } else { None };
                // Never 0 until a batch finds nothing: 0 means searches are complete.
                let left =
                    counted.unwrap_or_else(|| remaining.load(Ordering::Relaxed).saturating_sub(taken as u64).max(1));
                remaining.store(left, Ordering::Relaxed);
            }
            Err(StoreError::Busy(_)) => pause(stop, BUSY_WAIT),
            // Not ours to report: searches then read the backlog directly, and say so.
            Err(_) => return,
        }
    }
}

/// Sleeps for `time`, waking early when asked to stop.
fn pause(stop: &AtomicBool, time: Duration) {
    let step = Duration::from_millis(50);
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
