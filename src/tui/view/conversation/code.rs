//! Code in colour: the highlighter arrives after the first frame, and then what is loaded is
//! prepared again with it.

use super::source::EventSource;
use super::state::ConversationState;
use crate::syntax::Highlighter;

impl ConversationState {
    /// Highlights code from now on, redoing what is loaded. Rows keep their text and so
    /// their heights: the viewport stays where it was.
    pub fn set_code_highlighter(
        &mut self,
        source: &dyn EventSource,
        highlighter: &'static Highlighter,
    ) -> anyhow::Result<()> {
        if self.code.is_some_and(|current| std::ptr::eq(current, highlighter)) {
            return Ok(());
        }
        self.code = Some(highlighter);
        self.window.forget_prepared();
        self.settle(source)
    }

    pub fn has_code_highlighter(&self) -> bool {
        self.code.is_some()
    }
}

impl ConversationState {
    /// An empty view that highlights code with `highlighter` when there is one.
    pub fn highlighting_code(highlighter: Option<&'static Highlighter>) -> Self {
        ConversationState { code: highlighter, ..Default::default() }
    }
}
