//! One function per subcommand, each a thin layer over the store.

use anyhow::{Context, Result};
use chrono::Utc;

use super::json_shapes::session_json;
use super::output::Out;
use crate::store::Store;

/// A filter text read where the person is: dates and `yesterday` in local time.
pub fn parse_filter(text: &str) -> Result<crate::query::Filter> {
    crate::query::parse(text, &chrono::Local::now()).with_context(|| format!("cannot read the filter '{text}'"))
}

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

pub fn list(
    store: &Store,
    out: &mut Out,
    json: bool,
    limit: Option<usize>,
    trash: bool,
    filter: Option<&str>,
) -> Result<()> {
    let limit = limit.unwrap_or(usize::MAX);
    let sessions = match filter {
        _ if trash => store.list_trash(limit)?,
        Some(text) => {
            let filter = parse_filter(text)?;
            if !filter.words.is_empty() {
                anyhow::bail!(
                    "a list filter takes qualifiers only ('{}' are words): `recall search` finds words",
                    filter.words
                );
            }
            store.list_filtered(&filter, 0, limit)?
        }
        None => store.list_sessions(0, limit)?,
    };
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
