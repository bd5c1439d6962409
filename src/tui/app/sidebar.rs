//! The session list: a window of sessions paged from the store around the selection, so a
//! store of 100,000 sessions scrolls without loading them all. Subagents are folded under
//! their parent; a parent unfolded lists them on the rows after it.

use std::collections::HashMap;

use anyhow::Result;

use super::Backend;
use super::narrow::Shown;
use crate::query::Filter;
use crate::store::{Nested, Session};

/// Sessions read per page.
const PAGE: usize = 200;

#[derive(Debug, Default)]
pub struct Sidebar {
    /// Rows in the list: the sessions at its top level and those unfolded under them.
    pub total: usize,
    /// Sessions at the list's top level (outside the trash; all of them, or those filtered).
    pub sessions: usize,
    /// Top-level index of `items[0]`.
    pub offset: usize,
    /// A page of the top-level sessions.
    pub items: Vec<Session>,
    /// Row of the selection.
    pub selected: usize,
    /// Row of the first session on screen.
    pub top: usize,
    /// What the list is narrowed to; read through `shown()`, changed through `show()`.
    shown: Shown,
    /// `shown` as the store reads it; None lists every session (the fastest query).
    filter: Option<Filter>,
    /// How many subagents the sessions of `items` that have any have, by session id.
    nested_counts: HashMap<String, usize>,
    /// The top-level sessions unfolded, in list order.
    unfolded: Vec<Unfolded>,
}

/// A top-level session unfolded: where it is in the top level, and what is nested under it.
#[derive(Debug)]
struct Unfolded {
    at: usize,
    id: String,
    nested: Vec<Nested>,
}

/// What a row of the list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Top(usize),
    /// The `at`th session under `unfolded[parent]`.
    Nested {
        parent: usize,
        at: usize,
    },
}

/// A row as drawn: the session, how deep it is nested (0 at the top level), and the
/// subagents under it: how many, and whether they are listed after it.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub session: &'a Session,
    pub depth: usize,
    pub nested: usize,
    pub unfolded: bool,
}

impl Sidebar {
    pub fn selected_session(&self) -> Option<&Session> {
        self.session_at(self.selected)
    }

    pub fn session_at(&self, row: usize) -> Option<&Session> {
        self.row(row).map(|row| row.session)
    }

