//! Case-insensitive matching of search words, for highlighting and for finding a hit.

use std::ops::Range;

use crate::content::Block;

/// The words of a search query, lowercased, without quotes, operators or duplicates.
pub(super) fn search_words<S: AsRef<str>>(terms: impl IntoIterator<Item = S>) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for term in terms {
        for word in term.as_ref().split_whitespace() {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            if !word.is_empty() && !words.contains(&word) {
                words.push(word);
            }
        }
    }
    words
}

/// Where in `text` any of the (lowercased) `terms` occur, ignoring case: sorted, merged.
pub(super) fn find_matches(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    if terms.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    if text.is_ascii() {
        // Lowercasing ASCII keeps every byte where it was.
        let lower = text.to_ascii_lowercase();
        for term in terms {
            found.extend(lower.match_indices(term.as_str()).map(|(at, m)| at..at + m.len()));
        }
    } else {
        let (lower, starts) = lowercase_with_origins(text);
        let origin = |at: usize, round_up: bool| {
            let after = starts.partition_point(|&(lower_at, _)| lower_at <= at);
            match starts.get(after.wrapping_sub(1)) {
                Some(&(lower_at, text_at)) if lower_at == at || !round_up => text_at,
                _ => starts.get(after).map_or(text.len(), |&(_, text_at)| text_at),
            }
        };
        for term in terms {
            for (at, m) in lower.match_indices(term.as_str()) {
                found.push(origin(at, false)..origin(at + m.len(), true));
            }
        }
    }
    found.sort_by_key(|range| range.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(found.len());
    for range in found {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// `text` lowercased, with where each lowercased char came from: `(lowercase at, text at)`.
/// Lowercasing may change lengths (`İ` is three bytes lowercased), so offsets need mapping.
fn lowercase_with_origins(text: &str) -> (String, Vec<(usize, usize)>) {
    let mut lower = String::with_capacity(text.len());
    let mut starts = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        starts.push((lower.len(), at));
        lower.extend(c.to_lowercase());
    }
    (lower, starts)
}

/// Whether a block's text mentions any of the terms.
pub(super) fn block_mentions(block: &Block, terms: &[String]) -> bool {
    let texts: [&str; 2] = match block {
        Block::Text { text, .. } | Block::Reasoning { text } => [text, ""],
        Block::ToolCall { name, arguments, .. } => [name, arguments],
        Block::ToolResult { output, .. } => [output, ""],
        Block::Raw { json } => [json, ""],
        Block::Handoff { .. } => ["", ""],
    };
    texts.iter().any(|text| {
        let lower = text.to_lowercase();
        terms.iter().any(|term| lower.contains(term.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_syntax_is_not_a_word() {
        assert_eq!(search_words([r#""Weather" paris* weather"#]), ["weather", "paris"]);
    }

    #[test]
    fn matches_ignore_case_and_merge() {
        let terms = search_words(["abc bcd"]);
        assert_eq!(find_matches("xxABCDxx abc", &terms), [2..6, 9..12]);
    }

    #[test]
    fn matches_map_back_through_lowercasing_that_changes_length() {
        let terms = search_words(["straße"]);
        let text = "İİ STRASSE Straße";
        let ranges = find_matches(text, &terms);
        assert_eq!(ranges.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(), ["Straße"]);
    }
}
