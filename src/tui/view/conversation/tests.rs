//! Properties of the layout that no frame can show: rows never wider than the pane.

use unicode_segmentation::UnicodeSegmentation;

use super::grapheme::cell_width;
use super::layout::lay_out;
use super::prepare::prepare;
use super::state::Shown;
use crate::content::{Block, Role};

const FRAGMENTS: &[&str] = &[
    "word ",
    "longerword ",
    " ",
    "\n",
    "世界",
    "🎉",
    "👨\u{200d}👩\u{200d}👧",
    "e\u{301}",
    "z\u{335}\u{31b}",
    "\t",
    "**b** ",
    "`c` ",
    "\n```\nx\n```\n",
    "\n- i",
    "\n    - n",
    "\n> q",
    "\n1. o",
    "[l](https://e.com/p) ",
    "\n# H\n",
    "ｗｉｄｅ",
    "x\u{200b}y",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
];

fn text(seed: &mut u64) -> String {
    let mut next = || {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed as usize
    };
    let n = next() % 60;
    (0..n).map(|_| FRAGMENTS[next() % FRAGMENTS.len()]).collect()
}

#[test]
fn no_row_is_wider_than_the_pane_but_a_lone_wide_grapheme() {
    let mut seed = 7;
    for round in 0..200 {
        let blocks = vec![
            Block::Text { role: Role::Assistant, text: text(&mut seed) },
            Block::Text { role: Role::System, text: text(&mut seed) },
            Block::ToolResult { call_id: None, name: None, output: text(&mut seed), is_error: false },
        ];
        let prepared = prepare(&blocks, |_| false, None, &[]);
        for width in 1..40 {
            let shown = [Shown::Folded, Shown::Whole, Shown::Title][round % 3];
            let layout = lay_out(round, &prepared, width, |_, _| shown);
            for part in &layout.parts {
                for row in part.rows_from(0) {
                    let drawn: String = row.iter().map(|(text, _)| *text).collect();
                    let lone = drawn.trim().graphemes(true).count() == 1;
                    assert!(cell_width(&drawn) <= width || lone, "{drawn:?} wider than {width}");
                }
            }
        }
    }
}

/// The breaker's rules, one grapheme at a time through the segmenter: what the fast paths
/// must reproduce.
fn reference_rows(text: &str, width: usize) -> Vec<std::ops::Range<usize>> {
    use ratatui::buffer::CellWidth;
    let mut rows = Vec::new();
    for (line_start, line) in text.split('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len() + 1;
        Some((start, line))
    }) {
        let mut start = 0;
        let mut used = 0;
        let mut last_break = None;
        let graphemes: Vec<(usize, &str)> = line.grapheme_indices(true).collect();
        let mut index = 0;
        while index < graphemes.len() {
            let (at, symbol) = graphemes[index];
            let cells = if symbol.contains(char::is_control) { 0 } else { usize::from(symbol.cell_width()) };
            let is_space = symbol == " "
                || (symbol.chars().count() == 1
                    && symbol.chars().all(|c| {
                        c.is_whitespace()
                            && !c.is_control()
                            && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{feff}')
                    }));
            if cells > 0 && used > 0 && used + cells > width {
                if is_space {
                    rows.push(line_start + start..line_start + at);
                    start = at + symbol.len();
                    index += 1;
                } else if let Some(break_at) = last_break {
                    let content = line[start..break_at].trim_end_matches(' ');
                    rows.push(line_start + start..line_start + start + content.len());
                    start = break_at;
                    index = graphemes.partition_point(|&(g, _)| g < break_at);
                } else {
                    rows.push(line_start + start..line_start + at);
                    start = at;
                }
                used = 0;
                last_break = None;
                continue;
            }
            used += cells;
            if is_space {
                last_break = Some(at + symbol.len());
            }
            index += 1;
        }
        rows.push(line_start + start..line_start + line.len());
    }
    rows
}

#[test]
fn fast_paths_wrap_exactly_like_the_segmenter() {
    let mut seed = 11;
    for _ in 0..300 {
        let sample = text(&mut seed) + "東京は晴れです。🌞 ｗｉｄｅ жжж é e\u{301} 한국어 ab";
        for width in 1..30 {
            let fast: Vec<_> = super::wrap::RowBreaker::new(&sample, width).collect();
            let reference = reference_rows(&sample, width);
            if let Some(at) = (0..fast.len().max(reference.len())).find(|&i| fast.get(i) != reference.get(i)) {
                let show = |rows: &[std::ops::Range<usize>]| {
                    rows.iter()
                        .skip(at.saturating_sub(1))
                        .take(3)
                        .map(|r| sample[r.clone()].to_owned())
                        .collect::<Vec<_>>()
                };
                panic!("at {width}, row {at}: fast {:?} reference {:?}", show(&fast), show(&reference));
            }
        }
    }
}
