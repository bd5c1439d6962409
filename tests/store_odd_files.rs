//! Store paths that are not what a store should be: FIFOs, devices, odd schema versions. Each
//! is refused with a message, promptly, and left exactly as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use recall::store::{OpenOptions, Store, StoreError};

const DEADLINE: Duration = Duration::from_secs(30);

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Opens `path` on a thread and gives up waiting at the deadline: a hang fails the test.
fn open_within_deadline(path: &Path, read_only: bool) -> Result<(), String> {
    let (sender, receiver) = mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let opened = Store::open_with(&path, OpenOptions { read_only }).map(drop).map_err(|e| e.to_string());
        let _ = sender.send(opened);
    });
    receiver.recv_timeout(DEADLINE).unwrap_or_else(|_| panic!("opening the store still waits after {DEADLINE:?}"))
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_store_is_refused_without_waiting() {
    let dir = tempfile::tempdir().expect("temp");
    let fifo = dir.path().join("recall.db");
    mkfifo(&fifo);
    for read_only in [false, true] {
        let error = open_within_deadline(&fifo, read_only).expect_err("refused");
        assert!(error.contains("not a regular file (a FIFO)"), "{error}");
    }
    let names: Vec<PathBuf> = std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").path()).collect();
    assert_eq!(names, [fifo], "nothing created beside it");
}

#[cfg(unix)]
#[test]
fn the_command_line_refuses_a_fifo_store_too() {
    let dir = tempfile::tempdir().expect("temp");
    let fifo = dir.path().join("recall.db");
    mkfifo(&fifo);
    let mut child = Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(["list", "--db"])
        .arg(&fifo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`recall list --db FIFO` still running after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not a regular file (a FIFO)"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_character_device_as_the_store_is_refused_and_nothing_created() {
    let journal = Path::new("/dev/null-journal");
    let journal_was_there = journal.exists();
    for read_only in [false, true] {
        let error = open_within_deadline(Path::new("/dev/null"), read_only).expect_err("refused");
        assert!(error.contains("/dev/null is not a regular file (a character device)"), "{error}");
    }
    if !journal_was_there {
        assert!(!journal.exists(), "SQLite created /dev/null-journal");
    }
}

#[cfg(unix)]
#[test]
fn a_store_path_through_a_symlink_to_a_device_is_refused() {
    let dir = tempfile::tempdir().expect("temp");
    let link = dir.path().join("recall.db");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
    let error = open_within_deadline(&link, false).expect_err("refused");
    assert!(error.contains("not a regular file (a character device)"), "{error}");
    assert!(matches!(Store::open(&link), Err(StoreError::Invalid(_))));
}

/// An SQLite file with no tables, its `user_version` set by someone else.
fn empty_database_at_version(path: &Path, version: i64) -> Vec<u8> {
    let conn = rusqlite::Connection::open(path).expect("sqlite");
    conn.pragma_update(None, "user_version", version).expect("set version");
    drop(conn);
    std::fs::read(path).expect("bytes")
}

#[test]
fn an_empty_database_with_a_schema_version_no_recall_writes_is_refused_and_untouched() {
    let dir = tempfile::tempdir().expect("temp");
    for version in [-1, i64::from(i32::MIN), 7] {
        let path = dir.path().join(format!("v{version}.db"));
        let before = empty_database_at_version(&path, version);
        for read_only in [false, true] {
            let error = Store::open_with(&path, OpenOptions { read_only }).err().expect("refused");
            assert!(matches!(error, StoreError::Invalid(_) | StoreError::NewerSchema { .. }), "{version}: {error}");
            assert!(error.to_string().contains(&format!("schema {version}")), "{version}: {error}");
        }
        assert_eq!(std::fs::read(&path).expect("bytes"), before, "{version}: the file changed");
    }
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "nothing created beside them: {names:?}");
}
