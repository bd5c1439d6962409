//! The session list: a window of sessions paged from the store around the selection, so a
//! store of 100,000 sessions scrolls without loading them all.

use anyhow::Result;

use super::Backend;
use super::narrow::Shown;
use crate::query::Filter;
use crate::store::Session;

/// Sessions read per page.
const PAGE: usize = 200;

#[derive(Debug, Default)]
pub struct Sidebar {
    /// Sessions outside the trash that the list shows (all of them, or those filtered).
    pub total: usize,
    /// Index (in the whole list) of `items[0]`.
    pub offset: usize,
    pub items: Vec<Session>,
    pub selected: usize,
    /// Index of the first session on screen.
    pub top: usize,
    /// What the list is narrowed to; read through `shown()`, changed through `show()`.
    shown: Shown,
    /// `shown` as the store reads it; None lists every session (the fastest query).
    filter: Option<Filter>,
}

impl Sidebar {
    pub fn selected_session(&self) -> Option<&Session> {
        self.selected.checked_sub(self.offset).and_then(|at| self.items.get(at))
    }

    pub fn session_at(&self, index: usize) -> Option<&Session> {
        index.checked_sub(self.offset).and_then(|at| self.items.get(at))
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
        self.reload(backend, keep, capacity)
    }

    /// Re-reads the list (after a change here or elsewhere), keeping `keep` selected if it
    /// is still listed near where it was, else keeping the position.
    pub fn reload(&mut self, backend: &dyn Backend, keep: Option<&str>, capacity: usize) -> Result<()> {
        self.total = match &self.filter {
            Some(filter) => backend.count_filtered(filter)?,
            None => backend.session_count()?,
        };
        self.load_around(backend, self.selected)?;
        if let Some(at) = keep.and_then(|id| self.items.iter().position(|session| session.id == id)) {
            self.selected = self.offset + at;
        }
        self.select(backend, self.selected, capacity)
    }

    /// Moves the selection (clamped) and scrolls it into view.
    pub fn select(&mut self, backend: &dyn Backend, index: usize, capacity: usize) -> Result<()> {
        self.selected = index.min(self.total.saturating_sub(1));
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + capacity {
            self.top = self.selected + 1 - capacity;
        }
        self.top = self.top.min(self.total.saturating_sub(capacity));
        let needed = self.top..(self.top + capacity).min(self.total);
        let loaded = self.offset..self.offset + self.items.len();
        if needed.start < loaded.start || needed.end > loaded.end {
            self.load_around(backend, self.selected)?;
        }
        Ok(())
    }

    fn load_around(&mut self, backend: &dyn Backend, index: usize) -> Result<()> {
        self.offset = index.saturating_sub(PAGE / 2).min(self.total.saturating_sub(PAGE));
        self.items = match &self.filter {
            Some(filter) => backend.list_filtered(filter, self.offset, PAGE)?,
            None => backend.list_sessions(self.offset, PAGE)?,
        };
        Ok(())
    }

    /// The sessions on screen, with their index in the whole list.
    pub fn visible(&self, capacity: usize) -> impl Iterator<Item = (usize, &Session)> {
        (self.top..self.top + capacity).filter_map(|index| self.session_at(index).map(|session| (index, session)))
    }
}
