//! Following sources: fixture trees copied into temporary folders, changed the ways real tools
//! and people change them, and synced.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Duration, Utc};
use recall::import::{Format, Summary};
use recall::store::Store;
use recall::sync;
use serde_json::json;

const CLAUDE_FIXTURE: &str = "tests/fixtures/import/claude-code/2.1.330/dot-claude/projects";
const SESSION: &str = "27850054-3d40-4829-96ff-eb40113f05cc";

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A Claude Code projects tree in a temporary folder, followed by a fresh store.
struct Followed {
    _dir: tempfile::TempDir,
    projects: PathBuf,
    store: Store,
    db: PathBuf,
}

impl Followed {
    fn new() -> Followed {
        let dir = tempfile::tempdir().unwrap();
        let projects = dir.path().join("projects");
        copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join(CLAUDE_FIXTURE), &projects);
        let db = dir.path().join("recall.db");
        let store = Store::open(&db).unwrap();
        sync::follow(&store, &projects, Format::ClaudeCode).unwrap();
        Followed { _dir: dir, projects, store, db }
    }

    fn transcript(&self) -> PathBuf {
        self.projects.join("-home-dev-claude-demo").join(format!("{SESSION}.jsonl"))
    }

    fn sync(&self) -> Summary {
        sync::sync_all(&self.store, &mut |_| {}).unwrap()
    }

    fn append(&self, text: &str) {
        OpenOptions::new().append(true).open(self.transcript()).unwrap().write_all(text.as_bytes()).unwrap();
    }

    fn events(&self) -> Vec<String> {
        let session = self.store.find_by_source("claude-code", SESSION).unwrap().expect("imported");
        self.store.events(&session.id).unwrap().into_iter().map(|e| e.content).collect()
    }
}

fn user_line(text: &str) -> String {
    json!({
        "type": "user", "uuid": format!("u-{text}"), "sessionId": SESSION, "timestamp": "2026-11-22T10:00:00.000Z",
        "message": {"role": "user", "content": text}
    })
    .to_string()
}

#[test]
fn first_sync_imports_and_a_second_changes_nothing() {
    let followed = Followed::new();
    let first = followed.sync();
    assert_eq!((first.sessions_added, first.events_added), (3, 23));
    let second = followed.sync();
    assert_eq!((second.sessions_added, second.sessions_updated, second.events_added), (0, 0, 0));
    assert_eq!(second.sessions_unchanged, 3);
}

#[test]
fn growth_reads_only_the_new_lines() {
    let followed = Followed::new();
    followed.sync();
    let before = followed.events();
    // Change an early byte without changing the length: a sync that read the file again from the
    // start would see a different first line; one that reads only what grew does not.
    let mut bytes = std::fs::read(followed.transcript()).unwrap();
    let first_event = bytes.windows(before[0].len()).position(|w| w == before[0].as_bytes()).unwrap();
    let at = first_event + bytes[first_event..].iter().position(|b| *b == b'2').unwrap();
    assert!(at < first_event + before[0].len());
    bytes[at] = b'3';
    std::fs::write(followed.transcript(), &bytes).unwrap();
    followed.append(&format!("{}\n", user_line("grown one")));
    let summary = followed.sync();
    assert_eq!((summary.sessions_updated, summary.events_added), (1, 1));
    let after = followed.events();
    assert_eq!(after[..before.len()], before[..], "the events already there were not read again");
    assert!(after.last().unwrap().contains("grown one"));
}

#[test]
fn a_partial_last_line_waits_for_its_newline() {
    let followed = Followed::new();
    followed.sync();
    let count = followed.events().len();
    let line = user_line("half written");
    let (head, rest) = line.split_at(line.len() / 2);
    followed.append(head);
    assert_eq!(followed.sync().events_added, 0);
    followed.append(rest);
    assert_eq!(followed.sync().events_added, 0, "a whole line without its newline may still be growing");
    followed.append("\n");
    assert_eq!(followed.sync().events_added, 1);
    assert_eq!(followed.events().len(), count + 1);
    assert!(followed.sync().events_added == 0);
}

#[test]
fn a_truncated_file_brings_its_session_back_to_what_it_says() {
    let followed = Followed::new();
    followed.sync();
    let text = std::fs::read_to_string(followed.transcript()).unwrap();
    let kept: String = text.lines().take(8).map(|line| format!("{line}\n")).collect();
    std::fs::write(followed.transcript(), kept).unwrap();
    let summary = followed.sync();
    assert!(summary.events_removed > 0, "{summary:?}");
    let fresh = Store::open_in_memory().unwrap();
    let mut expected = Vec::new();
    recall::import::read(&followed.transcript(), Format::ClaudeCode, &Default::default(), &mut |s| {
        expected = s.events.iter().map(|e| e.content.clone()).collect();
        fresh.import_session(&s)?;
        Ok(())
    })
    .unwrap();
    assert_eq!(followed.events(), expected);
}

