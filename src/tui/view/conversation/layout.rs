//! One event laid out at one width and one fold state: the unit the view caches.
//!
//! Rows of small blocks are wrapped eagerly; rows of plain bodies are only indexed, and
//! wrapped again from the nearest checkpoint when they are drawn.

use std::ops::Range;
use std::sync::Arc;

use super::plain::{WrapIndex, lines_in};
use super::prepare::{Body, FoldGroup, FoldRule, PreparedBlock, human_size};
use super::read::CodeLines;
use super::rows::{Piece, Row, StyledLine};
use super::state::Shown;
use super::wrap::RowBreaker;
use crate::tui::theme::{Look, Tone};

/// Bodies under a title are indented this much, when the pane is wide enough to afford it.
const BODY_INDENT: usize = 2;
const INDENT_FROM_WIDTH: usize = 12;
/// Hidden text this large is worth its size in the fold summary.
const SIZE_WORTH_SAYING: usize = 64 * 1024;

#[derive(Debug)]
pub(crate) struct EventLayout {
    /// The content width it was laid out at (the cache key, with the fold state).
    pub width: usize,
    pub header_row: usize,
    pub parts: Vec<Part>,
    pub height: usize,
}

#[derive(Debug)]
pub(crate) struct Part {
    pub start: usize,
    pub len: usize,
    /// The block these rows show; None for the header and the gaps.
    pub block: Option<usize>,
    pub kind: PartKind,
}

#[derive(Debug)]
pub(crate) enum PartKind {
    Blank,
    /// Drawn from the event itself at draw time: it depends on the clock, not the width.
    Header,
    Rows(Vec<Row>),
    Plain(PlainPart),
}

#[derive(Debug)]
pub(crate) struct PlainPart {
    text: Arc<str>,
    /// The byte its rows start from: past a header a folded preview leaves out.
    start: usize,
    look: Look,
    indent: &'static str,
    index: WrapIndex,
    /// Drawn as code, line by line, when it is a file read.
    code: Option<Arc<CodeLines>>,
}

/// A row ready to draw: runs of text in their looks.
pub(crate) type RowView<'a> = Vec<(&'a str, Look)>;

/// Lays out one event. `index` is its position in the session (the first has no gap above);
/// `shown` says how much of a foldable block is drawn now.
pub(crate) fn lay_out(
    index: usize,
    blocks: &[PreparedBlock],
    width: usize,
    shown: impl Fn(usize, &FoldRule) -> Shown,
) -> EventLayout {
    let mut layout = EventLayout { width, header_row: 0, parts: Vec::new(), height: 0 };
    if index > 0 {
        layout.push(1, None, PartKind::Blank);
        layout.header_row = 1;
    }
    layout.push(1, None, PartKind::Header);
    if blocks.is_empty() {
        let rows = wrap_lines(&[StyledLine::plain("(empty)", Tone::Dim)], width);
        layout.push(rows.len(), None, PartKind::Rows(rows));
    }
    for (number, block) in blocks.iter().enumerate() {
        if number > 0 {
            layout.push(1, None, PartKind::Blank);
        }
        let shown = block.fold.map(|rule| (rule, shown(number, &rule)));
        if let (Some(title), Some((rule, Shown::Title))) = (&block.title, shown) {
            let rows = wrap_lines(&[title_only(title, rule.group)], width);
            layout.push(rows.len(), Some(number), PartKind::Rows(rows));
            continue;
        }
        let folded = shown.filter(|(_, shown)| *shown != Shown::Whole).map(|(rule, _)| rule);
        let mut rows = Vec::new();
        if let Some(title) = &block.title {
            title.wrap(width, &mut rows);
        }
        if let Body::Lines(lines) = &block.body {
            let body_start = rows.len();
            for line in lines {
                line.wrap(width, &mut rows);
            }
            if let Some(rule) = folded {
                fold_rows(&mut rows, body_start, rule, width);
            }
        }
        if !rows.is_empty() {
            layout.push(rows.len(), Some(number), PartKind::Rows(rows));
        }
        if let Body::Plain { text, look, indented, preview_from, code } = &block.body {
            let fold = folded.map(|rule| (rule, *preview_from));
            layout.push_plain(number, text, *look, *indented, fold, code.clone());
        }
    }
    layout
}

/// A block's title standing for all of it, saying which key brings the rest back.
fn title_only(title: &StyledLine, group: FoldGroup) -> StyledLine {
    let hint = match group {
        FoldGroup::Reasoning => " · hidden (T shows)",
        FoldGroup::Tools | FoldGroup::Alone => " · …",
    };
    let mut line = title.clone();
    line.push(hint, Look::plain(Tone::FoldSummary));
    line
}

impl EventLayout {
    fn push(&mut self, len: usize, block: Option<usize>, kind: PartKind) {
        self.parts.push(Part { start: self.height, len, block, kind });
        self.height += len;
    }

