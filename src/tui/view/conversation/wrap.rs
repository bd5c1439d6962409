//! Greedy word wrapping measured exactly as ratatui's buffer draws: by grapheme, in cells.
//!
//! The breaker is memoryless: where a row starts decides everything after it. That is what
//! lets huge texts be indexed by a few row starts and wrapped again from any of them.

use std::ops::Range;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// One grapheme: where it ends, how many cells it takes, and whether a line may break after it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grapheme {
    pub end: usize,
    pub width: usize,
    pub is_space: bool,
}

/// The grapheme starting at byte `pos`, which must be a grapheme boundary before the end.
#[inline]
pub(crate) fn grapheme_at(text: &str, pos: usize) -> Grapheme {
    let bytes = text.as_bytes();
    let byte = bytes[pos];
    // Two ASCII bytes in a row are always two graphemes (CR LF aside, and CR is cleaned away),
    // which spares the segmenter for the bulk of logs and JSON.
    if byte.is_ascii() && bytes.get(pos + 1).is_none_or(u8::is_ascii) {
        let width = usize::from(!byte.is_ascii_control());
        return Grapheme { end: pos + 1, width, is_space: byte == b' ' };
    }
    let rest = &text[pos..];
    let symbol = rest.graphemes(true).next().unwrap_or(rest);
    // ratatui skips graphemes holding a control character, so they take no room.
    let width = if symbol.contains(char::is_control) { 0 } else { usize::from(symbol.cell_width()) };
    let mut chars = symbol.chars();
    let is_space = match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_whitespace() && !is_no_break_space(c),
        _ => false,
    };
    Grapheme { end: pos + symbol.len(), width, is_space }
}

fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{feff}')
}

/// Display width of a string in cells, as the buffer will draw it.
pub(crate) fn cell_width(text: &str) -> usize {
    let mut pos = 0;
    let mut width = 0;
    while pos < text.len() {
        let grapheme = grapheme_at(text, pos);
        width += grapheme.width;
        pos = grapheme.end;
    }
    width
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
