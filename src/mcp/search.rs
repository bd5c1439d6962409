//! `search_history`: where words were said, across every session, newest first.

use super::access::ToolError;
use super::page::Page;
use super::sessions::{describe, time};
use crate::content::sanitize_line;
use crate::store::Store;

pub const SEARCH_DEFAULT: usize = 10;
pub const SEARCH_MAX: usize = 50;

/// The hits for `query` from `offset` on: each with its session's description, the event's
/// seq and time, and the snippet around the match.
pub fn search_history(store: &Store, query: &str, limit: usize, offset: usize) -> Result<String, ToolError> {
    if limit == 0 || limit > SEARCH_MAX {
        return Err(ToolError::bad(format!("limit must be between 1 and {SEARCH_MAX}")));
    }
    if crate::store::query_terms(query).is_empty() {
        return Err(ToolError::bad("query has no words to search for"));
    }
    // One more than asked, to know whether more follow.
    let hits = store.search(query, offset.saturating_add(limit).saturating_add(1))?;
    let more = hits.len() > offset + limit;
    let hits: Vec<_> = hits.into_iter().skip(offset).take(limit).collect();
    let mut page = Page::new();
    let mut shown = 0;
    for hit in &hits {
        let session = store.get_session(&hit.session_id)?;
        let entry = match hit.seq {
            Some(seq) => {
                let at = time(store.event(&hit.session_id, seq)?.created_at);
                format!("{}\n  seq {seq} · {at}: {}\n", describe(&session), sanitize_line(&hit.snippet))
            }
            None => format!("{}\n  the title matches\n", describe(&session)),
        };
        if !page.push(&entry) {
            break;
        }
        shown += 1;
    }
    let next = offset + shown;
    let shown_query = sanitize_line(query);
    let read = "read_session with a session id and from_seq reads around a hit";
    let note = if shown == 0 && offset == 0 {
        format!("No matches for \"{shown_query}\".")
    } else if shown == 0 {
        format!("No matches for \"{shown_query}\" past offset {offset}.")
    } else if shown < hits.len() {
        format!(
            "Hits {}-{next} shown; the answer was cut at its size limit: call again with offset={next}. {read}.",
            offset + 1
        )
    } else if more {
        format!("Hits {}-{next} shown, newest first; more match: call again with offset={next}. {read}.", offset + 1)
    } else {
        format!("Hits {}-{next} shown, newest first; that is all. {read}.", offset + 1)
    };
    Ok(page.finish(&note))
}
