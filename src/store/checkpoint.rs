//! Checkpointing on a second thread during bulk writes.
//!
//! In WAL mode every page is written twice: to the log at commit, and from the log into the
//! database by a checkpoint. SQLite runs the checkpoint inside whichever commit crosses the
//! threshold, so a bulk writer spends about a third of its time copying pages. A second
//! connection on its own thread can do that copying while the writer goes on.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

use super::Store;
use super::error::{Result, SqlContext};

/// How often the background connection copies what the writer has committed.
const INTERVAL: Duration = Duration::from_millis(25);

/// Log length (pages) at which the background connection makes the writer wait for a moment,
/// so that the log starts over instead of growing with the whole import.
const RESTART_AT_PAGES: i64 = 16_384;

/// How long a RESTART checkpoint waits for the writer and readers before trying later.
const RESTART_PATIENCE: Duration = Duration::from_millis(200);

/// SQLite's own threshold, restored afterwards (pages).
const AUTO_CHECKPOINT_PAGES: i64 = 1000;

/// While alive, checkpoints run on a second thread instead of inside the store's commits.
pub struct BackgroundCheckpoints<'store> {
    store: &'store Store,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Store {
    /// Moves checkpointing to a second thread until the returned guard is dropped; for bulk
    /// writes. Does nothing for an in-memory or read-only store.
    pub fn checkpoint_in_background(&self) -> Result<BackgroundCheckpoints<'_>> {
        let stop = Arc::new(AtomicBool::new(false));
        let mut guard = BackgroundCheckpoints { store: self, stop: stop.clone(), thread: None };
        let Some(path) = self.path().filter(|_| !self.read_only) else { return Ok(guard) };
        let conn = Connection::open(path).ctx("opening a second connection for checkpoints")?;
        // A RESTART holds new writers back while it waits for readers to leave the log: give
        // up soon (and retry later) rather than stall the import behind a long reader.
        conn.busy_timeout(RESTART_PATIENCE).ctx("setting the busy timeout")?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 0).ctx("pausing automatic checkpoints")?;
        guard.thread = Some(std::thread::spawn(move || checkpoint_until(&conn, &stop)));
        Ok(guard)
    }
}

fn checkpoint_until(conn: &Connection, stop: &AtomicBool) {
    let mut mode = "PASSIVE";
    while !stop.load(Ordering::Relaxed) {
        // A failed checkpoint loses nothing: the pages stay in the log for the next one.
        let log_pages = conn.query_row(&format!("PRAGMA wal_checkpoint({mode})"), [], |row| row.get::<_, i64>(1));
        mode = if log_pages.is_ok_and(|pages| pages >= RESTART_AT_PAGES) { "RESTART" } else { "PASSIVE" };
        std::thread::sleep(INTERVAL);
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
