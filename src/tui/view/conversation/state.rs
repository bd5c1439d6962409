//! The conversation view's state: which events are loaded, where the viewport is, what is
//! selected and folded. Pure data and caches: no terminal, no SQL.
//!
//! Layouts are made here, in the operations (which take `&mut self`), never in `render`:
//! every operation ends by laying out what the viewport shows, so drawing only reads. That
//! keeps `render` a pure function of `&ConversationState` without a `RefCell`, and keeps the
//! cost of a frame in the keypress that caused it, where it can be measured.

use std::collections::{HashMap, HashSet};

use anyhow::anyhow;

use super::layout::{EventLayout, lay_out};
use super::prepare::{FoldGroup, FoldRule, prepare};
use super::source::EventSource;
use super::subagent::{SubagentLink, annotate};
use super::window::{CHUNK, EventWindow};
use crate::syntax::Highlighter;

/// Events kept loaded on each side of the viewport.
const KEEP_AROUND: usize = 3 * CHUNK;

/// The browsable view of one session.
#[derive(Debug, Default)]
pub struct ConversationState {
    pub(super) window: EventWindow,
    pub(super) width: u16,
    pub(super) height: u16,
    pub(super) anchor: Anchor,
    pub(super) selection: Option<Selection>,
    pub(super) folds: Folds,
    /// Lowercased search terms to highlight.
    pub(super) highlight: Vec<String>,
    /// The code highlighter, once loaded: until then code is drawn plain.
    pub(super) code: Option<&'static Highlighter>,
    /// Subagents started by this session's calls, by call id.
    pub(super) subagents: HashMap<String, SubagentLink>,
}

/// The top row of the viewport: a row within an event, so that scrolling never needs the
/// height of everything above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Anchor {
    /// Session index: seq - 1.
    pub event: usize,
    pub row: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Selection {
    pub event: usize,
    pub block: Option<usize>,
}

/// Fold state: a rule's default, unless the person said otherwise for that block.
#[derive(Debug, Default)]
pub(super) struct Folds {
    /// `(event, block) -> (folded, group)`.
    overrides: HashMap<(usize, usize), (bool, FoldGroup)>,
    visibility: Visibility,
    /// `(event, block)`s shown as their arguments were written rather than as a diff.
    raw: HashSet<(usize, usize)>,
}

/// How much of a foldable block is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    /// Its title line only: something is there, its body is hidden.
    Title,
    /// A preview and a fold line.
    Folded,
    Whole,
}

/// How tool calls, tool results and raw JSON are drawn by default (`t` cycles them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ToolView {
    /// The title line of each, so the reader sees what ran.
    Hidden,
    #[default]
    Folded,
    Full,
}

impl ToolView {
    /// The next state of `t`: folded, full, hidden, folded again.
    pub fn next(self) -> ToolView {
        match self {
            ToolView::Folded => ToolView::Full,
            ToolView::Full => ToolView::Hidden,
            ToolView::Hidden => ToolView::Folded,
        }
    }
}

/// What the person chose to see in every session: kept by the app while it runs and handed
/// to each session it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visibility {
    pub tools: ToolView,
    /// Reasoning (thinking) blocks; hidden, only their title line is left (`T`).
    pub reasoning: bool,
}

impl Default for Visibility {
    fn default() -> Self {
        Visibility { tools: ToolView::Folded, reasoning: true }
    }
}

impl Folds {
    pub fn shown(&self, event: usize, block: usize, rule: &FoldRule) -> Shown {
        let folded = |folded: bool| if folded { Shown::Folded } else { Shown::Whole };
        match self.overrides.get(&(event, block)) {
            Some(&(is_folded, _)) => folded(is_folded),
            None => match (rule.group, self.visibility) {
                (FoldGroup::Tools, Visibility { tools: ToolView::Hidden, .. }) => Shown::Title,
                (FoldGroup::Tools, Visibility { tools: ToolView::Folded, .. }) => Shown::Folded,
                (FoldGroup::Tools, Visibility { tools: ToolView::Full, .. }) => Shown::Whole,
                (FoldGroup::Reasoning, Visibility { reasoning: false, .. }) => Shown::Title,
                _ => folded(rule.folded_by_default),
            },
        }
    }

