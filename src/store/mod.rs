//! The embedded SQLite store: the only code in recall that speaks SQL.
//!
//! ```
//! use recall::store::Store;
//! use serde_json::json;
//!
//! let store = Store::open_in_memory()?;
//! let session = store.create_session("Plan the trip")?;
//! store.add_events(&session.id, &[
//!     json!({"role": "user", "content": "Where should we go?"}),
//!     json!({"role": "assistant", "content": "Lisbon, in May."}),
//! ])?;
//! let last = store.events_tail(&session.id, 1)?;
//! assert_eq!(last[0].seq, 2);
//! assert_eq!(store.search("lisbon", 10)?[0].session_id, session.id);
//! # Ok::<(), recall::store::StoreError>(())
//! ```

mod checkpoint;
mod error;
mod events;
mod filter;
mod fingerprint;
mod ids;
mod import;
mod indexing;
mod known;
mod nesting;
mod open;
mod ranked;
mod rows;
mod scan;
mod scan_session;
mod schema;
mod search;
mod search_count;
mod sessions;
mod sources;
mod subagents;
mod text;
mod types;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use checkpoint::BackgroundCheckpoints;
use error::SqlContext;
pub use error::{Result, StoreError};
pub use ids::{AMBIGUOUS_SHOWN, Candidate, SHORT_ID_MIN};
pub use indexing::INDEX_AT_ONCE;
pub use known::KnownValues;
pub use nesting::Nested;
pub use open::is_recall_store;
pub use ranked::{CANDIDATES, SessionHits};
pub use scan::SourceCount;
pub use schema::LATEST_VERSION;
pub use search::{SCAN_LIMIT, query_terms};
pub use sources::{Appended, FileCursor, FollowedSource};
pub use subagents::{Subagent, call_of};
pub use types::{Event, ImportOutcome, ImportedSession, NewEvent, SearchHit, Session};

/// Longest title accepted, in characters.
pub const MAX_TITLE_CHARS: usize = 200;

/// How the store may be opened.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpenOptions {
    /// Browse only: every change is refused with `StoreError::ReadOnly`.
    pub read_only: bool,
}

/// A recall store: one SQLite file (or memory) holding sessions and their events.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
    /// Opened read-only because the disk had no space to set it up for changes.
    lacked_space: bool,
    /// Which file `path` named when opened, to notice it being deleted or replaced.
    identity: Option<crate::files::FileId>,
    /// The connection's busy timeout, kept to be restored after a shorter wait.
    busy_timeout: std::cell::Cell<std::time::Duration>,
    /// Where the times of changes made through this store come from: the system clock, or a
    /// test's (see `set_clock`).
    clock: Box<dyn Fn() -> chrono::DateTime<chrono::Utc> + Send>,
    /// Event text committed through this connection, in bytes: how far a bulk writer's log
    /// has grown (see `checkpoint`).
    bytes_written: std::cell::Cell<u64>,
}

impl Store {
    /// Opens (creating it and its folders if missing) the store at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Self::open_with(path, OpenOptions::default())
    }

    pub fn open_with(path: impl AsRef<Path>, options: OpenOptions) -> Result<Store> {
        open::open_file(path.as_ref(), options)
    }

    /// A private store that lives as long as the value; for tests and scratch work.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().ctx("opening an in-memory store")?;
        open::configure(&conn, false)?;
        schema::migrate(&conn)?;
        Ok(Store {
            conn,
            path: None,
            read_only: false,
            lacked_space: false,
            identity: None,
            clock: Box::new(chrono::Utc::now),
            busy_timeout: std::cell::Cell::new(open::BUSY_TIMEOUT),
            bytes_written: std::cell::Cell::new(0),
        })
    }

    /// The file behind the store, or None in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// True when the store was opened read-only because its disk had no space left to open
    /// it for changes (reading needs none). Changes are refused until it is opened again.
    pub fn lacked_space(&self) -> bool {
        self.lacked_space
    }

    /// How long a change waits for another program's lock before failing with
    /// `StoreError::Busy` (10 s by default). An interactive caller wants this short, so
    /// that a held lock is reported rather than freezing it.
    pub fn set_busy_timeout(&self, timeout: std::time::Duration) -> Result<()> {
        self.busy_timeout.set(timeout);
        self.conn.busy_timeout(timeout).ctx("setting the busy timeout")
    }

    /// Stops what this connection is running, from another thread: the statement fails
    /// with an interruption (a search gone stale, say).
    pub fn interrupt_handle(&self) -> rusqlite::InterruptHandle {
        self.conn.get_interrupt_handle()
    }

    /// A number that changes whenever another connection commits to the store; polling it
    /// is how a viewer notices live writes without re-reading anything.
    pub fn data_version(&self) -> Result<i64> {
        self.check_same_file()?;
        self.conn.query_row("PRAGMA data_version", [], |row| row.get(0)).ctx("checking the store for changes")
    }

    /// Runs `change` in one IMMEDIATE transaction: the write lock is taken up front, so
    /// concurrent writers queue on the busy timeout instead of failing mid-way.
    fn write<T>(&self, what: &'static str, change: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly(what));
        }
        self.check_same_file()?;
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .ctx(&format!("starting to {what}"))?;
        let value = change(&tx)?;
        tx.commit().ctx(&format!("saving ({what})"))?;
        Ok(value)
    }
}

/// A stable hash of some bytes (the same in every build), for noticing that a file changed.
pub fn fingerprint_bytes(bytes: &[u8]) -> i64 {
    fingerprint::extend_bytes(fingerprint::EMPTY, bytes)
}

/// Continues a [`fingerprint_bytes`] value over more bytes.
pub fn fingerprint_continue(state: i64, bytes: &[u8]) -> i64 {
    fingerprint::extend_bytes(state, bytes)
}

impl Store {
    /// An error when the file at the store's path is no longer the one it opened.
    fn check_same_file(&self) -> Result<()> {
        let (Some(path), Some(identity)) = (&self.path, &self.identity) else { return Ok(()) };
        match std::fs::metadata(path) {
            Ok(metadata) if crate::files::FileId::of(path, &metadata) == *identity => Ok(()),
            _ => Err(StoreError::Replaced { path: path.clone() }),
        }
    }

    /// Replaces the clock that stamps the changes made through this store (creation, update
    /// and deletion times), so that a test can make times differ without sleeping.
    pub fn set_clock(&mut self, clock: impl Fn() -> chrono::DateTime<chrono::Utc> + Send + 'static) {
        self.clock = Box::new(clock);
    }

    /// Milliseconds since the Unix epoch, the store's representation of time.
    fn now_ms(&self) -> i64 {
        (self.clock)().timestamp_millis()
    }
}
