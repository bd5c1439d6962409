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
    #[error("the store is read-only: {0} refused")]
    ReadOnly(&'static str),
    #[error("the store is locked by another program ({0}); nothing was saved, try again")]
    Busy(String),
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
        self.map_err(|source| {
            if source.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) {
                StoreError::ReadOnly("writing")
            } else if source.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) {
                StoreError::Busy(context.to_string())
            } else {
                StoreError::Sqlite { context: context.to_string(), source }
            }
        })
    }
}
