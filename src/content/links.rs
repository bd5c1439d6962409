//! Which tool result answers which call, across the events of a session.

use std::collections::HashMap;

use super::Block;

/// Calls and results of a session by call id, built as its events are parsed (in any order;
/// a result seen before its call is linked once the call arrives).
///
/// ```
/// use recall::content::{Block, CallIndex};
///
/// let mut index = CallIndex::default();
/// index.record(3, &[Block::ToolCall { id: Some("c1".into()), name: "get_weather".into(), arguments: "{}".into() }]);
/// assert_eq!(index.result_for("c1"), None); // "no result yet"
/// index.record(4, &[Block::ToolResult { call_id: Some("c1".into()), name: None, output: "18C".into(), is_error: false }]);
/// assert_eq!(index.call_for("c1"), Some((3, "get_weather")));
/// assert_eq!(index.result_for("c1"), Some((4, false)));
/// ```
#[derive(Debug, Default, Clone)]
pub struct CallIndex {
    calls: HashMap<String, (i64, String)>,
    /// What each call was about, to tell two calls of one tool apart (see `call_gist`).
    gists: HashMap<String, String>,
    results: HashMap<String, (i64, bool)>,
}

/// A gist longer than this is cut, with an ellipsis.
const GIST_CHARS: usize = 40;

impl CallIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Notes the calls and results among `blocks`, which were parsed from event `seq`.
    /// The first call or result seen for an id is kept: ids are unique within a session, and
    /// a repeated one (a resumed Codex rollout replaying history) points at the original.
    pub fn record(&mut self, seq: i64, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::ToolCall { id: Some(id), name, arguments } if !self.calls.contains_key(id) => {
                    self.calls.insert(id.clone(), (seq, name.clone()));
                    if let Some(gist) = gist(arguments) {
                        self.gists.insert(id.clone(), gist);
                    }
                }
                Block::ToolResult { call_id: Some(id), is_error, .. } => {
                    self.results.entry(id.clone()).or_insert((seq, *is_error));
                }
                _ => {}
            }
        }
    }

    /// The event holding the call with this id, and the tool's name.
    pub fn call_for(&self, call_id: &str) -> Option<(i64, &str)> {
        self.calls.get(call_id).map(|(seq, name)| (*seq, name.as_str()))
    }

    /// What the call with this id was about: its first argument (the command of a shell
    /// call, the path of a read), on one line, cut to a few words. None without arguments.
    ///
    /// ```
    /// use recall::content::{Block, CallIndex};
    ///
    /// let mut index = CallIndex::default();
    /// let arguments = r#"{"command": "head -n 2 Cargo.toml", "timeout": 5}"#.into();
    /// index.record(3, &[Block::ToolCall { id: Some("c1".into()), name: "Bash".into(), arguments }]);
    /// assert_eq!(index.call_gist("c1"), Some("head -n 2 Cargo.toml"));
    /// ```
    pub fn call_gist(&self, call_id: &str) -> Option<&str> {
        self.gists.get(call_id).map(String::as_str)
    }

    /// The event holding the result of this call, and whether it failed; None: no result yet.
    pub fn result_for(&self, call_id: &str) -> Option<(i64, bool)> {
        self.results.get(call_id).copied()
    }

    /// The name to show for a result: its own when it has one, else its call's.
    pub fn result_name<'a>(&'a self, result: &'a Block) -> Option<&'a str> {
        match result {
            Block::ToolResult { name: Some(name), .. } => Some(name),
            Block::ToolResult { call_id: Some(id), .. } => self.call_for(id).map(|(_, name)| name),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.calls.is_empty() && self.results.is_empty()
    }
}

/// The first argument's value, or the arguments themselves when they are not a JSON object.
fn gist(arguments: &str) -> Option<String> {
    let first = match serde_json::from_str::<serde_json::Value>(arguments) {
        Ok(serde_json::Value::Object(map)) => match map.into_iter().next()?.1 {
            serde_json::Value::String(text) => text,
            serde_json::Value::Null => return None,
            other => other.to_string(),
        },
        Ok(serde_json::Value::Null) => return None,
        Ok(other) => other.to_string(),
        Err(_) => arguments.to_string(),
    };
    let line = first.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        return None;
    }
    if line.chars().count() <= GIST_CHARS {
        return Some(line);
    }
    let mut cut: String = line.chars().take(GIST_CHARS - 1).collect::<String>().trim_end().to_string();
    cut.push('…');
    Some(cut)
}
