//! Graphemes as ratatui's buffer sees them: where each one ends and how many cells it takes.
//!
//! Segmenting by the book costs tens of nanoseconds a grapheme, too much for megabytes of
//! output; the fast paths below cover characters that can never join a neighbour, and a
//! test holds them to the segmenter's answers.

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// One grapheme: where it ends, how many cells it takes, and whether a line may break after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    // Two ASCII bytes in a row are always two graphemes (CR LF aside, and CR is cleaned away).
    if byte.is_ascii() && bytes.get(pos + 1).is_none_or(u8::is_ascii) {
        let width = usize::from(!byte.is_ascii_control());
        return Grapheme { end: pos + 1, width, is_space: byte == b' ' };
    }
    lone_char(text, pos).unwrap_or_else(|| segmented(text, pos))
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

/// A character of a plain script followed by another such character or by ASCII: it is a
/// grapheme on its own, and its width is known without looking it up.
#[inline]
fn lone_char(text: &str, pos: usize) -> Option<Grapheme> {
    let c = text.get(pos..)?.chars().next()?;
    let width = plain_width(c)?;
    let end = pos + c.len_utf8();
    let alone = text[end..].chars().next().is_none_or(|next| next.is_ascii() || plain_width(next).is_some());
    alone.then_some(Grapheme { end, width, is_space: false })
}

/// The end and width of the run of plain-script characters at `pos` that fits in `room`
/// cells. Such characters are graphemes of their own and never spaces, so a run of them is
/// taken whole; the last one is left out if what follows could join it.
#[inline]
pub(crate) fn plain_run(text: &str, pos: usize, room: usize) -> (usize, usize) {
    let mut end = pos;
    let mut width = 0;
    let mut last_width = 0;
    for c in text[pos..].chars() {
        match plain_width(c) {
            Some(w) if width + w <= room => {
                end += c.len_utf8();
                width += w;
                last_width = w;
            }
            Some(_) => return (end, width),
            None if c.is_ascii() => return (end, width),
            None => break,
        }
    }
    if end > pos && end < text.len() {
        let last = text[..end].chars().next_back().map_or(0, char::len_utf8);
        return (end - last, width - last_width);
    }
    (end, width)
}

/// The width of characters that never extend, join, prepend or combine as Hangul jamo, and
/// are not spaces: letters of Latin, Greek and Cyrillic, kana, CJK ideographs, Hangul
/// syllables, fullwidth forms, common emoji. None for everything else.
fn plain_width(c: char) -> Option<usize> {
    match c {
        '\u{a1}'..='\u{ac}'
        | '\u{ae}'..='\u{24f}'
        | '\u{370}'..='\u{377}'
        | '\u{37a}'..='\u{37f}'
        | '\u{384}'..='\u{3ff}'
        | '\u{400}'..='\u{482}'
        | '\u{48a}'..='\u{4ff}' => Some(1),
        '\u{3001}'..='\u{3029}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30a1}'..='\u{30fa}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{ff01}'..='\u{ff60}' => Some(2),
        // Pictographs, but not the skin tone modifiers (U+1F3FB..=U+1F3FF), which extend.
        '\u{1f300}'..='\u{1f3fa}'
        | '\u{1f400}'..='\u{1f64f}'
        | '\u{1f680}'..='\u{1f6ff}'
        | '\u{1f900}'..='\u{1f9ff}' => c.width(),
        _ => None,
    }
}

/// The general case: the segmenter, and the width the buffer will give the grapheme.
fn segmented(text: &str, pos: usize) -> Grapheme {
    let rest = &text[pos..];
    let symbol = rest.graphemes(true).next().unwrap_or(rest);
    // ratatui skips graphemes holding a control character, so they take no room.
    let width = if symbol.contains(char::is_control) { 0 } else { usize::from(symbol.cell_width()) };
    let mut chars = symbol.chars();
    let is_space = match (chars.next(), chars.next()) {
        // Controls take no room, so they are no place to break either.
        (Some(c), None) => c.is_whitespace() && !c.is_control() && !is_no_break_space(c),
        _ => false,
    };
    Grapheme { end: pos + symbol.len(), width, is_space }
}

fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What may follow a character: ASCII, plain script, and all that joins graphemes.
    const NEXT: &[&str] = &[
        "", "a", " ", "\n", "世", "é", "ж", "\u{301}", "\u{200d}", "\u{fe0f}", "\u{3099}", "\u{1161}", "\u{11a8}", "🇫",
        "\u{903}", "ﾞ",
    ];

    #[test]
    fn fast_paths_agree_with_the_segmenter() {
        let plain: Vec<char> =
            (0..=0x10ffff_u32).filter_map(char::from_u32).filter(|&c| plain_width(c).is_some()).collect();
        // Every plain character where the fast path answers; a sample where it must not.
        for (index, c) in plain.iter().enumerate() {
            let nexts = if index % 101 == 0 { NEXT } else { &NEXT[..2] };
            for next in nexts {
                let text = format!("{c}{next}");
                assert_eq!(grapheme_at(&text, 0), segmented(&text, 0), "{c:?} then {next:?}");
            }
        }
        for text in ["ab", "a\u{301}", "a ", " a", "a"] {
            assert_eq!(grapheme_at(text, 0), segmented(text, 0), "{text:?}");
        }
    }

    #[test]
    fn plain_runs_stop_before_what_could_join_them() {
        assert_eq!(plain_run("東京は", 0, 10), (9, 6));
        assert_eq!(plain_run("東京は", 0, 5), (6, 4));
        assert_eq!(plain_run("東京a", 0, 10), (6, 4));
        assert_eq!(plain_run("東京\u{301}", 0, 10), (3, 2));
        assert_eq!(plain_run("東京🌞", 0, 10), (10, 6));
        assert_eq!(plain_run("東🌞\u{1f3fb}", 0, 10), (3, 2));
        assert_eq!(plain_run("a東", 0, 10), (0, 0));
        assert_eq!(plain_run("жж", 0, 1), (2, 1));
    }
}
