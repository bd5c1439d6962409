//! One function per subcommand, each a thin layer over the store.

use anyhow::{Context, Result};
use chrono::Utc;
use serde_json::json;

use super::args::Command;
use super::output::Out;
use crate::store::{Session, Store};

pub fn run(store: &Store, command: Command, out: &mut Out) -> Result<()> {
    match command {
        Command::List { json, limit, trash } => list(store, out, json, limit, trash),
        Command::Show { id, json } => super::show::show(store, out, &store.resolve_id(&id, true)?, json),
        Command::Rename { id, title } => {
            let id = store.resolve_id(&id, false)?;
            store.rename(&id, &title)?;
            let title = store.get_session(&id)?.title;
            out.line(format_args!("Renamed {id} to '{}'", out.untrusted_line(&title)))
        }
        Command::Delete { id } => {
            let session = store.get_session(&store.resolve_id(&id, false)?)?;
            store.delete(&session.id)?;
            let title = out.untrusted_line(&session.title).into_owned();
            out.line(format_args!("Deleted '{title}' ({}); `recall undo` brings it back", session.id))
        }
        Command::Undo { id } => {
            let session = match id {
                Some(id) => store.get_session(&store.resolve_id(&id, true)?)?,
                None => store.last_deleted()?.context("the trash is empty: nothing to undo")?,
            };
            store.undo_delete(&session.id)?;
            let title = out.untrusted_line(&session.title).into_owned();
            out.line(format_args!("Restored '{title}' ({})", session.id))
        }
        Command::Purge { older_than } => {
            let cutoff = Utc::now() - chrono::Duration::days(older_than.unwrap_or(0).into());
            let purged = store.purge_trash(cutoff)?;
            out.line(format_args!("Purged {purged} session{} from the trash", if purged == 1 { "" } else { "s" }))
        }
        Command::Log(args) => super::log::log(store, out, args),
        Command::Search { query, json, limit } => super::search::search(store, out, &query, json, limit),
        Command::Import(args) => super::import::import(store, out, args),
        Command::Stats { json } => super::stats::stats(store, out, json),
        Command::Index => super::index::index(store, out),
    }
}

fn list(store: &Store, out: &mut Out, json: bool, limit: Option<usize>, trash: bool) -> Result<()> {
    let limit = limit.unwrap_or(usize::MAX);
    let sessions = if trash { store.list_trash(limit)? } else { store.list_sessions(0, limit)? };
    if json {
        return out.json(&sessions.iter().map(session_json).collect::<Vec<_>>());
    }
    let now = Utc::now();
    // Ids as short as they can be and still name one session, as git shows commits.
    let ids = sessions.iter().map(|session| store.short_id(&session.id)).collect::<Result<Vec<_>, _>>()?;
    let id_width = ids.iter().map(|id| id.chars().count()).max().unwrap_or(0);
    for (session, id) in sessions.iter().zip(&ids) {
        let when = crate::time::relative(session.deleted_at.unwrap_or(session.updated_at), now);
        let title = out.untrusted_line(&session.title).into_owned();
        let source = out.untrusted_line(crate::agents::display_name(&session.source)).into_owned();
        out.line(format_args!("{id:id_width$}  {when:>10}  {:>6} ev  {source:<13}  {title}", session.event_count))?;
    }
    Ok(())
}

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
    });
    if let Some(deleted_at) = session.deleted_at {
        value["deleted_at"] = json!(deleted_at.to_rfc3339());
    }
    value
}
