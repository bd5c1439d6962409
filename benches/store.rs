//! Store speed on a large store: 20,000 sessions and 1,000,000 events, one of them
//! 100,000 events long. The store is built once and kept in target/ for later runs;
//! building it is the bulk-add measurement.

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use recall::store::{ImportedSession, NewEvent, Store};
use serde_json::json;
use support::{NEEDLE, Rng, conversation};

const SESSIONS: usize = 20_000;
const HUGE_EVENTS: usize = 100_000;
const TOTAL_EVENTS: usize = 1_000_000;
const HUGE_SOURCE_ID: &str = "huge";

fn big_store_path() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    dir.join(format!("bench-store-v{}.db", recall::store::LATEST_VERSION))
}

fn session(index: usize, events: Vec<String>) -> ImportedSession {
    // Strictly increasing times: the last session built is the most recent.
    let time = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap() + chrono::Duration::minutes(index as i64);
    let source_id = if events.len() == HUGE_EVENTS { HUGE_SOURCE_ID.to_string() } else { format!("s{index}") };
    ImportedSession {
        source: "bench".into(),
        source_id,
        title: Some(format!("Session {index}")),
        created_at: time,
        updated_at: time,
        metadata: Default::default(),
        events: events.into_iter().map(|content| NewEvent { content, ..Default::default() }).collect(),
    }
}

/// Builds the big store if it is missing; prints the bulk-add throughput when it does.
fn ensure_big_store() -> PathBuf {
    let path = big_store_path();
    if path.exists() {
        return path;
    }
    let building = path.with_extension("building");
    let _ = std::fs::remove_file(&building);
    let store = Store::open(&building).expect("open a new bench store");
    let mut rng = Rng::new(42);
    let per_session = (TOTAL_EVENTS - HUGE_EVENTS) / (SESSIONS - 1);
    let started = Instant::now();
    let mut written = 0;
    store.import_session(&session(0, conversation(&mut rng, 0, HUGE_EVENTS))).expect("write the huge session");
    written += HUGE_EVENTS;
    for index in 1..SESSIONS {
        let count = if index == SESSIONS - 1 { TOTAL_EVENTS - written } else { per_session };
        store.import_session(&session(index, conversation(&mut rng, index, count))).expect("write a session");
        written += count;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "bulk add: {written} events in {SESSIONS} sessions in {seconds:.1} s = {:.0} events/s (content generation included)",
        written as f64 / seconds
    );
    let started = Instant::now();
    let indexed = store.catch_up_index(20_000, &mut |_, _| {}).expect("index the bench store");
    let seconds = started.elapsed().as_secs_f64();
    println!("search index: {indexed} events in {seconds:.1} s = {:.0} events/s", indexed as f64 / seconds);
    drop(store);
    std::fs::rename(&building, &path).expect("keep the bench store");
    path
}

fn reads(c: &mut Criterion) {
    let path = ensure_big_store();
    let store = Store::open(&path).expect("open the bench store");
    let huge = store.find_by_source("bench", HUGE_SOURCE_ID).unwrap().expect("the huge session");

    let mut group = c.benchmark_group("store");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("open + first page of 100 sessions", |b| {
        b.iter(|| {
            let store = Store::open(&path).unwrap();
            store.list_sessions(0, 100).unwrap()
        })
    });
    group.bench_function("most_recent_session + its last 200 events", |b| {
        b.iter(|| {
            let recent = store.most_recent_session().unwrap().unwrap();
            store.events_tail(&recent.id, 200).unwrap()
        })
    });
    group.bench_function("events_range 200 in the middle of 100,000", |b| {
        b.iter(|| store.events_range(&huge.id, HUGE_EVENTS as i64 / 2, 200).unwrap())
    });
    // A search that found nothing would time nothing: the needle is in hundreds of events.
    assert_eq!(store.search(NEEDLE, 50).unwrap().len(), 50, "the search finds the 50 hits it is timed for");
    group
        .bench_function("search a word in ~0.1% of events (50 hits)", |b| b.iter(|| store.search(NEEDLE, 50).unwrap()));
    let target = store.create_session("bench appends").unwrap();
    let one = [json!({"role": "user", "content": "one more event for the append benchmark"})];
    group.bench_function("add_events of one event", |b| b.iter(|| store.add_events(&target.id, &one).unwrap()));
    group.finish();
    store.delete(&target.id).unwrap();
    store.purge_trash(Utc::now()).unwrap();
}

/// A new, empty file store (the folder goes with it).
fn new_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("bulk.db")).unwrap();
    (dir, store)
}

/// Writes the sessions as an import does: rows now, their indexing left to the backlog.
fn import_all(store: &Store, sessions: &[ImportedSession]) {
    for session in sessions {
        store.import_session(session).unwrap();
    }
}

fn bulk_add(c: &mut Criterion) {
    let mut rng = Rng::new(7);
    let sessions: Vec<ImportedSession> = (0..100).map(|i| session(i, conversation(&mut rng, i, 500))).collect();
    let mut group = c.benchmark_group("store bulk add");
    group.sample_size(10);
    group.throughput(Throughput::Elements(50_000));
    let catch_up = |store: &Store| store.catch_up_index(20_000, &mut |_, _| {}).unwrap();
    group.bench_function("50,000 events in 100 sessions into a new file store", |b| {
        b.iter_with_setup(new_store, |(dir, store)| {
            import_all(&store, &sessions);
            (dir, store)
        })
    });
    group.bench_function("search index catch-up of those 50,000 events", |b| {
        b.iter_with_setup(
            || {
                let (dir, store) = new_store();
                import_all(&store, &sessions);
                (dir, store)
            },
            |(dir, store)| {
                catch_up(&store);
                (dir, store)
            },
        )
    });
    group.bench_function("both: 50,000 events written and searchable", |b| {
        b.iter_with_setup(new_store, |(dir, store)| {
            import_all(&store, &sessions);
            catch_up(&store);
            (dir, store)
        })
    });
    group.bench_function("for comparison: the same 50,000 indexed as written (add_events)", |b| {
        b.iter_with_setup(new_store, |(dir, store)| {
            for session in &sessions {
                let id = store.create_session("inline").unwrap().id;
                store.add_new_events(&id, &session.events).unwrap();
            }
            (dir, store)
        })
    });
    group.finish();
}

criterion_group!(benches, reads, bulk_add);
criterion_main!(benches);
