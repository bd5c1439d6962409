//! `App::new` and `App::update`: every state change of the browser happens here.

use anyhow::Result;
use chrono::{DateTime, Utc};

use super::{Action, App, Backend, Focus, Mode, SEARCH_LIMIT, Scope, Shown, Sidebar};
use crate::export::Redaction;
use crate::store::Session;
use crate::tui::input::Input;
use crate::tui::layout::Panes;
use crate::tui::view::conversation::{ConversationState, Fold, RawView};

impl App {
    /// Opens on `open` (an exact id), or on the most recent session, scrolled to its end.
    pub fn new(backend: &dyn Backend, width: u16, height: u16, now: DateTime<Utc>, open: Option<&str>) -> Result<App> {
        App::start(backend, width, height, now, open, Scope::default())
    }

    /// Like `new`, with the folder `s` scopes to; `scope.on` starts with the list scoped to
    /// it, on its most recent session.
    pub fn start(
        backend: &dyn Backend,
        width: u16,
        height: u16,
        now: DateTime<Utc>,
        open: Option<&str>,
        scope: Scope,
    ) -> Result<App> {
        let mut app = App {
            mode: Mode::Normal,
            focus: Focus::Sidebar,
            sidebar: Sidebar::default(),
            open: None,
            search: None,
            status: None,
            deleted: Vec::new(),
            width,
            height,
            now,
            read_only: backend.is_read_only(),
            open_short_id: None,
            open_usage: None,
            usage_pending: false,
            store_option: backend.store_option(),
            resume_templates: backend.resume_templates(),
            quit: false,
            here: scope.folder.clone(),
            completion: None,
            copy_offer: None,
            known: None,
            effects: Vec::new(),
            trail: Vec::new(),
            visibility: Default::default(),
            data_version: backend.data_version().ok(),
            code_highlighter: None,
            input_batch: false,
            query_pending: false,
            pending_search: None,
        };
        let capacity = app.panes().sidebar_capacity();
        match scope.folder.filter(|_| scope.on) {
            Some(folder) => app.sidebar.show(backend, Shown { query: None, scope: Some(folder) }, open, capacity)?,
            None => app.sidebar.reload(backend, open, capacity)?,
        }
        match open {
            Some(id) => {
                let session = backend.session(id)?;
                app.open_session(backend, session, None)?;
            }
            None => app.follow_selection(backend)?,
        }
        if app.read_only {
            app.info("Read-only store: browsing only");
        }
        Ok(app)
    }

    /// Work that must not delay the first frame, started once it is drawn: the backend's
    /// (indexing, syncing), and counting a search backlog to say it is being indexed, which
    /// takes 15 ms on a million events.
    pub fn after_first_frame(&mut self, backend: &dyn Backend) {
        // Counted before the indexer starts, so that the message says how big the backlog
        // is, not how much of it the indexer's first batch happened to leave.
        let lag = backend.index_lag().filter(|lag| lag.catching_up);
        backend.after_first_frame();
        if let Some(lag) = lag {
            self.info(format!("Indexing {} events for search in the background", lag.remaining));
        }
    }

    pub fn panes(&self) -> Panes {
        Panes::new(self.width, self.height, self.focus)
    }

    /// Applies one action. Store errors land in the status line; the app keeps running.
    pub fn update(&mut self, backend: &dyn Backend, action: Action) {
        if let Err(err) = self.apply(backend, action) {
            self.error(crate::errors::one_line(&err));
        }
    }

    fn apply(&mut self, backend: &dyn Backend, action: Action) -> Result<()> {
        match (&self.mode, action) {
            (_, Action::Quit) => self.quit = true,
            (_, Action::Resize { width, height }) => self.resize(backend, width, height)?,
            (_, Action::CodeHighlighterReady) => self.use_code_highlighter(backend)?,
            (_, Action::Tick { now }) => {
                self.expire_status(now);
                if let Some(news) = backend.sync_news() {
                    if news.is_problem { self.error(news.text) } else { self.info(news.text) }
                }
                self.refresh_if_changed(backend, now)?;
                self.complete_search_when_indexed(backend)?;
            }
            (Mode::Help, Action::Cancel | Action::ToggleHelp) => self.mode = Mode::Normal,
            (Mode::Help, _) => {}
            (Mode::Search(_), action) => self.search_prompt(backend, action)?,
            (Mode::Rename { .. }, action) => self.rename_prompt(backend, action)?,
            (Mode::ConfirmDelete { .. }, action) => self.confirm_delete(backend, action)?,
            (Mode::ChooseExport, Action::ExportAs(format)) => {
                self.mode = Mode::Normal;
                self.export(backend, format)?
            }
            (Mode::ConfirmResume { .. }, action) => self.confirm_resume(action),
            (Mode::ChooseExport, Action::Cancel) => self.mode = Mode::Normal,
            (Mode::ChooseExport, _) => {}
            (Mode::Normal, action) => {
                // What was said was about the view before this action; what this action has
                // to say, it says itself.
                let offer = self.take_copy_offer();
                self.status = None;
                match (offer, action) {
                    (Some(text), Action::Copy) => self.copy_offered(text),
                    (_, action) => self.normal(backend, action)?,
                }
            }
        }
        Ok(())
    }

