//! Greedy word wrapping measured exactly as ratatui's buffer draws: by grapheme, in cells.
//!
//! The breaker is memoryless: where a row starts decides everything after it. That is what
//! lets huge texts be indexed by a few row starts and wrapped again from any of them.

use std::ops::Range;

#[cfg(test)]
use super::grapheme::cell_width;
use super::grapheme::{grapheme_at, plain_run};

/// The byte ranges of the rows `text` wraps into at `width` cells, starting at byte `start`
/// (which must be a row start: 0 or one this breaker produced). A newline always ends a row
/// and is not part of it; a space where a row breaks is dropped.
#[derive(Debug, Clone)]
pub(crate) struct RowBreaker<'a> {
    text: &'a str,
    pos: usize,
    width: usize,
    done: bool,
}

impl<'a> RowBreaker<'a> {
    pub fn new(text: &'a str, width: usize) -> Self {
        Self::starting_at(text, 0, width)
    }

    pub fn starting_at(text: &'a str, start: usize, width: usize) -> Self {
        RowBreaker { text, pos: start.min(text.len()), width: width.max(1), done: false }
    }

    /// Where the next row will start, or None when all rows were produced.
    pub fn next_start(&self) -> Option<usize> {
        (!self.done).then_some(self.pos)
    }
}

impl Iterator for RowBreaker<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if self.done {
            return None;
        }
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let mut pos = start;
        let mut used = 0;
        let mut last_break = None;
        loop {
            if pos >= bytes.len() {
                self.done = true;
                self.pos = bytes.len();
                return Some(start..bytes.len());
            }
            if bytes[pos] == b'\n' {
                self.pos = pos + 1;
                return Some(start..pos);
            }
            let run_end = printable_ascii_run(bytes, pos, self.width.saturating_sub(used));
            if run_end > pos {
                if let Some(space) = bytes[pos..run_end].iter().rposition(|&b| b == b' ') {
                    last_break = Some(pos + space + 1);
                }
                used += run_end - pos;
                pos = run_end;
                continue;
            }
            let (run_end, run_width) = plain_run(self.text, pos, self.width.saturating_sub(used));
            if run_end > pos {
                used += run_width;
                pos = run_end;
                continue;
            }
            let grapheme = grapheme_at(self.text, pos);
            // `used > 0`: a grapheme wider than the pane still gets a row of its own, so the
            // breaker always advances; the buffer then declines to draw what does not fit.
            if grapheme.width > 0 && used > 0 && used + grapheme.width > self.width {
                if grapheme.is_space {
                    self.pos = grapheme.end;
                    return Some(start..pos);
                }
                let Some(break_at) = last_break else {
                    self.pos = pos;
                    return Some(start..pos);
                };
                self.pos = break_at;
                // The spaces the row breaks at are not content: no highlight, no copy.
                let content = self.text[start..break_at].trim_end_matches(' ');
                return Some(start..start + content.len());
            }
            used += grapheme.width;
            if grapheme.is_space {
                last_break = Some(grapheme.end);
            }
            pos = grapheme.end;
        }
    }
}

/// The end of the run of printable ASCII at `pos` that fits in `room` cells: one grapheme and
/// one cell per byte, so it is taken whole instead of grapheme by grapheme.
#[inline]
fn printable_ascii_run(bytes: &[u8], pos: usize, room: usize) -> usize {
    let limit = pos.saturating_add(room).min(bytes.len());
    let mut end = pos;
    while end < limit && matches!(bytes[end], b' '..=b'~') {
        end += 1;
    }
    // The last byte before a non-ASCII one may be the base of a combining sequence.
    if end > pos && bytes.get(end).is_some_and(|b| !b.is_ascii()) {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn rows(text: &str, width: usize) -> Vec<&str> {
        RowBreaker::new(text, width).map(|r| &text[r]).collect()
    }

    #[test]
    fn breaks_at_spaces_and_drops_the_breaking_space() {
        assert_eq!(rows("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(rows("aaaa bbbb", 4), ["aaaa", "bbbb"]);
    }

    #[test]
    fn cuts_words_longer_than_the_row() {
        assert_eq!(rows("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn newlines_end_rows_and_empty_lines_are_rows() {
        assert_eq!(rows("a\n\nb", 10), ["a", "", "b"]);
        assert_eq!(rows("", 10), [""]);
    }

    #[test]
    fn wide_characters_never_exceed_the_width() {
        for width in 1..12 {
            for row in rows("日本語のテキスト🎉🎉 mixed 한국어", width) {
                assert!(cell_width(row) <= width.max(2), "{row:?} at {width}");
                if cell_width(row) > width {
                    assert_eq!(row.graphemes(true).count(), 1, "only a lone wide grapheme");
                }
            }
        }
    }

    #[test]
    fn combining_marks_stay_with_their_base() {
        let text = "e\u{301}e\u{301}e\u{301}e\u{301}";
        assert_eq!(rows(text, 2), ["e\u{301}e\u{301}", "e\u{301}e\u{301}"]);
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(rows(&format!("{family}{family}"), 2), [family, family]);
    }

    #[test]
    fn resuming_at_a_row_start_gives_the_same_rows() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let all: Vec<_> = RowBreaker::new(text, 9).collect();
        for (i, row) in all.iter().enumerate() {
            let resumed: Vec<_> = RowBreaker::starting_at(text, row.start, 9).collect();
            assert_eq!(resumed, all[i..]);
        }
    }
}
