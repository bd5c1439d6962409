//! The one door untrusted text goes through before it is laid out.

use std::borrow::Cow;

const TAB_STOP: usize = 4;

/// Strips terminal control characters (C0 but newline, DEL, C1, bidi overrides) and expands
/// tabs, so that nothing in an event can move the cursor or restyle the terminal.
// TODO(merge): use content::sanitize (and keep the tab expansion: wrapping measures cells).
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    if !needs_cleaning(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            c if c.is_control() || is_bidi_control(c) => {}
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// Whether any control character could be in `bytes`. Most text has none of the bytes that
/// can start one, and checking chunks for those without branching lets the compiler use
/// vector instructions; only a suspicious chunk gets the exact check.
fn needs_cleaning(bytes: &[u8]) -> bool {
    const CHUNK: usize = 64;
    bytes.chunks(CHUNK).enumerate().any(|(number, chunk)| {
        let suspicious = chunk
            .iter()
            .fold(false, |found, &b| found | ((b < 0x20) & (b != b'\n')) | (b == 0x7f) | (b == 0xc2) | (b == 0xe2));
        suspicious && (number * CHUNK..number * CHUNK + chunk.len()).any(|at| is_control_at(bytes, at))
    })
}

fn is_control_at(bytes: &[u8], at: usize) -> bool {
    match bytes[at] {
        b'\n' => false,
        0x00..=0x1f | 0x7f => true,
        // C1 controls are U+0080..=U+009F: 0xC2 0x80..=0x9F in UTF-8.
        0xc2 => matches!(bytes.get(at + 1), Some(0x80..=0x9f)),
        // U+202A..=U+202E and U+2066..=U+2069.
        0xe2 => matches!(
            (bytes.get(at + 1), bytes.get(at + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(clean("héllo 世界\nok"), Cow::Borrowed(_)));
    }

    #[test]
    fn strips_escapes_and_c1_and_bidi() {
        assert_eq!(clean("a\x1b[31mb\u{9b}c\u{202e}d\x07"), "a[31mbcd");
    }

    #[test]
    fn expands_tabs_to_stops() {
        assert_eq!(clean("a\tb\n\tc"), "a   b\n    c");
    }
}
