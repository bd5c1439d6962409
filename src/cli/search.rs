//! `recall search`: hits grouped under the session they are in, in aligned columns, with a
//! word when more matched than are shown; exit status 1 when nothing matched, as grep.

use anyhow::Result;

use super::output::Out;
use crate::store::{SearchHit, Store, StoreError};

/// Nothing matched: exit status 1, as grep does.
#[derive(Debug, thiserror::Error)]
#[error("no matches for '{0}'")]
pub struct NoMatches(String);

pub fn search(store: &Store, out: &mut Out, query: &str, filter: Option<&str>, json: bool, limit: usize) -> Result<()> {
    let mut wanted = super::commands::parse_filter(query)?;
    if let Some(more) = filter {
        wanted = wanted.merge(super::commands::parse_filter(more)?);
    }
    if crate::store::query_terms(&wanted.words).is_empty() {
        anyhow::bail!("no words to search for in '{query}': `recall list --filter` lists the sessions a filter keeps");
    }
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
    let hits = store.search_filtered(&wanted, limit)?;
    if json {
        out.json(&hits)?;
    } else if !hits.is_empty() {
        print_grouped(store, out, &hits)?;
        let total = store.search_count_filtered(&wanted)?;
        if total > hits.len() as u64 {
            out.line(format_args!("{} of {total} hits shown; --limit N shows more", hits.len()))?;
        }
    }
    if hits.is_empty() {
        out.flush()?;
        return Err(NoMatches(query.to_string()).into());
    }
    Ok(())
}

/// Each session once, as `short-id  title`, its hits under it: `#seq  snippet`, the
/// numbers right-aligned in one column.
fn print_grouped(store: &Store, out: &mut Out, hits: &[SearchHit]) -> Result<()> {
    let mut sessions: Vec<(&str, Vec<&SearchHit>)> = Vec::new();
    for hit in hits {
        match sessions.iter_mut().find(|(id, _)| *id == hit.session_id) {
            Some((_, group)) => group.push(hit),
            None => sessions.push((&hit.session_id, vec![hit])),
        }
    }
    let places: Vec<String> = hits.iter().map(place).collect();
    let width = places.iter().map(|place| place.chars().count()).max().unwrap_or(0);
    for (id, group) in sessions {
        let session = store.get_session(id)?;
        let short = store.short_id(id)?;
        let title = out.untrusted_line(&session.title).into_owned();
        let source = out.untrusted_line(crate::agents::display_name(&session.source)).into_owned();
        out.line(format_args!("{short}  {title}  ({source})"))?;
        for hit in group {
            let snippet = match hit.seq {
                Some(_) => out.untrusted_line(&hit.snippet).into_owned(),
                None => "the title matches".to_string(),
            };
            out.line(format_args!("  {:>width$}  {snippet}", place(hit)))?;
        }
    }
    Ok(())
}

fn place(hit: &SearchHit) -> String {
    hit.seq.map_or_else(|| "title".to_string(), |seq| format!("#{seq}"))
}
