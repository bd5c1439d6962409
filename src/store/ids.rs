//! Session ids as people type them: any unique prefix resolves (as with git), and the
//! shortest unique prefix is what lists show. UUID v7 ids made in the same millisecond share
//! most of their digits, so a fixed length would be either long or ambiguous.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::Store;
use super::error::{Result, SqlContext, StoreError};
use super::sessions::not_found;

/// A short id is never shorter than this, so it still reads as an id.
pub const SHORT_ID_MIN: usize = 8;

/// How many sessions an ambiguous prefix lists.
pub const AMBIGUOUS_SHOWN: usize = 8;

/// One of the sessions an ambiguous prefix matches, as the error lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Its shortest unique prefix: what to type instead.
    pub short_id: String,
    pub title: String,
    pub updated_at: DateTime<Utc>,
}

impl Store {
    /// The full id of the one session whose id starts with `prefix` (like git's short ids).
    /// An ambiguous prefix is an error listing the most recent of the sessions it matches.
    pub fn resolve_id(&self, prefix: &str, include_trash: bool) -> Result<String> {
        let prefix = prefix.trim();
        if prefix.is_empty() {
            return Err(StoreError::Invalid("a session id cannot be empty".into()));
        }
        if self.id_exists(prefix, include_trash)? {
            return Ok(prefix.to_string());
        }
        // A range scan on the id index; U+10FFFF sorts after any character that can follow.
        let upper = format!("{prefix}\u{10FFFF}");
        let trash = if include_trash { "" } else { "AND deleted_at IS NULL" };
        let matches: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM sessions WHERE id >= ?1 AND id < ?2 {trash}"))
            .and_then(|mut stmt| stmt.query_row(params![prefix, upper], |row| row.get(0)))
            .ctx("resolving a session id")?;
        if matches == 0 {
            return Err(not_found(prefix));
        }
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT id, title, updated_at FROM sessions WHERE id >= ?1 AND id < ?2 {trash}
                 ORDER BY updated_at DESC, pk DESC LIMIT ?3"
            ))
            .ctx("resolving a session id")?;
        let limit = if matches == 1 { 1 } else { AMBIGUOUS_SHOWN as i64 };
        let found = stmt
            .query_map(params![prefix, upper, limit], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, i64>(2)?))
            })
            .ctx("resolving a session id")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .ctx("resolving a session id")?;
        if let [(only, _, _)] = found.as_slice() {
            return Ok(only.clone());
        }
        let candidates = found
            .into_iter()
            .map(|(id, title, updated_at)| {
                Ok(Candidate {
                    short_id: self.short_id(&id)?,
                    title,
                    updated_at: DateTime::from_timestamp_millis(updated_at).unwrap_or_default(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Err(StoreError::Ambiguous { prefix: prefix.to_string(), matches: matches as usize, candidates })
    }

    fn id_exists(&self, id: &str, include_trash: bool) -> Result<bool> {
        let trash = if include_trash { "" } else { "AND deleted_at IS NULL" };
        self.conn
            .query_row(&format!("SELECT 1 FROM sessions WHERE id = ?1 {trash}"), [id], |_| Ok(()))
            .optional()
            .ctx("resolving a session id")
            .map(|found| found.is_some())
    }

    /// The shortest prefix of `id` that no other session's id starts with (trash included,
    /// so it resolves for every command), at least `SHORT_ID_MIN` characters, never ending in
    /// a dash. Two lookups on the id index: the ids just before and after it.
    pub fn short_id(&self, id: &str) -> Result<String> {
        let neighbour = |sql: &str| -> Result<Option<String>> {
            self.conn
                .prepare_cached(sql)
                .and_then(|mut stmt| stmt.query_row([id], |row| row.get(0)).optional())
                .ctx("shortening a session id")
        };
        let before = neighbour("SELECT id FROM sessions WHERE id < ?1 ORDER BY id DESC LIMIT 1")?;
        let after = neighbour("SELECT id FROM sessions WHERE id > ?1 ORDER BY id LIMIT 1")?;
        let shared = [before, after].iter().flatten().map(|other| common_chars(id, other)).max().unwrap_or(0);
        Ok(shortened(id, shared + 1))
    }
}

fn common_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The first `chars` characters of `id` (at least `SHORT_ID_MIN`), one more if it would end
/// in a dash.
fn shortened(id: &str, chars: usize) -> String {
    let mut short: String = id.chars().take(chars.max(SHORT_ID_MIN)).collect();
    if short.ends_with('-') {
        short.extend(id.chars().nth(short.chars().count()));
    }
    short
}

/// The ambiguity error: the sessions one per line, the most recent first, then how many more.
pub(super) fn ambiguous_message(prefix: &str, matches: usize, candidates: &[Candidate]) -> String {
    let mut message = format!("'{prefix}' matches {matches} sessions; type more of the id:");
    let width = candidates.iter().map(|c| c.short_id.chars().count()).max().unwrap_or(0);
    for candidate in candidates {
        let title = crate::content::sanitize_line(&candidate.title);
        let title = cut(&title, TITLE_CHARS);
        let time = crate::time::local(candidate.updated_at);
        message.push_str(&format!("\n  {:width$}  {time}  {title}", candidate.short_id));
    }
    if matches > candidates.len() {
        message.push_str(&format!("\n  and {} more", matches - candidates.len()));
    }
    message
}

const TITLE_CHARS: usize = 60;

fn cut(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(chars - 1).collect::<String>().trim_end().to_string();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_are_long_enough_and_never_end_in_a_dash() {
        let id = "01a22f08-1aab-70a8-b108-e041837ec578";
        assert_eq!(shortened(id, 1), "01a22f08");
        assert_eq!(shortened(id, 9), "01a22f08-1");
        assert_eq!(shortened(id, 12), "01a22f08-1aa");
        assert_eq!(shortened(id, 14), "01a22f08-1aab-7");
        assert_eq!(shortened("abc", 9), "abc");
    }
}
