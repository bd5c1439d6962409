//! Where recall keeps its data and its settings, and the settings themselves (`config.toml`).

mod file;
mod prices;
mod template;
mod words;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

pub use file::{ColourOverride, Config, ResumeTemplates, Scope, ThemeChoice};
pub use template::{DEFAULT_TEXT, init};
pub use words::split_words;

/// Overrides the store's location, like `--db`.
pub const DB_ENV: &str = "RECALL_DB";

/// Overrides the settings file's location (tests, or a second set of settings).
pub const CONFIG_ENV: &str = "RECALL_CONFIG";

/// What the settings file is called, in messages about it.
pub const FILE_NAME: &str = "config.toml";

/// The default store: `recall.db` in the platform's data folder
/// (`~/.local/share/recall` on Linux, `~/Library/Application Support/recall` on macOS).
pub fn default_db_path() -> Result<PathBuf> {
    Ok(project_dirs()?.data_dir().join("recall.db"))
}

/// The settings file: `$RECALL_CONFIG` when set, else `config.toml` in the platform's config
/// folder (`~/.config/recall` on Linux, `~/Library/Application Support/recall` on macOS,
/// `%APPDATA%\recall\config` on Windows).
pub fn config_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(CONFIG_ENV).filter(|path| !path.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    Ok(project_dirs()?.config_dir().join(FILE_NAME))
}

fn project_dirs() -> Result<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "recall")
        .context("cannot find a home folder for the store; pass --db PATH or set RECALL_DB")
}

/// The settings in force, and what was wrong with the file when it could not be used.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    /// One line naming the file's line ("config.toml line 4: ..."); the defaults are in force.
    pub problem: Option<String>,
}

/// The settings from [`config_path`]: the defaults when there is no file, and when the file is
/// bad (with the reason in `problem`, so that recall still starts).
pub fn load() -> Loaded {
    match config_path() {
        Ok(path) => load_from(&path),
        Err(_) => Loaded::default(),
    }
}

/// The settings from `path`, as [`load`] reads them.
pub fn load_from(path: &Path) -> Loaded {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Loaded::default(),
        Err(err) => {
            return Loaded {
                config: Config::default(),
                problem: Some(format!("cannot read {}: {err}; using the default settings", path.display())),
            };
        }
    };
    match Config::parse(&text) {
        Ok(config) => Loaded { config, problem: None },
        Err(problem) => {
            Loaded { config: Config::default(), problem: Some(format!("{problem}; using the default settings")) }
        }
    }
}
