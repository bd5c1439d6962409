//! Aider: `.aider.chat.history.md` in each repository it ran in (`--auto` reads the one in the
//! current folder and in its git root; `recall import DIR` finds them below DIR).
//!
//! The file is Markdown that aider appends to; each run starts with `# aider chat started at
//! <time>` and is one session. Aider keeps no session id, so a session's `source_id` is the
//! file's canonical path and that time as written (`<path>@2026-11-30 23:03:41`, then `#2`,
//! `#3` for runs started in the same second): the same on every read of a file that only
//! grows. The time is the machine's local time without a zone; it is read in this machine's
//! local zone (the zone aider most likely ran in) and stored in UTC. No message has a time of
//! its own: every event takes its run's. A run that never got to a prompt or a reply
//! (aider started and quit) holds only aider's start-up notes and is not a session.
//!
//! Events are messages (see [`sections`]): the user's `####` lines, a reply, or one of
//! aider's `>` notes. Each is stored as `{"aider": "user" | "assistant" | "note", "text": <the
//! exact lines, bytes unmodified>, "line": <its first line in the file>}`, and a note that
//! reports how edit blocks went also names the calls it answers (see [`outcomes`]); the
//! content parser reads the SEARCH/REPLACE blocks of a reply as `edit` calls. Metadata: `cwd`
//! (the folder holding the file), `project`, `path`, and `model` and `aider_version` from the
//! start-up notes. Other edit formats (`whole`, `udiff`) are shown as the replies they are,
//! without tool calls.

mod find;
mod outcomes;
mod sections;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};
use serde_json::{Map, Value};

use super::error::io_error;
use super::{Out, Result, chat, time, title};
use crate::content::{aider_note_text, aider_user_words};
use crate::store::{ImportedSession, NewEvent};
use outcomes::Outcome;
use sections::{Item, Kind, Section};

pub(crate) use find::{default_files, history_files, holds_history, is_history_file};

const SOURCE: &str = "aider";

pub(crate) fn read(path: &Path, out: &mut Out<'_, '_>) -> Result<()> {
    let files = if path.is_dir() { find::history_files(path, out)? } else { vec![path.to_path_buf()] };
    for file in files {
        for session in read_file(&file, out)? {
            out.session(session)?;
        }
    }
    Ok(())
}

/// Every run in one history file, in order.
pub(crate) fn read_file(file: &Path, out: &mut Out<'_, '_>) -> Result<Vec<ImportedSession>> {
    let bytes = crate::files::read_regular(file).map_err(io_error(file))?;
    let history = sections::split(&bytes);
    for (line, reason) in history.skipped {
        out.skip(format!("{}:{line}", file.display()), reason);
    }
    let key = std::fs::canonicalize(file).or_else(|_| std::path::absolute(file)).unwrap_or_else(|_| file.to_path_buf());
    let mut runs_started: HashMap<String, usize> = HashMap::new();
    let mut sessions = Vec::new();
    for section in &history.sections {
        let repeat = runs_started.entry(section.started.clone()).or_default();
        *repeat += 1;
        let mut source_id = format!("{}@{}", key.display(), section.started);
        if *repeat > 1 {
            source_id.push_str(&format!("#{repeat}"));
        }
        if let Some(session) = session(source_id, section, &key, file) {
            sessions.push(session);
        }
    }
    Ok(sessions)
}

fn session(source_id: String, section: &Section, key: &Path, file: &Path) -> Option<ImportedSession> {
    if !section.items.iter().any(|item| item.kind != Kind::Note) {
        return None;
    }
    let created_at = NaiveDateTime::parse_from_str(&section.started, "%Y-%m-%d %H:%M:%S")
        .ok()
        .and_then(|naive| local_to_utc(naive, &Local))
        .unwrap_or_else(|| time::modified(file));
    let found = outcomes::link(&section.items);
    let events = section.items.iter().zip(&found).map(|(item, outcomes)| event(item, outcomes, created_at)).collect();
    Some(ImportedSession {
        source: SOURCE.into(),
        source_id,
        title: run_title(&section.items),
        created_at,
        updated_at: created_at,
        metadata: metadata(section, key),
        events,
    })
}

/// A local time without a zone, read in `zone`. Of a time that came twice (clocks turned
/// back), the first; one that never came (clocks turned forward) is read an hour later.
pub(super) fn local_to_utc<Tz: TimeZone>(naive: NaiveDateTime, zone: &Tz) -> Option<DateTime<Utc>> {
    let local = zone.from_local_datetime(&naive).earliest().or_else(|| {
        let later = naive.checked_add_signed(chrono::Duration::hours(1))?;
        zone.from_local_datetime(&later).earliest()
    })?;
    Some(local.with_timezone(&Utc))
}

fn event(item: &Item, outcomes: &[Outcome], at: DateTime<Utc>) -> NewEvent {
    let mut message = Map::new();
    message.insert("aider".into(), Value::String(item.kind.name().into()));
    message.insert("text".into(), Value::String(item.text.clone()));
    message.insert("line".into(), Value::from(item.line));
    if !outcomes.is_empty() {
        let edits = outcomes
            .iter()
            .map(|o| serde_json::json!({"call_id": o.call_id, "error": o.error}))
            .collect::<Vec<Value>>();
        message.insert("edits".into(), Value::Array(edits));
    }
    NewEvent {
        content: Value::Object(message).to_string(),
        created_at: Some(at),
        invocation_id: None,
        metadata: chat::error_flag(outcomes.iter().any(|o| o.error)),
    }
}

/// The first words of the first message to the model; a run of only commands is titled by
/// its first command.
fn run_title(items: &[Item]) -> Option<String> {
    let said: Vec<String> =
        items.iter().filter(|item| item.kind == Kind::User).map(|item| aider_user_words(&item.text)).collect();
    let first = said.iter().find(|words| !words.starts_with('/')).or(said.first())?;
    Some(title::shorten(first)).filter(|t| !t.is_empty())
}

fn metadata(section: &Section, key: &Path) -> Map<String, Value> {
    let mut metadata = Map::new();
    let folder: Option<PathBuf> = key.parent().map(Path::to_path_buf);
    if let Some(folder) = &folder {
        metadata.insert("cwd".into(), Value::String(folder.display().to_string()));
        if let Some(name) = folder.file_name() {
            metadata.insert("project".into(), Value::String(name.to_string_lossy().into_owned()));
        }
    }
    metadata.insert("path".into(), Value::String(key.display().to_string()));
    metadata.insert("started_local".into(), Value::String(section.started.clone()));
    for item in section.items.iter().filter(|item| item.kind == Kind::Note) {
        let note = aider_note_text(&item.text);
        if let Some(version) = note.strip_prefix("Aider v") {
            metadata.insert("aider_version".into(), Value::String(version.trim().to_string()));
        }
        let model = note.strip_prefix("Model: ").or_else(|| note.strip_prefix("Main model: "));
        if let Some((model, _)) = model.and_then(|m| m.split_once(" with ")) {
            metadata.entry("model").or_insert_with(|| Value::String(model.trim().to_string()));
        }
    }
    metadata
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    #[test]
    fn local_times_are_read_in_the_given_zone() {
        let naive = NaiveDateTime::parse_from_str("2026-11-30 23:03:41", "%Y-%m-%d %H:%M:%S").expect("time");
        let tokyo = FixedOffset::east_opt(9 * 3600).expect("zone");
        let utc = local_to_utc(naive, &tokyo).map(|t| t.to_rfc3339());
        assert_eq!(utc.as_deref(), Some("2026-11-30T14:03:41+00:00"));
    }
}
