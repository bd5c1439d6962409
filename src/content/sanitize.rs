//! Makes untrusted text safe to print on a terminal.
//!
//! Everything that came from a store may try to drive the terminal it is shown on: move the
//! cursor, rewrite the screen, set the clipboard (OSC 52), hide a link (OSC 8), reorder text
//! (bidi overrides). The approach is **removal**, consistently: control sequences and control
//! characters are deleted, not shown as symbols; what remains is the text a person would have
//! seen on a terminal that ignores them.
//!
//! Removed:
//! - ESC and the whole sequence it starts: CSI (`ESC [` params, final byte 0x40–0x7E), the
//!   string sequences OSC (`ESC ]`), DCS (`ESC P`), SOS (`ESC X`), PM (`ESC ^`), APC
//!   (`ESC _`) up to BEL or ST (`ESC \` or U+009C), and other escape sequences (`ESC`,
//!   intermediates 0x20–0x2F, one final byte 0x30–0x7E). A string sequence with no terminator
//!   before the end of the text (a tool output cut mid-sequence) loses only its introducer:
//!   the rest stays visible as text, where a terminal would have swallowed it;
//! - the C1 controls U+0080–U+009F; CSI (U+009B), OSC (U+009D), DCS (U+0090), SOS (U+0098),
//!   PM (U+009E) and APC (U+009F) start the same sequences as their ESC forms;
//! - every other C0 control (BEL, backspace, ...), and DEL;
//! - the bidi embedding, override and isolate controls U+202A–U+202E and U+2066–U+2069.
//!
//! Changed: `\r\n` becomes `\n` and a lone `\r` becomes `\n` (so text after it cannot
//! overwrite the line); a tab becomes spaces up to the next multiple of [`TAB_WIDTH`] columns,
//! counted in display width from the start of the line.
//!
//! Text that needs none of this is returned borrowed, after one pass over its bytes.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// Tab stops are every this many columns: narrower than a terminal's 8, since conversation
/// panes are narrow and tabs in tool output mostly indent code.
pub const TAB_WIDTH: usize = 4;

const ESC: char = '\u{1b}';
const BEL: char = '\u{07}';
const ST: char = '\u{9c}';

/// Removes terminal control sequences and controls from `text` (newlines and tabs survive,
/// tabs as spaces). Borrowed when nothing had to change.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    clean(text, Newlines::Keep)
}

/// [`sanitize`] for one-line places (titles, tool names): line breaks become spaces too.
pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    clean(text, Newlines::ToSpaces)
}

/// `text` on one line and otherwise as it is: each line break (`\r\n`, `\n`, `\r`, vertical
/// tab, form feed, NEL, U+2028, U+2029) becomes one space. For one-line places (a title in a
/// list or a heading) whose output is not sanitized, such as a pipe or a file.
pub fn one_line(text: &str) -> Cow<'_, str> {
    let is_break = |ch: char| matches!(ch, '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}');
    if !text.contains(is_break) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", " ").replace(is_break, " "))
}

#[derive(Clone, Copy, PartialEq)]
enum Newlines {
    Keep,
    ToSpaces,
}

fn clean(text: &str, newlines: Newlines) -> Cow<'_, str> {
    let Some(start) = first_unsafe_byte(text, newlines) else {
        return Cow::Borrowed(text);
    };
    let (clean_prefix, rest) = text.split_at(start);
    let column = match newlines {
        Newlines::Keep => line_width(clean_prefix.rsplit('\n').next().unwrap_or_default()),
        Newlines::ToSpaces => line_width(clean_prefix),
    };
    let mut cleaner = Cleaner { out: String::with_capacity(text.len()), column, newlines, no_terminator_left: false };
    cleaner.out.push_str(clean_prefix);
    cleaner.run(rest);
    Cow::Owned(cleaner.out)
}

