//! Opening, resizing, scrolling and following a growing session.

use super::source::EventSource;
use super::state::{Anchor, ConversationState, Selection};

impl ConversationState {
    /// Shows a session from its end, the way a session opens. Reads only the last events,
    /// and lays out backwards from the last one only until the viewport is full.
    pub fn open_at_end(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        self.reset(source);
        if let Some(last) = self.window.total().checked_sub(1) {
            self.anchor = self.end_anchor(source)?;
            self.selection = Some(Selection { event: last, block: None });
        }
        self.settle(source)
    }

    /// Shows a session from its first event.
    pub fn open_at_start(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        self.reset(source);
        self.settle(source)
    }

    /// Shows a session at event `seq`, selected: how a search hit in another session opens.
    pub fn open_at_seq(&mut self, source: &dyn EventSource, seq: i64) -> anyhow::Result<()> {
        self.reset(source);
        self.jump_to_seq(source, seq)
    }

    fn reset(&mut self, source: &dyn EventSource) {
        self.window.reset(source.event_count());
        self.anchor = Anchor::default();
        self.selection = None;
        // What the person chose to see holds for every session; what they folded here does not.
        let visibility = self.folds.visibility();
        self.folds = Default::default();
        self.folds.set_visibility(visibility);
    }

    /// The pane's size in cells. At the end, the view stays at the end; elsewhere the top
    /// event stays on top.
    pub fn set_viewport(&mut self, source: &dyn EventSource, width: u16, height: u16) -> anyhow::Result<()> {
        if (width, height) == (self.width, self.height) {
            return Ok(());
        }
        let was_at_end = self.is_at_end();
        let old_height = self.window.get(self.anchor.event).and_then(|e| e.layout.as_ref()).map(|l| l.height);
        self.width = width;
        self.height = height;
        if self.window.total() == 0 {
            return self.settle(source);
        }
        if was_at_end {
            self.anchor = self.end_anchor(source)?;
        } else if let Some(old_height) = old_height {
            // Rewrapping changes the row count: keep the same fraction of the top event above.
            let new_height = self.height_of(source, self.anchor.event)?;
            self.anchor.row = self.anchor.row * new_height / old_height.max(1);
        }
        self.settle(source)?;
        self.keep_selection_in_view(source)
    }

    pub fn scroll_down(&mut self, source: &dyn EventSource, rows: usize) -> anyhow::Result<()> {
        if self.window.total() == 0 {
            return Ok(());
        }
        self.anchor = self.forward(source, self.anchor, rows)?;
        self.settle(source)?;
        self.keep_selection_in_view(source)
    }

    pub fn scroll_up(&mut self, source: &dyn EventSource, rows: usize) -> anyhow::Result<()> {
        if self.window.total() == 0 {
            return Ok(());
        }
        self.anchor = self.backward(source, self.anchor, rows)?;
        self.settle(source)?;
        self.keep_selection_in_view(source)
    }

    pub fn page_down(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        self.scroll_down(source, self.view_rows().max(1))
    }

    pub fn page_up(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        self.scroll_up(source, self.view_rows().max(1))
    }

    pub fn half_page_down(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        self.scroll_down(source, (self.view_rows() / 2).max(1))
    }

    pub fn half_page_up(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        self.scroll_up(source, (self.view_rows() / 2).max(1))
    }

    pub fn to_top(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        self.anchor = Anchor::default();
        if self.window.total() > 0 {
            self.selection = Some(Selection { event: 0, block: None });
        }
        self.settle(source)
    }

    pub fn to_bottom(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        if let Some(last) = self.window.total().checked_sub(1) {
            self.anchor = self.end_anchor(source)?;
            self.selection = Some(Selection { event: last, block: None });
        }
        self.settle(source)
    }

    /// The session changed in the store (another process appended, or popped events). A view
    /// at the end stays at the end, following the newest event; anywhere else nothing moves.
    pub fn sync(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        let old_total = self.window.total();
        let new_total = source.event_count();
        if new_total == old_total {
            return Ok(());
        }
        let was_at_end = self.is_at_end();
        let followed_newest = self.selection.is_none_or(|s| s.event + 1 == old_total);
        self.window.set_total(new_total);
        if was_at_end && new_total > 0 {
            self.anchor = self.end_anchor(source)?;
            if followed_newest {
                self.selection = Some(Selection { event: new_total - 1, block: None });
            }
        }
        self.settle(source)?;
        self.keep_selection_in_view(source)
    }

    /// Whether the last row of the session is on screen. Reads only cached layouts (which
    /// every operation leaves in place for what is visible).
    pub fn is_at_end(&self) -> bool {
        let total = self.window.total();
        if total == 0 {
            return true;
        }
        let limit = self.view_rows().max(1);
        let mut rows = 0;
        let mut at = self.anchor;
        loop {
            let Some(layout) = self.window.get(at.event).and_then(|e| e.layout.as_ref()) else {
                return false;
            };
            rows += layout.height.saturating_sub(at.row);
            if rows > limit {
                return false;
            }
            if at.event + 1 >= total {
                return true;
            }
            at = Anchor { event: at.event + 1, row: 0 };
        }
    }

    /// The seq of the event at the top of the viewport and the row within it.
    pub fn top(&self) -> Option<(i64, usize)> {
        let seq = i64::try_from(self.anchor.event + 1).ok()?;
        (self.window.total() > 0).then_some((seq, self.anchor.row))
    }

    pub fn event_count(&self) -> usize {
        self.window.total()
    }

    /// How many events are held in memory (bounded, however long the session).
    pub fn loaded_events(&self) -> usize {
        self.window.loaded().len()
    }

    pub fn viewport(&self) -> (u16, u16) {
        (self.width, self.height)
    }
}
