//! `log_event` (only with `--allow-log`): events appended to a session or to a new one, all
//! together or not at all, as `recall log` does.

use serde_json::Value;

use super::access::ToolError;
use crate::store::{NewEvent, Store};

/// Most events one call may append.
pub const LOG_MAX: usize = 1_000;

pub fn log_event(
    store: &Store,
    session: Option<&str>,
    new_title: Option<&str>,
    events: &[Value],
) -> Result<String, ToolError> {
    if events.is_empty() || events.len() > LOG_MAX {
        return Err(ToolError::bad(format!("events must hold 1 to {LOG_MAX} JSON values")));
    }
    if store.is_read_only() {
        return Err(ToolError::Store(
            "the store is read-only (its file or folder cannot be written): nothing was logged".into(),
        ));
    }
    let new: Vec<NewEvent> = events.iter().map(NewEvent::from_value).collect();
    let (id, created) = match (session, new_title) {
        (Some(prefix), None) => (store.resolve_id(prefix, false)?, false),
        (None, Some(title)) => (store.create_session(title)?.id, true),
        _ => {
            return Err(ToolError::bad("give exactly one of session (an id to append to) or new_title (to start one)"));
        }
    };
    let seqs = store.add_new_events(&id, &new)?;
    let start = if created { "a new session" } else { "session" };
    Ok(format!(
        "Logged {} event{} to {start} {id} as seq {}-{}.",
        new.len(),
        if new.len() == 1 { "" } else { "s" },
        seqs.start,
        seqs.end - 1
    ))
}
