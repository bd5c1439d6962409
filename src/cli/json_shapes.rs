//! The JSON shapes of `--json` output that several commands share.

use serde_json::json;

use crate::store::Session;

/// The JSON shape of a session in `list --json` and `show --json`.
pub fn session_json(session: &Session) -> serde_json::Value {
    let mut value = json!({
        "id": session.id,
        "title": session.title,
        "created_at": session.created_at.to_rfc3339(),
        "updated_at": session.updated_at.to_rfc3339(),
        "source": session.source,
        "source_id": session.source_id,
        "event_count": session.event_count,
        "metadata": session.metadata,
        "project": session.project(),
        "cwd": session.cwd(),
    });
    if let Some(deleted_at) = session.deleted_at {
        value["deleted_at"] = json!(deleted_at.to_rfc3339());
    }
    value
}
