//! `FakeBackend`: the store's behaviour as the app sees it, held in a `Vec`, so `update` can be
//! tested without SQLite. It follows the store where the app could tell the difference:
//! sessions listed newest updated first, the trash hidden from lists and searches but still
//! readable by id, title hits before text hits, and `data_version` changing only when
//! "another process" writes (our own writes leave it alone, as SQLite's does).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Result, anyhow, bail};
use chrono::{DateTime, Utc};
use recall::content::Block;
use recall::query::Filter;
use recall::store::{Nested, SearchHit, Session, SessionHits, Subagent, call_of, query_terms};
use recall::tui::app::{Backend, IndexLag};
use recall::tui::view::conversation::{EventSource, ParsedEvent};

use super::{events, fake_nesting, now};

struct FakeSession {
    session: Session,
    events: Vec<ParsedEvent>,
}

#[derive(Default)]
pub struct FakeBackend {
    sessions: RefCell<Vec<FakeSession>>,
    data_version: Cell<i64>,
    /// The error the next rename, delete or undo fails with.
    fail_next_write: RefCell<Option<String>>,
    read_only: Cell<bool>,
    /// Ids of the sessions exported, in order.
    exports: RefCell<Vec<String>>,
    /// Behind this lag, sessions in `unindexed` are not found by search.
    lag: Cell<Option<IndexLag>>,
    unindexed: RefCell<Vec<String>>,
    /// What names this store in a command (`--db PATH`), when it is not the default one.
    store_option: RefCell<Option<String>>,
    /// Searches as the store's search thread does: started, then finished when told.
    searches_in_background: Cell<bool>,
    /// The search started last and whether it has finished.
    started_search: RefCell<Option<(Filter, usize)>>,
    search_finished: Cell<bool>,
    /// How many searches were started or run.
    pub searches: Cell<usize>,
}

impl FakeBackend {
    pub fn new() -> FakeBackend {
        FakeBackend::default()
    }

    /// Adds a session whose last event was `updated_minutes_ago`, one event per block.
    pub fn add(&self, id: &str, title: &str, updated_minutes_ago: i64, blocks: Vec<Block>) {
        let events = events(blocks, updated_minutes_ago);
        let updated_at = super::minutes_ago(updated_minutes_ago);
        let created_at = events.first().map_or(updated_at, |event| event.created_at);
        let session = Session {
            id: id.to_owned(),
            title: title.to_owned(),
            created_at,
            updated_at,
            source: "test".to_owned(),
            source_id: None,
            event_count: events.len() as i64,
            metadata: serde_json::json!({}),
            deleted_at: None,
        };
        self.sessions.borrow_mut().push(FakeSession { session, events });
    }

    /// Says which agent wrote session `id` and in which folder (None: no folder recorded).
    pub fn place(&self, id: &str, source: &str, cwd: Option<&str>) {
        let mut sessions = self.sessions.borrow_mut();
        let session = entry_mut(&mut sessions, id).expect("session exists");
        session.source = source.to_owned();
        session.metadata = cwd.map_or_else(|| serde_json::json!({}), |cwd| serde_json::json!({ "cwd": cwd }));
    }

    /// Gives session `id` an id in the tool that wrote it.
    pub fn set_source_id(&self, id: &str, source_id: &str) {
        entry_mut(&mut self.sessions.borrow_mut(), id).expect("session exists").source_id = Some(source_id.to_owned());
    }

    /// Adds a subagent session of `parent`, started by its call `call`.
    pub fn add_subagent(&self, parent: &str, id: &str, title: &str, call: &str, blocks: Vec<Block>) {
        self.add(id, title, 30, blocks);
        let mut sessions = self.sessions.borrow_mut();
        let entry = sessions.iter_mut().find(|entry| entry.session.id == id).expect("just added");
        entry.session.metadata = serde_json::json!({"parent_session": parent, "parent_call": call});
    }

    /// Another process adds a session, updated now.
    pub fn add_elsewhere(&self, id: &str, title: &str, blocks: Vec<Block>) {
        self.add(id, title, 0, blocks);
        self.bump_data_version();
    }

    /// Another process appends events to session `id`, which becomes the most recent.
    pub fn append_elsewhere(&self, id: &str, blocks: Vec<Block>) {
        let mut sessions = self.sessions.borrow_mut();
        let entry = sessions.iter_mut().find(|entry| entry.session.id == id).expect("session exists");
        for block in blocks {
            let seq = entry.events.len() as i64 + 1;
            entry.events.push(ParsedEvent {
                seq,
                created_at: now(),
                label: None,
                blocks: vec![block].into(),
                usage: None,
            });
        }
        entry.session.event_count = entry.events.len() as i64;
        entry.session.updated_at = now();
        drop(sessions);
        self.bump_data_version();
    }

