//! Search that ranks: the hits of a query grouped by session, the sessions ordered by how
//! much they are about the words, blended with how recent they are.
//!
//! The event index is contentless with `detail=none`: it knows which events hold a word, not
//! where or how often. So a phrase (`"error handling"`) is looked up as its words AND-ed,
//! then checked on each candidate's text here; and relevance comes from what the index does
//! know, per session:
//!
//! ```text
//! score = 3·title + ln(1 + hits) + focus + 2·recency
//! ```
//!
//! - `title`: 1 when the session's title holds every word (and phrase): a session named
//!   after the subject is about it.
//! - `hits`: how many of its events hold every word. Logarithmic, so a session that comes
//!   back to the subject ten times beats one that mentions it once, but a 100,000-event
//!   session does not bury everything else.
//! - `focus`: 1 / (1 + log2(bytes / 256)) of its shortest matching event (1 up to 256 bytes,
//!   1/2 at 512, 1/3 at 1 KB): the length normalisation of bm25, which fts5 cannot apply
//!   here (with `detail=none` its bm25 is 0 for every row). A short message about the words
//!   is more about them than a 20 KB tool output that happens to hold them.
//! - `recency`: 0.5 ^ (age / 30 days), the age counted back from the most recently updated
//!   session found (not from the clock, so an old store ranks the same as it did).
//!
//! A title is worth more than any plausible count at equal age; recency, at most 2, lets a
//! session from today with one mention beat a year-old one with three, but not one from last
//! week that keeps coming back to the words.
//!
//! Only the newest `CANDIDATES` matching events are ranked (every matching title is): for a
//! word in more events than that, the word says little and recency decides anyway, and the
//! answer stays within milliseconds on a million events. `hits` then counts those.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::error::{Result, SqlContext, StoreError};
use super::filter::{Condition, condition};
use super::search::{CATCH_UP_BATCH, SCAN_LIMIT, body_of, fold, fts_query, query_terms, snippet, words};
use super::{Store, rows};
use crate::query::Filter;

/// Matching events ranked per search, newest first.
pub const CANDIDATES: usize = 2_000;
/// Matching titles ranked per search, most recently updated first.
const TITLE_CANDIDATES: usize = 1_000;
const TITLE_WEIGHT: f64 = 3.0;
const RECENCY_WEIGHT: f64 = 2.0;
const HALF_LIFE_DAYS: f64 = 30.0;
/// An event this long or shorter has a focus of 1.
const FOCUSED_BYTES: f64 = 256.0;

/// One session a search found, with what its rank was made of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionHits {
    pub session_id: String,
    pub title: String,
    pub updated_at: DateTime<Utc>,
    /// The blended score the sessions are ordered by, highest first.
    pub score: f64,
    /// Whether the title holds every word (and phrase).
    pub title_matches: bool,
    /// Events holding every word (and phrase), among the ranked candidates.
    pub hits: usize,
    /// 0 to 1: how short and to the point its best event is (see the module).
    pub focus: f64,
    /// 0 to 1: halves every 30 days before the most recently updated session found.
    pub recency: f64,
    /// The seqs of the events hit, in order: where Enter and n/N go.
    pub seqs: Vec<i64>,
    /// The event the snippet comes from; None when only the title matches.
    pub best_seq: Option<i64>,
    /// One line around the words in the best event, or the title when only it matches.
    pub snippet: String,
}

/// A matching event, before grouping.
struct Candidate {
    event_id: i64,
    session_id: String,
    seq: i64,
    /// The length of its stored JSON.
    bytes: i64,
    title: String,
    updated_at: i64,
    /// Its readable text, when it had to be read (phrases, the backlog).
    body: Option<String>,
}

#[derive(Default)]
struct Group {
    title: String,
    updated_at: i64,
    title_matches: bool,
    /// (seq, focus, event id, body if read)
    events: Vec<(i64, f64, i64, Option<String>)>,
}

impl Store {
    /// Sessions holding the filter's words (and its quoted phrases), in the sessions its
    /// qualifiers keep, best first, at most `limit`. Complete as `search` is: the backlog is
    /// indexed first when the store can be written, read directly otherwise.
    pub fn search_sessions(&self, filter: &Filter, limit: usize) -> Result<Vec<SessionHits>> {
        if !self.read_only && self.unindexed_events()? > 0 {
            match self.catch_up_index(CATCH_UP_BATCH, &mut |_, _| {}) {
                Ok(_) | Err(StoreError::Busy(_) | StoreError::ReadOnly(_) | StoreError::NoSpace(_)) => {}
                Err(err) => return Err(err),
            }
        }
        self.search_sessions_with(filter, limit, u64::MAX)
    }

