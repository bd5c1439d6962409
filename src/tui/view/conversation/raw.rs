//! `v`: a block drawn from what its arguments mean (an edit as a diff) shown as the
//! arguments were written, and back.

use super::source::EventSource;
use super::state::{ConversationState, Selection};

/// What the key did, for the status line to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RawView {
    /// The block's arguments are shown as written.
    Raw,
    /// The block is drawn as what it means again.
    Drawn,
    /// The selection has no other view.
    #[default]
    Nothing,
}

impl ConversationState {
    /// Toggles the selected block between its drawn view and its raw arguments; with a whole
    /// message selected, its first block that has both.
    pub fn toggle_raw(&mut self, source: &dyn EventSource) -> anyhow::Result<RawView> {
        let Some(selection) = self.selection else {
            return Ok(RawView::Nothing);
        };
        let event = selection.event;
        self.layout(source, event)?;
        let Some(prepared) = self.window.get(event).and_then(|e| e.prepared.as_ref()) else {
            return Ok(RawView::Nothing);
        };
        let has_raw = |b: &usize| prepared.get(*b).is_some_and(|p| p.has_raw_view);
        let target = match selection.block {
            Some(block) => Some(block).filter(has_raw),
            None => (0..prepared.len()).find(has_raw),
        };
        let Some(block) = target else {
            return Ok(RawView::Nothing);
        };
        let raw = self.folds.toggle_raw(event, block);
        if let Some(loaded) = self.window.get_mut(event) {
            loaded.prepared = None;
            loaded.layout = None;
        }
        self.selection = Some(Selection { event, block: Some(block) });
        self.reveal_selection(source)?;
        Ok(if raw { RawView::Raw } else { RawView::Drawn })
    }
}
