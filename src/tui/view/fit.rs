//! Fitting text into a number of cells: cut with an ellipsis, or wrapped into rows. Measured
//! as the buffer draws (by grapheme, in cells), like the conversation's wrapping.

use super::conversation::{RowBreaker, cell_width, grapheme_at};

const ELLIPSIS: char = '…';

/// `text` in at most `width` cells; when cut, the last cell shows `…` so nothing looks whole
/// that is not.
pub fn truncate(text: &str, width: usize) -> String {
    if cell_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let room = width - 1;
    let (mut pos, mut used) = (0, 0);
    while pos < text.len() {
        let grapheme = grapheme_at(text, pos);
        if used + grapheme.width > room {
            break;
        }
        used += grapheme.width;
        pos = grapheme.end;
    }
    let mut cut = text[..pos].trim_end().to_string();
    cut.push(ELLIPSIS);
    cut
}

/// `text` word-wrapped into rows of at most `width` cells.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    RowBreaker::new(text, width).map(|row| text[row].to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("exactly", 7), "exactly");
        assert_eq!(truncate("a longer title", 8), "a longe…");
        assert_eq!(truncate("two words", 5), "two…", "no space before the ellipsis");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("anything", 1), "…");
        assert_eq!(truncate("anything", 0), "");
    }

    #[test]
    fn wrap_breaks_between_words() {
        assert_eq!(wrap("Delete 'a long title'?", 12), ["Delete 'a", "long title'?"]);
    }
}
