//! Where recall keeps its data.

use std::path::PathBuf;

use anyhow::{Context, Result};

/// Overrides the store's location, like `--db`.
pub const DB_ENV: &str = "RECALL_DB";

/// The default store: `recall.db` in the platform's data folder
/// (`~/.local/share/recall` on Linux, `~/Library/Application Support/recall` on macOS).
pub fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "recall")
        .context("cannot find a home folder for the store; pass --db PATH or set RECALL_DB")?;
    Ok(dirs.data_dir().join("recall.db"))
}
