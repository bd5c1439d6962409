//! What the browser needs from the store, as a trait: the store in the program, an
//! in-memory fake in tests.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Result;

use crate::content::{self, Block, CallIndex, MessageUsage};
use crate::store::{Nested, SCAN_LIMIT, Session, SessionHits, Store};
use crate::sync::watch::BackgroundSync;
use crate::tui::indexer::BackgroundIndexer;
use crate::tui::searcher::BackgroundSearch;
use crate::tui::view::conversation::{EventSource, ParsedEvent};

pub trait Backend {
    /// How many sessions the list shows at its top level (subagents are nested under their
    /// parent), narrowed by the filter's qualifiers (its words aside).
    fn top_level_count(&self, filter: Option<&crate::query::Filter>) -> Result<usize>;
    /// A page of the sessions at the list's top level, newest updated first.
    fn list_top_level(
        &self,
        filter: Option<&crate::query::Filter>,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Session>>;
    /// For each of `ids`, how many sessions are nested directly under it (ids with none left out).
    fn nested_counts(&self, ids: &[&str]) -> Result<HashMap<String, usize>>;
    /// Everything nested under the session `id`, in the list's order.
    fn nested_under(&self, id: &str) -> Result<Vec<Nested>>;
    /// The top-level session `id` is nested under, at any depth; None when it is not nested.
    fn nested_root(&self, _id: &str) -> Result<Option<String>> {
        Ok(None)
    }
    fn session(&self, id: &str) -> Result<Session>;
    /// The subagent sessions `session`'s calls started.
    fn subagents(&self, _session: &Session) -> Result<Vec<crate::store::Subagent>> {
        Ok(Vec::new())
    }
    /// The session's events, parsed, read a range at a time.
    fn events<'a>(&'a self, session: &Session) -> Box<dyn EventSource + 'a>;
    /// Sessions holding the filter's words in the sessions its qualifiers keep, best first.
    fn search(&self, filter: &crate::query::Filter, limit: usize) -> Result<Vec<SessionHits>>;
    /// Gets ready to search as the prompt is typed in (opens the search thread's connection),
    /// so the first key's search does not pay for it.
    fn prepare_search(&self) {}
    /// Starts `search` elsewhere and returns at once; false when this backend searches only
    /// in place (then `search` is the way). A search started before and still running is
    /// dropped.
    fn start_search(&self, _filter: &crate::query::Filter, _limit: usize) -> bool {
        false
    }
    /// The outcome of the search last started, once it has finished, waiting up to `wait`
    /// for it; handed out once.
    fn finished_search(&self, _wait: std::time::Duration) -> Option<Result<Vec<SessionHits>>> {
        None
    }
    fn rename(&self, id: &str, title: &str) -> Result<()>;
    fn delete(&self, id: &str) -> Result<()>;
    fn undo_delete(&self, id: &str) -> Result<()>;
    /// Writes the session as Markdown; returns where.
    fn export(&self, session: &Session, format: crate::export::Format) -> Result<PathBuf>;
    /// Agents, projects and models the store holds, for completing filters.
    fn known_values(&self) -> Result<crate::store::KnownValues>;
    /// Changes whenever another process commits to the store.
    fn data_version(&self) -> Result<i64>;
    fn is_read_only(&self) -> bool;
    /// How far the search index is behind, when by enough that searches miss events.
    fn index_lag(&self) -> Option<IndexLag> {
        None
    }
    /// Starts work that must not delay the first frame (following sources); called once,
    /// right after it is drawn.
    fn after_first_frame(&self) {}
    /// What background syncing has to say since it was last asked.
    fn sync_news(&self) -> Option<crate::sync::watch::News> {
        None
    }
    /// The shortest prefix of the id that names only this session, to type in commands.
    fn short_id(&self, id: &str) -> Result<String> {
        Ok(id.to_string())
    }
    /// The option that names this store in a command (`--db PATH`), when commands typed
    /// without it would reach another store.
    fn store_option(&self) -> Option<String> {
        None
    }
    /// The session's token usage and models, summed over all its events.
    fn session_usage(&self, _session: &Session) -> Option<content::SessionUsage> {
        None
    }
    /// Token prices from config.toml, to show what a session cost.
    fn prices(&self) -> content::Prices {
        content::Prices::default()
    }

    /// Resume commands from config.toml, by source, over the built-in ones.
    fn resume_templates(&self) -> crate::config::ResumeTemplates {
        crate::config::ResumeTemplates::new()
    }
}

/// The search index is behind: searches see only what it holds so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexLag {
    pub remaining: u64,
    /// Being indexed in the background; otherwise (read-only) it stays behind.
    pub catching_up: bool,
}