    pub fn is_folded(&self, event: usize, block: usize, rule: &FoldRule) -> bool {
        self.shown(event, block, rule) != Shown::Whole
    }

    pub fn set(&mut self, event: usize, block: usize, rule: &FoldRule, folded: bool) {
        self.overrides.insert((event, block), (folded, rule.group));
    }

    pub fn is_raw(&self, event: usize, block: usize) -> bool {
        self.raw.contains(&(event, block))
    }

    /// Shows the block's arguments as written, or its drawn view again; says which is shown now.
    pub fn toggle_raw(&mut self, event: usize, block: usize) -> bool {
        let raw = !self.raw.remove(&(event, block));
        if raw {
            self.raw.insert((event, block));
        }
        raw
    }

    pub fn visibility(&self) -> Visibility {
        self.visibility
    }

    /// Applies a new choice to every block of the groups it changes, whatever was toggled
    /// one by one there.
    pub fn set_visibility(&mut self, visibility: Visibility) {
        let before = std::mem::replace(&mut self.visibility, visibility);
        let changed = |group: FoldGroup| match group {
            FoldGroup::Tools => before.tools != visibility.tools,
            FoldGroup::Reasoning => before.reasoning != visibility.reasoning,
            FoldGroup::Alone => false,
        };
        self.overrides.retain(|_, &mut (_, group)| !changed(group));
    }
}

/// Columns left of the body for the selection bar; none when the pane is too narrow to spare.
pub(super) fn gutter(width: u16) -> u16 {
    if width >= 8 { 2 } else { 0 }
}

impl ConversationState {
    pub fn new() -> Self {
        Self::default()
    }

    pub(super) fn content_width(&self) -> usize {
        usize::from(self.width - gutter(self.width)).max(1)
    }

    pub(super) fn view_rows(&self) -> usize {
        usize::from(self.height)
    }

    /// The layout of event `index` at the current width and folds, loading and laying out
    /// as needed.
    pub(super) fn layout(&mut self, source: &dyn EventSource, index: usize) -> anyhow::Result<&EventLayout> {
        self.window.ensure(source, index)?;
        let width = self.content_width();
        let folds = &self.folds;
        let code = self.code;
        let reads = match &self.window.get(index) {
            Some(loaded) if loaded.prepared.is_none() => self.window.calls_answered(index),
            _ => Vec::new(),
        };
        let loaded = self.window.get_mut(index).ok_or_else(|| anyhow!("event {} not loaded", index + 1))?;
        if !matches!(&loaded.layout, Some(layout) if layout.width == width) {
            let subagents = &self.subagents;
            let prepared = loaded.prepared.get_or_insert_with(|| {
                let mut prepared = prepare(&loaded.event.blocks, |block| folds.is_raw(index, block), code, &reads);
                annotate(&mut prepared, &loaded.event.blocks, subagents);
                prepared
            });
            let shown = |block, rule: &FoldRule| folds.shown(index, block, rule);
            loaded.layout = Some(lay_out(index, prepared, width, shown));
        }
        loaded.layout.as_ref().ok_or_else(|| anyhow!("event {} has no layout", index + 1))
    }

    pub(super) fn height_of(&mut self, source: &dyn EventSource, index: usize) -> anyhow::Result<usize> {
        Ok(self.layout(source, index)?.height)
    }

