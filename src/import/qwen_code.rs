//! Qwen Code chat recordings: `~/.qwen/projects/<project>/chats/<session id>.jsonl`, where
//! `<project>` is the working folder with every non-alphanumeric character made `-` (older
//! releases: `~/.qwen/tmp/<project hash>/chats/`).
//!
//! Every line is a record with `uuid` and `parentUuid`. `user`, `assistant` and `tool_result`
//! records are the conversation and become events, kept as written; `system` records are the
//! CLI's own (UI telemetry that repeats the conversation, attribution snapshots, compression
//! checkpoints) and are not, except that the last `custom_title` names the session. The
//! conversation is the chain of parents from the last record back to the first, as Qwen Code's
//! `reconstructHistory` reads it on resume: a `/rewind` re-roots the chain, leaving the turns
//! it undid on a dead branch. `--continue` and `--resume` append to the same file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::detect::collect_files;
use super::jsonl;
use super::{Out, Result, chat, time};
use crate::content::{self, Block};
use crate::store::{ImportedSession, NewEvent};

const SOURCE: &str = "qwen-code";
const CONVERSATION: [&str; 3] = ["user", "assistant", "tool_result"];

/// One record as written.
struct Record {
    text: String,
    value: Value,
    uuid: String,
}

pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    for file in chat_files(path)? {
        if let Some(session) = read_file(&file, out)? {
            out.session(session)?;
        }
    }
    Ok(())
}

/// The `.jsonl` files in the `chats` folders under `~/.qwen` (its `projects`, and `tmp` where
/// releases before the projects folder kept them), one project or one `chats` folder, or the
/// one file given.
pub(crate) fn chat_files(path: &Path) -> Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let holders: Vec<PathBuf> = ["projects", "tmp"].iter().map(|name| path.join(name)).filter(|d| d.is_dir()).collect();
    let roots = if holders.is_empty() || path.join("chats").is_dir() { vec![path.to_path_buf()] } else { holders };
    let in_chats = |p: &Path| p.parent().and_then(Path::file_name).is_some_and(|n| n == "chats");
    let mut files = Vec::new();
    for root in roots {
        collect_files(&root, 3, &mut |p| p.extension().is_some_and(|e| e == "jsonl") && in_chats(p), &mut files)?;
    }
    Ok(files)
}

/// One chat file read whole: its session as it stands, or None when it holds no conversation.
pub(crate) fn read_file(file: &Path, out: &mut Out<'_, '_>) -> Result<Option<ImportedSession>> {
    let mut records = Vec::new();
    jsonl::for_each_line(file, out, |line, out| {
        match crate::json::parse_value(line.text) {
            Ok(value) => match value.get("uuid").and_then(Value::as_str) {
                Some(uuid) => records.push(Record { uuid: uuid.to_string(), text: line.text.to_string(), value }),
                None => out.skip(line.location(file), "not a Qwen Code record (no uuid)"),
            },
            Err(e) => line.skip_unparsable(file, out, &e),
        }
        Ok(())
    })?;
    let active = active_chain(&records);
    let mut events = Vec::new();
    let mut invocation = None;
    for (record, _) in records.iter().zip(&active).filter(|(_, on_chain)| **on_chain) {
        let value = &record.value;
        let kind = value.get("type").and_then(Value::as_str).unwrap_or_default();
        if !CONVERSATION.contains(&kind) {
            continue;
        }
        if kind == "user" && value.get("subtype").is_none() {
            invocation = Some(record.uuid.clone());
        }
        let failed =
            content::parse(value).iter().any(|block| matches!(block, Block::ToolResult { is_error: true, .. }));
        events.push(NewEvent {
            content: record.text.clone(),
            created_at: value.get("timestamp").and_then(Value::as_str).and_then(time::parse),
            invocation_id: invocation.clone(),
            metadata: chat::error_flag(failed),
        });
    }
    if events.is_empty() {
        return Ok(None);
    }
    let (first, last) = time_span(&records);
    let created_at = first.unwrap_or_else(|| time::modified(file));
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Some(ImportedSession {
        source: SOURCE.into(),
        source_id: records.iter().find_map(|r| non_empty(&r.value, "sessionId")).map_or(stem, str::to_string),
        title: records.iter().rev().find_map(custom_title),
        created_at,
        updated_at: last.unwrap_or(created_at).max(created_at),
        metadata: metadata(file, &records),
        events,
    }))
}

/// Which records are on the chain from the last one back to the root. Several records may
/// share a uuid (Qwen Code aggregates them); the first one's parent is followed. A parent that
/// is not in the file (a line lost or unreadable) continues with the record written before, so
/// that one bad line does not cut the session short.
fn active_chain(records: &[Record]) -> Vec<bool> {
    let mut by_uuid: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, record) in records.iter().enumerate() {
        by_uuid.entry(record.uuid.as_str()).or_default().push(index);
    }
    let mut on_chain = vec![false; records.len()];
    let mut current = records.len().checked_sub(1);
    while let Some(index) = current {
        let same = by_uuid.get(records[index].uuid.as_str()).map(Vec::as_slice).unwrap_or_default();
        if same.iter().any(|&i| on_chain[i]) {
            break; // a cycle
        }
        for &i in same {
            on_chain[i] = true;
        }
        let first = same.first().copied().unwrap_or(index);
        current = match records[first].value.get("parentUuid").and_then(Value::as_str) {
            None => None,
            Some(parent) => match by_uuid.get(parent) {
                Some(parents) => parents.first().copied(),
                None => first.checked_sub(1),
            },
        };
    }
    on_chain
}

fn time_span(records: &[Record]) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let times = records.iter().filter_map(|r| r.value.get("timestamp").and_then(Value::as_str).and_then(time::parse));
    times.fold((None, None), |(first, last), at| {
        (Some(first.map_or(at, |f: DateTime<Utc>| f.min(at))), Some(last.map_or(at, |l: DateTime<Utc>| l.max(at))))
    })
}

/// `/rename` (and the automatic titler) append `{type: system, subtype: custom_title,
/// systemPayload: {customTitle}}`.
fn custom_title(record: &Record) -> Option<String> {
    let value = &record.value;
    if value.get("subtype").and_then(Value::as_str) != Some("custom_title") {
        return None;
    }
    let title = value.get("systemPayload")?.get("customTitle")?.as_str()?;
    (!title.trim().is_empty()).then(|| title.to_string())
}

/// The working folder (first record), the CLI version and git branch (last record), the model
/// (last reply), the project folder's name and the file.
fn metadata(file: &Path, records: &[Record]) -> Map<String, Value> {
    let mut metadata = Map::new();
    let first = |key: &str| records.iter().find_map(|r| non_empty(&r.value, key));
    let last = |key: &str| records.iter().rev().find_map(|r| non_empty(&r.value, key));
    chat::put(&mut metadata, "cwd", first("cwd"));
    chat::put(&mut metadata, "model", last("model"));
    chat::put(&mut metadata, "version", last("version"));
    chat::put(&mut metadata, "branch", last("gitBranch"));
    let project = file.parent().filter(|p| p.file_name().is_some_and(|n| n == "chats")).and_then(Path::parent);
    if let Some(project) = project.and_then(Path::file_name) {
        metadata.insert("project".into(), Value::String(project.to_string_lossy().into_owned()));
    }
    metadata.insert("path".into(), Value::String(file.display().to_string()));
    metadata
}

fn non_empty<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str).filter(|text| !text.is_empty())
}
