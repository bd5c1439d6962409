//! Moving the selection between messages and blocks, and jumping to search hits.

use std::ops::Range;

use super::highlight::{block_mentions, find_matches, search_words};
use super::source::EventSource;
use super::state::{Anchor, ConversationState, Selection};

/// How far into a message a jump looks for the highlighted words.
const HIT_SCAN_ROWS: usize = 20_000;
/// Rows shown above a search hit deep inside a message.
const HIT_CONTEXT_ROWS: usize = 2;

impl ConversationState {
    /// Selects the next message and scrolls its header to the top.
    pub fn next_message(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        let Some(selection) = self.selection else {
            return Ok(());
        };
        let next = (selection.event + 1).min(self.window.total().saturating_sub(1));
        self.show_message(source, next)
    }

    /// Scrolls back to the selected message's header if it is above the viewport, else
    /// selects the previous message.
    pub fn previous_message(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        let Some(selection) = self.selection else {
            return Ok(());
        };
        let header_row = self.layout(source, selection.event)?.header_row;
        let header_hidden = self.anchor.event == selection.event && self.anchor.row > header_row;
        let target = if header_hidden { selection.event } else { selection.event.saturating_sub(1) };
        self.show_message(source, target)
    }

    fn show_message(&mut self, source: &dyn EventSource, event: usize) -> anyhow::Result<()> {
        self.selection = Some(Selection { event, block: None });
        self.anchor = Anchor { event, row: self.layout(source, event)?.header_row };
        self.settle(source)
    }

    /// Selects the next block, crossing into the next message, and scrolls it into view.
    pub fn next_block(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        let Some(Selection { event, block }) = self.selection else {
            return Ok(());
        };
        let count = self.block_count(source, event)?;
        let next = match block {
            None if count > 0 => Selection { event, block: Some(0) },
            Some(b) if b + 1 < count => Selection { event, block: Some(b + 1) },
            _ if event + 1 < self.window.total() => {
                let has_blocks = self.block_count(source, event + 1)? > 0;
                Selection { event: event + 1, block: has_blocks.then_some(0) }
            }
            _ => return Ok(()),
        };
        self.selection = Some(next);
        self.reveal_selection(source)
    }

    /// Selects the previous block, crossing into the previous message.
    pub fn previous_block(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        let Some(Selection { event, block }) = self.selection else {
            return Ok(());
        };
        let previous = match block {
            Some(b) if b > 0 => Selection { event, block: Some(b - 1) },
            _ if event > 0 => {
                let count = self.block_count(source, event - 1)?;
                Selection { event: event - 1, block: count.checked_sub(1) }
            }
            _ => return Ok(()),
        };
        self.selection = Some(previous);
        self.reveal_selection(source)
    }

    /// Selects what is drawn on `row` of the viewport (a click): the block there, or the
    /// message when the row is its header. Does not scroll.
    pub fn select_at_row(&mut self, source: &dyn EventSource, row: u16) -> anyhow::Result<()> {
        let row = usize::from(row);
        if self.window.total() == 0 || row >= self.view_rows() || self.rows_below(source, self.anchor, row + 1)? <= row
        {
            return Ok(());
        }
        let at = self.forward(source, self.anchor, row)?;
        let block = self.layout(source, at.event)?.part_at(at.row).and_then(|part| part.block);
        self.selection = Some(Selection { event: at.event, block });
        Ok(())
    }

    /// Words to highlight, from a search query. Quotes and other query syntax are dropped.
    pub fn set_highlight_terms<S: AsRef<str>>(&mut self, terms: impl IntoIterator<Item = S>) {
        self.highlight = search_words(terms);
    }

    pub fn highlight_terms(&self) -> &[String] {
        &self.highlight
    }

    /// Selects event `seq` (a search hit) and scrolls to it. With highlight terms set, a
    /// folded block that mentions them is unfolded and the first highlighted row shown.
    pub fn jump_to_seq(&mut self, source: &dyn EventSource, seq: i64) -> anyhow::Result<()> {
        let Some(last) = self.window.total().checked_sub(1) else {
            return Ok(());
        };
        let event = usize::try_from(seq.saturating_sub(1)).unwrap_or(0).min(last);
        self.unfold_blocks_mentioning_terms(source, event)?;
        let header_row = self.layout(source, event)?.header_row;
        let hit_row = self.first_highlighted_row(source, event)?;
        let row = match hit_row {
            Some(hit) if hit >= header_row + self.view_rows() => hit.saturating_sub(HIT_CONTEXT_ROWS),
            _ => header_row,
        };
        self.selection = Some(Selection { event, block: None });
        self.anchor = Anchor { event, row };
        self.settle(source)
    }