    fn normal(&mut self, backend: &dyn Backend, action: Action) -> Result<()> {
        let sidebar = self.focus == Focus::Sidebar;
        let capacity = self.panes().sidebar_capacity();
        match action {
            Action::Down if sidebar => self.move_selection(backend, 1)?,
            Action::Up if sidebar => self.move_selection(backend, -1)?,
            Action::PageDown if sidebar => self.move_selection(backend, capacity as i64)?,
            Action::PageUp if sidebar => self.move_selection(backend, -(capacity as i64))?,
            Action::HalfPageDown if sidebar => self.move_selection(backend, (capacity / 2).max(1) as i64)?,
            Action::HalfPageUp if sidebar => self.move_selection(backend, -((capacity / 2).max(1) as i64))?,
            Action::Top if sidebar => self.move_selection(backend, i64::MIN / 2)?,
            Action::Bottom if sidebar => self.move_selection(backend, i64::MAX / 2)?,
            Action::Down => self.conversation(backend, |c, s| c.scroll_down(s, 1))?,
            Action::Up => self.conversation(backend, |c, s| c.scroll_up(s, 1))?,
            Action::PageDown => self.conversation(backend, |c, s| c.page_down(s))?,
            Action::PageUp => self.conversation(backend, |c, s| c.page_up(s))?,
            Action::HalfPageDown => self.conversation(backend, |c, s| c.half_page_down(s))?,
            Action::HalfPageUp => self.conversation(backend, |c, s| c.half_page_up(s))?,
            Action::Top => self.conversation(backend, |c, s| c.to_top(s))?,
            Action::Bottom => self.conversation(backend, |c, s| c.to_bottom(s))?,
            Action::SwitchFocus => {
                self.focus = if sidebar { Focus::Conversation } else { Focus::Sidebar };
                self.fit_sidebar(backend)?;
            }
            Action::FocusSidebar => {
                self.focus = Focus::Sidebar;
                self.fit_sidebar(backend)?;
            }
            Action::FocusConversation => self.focus = Focus::Conversation,
            Action::Activate if sidebar => {
                // While a search is shown the sidebar lists its hits, not the sessions.
                match self.search {
                    Some(_) => self.open_hit(backend)?,
                    None => self.follow_selection(backend)?,
                }
                self.focus = Focus::Conversation;
            }
            Action::ToggleFold if sidebar && self.search.is_none() => self.fold_subagents(backend)?,
            Action::Activate if self.open_selected_subagent(backend)? => {}
            Action::Back => self.return_from_subagent(backend)?,
            Action::Activate | Action::ToggleFold => {
                let done = self.conversation(backend, |c, s| c.toggle_fold(s))?;
                self.say_fold(done, "Folded", "Unfolded");
            }
            Action::ToggleRaw => match self.conversation(backend, |c, s| c.toggle_raw(s))? {
                RawView::Raw => self.info("Arguments as written (v draws them again)"),
                RawView::Drawn => self.info("Drawn as a diff (v shows the arguments)"),
                RawView::Nothing => self.info("Only edits have another view (v)"),
            },
            Action::CycleToolOutput => self.cycle_tool_output(backend)?,
            Action::ToggleReasoning => self.toggle_reasoning(backend)?,
            Action::NextMessage => self.conversation(backend, |c, s| c.next_message(s))?,
            Action::PreviousMessage => self.conversation(backend, |c, s| c.previous_message(s))?,
            Action::StartSearch => {
                backend.prepare_search();
                let typed = self.sidebar.shown().query.as_ref().map(|(text, _)| text.clone());
                let query = self.search.as_ref().map(|search| search.query.clone()).or(typed).unwrap_or_default();
                self.mode = Mode::Search(Input::with_text(&query));
                // Values are read again at the first Tab: sessions may have come since.
                self.known = None;
            }
            Action::NextHit => self.step_hit(backend, 1)?,
            Action::PreviousHit => self.step_hit(backend, -1)?,
            Action::StartRename => {
                if let Some(session) = self.target(backend)? {
                    // The editor holds the title as shown, so its cursor and edits match
                    // what is on screen (escape sequences, tabs and line breaks would not).
                    let input = Input::with_text(&crate::content::sanitize_line(&session.title));
                    self.mode = Mode::Rename { id: session.id, input };
                }
            }
            Action::AskDelete => {
                if let Some(session) = self.target(backend)? {
                    self.mode = Mode::ConfirmDelete { id: session.id, title: session.title };
                }
            }
            Action::Undo => self.undo(backend)?,
            Action::Export if self.open.is_some() => {
                self.mode = Mode::ChooseExport;
                self.info("Export the session as:");
            }
            Action::Export => self.info("Open a session to export it"),
            Action::ExportAs(format) => self.export(backend, format)?,
            Action::Resume => self.resume(),
            Action::Copy => self.copy(Redaction::NONE),
            Action::CopyRedacted => self.copy(Redaction { secrets: true, paths: false }),
            Action::ToggleHelp => self.mode = Mode::Help,
            Action::Cancel if self.search.is_some() => self.leave_search(backend)?,
            Action::Cancel if sidebar && self.sidebar.shown().query.is_some() => self.clear_filter(backend)?,
            Action::CycleScope => self.cycle_scope(backend)?,
            Action::Scroll { column, row, down } => self.wheel(backend, column, row, down)?,
            Action::Click { column, row } => self.click(backend, column, row)?,
            Action::Cancel | Action::Edit(_) | Action::Submit | Action::Complete => {}
            Action::Quit | Action::Resize { .. } | Action::Tick { .. } | Action::CodeHighlighterReady => {}
        }
        Ok(())
    }

