//! Full-text search over event text and titles, with user text always searched as text.

use rusqlite::params;

use super::error::{Result, SqlContext};
use super::types::SearchHit;
use super::{Store, text};

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
fn fts_query(terms: &[String]) -> Option<String> {
    let (last, rest) = terms.split_last()?;
    let mut query: Vec<String> = rest.iter().map(|term| format!("\"{term}\"")).collect();
    query.push(format!("\"{last}\"*"));
    Some(query.join(" "))
}

impl Store {
    /// Sessions whose title matches come first (with `seq` None), then events, newest first.
    /// Sessions in the trash are never found.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let terms = query_terms(query);
        let Some(fts) = fts_query(&terms) else { return Ok(Vec::new()) };
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut hits = self.search_titles(&fts, limit)?;
        let remaining = limit - hits.len() as i64;
        if remaining > 0 {
            hits.extend(self.search_events(&fts, &terms, remaining)?);
        }
        Ok(hits)
    }

    fn search_titles(&self, fts: &str, limit: i64) -> Result<Vec<SearchHit>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT s.id, s.title FROM titles_fts JOIN sessions s ON s.pk = titles_fts.rowid
                 WHERE titles_fts MATCH ?1 AND s.deleted_at IS NULL
                 ORDER BY s.updated_at DESC LIMIT ?2",
            )
            .ctx("searching titles")?;
        stmt.query_map(params![fts, limit], |row| {
            Ok(SearchHit { session_id: row.get(0)?, seq: None, snippet: row.get(1)? })
        })
        .ctx("searching titles")?
        .collect::<rusqlite::Result<Vec<_>>>()
        .ctx("searching titles")
    }

    fn search_events(&self, fts: &str, terms: &[String], limit: i64) -> Result<Vec<SearchHit>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT e.session_id, e.seq, e.content FROM events_fts
                 JOIN events e ON e.id = events_fts.rowid
                 JOIN sessions s ON s.id = e.session_id
                 WHERE events_fts MATCH ?1 AND s.deleted_at IS NULL
                 ORDER BY events_fts.rowid DESC LIMIT ?2",
            )
            .ctx("searching events")?;
        let rows = stmt
            .query_map(params![fts, limit], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?, row.get::<_, String>(2)?))
            })
            .ctx("searching events")?;
        let mut hits = Vec::new();
        for row in rows {
            let (session_id, seq, content) = row.ctx("searching events")?;
            let value = serde_json::from_str(&content).unwrap_or(serde_json::Value::String(content));
            let mut body = String::new();
            text::readable_text(&value, &mut body);
            hits.push(SearchHit { session_id, seq: Some(seq), snippet: snippet(&body, terms) });
        }
        Ok(hits)
    }
}

/// One line of about `SNIPPET_CHARS` characters around the first word that matches a term,
/// cut from the text as it will be shown: a window cut from the raw text could start inside
/// an escape sequence, whose remains (an OSC 52 payload, say) would then read as text.
fn snippet(body: &str, terms: &[String]) -> String {
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
    let last = terms.len().checked_sub(1)?;
    let mut word_start = None;
    for (offset, ch) in body.char_indices().chain(std::iter::once((body.len(), ' '))) {
        match (is_word_char(ch), word_start) {
            (true, None) => word_start = Some(offset),
            (false, Some(start)) => {
                let word = body[start..offset].to_lowercase();
                let hit = terms
                    .iter()
                    .enumerate()
                    .any(|(i, term)| if i == last { word.starts_with(term.as_str()) } else { word == *term });
                if hit {
                    return Some(start);
                }
                word_start = None;
            }
            _ => {}
        }
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
    fn snippet_never_starts_inside_an_escape_sequence() {
        let payload = "QUJD".repeat(20);
        let body = format!("before \x1b]52;c;{payload}\x07needle after \x1b[31mred\u{9b}2J");
        let snip = snippet(&body, &["needle".to_string()]);
        assert_eq!(snip, "before needle after red");
    }
}
