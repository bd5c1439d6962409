//! Styled text before and after wrapping.

use std::ops::Range;

use super::grapheme::cell_width;
use super::table::Table;
use super::wrap::RowBreaker;
use crate::tui::theme::Look;

/// A run of text in one look.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Piece {
    pub text: String,
    pub look: Look,
}

impl Piece {
    pub fn new(text: impl Into<String>, look: impl Into<Look>) -> Self {
        Piece { text: text.into(), look: look.into() }
    }
}

/// One screen row of laid-out text, without the gutter.
pub(crate) type Row = Vec<Piece>;

/// A logical line: text with style runs, plus what goes before each of its rows (list
/// markers, quote bars, code frames). Both prefixes have the same width, so every row of the
/// line has the same room for text.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct StyledLine {
    pub text: String,
    /// `(end, look)`: each run starts where the previous one ended.
    pub runs: Vec<(usize, Look)>,
    pub first_prefix: Row,
    pub rest_prefix: Row,
    /// Repeat this look's rule character across the row instead of drawing `text`.
    pub rule: Option<Look>,
    /// Draw this table instead of `text`, laid out at each width.
    pub table: Option<Box<Table>>,
}

impl StyledLine {
    pub fn plain(text: impl Into<String>, look: impl Into<Look>) -> Self {
        let text = text.into();
        let runs = vec![(text.len(), look.into())];
        StyledLine { text, runs, ..Default::default() }
    }

    pub fn push(&mut self, text: &str, look: Look) {
        if text.is_empty() {
            return;
        }
        self.text.push_str(text);
        match self.runs.last_mut() {
            Some((end, last)) if *last == look => *end = self.text.len(),
            _ => self.runs.push((self.text.len(), look)),
        }
    }

    /// Wraps into rows of at most `width` cells (a grapheme wider than that alone excepted).
    pub fn wrap(&self, width: usize, out: &mut Vec<Row>) {
        let prefix_width = cell_width_of(&self.first_prefix);
        // Deep nesting in a narrow pane: text matters more than the bars in front of it, and
        // the room left must take a wide character.
        let (first, rest, room) = if prefix_width + 2 <= width {
            (&self.first_prefix[..], &self.rest_prefix[..], width - prefix_width)
        } else {
            (&[][..], &[][..], width.max(1))
        };
        if let Some(table) = &self.table {
            table.draw(room, &first.to_vec(), out);
            return;
        }
        if let Some(look) = self.rule {
            let mut row = first.to_vec();
            row.push(Piece::new("─".repeat(room), look));
            out.push(row);
            return;
        }
        for (index, range) in RowBreaker::new(&self.text, room).enumerate() {
            let mut row = if index == 0 { first.to_vec() } else { rest.to_vec() };
            self.slice_into(range, &mut row);
            out.push(row);
        }
    }

    pub(super) fn slice_into(&self, range: Range<usize>, row: &mut Row) {
        let mut run_start = 0;
        for &(run_end, look) in &self.runs {
            let start = run_start.max(range.start);
            let end = run_end.min(range.end);
            if start < end {
                row.push(Piece::new(&self.text[start..end], look));
            }
            run_start = run_end;
            if run_start >= range.end {
                break;
            }
        }
    }
}

pub(crate) fn cell_width_of(row: &[Piece]) -> usize {
    row.iter().map(|piece| cell_width(&piece.text)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::Tone;

    fn texts(rows: &[Row]) -> Vec<String> {
        rows.iter().map(|row| row.iter().map(|p| p.text.as_str()).collect()).collect()
    }

    #[test]
    fn continuation_rows_get_the_rest_prefix() {
        let mut line = StyledLine::plain("alpha beta gamma", Tone::UserText);
        line.first_prefix = vec![Piece::new("• ", Tone::Marker)];
        line.rest_prefix = vec![Piece::new("  ", Tone::Marker)];
        let mut rows = Vec::new();
        line.wrap(12, &mut rows);
        assert_eq!(texts(&rows), ["• alpha beta", "  gamma"]);
    }

    #[test]
    fn runs_are_split_where_rows_break() {
        let mut line = StyledLine::default();
        line.push("plain ", Tone::UserText.into());
        line.push("bold words", Tone::Heading.into());
        let mut rows = Vec::new();
        line.wrap(11, &mut rows);
        assert_eq!(texts(&rows), ["plain bold", "words"]);
        assert_eq!(rows[0].len(), 2);
        assert_eq!(rows[1][0].look.tone, Tone::Heading);
    }

    #[test]
    fn prefixes_are_dropped_when_nothing_else_would_fit() {
        let mut line = StyledLine::plain("abc", Tone::UserText);
        line.first_prefix = vec![Piece::new("│ │ ", Tone::Quote)];
        line.rest_prefix = line.first_prefix.clone();
        let mut rows = Vec::new();
        line.wrap(3, &mut rows);
        assert_eq!(texts(&rows), ["abc"]);
    }
}
