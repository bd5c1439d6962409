//! One function per subcommand, each a thin layer over the store.

use anyhow::{Context, Result};
use chrono::Utc;

use super::json_shapes::session_json;
use super::output::Out;
use crate::store::{Store, StoreError};

pub fn rename(store: &Store, out: &mut Out, id: &str, title: &str) -> Result<()> {
    let id = store.resolve_id(id, false)?;
    store.rename(&id, title)?;
    let title = store.get_session(&id)?.title;
    out.line(format_args!("Renamed {id} to '{}'", out.untrusted_line(&title)))
}

pub fn delete(store: &Store, out: &mut Out, id: &str) -> Result<()> {
    let session = store.get_session(&store.resolve_id(id, false)?)?;
    store.delete(&session.id)?;
    let title = out.untrusted_line(&session.title).into_owned();
    out.line(format_args!("Deleted '{title}' ({}); `recall undo` brings it back", session.id))
}

pub fn undo(store: &Store, out: &mut Out, id: Option<String>) -> Result<()> {
    let session = match id {
        Some(id) => store.get_session(&store.resolve_id(&id, true)?)?,
        None => store.last_deleted()?.context("the trash is empty: nothing to undo")?,
    };
    store.undo_delete(&session.id)?;
    let title = out.untrusted_line(&session.title).into_owned();
    out.line(format_args!("Restored '{title}' ({})", session.id))
}

pub fn purge(store: &Store, out: &mut Out, older_than: Option<u32>) -> Result<()> {
    let cutoff = Utc::now() - chrono::Duration::days(older_than.unwrap_or(0).into());
    let purged = store.purge_trash(cutoff)?;
    out.line(format_args!("Purged {purged} session{} from the trash", if purged == 1 { "" } else { "s" }))
}

pub fn list(store: &Store, out: &mut Out, json: bool, limit: Option<usize>, trash: bool) -> Result<()> {
    let limit = limit.unwrap_or(usize::MAX);
    let sessions = if trash { store.list_trash(limit)? } else { store.list_sessions(0, limit)? };
    if json {
        return out.json(&sessions.iter().map(session_json).collect::<Vec<_>>());
    }
    let now = Utc::now();
    for session in &sessions {
        let when = crate::time::relative(session.deleted_at.unwrap_or(session.updated_at), now);
        let title = out.untrusted_line(&session.title).into_owned();
        let source = out.untrusted_line(crate::agents::display_name(&session.source)).into_owned();
        out.line(format_args!("{}  {when:>10}  {:>6} ev  {source:<13}  {title}", session.id, session.event_count))?;
    }
    Ok(())
}

pub fn search(store: &Store, out: &mut Out, query: &str, json: bool, limit: usize) -> Result<()> {
    // Caught up here for the progress line. When another program holds the lock, the search
    // below reads the backlog directly instead, so the answer is complete either way.
    let mut no_space = store.lacked_space();
    if let Err(err) = super::index::catch_up(store) {
        match err.downcast_ref::<StoreError>() {
            Some(StoreError::Busy(_) | StoreError::ReadOnly(_)) => {}
            Some(StoreError::NoSpace(_)) => no_space = true,
            _ => return Err(err),
        }
    }
    let unindexed = store.unindexed_events()?;
    if no_space && unindexed > 0 {
        super::output::note(format_args!(
            "no space left on the disk to update the search index: reading the {unindexed} events not in it directly"
        ));
    } else if unindexed > crate::store::SCAN_LIMIT {
        // Still complete, but slow enough (seconds per million events) to deserve a word.
        super::output::note(format_args!(
            "reading {unindexed} events not in the search index; `recall index` makes searches fast"
        ));
    }
    let hits = store.search(query, limit)?;
    if json {
        return out.json(&hits);
    }
    for hit in &hits {
        let title = store.get_session(&hit.session_id).map(|session| session.title).unwrap_or_default();
        let place = hit.seq.map_or_else(|| "title".to_string(), |seq| format!("#{seq}"));
        let title = out.untrusted_line(&title).into_owned();
        let snippet = out.untrusted_line(&hit.snippet).into_owned();
        out.line(format_args!("{}  {title}  {place}: {snippet}", hit.session_id))?;
    }
    Ok(())
}
