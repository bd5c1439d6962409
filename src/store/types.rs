//! Plain values that cross the store's boundary: what callers read and what they hand in.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

/// One conversation as the store keeps it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    pub id: String,
    pub title: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Where it came from: `recall` for sessions made here, else the importer's name.
    pub source: String,
    /// The id in the origin, unique together with `source`.
    pub source_id: Option<String>,
    pub event_count: i64,
    /// Always a JSON object.
    pub metadata: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTime<Utc>>,
}

/// One stored event: the origin's JSON, exactly as it was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: i64,
    pub session_id: String,
    /// Position within the session, from 1, without gaps.
    pub seq: i64,
    pub invocation_id: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The JSON text as written by its origin; never re-serialised.
    pub content: String,
    /// What recall or an importer noted about the event (e.g. a branch); a JSON object or None.
    pub metadata: Option<Value>,
}

impl Event {
    /// The content parsed; `Value::String` of the raw text if it is somehow not JSON.
    pub fn json(&self) -> Value {
        crate::json::parse_value(&self.content).unwrap_or_else(|_| Value::String(self.content.clone()))
    }
}

/// An event to append. `content` must be valid JSON text; it is stored byte-for-byte.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewEvent {
    pub content: String,
    /// When the origin says it happened; the time of the append otherwise.
    pub created_at: Option<DateTime<Utc>>,
    pub invocation_id: Option<String>,
    pub metadata: Option<Map<String, Value>>,
}

impl NewEvent {
    pub fn from_value(value: &Value) -> Self {
        NewEvent { content: value.to_string(), ..Default::default() }
    }
}

/// A whole session as an importer read it from a foreign store.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedSession {
    pub source: String,
    pub source_id: String,
    /// None when neither the origin nor the importer has one: the store says "Untitled session".
    pub title: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub metadata: Map<String, Value>,
    /// In the origin's order. Sources only grow, so events already imported are a prefix.
    pub events: Vec<NewEvent>,
}

/// What importing one session did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    Added {
        events: usize,
    },
    /// The origin grew: `events` were appended.
    Updated {
        events: usize,
    },
    /// The origin no longer begins with what was imported (a rewind, an edit, a file written
    /// anew): the events from the first difference on were replaced.
    Rewritten {
        added: usize,
        removed: usize,
    },
    Unchanged,
    /// The person purged this session in recall: it is not brought back.
    Purged,
}

impl ImportOutcome {
    /// Events written by the import.
    pub fn events_added(self) -> usize {
        match self {
            ImportOutcome::Added { events } | ImportOutcome::Updated { events } => events,
            ImportOutcome::Rewritten { added, .. } => added,
            ImportOutcome::Unchanged | ImportOutcome::Purged => 0,
        }
    }
}

/// A place where a search matched. `seq` is None when the title matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub session_id: String,
    pub seq: Option<i64>,
    pub snippet: String,
}

impl Session {
    /// The working directory the session ran in, as its origin recorded it.
    pub fn cwd(&self) -> Option<&str> {
        self.metadata.get("cwd").and_then(serde_json::Value::as_str).filter(|cwd| !cwd.is_empty())
    }

    /// Its project, for lists: the last component of the working directory, else of the
    /// project its origin named.
    pub fn project(&self) -> Option<&str> {
        let named = || self.metadata.get("project").and_then(serde_json::Value::as_str);
        let path = self.cwd().or_else(named)?;
        let trimmed = path.trim_end_matches(['/', '\\']);
        let last = trimmed.rsplit(['/', '\\']).next().unwrap_or(trimmed);
        (!last.is_empty()).then_some(last)
    }
}