    /// The session a rename or delete is about: the open one when reading it, else the
    /// selected one. Refused up front on a read-only store.
    fn target(&mut self, backend: &dyn Backend) -> Result<Option<Session>> {
        if self.read_only {
            self.error("Read-only store: changes are refused");
            return Ok(None);
        }
        let id = match (&self.open, self.focus, &self.search) {
            (Some((session, _)), Focus::Conversation, _) | (Some((session, _)), _, Some(_)) => session.id.clone(),
            _ => match self.sidebar.selected_session() {
                Some(session) => session.id.clone(),
                None => return Ok(None),
            },
        };
        Ok(Some(backend.session(&id)?))
    }

    /// Runs a conversation operation on the open session, if any.
    pub(super) fn conversation<T: Default>(
        &mut self,
        backend: &dyn Backend,
        operation: impl FnOnce(&mut ConversationState, &dyn crate::tui::view::conversation::EventSource) -> Result<T>,
    ) -> Result<T> {
        match &mut self.open {
            Some((session, state)) => {
                let source = backend.events(session);
                operation(state, &*source)
            }
            None => Ok(T::default()),
        }
    }

    /// Says what a fold key did, so a key that changed nothing visible is not a mystery.
    fn say_fold(&mut self, done: Fold, folded: &str, unfolded: &str) {
        match done {
            Fold::Folded => self.info(folded),
            Fold::Unfolded => self.info(unfolded),
            Fold::Whole => self.info("Nothing to fold here: this is shown whole"),
            Fold::Nothing => {}
        }
    }

    pub(super) fn move_selection(&mut self, backend: &dyn Backend, by: i64) -> Result<()> {
        if let Some(search) = &mut self.search {
            search.select((search.selected as i64 + by).max(0) as usize);
            return self.open_hit(backend);
        }
        let index = (self.sidebar.selected as i64).saturating_add(by).max(0) as usize;
        self.sidebar.select(backend, index, self.panes().sidebar_capacity())?;
        self.follow_selection(backend)
    }

