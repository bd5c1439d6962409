//! Syncing while the browser is open: a thread with its own connection syncs every followed
//! source once, then watches them (inotify and the like, through `notify`) and syncs a source
//! again when something under it changes. Where watching is not possible it polls, slowly.
//! With nothing changing, the thread sleeps: no polling of thousands of files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::import::Summary;
use crate::store::{FollowedSource, Store};

/// Changes arriving within this long of each other are synced together (a writer appends a
/// line in several writes; an agent writes several lines at once).
const SETTLE: Duration = Duration::from_millis(100);

/// How often the thread looks for sources followed since it started.
const LOOK_FOR_NEW: Duration = Duration::from_secs(10);

/// How long after the first frame the thread starts syncing.
const START_AFTER: Duration = Duration::from_millis(150);

/// How often a first import says how far it has got.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// Where a source cannot be watched, how often it is looked at instead.
const POLL: Duration = Duration::from_secs(3);

/// How long a change waits for another program's lock before trying again later.
const BUSY_TIMEOUT: Duration = Duration::from_millis(500);

/// What the browser is told: one short line for its status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct News {
    pub text: String,
    pub is_problem: bool,
}

/// The syncing thread; stopped and joined when dropped.
pub struct BackgroundSync {
    stop: Arc<AtomicBool>,
    wake: Sender<Wake>,
    news: Arc<Mutex<Option<News>>>,
    thread: Option<JoinHandle<()>>,
}

enum Wake {
    Changed(Vec<PathBuf>),
    Stop,
}

impl BackgroundSync {
    /// Starts following the store at `path`: defaults found, every source synced, then watched.
    pub fn start(path: &Path, off: Vec<String>) -> anyhow::Result<BackgroundSync> {
        let store = Store::open(path)?;
        store.set_busy_timeout(BUSY_TIMEOUT)?;
        let stop = Arc::new(AtomicBool::new(false));
        let news = Arc::new(Mutex::new(None));
        let (wake, woken) = mpsc::channel();
        let thread = {
            let (stop, news, wake) = (Arc::clone(&stop), Arc::clone(&news), wake.clone());
            std::thread::Builder::new()
                .name("recall-sync".into())
                .spawn(move || follow(&store, &off, &stop, &news, wake, &woken))?
        };
        Ok(BackgroundSync { stop, wake, news, thread: Some(thread) })
    }

    /// The latest news since the last call, if any.
    pub fn take_news(&self) -> Option<News> {
        self.news.lock().ok().and_then(|mut news| news.take())
    }
}

