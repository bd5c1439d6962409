//! Sync speed on a Claude Code tree of 5,000 transcripts (about 2 GB), as the sync issue asks:
//! `recall sync` with nothing changed, and with one transcript grown by 10 lines. The tree and
//! its store are built once and kept in target/; building the store is the first import.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use recall::import::Format;
use recall::store::Store;
use serde_json::json;
use support::{Rng, conversation};

const FILES: usize = 5_000;
/// Lines per transcript: about 400 KB each with the generator's sizes.
const LINES: usize = 330;

fn tree() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-claude-projects")
}

fn store_path() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-sync-v{}.db", recall::store::LATEST_VERSION))
}

fn transcript_line(session: &str, n: usize, content: &str) -> String {
    let kind = if n.is_multiple_of(2) { "user" } else { "assistant" };
    let message = if kind == "user" {
        json!({"role": "user", "content": content})
    } else {
        json!({"role": "assistant", "id": format!("msg-{session}-{n}"), "content": [{"type": "text", "text": content}]})
    };
    json!({"type": kind, "uuid": format!("{session}-{n}"), "sessionId": session,
           "timestamp": "2026-11-30T10:00:00.000Z", "cwd": "/home/dev/project", "message": message})
    .to_string()
}

fn ensure_tree() -> PathBuf {
    let root = tree();
    let done = root.join(".complete");
    if done.exists() {
        return root;
    }
    let mut rng = Rng::new(7);
    let started = Instant::now();
    let mut bytes = 0u64;
    for index in 0..FILES {
        let project = root.join(format!("-home-dev-project-{}", index % 50));
        std::fs::create_dir_all(&project).expect("make a project folder");
        let session = format!("00000000-0000-4000-8000-{index:012}");
        let mut text = String::new();
        for (n, content) in conversation(&mut rng, index, LINES).iter().enumerate() {
            text.push_str(&transcript_line(&session, n, content));
            text.push('\n');
        }
        bytes += text.len() as u64;
        std::fs::write(project.join(format!("{session}.jsonl")), text).expect("write a transcript");
    }
    std::fs::write(&done, b"").expect("mark the tree complete");
    println!("tree: {FILES} transcripts, {:.2} GB, written in {:.1?}", bytes as f64 / 1e9, started.elapsed());
    root
}

fn ensure_store(tree: &Path) -> PathBuf {
    let path = store_path();
    if path.exists() {
        return path;
    }
    let building = path.with_extension("building");
    let _ = std::fs::remove_file(&building);
    let store = Store::open(&building).expect("open a new bench store");
    recall::sync::follow(&store, tree, Format::ClaudeCode).expect("follow the tree");
    let started = Instant::now();
    let summary = recall::sync::sync_all(&store, &mut |_| {}).expect("first sync");
    println!(
        "first sync: {} sessions, {} events in {:.1?}",
        summary.sessions_added,
        summary.events_added,
        started.elapsed()
    );
    drop(store);
    std::fs::rename(&building, &path).expect("keep the bench store");
    path
}

fn benches(c: &mut Criterion) {
    let tree = ensure_tree();
    let store = Store::open(ensure_store(&tree)).expect("open the bench store");
    let unchanged = recall::sync::sync_all(&store, &mut |_| {}).expect("sync");
    assert_eq!(unchanged.sessions_unchanged, FILES, "every transcript is followed and unchanged");
    assert_eq!(unchanged.events_added, 0);

    let mut group = c.benchmark_group("sync");
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.bench_function("5000 transcripts, unchanged", |b| {
        b.iter(|| recall::sync::sync_all(&store, &mut |_| {}).expect("sync"))
    });
    let grown = tree.join("-home-dev-project-7").join(format!("00000000-0000-4000-8000-{:012}.jsonl", 7));
    let mut round = 0usize;
    group.bench_function("5000 transcripts, one grown by 10 lines", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let mut lines = String::new();
                for n in 0..10 {
                    round += 1;
                    lines.push_str(&transcript_line("grown", 100_000 + round, &format!("grown line {n}")));
                    lines.push('\n');
                }
                let mut file = std::fs::OpenOptions::new().append(true).open(&grown).expect("open to grow");
                file.write_all(lines.as_bytes()).expect("grow");
                drop(file);
                let started = Instant::now();
                let summary = recall::sync::sync_all(&store, &mut |_| {}).expect("sync");
                total += started.elapsed();
                assert_eq!(summary.events_added, 10);
            }
            total
        })
    });
    group.finish();
}

criterion_group!(sync, benches);
criterion_main!(sync);
