//! Into a subagent and back: Enter on the call that started one opens it, Backspace returns
//! to the session it came from, at the same place and selection. In the list, Space unfolds
//! a session's subagents under it.

use std::collections::HashMap;

use anyhow::Result;

use super::{App, Backend, Focus};
use crate::store::Session;
use crate::tui::layout::Panes;
use crate::tui::view::conversation::SubagentLink;

impl App {
    /// The subagents `session`'s calls started, by call id, for its view to link.
    pub(super) fn subagent_links(backend: &dyn Backend, session: &Session) -> Result<HashMap<String, SubagentLink>> {
        let links = backend.subagents(session)?.into_iter().filter_map(|subagent| {
            let link = SubagentLink {
                session_id: subagent.session.id,
                title: subagent.session.title,
                events: subagent.session.event_count,
            };
            Some((subagent.call?, link))
        });
        Ok(links.collect())
    }

    /// Space in the list: the selected session's subagents listed under it, or folded away.
    pub(super) fn fold_subagents(&mut self, backend: &dyn Backend) -> Result<()> {
        let capacity = self.panes().sidebar_capacity();
        let rows = self.sidebar.total;
        self.sidebar.toggle_fold(backend, capacity)?;
        if self.sidebar.total == rows {
            self.info("No subagents under this session");
        }
        self.follow_selection(backend)
    }

    /// Opens the subagent the selected call started; false when it started none.
    pub(super) fn open_selected_subagent(&mut self, backend: &dyn Backend) -> Result<bool> {
        let Some(link) = self.open.as_ref().and_then(|(_, state)| state.selected_subagent().cloned()) else {
            return Ok(false);
        };
        let session = backend.session(&link.session_id)?;
        let trail = std::mem::take(&mut self.trail);
        let parent = self.open.take();
        if let Err(err) = self.open_session(backend, session, Some(1)) {
            self.open = parent;
            self.trail = trail;
            return Err(err);
        }
        self.trail = trail;
        self.trail.extend(parent);
        let title = crate::content::sanitize_line(&link.title).into_owned();
        self.info(format!("Subagent “{title}” · Backspace returns"));
        Ok(true)
    }

    /// Back to the session the open subagent was opened from, as it was left.
    pub(super) fn return_from_subagent(&mut self, backend: &dyn Backend) -> Result<()> {
        let Some((session, mut state)) = self.trail.pop() else {
            self.info("Nothing to go back to (Backspace returns from a subagent)");
            return Ok(());
        };
        let source = backend.events(&session);
        let body = Panes::new(self.width, self.height, Focus::Conversation).conversation_body().unwrap_or_default();
        state.set_viewport(&*source, body.width, body.height)?;
        state.set_visibility(&*source, self.visibility)?;
        drop(source);
        self.open_short_id = Some(backend.short_id(&session.id)?);
        self.open = Some((session, state));
        self.focus = Focus::Conversation;
        Ok(())
    }
}
