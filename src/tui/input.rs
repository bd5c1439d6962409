//! A one-line text editor for the search and rename prompts.

/// An edit to a line of text, resolved from a key or a paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Paste(String),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Ctrl-U: delete from the start of the line to the cursor.
    DeleteToStart,
    /// Ctrl-W: delete the word before the cursor.
    DeleteWord,
}

/// The text and a cursor, counted in characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    text: String,
    cursor: usize,
}

impl Input {
    pub fn with_text(text: &str) -> Input {
        Input { text: text.to_string(), cursor: text.chars().count() }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn apply(&mut self, edit: Edit) {
        let len = self.text.chars().count();
        match edit {
            Edit::Insert(ch) if !ch.is_control() => {
                self.text.insert(self.byte(self.cursor), ch);
                self.cursor += 1;
            }
            Edit::Insert(_) => {}
            Edit::Paste(text) => {
                // A title or query is one line: newlines and controls become spaces.
                let clean: String = text.chars().map(|ch| if ch.is_control() { ' ' } else { ch }).collect();
                self.text.insert_str(self.byte(self.cursor), &clean);
                self.cursor += clean.chars().count();
            }
            Edit::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.text.remove(self.byte(self.cursor));
            }
            Edit::Delete if self.cursor < len => {
                self.text.remove(self.byte(self.cursor));
            }
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(len),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = len,
            Edit::DeleteToStart => {
                self.text.replace_range(..self.byte(self.cursor), "");
                self.cursor = 0;
            }
            Edit::DeleteWord => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                let (from, to) = (self.byte(start), self.byte(self.cursor));
                self.text.replace_range(from..to, "");
                self.cursor = start;
            }
            Edit::Backspace | Edit::Delete => {}
        }
    }

    fn byte(&self, chars: usize) -> usize {
        self.text.char_indices().nth(chars).map_or(self.text.len(), |(offset, _)| offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Input {
        let mut input = Input::default();
        text.chars().for_each(|ch| input.apply(Edit::Insert(ch)));
        input
    }

    #[test]
    fn typing_moving_and_deleting() {
        let mut input = typed("héllo wörld");
        input.apply(Edit::Home);
        input.apply(Edit::Right);
        input.apply(Edit::Delete);
        assert_eq!(input.text(), "hllo wörld");
        input.apply(Edit::End);
        input.apply(Edit::Backspace);
        assert_eq!(input.text(), "hllo wörl");
        input.apply(Edit::DeleteWord);
        assert_eq!(input.text(), "hllo ");
        input.apply(Edit::Insert('x'));
        input.apply(Edit::Left);
        input.apply(Edit::DeleteToStart);
        assert_eq!((input.text(), input.cursor()), ("x", 0));
    }

    #[test]
    fn paste_is_one_line_and_edges_are_safe() {
        let mut input = Input::with_text("ab");
        input.apply(Edit::Left);
        input.apply(Edit::Paste("1\n2\u{1b}".into()));
        assert_eq!(input.text(), "a1 2 b");
        let mut empty = Input::default();
        for edit in [Edit::Backspace, Edit::Delete, Edit::Left, Edit::DeleteWord, Edit::DeleteToStart] {
            empty.apply(edit);
        }
        assert_eq!(empty, Input::default());
    }
}
