//! Gemini CLI sessions written before 0.40: one pretty-printed JSON document per session,
//! `{sessionId, projectHash, startTime, lastUpdated, summary?, messages: [...]}`, rewritten in
//! full after every message. The messages have the same shape as in the JSONL files; each
//! keeps its element's text exactly as the document has it.

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use super::{Conversation, MessageList, Record, SessionMeta};
use crate::import::error::io_error;
use crate::import::{Out, Result};

#[derive(Deserialize)]
struct Document<'a> {
    #[serde(borrow, default)]
    messages: Vec<&'a RawValue>,
}

/// The session in `file`, or None (reported) when the document does not parse.
pub(super) fn read(file: &Path, out: &mut Out<'_, '_>) -> Result<Option<Conversation>> {
    let bytes = std::fs::read(file).map_err(io_error(file))?;
    let location = file.display().to_string();
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text.trim_start_matches('\u{feff}'),
        Err(e) => {
            out.skip(location, format!("not UTF-8: {e}"));
            return Ok(None);
        }
    };
    let parsed =
        serde_json::from_str::<Value>(text).and_then(|value| Ok((serde_json::from_str::<Document<'_>>(text)?, value)));
    let (document, value) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            out.skip(location, format!("not a Gemini CLI session document: {e}"));
            return Ok(None);
        }
    };
    let mut meta = SessionMeta::default();
    meta.merge(&value);
    let values = value.get("messages").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let mut messages = MessageList::default();
    for (index, (text, value)) in document.messages.into_iter().zip(values).enumerate() {
        let Some(id) = value.get("id").and_then(Value::as_str) else {
            out.skip(format!("{location}: messages[{index}]"), "a message without a string id");
            continue;
        };
        // As in the CLI's loader, a repeated id replaces the earlier message where it stands.
        messages.put(Record { id: id.to_string(), text: text.get().to_string(), value: value.clone() });
    }
    Ok(Some(Conversation::from((meta, messages))))
}
