//! Parsing JSON the way its writers meant it, lone surrogates included.
//!
//! JavaScript's `JSON.stringify` and Python's `json.dumps` write a lone surrogate escape
//! (`"\ud83d"`) when a string was cut in the middle of an emoji. That is valid JSON, but it is
//! not Unicode, and serde_json refuses the whole value. Here such an escape is read as U+FFFD,
//! the replacement character, in a copy made only for parsing: stored text keeps its bytes.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde_json::Value;

/// The escape that stands in for a lone surrogate: the same length, so offsets still match.
const REPLACEMENT: &[u8; 6] = b"\\ufffd";

/// Parses `text` as JSON, lone surrogate escapes read as U+FFFD.
pub fn parse_value(text: &str) -> serde_json::Result<Value> {
    parse(text)
}

/// Parses `text` into any owned type, lone surrogate escapes read as U+FFFD.
pub fn parse<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    serde_json::from_str(&repaired(text))
}

/// Parses bytes that should be UTF-8 JSON; lone surrogate escapes are read as U+FFFD.
pub fn parse_bytes<T: DeserializeOwned>(bytes: &[u8]) -> serde_json::Result<T> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(_) => serde_json::from_slice(bytes),
    }
}

/// The part of `text` at the place `part` holds in `parsed`, where `parsed` is `text` or its
/// [`repaired`] copy (repairing keeps every offset): how a reader that parses the copy into
/// borrowed values (`&RawValue`) keeps the original bytes. Returns `part` when it lies elsewhere.
pub fn original<'a>(text: &'a str, parsed: &str, part: &'a str) -> &'a str {
    let start = (part.as_ptr() as usize).wrapping_sub(parsed.as_ptr() as usize);
    let end = start.wrapping_add(part.len());
    if parsed.len() != text.len() || start > parsed.len() || end > parsed.len() {
        return part;
    }
    text.get(start..end).unwrap_or(part)
}

/// `text` with every lone surrogate escape replaced by `\ufffd`; borrowed when there is none.
/// A pair (a high surrogate escape followed by a low one) is kept. An escaped backslash is
/// passed over, so `\\ud83d` (a backslash, then letters) is left alone.
pub fn repaired(text: &str) -> Cow<'_, str> {
    if !(text.contains("\\ud") || text.contains("\\uD")) {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut fixed: Option<Vec<u8>> = None;
    let mut at = 0;
    while let Some(found) = bytes[at..].iter().position(|&b| b == b'\\') {
        let escape = at + found;
        if bytes.get(escape + 1) != Some(&b'u') {
            at = escape + 2; // any other escape, `\\` included, is two bytes
            continue;
        }
        at = escape + 2;
        let Some(unit) = hex_unit(bytes, escape + 2) else { continue };
        at = escape + 6;
        let lone = match unit {
            0xD800..=0xDBFF => {
                let low = (bytes.get(escape + 6..escape + 8) == Some(b"\\u".as_slice()))
                    .then(|| hex_unit(bytes, escape + 8))
                    .flatten();
                if low.is_some_and(|low| (0xDC00..=0xDFFF).contains(&low)) {
                    at = escape + 12;
                    false
                } else {
                    true
                }
            }
            0xDC00..=0xDFFF => true,
            _ => false,
        };
        if lone {
            fixed.get_or_insert_with(|| bytes.to_vec())[escape..escape + 6].copy_from_slice(REPLACEMENT);
        }
    }
    match fixed {
        // ASCII replaced ASCII, so the bytes are still UTF-8.
        Some(fixed) => String::from_utf8(fixed).map_or(Cow::Borrowed(text), Cow::Owned),
        None => Cow::Borrowed(text),
    }
}

/// The four hex digits at `at` as a UTF-16 code unit.
fn hex_unit(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at + 4)?;
    digits.iter().try_fold(0u32, |unit, &digit| Some(unit * 16 + char::from(digit).to_digit(16)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(repaired(r#""cut \ud83d""#), r#""cut \ufffd""#);
        assert_eq!(repaired(r#""\uDE00 low first""#), r#""\ufffd low first""#);
        assert_eq!(repaired(r#""\ud83d\u0041""#), r#""\ufffd\u0041""#);
        assert_eq!(repaired(r#""\ud83d\ud83d\ude00""#), r#""\ufffd\ud83d\ude00""#);
        assert_eq!(parse_value(r#"{"a": "x\ud83d"}"#).expect("parses")["a"], "x\u{FFFD}");
    }

    #[test]
    fn pairs_and_escaped_backslashes_are_left_alone() {
        for text in [r#""\ud83d\ude00""#, r#""\\ud83d""#, r#""\\\\ud83d""#, r#""\u00e9 \n""#, r#""\ud8""#, "plain"] {
            assert!(matches!(repaired(text), Cow::Borrowed(_)), "{text}");
        }
        assert_eq!(parse_value(r#""\ud83d\ude00""#).expect("parses"), "😀");
        assert_eq!(repaired(r#""\\\ud83d""#), r#""\\\ufffd""#);
    }

    #[test]
    fn borrowed_parts_are_found_in_the_original() {
        let text = r#"{"m": [{"t": "\ud83d"}], "n": 1}"#;
        let copy = repaired(text);
        let parsed: std::collections::HashMap<&str, &serde_json::value::RawValue> =
            serde_json::from_str(&copy).expect("parses");
        assert_eq!(original(text, &copy, parsed["m"].get()), r#"[{"t": "\ud83d"}]"#);
        assert_eq!(original(text, text, "elsewhere"), "elsewhere");
    }
}
