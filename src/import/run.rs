//! Importing sources into the store and accounting for what happened, source by source.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::{Format, Options, Result, Skipped, detect, read};
use crate::store::{ImportOutcome, Store};

/// A place to import from, in a known format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub format: Format,
    pub path: PathBuf,
}

impl Source {
    /// The source at `path`, its format found by [`detect`].
    pub fn detect(path: impl Into<PathBuf>) -> Result<Source> {
        let path = path.into();
        Ok(Source { format: detect(&path)?, path })
    }
}

/// What importing one source did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceSummary {
    pub format: Format,
    pub path: PathBuf,
    pub sessions_added: usize,
    pub sessions_updated: usize,
    pub sessions_unchanged: usize,
    pub events_added: usize,
    /// Events the origin no longer has (it was rewound or rewritten), taken out of recall too.
    pub events_removed: usize,
    /// Rows and lines left out, with where and why; the rest of the source went in.
    pub skipped: Vec<Skipped>,
    /// Why the source stopped early or could not be read at all; sessions before it are kept.
    pub error: Option<String>,
    pub elapsed_ms: u64,
}

/// What a whole import did. Serialises to JSON for `recall import --json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub sources: Vec<SourceSummary>,
    pub sessions_added: usize,
    pub sessions_updated: usize,
    pub sessions_unchanged: usize,
    pub events_added: usize,
    pub events_removed: usize,
    pub skipped: usize,
    pub failed_sources: usize,
    pub elapsed_ms: u64,
}

/// How far an import has got, reported after every session so a caller can draw a progress
/// line (worth drawing once an import has run for a second or so).
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub source: &'a Source,
    /// 0-based position of `source` among all sources.
    pub source_index: usize,
    pub source_count: usize,
    /// Sessions read from this source so far (added, updated or unchanged).
    pub sessions: usize,
    pub events_added: usize,
    /// Since the whole import began.
    pub elapsed: Duration,
}

/// Imports every source into `store`, one transaction per session. A source that fails is
/// recorded in its summary and the next one still runs.
pub fn run(store: &Store, sources: &[Source], opts: &Options, progress: &mut dyn FnMut(Progress<'_>)) -> Summary {
    let started = Instant::now();
    let mut summary = Summary::default();
    // Without it (an odd file system, say) the import still runs, checkpointing as it commits.
    let checkpoints = store.checkpoint_in_background().ok();
    for (source_index, source) in sources.iter().enumerate() {
        let source_started = Instant::now();
        let mut done = SourceSummary::new(source);
        let outcome = read(&source.path, source.format, opts, &mut |session| {
            let outcome = store.import_session(&session)?;
            if let Some(checkpoints) = &checkpoints {
                checkpoints.keep_log_short()?;
            }
            done.count(outcome);
            progress(Progress {
                source,
                source_index,
                source_count: sources.len(),
                sessions: done.sessions_added + done.sessions_updated + done.sessions_unchanged,
                events_added: done.events_added,
                elapsed: started.elapsed(),
            });
            Ok(())
        });
        match outcome {
            Ok(skipped) => done.skipped = skipped,
            Err(e) => done.error = Some(e.to_string()),
        }
        done.elapsed_ms = millis(source_started.elapsed());
        summary.add(done);
    }
    summary.elapsed_ms = millis(started.elapsed());
    summary
}

impl Summary {
    /// Adds one source's summary to the totals.
    pub fn add(&mut self, source: SourceSummary) {
        self.sessions_added += source.sessions_added;
        self.sessions_updated += source.sessions_updated;
        self.sessions_unchanged += source.sessions_unchanged;
        self.events_added += source.events_added;
        self.events_removed += source.events_removed;
        self.skipped += source.skipped.len();
        self.failed_sources += usize::from(source.error.is_some());
        self.sources.push(source);
    }
}

impl SourceSummary {
    /// An empty summary for `source`, to be filled as its sessions are written.
    pub fn new(source: &Source) -> SourceSummary {
        SourceSummary {
            format: source.format,
            path: source.path.clone(),
            sessions_added: 0,
            sessions_updated: 0,
            sessions_unchanged: 0,
            events_added: 0,
            events_removed: 0,
            skipped: Vec::new(),
            error: None,
            elapsed_ms: 0,
        }
    }

    /// Counts what writing one session did. A purged session left out counts as unchanged.
    pub fn count(&mut self, outcome: ImportOutcome) {
        match outcome {
            ImportOutcome::Added { events } => {
                self.sessions_added += 1;
                self.events_added += events;
            }
            ImportOutcome::Updated { events } => {
                self.sessions_updated += 1;
                self.events_added += events;
            }
            ImportOutcome::Rewritten { added, removed } => {
                self.sessions_updated += 1;
                self.events_added += added;
                self.events_removed += removed;
            }
            ImportOutcome::Unchanged | ImportOutcome::Purged => self.sessions_unchanged += 1,
        }
    }
}

fn millis(elapsed: Duration) -> u64 {
    u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
}