    pub fn selected_seq(&self) -> Option<i64> {
        self.selection.and_then(|s| i64::try_from(s.event + 1).ok())
    }

    /// The selected block's index within its message; None when the whole message is selected.
    pub fn selected_block(&self) -> Option<usize> {
        self.selection.and_then(|s| s.block)
    }

    fn block_count(&mut self, source: &dyn EventSource, event: usize) -> anyhow::Result<usize> {
        self.window.ensure(source, event)?;
        Ok(self.window.get(event).map_or(0, |e| e.event.blocks.len()))
    }

    pub(super) fn reveal_selection(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        let Some(Selection { event, block }) = self.selection else {
            return Ok(());
        };
        let layout = self.layout(source, event)?;
        let whole = layout.header_row..layout.height;
        let rows = block.and_then(|b| layout.block_rows(b)).unwrap_or(whole);
        self.reveal(source, event, rows)?;
        self.settle(source)
    }

    /// Scrolls as little as possible to show `rows` of `event`; their start if they do not fit.
    fn reveal(&mut self, source: &dyn EventSource, event: usize, rows: Range<usize>) -> anyhow::Result<()> {
        let start = Anchor { event, row: rows.start };
        let view = self.view_rows();
        if (event, rows.start) < (self.anchor.event, self.anchor.row) || rows.len() >= view {
            self.anchor = start;
            return Ok(());
        }
        let fits = self.distance(source, self.anchor, start, view)?.is_some_and(|d| d + rows.len() <= view);
        if !fits {
            let end = Anchor { event, row: rows.end - 1 };
            self.anchor = self.backward(source, end, view - 1)?;
        }
        Ok(())
    }

    /// Rows from `from` down to `to`, if fewer than `limit`.
    fn distance(
        &mut self,
        source: &dyn EventSource,
        from: Anchor,
        to: Anchor,
        limit: usize,
    ) -> anyhow::Result<Option<usize>> {
        let mut rows = 0;
        let mut at = from;
        while at.event < to.event {
            rows += self.height_of(source, at.event)? - at.row;
            if rows >= limit {
                return Ok(None);
            }
            at = Anchor { event: at.event + 1, row: 0 };
        }
        rows += to.row.saturating_sub(at.row);
        Ok((rows < limit).then_some(rows))
    }

    fn unfold_blocks_mentioning_terms(&mut self, source: &dyn EventSource, event: usize) -> anyhow::Result<()> {
        if self.highlight.is_empty() {
            return Ok(());
        }
        self.layout(source, event)?;
        let Some(loaded) = self.window.get_mut(event) else {
            return Ok(());
        };
        let Some(prepared) = loaded.prepared.as_ref() else {
            return Ok(());
        };
        for (number, (block, shown)) in loaded.event.blocks.iter().zip(prepared).enumerate() {
            let Some(rule) = shown.fold else { continue };
            if self.folds.is_folded(event, number, &rule) && block_mentions(block, &self.highlight) {
                self.folds.set(event, number, &rule, false);
                loaded.layout = None;
            }
        }
        Ok(())
    }

    fn first_highlighted_row(&mut self, source: &dyn EventSource, event: usize) -> anyhow::Result<Option<usize>> {
        if self.highlight.is_empty() {
            return Ok(None);
        }
        self.layout(source, event)?;
        let Some(layout) = self.window.get(event).and_then(|e| e.layout.as_ref()) else {
            return Ok(None);
        };
        let terms = &self.highlight;
        for part in &layout.parts {
            let scanned = part.rows_from(0).take(HIT_SCAN_ROWS.saturating_sub(part.start));
            for (offset, row) in scanned.enumerate() {
                if row.iter().any(|(text, _)| !find_matches(text, terms).is_empty()) {
                    return Ok(Some(part.start + offset));
                }
            }
        }
        Ok(None)
    }
}
