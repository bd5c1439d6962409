//! Reading a Pi session file into its header and its entries, kept as written; bad lines are
//! reported with their place and left out.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::content::PI_ENTRY_TYPES;
use crate::import::{Out, Result, jsonl, time};

/// Whether a parsed line is Pi's: its header, or an entry of a known type with tree links.
pub(crate) fn is_pi_line(value: &Value) -> bool {
    let Some(object) = value.as_object() else { return false };
    match object.get("type").and_then(Value::as_str) {
        Some("session") => is_header(value),
        Some(kind) => PI_ENTRY_TYPES.contains(&kind) && object.contains_key("id") && object.contains_key("parentId"),
        None => false,
    }
}

fn is_header(value: &Value) -> bool {
    value.get("type").and_then(Value::as_str) == Some("session")
        && value.get("id").is_some_and(Value::is_string)
        && value.get("cwd").is_some_and(Value::is_string)
        && !value.as_object().is_some_and(|o| o.contains_key("payload"))
}

/// One line of the tree, kept as written.
pub(super) struct Entry {
    pub id: String,
    pub parent: Option<String>,
    pub kind: String,
    pub text: String,
    pub value: Value,
}

impl Entry {
    pub(super) fn field(&self, key: &str) -> Option<&str> {
        self.value.get(key).and_then(Value::as_str)
    }

    pub(super) fn message(&self) -> Option<&Value> {
        self.value.get("message").filter(|_| self.kind == "message")
    }

    pub(super) fn role(&self) -> Option<&str> {
        self.message()?.get("role")?.as_str()
    }

    pub(super) fn at(&self) -> Option<DateTime<Utc>> {
        self.field("timestamp").and_then(time::parse)
    }
}

/// The header and the entries of one file, bad lines reported and left out.
pub(super) struct SessionFile {
    pub header: Option<Value>,
    pub entries: Vec<Entry>,
    /// The first line was neither a header nor an entry: not a Pi session at all.
    pub foreign: bool,
}

pub(super) fn read_lines(file: &Path, out: &mut Out<'_, '_>) -> Result<SessionFile> {
    let mut parsed = SessionFile { header: None, entries: Vec::new(), foreign: false };
    let mut first = true;
    jsonl::for_each_line(file, out, |line, out| {
        if parsed.foreign {
            return Ok(());
        }
        let value: Value = match crate::json::parse_value(line.text) {
            Ok(value) => value,
            Err(e) => {
                line.skip_unparsable(file, out, &e);
                return Ok(());
            }
        };
        let is_first = std::mem::take(&mut first);
        if is_first && is_header(&value) {
            parsed.header = Some(value);
            return Ok(());
        }
        if is_first && !is_pi_line(&value) {
            out.skip(line.location(file), "not a Pi session: the first line is not a `session` header");
            parsed.foreign = true;
            return Ok(());
        }
        let Some(kind) = value.get("type").and_then(Value::as_str).map(str::to_string) else {
            out.skip(line.location(file), "not a Pi entry: no `type`");
            return Ok(());
        };
        if kind == "session" {
            out.skip(line.location(file), "a second `session` header");
            return Ok(());
        }
        let id =
            value.get("id").and_then(Value::as_str).map_or_else(|| format!("line-{}", line.number), str::to_string);
        // Version 1 entries have no links: each follows the one before.
        let parent = match value.get("parentId") {
            Some(parent) => parent.as_str().map(str::to_string),
            None => parsed.entries.last().map(|e: &Entry| e.id.clone()),
        };
        parsed.entries.push(Entry { id, parent, kind, text: line.text.to_string(), value });
        Ok(())
    })?;
    Ok(parsed)
}

/// `<time>_<uuid>.jsonl` names a session by its uuid; any other name stands for itself.
pub(super) fn id_from_file_name(file: &Path) -> String {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    match stem.rsplit_once('_') {
        Some((_, id)) if !id.is_empty() => id.to_string(),
        _ => stem,
    }
}
