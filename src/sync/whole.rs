//! Syncing a source that is read as a whole (an SQLite database, a folder of JSON files): it
//! is read again only when its files changed, and the store's import keeps only what is new.

use std::path::Path;

use crate::import::{self, Format, Options, SourceSummary};
use crate::store::{FileCursor, FollowedSource, Store, fingerprint_bytes};

/// Files looked at under a followed folder read as a whole, at most, to tell whether it changed.
const MAX_FILES: usize = 100_000;

pub(super) fn sync_whole(
    store: &Store,
    source: &FollowedSource,
    format: Format,
    done: &mut SourceSummary,
) -> anyhow::Result<usize> {
    let signature = signature(&source.path);
    let cursors = store.file_cursors(source.id)?;
    let previous = cursors.get(&source.path);
    if previous.is_some_and(|cursor| cursor.state.as_deref() == Some(signature.as_str())) {
        let sessions = previous.map_or(0, |cursor| cursor.events);
        done.sessions_unchanged += usize::try_from(sessions).unwrap_or(0);
        return Ok(usize::try_from(sessions).unwrap_or(0));
    }
    let options: Options = options_of(&source.options);
    let mut sessions = 0usize;
    let skipped = import::read(&source.path, format, &options, &mut |session| {
        let outcome = store.import_session(&session)?;
        done.count(outcome);
        sessions += 1;
        Ok(())
    })?;
    done.skipped.extend(skipped);
    // The number of sessions is kept in the cursor's `events`: a whole source has no session of
    // its own, and `recall sources` shows the count without reading the source again.
    let cursor = FileCursor {
        path: source.path.clone(),
        state: Some(signature),
        events: i64::try_from(sessions).unwrap_or(i64::MAX),
        ..FileCursor::default()
    };
    store.save_file_cursor(source.id, &cursor)?;
    Ok(sessions)
}

fn options_of(options: &serde_json::Value) -> Options {
    let text = |key: &str| options.get(key).and_then(serde_json::Value::as_str).map(str::to_string);
    Options { sessions_table: text("sessions_table"), messages_table: text("messages_table") }
}

/// Sizes, times and identities of the source's files: a database with its WAL and journal, or
/// every file under a folder. Equal signatures mean nothing was written since.
fn signature(path: &Path) -> String {
    let mut hash = fingerprint_bytes(b"");
    let mut add = |file: &Path| {
        if let Ok(meta) = std::fs::metadata(file) {
            let mtime = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            let line = format!("{}|{}|{:?}", file.display(), meta.len(), mtime);
            hash = crate::store::fingerprint_continue(hash, line.as_bytes());
        }
    };
    if path.is_dir() {
        let mut files = Vec::new();
        walk(path, 6, &mut files);
        files.sort();
        files.iter().for_each(|file| add(file));
    } else {
        add(path);
        for suffix in ["-wal", "-journal"] {
            let mut name = path.as_os_str().to_os_string();
            name.push(suffix);
            add(Path::new(&name));
        }
    }
    format!("{hash:016x}")
}

/// Regular files under `dir`, following no symlinked folder (a loop would never end).
fn walk(dir: &Path, depth: usize, found: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if found.len() >= MAX_FILES {
            return;
        }
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() && depth > 0 {
            walk(&entry.path(), depth - 1, found);
        } else if kind.is_file() {
            found.push(entry.path());
        }
    }
}
