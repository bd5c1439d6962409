//! `recall search`: one entry per session, best first (see `store::ranked`), with its
//! number of hits and its best one; exit status 1 when nothing matched, as grep.

use anyhow::Result;

use super::output::Out;
use crate::store::{SessionHits, Store, StoreError};

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
    // One more than asked, to know whether more match.
    let mut found = store.search_sessions(&wanted, limit.saturating_add(1))?;
    let more = found.len() > limit;
    found.truncate(limit);
    if json {
        let listed: Vec<Listed> = found
            .iter()
            .map(|hits| -> Result<Listed> {
                let session = store.get_session(&hits.session_id)?;
                Ok(Listed {
                    hits,
                    source: session.source.clone(),
                    project: session.project().map(str::to_string),
                    cwd: session.cwd().map(str::to_string),
                })
            })
            .collect::<Result<_>>()?;
        out.json(&listed)?;
    } else if !found.is_empty() {
        print_ranked(store, out, &found)?;
        if more {
            out.line(format_args!("{} sessions shown, best first; more match: --limit N shows more", found.len()))?;
        }
    }
    if found.is_empty() {
        out.flush()?;
        return Err(NoMatches(query.to_string()).into());
    }
    Ok(())
}

/// A ranked session as `--json` lists it: the ranking's fields and where it ran.
#[derive(serde::Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    hits: &'a SessionHits,
    source: String,
    project: Option<String>,
    cwd: Option<String>,
}

/// Each session once, best first, as `short-id  title  (agent)  N hits`, and under it the
/// best hit: `#seq  snippet`.
fn print_ranked(store: &Store, out: &mut Out, found: &[SessionHits]) -> Result<()> {
    for hits in found {
        let session = store.get_session(&hits.session_id)?;
        let short = store.short_id(&hits.session_id)?;
        let title = out.untrusted_line(&session.title).into_owned();
        let source = out.untrusted_line(crate::agents::display_name(&session.source)).into_owned();
        let count = match (hits.hits, hits.title_matches) {
            (0, _) => "the title matches".to_string(),
            (1, title) => format!("1 hit{}", if title { " and the title" } else { "" }),
            (n, title) => format!("{n} hits{}", if title { " and the title" } else { "" }),
        };
        out.line(format_args!("{short}  {title}  ({source})  {count}"))?;
        if let Some(seq) = hits.best_seq {
            let snippet = out.untrusted_line(&hits.snippet).into_owned();
            out.line(format_args!("  #{seq}  {snippet}"))?;
        }
    }
    Ok(())
}
