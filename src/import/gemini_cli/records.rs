//! Replaying a Gemini CLI JSONL session file (0.40 and later) into the conversation it holds now.
//!
//! The file is a log, applied line by line as the CLI's own loader does
//! (`loadConversationRecord`):
//! - `{"$rewindTo": id}`: drop that message and all after it (every message when the id is
//!   unknown);
//! - a message record (a string `id`): replaces the message with that id where it stands, or
//!   is appended;
//! - `{"$set": {...}}`: merges into the session's metadata; its `messages`, when present,
//!   replace the whole message list (written on resume, re-encoded for the API);
//! - a header (`sessionId` and `projectHash`): metadata, written at start and on each resume.
//!
//! Each message keeps the exact JSON text it was last written with: its line, or its element of
//! a `$set.messages` list.

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use super::{Conversation, MessageList as Messages, Record, SessionMeta};
use crate::import::jsonl::{self, Line};
use crate::import::{Out, Result};

/// `{"$set": {"messages": [...]}}` with each message's text as written.
#[derive(Deserialize)]
struct SetLine<'a> {
    #[serde(rename = "$set", borrow)]
    set: SetMessages<'a>,
}

#[derive(Deserialize)]
struct SetMessages<'a> {
    #[serde(borrow, default)]
    messages: Option<Vec<&'a RawValue>>,
}

pub(super) fn read(file: &Path, out: &mut Out<'_, '_>) -> Result<Conversation> {
    let mut messages = Messages::default();
    let mut meta = SessionMeta::default();
    jsonl::for_each_line(file, out, |line, out| {
        match crate::json::parse_value(line.text) {
            Ok(value) => take_line(file, &line, value, &mut messages, &mut meta, out),
            Err(e) => line.skip_unparsable(file, out, &e),
        }
        Ok(())
    })?;
    Ok(Conversation::from((meta, messages)))
}

fn take_line(
    file: &Path,
    line: &Line<'_>,
    value: Value,
    messages: &mut Messages,
    meta: &mut SessionMeta,
    out: &mut Out<'_, '_>,
) {
    let Value::Object(object) = &value else {
        return out.skip(line.location(file), "not a JSON object");
    };
    if let Some(id) = object.get("$rewindTo").and_then(Value::as_str) {
        return messages.rewind_to(id);
    }
    if let Some(id) = object.get("id").and_then(Value::as_str) {
        let id = id.to_string();
        return messages.put(Record { id, text: line.text.to_string(), value });
    }
    if let Some(set) = object.get("$set").filter(|set| set.is_object()) {
        meta.merge(set);
        if set.get("messages").is_some_and(Value::is_array) {
            messages.clear();
            put_all(file, line, set, true, messages, out);
        }
        return;
    }
    let is_header = ["sessionId", "projectHash"].iter().all(|key| object.get(*key).is_some_and(Value::is_string));
    if is_header {
        meta.merge(&value);
        if value.get("messages").is_some_and(Value::is_array) {
            put_all(file, line, &value, false, messages, out);
        }
        return;
    }
    out.skip(line.location(file), "not a Gemini CLI record (no id, $set, $rewindTo or session header)");
}

/// Puts every element of `holder.messages` (`holder` is the line's `$set`, or the line itself
/// for a header), each with its own text from the line.
fn put_all(file: &Path, line: &Line<'_>, holder: &Value, in_set: bool, messages: &mut Messages, out: &mut Out<'_, '_>) {
    // Parsed from the repaired copy (lone surrogates read as U+FFFD), each element's text then
    // taken from the line as written.
    let parsed = crate::json::repaired(line.text);
    let texts = if in_set {
        serde_json::from_str::<SetLine<'_>>(&parsed).ok().and_then(|set| set.set.messages)
    } else {
        serde_json::from_str::<SetMessages<'_>>(&parsed).ok().and_then(|header| header.messages)
    };
    let values = holder.get("messages").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let Some(texts) = texts.filter(|texts| texts.len() == values.len()) else {
        return out.skip(line.location(file), "its messages could not be read as written");
    };
    for (index, (text, value)) in texts.into_iter().zip(values).enumerate() {
        match value.get("id").and_then(Value::as_str) {
            Some(id) => {
                let text = crate::json::original(line.text, &parsed, text.get()).to_string();
                messages.put(Record { id: id.to_string(), text, value: value.clone() })
            }
            None => out.skip(format!("{} messages[{index}]", line.location(file)), "a message without a string id"),
        }
    }
}