    /// The conversation shows the selected session (opened at its end).
    pub(super) fn follow_selection(&mut self, backend: &dyn Backend) -> Result<()> {
        let Some(selected) = self.sidebar.selected_session().cloned() else {
            self.open = None;
            return Ok(());
        };
        if self.open.as_ref().is_some_and(|(open, _)| open.id == selected.id) {
            return Ok(());
        }
        self.open_session(backend, selected, None)
    }

    /// Shows `session`, at event `at` (selected) or at its end.
    pub(super) fn open_session(&mut self, backend: &dyn Backend, session: Session, at: Option<i64>) -> Result<()> {
        let source = backend.events(&session);
        let mut state = ConversationState::highlighting_code(self.code_highlighter).with_visibility(self.visibility);
        state.set_subagents(Self::subagent_links(backend, &session)?);
        let body = Panes::new(self.width, self.height, Focus::Conversation).conversation_body().unwrap_or_default();
        state.set_viewport(&*source, body.width, body.height)?;
        if let Some(search) = &self.search {
            state.set_highlight_terms(&search.terms);
        }
        match at {
            Some(seq) => state.open_at_seq(&*source, seq)?,
            None => state.open_at_end(&*source)?,
        }
        drop(source);
        self.open_short_id = Some(backend.short_id(&session.id)?);
        self.open = Some((session, state));
        self.trail.clear();
        self.open_usage = None;
        self.usage_pending = true;
        Ok(())
    }

    fn fit_sidebar(&mut self, backend: &dyn Backend) -> Result<()> {
        let capacity = self.panes().sidebar_capacity();
        self.sidebar.select(backend, self.sidebar.selected, capacity)
    }

    fn resize(&mut self, backend: &dyn Backend, width: u16, height: u16) -> Result<()> {
        self.width = width;
        self.height = height;
        self.fit_sidebar(backend)?;
        let body = Panes::new(width, height, Focus::Conversation).conversation_body().unwrap_or_default();
        self.conversation(backend, |c, s| c.set_viewport(s, body.width, body.height))
    }

    /// Picks up what other processes wrote: new sessions, renamed ones, new events in the
    /// open one. The selection and the reading position stay where they were.
    fn refresh_if_changed(&mut self, backend: &dyn Backend, now: DateTime<Utc>) -> Result<()> {
        self.now = now;
        let version = backend.data_version()?;
        if self.data_version == Some(version) {
            return Ok(());
        }
        self.data_version = Some(version);
        self.reload_sidebar(backend)?;
        let fresh = match &self.open {
            Some((open, _)) => backend.session(&open.id).ok(),
            None => None,
        };
        let fresh = match fresh {
            Some(fresh) if fresh.deleted_at.is_none() => fresh,
            gone => {
                // Nothing open (the store was empty) or the open session went to the trash
                // elsewhere: show what the sidebar selects, as after a delete here.
                if self.search.is_none() {
                    self.follow_selection(backend)?;
                    if let Some(gone) = gone {
                        self.info(format!("'{}' was deleted by another program", gone.title));
                    }
                }
                return Ok(());
            }
        };
        if let Some((open, state)) = &mut self.open {
            let grew = fresh.event_count != open.event_count;
            *open = fresh;
            let source = backend.events(open);
            if grew {
                state.sync(&*source)?;
                self.usage_pending = true;
            }
            state.update_subagents(&*source, Self::subagent_links(backend, open)?)?;
        }
        Ok(())
    }

    /// Re-reads the list, keeping the selected session selected.
    pub(super) fn reload_sidebar(&mut self, backend: &dyn Backend) -> Result<()> {
        let keep = self.sidebar.selected_session().map(|session| session.id.clone());
        let capacity = self.panes().sidebar_capacity();
        self.sidebar.reload(backend, keep.as_deref(), capacity)
    }

    /// Runs the search for the prompt's text, titles of the hit sessions included, in the
    /// sessions the list is scoped to.
    pub(super) fn run_search(&mut self, backend: &dyn Backend, query: &str) -> Result<()> {
        // The same language as `recall search`: words plus qualifiers (agent:codex after:3d).
        let Some(mut filter) = self.parse_query(query) else { return Ok(()) };
        filter.cwd_under = self.sidebar.shown().scope.as_ref().map(|folder| folder.path.clone());
        let sessions = backend.search(&filter, SEARCH_LIMIT)?;
        self.show_search(backend, query.to_string(), crate::store::query_terms(&filter.words), sessions);
        Ok(())
    }
}
