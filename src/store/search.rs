//! Full-text search over event text and titles, with user text always searched as text.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::error::{Result, SqlContext, StoreError};
use super::filter::condition;
use super::types::SearchHit;
use super::{Store, text};
use crate::query::Filter;

const SNIPPET_CHARS: usize = 80;

/// The words of a query, as the index splits them; the terms a view highlights.
pub fn query_terms(query: &str) -> Vec<String> {
    query.split(|ch: char| !is_word_char(ch)).filter(|word| !word.is_empty()).map(str::to_lowercase).collect()
}

fn is_word_char(ch: char) -> bool {
    ch.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&ch)
}

/// An FTS5 query that matches every term (the last one as a prefix, for search-as-you-type).
/// Each term is a quoted string, so `"`, `*`, `-`, `:` or `(` in user text are never syntax.
pub(super) fn fts_query(terms: &[String]) -> Option<String> {
    let (last, rest) = terms.split_last()?;
    let mut query: Vec<String> = rest.iter().map(|term| format!("\"{term}\"")).collect();
    query.push(format!("\"{last}\"*"));
    Some(query.join(" "))
}

/// A backlog this small is read directly by `search_without_indexing`: a few milliseconds.
pub const SCAN_LIMIT: u64 = 5_000;

/// Events per transaction when a search catches the index up first.
pub(super) const CATCH_UP_BATCH: usize = 20_000;

