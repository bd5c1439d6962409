//! `search_history`: where words were said, across every session, best first (see
//! `store::ranked`), in the browser's filter language (`retry agent:codex after:3d`).

use super::access::ToolError;
use super::page::Page;
use super::sessions::{describe, time};
use crate::content::sanitize_line;
use crate::store::Store;

pub const SEARCH_DEFAULT: usize = 10;
pub const SEARCH_MAX: usize = 50;
/// Seqs of further hits named per session, past which "and N more" is said.
const MORE_SEQS: usize = 10;

/// The sessions holding `query`'s words from `offset` on, best first: each with its
/// description, the seq, time and snippet of its best hit, and where its other hits are.
pub fn search_history(store: &Store, query: &str, limit: usize, offset: usize) -> Result<String, ToolError> {
    if limit == 0 || limit > SEARCH_MAX {
        return Err(ToolError::bad(format!("limit must be between 1 and {SEARCH_MAX}")));
    }
    let filter = super::sessions::parse_filter(query)?;
    if crate::store::query_terms(&filter.words).is_empty() {
        // Qualifiers alone list sessions: list_sessions takes them.
        return Err(ToolError::bad("query has no words to search for"));
    }
    // One more than asked, to know whether more follow.
    let found = store.search_sessions(&filter, offset.saturating_add(limit).saturating_add(1))?;
    let more = found.len() > offset + limit;
    let found: Vec<_> = found.into_iter().skip(offset).take(limit).collect();
    let mut page = Page::new();
    let mut shown = 0;
    for hits in &found {
        let session = store.get_session(&hits.session_id)?;
        let entry = match hits.best_seq {
            Some(seq) => {
                let at = time(store.event(&hits.session_id, seq)?.created_at);
                let others: Vec<String> =
                    hits.seqs.iter().filter(|other| **other != seq).take(MORE_SEQS).map(i64::to_string).collect();
                let also = match hits.hits.saturating_sub(1 + others.len()) {
                    _ if others.is_empty() => String::new(),
                    0 => format!("\n  also at seq {}", others.join(", ")),
                    rest => format!("\n  also at seq {} and {rest} more", others.join(", ")),
                };
                let title = if hits.title_matches { "\n  the title matches too" } else { "" };
                format!("{}\n  seq {seq} · {at}: {}{also}{title}\n", describe(&session), sanitize_line(&hits.snippet))
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
    } else if shown < found.len() {
        format!(
            "Sessions {}-{next} shown; the answer was cut at its size limit: call again with offset={next}. {read}.",
            offset + 1
        )
    } else if more {
        format!("Sessions {}-{next} shown, best first; more match: call again with offset={next}. {read}.", offset + 1)
    } else {
        format!("Sessions {}-{next} shown, best first; that is all. {read}.", offset + 1)
    };
    Ok(page.finish(&note))
}
