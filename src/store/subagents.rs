//! Subagents: sessions whose metadata names a parent session of the same source
//! (`parent_session`, the parent's id in that source), and the tool call that started each.

use rusqlite::params;
use serde_json::Value;

use super::Store;
use super::error::Result;
use super::rows::SESSION_COLUMNS;
use super::types::Session;

/// Where a subagent names its parent. The `sessions_parent` index is on this very expression.
pub(super) const PARENT: &str = "json_extract(metadata, '$.parent_session')";

/// A subagent session and the call in its parent that started it, when known.
#[derive(Debug, Clone, PartialEq)]
pub struct Subagent {
    pub session: Session,
    /// The id of the parent's tool call that started it.
    pub call: Option<String>,
}

impl Store {
    /// The subagent sessions of `parent` outside the trash, oldest first.
    pub fn subagents(&self, parent: &Session) -> Result<Vec<Subagent>> {
        let Some(source_id) = parent.source_id.as_deref() else {
            return Ok(Vec::new());
        };
        let sessions = self.query_sessions(
            &format!(
                "SELECT {SESSION_COLUMNS} FROM sessions
                 WHERE source = ?1 AND {PARENT} = ?2 AND {PARENT} IS NOT NULL AND deleted_at IS NULL
                 ORDER BY created_at, pk"
            ),
            params![parent.source, source_id],
        )?;
        Ok(sessions.into_iter().map(|session| Subagent { call: call_of(parent, &session), session }).collect())
    }
}

/// The call that started `child`: named by the child itself (`parent_call`), or by the
/// parent's map of its subagents (`subagent_calls`, keyed by the child's source id), which is
/// where it is known when only the parent's transcript records the link.
pub fn call_of(parent: &Session, child: &Session) -> Option<String> {
    let own = child.metadata.get("parent_call").and_then(Value::as_str);
    let by_parent = || {
        let key = child.source_id.as_deref()?;
        parent.metadata.get("subagent_calls")?.get(key)?.as_str()
    };
    own.or_else(by_parent).map(str::to_string)
}