impl Store {
    /// Sessions whose title matches come first (with `seq` None), then events, newest first.
    /// Sessions in the trash are never found.
    ///
    /// Complete: events still in the search backlog are indexed first when the store can be
    /// written, and read directly otherwise (read-only, another program holds the lock, or
    /// the disk has no space for the index).
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_filtered(&Filter { words: query.to_string(), ..Filter::default() }, limit)
    }

    /// Like `search`, for the filter's words, in the sessions its qualifiers keep.
    pub fn search_filtered(&self, filter: &Filter, limit: usize) -> Result<Vec<SearchHit>> {
        if !self.read_only && self.unindexed_events()? > 0 {
            match self.catch_up_index(CATCH_UP_BATCH, &mut |_, _| {}) {
                // The backlog is read directly below: the answer stays complete.
                Ok(_) | Err(StoreError::Busy(_) | StoreError::ReadOnly(_) | StoreError::NoSpace(_)) => {}
                Err(err) => return Err(err),
            }
        }
        self.search_with(filter, limit, u64::MAX)
    }

    /// Like `search`, but never writes, so it answers at once: the index, plus the backlog
    /// read directly when it holds at most `SCAN_LIMIT` events. Behind a bigger backlog the
    /// answer is incomplete; `unindexed_events` says by how much. For interactive callers
    /// that catch the index up in the background.
    pub fn search_without_indexing(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_without_indexing_filtered(&Filter { words: query.to_string(), ..Filter::default() }, limit)
    }

    /// `search_without_indexing` for the filter's words, in the sessions it keeps.
    pub fn search_without_indexing_filtered(&self, filter: &Filter, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_with(filter, limit, SCAN_LIMIT)
    }

    fn search_with(&self, filter: &Filter, limit: usize, scan_limit: u64) -> Result<Vec<SearchHit>> {
        let terms = query_terms(&filter.words);
        let Some(fts) = fts_query(&terms) else { return Ok(Vec::new()) };
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut hits = self.search_titles(&fts, filter, limit)?;
        let remaining = limit - hits.len() as i64;
        if remaining > 0 {
            let mut events = self.search_events(&fts, filter, remaining)?;
            let backlog = self.unindexed_events()?;
            if backlog > 0 && backlog <= scan_limit {
                events.extend(self.scan_backlog_filtered(&terms, filter, remaining)?);
                events.sort_by_key(|found| std::cmp::Reverse(found.event_id));
                events.truncate(remaining as usize);
            }
            hits.extend(events.into_iter().map(|found| SearchHit {
                session_id: found.session_id,
                seq: Some(found.seq),
                snippet: snippet(&found.body, &terms),
            }));
        }
        Ok(hits)
    }

    fn search_titles(&self, fts: &str, filter: &Filter, limit: i64) -> Result<Vec<SearchHit>> {
        let narrow = condition(filter, 3);
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT s.id, s.title FROM titles_fts JOIN sessions s ON s.pk = titles_fts.rowid
                 WHERE titles_fts MATCH ?1 AND s.deleted_at IS NULL{}
                 ORDER BY s.updated_at DESC LIMIT ?2",
                narrow.sql
            ))
            .ctx("searching titles")?;
        let params = with_params(vec![fts.to_string().into(), limit.into()], narrow.params);
        stmt.query_map(rusqlite::params_from_iter(params), |row| {
            Ok(SearchHit { session_id: row.get(0)?, seq: None, snippet: row.get(1)? })
        })
        .ctx("searching titles")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .ctx("searching titles")
    }

    fn search_events(&self, fts: &str, filter: &Filter, limit: i64) -> Result<Vec<FoundEvent>> {
        let narrow = condition(filter, 3);
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT e.id, e.session_id, e.seq, e.content FROM events_fts
                 JOIN events e ON e.id = events_fts.rowid
                 JOIN sessions s ON s.id = e.session_id
                 WHERE events_fts MATCH ?1 AND s.deleted_at IS NULL{}
                 ORDER BY events_fts.rowid DESC LIMIT ?2",
                narrow.sql
            ))
            .ctx("searching events")?;
        let params = with_params(vec![fts.to_string().into(), limit.into()], narrow.params);
        let rows = stmt.query_map(rusqlite::params_from_iter(params), FoundEvent::from_row).ctx("searching events")?;
        rows.collect::<rusqlite::Result<Vec<_>>>().ctx("searching events")
    }

    /// The newest backlog events whose text holds every term, read without the index.
    pub(super) fn scan_backlog_filtered(
        &self,
        terms: &[String],
        filter: &Filter,
        limit: i64,
    ) -> Result<Vec<FoundEvent>> {
        let narrow = condition(filter, 1);
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT e.id, e.session_id, e.seq, e.content FROM search_backlog b
                 JOIN events e ON e.id = b.event_id
                 JOIN sessions s ON s.id = e.session_id
                 WHERE s.deleted_at IS NULL{}
                 ORDER BY b.event_id DESC",
                narrow.sql
            ))
            .ctx("searching events not yet indexed")?;
        let mut rows = stmt
            .query_map(rusqlite::params_from_iter(narrow.params), FoundEvent::from_row)
            .ctx("searching events not yet indexed")?;
        let mut found = Vec::new();
        while found.len() < limit as usize {
            let Some(event) = rows.next() else { break };
            let event = event.ctx("searching events not yet indexed")?;
            if holds_every_term(&event.body, terms) {
                found.push(event);
            }
        }
        Ok(found)
    }
}

fn with_params(
    mut first: Vec<rusqlite::types::Value>,
    rest: Vec<rusqlite::types::Value>,
) -> Vec<rusqlite::types::Value> {
    first.extend(rest);
    first
}

/// An event a search matched, with its readable text.
pub(super) struct FoundEvent {
    pub(super) event_id: i64,
    pub(super) session_id: String,
    pub(super) seq: i64,
    pub(super) body: String,
}

impl FoundEvent {
    fn from_row(row: &rusqlite::Row) -> rusqlite::Result<Self> {
        let body = body_of(row.get(3)?);
        Ok(FoundEvent { event_id: row.get(0)?, session_id: row.get(1)?, seq: row.get(2)?, body })
    }
}

/// An event's readable text, from its stored JSON (a string that is not JSON is its own text).
pub(super) fn body_of(content: String) -> String {
    let value = crate::json::parse_value(&content).unwrap_or(serde_json::Value::String(content));
    let mut body = String::new();
    text::readable_text(&value, &mut body);
    body
}