    /// Another process moves session `id` to the trash.
    pub fn delete_elsewhere(&self, id: &str) {
        entry_mut(&mut self.sessions.borrow_mut(), id).expect("session exists").deleted_at = deleted_now();
        self.bump_data_version();
    }

    pub fn bump_data_version(&self) {
        self.data_version.set(self.data_version.get() + 1);
    }

    pub fn fail_next_write(&self, message: &str) {
        *self.fail_next_write.borrow_mut() = Some(message.to_owned());
    }

    /// Makes search miss these sessions, as an index `remaining` events behind would.
    pub fn lag_index(&self, remaining: u64, catching_up: bool, unindexed: &[&str]) {
        self.lag.set(Some(IndexLag { remaining, catching_up }));
        *self.unindexed.borrow_mut() = unindexed.iter().map(|id| id.to_string()).collect();
    }

    /// The index has caught up: search finds everything.
    pub fn finish_indexing(&self) {
        self.lag.set(None);
        self.unindexed.borrow_mut().clear();
    }

    pub fn set_store_option(&self, option: &str) {
        *self.store_option.borrow_mut() = Some(option.to_owned());
    }

    /// From now on searches are started and finish when `finish_search` says so (or when
    /// the app waits for one), as on the store's search thread.
    pub fn search_in_background(&self) {
        self.searches_in_background.set(true);
    }

    /// The search started last finishes.
    pub fn finish_search(&self) {
        self.search_finished.set(true);
    }

    pub fn set_read_only(&self, read_only: bool) {
        self.read_only.set(read_only);
    }

    pub fn exports(&self) -> Vec<String> {
        self.exports.borrow().clone()
    }

    pub fn title(&self, id: &str) -> String {
        self.find(id).expect("session exists").title
    }

    pub fn is_deleted(&self, id: &str) -> bool {
        self.find(id).expect("session exists").deleted_at.is_some()
    }

    fn find(&self, id: &str) -> Option<Session> {
        self.sessions.borrow().iter().find(|entry| entry.session.id == id).map(|entry| entry.session.clone())
    }

    /// Sessions outside the trash, newest updated first; the later added first on a tie.
    fn listed(&self) -> Vec<(Session, Vec<ParsedEvent>)> {
        let sessions = self.sessions.borrow();
        let mut listed: Vec<_> = sessions
            .iter()
            .rev()
            .filter(|entry| entry.session.deleted_at.is_none())
            .map(|entry| (entry.session.clone(), entry.events.clone()))
            .collect();
        listed.sort_by_key(|(session, _)| std::cmp::Reverse(session.updated_at));
        listed
    }

    fn all_sessions(&self) -> Vec<Session> {
        self.sessions.borrow().iter().map(|entry| entry.session.clone()).collect()
    }

    /// What the list shows at its top level: sessions outside the trash, not nested, kept by
    /// the filter's qualifiers.
    fn top_level(&self, filter: Option<&Filter>) -> Vec<Session> {
        let all = self.all_sessions();
        let listed = self.listed().into_iter().map(|(session, _)| session);
        listed
            .filter(|session| !fake_nesting::is_nested(session, &all))
            .filter(|session| filter.is_none_or(|filter| keeps(session, filter)))
            .collect()
    }

    /// Session `id` and everything nested under it.
    fn family(&self, id: &str) -> Vec<String> {
        let nested = fake_nesting::nested_under(&self.all_sessions(), id);
        std::iter::once(id.to_string()).chain(nested.into_iter().map(|nested| nested.session.id)).collect()
    }

    /// A write is refused on a read-only store, or fails once when told to.
    fn write<T>(&self, what: &str, change: impl FnOnce(&mut Vec<FakeSession>) -> Result<T>) -> Result<T> {
        if self.read_only.get() {
            bail!("the store is read-only: {what} refused");
        }
        if let Some(message) = self.fail_next_write.borrow_mut().take() {
            bail!("{message}");
        }
        change(&mut self.sessions.borrow_mut())
    }
}

/// What the store's filter SQL keeps, for the qualifiers the fake's sessions can carry: agents,
/// project, folder scope and times (the full set is tested against SQLite in store_filter.rs).
fn keeps(session: &Session, filter: &Filter) -> bool {
    let cwd = session.cwd().unwrap_or_default();
    let source = |agent: &String| agent.eq_ignore_ascii_case(&session.source);
    let below = |folder: &String| {
        let exact = folder.trim_end_matches('/');
        cwd.trim_end_matches('/') == exact || cwd.starts_with(&format!("{exact}/"))
    };
    (filter.agents.is_empty() || filter.agents.iter().any(source))
        && !filter.not_agents.iter().any(source)
        && filter.projects.iter().all(|project| cwd.to_lowercase().contains(&project.to_lowercase()))
        && filter.cwd_under.as_ref().is_none_or(below)
        && filter.after.is_none_or(|after| session.updated_at >= after)
        && filter.before.is_none_or(|before| session.updated_at < before)
}