    /// Like `search_sessions`, but never writes: a backlog over `SCAN_LIMIT` events is left
    /// out, as `search_without_indexing` leaves it.
    pub fn search_sessions_without_indexing(&self, filter: &Filter, limit: usize) -> Result<Vec<SessionHits>> {
        self.search_sessions_with(filter, limit, SCAN_LIMIT)
    }

    fn search_sessions_with(&self, filter: &Filter, limit: usize, scan_limit: u64) -> Result<Vec<SessionHits>> {
        let terms = query_terms(&filter.words);
        let Some(fts) = fts_query(&terms) else { return Ok(Vec::new()) };
        let phrases: Vec<Vec<String>> = filter
            .phrases
            .iter()
            .map(|phrase| query_terms(phrase).iter().map(|word| fold(word)).collect::<Vec<_>>())
            .filter(|phrase| !phrase.is_empty())
            .collect();
        let narrow = condition(filter, 3);
        // The last word is a prefix (search as you type), and fts5 answers a prefix by merging
        // the whole doclist of every word it starts, whatever the LIMIT: 150 ms for a word in
        // 70% of a million events, where the word alone is read lazily in under 1 ms. So the
        // words are first looked up exactly; when that already fills the candidates the word
        // is common and its own newest events are what is ranked, longer words it starts
        // (`deploy` -> `deployment`) being left to the prefix query of a rarer word.
        let mut candidates = self.event_candidates(&exact_query(&terms), &narrow)?;
        if candidates.len() < CANDIDATES {
            candidates = self.event_candidates(&fts, &narrow)?;
        }
        let backlog = self.unindexed_events()?;
        if backlog > 0 && backlog <= scan_limit {
            for found in self.scan_backlog_filtered(&terms, filter, CANDIDATES as i64)? {
                let (title, updated_at) = self.title_and_time(&found.session_id)?;
                candidates.push(Candidate {
                    event_id: found.event_id,
                    session_id: found.session_id,
                    seq: found.seq,
                    bytes: found.body.len() as i64,
                    title,
                    updated_at,
                    body: Some(found.body),
                });
            }
        }
        if !phrases.is_empty() {
            for candidate in &mut candidates {
                if candidate.body.is_none() {
                    candidate.body = Some(self.event_body(candidate.event_id)?);
                }
            }
            candidates.retain(|candidate| candidate.body.as_deref().is_some_and(|body| holds_phrases(body, &phrases)));
        }
        let mut groups: HashMap<String, Group> = HashMap::new();
        for (id, title, updated_at) in self.title_candidates(&fts, &narrow)? {
            if holds_phrases(&title, &phrases) {
                groups.insert(id, Group { title, updated_at, title_matches: true, events: Vec::new() });
            }
        }
        for candidate in candidates {
            let group = groups.entry(candidate.session_id).or_insert_with(|| Group {
                title: candidate.title,
                updated_at: candidate.updated_at,
                ..Group::default()
            });
            let focus = 1.0 / (1.0 + (candidate.bytes as f64 / FOCUSED_BYTES).max(1.0).log2());
            group.events.push((candidate.seq, focus, candidate.event_id, candidate.body));
        }
        let newest = groups.values().map(|group| group.updated_at).max().unwrap_or(0);
        let mut ranked: Vec<(String, Group, f64, f64, f64)> = groups
            .into_iter()
            .map(|(id, group)| {
                let focus = group.events.iter().map(|event| event.1).fold(0.0, f64::max);
                let age_days = (newest - group.updated_at).max(0) as f64 / 86_400_000.0;
                let recency = 0.5_f64.powf(age_days / HALF_LIFE_DAYS);
                let title = if group.title_matches { 1.0 } else { 0.0 };
                let score =
                    TITLE_WEIGHT * title + (1.0 + group.events.len() as f64).ln() + focus + RECENCY_WEIGHT * recency;
                (id, group, score, focus, recency)
            })
            .collect();
        ranked
            .sort_by(|a, b| b.2.total_cmp(&a.2).then(b.1.updated_at.cmp(&a.1.updated_at)).then_with(|| a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(id, group, score, focus, recency)| self.finish(id, group, score, focus, recency, &terms))
            .collect()
    }

    /// The ranked session's seqs in order and its snippet, cut from its best event.
    fn finish(
        &self,
        session_id: String,
        mut group: Group,
        score: f64,
        focus: f64,
        recency: f64,
        terms: &[String],
    ) -> Result<SessionHits> {
        group.events.sort_by_key(|event| event.0);
        // The best is the most focused; among equals, the first.
        let best = group.events.iter_mut().reduce(|best, event| if event.1 > best.1 { event } else { best });
        let (best_seq, snippet) = match best {
            Some((seq, _, event_id, body)) => {
                let body = match body.take() {
                    Some(body) => body,
                    None => self.event_body(*event_id)?,
                };
                (Some(*seq), snippet(&body, terms))
            }
            None => (None, group.title.clone()),
        };
        Ok(SessionHits {
            session_id,
            updated_at: rows::time(group.updated_at),
            score,
            title_matches: group.title_matches,
            hits: group.events.len(),
            focus,
            recency,
            seqs: group.events.iter().map(|event| event.0).collect(),
            best_seq,
            snippet,
            title: group.title,
        })
    }

    /// The newest `CANDIDATES` indexed events holding every word, in the sessions kept.
    fn event_candidates(&self, fts: &str, narrow: &Condition) -> Result<Vec<Candidate>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT e.id, e.session_id, e.seq, octet_length(e.content), s.title, s.updated_at FROM events_fts
                 JOIN events e ON e.id = events_fts.rowid
                 JOIN sessions s ON s.id = e.session_id
                 WHERE events_fts MATCH ?1 AND s.deleted_at IS NULL{}
                 ORDER BY events_fts.rowid DESC LIMIT ?2",
                narrow.sql
            ))
            .ctx("ranking search hits")?;
        let mut params: Vec<rusqlite::types::Value> = vec![fts.to_string().into(), (CANDIDATES as i64).into()];
        params.extend(narrow.params.iter().cloned());
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |row| {
                Ok(Candidate {
                    event_id: row.get(0)?,
                    session_id: row.get(1)?,
                    seq: row.get(2)?,
                    bytes: row.get(3)?,
                    title: row.get(4)?,
                    updated_at: row.get(5)?,
                    body: None,
                })
            })
            .ctx("ranking search hits")?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx("ranking search hits")
    }

    /// Sessions whose title holds every word: (id, title, updated_at).
    fn title_candidates(&self, fts: &str, narrow: &Condition) -> Result<Vec<(String, String, i64)>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT s.id, s.title, s.updated_at FROM titles_fts JOIN sessions s ON s.pk = titles_fts.rowid
                 WHERE titles_fts MATCH ?1 AND s.deleted_at IS NULL{}
                 ORDER BY s.updated_at DESC LIMIT ?2",
                narrow.sql
            ))
            .ctx("ranking title hits")?;
        let mut params: Vec<rusqlite::types::Value> = vec![fts.to_string().into(), (TITLE_CANDIDATES as i64).into()];
        params.extend(narrow.params.iter().cloned());
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .ctx("ranking title hits")?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx("ranking title hits")
    }

    fn title_and_time(&self, session_id: &str) -> Result<(String, i64)> {
        self.conn
            .prepare_cached("SELECT title, updated_at FROM sessions WHERE id = ?1")
            .and_then(|mut stmt| stmt.query_row([session_id], |row| Ok((row.get(0)?, row.get(1)?))))
            .ctx("reading a hit's session")
    }

    /// An event's readable text, as the index saw it.
    fn event_body(&self, event_id: i64) -> Result<String> {
        let content: String = self
            .conn
            .prepare_cached("SELECT content FROM events WHERE id = ?1")
            .and_then(|mut stmt| stmt.query_row([event_id], |row| row.get(0)))
            .ctx("reading a hit's text")?;
        Ok(body_of(content))
    }
}

/// Every term as a whole word: the FTS5 query of `terms` with no prefix.
fn exact_query(terms: &[String]) -> String {
    terms.iter().map(|term| format!("\"{term}\"")).collect::<Vec<_>>().join(" ")
}

/// Whether the text holds each phrase (folded words) as consecutive words, in order.
fn holds_phrases(body: &str, phrases: &[Vec<String>]) -> bool {
    if phrases.is_empty() {
        return true;
    }
    let folded: Vec<String> = words(body).map(fold).collect();
    phrases.iter().all(|phrase| folded.windows(phrase.len()).any(|window| window == phrase.as_slice()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(text: &str) -> Vec<String> {
        query_terms(text).iter().map(|word| fold(word)).collect()
    }

    #[test]
    fn a_phrase_is_its_words_next_to_each_other_in_order() {
        let wanted = [phrase("error handling")];
        assert!(holds_phrases("Better Error-handling, please", &wanted));
        assert!(!holds_phrases("handling the error", &wanted));
        assert!(!holds_phrases("error in the handling", &wanted));
        assert!(holds_phrases("anything", &[]));
        assert!(holds_phrases("Café crème", &[phrase("cafe creme")]));
    }
}
