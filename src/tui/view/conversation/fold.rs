//! Folding one block (Space), or showing every tool block (t) or reasoning block (T) one
//! way at once, keeping the reader's place.

use super::source::EventSource;
use super::state::{ConversationState, Selection, ToolView, Visibility};

/// What a fold key did, for the status line to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fold {
    Folded,
    Unfolded,
    /// The block is shown whole already: there is nothing to fold.
    Whole,
    /// Nothing is selected or open.
    #[default]
    Nothing,
}

/// The line at the top of the viewport, in terms that survive a new layout of its event.
#[derive(Debug, Clone, Copy)]
enum TopLine {
    /// The gap above the message or its header.
    Row(usize),
    /// `offset` rows into block `block`.
    Block { block: usize, offset: usize },
    /// The blank row before block `block`.
    Before(usize),
}

impl ConversationState {
    /// Folds or unfolds the selected block; with a whole message selected, its first
    /// foldable block.
    pub fn toggle_fold(&mut self, source: &dyn EventSource) -> anyhow::Result<Fold> {
        let Some(selection) = self.selection else {
            return Ok(Fold::Nothing);
        };
        let event = selection.event;
        let height = self.layout(source, event)?.height;
        let Some(prepared) = self.window.get(event).and_then(|e| e.prepared.as_ref()) else {
            return Ok(Fold::Nothing);
        };
        let foldable = |b: usize| prepared.get(b).and_then(|p| p.fold).map(|rule| (b, rule));
        let target = match selection.block {
            Some(block) => foldable(block),
            None => (0..prepared.len()).find_map(foldable),
        };
        let Some((block, rule)) = target else {
            return Ok(Fold::Whole);
        };
        let folded = self.folds.is_folded(event, block, &rule);
        self.folds.set(event, block, &rule, !folded);
        if let Some(loaded) = self.window.get_mut(event) {
            loaded.layout = None;
        }
        if self.layout(source, event)?.height == height {
            // Too short to fold: nothing changed on screen, so nothing is remembered either.
            self.folds.set(event, block, &rule, folded);
            if let Some(loaded) = self.window.get_mut(event) {
                loaded.layout = None;
            }
            self.layout(source, event)?;
            return Ok(Fold::Whole);
        }
        self.selection = Some(Selection { event, block: Some(block) });
        // Unfolded, as much of it as fits comes into view; folded from inside, its title
        // comes back to the top.
        self.reveal_selection(source)?;
        Ok(if folded { Fold::Unfolded } else { Fold::Folded })
    }

    /// Folds every tool call, tool result and raw JSON block, or unfolds them all (from
    /// hidden, unfolds them).
    pub fn toggle_all_tool_folds(&mut self, source: &dyn EventSource) -> anyhow::Result<Fold> {
        let visibility = self.folds.visibility();
        let tools = if visibility.tools == ToolView::Full { ToolView::Folded } else { ToolView::Full };
        self.set_visibility(source, Visibility { tools, ..visibility })?;
        Ok(if tools == ToolView::Full { Fold::Unfolded } else { Fold::Folded })
    }

    /// What is shown of tool output and reasoning in this session.
    pub fn visibility(&self) -> Visibility {
        self.folds.visibility()
    }

    /// Shows tool output and reasoning as `visibility` says, every block of a changed kind
    /// alike. The reading place stays: at the end of the session it stays at the end;
    /// elsewhere the line at the top stays at the top (or the title that now stands for it).
    pub fn set_visibility(&mut self, source: &dyn EventSource, visibility: Visibility) -> anyhow::Result<()> {
        if visibility == self.folds.visibility() {
            return Ok(());
        }
        let total = self.window.total();
        if total == 0 {
            self.folds.set_visibility(visibility);
            return Ok(());
        }
        let view = self.view_rows();
        let at_end = self.rows_below(source, self.anchor, view + 1)? <= view;
        let top = self.top_line(source)?;
        self.folds.set_visibility(visibility);
        self.window.forget_layouts();
        if at_end {
            self.anchor = self.end_anchor(source)?;
        } else {
            self.anchor.row = self.row_of(source, self.anchor.event, top)?;
        }
        self.settle(source)?;
        self.keep_selection_in_view(source)
    }

    /// Sets what a session about to be opened shows, before anything is laid out.
    pub fn with_visibility(mut self, visibility: Visibility) -> Self {
        self.folds.set_visibility(visibility);
        self
    }

    fn top_line(&mut self, source: &dyn EventSource) -> anyhow::Result<TopLine> {
        let row = self.anchor.row;
        let layout = self.layout(source, self.anchor.event)?;
        if row <= layout.header_row {
            return Ok(TopLine::Row(row));
        }
        if let Some(block) = layout.part_at(row).and_then(|part| part.block) {
            let start = layout.block_rows(block).map_or(row, |rows| rows.start);
            return Ok(TopLine::Block { block, offset: row - start });
        }
        let next = layout.parts.iter().find(|part| part.start > row).and_then(|part| part.block);
        Ok(next.map_or(TopLine::Row(row), TopLine::Before))
    }

    fn row_of(&mut self, source: &dyn EventSource, event: usize, top: TopLine) -> anyhow::Result<usize> {
        let layout = self.layout(source, event)?;
        Ok(match top {
            TopLine::Row(row) => row,
            TopLine::Block { block, offset } => {
                layout.block_rows(block).map_or(0, |rows| rows.start + offset.min(rows.len().saturating_sub(1)))
            }
            TopLine::Before(block) => layout.block_rows(block).map_or(0, |rows| rows.start.saturating_sub(1)),
        })
    }
}
