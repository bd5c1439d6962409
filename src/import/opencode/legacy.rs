//! `storage/` (OpenCode up to 1.1.65): one pretty-printed JSON file per object, each carrying
//! its own ids: `session/<project id>/<ses>.json`, `message/<ses id>/<msg>.json`,
//! `part/<msg id>/<prt>.json`. Session ids sort newest first, so sessions are ordered by
//! `time.created`; messages by `time.created`, then id; parts by id (their file name).
//! OpenCode rewrites a file in place while a turn runs, so a half-written one is skipped and
//! reported like a bad row.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{Message, Part, SessionInfo, model_name, parse_object, session};
use crate::import::error::io_error;
use crate::import::{Out, Result, time};

/// Whether `dir` is an OpenCode `storage/` folder.
pub(crate) fn is_storage(dir: &Path) -> bool {
    dir.join("session").is_dir() && (dir.join("message").is_dir() || dir.join("part").is_dir())
}

/// For `storage/session/<project>/<ses>.json`, the `storage/` folder it belongs to.
pub(super) fn storage_of_session_file(path: &Path) -> Option<PathBuf> {
    if !path.is_file() || path.extension().is_none_or(|e| e != "json") {
        return None;
    }
    let sessions = path.parent()?.parent()?;
    let storage = sessions.parent()?;
    (sessions.file_name()? == "session" && is_storage(storage)).then(|| storage.to_path_buf())
}

/// Imports the sessions of `storage` that are not in `seen` (already read from the database).
pub(super) fn read(storage: &Path, seen: &HashSet<String>, out: &mut Out<'_, '_>) -> Result<()> {
    let mut files = Vec::new();
    for project in sorted_entries(&storage.join("session"))? {
        if project.is_dir() {
            files.extend(sorted_entries(&project)?.into_iter().filter(|f| is_json(f)));
        }
    }
    let mut sessions: Vec<SessionInfo> = files.iter().filter_map(|file| read_session(file, out)).collect();
    sessions.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
    for info in sessions.into_iter().filter(|info| !seen.contains(&info.id)) {
        import(storage, info, out)?;
    }
    Ok(())
}

/// Imports the one session whose file is `file`.
pub(super) fn read_one(storage: &Path, file: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    match read_session(file, out) {
        Some(info) => import(storage, info, out),
        None => Ok(()),
    }
}

fn import(storage: &Path, info: SessionInfo, out: &mut Out<'_, '_>) -> Result<()> {
    let messages = read_messages(storage, &info.id, out)?;
    match session(info, &messages) {
        Some(session) => out.session(session),
        None => Ok(()),
    }
}

fn read_session(file: &Path, out: &mut Out<'_, '_>) -> Option<SessionInfo> {
    let (_, value) = read_object(file, out)?;
    let text = |key: &str| value[key].as_str().filter(|t| !t.is_empty()).map(str::to_string);
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned());
    let moment = |key: &str| value["time"][key].as_f64().and_then(time::from_unix);
    Some(SessionInfo {
        id: text("id").or(stem)?,
        title: text("title"),
        directory: text("directory"),
        project: None,
        parent_id: text("parentID"),
        version: text("version"),
        model: model_name(&value["model"]),
        created: moment("created"),
        updated: moment("updated"),
        archived: moment("archived").is_some(),
        file: file.to_path_buf(),
    })
}

fn read_messages(storage: &Path, session_id: &str, out: &mut Out<'_, '_>) -> Result<Vec<Message>> {
    let mut messages = Vec::new();
    for file in json_files(&storage.join("message").join(session_id))? {
        let Some((json, info)) = read_object(&file, out) else { continue };
        let id = info["id"].as_str().map(str::to_string).or_else(|| stem(&file));
        let Some(id) = id else { continue };
        let mut parts = Vec::new();
        for part in json_files(&storage.join("part").join(&id))? {
            if let Some((json, value)) = read_object(&part, out) {
                parts.push(Part { json, value });
            }
        }
        let created = info["time"]["created"].as_f64().and_then(time::from_unix);
        messages.push(Message { id, json, info, created, parts });
    }
    messages.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
    Ok(messages)
}

fn read_object(file: &Path, out: &mut Out<'_, '_>) -> Option<(Box<serde_json::value::RawValue>, Value)> {
    let parsed = crate::files::read_regular_to_string(file)
        .map_err(|e| format!("unreadable: {e}"))
        .and_then(|t| parse_object(&t));
    match parsed {
        Ok(object) => Some(object),
        Err(reason) => {
            out.skip(file.display().to_string(), reason);
            None
        }
    }
}

/// The `.json` files of `dir` by name (its ids), or none when it does not exist.
fn json_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    Ok(sorted_entries(dir)?.into_iter().filter(|f| is_json(f)).collect())
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).map_err(io_error(dir))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    Ok(entries)
}

fn is_json(path: &Path) -> bool {
    path.is_file() && path.extension().is_some_and(|e| e == "json")
}

fn stem(file: &Path) -> Option<String> {
    file.file_stem().map(|s| s.to_string_lossy().into_owned())
}
