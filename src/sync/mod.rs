//! Followed sources: recall keeps every history it follows current, reading only what changed.
//!
//! A source is a folder or file in one format. Formats whose sessions live one per file
//! (Claude Code, Codex, chat JSONL) keep a cursor per file ([`files`]); a Claude Code or Codex
//! transcript that only grew is read from where the last sync stopped. Other formats (SQLite databases) are read
//! whole when their files changed ([`whole`]). Writing goes through the store's import, so a
//! rewritten file brings its session to what the file says now, a session the person deleted
//! stays deleted, and a renamed title stays renamed.

mod files;
pub mod watch;
mod whole;

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use serde_json::{Value, json};

use crate::import::{self, Format, Source, SourceSummary, Summary};
use crate::store::{FollowedSource, Store};

/// Problems kept per source in its last result; the rest are counted.
const PROBLEMS_KEPT: usize = 20;

/// A followed source's state, as `recall sources` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Ok,
    Missing,
    Unreadable,
    Off,
}

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::Ok => "ok",
            State::Missing => "missing",
            State::Unreadable => "unreadable",
            State::Off => "off",
        }
    }
}

/// Follows every default location of the tools recall reads that exists on this machine, but
/// for the formats in `off` (`sources.off` in config.toml). Returns the sources newly followed.
/// A location the person turned off stays off.
pub fn follow_defaults(store: &Store, off: &[String]) -> anyhow::Result<Vec<(Format, PathBuf)>> {
    let mut added = Vec::new();
    for (format, path) in import::auto_sources().into_iter().filter(|(format, _)| !is_off(off, format.name())) {
        let (_, new) = store.follow_source(&absolute(&path), format.name(), &json!({}), true)?;
        if new {
            added.push((format, path));
        }
    }
    Ok(added)
}

/// Follows `path` (made absolute) as added by the person.
pub fn follow(store: &Store, path: &Path, format: Format) -> anyhow::Result<bool> {
    Ok(store.follow_source(&absolute(path), format.name(), &json!({}), false)?.1)
}

/// The absolute, symlink-resolved form of `path` when it exists, so that a source named from
/// another folder is the same source.
pub fn absolute(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// Brings every followed source that is on up to date, one after the other; a source that
/// fails is recorded and the next one still runs. `progress` hears of each source as it starts.
pub fn sync_all(store: &Store, progress: &mut dyn FnMut(&FollowedSource)) -> anyhow::Result<Summary> {
    sync_all_but(store, &[], progress)
}

/// [`sync_all`], leaving alone the sources whose format is in `off` (`sources.off` in
/// config.toml).
pub fn sync_all_but(
    store: &Store,
    off: &[String],
    progress: &mut dyn FnMut(&FollowedSource),
) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let mut summary = Summary::default();
    let sources: Vec<FollowedSource> =
        store.followed_sources()?.into_iter().filter(|s| s.enabled && !is_off(off, &s.format)).collect();
    // A first import writes much: the log is copied into the database on a second thread.
    // Without it (an odd file system, say) the sync still runs, checkpointing as it commits.
    // A sync of sources already imported writes little and does not wait for that thread.
    let first = sources.iter().any(|source| source.last_synced.is_none());
    let _checkpoints = first.then(|| store.checkpoint_in_background().ok()).flatten();
    for source in sources {
        progress(&source);
        let done = sync_source(store, &source)?;
        summary.add(done);
    }
    summary.elapsed_ms = millis(started);
    Ok(summary)
}

/// Whether `format` is among the formats config.toml turned off.
pub fn is_off(off: &[String], format: &str) -> bool {
    off.iter().any(|name| name == format)
}

/// Syncs one source and records what happened in the store.
pub fn sync_source(store: &Store, source: &FollowedSource) -> anyhow::Result<SourceSummary> {
    sync_source_reporting(store, source, &mut |_, _| {})
}

/// [`sync_source`], telling `progress` how many of a source's files it has been through, of
/// how many (a first sync of a big history takes a while).
pub fn sync_source_reporting(
    store: &Store,
    source: &FollowedSource,
    progress: &mut dyn FnMut(usize, usize),
) -> anyhow::Result<SourceSummary> {
    let started = Instant::now();
    let format = source.format.parse::<Format>().ok();
    let placeholder = Source { format: format.unwrap_or(Format::ChatJsonl), path: source.path.clone() };
    let mut done = SourceSummary::new(&placeholder);
    let (state, sessions) = match (format, reachable(&source.path)) {
        (None, _) => {
            done.error = Some(format!("recall does not know the format '{}'", source.format));
            (State::Unreadable, 0)
        }
        (_, Err(state)) => {
            done.error = Some(format!("{}: {}", state.name(), source.path.display()));
            (state, 0)
        }
        (Some(format), Ok(())) => match read_source(store, source, format, &mut done, progress) {
            Ok(sessions) => (State::Ok, sessions),
            Err(err) => {
                done.error = Some(format!("{err:#}"));
                (State::Unreadable, 0)
            }
        },
    };
    done.elapsed_ms = millis(started);
    store.record_sync(source.id, &result_json(state, sessions, &done))?;
    Ok(done)
}

fn read_source(
    store: &Store,
    source: &FollowedSource,
    format: Format,
    done: &mut SourceSummary,
    progress: &mut dyn FnMut(usize, usize),
) -> anyhow::Result<usize> {
    match import::transcript_files(&source.path, format, &mut done.skipped) {
        Some(files) => files::sync_files(store, source, format, files?, done, progress),
        None => whole::sync_whole(store, source, format, done),
    }
}

/// Whether a followed path can be read at all: gone (deleted, unmounted) or refused.
fn reachable(path: &Path) -> Result<(), State> {
    match std::fs::metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Err(State::Missing),
        Err(_) => Err(State::Unreadable),
        Ok(meta) if meta.is_dir() => std::fs::read_dir(path).map(drop).map_err(|_| State::Unreadable),
        Ok(meta) if meta.is_file() => crate::files::open_regular(path).map(drop).map_err(|_| State::Unreadable),
        // A FIFO or a device would block or never end.
        Ok(_) => Err(State::Unreadable),
    }
}

fn result_json(state: State, sessions: usize, done: &SourceSummary) -> Value {
    let problems: Vec<String> = done
        .error
        .iter()
        .cloned()
        .chain(done.skipped.iter().map(|skip| format!("{}: {}", skip.location, skip.reason)))
        .collect();
    json!({
        "state": state.name(),
        "sessions": sessions,
        "sessions_added": done.sessions_added,
        "sessions_updated": done.sessions_updated,
        "events_added": done.events_added,
        "events_removed": done.events_removed,
        "problem_count": problems.len(),
        "problems": problems.into_iter().take(PROBLEMS_KEPT).collect::<Vec<_>>(),
    })
}

/// The state `recall sources` shows: off when turned off, else what the last sync found,
/// else whether the path is there now.
pub fn state_of(source: &FollowedSource) -> State {
    if !source.enabled {
        return State::Off;
    }
    let recorded = source.last_result.as_ref().and_then(|r| r["state"].as_str()).map(str::to_string);
    match (reachable(&source.path), recorded.as_deref()) {
        (Err(state), _) => state,
        (Ok(()), Some("unreadable")) => State::Unreadable,
        (Ok(()), _) => State::Ok,
    }
}

fn millis(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}
