//! Syncing a source whose sessions live one per file: a cursor per file, and only the files
//! that changed are read; a transcript that only grew is read from where the last sync stopped.

use std::collections::HashSet;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::import::{self, Format, Options, SourceSummary};
use crate::store::{Appended, FileCursor, FollowedSource, ImportOutcome, Store};

/// How many bytes before a cursor's offset are hashed to notice a rewritten file.
const TAIL_CHECK: u64 = 4096;

/// Brings every changed file of `source` into the store; unchanged files are not opened.
pub(super) fn sync_files(
    store: &Store,
    source: &FollowedSource,
    format: Format,
    files: Vec<PathBuf>,
    done: &mut SourceSummary,
    progress: &mut dyn FnMut(usize, usize),
) -> anyhow::Result<usize> {
    let mut cursors = store.file_cursors(source.id)?;
    let mut seen = HashSet::with_capacity(files.len());
    let mut sessions = 0;
    let total = files.len();
    for (index, file) in files.into_iter().enumerate() {
        progress(index, total);
        seen.insert(file.clone());
        // Only regular files: a FIFO or a device named like a transcript would block or never end.
        let Ok(meta) = std::fs::metadata(&file) else {
            done.skipped
                .push(import::Skipped { location: file.display().to_string(), reason: "cannot be read".into() });
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let stat = Stat::of(&meta);
        let cursor = cursors.remove(&file);
        if let Some(cursor) = &cursor
            && stat.matches(cursor)
        {
            sessions += usize::from(cursor.session.is_some());
            done.sessions_unchanged += usize::from(cursor.session.is_some());
            continue;
        }
        match sync_file(store, source.id, format, &file, &stat, cursor, done) {
            Ok(fed) => sessions += usize::from(fed),
            Err(err) => {
                done.skipped.push(import::Skipped { location: file.display().to_string(), reason: format!("{err:#}") })
            }
        }
    }
    let gone: Vec<PathBuf> = cursors.into_keys().filter(|path| !seen.contains(path)).collect();
    if !gone.is_empty() {
        store.forget_file_cursors(source.id, &gone)?;
    }
    Ok(sessions)
}

/// Reads one changed file: its new lines when it only grew, else the whole of it. Returns
/// whether the file feeds a session.
fn sync_file(
    store: &Store,
    source: i64,
    format: Format,
    file: &Path,
    stat: &Stat,
    cursor: Option<FileCursor>,
    done: &mut SourceSummary,
) -> anyhow::Result<bool> {
    if let Some(cursor) = cursor.filter(|c| c.session.is_some() && c.file_id == stat.file_id && stat.size >= c.consumed)
        && tail_unchanged(file, &cursor)?
        && let Some(fed) = append_tail(store, source, format, file, stat, cursor, done)?
    {
        return Ok(fed);
    }
    read_whole(store, source, format, file, stat, done)
}

/// Appends what was written after the cursor; None when the session moved on without this
/// cursor (another syncer, a rewrite) and the file must be read whole.
fn append_tail(
    store: &Store,
    source: i64,
    format: Format,
    file: &Path,
    stat: &Stat,
    cursor: FileCursor,
    done: &mut SourceSummary,
) -> anyhow::Result<Option<bool>> {
    let Some(tail) = import::read_tail(file, format, cursor.consumed, cursor.state.as_deref(), &mut done.skipped)
    else {
        return Ok(None);
    };
    let tail = tail?;
    let next = FileCursor {
        size: stat.size,
        mtime_ns: stat.mtime_ns,
        consumed: tail.consumed,
        tail_hash: tail_hash(file, tail.consumed)?,
        state: Some(tail.state),
        ..cursor
    };
    let Some(session) = tail.session else {
        store.save_file_cursor(source, &next)?;
        done.sessions_unchanged += 1;
        return Ok(Some(true));
    };
    if Some(&session.source_id) != next.session.as_ref() {
        return Ok(None);
    }
    match store.append_file(source, &session, next)? {
        Appended::Events(added) => {
            done.count(ImportOutcome::Updated { events: added });
            Ok(Some(true))
        }
        Appended::Stale => Ok(None),
    }
}

fn read_whole(
    store: &Store,
    source: i64,
    format: Format,
    file: &Path,
    stat: &Stat,
    done: &mut SourceSummary,
) -> anyhow::Result<bool> {
    let mut cursor = FileCursor {
        path: file.to_path_buf(),
        size: stat.size,
        mtime_ns: stat.mtime_ns,
        file_id: stat.file_id.clone(),
        consumed: stat.size,
        ..FileCursor::default()
    };
    let sessions = match import::read_tail(file, format, 0, None, &mut done.skipped) {
        Some(tail) => {
            let tail = tail?;
            cursor.consumed = tail.consumed;
            cursor.state = Some(tail.state);
            tail.session.into_iter().collect()
        }
        None => {
            let mut sessions = Vec::new();
            let skipped = import::read(file, format, &Options::default(), &mut |session| {
                sessions.push(session);
                Ok(())
            })?;
            done.skipped.extend(skipped);
            sessions
        }
    };
    cursor.tail_hash = tail_hash(file, cursor.consumed)?;
    let fed = !sessions.is_empty();
    for outcome in store.import_file(source, &sessions, cursor)? {
        done.count(outcome);
    }
    Ok(fed)
}

/// What a file's metadata says, to compare with its cursor without opening it.
pub(super) struct Stat {
    size: u64,
    mtime_ns: i64,
    file_id: String,
}

impl Stat {
    pub(super) fn of(meta: &std::fs::Metadata) -> Stat {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
        Stat { size: meta.len(), mtime_ns, file_id: file_id(meta) }
    }

    fn matches(&self, cursor: &FileCursor) -> bool {
        self.size == cursor.size && self.mtime_ns == cursor.mtime_ns && self.file_id == cursor.file_id
    }
}

#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> String {
    use std::os::unix::fs::MetadataExt;
    format!("{}:{}", meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_id(_meta: &std::fs::Metadata) -> String {
    String::new()
}

/// Whether the bytes before the cursor's offset are still the ones it read.
fn tail_unchanged(file: &Path, cursor: &FileCursor) -> anyhow::Result<bool> {
    Ok(tail_hash(file, cursor.consumed)? == cursor.tail_hash)
}

fn tail_hash(file: &Path, end: u64) -> anyhow::Result<i64> {
    let start = end.saturating_sub(TAIL_CHECK);
    let mut handle = crate::files::open_regular(file)?;
    handle.seek(SeekFrom::Start(start))?;
    let mut bytes = Vec::with_capacity((end - start) as usize);
    handle.take(end - start).read_to_end(&mut bytes)?;
    Ok(crate::store::fingerprint_bytes(&bytes))
}