pub struct StoreBackend {
    pub store: Store,
    /// Where exports go.
    pub export_dir: PathBuf,
    /// Brings the search index up to date while the browser runs, started after the first
    /// frame; None when read-only, or when it could not start.
    indexer: std::cell::OnceCell<Option<BackgroundIndexer>>,
    /// Whether to follow sources while the browser runs (not for the demo or a read-only store).
    pub follow_sources: bool,
    sync: std::cell::OnceCell<Option<BackgroundSync>>,
    /// `--db PATH`, when the store is not the one commands reach by default.
    pub store_option: Option<String>,
    /// Resume commands from config.toml.
    pub resume_templates: crate::config::ResumeTemplates,
    /// Formats config.toml turned off: the background sync leaves them alone.
    pub sources_off: Vec<String>,
    /// Token prices from config.toml.
    pub prices: content::Prices,
    /// Searches as you type on a connection of its own, started at the first; None for a
    /// store in memory, or when it could not start (searches then run in place).
    searcher: std::cell::OnceCell<Option<BackgroundSearch>>,
}

impl StoreBackend {
    /// The browser's backend on `store`, indexing its search backlog in the background (from
    /// the first frame on) when the store is a writable file. Without the indexer (it could
    /// not start), the browser still runs; its searches then say the index is behind.
    pub fn new(store: Store, export_dir: PathBuf) -> Result<StoreBackend> {
        let follow_sources = store.path().is_some() && !store.is_read_only();
        Ok(StoreBackend {
            store,
            export_dir,
            indexer: std::cell::OnceCell::new(),
            follow_sources,
            sync: std::cell::OnceCell::new(),
            store_option: None,
            resume_templates: crate::config::ResumeTemplates::new(),
            sources_off: Vec::new(),
            prices: content::Prices::default(),
            searcher: std::cell::OnceCell::new(),
        })
    }
}

impl StoreBackend {
    /// The search thread, started on first use.
    fn searcher(&self) -> Option<&BackgroundSearch> {
        let searcher = self.searcher.get_or_init(|| {
            let path = self.store.path()?;
            let searcher = BackgroundSearch::start(path).ok()?;
            searcher.warm();
            Some(searcher)
        });
        searcher.as_ref()
    }

    fn indexer(&self) -> Option<&BackgroundIndexer> {
        self.indexer.get().and_then(Option::as_ref)
    }
}

struct StoreEvents<'a> {
    store: &'a Store,
    session_id: String,
    count: usize,
}

impl EventSource for StoreEvents<'_> {
    fn event_count(&self) -> usize {
        self.count
    }

    fn events_range(&self, from_seq: i64, n: usize) -> Result<Vec<ParsedEvent>> {
        // A result names its tool through its call, which usually comes a few events before.
        let lookback = (from_seq - 1).clamp(0, CALL_LOOKBACK);
        let events =
            self.store.events_range(&self.session_id, from_seq - lookback, n.saturating_add(lookback as usize))?;
        let mut calls = CallIndex::new();
        let mut parsed = Vec::with_capacity(n);
        let mut usages = Vec::with_capacity(n);
        let mut before: Option<MessageUsage> = None;
        for event in &events {
            let value = event.json();
            let mut blocks = content::parse(&value);
            calls.record(event.seq, &blocks);
            // Sources that record usage outside the events have it noted on the reply's event.
            let usage = content::usage(&value).or_else(|| {
                event.metadata.as_ref().and_then(|m| m.as_object()).and_then(content::usage_notes::event_usage)
            });
            if event.seq < from_seq {
                before = usage.or(before);
                continue;
            }
            name_results(&mut blocks, &calls);
            let info = content::describe(&value);
            parsed.push(ParsedEvent::new(event, blocks, info.agent.or(info.model)));
            usages.push(usage);
        }
        let usages = super::usage::one_per_call(before, usages);
        Ok(parsed.into_iter().zip(usages).map(|(event, usage)| event.with_usage(usage)).collect())
    }
}

/// Events read before a range to find the calls its results answer.
const CALL_LOOKBACK: i64 = 32;

/// Names the call each tool result answers: the tool's name (from the call, when the
/// result does not say), and what the call was about, so that two results of one tool in a
/// row read apart: `Bash (head -n 2 Cargo.toml)`.
fn name_results(blocks: &mut [Block], calls: &CallIndex) {
    for block in blocks {
        if let Block::ToolResult { call_id: Some(id), name, .. } = block {
            let tool = name.clone().or_else(|| calls.call_for(id).map(|(_, call)| call.to_string()));
            *name = match (tool, calls.call_gist(id)) {
                (Some(tool), Some(gist)) => Some(format!("{tool} ({gist})")),
                (tool, _) => tool,
            };
        }
    }
}

impl Backend for StoreBackend {
    fn top_level_count(&self, filter: Option<&crate::query::Filter>) -> Result<usize> {
        Ok(self.store.top_level_count(filter)?)
    }