/// The index's test, done on the text: every term is a word of it, the last a word's prefix.
fn holds_every_term(body: &str, terms: &[String]) -> bool {
    let terms = folded(terms);
    let mut seen = vec![false; terms.len()];
    for word in words(body) {
        let word = fold(word);
        for (i, hit) in seen.iter_mut().enumerate() {
            *hit = *hit || term_matches(&terms, i, &word);
        }
        if seen.iter().all(|&hit| hit) {
            return !seen.is_empty();
        }
    }
    false
}

/// Whether `word` (folded) matches term `i`: the last term as a prefix, for search as you type.
fn term_matches(terms: &[String], i: usize, word: &str) -> bool {
    if i + 1 == terms.len() { word.starts_with(terms[i].as_str()) } else { word == terms[i] }
}

fn folded(terms: &[String]) -> Vec<String> {
    terms.iter().map(|term| fold(term)).collect()
}

/// A word as the index compares it (`unicode61 remove_diacritics 2`): lower case, accents
/// dropped, so that "cafe" finds "Café" when the text is read directly too.
pub(super) fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd().filter(|&ch| !is_combining_mark(ch)).flat_map(char::to_lowercase).collect()
}

/// The words of a text, split as `query_terms` splits a query.
pub(super) fn words(body: &str) -> impl Iterator<Item = &str> {
    body.split(|ch: char| !is_word_char(ch)).filter(|word| !word.is_empty())
}

/// One line of about `SNIPPET_CHARS` characters around the first word that matches a term,
/// cut from the text as it will be shown: a window cut from the raw text could start inside
/// an escape sequence, whose remains (an OSC 52 payload, say) would then read as text.
pub(super) fn snippet(body: &str, terms: &[String]) -> String {
    let body = &*crate::content::sanitize_line(body);
    let start = first_match(body, terms).unwrap_or(0);
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let at = chars.partition_point(|(offset, _)| *offset < start);
    let from = at.saturating_sub(SNIPPET_CHARS / 4);
    let to = (from + SNIPPET_CHARS).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut last_space = false;
    for &(_, ch) in &chars[from..to] {
        let space = ch.is_whitespace();
        if !(space && last_space) {
            out.push(if space { ' ' } else { ch });
        }
        last_space = space;
    }
    if to < chars.len() {
        out.push('…');
    }
    out
}

/// Byte offset of the first word equal to a term (or starting with the last, a prefix).
fn first_match(body: &str, terms: &[String]) -> Option<usize> {
    let terms = folded(terms);
    let mut offset = 0;
    for piece in body.split_inclusive(|ch: char| !is_word_char(ch)) {
        let word = piece.trim_end_matches(|ch: char| !is_word_char(ch));
        let word_fold = fold(word);
        if !word.is_empty() && (0..terms.len()).any(|i| term_matches(&terms, i, &word_fold)) {
            return Some(offset);
        }
        offset += piece.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_drop_syntax_characters() {
        assert_eq!(query_terms("\"foo* -bar: (baz)"), vec!["foo", "bar", "baz"]);
        assert_eq!(fts_query(&query_terms("a b")).as_deref(), Some("\"a\" \"b\"*"));
        assert_eq!(fts_query(&query_terms("*-()")), None);
    }

    #[test]
    fn snippet_centres_on_the_match() {
        let body = format!("{} needle {}", "word ".repeat(40), "tail ".repeat(40));
        let snip = snippet(&body, &["needle".to_string()]);
        assert!(snip.starts_with('…') && snip.ends_with('…'));
        assert!(snip.contains("needle"));
    }

    #[test]
    fn snippet_centres_on_an_accented_match_of_a_plain_query() {
        let body = format!("{} Café crème {}", "word ".repeat(40), "tail ".repeat(40));
        let snip = snippet(&body, &["cafe".to_string()]);
        assert!(snip.starts_with('…') && snip.contains("word Café crème tail"), "{snip}");
    }

    #[test]
    fn snippet_never_starts_inside_an_escape_sequence() {
        let payload = "QUJD".repeat(20);
        let body = format!("before \x1b]52;c;{payload}\x07needle after \x1b[31mred\u{9b}2J");
        let snip = snippet(&body, &["needle".to_string()]);
        assert_eq!(snip, "before needle after red");
    }
}
