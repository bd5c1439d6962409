//! The modes that take over the keyboard: search, rename, delete confirmation; and undo.

use anyhow::Result;

use super::{Action, App, Backend, Focus, Mode};

impl App {
    /// Keys that were already queued are applied from here to `end_input_batch`: the search
    /// prompt searches once, for the text they leave, not once per key. A search of a short
    /// prefix takes a few hundred milliseconds on a million events, so typing a word in one
    /// burst would otherwise wait for a search of each of its prefixes.
    pub fn begin_input_batch(&mut self) {
        self.input_batch = true;
    }

    /// Ends a batch of queued keys, searching for what the prompt holds if it changed.
    pub fn end_input_batch(&mut self, backend: &dyn Backend) {
        self.input_batch = false;
        if let Err(err) = self.search_pending_query(backend) {
            self.error(crate::errors::one_line(&err));
        }
    }

    fn search_pending_query(&mut self, backend: &dyn Backend) -> Result<()> {
        if !std::mem::take(&mut self.query_pending) {
            return Ok(());
        }
        let Mode::Search(input) = &self.mode else { return Ok(()) };
        let query = input.text().to_string();
        self.apply_query(backend, &query)
    }

    pub(super) fn search_prompt(&mut self, backend: &dyn Backend, action: Action) -> Result<()> {
        if !matches!(action, Action::Edit(_) | Action::Cancel) {
            // Moving in the hits or opening one acts on the search for what was typed.
            self.search_pending_query(backend)?;
            self.settle_search(backend);
        }
        let Mode::Search(input) = &mut self.mode else { return Ok(()) };
        match action {
            Action::Edit(edit) => {
                input.apply(edit);
                // A complaint is about what was typed before; typing again answers it.
                self.status = None;
                if self.input_batch {
                    self.query_pending = true;
                } else {
                    let query = input.text().to_string();
                    self.apply_query(backend, &query)?;
                }
            }
            Action::Complete => self.complete(backend)?,
            Action::Down | Action::Up => {
                if let Some(search) = &mut self.search {
                    let next =
                        if action == Action::Down { search.selected + 1 } else { search.selected.saturating_sub(1) };
                    search.select(next);
                }
            }
            Action::Submit => {
                self.mode = Mode::Normal;
                match &self.search {
                    Some(search) if !search.sessions.is_empty() => {
                        self.open_hit(backend)?;
                        self.focus = Focus::Conversation;
                    }
                    Some(search) => {
                        let query = search.query.clone();
                        self.info(format!("No matches for '{query}'"));
                    }
                    None if self.sidebar.shown().query.is_some() => {
                        self.focus = Focus::Sidebar;
                        self.follow_selection(backend)?;
                        self.info(format!("{} · Esc shows all", self.sessions_shown()));
                    }
                    None => {}
                }
                // Partial results must say so, whatever else was said.
                if let Some(lag) = self.search.as_ref().filter(|search| search.incomplete).and(backend.index_lag()) {
                    self.tell_index_lag(lag);
                }
            }
            Action::Cancel => {
                // Nothing typed stays: no search, no filter.
                self.query_pending = false;
                self.drop_pending_search();
                self.mode = Mode::Normal;
                self.narrow_to(backend, None)?;
                self.leave_search(backend)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Shows the selected hit: its session, at its event, the matched words highlighted.
    pub(super) fn open_hit(&mut self, backend: &dyn Backend) -> Result<()> {
        let Some(search) = &self.search else { return Ok(()) };
        let Some((hits, seq)) = search.current() else { return Ok(()) };
        let id = hits.session_id.clone();
        let (position, total) = (search.position(), search.total());
        let session = backend.session(&id)?;
        self.open_session(backend, session, seq)?;
        // The key hints beside it say how to move on: n/N, Esc.
        self.info(format!("Hit {position} of {total}"));
        Ok(())
    }

    /// n/N: the next or previous hit, within the session and then across sessions.
    pub(super) fn step_hit(&mut self, backend: &dyn Backend, by: i64) -> Result<()> {
        let Some(search) = &mut self.search else {
            self.info("No search yet: press / to search");
            return Ok(());
        };
        if search.sessions.is_empty() {
            self.info("No hits");
            return Ok(());
        }
        if !search.step(by) {
            self.info(if by > 0 { "Last hit" } else { "First hit" });
            return Ok(());
        }
        self.open_hit(backend)
    }

    /// Back to the full list, focused, the open session selected if it is near the top.
    pub(super) fn leave_search(&mut self, backend: &dyn Backend) -> Result<()> {
        self.search = None;
        self.focus = Focus::Sidebar;
        let open_id = self.open.as_ref().map(|(session, _)| session.id.clone());
        if let Some((_, state)) = &mut self.open {
            state.set_highlight_terms(Vec::<String>::new());
        }
        let capacity = self.panes().sidebar_capacity();
        self.sidebar.reload(backend, open_id.as_deref(), capacity)?;
        self.status = None;
        Ok(())
    }

    pub(super) fn rename_prompt(&mut self, backend: &dyn Backend, action: Action) -> Result<()> {
        let Mode::Rename { id, input } = &mut self.mode else { return Ok(()) };
        match action {
            Action::Edit(edit) => {
                input.apply(edit);
                self.status = None;
            }
            Action::Cancel => {
                self.mode = Mode::Normal;
                self.info("Rename cancelled");
            }
            Action::Submit => {
                let (id, title) = (id.clone(), input.text().trim().to_string());
                if title.is_empty() {
                    self.error("A title cannot be empty: type one, or Esc to cancel");
                    return Ok(());
                }
                // On failure the editor stays open with the text, so nothing typed is lost.
                backend.rename(&id, &title)?;
                self.mode = Mode::Normal;
                self.reload_sidebar(backend)?;
                if let Some((open, _)) = &mut self.open
                    && open.id == id
                {
                    *open = backend.session(&id)?;
                }
                if let Some(search) = &mut self.search {
                    for hits in search.sessions.iter_mut().filter(|hits| hits.session_id == id) {
                        hits.title = title.clone();
                    }
                }
                self.info(format!("Renamed to '{title}'"));
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn confirm_delete(&mut self, backend: &dyn Backend, action: Action) -> Result<()> {
        let Mode::ConfirmDelete { id, title } = &self.mode else { return Ok(()) };
        let (id, title) = (id.clone(), title.clone());
        match action {
            Action::Submit => {
                self.mode = Mode::Normal;
                backend.delete(&id)?;
                self.deleted.push((id.clone(), title.clone()));
                if let Some(search) = &mut self.search {
                    let selected = search.selected;
                    search.sessions.retain(|hits| hits.session_id != id);
                    search.select(selected);
                }
                let capacity = self.panes().sidebar_capacity();
                self.sidebar.reload(backend, None, capacity)?;
                if self.open.as_ref().is_some_and(|(open, _)| open.id == id) {
                    self.open = None;
                }
                if self.search.is_some() {
                    self.open_hit(backend)?
                } else {
                    self.follow_selection_after_change(backend)?
                }
                self.info(format!("Deleted '{title}' — u to undo"));
            }
            Action::Cancel | Action::Edit(_) => self.mode = Mode::Normal,
            _ => {}
        }
        Ok(())
    }

    pub(super) fn undo(&mut self, backend: &dyn Backend) -> Result<()> {
        if self.read_only {
            self.error("Read-only store: changes are refused");
            return Ok(());
        }
        let Some((id, title)) = self.deleted.pop() else {
            self.info("Nothing to undo");
            return Ok(());
        };
        if let Err(err) = backend.undo_delete(&id) {
            self.deleted.push((id, title));
            return Err(err);
        }
        let capacity = self.panes().sidebar_capacity();
        self.sidebar.reload(backend, Some(&id), capacity)?;
        let session = backend.session(&id)?;
        self.open_session(backend, session, None)?;
        self.info(format!("Restored '{title}'"));
        Ok(())
    }

    fn follow_selection_after_change(&mut self, backend: &dyn Backend) -> Result<()> {
        match self.sidebar.selected_session().cloned() {
            Some(session) => self.open_session(backend, session, None),
            None => {
                self.open = None;
                Ok(())
            }
        }
    }
}
