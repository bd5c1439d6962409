//! Plain text wrapped lazily: megabytes of tool output cost a scan, not a copy per row.

use std::ops::Range;

use super::wrap::RowBreaker;

/// A row start is remembered every this many rows, so any row is at most this many rows of
/// wrapping away.
const CHECKPOINT_EVERY: usize = 32;

/// Where the rows of a text wrapped at some width start, sampled.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WrapIndex {
    width: usize,
    rows: usize,
    checkpoints: Vec<usize>,
    /// The byte where the first row not indexed starts, when indexing stopped at a limit.
    rest_starts_at: Option<usize>,
}

impl WrapIndex {
    /// Indexes all rows of `text` at `width`, or only the first `limit` of them.
    pub fn build(text: &str, width: usize, limit: Option<usize>) -> Self {
        let limit = limit.unwrap_or(usize::MAX);
        let mut breaker = RowBreaker::new(text, width);
        let mut checkpoints = Vec::new();
        let mut rows = 0;
        while rows < limit {
            let Some(row) = breaker.next() else { break };
            if rows % CHECKPOINT_EVERY == 0 {
                checkpoints.push(row.start);
            }
            rows += 1;
        }
        WrapIndex { width, rows, checkpoints, rest_starts_at: breaker.next_start() }
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Where the text left out by a limit starts; None if every row is indexed.
    pub fn rest_starts_at(&self) -> Option<usize> {
        self.rest_starts_at
    }

    /// The byte ranges of the indexed rows from `first` on.
    pub fn rows_from<'a>(&self, text: &'a str, first: usize) -> impl Iterator<Item = Range<usize>> + 'a {
        let checkpoint = (first / CHECKPOINT_EVERY).min(self.checkpoints.len().saturating_sub(1));
        let start = self.checkpoints.get(checkpoint).copied().unwrap_or(text.len());
        let skip = first.saturating_sub(checkpoint * CHECKPOINT_EVERY);
        let take = self.rows.saturating_sub(first);
        RowBreaker::starting_at(text, start, self.width).skip(skip).take(take)
    }
}

/// How many lines of `text` from byte `from` on: what "… N more lines" counts.
pub(crate) fn lines_in(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or_default();
    if rest.is_empty() {
        return 0;
    }
    // Counted in chunks small enough for a u8 tally, which the compiler turns into vector code.
    let newlines: usize = rest
        .as_bytes()
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(b == b'\n'))))
        .sum();
    newlines + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_row_reads_the_same_as_wrapping_from_the_start() {
        let text: String = (0..500).map(|i| format!("word{i} ")).collect::<String>() + "\nend";
        let all: Vec<_> = RowBreaker::new(&text, 13).collect();
        let index = WrapIndex::build(&text, 13, None);
        assert_eq!(index.rows(), all.len());
        for first in [0, 1, 31, 32, 33, 100, all.len() - 1] {
            let rows: Vec<_> = index.rows_from(&text, first).collect();
            assert_eq!(rows, all[first..], "from row {first}");
        }
        assert_eq!(index.rest_starts_at(), None);
    }

    #[test]
    fn a_limit_indexes_a_prefix_and_says_where_the_rest_starts() {
        let text = "a\nb\nc\nd";
        let index = WrapIndex::build(text, 10, Some(2));
        assert_eq!(index.rows(), 2);
        assert_eq!(index.rest_starts_at(), Some(4));
        assert_eq!(lines_in(text, 4), 2);
        assert_eq!(index.rows_from(text, 0).count(), 2);
    }
}
