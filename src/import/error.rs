use std::path::PathBuf;

use super::Format;

/// Why a whole source could not be imported. Row- and line-level problems are not errors:
/// they become [`super::Skipped`] entries and the import goes on.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {context}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        context: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "{}: {reason}; recall imports {}",
        path.display(),
        Format::ALL.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
    )]
    Undetectable { path: PathBuf, reason: String },
    #[error("{}: not a {format} source: {reason}", path.display())]
    WrongFormat { path: PathBuf, format: Format, reason: String },
    #[error("unknown format '{0}'; known formats: {list}", list = Format::ALL.iter().map(|f| f.name()).collect::<Vec<_>>().join(", "))]
    UnknownFormat(String),
    /// The sink refused a session (e.g. the store failed); the import stops there.
    #[error(transparent)]
    Sink(anyhow::Error),
}

pub type Result<T, E = ImportError> = std::result::Result<T, E>;

pub(crate) fn io_error(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> ImportError {
    let path = path.into();
    move |source| ImportError::Io { path, source }
}
