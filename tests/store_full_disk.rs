//! A store on a disk full to its last block: reading needs no free space. Commands that
//! would open it read-write open it read-only instead and say so once; a search whose
//! backlog cannot be indexed reads the backlog. Runs on a small tmpfs mounted for the test;
//! where one cannot be mounted (not root, no mount namespace), it says so and checks nothing.

#![cfg(target_os = "linux")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::Utc;
use recall::store::{ImportedSession, NewEvent, Store};
use serde_json::{Map, json};

/// A tmpfs mounted on a temporary folder, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().expect("temp");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::piped())
            .output();
        match mounted {
            Ok(output) if output.status.success() => Some(Tmpfs { dir }),
            Ok(output) => {
                println!("skipped: cannot mount a tmpfs here: {}", String::from_utf8_lossy(&output.stderr).trim());
                None
            }
            Err(e) => {
                println!("skipped: cannot run mount: {e}");
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file until the disk refuses another byte.
    fn fill(&self) {
        let mut filler = std::fs::File::create(self.path().join("filler")).expect("filler");
        let block = vec![0u8; 64 * 1024];
        while filler.write_all(&block).is_ok() {}
        for size in [4096, 512, 64, 1] {
            while filler.write_all(&block[..size]).is_ok() {}
        }
        let _ = filler.sync_all();
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}

/// A store holding one session whose events wait in the search backlog.
fn store_with_backlog(path: &Path) -> String {
    let store = Store::open(path).expect("store");
    let session = ImportedSession {
        source: "test".into(),
        source_id: "a".into(),
        title: Some("Trip".into()),
        created_at: Utc::now(),
        updated_at: Utc::now(),
        metadata: Map::new(),
        events: vec![NewEvent::from_value(&json!({"role": "user", "content": "the quartz engine"}))],
    };
    store.import_session(&session).expect("import");
    assert_eq!(store.unindexed_events().expect("backlog"), 1);
    store.find_by_source("test", "a").expect("find").expect("session").id
}

fn recall(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("RECALL_DB")
        .stdin(Stdio::null())
        .output()
        .expect("run recall")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn reading_commands_work_on_a_full_disk() {
    let Some(disk) = Tmpfs::mount("2m") else { return };
    let db: PathBuf = disk.path().join("recall.db");
    let id = store_with_backlog(&db);
    disk.fill();
    for args in [vec!["list"], vec!["show", id.as_str()], vec!["stats"]] {
        let output = recall(&db, &args);
        let stderr = text(&output.stderr);
        assert!(output.status.success(), "{args:?}: {stderr}");
        assert!(text(&output.stdout).contains("Trip") || args == ["stats"], "{args:?}: {}", text(&output.stdout));
        assert_eq!(stderr.matches("read-only").count(), 1, "{args:?} says it once: {stderr}");
        assert!(stderr.contains("no space"), "{args:?}: {stderr}");
    }
    let changed = recall(&db, &["rename", &id, "New"]);
    assert_eq!(changed.status.code(), Some(1));
    assert!(text(&changed.stderr).contains("read-only"), "{}", text(&changed.stderr));
}

#[test]
fn a_search_on_a_full_disk_reads_the_backlog() {
    let Some(disk) = Tmpfs::mount("2m") else { return };
    let db = disk.path().join("recall.db");
    let id = store_with_backlog(&db);
    disk.fill();
    let output = recall(&db, &["search", "quartz"]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(shows_session(&text(&output.stdout), &id), "{}", text(&output.stdout));
    assert!(stderr.contains("search index"), "says the index could not be updated: {stderr}");
}

#[test]
fn a_search_that_cannot_index_for_lack_of_space_reads_the_backlog() {
    let Some(disk) = Tmpfs::mount("2m") else { return };
    let db = disk.path().join("recall.db");
    let id = store_with_backlog(&db);
    // Opened while there was room; the disk fills before the search indexes.
    let store = Store::open(&db).expect("store");
    disk.fill();
    let hits = store.search("quartz", 10).expect("search reads the backlog");
    assert_eq!(hits.iter().map(|h| h.session_id.as_str()).collect::<Vec<_>>(), [id.as_str()]);
}

#[test]
fn recall_search_that_cannot_index_for_lack_of_space_says_so_and_finds_the_hit() {
    let Some(disk) = Tmpfs::mount("2m") else { return };
    let db = disk.path().join("recall.db");
    let id = store_with_backlog(&db);
    // Held open, the store keeps its WAL index, so recall opens it for changes; only the
    // index's growth then meets the full disk.
    let _holder = Store::open(&db).expect("store");
    disk.fill();
    let output = recall(&db, &["search", "quartz"]);
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(shows_session(&text(&output.stdout), &id), "{}", text(&output.stdout));
    assert!(!stderr.contains("read-only"), "opened for changes: {stderr}");
    assert!(stderr.contains("no space left on the disk to update the search index"), "{stderr}");
}

/// Whether `recall search` listed the session: its lines start with ids shortened as git does
/// (issue 15), at least 8 characters of the id.
fn shows_session(stdout: &str, id: &str) -> bool {
    stdout
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .any(|short| short.len() >= 8 && id.starts_with(short))
}