fn matches_all(text: &str, terms: &[String]) -> bool {
    let text = text.to_lowercase();
    terms.iter().all(|term| text.contains(term.as_str()))
}

fn block_text(block: &Block) -> String {
    match block {
        Block::Text { text, .. } | Block::Reasoning { text } => text.clone(),
        Block::ToolCall { name, arguments, .. } => format!("{name} {arguments}"),
        Block::ToolResult { output, .. } => output.clone(),
        Block::Handoff { to, .. } => to.clone().unwrap_or_default(),
        Block::Raw { json } => json.clone(),
    }
}

fn entry_mut<'a>(sessions: &'a mut [FakeSession], id: &str) -> Result<&'a mut Session> {
    sessions
        .iter_mut()
        .map(|entry| &mut entry.session)
        .find(|session| session.id == id)
        .ok_or_else(|| anyhow!("no session matches '{id}'"))
}

fn deleted_now() -> Option<DateTime<Utc>> {
    Some(now())
}

impl Backend for FakeBackend {
    fn top_level_count(&self, filter: Option<&Filter>) -> Result<usize> {
        Ok(self.top_level(filter).len())
    }

    fn list_top_level(&self, filter: Option<&Filter>, offset: usize, limit: usize) -> Result<Vec<Session>> {
        Ok(self.top_level(filter).into_iter().skip(offset).take(limit).collect())
    }

    fn nested_counts(&self, ids: &[&str]) -> Result<HashMap<String, usize>> {
        let all = self.all_sessions();
        let counts = ids.iter().map(|id| (id.to_string(), fake_nesting::direct_count(&all, id)));
        Ok(counts.filter(|(_, count)| *count > 0).collect())
    }

    fn nested_under(&self, id: &str) -> Result<Vec<Nested>> {
        Ok(fake_nesting::nested_under(&self.all_sessions(), id))
    }

    fn nested_root(&self, id: &str) -> Result<Option<String>> {
        Ok(fake_nesting::root(&self.all_sessions(), id))
    }

    fn session(&self, id: &str) -> Result<Session> {
        self.find(id).ok_or_else(|| anyhow!("no session matches '{id}'"))
    }

    /// Like the store's: as many events as `session` says it has, even if more came since.
    fn subagents(&self, parent: &Session) -> Result<Vec<Subagent>> {
        let children = self.sessions.borrow();
        let of_parent = children.iter().map(|entry| &entry.session).filter(|child| {
            child.deleted_at.is_none()
                && child.metadata.get("parent_session").and_then(|p| p.as_str()) == Some(&parent.id)
        });
        Ok(of_parent.map(|child| Subagent { session: child.clone(), call: call_of(parent, child) }).collect())
    }