    /// `from` moved down by up to `rows`, stopping at the last row of the session.
    pub(super) fn forward(&mut self, source: &dyn EventSource, from: Anchor, rows: usize) -> anyhow::Result<Anchor> {
        let mut at = from;
        let mut left = rows;
        loop {
            let height = self.height_of(source, at.event)?;
            if at.row + left < height {
                at.row += left;
                return Ok(at);
            }
            if at.event + 1 >= self.window.total() {
                at.row = height - 1;
                return Ok(at);
            }
            left -= height - at.row;
            at = Anchor { event: at.event + 1, row: 0 };
        }
    }

    /// `from` moved up by up to `rows`, stopping at the first row of the session.
    pub(super) fn backward(&mut self, source: &dyn EventSource, from: Anchor, rows: usize) -> anyhow::Result<Anchor> {
        let mut at = from;
        let mut left = rows;
        loop {
            if at.row >= left {
                at.row -= left;
                return Ok(at);
            }
            if at.event == 0 {
                at.row = 0;
                return Ok(at);
            }
            left -= at.row + 1;
            let event = at.event - 1;
            at = Anchor { event, row: self.height_of(source, event)? - 1 };
        }
    }

    /// How many rows there are from `from` to the end of the session, counting no further
    /// than `limit`.
    pub(super) fn rows_below(&mut self, source: &dyn EventSource, from: Anchor, limit: usize) -> anyhow::Result<usize> {
        let mut rows = 0;
        let mut at = from;
        loop {
            rows += self.height_of(source, at.event)? - at.row;
            if rows >= limit || at.event + 1 >= self.window.total() {
                return Ok(rows.min(limit));
            }
            at = Anchor { event: at.event + 1, row: 0 };
        }
    }

    /// The anchor that shows the last row of the session at the bottom of the viewport.
    pub(super) fn end_anchor(&mut self, source: &dyn EventSource) -> anyhow::Result<Anchor> {
        let last = self.window.total().saturating_sub(1);
        let last_row = self.height_of(source, last)? - 1;
        self.backward(source, Anchor { event: last, row: last_row }, self.view_rows().saturating_sub(1))
    }

    /// Restores the invariants after any change: the anchor is a real row, the viewport is
    /// full when the session is long enough, what it shows is laid out, the selection exists,
    /// and the loaded window is bounded.
    pub(super) fn settle(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        let total = self.window.total();
        if total == 0 {
            self.anchor = Anchor::default();
            self.selection = None;
            self.window.keep_only(0..0);
            return Ok(());
        }
        self.anchor.event = self.anchor.event.min(total - 1);
        self.anchor.row = self.anchor.row.min(self.height_of(source, self.anchor.event)? - 1);
        let view = self.view_rows();
        if self.rows_below(source, self.anchor, view)? < view {
            self.anchor = self.end_anchor(source)?;
        }
        let selection = self.selection.get_or_insert(Selection { event: self.anchor.event, block: None });
        if selection.event >= total {
            *selection = Selection { event: total - 1, block: None };
        }
        let keep_from = self.anchor.event.saturating_sub(KEEP_AROUND);
        self.window.keep_only(keep_from..self.anchor.event + view + KEEP_AROUND);
        Ok(())
    }

    /// The first and last events the viewport shows (after `settle`).
    pub(super) fn visible_events(&mut self, source: &dyn EventSource) -> anyhow::Result<(usize, usize)> {
        let bottom = self.forward(source, self.anchor, self.view_rows().saturating_sub(1))?;
        Ok((self.anchor.event, bottom.event))
    }

    /// Scrolling never leaves the selection off screen: it moves to the nearest event shown.
    pub(super) fn keep_selection_in_view(&mut self, source: &dyn EventSource) -> anyhow::Result<()> {
        if self.window.total() == 0 {
            return Ok(());
        }
        let (first, last) = self.visible_events(source)?;
        if let Some(selection) = self.selection.as_mut() {
            if selection.event < first {
                *selection = Selection { event: first, block: None };
            } else if selection.event > last {
                *selection = Selection { event: last, block: None };
            }
        }
        Ok(())
    }
}
