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
mod ids;
mod import;
mod indexing;
mod open;
mod rows;
mod scan;
mod schema;
mod search;
mod search_count;
mod sessions;
mod text;
mod types;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use checkpoint::BackgroundCheckpoints;
use error::SqlContext;
pub use error::{Result, StoreError};
pub use ids::{AMBIGUOUS_SHOWN, Candidate, SHORT_ID_MIN};
pub use indexing::INDEX_AT_ONCE;
pub use open::is_recall_store;
pub use scan::SourceCount;
pub use schema::LATEST_VERSION;
pub use search::{SCAN_LIMIT, query_terms};
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
    /// The connection's busy timeout, kept to be restored after a shorter wait.
    busy_timeout: std::cell::Cell<std::time::Duration>,
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

    /// How long a change waits for another program's lock before failing with
    /// `StoreError::Busy` (10 s by default). An interactive caller wants this short, so
    /// that a held lock is reported rather than freezing it.
    pub fn set_busy_timeout(&self, timeout: std::time::Duration) -> Result<()> {
        self.busy_timeout.set(timeout);
        self.conn.busy_timeout(timeout).ctx("setting the busy timeout")
    }

    /// A number that changes whenever another connection commits to the store; polling it
    /// is how a viewer notices live writes without re-reading anything.
    pub fn data_version(&self) -> Result<i64> {
        self.conn.query_row("PRAGMA data_version", [], |row| row.get(0)).ctx("checking the store for changes")
    }

    /// Runs `change` in one IMMEDIATE transaction: the write lock is taken up front, so
    /// concurrent writers queue on the busy timeout instead of failing mid-way.
    fn write<T>(&self, what: &'static str, change: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly(what));
        }
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .ctx(&format!("starting to {what}"))?;
        let value = change(&tx)?;
        tx.commit().ctx(&format!("saving ({what})"))?;
        Ok(value)
    }
}

/// Milliseconds since the Unix epoch, the store's representation of time.
fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
