//! `content::sanitize`: untrusted text can't drive the terminal it is shown on.

use std::borrow::Cow;

use proptest::prelude::*;
use recall::content::{sanitize, sanitize_line};

fn clean(text: &str) -> String {
    sanitize(text).into_owned()
}

#[test]
fn clean_text_is_borrowed_untouched() {
    for text in ["", "plain", "line one\nline two\n", "東京 ☔ — 👩‍👩‍👧‍👦 𝔘𝔫𝔦 مرحبا é", "\u{200f}rlm is not an override"]
    {
        assert!(matches!(sanitize(text), Cow::Borrowed(same) if same == text), "{text:?}");
        assert!(matches!(sanitize_line("one line"), Cow::Borrowed(_)));
    }
}

#[test]
fn csi_sequences_are_removed() {
    assert_eq!(clean("\x1b[31mred\x1b[0m plain"), "red plain");
    assert_eq!(clean("a\x1b[2J\x1b[Hb"), "ab");
    assert_eq!(clean("x\x1b[?1049hy\x1b[38;2;255;0;0mz"), "xyz");
    assert_eq!(clean("private \x1b[>4;2m params"), "private  params");
}

#[test]
fn osc_sequences_end_at_bel_or_st() {
    // OSC 52 would set the clipboard, OSC 8 hide where a link goes, OSC 0 set the title.
    assert_eq!(clean("a\x1b]52;c;cm0gLXJmIH4=\x07b"), "ab");
    assert_eq!(clean("\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"), "click");
    assert_eq!(clean("\x1b]0;title\x07text"), "text");
    assert_eq!(clean("\x1b]0;title\u{9c}text"), "text");
}

#[test]
fn dcs_apc_pm_and_sos_strings_are_removed() {
    assert_eq!(clean("a\x1bP1$r0m\x1b\\b"), "ab");
    assert_eq!(clean("a\x1b_Gf=100;AAAA\x1b\\b"), "ab");
    assert_eq!(clean("a\x1b^private\x1b\\b"), "ab");
    assert_eq!(clean("a\x1bXstart of string\x1b\\b"), "ab");
}

#[test]
fn unterminated_strings_lose_only_their_introducer() {
    // A tool output cut mid-sequence: the text after it stays visible (issue 12).
    assert_eq!(clean("keep\x1b]52;c;bG9uZw=="), "keep52;c;bG9uZw==");
    assert_eq!(clean("keep\x1bPq#0;2;0;0;0"), "keepq#0;2;0;0;0");
    assert_eq!(clean("ok\x1b]8;;http://x\nline two\n\x1b[1mbold\x1b[0m end"), "ok8;;http://x\nline two\nbold end");
    assert_eq!(clean("a\u{9d}0;cut\x1b]0;again\x1b"), "a0;cut0;again");
    assert_eq!(clean("a\x1b]"), "a");
    // A terminated one later on is still removed whole.
    assert_eq!(clean("a\x1b]0;t\x07b\x1b]cut"), "abcut");
    // CSI has no string to lose: its parameters go, as before.
    assert_eq!(clean("keep\x1b[38;5"), "keep");
    assert_eq!(clean("keep\x1b"), "keep");
}

#[test]
fn two_byte_and_charset_escapes_are_removed() {
    assert_eq!(clean("a\x1b7b\x1b8c\x1bcd"), "abcd");
    assert_eq!(clean("a\x1b(Bb\x1b#8c"), "abc");
    assert_eq!(clean("a\x1b\x1b[31mb"), "ab");
}

#[test]
fn c1_controls_are_removed_and_start_their_sequences() {
    assert_eq!(clean("a\u{9b}31mb"), "ab");
    assert_eq!(clean("a\u{9d}52;c;eA==\x07b"), "ab");
    assert_eq!(clean("a\u{90}data\u{9c}b"), "ab");
    assert_eq!(clean("a\u{85}b\u{8d}c\u{9c}d"), "abcd");
}

#[test]
fn c0_controls_and_del_are_removed() {
    assert_eq!(clean("bell\x07 back\x08space\x00nul\x7fdel\x0cff"), "bell backspacenuldelff");
}

#[test]
fn carriage_returns_cannot_overwrite_a_line() {
    assert_eq!(clean("one\r\ntwo\r\n"), "one\ntwo\n");
    assert_eq!(clean("safe\rEVIL"), "safe\nEVIL");
    assert_eq!(clean("10%\r50%\r100%"), "10%\n50%\n100%");
}

#[test]
fn bidi_overrides_and_isolates_are_removed() {
    assert_eq!(clean("access\u{202e}txt.exe"), "accesstxt.exe");
    assert_eq!(clean("\u{2066}a\u{2069}\u{2067}b\u{2068}c\u{202a}d\u{202b}e\u{202c}f\u{202d}"), "abcdef");
}

#[test]
fn tabs_become_spaces_to_the_next_stop_of_four() {
    assert_eq!(clean("\tx"), "    x");
    assert_eq!(clean("ab\tc"), "ab  c");
    assert_eq!(clean("abcd\te"), "abcd    e");
    assert_eq!(clean("1\t# title\n2\tbody"), "1   # title\n2   body");
    // Columns are display columns: a wide character takes two.
    assert_eq!(clean("東\tx"), "東  x");
    // The stop counts from the start of the line, also before the first change.
    assert_eq!(clean("abc\x1b[0m\tx"), "abc x");
}

#[test]
fn sanitize_line_puts_everything_on_one_line() {
    assert_eq!(sanitize_line("title\nwith lines\r\nand\rmore"), "title with lines and more");
    assert_eq!(sanitize_line("a\nb\tc"), "a b c");
    assert_eq!(sanitize_line("\x1b]0;x\x07get_weather"), "get_weather");
}

#[test]
fn big_clean_text_stays_borrowed() {
    let big = "ordinary tool output, line after line\n".repeat(300_000);
    assert!(matches!(sanitize(&big), Cow::Borrowed(_)));
    let dirty = format!("{big}\x1b[31m!");
    assert_eq!(sanitize(&dirty).len(), big.len() + 1);
}

fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn terminal_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\x1b".to_owned()),
        Just("\x1b[".to_owned()),
        Just("\x1b]".to_owned()),
        Just("\x1bP".to_owned()),
        Just("\x07".to_owned()),
        Just("\x1b\\".to_owned()),
        Just("\u{9b}".to_owned()),
        Just("\u{9d}".to_owned()),
        Just("\u{9c}".to_owned()),
        Just("\r".to_owned()),
        Just("\t".to_owned()),
        Just("\n".to_owned()),
        Just("\u{202e}".to_owned()),
        Just("\u{2067}".to_owned()),
        Just("東".to_owned()),
        "[ -~]{0,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn output_never_holds_a_control_an_escape_or_an_override(text in terminal_soup()) {
        let out = sanitize(&text);
        prop_assert!(!out.chars().any(is_forbidden), "{:?} -> {:?}", text, out);
        let line = sanitize_line(&text);
        prop_assert!(!line.chars().any(|c| is_forbidden(c) || c == '\n'), "{:?} -> {:?}", text, line);
    }

    #[test]
    fn random_bytes_decoded_lossily_come_out_safe(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        let out = sanitize(&text);
        prop_assert!(!out.chars().any(is_forbidden), "{:?} -> {:?}", text, out);
    }

    #[test]
    fn text_without_controls_is_returned_as_is(text in "[^\\p{Cc}\u{202a}-\u{202e}\u{2066}-\u{2069}]{0,60}") {
        prop_assert!(matches!(sanitize(&text), Cow::Borrowed(_)));
    }
}
