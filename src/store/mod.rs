//! The embedded SQLite store: the only code in recall that speaks SQL.

mod error;
mod types;

pub use error::{Result, StoreError};
pub use types::{Event, ImportOutcome, ImportedSession, NewEvent, SearchHit, Session};