impl Drop for BackgroundSync {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = self.wake.send(Wake::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn follow(
    store: &Store,
    off: &[String],
    stop: &AtomicBool,
    news: &Mutex<Option<News>>,
    wake: Sender<Wake>,
    woken: &Receiver<Wake>,
) {
    let tell = |item: News| {
        if let Ok(mut slot) = news.lock() {
            *slot = Some(item);
        }
    };
    // The browser has just drawn its first frame; let the terminal take it in before the disk
    // and the second core are busy with syncing.
    if let Ok(Wake::Stop) = woken.recv_timeout(START_AFTER) {
        return;
    }
    if let Err(err) = crate::sync::follow_defaults(store, off) {
        tell(News { text: format!("Could not follow the default locations: {err:#}"), is_problem: true });
    }
    let sources = sync_and_tell(store, off, stop, &|_| true, true, &tell);
    let mut watching = Watching::new(wake);
    watching.add(&sources);
    let mut last_look = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        let wait = if watching.unwatched.is_empty() { LOOK_FOR_NEW } else { POLL.min(LOOK_FOR_NEW) };
        let mut changed: HashSet<PathBuf> = HashSet::new();
        match woken.recv_timeout(wait) {
            Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            Ok(Wake::Changed(paths)) => changed.extend(paths),
            Err(RecvTimeoutError::Timeout) => {
                let unwatched = watching.unwatched.clone();
                sync_and_tell(store, off, stop, &|source| unwatched.contains(&source.id), false, &tell);
            }
        }
        if !changed.is_empty() {
            // Let a burst of writes settle, then sync what it touched once.
            let settle_until = Instant::now() + SETTLE;
            while let Ok(next) = woken.recv_timeout(settle_until.saturating_duration_since(Instant::now())) {
                match next {
                    Wake::Stop => return,
                    Wake::Changed(paths) => changed.extend(paths),
                }
            }
            let touched = |source: &FollowedSource| changed.iter().any(|path| is_under(path, &source.path));
            sync_and_tell(store, off, stop, &touched, false, &tell);
        }
        // A source followed since (`recall import` in another terminal) is synced and watched.
        if last_look.elapsed() >= LOOK_FOR_NEW {
            last_look = Instant::now();
            let known = |source: &FollowedSource| watching.knows(source.id);
            let added = sync_and_tell(store, off, stop, &|source| !known(source), true, &tell);
            watching.add(&added);
        }
    }
}

/// Syncs the sources that are on (only those under a changed path, when given) and says what
/// came of it when something did. Returns the sources followed now.
fn sync_and_tell(
    store: &Store,
    off: &[String],
    stop: &AtomicBool,
    wanted: &dyn Fn(&FollowedSource) -> bool,
    first: bool,
    tell: &dyn Fn(News),
) -> Vec<FollowedSource> {
    let sources = match store.followed_sources() {
        Ok(sources) => sources,
        Err(err) => {
            tell(News { text: format!("Could not read the followed sources: {err}"), is_problem: true });
            return Vec::new();
        }
    };
    let mut summary = Summary::default();
    let mut problems = Vec::new();
    for source in
        sources.iter().filter(|source| source.enabled && !crate::sync::is_off(off, &source.format) && wanted(source))
    {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let importing = first && source.last_synced.is_none();
        if importing {
            tell(News { text: format!("Importing {}…", describe(source)), is_problem: false });
        }
        let mut last_told = Instant::now();
        let mut progress = |done: usize, total: usize| {
            if importing && last_told.elapsed() >= PROGRESS_EVERY {
                last_told = Instant::now();
                let name = crate::agents::display_name(&source.format);
                tell(News { text: format!("Importing {name}: {done} of {total} transcripts…"), is_problem: false });
            }
        };
        match crate::sync::sync_source_reporting(store, source, &mut progress) {
            Ok(done) => {
                if let Some(error) = &done.error {
                    problems.push(format!("{}: {error}", crate::agents::display_name(&source.format)));
                }
                summary.add(done);
            }
            // A lock held by another program: the next change or poll tries again.
            Err(err) => problems.push(format!("{}: {err:#}", crate::agents::display_name(&source.format))),
        }
    }
    if let Some(text) = summary_text(&summary) {
        tell(News { text, is_problem: false });
    }
    if let Some(first) = problems.first() {
        let more = if problems.len() > 1 { format!(" (+{} more)", problems.len() - 1) } else { String::new() };
        tell(News { text: format!("Sync: {first}{more}; `recall sources` says more"), is_problem: true });
    }
    sources
}

fn describe(source: &FollowedSource) -> String {
    format!("{} history from {}", crate::agents::display_name(&source.format), source.path.display())
}

fn summary_text(summary: &Summary) -> Option<String> {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    match (summary.sessions_added, summary.sessions_updated, summary.events_added) {
        (0, 0, _) => None,
        (0, updated, events) => {
            Some(format!("Synced: {events} new event{} in {updated} session{}", plural(events), plural(updated)))
        }
        (added, _, events) => {
            Some(format!("Synced: {added} new session{}, {events} event{}", plural(added), plural(events)))
        }
    }
}

/// Whether a changed path is the source, inside it, or (for a database) its WAL or journal.
fn is_under(changed: &Path, source: &Path) -> bool {
    if changed.starts_with(source) {
        return true;
    }
    let (Some(name), Some(source_name)) = (changed.file_name(), source.file_name()) else { return false };
    changed.parent() == source.parent() && name.to_string_lossy().starts_with(&*source_name.to_string_lossy())
}

/// What is watched: the sources under a watch, and those that could not be (gone, or past
/// the system's limit on watches), which are polled instead.
struct Watching {
    watcher: Option<notify::RecommendedWatcher>,
    watched: HashSet<i64>,
    unwatched: HashSet<i64>,
}

impl Watching {
    fn new(wake: Sender<Wake>) -> Watching {
        let handler = move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event
                && !event.kind.is_access()
            {
                let _ = wake.send(Wake::Changed(event.paths));
            }
        };
        Watching {
            watcher: notify::recommended_watcher(handler).ok(),
            watched: HashSet::new(),
            unwatched: HashSet::new(),
        }
    }

    fn knows(&self, id: i64) -> bool {
        self.watched.contains(&id) || self.unwatched.contains(&id)
    }

    /// Watches the sources among `sources` that are on and not watched yet.
    fn add(&mut self, sources: &[FollowedSource]) {
        for source in sources {
            if !source.enabled || self.knows(source.id) {
                continue;
            }
            let Some(watcher) = self.watcher.as_mut() else {
                self.unwatched.insert(source.id);
                continue;
            };
            let watched = if source.path.is_dir() {
                watcher.watch(&source.path, RecursiveMode::Recursive)
            } else {
                // A database is watched through its folder: its WAL and journal come and go.
                match source.path.parent() {
                    Some(parent) => watcher.watch(parent, RecursiveMode::NonRecursive),
                    None => Err(notify::Error::generic("no folder to watch")),
                }
            };
            if watched.is_ok() {
                self.watched.insert(source.id)
            } else {
                self.unwatched.insert(source.id)
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_change_is_seen_through_its_wal() {
        let db = Path::new("/data/llm/logs.db");
        assert!(is_under(Path::new("/data/llm/logs.db-wal"), db));
        assert!(is_under(Path::new("/data/llm/logs.db"), db));
        assert!(!is_under(Path::new("/data/llm/other.db"), db));
        assert!(is_under(Path::new("/home/a/.claude/projects/p/s.jsonl"), Path::new("/home/a/.claude/projects")));
    }

    #[test]
    fn quiet_when_nothing_changed() {
        assert_eq!(summary_text(&Summary::default()), None);
    }
}
