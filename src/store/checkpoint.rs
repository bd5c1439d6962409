//! Checkpointing on a second thread during bulk writes.
//!
//! In WAL mode every page is written twice: to the log at commit, and from the log into the
//! database by a checkpoint. SQLite runs the checkpoint inside whichever commit crosses the
//! threshold, so a bulk writer spends about a quarter of its time copying pages. A second
//! connection on its own thread can do that copying while the writer goes on.
//!
//! The log only starts over when a writer begins while every page in it has been copied,
//! which a writer that never pauses never sees: left alone, the log grows with the whole
//! import. So the writer itself, between two of its transactions, asks for a RESTART
//! checkpoint once the log is long; the thread has copied nearly everything by then.

use std::cell::Cell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use super::Store;
use super::error::{Result, SqlContext};

/// How often the background connection copies what the writer has committed.
const INTERVAL: Duration = Duration::from_millis(25);

/// Log length (pages, 64 MB) past which the writer has the log start over.
const RESTART_AT_PAGES: i64 = 16_384;

/// How long the writer waits for the thread's copy in progress and for readers to leave the
/// log before giving up...
const RESTART_PATIENCE: Duration = Duration::from_secs(3);

/// ...and how long before it tries again, so that a reader holding the log for a long time
/// costs the writer at most a quarter of its time.
const RESTART_BACKOFF: Duration = Duration::from_secs(10);

/// SQLite's own threshold, restored afterwards (pages).
const AUTO_CHECKPOINT_PAGES: i64 = 1000;

/// While alive, checkpoints run on a second thread instead of inside the store's commits.
pub struct BackgroundCheckpoints<'store> {
    store: &'store Store,
    stop: Arc<AtomicBool>,
    /// The log's length in pages, as of the thread's last checkpoint.
    log_pages: Arc<AtomicI64>,
    /// Set while the writer restarts the log: the thread starts no copy meanwhile.
    restarting: Arc<AtomicBool>,
    next_restart: Cell<Instant>,
    thread: Option<JoinHandle<()>>,
}

impl Store {
    /// Moves checkpointing to a second thread until the returned guard is dropped; for bulk
    /// writes, which call [`BackgroundCheckpoints::keep_log_short`] between transactions.
    /// Does nothing for an in-memory or read-only store.
    pub fn checkpoint_in_background(&self) -> Result<BackgroundCheckpoints<'_>> {
        let mut guard = BackgroundCheckpoints {
            store: self,
            stop: Arc::new(AtomicBool::new(false)),
            log_pages: Arc::new(AtomicI64::new(0)),
            restarting: Arc::new(AtomicBool::new(false)),
            next_restart: Cell::new(Instant::now()),
            thread: None,
        };
        let Some(path) = self.path().filter(|_| !self.read_only) else { return Ok(guard) };
        let conn = Connection::open(path).ctx("opening a second connection for checkpoints")?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 0).ctx("pausing automatic checkpoints")?;
        let (stop, log_pages, restarting) =
            (Arc::clone(&guard.stop), Arc::clone(&guard.log_pages), Arc::clone(&guard.restarting));
        guard.thread = Some(std::thread::spawn(move || copy_until(&conn, &stop, &log_pages, &restarting)));
        Ok(guard)
    }
}

/// PASSIVE checkpoints never wait and never hold the writer up.
fn copy_until(conn: &Connection, stop: &AtomicBool, log_pages: &AtomicI64, restarting: &AtomicBool) {
    while !stop.load(Ordering::Relaxed) {
        // A failed checkpoint loses nothing: the pages stay in the log for the next one.
        if restarting.load(Ordering::SeqCst) {
            // The writer's RESTART copies what is left.
        } else if let Ok(pages) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| row.get::<_, i64>(1)) {
            log_pages.store(pages, Ordering::Relaxed);
        }
        std::thread::sleep(INTERVAL);
    }
}

impl BackgroundCheckpoints<'_> {
    /// Has a long log start over; call it between write transactions. Waits at most a few
    /// seconds for readers, and then leaves it for a while.
    pub fn keep_log_short(&self) -> Result<()> {
        if self.thread.is_none()
            || self.log_pages.load(Ordering::Relaxed) < RESTART_AT_PAGES
            || Instant::now() < self.next_restart.get()
        {
            return Ok(());
        }
        let store = self.store;
        self.restarting.store(true, Ordering::SeqCst);
        store.conn.busy_timeout(RESTART_PATIENCE).ctx("setting the busy timeout")?;
        let outcome = store.conn.query_row("PRAGMA wal_checkpoint(RESTART)", [], |row| {
            Ok((row.get::<_, i64>(0)? != 0, row.get::<_, i64>(1)?))
        });
        self.restarting.store(false, Ordering::SeqCst);
        store.conn.busy_timeout(store.busy_timeout.get()).ctx("setting the busy timeout")?;
        match outcome {
            Ok((false, _)) => self.log_pages.store(0, Ordering::Relaxed),
            // Busy (a reader in the log, or the thread mid-copy): try again later.
            _ => self.next_restart.set(Instant::now() + RESTART_BACKOFF),
        }
        Ok(())
    }
}

impl Drop for BackgroundCheckpoints<'_> {
    fn drop(&mut self) {
        let Some(thread) = self.thread.take() else { return };
        self.stop.store(true, Ordering::Relaxed);
        let _ = thread.join();
        let _ = self.store.conn.pragma_update(None, "wal_autocheckpoint", AUTO_CHECKPOINT_PAGES);
    }
}