/// Where the first character that must change starts, found by looking at bytes only: the
/// C1 controls are `C2 80`–`C2 9F` in UTF-8, the bidi controls `E2 80 AA`–`E2 80 AE` and
/// `E2 81 A6`–`E2 81 A9`.
fn first_unsafe_byte(text: &str, newlines: Newlines) -> Option<usize> {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().position(|(at, &byte)| match byte {
        b'\n' => newlines == Newlines::ToSpaces,
        0x00..=0x1f | 0x7f => true,
        0xc2 => matches!(bytes.get(at + 1), Some(0x80..=0x9f)),
        0xe2 => matches!(
            (bytes.get(at + 1), bytes.get(at + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    })
}

fn line_width(line: &str) -> usize {
    line.chars().map(|c| c.width().unwrap_or(0)).sum()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

struct Cleaner {
    out: String,
    /// Display column of the end of `out`, for tab stops.
    column: usize,
    newlines: Newlines,
    /// Set once a string sequence found no terminator: none lies further on either, so later
    /// introducers need no search (which keeps hostile text linear).
    no_terminator_left: bool,
}

impl Cleaner {
    fn run(&mut self, text: &str) {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                ESC => self.skip_escape(&mut chars),
                '\u{9b}' => skip_csi(&mut chars),
                '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => self.skip_string(&mut chars),
                other => self.push_visible(other, &mut chars),
            }
        }
    }

    /// Keeps `c` unless it is a control; `\r` and tabs are rewritten. ESC and the C1 sequence
    /// introducers never get here: `run` skips their sequences.
    fn push_visible(&mut self, c: char, chars: &mut Chars<'_>) {
        match c {
            '\n' => self.newline(),
            '\r' => {
                chars.next_if_eq(&'\n');
                self.newline();
            }
            '\t' => {
                let spaces = TAB_WIDTH - self.column % TAB_WIDTH;
                self.out.extend(std::iter::repeat_n(' ', spaces));
                self.column += spaces;
            }
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {}
            c if is_bidi_control(c) => {}
            c => {
                self.out.push(c);
                self.column += c.width().unwrap_or(0);
            }
        }
    }

    /// After `ESC ]`, `ESC P`, `ESC X`, `ESC ^`, `ESC _` or their C1 forms: everything up to
    /// and including BEL, `ESC \` or ST. With no terminator before the end of the text, only
    /// the introducer goes: what follows is shown as text.
    fn skip_string(&mut self, chars: &mut Chars<'_>) {
        if self.no_terminator_left {
            return;
        }
        let mut ahead = chars.clone();
        loop {
            match ahead.next() {
                Some(BEL | ST) => break,
                Some(ESC) if ahead.next_if_eq(&'\\').is_some() => break,
                Some(_) => {}
                None => {
                    self.no_terminator_left = true;
                    return;
                }
            }
        }
        *chars = ahead;
    }

    /// After `ESC`: the rest of the sequence it starts. A character that cannot follow ESC (a
    /// control, another ESC, non-ASCII) is left for the main loop: the lone ESC is just dropped.
    fn skip_escape(&mut self, chars: &mut Chars<'_>) {
        match chars.peek() {
            Some('[') => {
                chars.next();
                skip_csi(chars);
            }
            Some(']' | 'P' | 'X' | '^' | '_') => {
                chars.next();
                self.skip_string(chars);
            }
            // Intermediates (`ESC ( B`, `ESC # 8`), then one final byte; or just a final byte
            // (`ESC 7`, `ESC c`, a stray `ESC \`).
            Some(' '..='~') => {
                while chars.next_if(|c| matches!(c, ' '..='/')).is_some() {}
                chars.next_if(|c| matches!(c, '0'..='~'));
            }
            _ => {}
        }
    }

    fn newline(&mut self) {
        match self.newlines {
            Newlines::Keep => {
                self.out.push('\n');
                self.column = 0;
            }
            Newlines::ToSpaces => {
                self.out.push(' ');
                self.column += 1;
            }
        }
    }
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After `ESC [` or U+009B: parameter and intermediate bytes, then one final byte. Anything
/// else ends the sequence early and is kept for the main loop (a newline, another ESC).
fn skip_csi(chars: &mut Chars<'_>) {
    while chars.next_if(|c| matches!(c, ' '..='?')).is_some() {}
    chars.next_if(|c| matches!(c, '@'..='~'));
}