#[test]
fn a_file_replaced_under_the_same_name_is_read_anew() {
    let followed = Followed::new();
    followed.sync();
    let replacement = followed.transcript().with_extension("new");
    std::fs::write(&replacement, format!("{}\n{}\n", user_line("first of new"), user_line("second of new"))).unwrap();
    std::fs::rename(&replacement, followed.transcript()).unwrap();
    followed.sync();
    let events = followed.events();
    assert_eq!(events.len(), 2);
    assert!(events[0].contains("first of new"));
}

#[test]
fn deleted_sessions_stay_deleted_and_renames_stay() {
    let followed = Followed::new();
    followed.sync();
    let store = &followed.store;
    let session = store.find_by_source("claude-code", SESSION).unwrap().unwrap();
    let other = store.list_sessions(0, 10).unwrap().into_iter().find(|s| s.id != session.id).unwrap();
    store.rename(&other.id, "My own title").unwrap();
    store.delete(&session.id).unwrap();
    followed.append(&format!("{}\n", user_line("after the delete")));
    followed.sync();
    assert!(store.list_sessions(0, 10).unwrap().iter().all(|s| s.id != session.id), "still in the trash");
    store.purge_trash(Utc::now() + Duration::seconds(1)).unwrap();
    followed.append(&format!("{}\n", user_line("after the purge")));
    std::fs::write(followed.transcript(), std::fs::read(followed.transcript()).unwrap()).unwrap();
    followed.sync();
    assert!(store.find_by_source("claude-code", SESSION).unwrap().is_none(), "a purged session is not brought back");
    assert_eq!(store.get_session(&other.id).unwrap().title, "My own title");
}

#[test]
fn two_syncers_at_once_add_each_event_once() {
    let followed = Followed::new();
    followed.sync();
    let count = followed.events().len();
    for round in 0..5 {
        followed.append(&format!("{}\n", user_line(&format!("round {round}"))));
        let db = followed.db.clone();
        let threads: Vec<_> = (0..2)
            .map(|_| {
                let db = db.clone();
                std::thread::spawn(move || {
                    let store = Store::open(&db).unwrap();
                    sync::sync_all(&store, &mut |_| {}).unwrap();
                })
            })
            .collect();
        threads.into_iter().for_each(|t| t.join().unwrap());
    }
    let events = followed.events();
    assert_eq!(events.len(), count + 5);
    let rounds: Vec<&String> = events.iter().filter(|e| e.contains("round ")).collect();
    assert_eq!(rounds.len(), 5);
}

#[test]
fn a_missing_source_is_reported_and_the_others_still_sync() {
    let followed = Followed::new();
    let gone = followed._dir.path().join("gone.db");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/llm/logs-llm-0.36.db"), &gone)
        .unwrap();
    sync::follow(&followed.store, &gone, Format::Llm).unwrap();
    let first = followed.sync();
    assert_eq!(first.sessions_added, 3 + 7);
    std::fs::remove_file(&gone).unwrap();
    followed.append(&format!("{}\n", user_line("still synced")));
    let summary = followed.sync();
    assert_eq!(summary.events_added, 1);
    let sources = followed.store.followed_sources().unwrap();
    let llm = sources.iter().find(|s| s.format == "llm").unwrap();
    assert_eq!(sync::state_of(llm), sync::State::Missing);
    assert_eq!(followed.store.stats_sessions("llm"), 7, "its sessions are kept");
}

#[test]
fn a_source_turned_off_is_not_synced() {
    let followed = Followed::new();
    followed.sync();
    let source = followed.store.followed_sources().unwrap().remove(0);
    followed.store.set_source_enabled(source.id, false).unwrap();
    followed.append(&format!("{}\n", user_line("not yet")));
    assert_eq!(followed.sync().events_added, 0);
    followed.store.set_source_enabled(source.id, true).unwrap();
    assert_eq!(followed.sync().events_added, 1);
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_transcript_is_skipped_without_blocking() {
    let followed = Followed::new();
    let fifo = followed.projects.join("-home-dev-claude-demo").join("pipe.jsonl");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false);
    if !made {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    let db = followed.db.clone();
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let store = Store::open(&db).unwrap();
        let summary = sync::sync_all(&store, &mut |_| {}).unwrap();
        let _ = done.send(summary.sessions_added);
    });
    let added = finished.recv_timeout(std::time::Duration::from_secs(20)).expect("sync blocked on a FIFO");
    assert_eq!(added, 3);
}

trait SessionsOf {
    fn stats_sessions(&self, source: &str) -> i64;
}

impl SessionsOf for Store {
    fn stats_sessions(&self, source: &str) -> i64 {
        self.source_counts().unwrap().into_iter().find(|c| c.source == source).map_or(0, |c| c.sessions as i64)
    }
}

