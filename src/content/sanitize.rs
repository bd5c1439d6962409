//! Placeholder until the content branch's full sanitizer lands: drops every control
//! character but newline and tab. Replaced wholesale at merge.

use std::borrow::Cow;

pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|ch| !is_unsafe(*ch)).collect())
}

pub fn sanitize_line(text: &str) -> Cow<'_, str> {
    Cow::Owned(sanitize(text).replace('\n', " "))
}

fn is_unsafe(ch: char) -> bool {
    (ch.is_control() && ch != '\n' && ch != '\t') || ('\u{202A}'..='\u{202E}').contains(&ch)
}
