//! Filtering and ranked search on the 1M-event store of `gen_big.py` (20,000 sessions, one
//! of 100,000 events), imported and indexed by `recall` itself:
//!
//! ```text
//! python3 gen_big.py big.jsonl 20000 50 100000
//! recall import big.jsonl --once --db big.db && recall index --db big.db
//! RECALL_BENCH_DB=big.db cargo bench --bench search
//! ```
//!
//! Without RECALL_BENCH_DB it says so and measures nothing: the store is 1 GB, made once.

use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use recall::query::{Filter, parse};
use recall::store::{OpenOptions, Store};

fn big_store() -> Option<PathBuf> {
    let path = PathBuf::from(std::env::var_os("RECALL_BENCH_DB")?);
    path.exists().then_some(path)
}

fn filter(text: &str) -> Filter {
    parse(text, &chrono::Local::now()).expect("a filter")
}

fn search(c: &mut Criterion) {
    let Some(path) = big_store() else {
        eprintln!(
            "RECALL_BENCH_DB is not set to a store made from gen_big.py: nothing measured (see benches/search.rs)"
        );
        return;
    };
    let store = Store::open_with(&path, OpenOptions { read_only: true }).expect("the big store opens");
    assert_eq!(store.unindexed_events().expect("counts"), 0, "index the store first: recall index --db STORE");
    let mut group = c.benchmark_group("search");
    group.measurement_time(Duration::from_secs(5));
    group.sample_size(20);

    // Every session's metadata read: the first page and the count the sidebar header shows.
    let narrow = filter("project:recall -agent:codex");
    group.bench_function("filter over 20,000 sessions: first page + count", |b| {
        b.iter(|| {
            let page = store.list_filtered(&narrow, 0, 100).expect("lists");
            (page.len(), store.count_filtered(&narrow).expect("counts"))
        })
    });
    let recent = filter("after:2024-01-01 -agent:codex");
    group.bench_function("filter keeping all 20,000 sessions: first page + count", |b| {
        b.iter(|| {
            let page = store.list_filtered(&recent, 0, 100).expect("lists");
            (page.len(), store.count_filtered(&recent).expect("counts"))
        })
    });
    for (name, query) in [
        ("ranked search, a common word (about 70% of events)", "deploy"),
        ("ranked search, two common words", "deploy cache"),
        ("ranked search, a phrase of common words", "\"deploy the\""),
        ("ranked search, a rare word (393 events)", "rarewordneedle"),
        ("ranked search, a common word in one agent's sessions", "deploy agent:chat-jsonl"),
    ] {
        let wanted = filter(query);
        group.bench_function(name, |b| b.iter(|| store.search_sessions(&wanted, 50).expect("searches").len()));
    }
    for (name, query) in
        [("mcp search_history, a common word", "deploy"), ("mcp search_history, a rare word", "rarewordneedle")]
    {
        group.bench_function(name, |b| {
            b.iter(|| recall::mcp::search_history(&store, query, 10, 0).expect("answers").len())
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
