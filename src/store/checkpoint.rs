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
//! checkpoint once it has written enough to make the log long; the thread has copied
//! nearly everything by then. (TRUNCATE would let the file's length tell the log's length,
//! but growing the file again from nothing made imports a third slower.)

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use super::Store;
use super::error::{Result, SqlContext};

/// How often the background connection copies what the writer has committed.
const INTERVAL: Duration = Duration::from_millis(25);

/// Event text written since the log last started over past which the writer has it start
/// over again; with rows, indexes and page slack the log is then about 64 MB.
const RESTART_AFTER_BYTES: u64 = 48 << 20;

/// How long the writer's RESTART waits for the thread's copy in progress and for readers
/// to leave the log before giving up...
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
    /// `Store::bytes_written` when the log last started over.
    restarted_at: Cell<u64>,
    /// Held by whichever connection is checkpointing: SQLite fails a checkpoint at once,
    /// without waiting, while another is in progress.
    copying: Arc<Mutex<()>>,
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
            restarted_at: Cell::new(self.bytes_written.get()),
            copying: Arc::new(Mutex::new(())),
            next_restart: Cell::new(Instant::now()),
            thread: None,
        };
        let Some(path) = self.path().filter(|_| !self.read_only) else { return Ok(guard) };
        let conn = Connection::open(path).ctx("opening a second connection for checkpoints")?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 0).ctx("pausing automatic checkpoints")?;
        let (stop, copying) = (Arc::clone(&guard.stop), Arc::clone(&guard.copying));
        guard.thread = Some(std::thread::spawn(move || copy_until(&conn, &stop, &copying)));
        Ok(guard)
    }
}

/// PASSIVE checkpoints never wait and never hold the writer up.
fn copy_until(conn: &Connection, stop: &AtomicBool, copying: &Mutex<()>) {
    while !stop.load(Ordering::Relaxed) {
        {
            let _turn = copying.lock().unwrap_or_else(PoisonError::into_inner);
            // A failed checkpoint loses nothing: the pages stay in the log for the next one.
            let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        }
        std::thread::sleep(INTERVAL);
    }
}

impl BackgroundCheckpoints<'_> {
    /// Has a long log start over; call it between write transactions. Waits at most a few
    /// seconds for readers, and then leaves it for a while.
    pub fn keep_log_short(&self) -> Result<()> {
        let written = self.store.bytes_written.get();
        if self.thread.is_none()
            || Instant::now() < self.next_restart.get()
            || written - self.restarted_at.get() < RESTART_AFTER_BYTES
        {
            return Ok(());
        }
        let store = self.store;
        let busy = {
            let _turn = self.copying.lock().unwrap_or_else(PoisonError::into_inner);
            store.conn.busy_timeout(RESTART_PATIENCE).ctx("setting the busy timeout")?;
            store.conn.query_row("PRAGMA wal_checkpoint(RESTART)", [], |row| row.get::<_, i64>(0))
        };
        store.conn.busy_timeout(store.busy_timeout.get()).ctx("setting the busy timeout")?;
        // Busy (a reader kept the log) or failed: try again later.
        if matches!(busy, Ok(0)) {
            self.restarted_at.set(written);
        } else {
            self.next_restart.set(Instant::now() + RESTART_BACKOFF);
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