    fn events<'a>(&'a self, session: &Session) -> Box<dyn EventSource + 'a> {
        let sessions = self.sessions.borrow();
        let all = sessions.iter().find(|entry| entry.session.id == session.id).map_or(&[][..], |entry| &entry.events);
        let count = usize::try_from(session.event_count).unwrap_or(0).min(all.len());
        Box::new(all[..count].to_vec())
    }

    /// The words only: what qualifiers keep is the store's SQL, tested in store_filter.rs.
    /// Sessions in the order first hit (titles first, then the list's order); the ranking
    /// itself is the store's, tested in store_ranking.rs.
    fn search(&self, filter: &Filter, limit: usize) -> Result<Vec<SessionHits>> {
        self.searches.set(self.searches.get() + 1);
        self.found(filter, limit)
    }

    fn start_search(&self, filter: &Filter, limit: usize) -> bool {
        if !self.searches_in_background.get() {
            return false;
        }
        self.searches.set(self.searches.get() + 1);
        *self.started_search.borrow_mut() = Some((filter.clone(), limit));
        self.search_finished.set(false);
        true
    }

    fn finished_search(&self, wait: std::time::Duration) -> Option<Result<Vec<SessionHits>>> {
        if !self.search_finished.get() && wait.is_zero() {
            return None;
        }
        let (filter, limit) = self.started_search.borrow_mut().take()?;
        Some(self.found(&filter, limit))
    }

    fn rename(&self, id: &str, title: &str) -> Result<()> {
        self.write("rename", |sessions| {
            if title.trim().is_empty() {
                bail!("a title cannot be empty");
            }
            entry_mut(sessions, id)?.title = title.to_owned();
            Ok(())
        })
    }

    /// Like the store's: the subagents nested under it go with it.
    fn delete(&self, id: &str) -> Result<()> {
        let family = self.family(id);
        self.write("delete", |sessions| {
            if entry_mut(sessions, id)?.deleted_at.is_some() {
                bail!("no session matches '{id}'");
            }
            for member in &family {
                entry_mut(sessions, member)?.deleted_at = deleted_now();
            }
            Ok(())
        })
    }

    /// Like the store's: the subagents trashed with it come back with it.
    fn undo_delete(&self, id: &str) -> Result<()> {
        self.write("undo a delete", |sessions| {
            let session = entry_mut(sessions, id)?;
            let Some(deleted_at) = session.deleted_at.take() else {
                bail!("no deleted session matches '{id}'");
            };
            let mut restored = vec![id.to_string()];
            while let Some(parent) = restored.pop() {
                for entry in sessions.iter_mut() {
                    let child = &mut entry.session;
                    let names = child.metadata.get("parent_session").and_then(|p| p.as_str()) == Some(parent.as_str());
                    if names && child.deleted_at == Some(deleted_at) {
                        child.deleted_at = None;
                        restored.push(child.id.clone());
                    }
                }
            }
            Ok(())
        })
    }

    /// Writes nothing: records the call and says where the file would be.
    fn export(&self, session: &Session, format: recall::export::Format) -> Result<PathBuf> {
        self.exports.borrow_mut().push(session.id.clone());
        Ok(PathBuf::from("/exports").join(format!("{}.{}", session.id, format.extension())))
    }

    /// Sources, projects and models of the sessions outside the trash, sorted, no repeats.
    fn known_values(&self) -> Result<recall::store::KnownValues> {
        let listed = self.listed();
        let values = |value: &dyn Fn(&Session) -> Option<String>| -> Vec<String> {
            let set: std::collections::BTreeSet<String> =
                listed.iter().filter_map(|(session, _)| value(session)).collect();
            set.into_iter().collect()
        };
        Ok(recall::store::KnownValues {
            sources: values(&|session| Some(session.source.clone())),
            projects: values(&|session| session.project().map(str::to_owned)),
            models: values(&|session| {
                session.metadata.get("model").and_then(|model| model.as_str()).map(str::to_owned)
            }),
        })
    }

    fn data_version(&self) -> Result<i64> {
        Ok(self.data_version.get())
    }

    fn is_read_only(&self) -> bool {
        self.read_only.get()
    }

    fn index_lag(&self) -> Option<IndexLag> {
        self.lag.get()
    }

    fn store_option(&self) -> Option<String> {
        self.store_option.borrow().clone()
    }
}

impl FakeBackend {
    /// What the store's search finds: sessions holding every word, title hits first.
    fn found(&self, filter: &Filter, limit: usize) -> Result<Vec<SessionHits>> {
        let terms = query_terms(&filter.words);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let mut listed = self.listed();
        listed.retain(|(session, _)| !self.unindexed.borrow().contains(&session.id) && keeps(session, filter));
        let titles = listed.iter().filter(|(session, _)| matches_all(&session.title, &terms)).map(|(session, _)| {
            SearchHit { session_id: session.id.clone(), seq: None, snippet: session.title.clone() }
        });
        let texts = listed.iter().flat_map(|(session, events)| {
            events.iter().rev().filter_map(|event| {
                let text: Vec<String> = event.blocks.iter().map(block_text).collect();
                // One line, runs of whitespace as one space, as the store's snippets are.
                let text = text.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
                matches_all(&text, &terms).then(|| SearchHit {
                    session_id: session.id.clone(),
                    seq: Some(event.seq),
                    snippet: text,
                })
            })
        });
        let mut found: Vec<SessionHits> = Vec::new();
        for hit in titles.chain(texts) {
            let index = match found.iter().position(|hits| hits.session_id == hit.session_id) {
                Some(index) => index,
                None => {
                    let session = self.find(&hit.session_id).ok_or_else(|| anyhow!("a hit without its session"))?;
                    found.push(SessionHits {
                        session_id: session.id.clone(),
                        title: session.title.clone(),
                        updated_at: session.updated_at,
                        score: 0.0,
                        title_matches: false,
                        hits: 0,
                        focus: 0.0,
                        recency: 0.0,
                        seqs: Vec::new(),
                        best_seq: None,
                        snippet: session.title.clone(),
                    });
                    found.len() - 1
                }
            };
            let hits = &mut found[index];
            match hit.seq {
                None => hits.title_matches = true,
                Some(seq) => {
                    if hits.best_seq.is_none() {
                        (hits.best_seq, hits.snippet) = (Some(seq), hit.snippet);
                    }
                    hits.seqs.push(seq);
                    hits.hits += 1;
                }
            }
        }
        for hits in &mut found {
            hits.seqs.sort_unstable();
        }
        found.truncate(limit);
        Ok(found)
    }
}
