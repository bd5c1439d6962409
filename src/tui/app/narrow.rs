//! What the session list is narrowed to: the qualifiers typed in the `/` prompt
//! (`agent:codex after:7d`), and the project scope (`recall --here`, `s`), the folder recall
//! was started in and every folder below it.

use std::path::Path;

use anyhow::Result;

use super::{App, Backend, Focus};
use crate::query::Filter;

/// A folder the list can be scoped to, with the name the sidebar calls it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    pub path: String,
    /// Its last component (the project), or the whole path for a root.
    pub name: String,
}

impl Folder {
    pub fn new(path: &Path) -> Folder {
        let path = path.to_string_lossy().into_owned();
        let trimmed = path.trim_end_matches(['/', '\\']);
        let name = trimmed.rsplit(['/', '\\']).next().filter(|name| !name.is_empty()).unwrap_or(&path).to_string();
        Folder { path, name }
    }
}

/// Where the browser starts: the folder `s` scopes to, and whether it starts scoped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub folder: Option<Folder>,
    pub on: bool,
}

/// What the list shows: every session, or those the typed qualifiers and the scope keep.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shown {
    /// The qualifiers as typed (words left out), and parsed.
    pub query: Option<(String, Filter)>,
    /// The project scope, when on.
    pub scope: Option<Folder>,
}

impl Shown {
    /// The filter the store reads the list with; None for every session.
    pub fn filter(&self) -> Option<Filter> {
        if self.query.is_none() && self.scope.is_none() {
            return None;
        }
        let mut filter = self.query.as_ref().map(|(_, filter)| filter.clone()).unwrap_or_default();
        filter.words.clear();
        filter.cwd_under = self.scope.as_ref().map(|folder| folder.path.clone());
        Some(filter)
    }

    /// What the header says after the count: ` in recall · agent:codex after:7d`.
    pub fn label(&self) -> String {
        let mut label = String::new();
        if let Some(folder) = &self.scope {
            label += &format!(" in {}", folder.name);
        }
        if let Some((text, _)) = &self.query {
            label += &format!(" · {text}");
        }
        label
    }
}

impl App {
    /// Reads the list again narrowed to `shown`, the open session kept selected if listed.
    fn show(&mut self, backend: &dyn Backend, shown: Shown) -> Result<()> {
        if *self.sidebar.shown() == shown {
            return Ok(());
        }
        let keep = self.open.as_ref().map(|(session, _)| session.id.clone());
        let capacity = self.panes().sidebar_capacity();
        self.sidebar.show(backend, shown, keep.as_deref(), capacity)
    }

    /// What the `/` prompt's text asks for, as it is typed: qualifiers alone narrow the
    /// list; with words they narrow a search, and the list it goes back to.
    pub(super) fn apply_query(&mut self, backend: &dyn Backend, text: &str) -> Result<()> {
        if text.trim().is_empty() {
            self.search = None;
            self.drop_pending_search();
            return self.narrow_to(backend, None);
        }
        let Some(filter) = self.parse_query(text) else { return Ok(()) };
        let query = filter.has_qualifiers().then(|| (crate::query::qualifiers_text(text), filter.clone()));
        let words = !filter.words.trim().is_empty();
        if !words {
            self.search = None;
        }
        self.narrow_to(backend, query)?;
        if words {
            self.search_as_typed(backend, text)
        } else {
            self.drop_pending_search();
            Ok(())
        }
    }

    /// The prompt's text as a filter; a mistake is said in the status line.
    pub(super) fn parse_query(&mut self, query: &str) -> Option<Filter> {
        match crate::query::parse(query, &self.now.with_timezone(&chrono::Local)) {
            Ok(filter) => Some(filter),
            Err(err) => {
                self.error(crate::content::sanitize_line(&err.to_string()).into_owned());
                None
            }
        }
    }

    /// Narrows the list to the qualifiers of the prompt's `text` (None: no qualifiers).
    pub(super) fn narrow_to(&mut self, backend: &dyn Backend, query: Option<(String, Filter)>) -> Result<()> {
        let shown = Shown { query, ..self.sidebar.shown().clone() };
        self.show(backend, shown)
    }

    /// Esc in the sidebar: back to every session (in the scope, when on).
    pub(super) fn clear_filter(&mut self, backend: &dyn Backend) -> Result<()> {
        self.narrow_to(backend, None)?;
        self.follow_selection(backend)?;
        self.info(format!("{} · / filters again", self.sessions_shown()));
        Ok(())
    }

    /// `s`: between the sessions of the folder recall started in and every session.
    pub(super) fn cycle_scope(&mut self, backend: &dyn Backend) -> Result<()> {
        let Some(folder) = self.here.clone() else {
            self.info("No folder to scope to");
            return Ok(());
        };
        let scoped = self.sidebar.shown().scope.is_none();
        let shown = Shown { scope: scoped.then(|| folder.clone()), ..self.sidebar.shown().clone() };
        self.show(backend, shown)?;
        if let Some(search) = &self.search {
            // A search looks where the list does.
            let query = search.query.clone();
            self.run_search(backend, &query)?;
            if self.focus == Focus::Conversation {
                self.open_hit(backend)?;
            }
        } else {
            self.follow_selection(backend)?;
        }
        let next = if scoped { "s: all sessions".to_string() } else { format!("s: only {}", folder.name) };
        self.info(format!("{} · {next}", self.sessions_shown()));
        Ok(())
    }

    /// "12 sessions in recall", what the list holds now.
    pub(super) fn sessions_shown(&self) -> String {
        let total = self.sidebar.total;
        let noun = if total == 1 { "session" } else { "sessions" };
        let place =
            self.sidebar.shown().scope.as_ref().map(|folder| format!(" in {}", folder.name)).unwrap_or_default();
        format!("{} {noun}{place}", crate::tui::view::fit::thousands(total))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_named_by_its_last_component() {
        assert_eq!(Folder::new(Path::new("/home/me/src/recall")).name, "recall");
        assert_eq!(Folder::new(Path::new("/home/me/src/recall/")).name, "recall");
        assert_eq!(Folder::new(Path::new("/")).name, "/");
    }

    #[test]
    fn the_filter_joins_the_qualifiers_and_the_scope() {
        assert_eq!(Shown::default().filter(), None, "every session: the unfiltered query");
        let query = crate::query::parse("agent:codex words", &chrono::Utc::now()).expect("parses");
        let folder = Folder::new(Path::new("/w/recall"));
        let shown = Shown { query: Some(("agent:codex".into(), query)), scope: Some(folder) };
        let filter = shown.filter().expect("a filter");
        assert_eq!(filter.agents, vec!["codex"]);
        assert_eq!(filter.words, "", "words are for searching, not listing");
        assert_eq!(filter.cwd_under.as_deref(), Some("/w/recall"));
        assert_eq!(shown.label(), " in recall · agent:codex");
    }
}
