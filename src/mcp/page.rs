//! Answers bounded in characters, so that no call floods a model's context: items are added
//! whole while they fit, and the caller says how to ask for the rest.

/// The most characters one tool answer holds (about 4,000 tokens), paging notes included.
pub const MAX_CHARS: usize = 16_000;

/// Room kept for the line that says how to page on.
const NOTE_ROOM: usize = 300;

/// Text built from whole items up to a size.
pub struct Page {
    text: String,
    chars: usize,
    limit: usize,
}

impl Page {
    pub fn new() -> Self {
        Self::with_limit(MAX_CHARS)
    }

    pub fn with_limit(limit: usize) -> Self {
        Page { text: String::new(), chars: 0, limit: limit.saturating_sub(NOTE_ROOM) }
    }

    /// Adds `item` if it fits; false (and nothing added) if not.
    pub fn push(&mut self, item: &str) -> bool {
        let chars = item.chars().count();
        if self.chars + chars > self.limit {
            return false;
        }
        self.text.push_str(item);
        self.chars += chars;
        true
    }

    /// Characters still free for items.
    pub fn room(&self) -> usize {
        self.limit - self.chars
    }

    /// The text, with `note` (the paging line) after it.
    pub fn finish(mut self, note: &str) -> String {
        if !note.is_empty() {
            if !self.text.is_empty() && !self.text.ends_with('\n') {
                self.text.push('\n');
            }
            self.text.push_str(note);
        }
        self.text
    }
}

/// `text` cut to at most `max` characters, marked with an ellipsis when cut.
pub fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max.saturating_sub(1)) {
        Some((end, _)) if text[end..].chars().nth(1).is_some() => format!("{}…", &text[..end]),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_added_whole_while_they_fit() {
        let mut page = Page::with_limit(NOTE_ROOM + 10);
        assert!(page.push("12345"));
        assert!(!page.push("123456"), "would pass the limit");
        assert!(page.push("é2345"), "characters are counted, not bytes");
        assert_eq!(page.room(), 0);
        assert_eq!(page.finish("next: offset=2"), "12345é2345\nnext: offset=2");
    }

    #[test]
    fn cut_marks_what_it_dropped() {
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("abcd", 4), "abcd");
        assert_eq!(cut("ééééé", 3), "éé…");
        assert_eq!(cut("", 3), "");
    }
}
