//! Fitting text into a number of cells: cut with an ellipsis, or wrapped into rows. Measured
//! as the buffer draws (by grapheme, in cells), like the conversation's wrapping.

use ratatui::text::Span;

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
    let mut cut = prefix(text, width - 1).trim_end().to_string();
    cut.push(ELLIPSIS);
    cut
}

/// `n` with a comma between each group of three digits: 1,204.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Styled `spans` in at most `width` cells, cut like [`truncate`].
pub fn truncate_spans(spans: Vec<Span<'_>>, width: usize) -> Vec<Span<'_>> {
    if spans.iter().map(|span| cell_width(&span.content)).sum::<usize>() <= width {
        return spans;
    }
    let mut left = width.saturating_sub(1);
    let mut fitted = Vec::new();
    for span in spans {
        let span_width = cell_width(&span.content);
        if span_width <= left {
            left -= span_width;
            fitted.push(span);
            continue;
        }
        if width > 0 {
            let cut = prefix(&span.content, left).to_string();
            fitted.push(Span::styled(cut, span.style));
            fitted.push(Span::styled(ELLIPSIS.to_string(), span.style));
        }
        break;
    }
    fitted
}

/// The longest start of `text` that takes at most `room` cells.
fn prefix(text: &str, room: usize) -> &str {
    let (mut pos, mut used) = (0, 0);
    while pos < text.len() {
        let grapheme = grapheme_at(text, pos);
        if used + grapheme.width > room {
            break;
        }
        used += grapheme.width;
        pos = grapheme.end;
    }
    &text[..pos]
}

/// `text` word-wrapped into rows of at most `width` cells.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    RowBreaker::new(text, width).map(|row| text[row].to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        let cases =
            [(0, "0"), (999, "999"), (1000, "1,000"), (1204, "1,204"), (100000, "100,000"), (1234567, "1,234,567")];
        for (n, text) in cases {
            assert_eq!(thousands(n), text);
        }
    }

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
    fn truncate_spans_keeps_styles_and_marks_the_cut() {
        use ratatui::style::Style;
        let bold = Style::new().bold();
        let spans = || vec![Span::raw("#2 "), Span::styled("parser", bold), Span::raw(" rest")];
        let texts = |spans: Vec<Span>| spans.iter().map(|span| span.content.to_string()).collect::<Vec<_>>();
        assert_eq!(texts(truncate_spans(spans(), 14)), ["#2 ", "parser", " rest"]);
        let cut = truncate_spans(spans(), 7);
        assert_eq!(texts(cut.clone()), ["#2 ", "par", "…"]);
        assert_eq!(cut[1].style, bold);
        assert!(truncate_spans(spans(), 0).is_empty());
    }

    #[test]
    fn wrap_breaks_between_words() {
        assert_eq!(wrap("Delete 'a long title'?", 12), ["Delete 'a", "long title'?"]);
    }
}
