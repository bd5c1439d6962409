use std::path::PathBuf;

/// What can go wrong in the store, typed where callers act differently on each kind.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no {what} matches '{key}'")]
    NotFound { what: &'static str, key: String },
    /// `candidates` are the most recent of the `matches` sessions, at most `AMBIGUOUS_SHOWN`.
    #[error("{}", super::ids::ambiguous_message(prefix, *matches, candidates))]
    Ambiguous { prefix: String, matches: usize, candidates: Vec<super::ids::Candidate> },
    #[error(
        "{path} was written by a newer recall (schema {found}, this one knows up to {supported}); upgrade recall to open it"
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error(
        "{path} is an SQLite database but not a recall store; to bring its conversations in, run `recall import {path}`"
    )]
    ForeignDatabase { path: PathBuf },
    #[error("{path} is not an SQLite database")]
    NotSqlite { path: PathBuf },
    /// The file the store was opened from is gone or another file has its name now (restored
    /// from a backup, its folder deleted): a change would go into a file nobody opens again.
    #[error("{} was deleted or replaced since it was opened: nothing was saved; open it again", path.display())]
    Replaced { path: PathBuf },
    #[error("the store is read-only: {0} refused")]
    ReadOnly(&'static str),
    #[error("the store is locked by another program ({0}); nothing was saved, try again")]
    Busy(String),
    /// The disk (or a quota) has no room for what SQLite had to write; nothing was saved.
    #[error("no space left on the disk ({0}); nothing was saved")]
    NoSpace(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{context}: {source}")]
    Sqlite {
        context: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Attaches a sentence of context to a rusqlite result, turning write refusals into ReadOnly.
pub(crate) trait SqlContext<T> {
    fn ctx(self, context: &str) -> Result<T>;
}

impl<T> SqlContext<T> for rusqlite::Result<T> {
    fn ctx(self, context: &str) -> Result<T> {
        self.map_err(|source| sql_error(context, source))
    }
}

/// A rusqlite error with a sentence of context, typed where callers act on the kind.
pub(crate) fn sql_error(context: &str, source: rusqlite::Error) -> StoreError {
    if source.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) {
        StoreError::ReadOnly("writing")
    } else if source.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) {
        StoreError::Busy(context.to_string())
    } else if is_no_space(&source) {
        StoreError::NoSpace(context.to_string())
    } else {
        StoreError::Sqlite { context: context.to_string(), source }
    }
}

/// SQLite's way of saying the disk is full: SQLITE_FULL, or the shared-memory file of a WAL
/// store failing to grow (SQLITE_IOERR_SHMSIZE, "disk I/O error"), which is what opening a
/// store on a full disk meets first.
fn is_no_space(error: &rusqlite::Error) -> bool {
    match error {
        rusqlite::Error::SqliteFailure(failure, _) => {
            failure.code == rusqlite::ErrorCode::DiskFull
                || failure.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE
        }
        _ => false,
    }
}
