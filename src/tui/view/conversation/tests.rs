//! Properties of the layout that no frame can show: rows never wider than the pane.

use unicode_segmentation::UnicodeSegmentation;

use super::grapheme::cell_width;
use super::layout::lay_out;
use super::prepare::prepare;
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
        let prepared = prepare(&blocks);
        for width in 1..40 {
            let layout = lay_out(round, &prepared, width, |_, _| round % 2 == 0);
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