    /// `fold`: the rule and where its preview starts, when the block is folded.
    fn push_plain(
        &mut self,
        block: usize,
        text: &Arc<str>,
        look: Look,
        indented: bool,
        fold: Option<(FoldRule, usize)>,
        code: Option<Arc<CodeLines>>,
    ) {
        let indent_width = if indented && self.width >= INDENT_FROM_WIDTH { BODY_INDENT } else { 0 };
        let indent = &"  "[..indent_width];
        let room = self.width.saturating_sub(indent_width).max(1);
        let preview = fold.and_then(|(rule, from)| {
            let from = if text.is_char_boundary(from) { from } else { 0 };
            let body = &text[from..];
            // Folding must hide more than the one row that says what it hides; a header left
            // out of the preview is always worth saying.
            let probe = WrapIndex::build(body, room, Some(rule.preview_rows + 1));
            if from == 0 {
                probe.rest_starts_at()?;
            }
            Some((from, WrapIndex::build(body, room, Some(rule.preview_rows))))
        });
        let (start, index, hidden) = match preview {
            Some((from, index)) => {
                let rest = index.rest_starts_at().map(|at| from + at);
                (from, index, Some(Hidden { header_end: from, rest }))
            }
            None => (0, WrapIndex::build(text, room, None), None),
        };
        let plain = PlainPart { text: Arc::clone(text), start, look, indent, index, code };
        self.push(plain.index.rows(), Some(block), PartKind::Plain(plain));
        if let Some(hidden) = hidden {
            let mut summary = StyledLine::plain(fold_summary(text, hidden, room), Tone::FoldSummary);
            summary.first_prefix = vec![Piece::new(indent, look)];
            summary.rest_prefix = summary.first_prefix.clone();
            let rows = wrap_lines(&[summary], self.width);
            self.push(rows.len(), Some(block), PartKind::Rows(rows));
        }
    }

    /// The part holding `row`.
    pub fn part_at(&self, row: usize) -> Option<&Part> {
        let after = self.parts.partition_point(|part| part.start <= row);
        self.parts.get(after.checked_sub(1)?).filter(|part| row < part.start + part.len)
    }

    /// The rows showing `block`.
    pub fn block_rows(&self, block: usize) -> Option<Range<usize>> {
        let mut parts = self.parts.iter().filter(|part| part.block == Some(block));
        let first = parts.next()?;
        let end = parts.next_back().map_or(first.start + first.len, |last| last.start + last.len);
        Some(first.start..end)
    }

    /// The first row of the body, past the gap and the header.
    pub fn body_row(&self) -> usize {
        self.header_row + 1
    }
}

impl Part {
    /// This part's rows from `first` (counted within the part) on. The header has none: it
    /// is drawn from the event.
    pub fn rows_from(&self, first: usize) -> Box<dyn Iterator<Item = RowView<'_>> + '_> {
        match &self.kind {
            PartKind::Blank => Box::new(std::iter::repeat_n(Vec::new(), self.len.saturating_sub(first))),
            PartKind::Header => Box::new(std::iter::empty()),
            PartKind::Rows(rows) => Box::new(
                rows.iter().skip(first).map(|row| row.iter().map(|piece| (piece.text.as_str(), piece.look)).collect()),
            ),
            PartKind::Plain(PlainPart { code: Some(code), text, start, look, indent, index }) => {
                let text: &str = text;
                Box::new(index.rows_from(&text[*start..], first).map(move |range| {
                    let mut row = Vec::with_capacity(4);
                    if !indent.is_empty() {
                        row.push((*indent, *look));
                    }
                    row.extend(code.row(text, start + range.start..start + range.end, *look));
                    row
                }))
            }
            PartKind::Plain(plain) => {
                let text: &str = &plain.text[plain.start..];
                Box::new(plain.index.rows_from(text, first).map(move |range| {
                    let mut row = Vec::with_capacity(2);
                    if !plain.indent.is_empty() {
                        row.push((plain.indent, plain.look));
                    }
                    row.push((&text[range], plain.look));
                    row
                }))
            }
        }
    }
}

/// Folds wrapped body rows (from `body_start`) to the rule's preview and a fold line, when
/// that hides more than the one row the fold line takes.
fn fold_rows(rows: &mut Vec<Row>, body_start: usize, rule: FoldRule, width: usize) {
    let body_rows = rows.len() - body_start;
    if body_rows <= rule.preview_rows + 1 {
        return;
    }
    let hidden = body_rows - rule.preview_rows;
    rows.truncate(body_start + rule.preview_rows);
    let noun = if hidden == 1 { "line" } else { "lines" };
    StyledLine::plain(with_unfold_hint(format!("… {hidden} more {noun}"), width), Tone::FoldSummary).wrap(width, rows);
}

fn wrap_lines(lines: &[StyledLine], width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    for line in lines {
        line.wrap(width, &mut rows);
    }
    rows
}

/// What a folded preview leaves out: a header before it (up to `header_end`), and the rest
/// after it (from `rest`).
#[derive(Debug, Clone, Copy)]
struct Hidden {
    header_end: usize,
    rest: Option<usize>,
}

/// The key that unfolds a block, said on its fold line.
const UNFOLD_HINT: &str = "Space opens";

/// "… N more lines · Space opens": rows as they would wrap when that is cheap to know, else
/// lines of text (with the size, which is then the more telling number).
fn fold_summary(text: &str, hidden: Hidden, room: usize) -> String {
    let rest_bytes = hidden.rest.map_or(0, |rest| text.len().saturating_sub(rest));
    let hidden_bytes = rest_bytes + hidden.header_end;
    // The header is whole lines, each ending in a newline.
    let header = text[..hidden.header_end].matches('\n').count();
    let (rest, size) = match hidden.rest {
        Some(rest) if hidden_bytes < SIZE_WORTH_SAYING => {
            (RowBreaker::starting_at(text, rest, room).count(), String::new())
        }
        Some(rest) => (lines_in(text, rest), format!(", {}", human_size(hidden_bytes))),
        None => (0, String::new()),
    };
    let lines = header + rest;
    let noun = if lines == 1 { "line" } else { "lines" };
    with_unfold_hint(format!("… {lines} more {noun}{size}"), room)
}

/// The fold line with the key that opens it, when that fits on one row.
fn with_unfold_hint(summary: String, room: usize) -> String {
    let hinted = format!("{summary} · {UNFOLD_HINT}");
    if super::grapheme::cell_width(&hinted) <= room { hinted } else { summary }
}