#[test]
fn a_codex_rollout_that_grew_is_read_from_its_cursor() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("codex-home");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/codex-cli/0.169.0/codex-home"), &home);
    let store = Store::open(dir.path().join("recall.db")).unwrap();
    sync::follow(&store, &home, Format::Codex).unwrap();
    assert_eq!(sync::sync_all(&store, &mut |_| {}).unwrap().sessions_added, 3);
    let day = home.join("sessions/2026/11/21");
    let rollout = std::fs::read_dir(&day).unwrap().map(|e| e.unwrap().path()).min().unwrap();
    let session = store.list_sessions(0, 10).unwrap().into_iter().find(|s| {
        s.metadata["path"].as_str().is_some_and(|p| p.ends_with(&*rollout.file_name().unwrap().to_string_lossy()))
    });
    let session = session.expect("the rollout's session");
    let before: Vec<String> = store.events(&session.id).unwrap().into_iter().map(|e| e.content).collect();
    // An early byte changed in place: only a reader that starts from the cursor misses it.
    let mut bytes = std::fs::read(&rollout).unwrap();
    let first = bytes.windows(before[0].len()).position(|w| w == before[0].as_bytes()).unwrap();
    let at = first + bytes[first..].iter().position(|b| *b == b'1').unwrap();
    bytes[at] = b'9';
    std::fs::write(&rollout, &bytes).unwrap();
    let item = json!({"timestamp": "2026-11-21T14:05:00.000Z", "type": "response_item",
        "payload": {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "one more thing"}]}});
    OpenOptions::new().append(true).open(&rollout).unwrap().write_all(format!("{item}\n").as_bytes()).unwrap();
    let summary = sync::sync_all(&store, &mut |_| {}).unwrap();
    assert_eq!((summary.sessions_updated, summary.events_added), (1, 1));
    let after: Vec<String> = store.events(&session.id).unwrap().into_iter().map(|e| e.content).collect();
    assert_eq!(after[..before.len()], before[..]);
    assert!(after.last().unwrap().contains("one more thing"));
}

#[test]
fn a_copilot_session_that_grew_adds_only_its_new_lines() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("dot-copilot");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/copilot-cli/1.0.102/dot-copilot"),
        &home,
    );
    let store = Store::open(dir.path().join("recall.db")).unwrap();
    sync::follow(&store, &home, Format::CopilotCli).unwrap();
    assert_eq!(sync::sync_all(&store, &mut |_| {}).unwrap().sessions_added, 3);
    let states = home.join("session-state");
    let session_dir =
        std::fs::read_dir(&states).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).min().unwrap();
    let line = json!({"type": "user.message", "id": "appended-1", "timestamp": "2026-11-30T23:30:00.000Z",
        "data": {"content": "and one more question"}});
    OpenOptions::new()
        .append(true)
        .open(session_dir.join("events.jsonl"))
        .unwrap()
        .write_all(format!("{line}\n").as_bytes())
        .unwrap();
    let summary = sync::sync_all(&store, &mut |_| {}).unwrap();
    assert_eq!((summary.sessions_updated, summary.sessions_unchanged, summary.events_added), (1, 2, 1));
    assert_eq!(sync::sync_all(&store, &mut |_| {}).unwrap().events_added, 0);
}

#[test]
fn a_gemini_rewind_appended_to_a_followed_chat_removes_what_it_drops() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("dot-gemini");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/gemini-cli/0.61.0/dot-gemini"), &home);
    let store = Store::open(dir.path().join("recall.db")).unwrap();
    sync::follow(&store, &home, Format::GeminiCli).unwrap();
    assert_eq!(sync::sync_all(&store, &mut |_| {}).unwrap().sessions_added, 3);
    let chat = home.join("tmp/gemini-demo/chats/session-2026-11-30T23-03-c776d0ad.jsonl");
    let events_before: usize = store.list_sessions(0, 10).unwrap().iter().map(|s| s.event_count as usize).sum();
    let rewind = json!({"$rewindTo": "579da4af-2c50-45de-b365-8d43fd3dfcce"});
    OpenOptions::new().append(true).open(&chat).unwrap().write_all(format!("{rewind}\n").as_bytes()).unwrap();
    let summary = sync::sync_all(&store, &mut |_| {}).unwrap();
    assert_eq!((summary.sessions_updated, summary.sessions_unchanged), (1, 2), "{summary:?}");
    assert!(summary.events_removed > 0);
    let events_after: usize = store.list_sessions(0, 10).unwrap().iter().map(|s| s.event_count as usize).sum();
    assert_eq!(events_after, events_before - summary.events_removed);
    let texts: Vec<String> = store
        .list_sessions(0, 10)
        .unwrap()
        .iter()
        .flat_map(|s| store.events(&s.id).unwrap())
        .map(|e| e.content)
        .collect();
    assert!(texts.iter().all(|t| !t.contains("579da4af-2c50-45de-b365-8d43fd3dfcce")), "the rewound message is gone");
}