    fn list_top_level(
        &self,
        filter: Option<&crate::query::Filter>,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Session>> {
        Ok(self.store.list_top_level(filter, offset, limit)?)
    }

    fn nested_counts(&self, ids: &[&str]) -> Result<HashMap<String, usize>> {
        Ok(self.store.nested_counts(ids)?)
    }

    fn nested_under(&self, id: &str) -> Result<Vec<Nested>> {
        Ok(self.store.nested_under(id)?)
    }

    fn nested_root(&self, id: &str) -> Result<Option<String>> {
        Ok(self.store.nested_root(id)?)
    }

    fn session(&self, id: &str) -> Result<Session> {
        Ok(self.store.get_session(id)?)
    }

    fn subagents(&self, session: &Session) -> Result<Vec<crate::store::Subagent>> {
        Ok(self.store.subagents(session)?)
    }

    fn events<'a>(&'a self, session: &Session) -> Box<dyn EventSource + 'a> {
        Box::new(StoreEvents {
            store: &self.store,
            session_id: session.id.clone(),
            count: usize::try_from(session.event_count).unwrap_or(0),
        })
    }

    fn search(&self, filter: &crate::query::Filter, limit: usize) -> Result<Vec<SessionHits>> {
        // Never waits for indexing: the indexer catches up, and `index_lag` says how far.
        Ok(self.store.search_sessions_without_indexing(filter, limit)?)
    }

    fn prepare_search(&self) {
        self.searcher();
    }

    fn start_search(&self, filter: &crate::query::Filter, limit: usize) -> bool {
        match self.searcher() {
            Some(searcher) => {
                searcher.submit(filter.clone(), limit);
                true
            }
            None => false,
        }
    }

    fn finished_search(&self, wait: std::time::Duration) -> Option<Result<Vec<SessionHits>>> {
        let searcher = self.searcher.get().and_then(Option::as_ref)?;
        let outcome = if wait.is_zero() { searcher.take_finished() } else { searcher.wait(wait) };
        outcome.map(|outcome| outcome.map_err(anyhow::Error::from))
    }

    fn rename(&self, id: &str, title: &str) -> Result<()> {
        let _hold = self.indexer().map(BackgroundIndexer::hold);
        Ok(self.store.rename(id, title)?)
    }

    fn delete(&self, id: &str) -> Result<()> {
        let _hold = self.indexer().map(BackgroundIndexer::hold);
        Ok(self.store.delete(id)?)
    }

    fn undo_delete(&self, id: &str) -> Result<()> {
        let _hold = self.indexer().map(BackgroundIndexer::hold);
        Ok(self.store.undo_delete(id)?)
    }

    fn export(&self, session: &Session, format: crate::export::Format) -> Result<PathBuf> {
        let redaction = crate::export::Redaction { secrets: format.redacts_by_default(), paths: false };
        crate::export::write_new(&self.store, session, &self.export_dir, format, redaction)
    }

    fn known_values(&self) -> Result<crate::store::KnownValues> {
        Ok(self.store.known_values()?)
    }

    fn data_version(&self) -> Result<i64> {
        Ok(self.store.data_version()?)
    }

    fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }

    fn after_first_frame(&self) {
        // Started here, not with the browser: its first batch (a write transaction over
        // thousands of events) and counting a million-event backlog cost the first frame a
        // third of its time, on a machine with two cores.
        self.indexer.get_or_init(|| {
            let path = self.store.path().filter(|_| !self.store.is_read_only())?;
            BackgroundIndexer::start(path).ok()
        });
        self.sync.get_or_init(|| {
            let path = self.store.path().filter(|_| self.follow_sources)?;
            // Without it the browser still shows the store as it is; sync can be run by hand.
            BackgroundSync::start(path, self.sources_off.clone()).ok()
        });
    }

    fn sync_news(&self) -> Option<crate::sync::watch::News> {
        self.sync.get().and_then(Option::as_ref).and_then(BackgroundSync::take_news)
    }

    fn short_id(&self, id: &str) -> Result<String> {
        Ok(self.store.short_id(id)?)
    }

    fn store_option(&self) -> Option<String> {
        self.store_option.clone()
    }

    fn session_usage(&self, session: &Session) -> Option<content::SessionUsage> {
        super::usage::session_usage(&self.store, session).ok()
    }

    fn prices(&self) -> content::Prices {
        self.prices.clone()
    }

    fn resume_templates(&self) -> crate::config::ResumeTemplates {
        self.resume_templates.clone()
    }

    fn index_lag(&self) -> Option<IndexLag> {
        let remaining = match self.indexer().and_then(BackgroundIndexer::remaining) {
            Some(remaining) => remaining,
            None => self.store.unindexed_events().unwrap_or(0),
        };
        // Before the first frame the indexer is not started yet, but will be.
        let catching_up = match self.indexer.get() {
            Some(indexer) => indexer.is_some(),
            None => self.store.path().is_some() && !self.store.is_read_only(),
        };
        (remaining > SCAN_LIMIT).then_some(IndexLag { remaining, catching_up })
    }
}
