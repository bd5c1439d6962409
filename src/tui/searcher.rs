//! Searching as you type on a thread of its own, with a connection of its own: the prompt
//! takes each key at once, and a search still running when the next key comes is interrupted
//! and its result never shown. A short prefix of common words takes a few hundred
//! milliseconds on a million events; typing must not wait for it.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::query::Filter;
use crate::store::{OpenOptions, SessionHits, Store, StoreError};

/// A search's outcome, for the generation it was started as.
type Outcome = (u64, Result<Vec<SessionHits>, StoreError>);

/// The generation of the request that only warms the connection up.
const WARM_UP: u64 = u64::MAX;

struct Request {
    generation: u64,
    filter: Filter,
    limit: usize,
}

/// The search thread; stopped and joined when dropped.
pub struct BackgroundSearch {
    requests: Option<Sender<Request>>,
    /// The generation of the newest search started: only its outcome is ever handed back.
    newest: Arc<AtomicU64>,
    finished: Arc<Mutex<Option<Outcome>>>,
    interrupt: rusqlite::InterruptHandle,
    thread: Option<JoinHandle<()>>,
}

impl BackgroundSearch {
    /// Opens a read-only connection to the store at `path` and starts the thread.
    pub fn start(path: &Path) -> Result<BackgroundSearch, StoreError> {
        let store = Store::open_with(path, OpenOptions { read_only: true })?;
        let interrupt = store.interrupt_handle();
        let (requests, incoming) = mpsc::channel();
        let newest = Arc::new(AtomicU64::new(0));
        let finished = Arc::new(Mutex::new(None));
        let thread = {
            let (newest, finished) = (Arc::clone(&newest), Arc::clone(&finished));
            std::thread::spawn(move || serve(&store, &incoming, &newest, &finished))
        };
        Ok(BackgroundSearch { requests: Some(requests), newest, finished, interrupt, thread: Some(thread) })
    }

    /// Reads what every search reads first (the index's structure, the sessions), so that the
    /// connection's cache is warm when the first key is typed. Nothing is handed back.
    pub fn warm(&self) {
        if let Some(requests) = &self.requests {
            let _ = requests.send(Request { generation: WARM_UP, filter: Filter::default(), limit: 0 });
        }
    }

    /// Starts searching for `filter`, interrupting the search before it if it still runs.
    pub fn submit(&self, filter: Filter, limit: usize) {
        let generation = self.newest.fetch_add(1, Ordering::SeqCst) + 1;
        self.interrupt.interrupt();
        if let Some(requests) = &self.requests {
            let _ = requests.send(Request { generation, filter, limit });
        }
    }

    /// The outcome of the newest search, once it has finished; taken by the first to ask.
    pub fn take_finished(&self) -> Option<Result<Vec<SessionHits>, StoreError>> {
        let mut finished = self.finished.lock().ok()?;
        let newest = self.newest.load(Ordering::SeqCst);
        match finished.take() {
            Some((generation, outcome)) if generation == newest => Some(outcome),
            _ => None,
        }
    }

    /// Waits up to `timeout` for the newest search to finish.
    pub fn wait(&self, timeout: Duration) -> Option<Result<Vec<SessionHits>, StoreError>> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(outcome) = self.take_finished() {
                return Some(outcome);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

impl Drop for BackgroundSearch {
    fn drop(&mut self) {
        // Closing the channel ends the thread once the search it runs (interrupted) returns.
        self.requests = None;
        self.interrupt.interrupt();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(store: &Store, incoming: &Receiver<Request>, newest: &AtomicU64, finished: &Mutex<Option<Outcome>>) {
    while let Ok(mut request) = incoming.recv() {
        // Keys typed while the last search ran: only the last one's search is wanted.
        while let Ok(newer) = incoming.try_recv() {
            request = newer;
        }
        if request.generation == WARM_UP {
            warm_up(store);
            continue;
        }
        if request.generation != newest.load(Ordering::SeqCst) {
            continue;
        }
        let outcome = store.search_sessions_without_indexing(&request.filter, request.limit);
        if request.generation == newest.load(Ordering::SeqCst)
            && let Ok(mut slot) = finished.lock()
        {
            *slot = Some((request.generation, outcome));
        }
    }
}

/// A search for a rare word: it reads the index's structure and the sessions' pages, as
/// every search does, and finds next to nothing. What it finds is of no interest.
fn warm_up(store: &Store) {
    let filter = Filter { words: "zq".to_string(), ..Filter::default() };
    let _ = store.search_sessions_without_indexing(&filter, 1);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn filter(words: &str) -> Filter {
        crate::query::parse(words, &chrono::Utc::now()).expect("a query")
    }

    #[test]
    fn only_the_newest_search_is_handed_back_and_only_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store.db");
        let store = Store::open(&path).expect("store");
        for (title, word) in [("Otters", "holt"), ("Herons", "heronry")] {
            let session = store.create_session(title).expect("session");
            store.add_events(&session.id, &[json!({"role": "user", "content": word})]).expect("events");
        }
        let searcher = BackgroundSearch::start(&path).expect("the search thread");
        searcher.submit(filter("holt"), 10);
        searcher.submit(filter("heronry"), 10);
        let found = searcher.wait(Duration::from_secs(10)).expect("finished").expect("no error");
        let titles: Vec<&str> = found.iter().map(|hits| hits.title.as_str()).collect();
        assert_eq!(titles, ["Herons"], "the search typed last");
        assert!(searcher.take_finished().is_none(), "handed out once");
        drop(searcher);
        assert_eq!(store.session_count().expect("count"), 2, "the store is left as it was");
    }

    #[test]
    fn a_store_that_cannot_be_opened_is_said() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("not-a-store.db");
        std::fs::write(&path, "plain text").expect("write");
        assert!(BackgroundSearch::start(&path).is_err());
    }
}