    pub fn row(&self, row: usize) -> Option<Row<'_>> {
        if row >= self.total {
            return None;
        }
        match self.place(row) {
            Place::Top(index) => {
                let session = index.checked_sub(self.offset).and_then(|at| self.items.get(at))?;
                let unfolded = self.unfolded.iter().find(|unfolded| unfolded.at == index);
                let nested = match unfolded {
                    Some(unfolded) => unfolded.nested.iter().filter(|nested| nested.depth == 1).count(),
                    None => self.nested_counts.get(&session.id).copied().unwrap_or(0),
                };
                Some(Row { session, depth: 0, nested, unfolded: unfolded.is_some() })
            }
            Place::Nested { parent, at } => {
                let nested = self.unfolded.get(parent)?.nested.get(at)?;
                Some(Row { session: &nested.session, depth: nested.depth, nested: nested.nested, unfolded: true })
            }
        }
    }

    pub fn shown(&self) -> &Shown {
        &self.shown
    }

    /// Narrows the list to `shown` (or widens it back) and reads it again from the top,
    /// keeping `keep` selected when it is still listed near the top.
    pub fn show(&mut self, backend: &dyn Backend, shown: Shown, keep: Option<&str>, capacity: usize) -> Result<()> {
        self.filter = shown.filter();
        self.shown = shown;
        self.selected = 0;
        self.top = 0;
        self.unfolded.clear();
        self.reload(backend, keep, capacity)
    }

    /// Re-reads the list (after a change here or elsewhere), keeping `keep` selected if it
    /// is still listed near where it was, else keeping the position. Unfolded sessions still
    /// near stay unfolded, with what is nested under them now.
    pub fn reload(&mut self, backend: &dyn Backend, keep: Option<&str>, capacity: usize) -> Result<()> {
        let selected_top = match self.place(self.selected) {
            Place::Top(index) => index,
            Place::Nested { parent, .. } => self.unfolded[parent].at,
        };
        self.sessions = backend.top_level_count(self.filter.as_ref())?;
        self.load_around(backend, selected_top)?;
        let mut unfolded = Vec::new();
        for previous in std::mem::take(&mut self.unfolded) {
            if let Some(at) = self.items.iter().position(|session| session.id == previous.id) {
                let nested = backend.nested_under(&previous.id)?;
                if !nested.is_empty() {
                    unfolded.push(Unfolded { at: self.offset + at, id: previous.id, nested });
                }
            }
        }
        unfolded.sort_by_key(|unfolded| unfolded.at);
        self.unfolded = unfolded;
        if let Some(id) = keep.filter(|id| self.row_of(id).is_none()) {
            self.unfold_to(backend, id)?;
        }
        self.total = self.sessions + self.unfolded.iter().map(|unfolded| unfolded.nested.len()).sum::<usize>();
        if let Some(row) = keep.and_then(|id| self.row_of(id)) {
            self.selected = row;
        }
        self.select(backend, self.selected, capacity)
    }

    /// Unfolds the session a subagent `id` is nested under, when that one is loaded, so the
    /// subagent can be selected (the one open when a search is left, or `--session`).
    fn unfold_to(&mut self, backend: &dyn Backend, id: &str) -> Result<()> {
        let Some(root) = backend.nested_root(id)? else { return Ok(()) };
        let Some(at) = self.items.iter().position(|session| session.id == root) else { return Ok(()) };
        let nested = backend.nested_under(&root)?;
        let at = self.offset + at;
        let slot = self.unfolded.partition_point(|unfolded| unfolded.at < at);
        self.unfolded.insert(slot, Unfolded { at, id: root, nested });
        Ok(())
    }

    /// Moves the selection (clamped) and scrolls it into view.
    pub fn select(&mut self, backend: &dyn Backend, row: usize, capacity: usize) -> Result<()> {
        self.selected = row.min(self.total.saturating_sub(1));
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + capacity {
            self.top = self.selected + 1 - capacity;
        }
        self.top = self.top.min(self.total.saturating_sub(capacity));
        let first = self.top_index(self.top);
        let last = self.top_index((self.top + capacity).min(self.total).saturating_sub(1));
        let loaded = self.offset..self.offset + self.items.len();
        let needed_end = (last + 1).min(self.sessions);
        if first < loaded.start || needed_end > loaded.end {
            self.load_around(backend, self.top_index(self.selected))?;
        }
        Ok(())
    }

    /// Unfolds the selected session's subagents, or folds them (from the session or from
    /// one of them, which then leaves the selection on the session).
    pub fn toggle_fold(&mut self, backend: &dyn Backend, capacity: usize) -> Result<()> {
        match self.place(self.selected) {
            Place::Nested { parent, .. } => {
                self.selected = self.row_of_top(self.unfolded[parent].at);
                self.unfolded.remove(parent);
            }
            Place::Top(index) => {
                if let Some(open) = self.unfolded.iter().position(|unfolded| unfolded.at == index) {
                    self.unfolded.remove(open);
                } else {
                    let Some(session) = self.session_at(self.selected) else { return Ok(()) };
                    let id = session.id.clone();
                    let nested = backend.nested_under(&id)?;
                    if nested.is_empty() {
                        return Ok(());
                    }
                    let slot = self.unfolded.partition_point(|unfolded| unfolded.at < index);
                    self.unfolded.insert(slot, Unfolded { at: index, id, nested });
                }
            }
        }
        self.total = self.sessions + self.unfolded.iter().map(|unfolded| unfolded.nested.len()).sum::<usize>();
        self.select(backend, self.selected, capacity)
    }

    fn load_around(&mut self, backend: &dyn Backend, index: usize) -> Result<()> {
        self.offset = index.saturating_sub(PAGE / 2).min(self.sessions.saturating_sub(PAGE));
        self.items = backend.list_top_level(self.filter.as_ref(), self.offset, PAGE)?;
        let ids: Vec<&str> = self.items.iter().map(|session| session.id.as_str()).collect();
        self.nested_counts = backend.nested_counts(&ids)?;
        Ok(())
    }

    /// The sessions on screen, with their row.
    pub fn visible(&self, capacity: usize) -> impl Iterator<Item = (usize, Row<'_>)> {
        (self.top..self.top + capacity).filter_map(|index| self.row(index).map(|row| (index, row)))
    }

    fn place(&self, row: usize) -> Place {
        let mut shift = 0;
        for (parent, unfolded) in self.unfolded.iter().enumerate() {
            let parent_row = unfolded.at + shift;
            if row <= parent_row {
                break;
            }
            if row <= parent_row + unfolded.nested.len() {
                return Place::Nested { parent, at: row - parent_row - 1 };
            }
            shift += unfolded.nested.len();
        }
        Place::Top(row - shift)
    }

    /// The top-level index of the session on `row`, or of the one it is nested under.
    fn top_index(&self, row: usize) -> usize {
        match self.place(row) {
            Place::Top(index) => index,
            Place::Nested { parent, .. } => self.unfolded[parent].at,
        }
    }

    fn row_of_top(&self, index: usize) -> usize {
        index
            + self
                .unfolded
                .iter()
                .filter(|unfolded| unfolded.at < index)
                .map(|unfolded| unfolded.nested.len())
                .sum::<usize>()
    }

    /// The row of the session `id`, if it is loaded.
    fn row_of(&self, id: &str) -> Option<usize> {
        if let Some(at) = self.items.iter().position(|session| session.id == id) {
            return Some(self.row_of_top(self.offset + at));
        }
        self.unfolded.iter().find_map(|unfolded| {
            let at = unfolded.nested.iter().position(|nested| nested.session.id == id)?;
            Some(self.row_of_top(unfolded.at) + 1 + at)
        })
    }
}
