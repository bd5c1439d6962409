//! A sync killed halfway (kill -9), first while importing a followed tree and then while
//! appending what its transcripts grew by, leaves the store consistent, and the next sync
//! ends with exact counts: cursors move in the same transaction as the events they cover.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};
use serde_json::json;

const FILES: usize = 1_500;

fn user_line(session: &str, n: usize) -> String {
    let line = json!({"type": "user", "uuid": format!("{session}-{n}"), "sessionId": session,
        "timestamp": "2026-11-30T10:00:00.000Z", "message": {"role": "user", "content": format!("line {n}")}});
    format!("{line}\n")
}

/// (sessions, events, sessions whose rows disagree with their count or with `expected`).
fn counts(db: &Path, expected: i64) -> (i64, i64, i64) {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let one = |sql: &str| conn.query_row(sql, [expected], |r| r.get::<_, i64>(0)).unwrap();
    (
        one("SELECT count(*) FROM sessions WHERE ?1 = ?1"),
        one("SELECT count(*) FROM events WHERE ?1 = ?1"),
        one("SELECT count(*) FROM sessions s WHERE event_count != ?1
               OR event_count != (SELECT count(*) FROM events e WHERE e.session_id = s.id)"),
    )
}

fn sync(home: &Path, db: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_recall"))
        .arg("--db")
        .arg(db)
        .arg("sync")
        .env("HOME", home)
        .env_remove("RECALL_DB")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("CLAUDE_CONFIG_DIR")
        .env_remove("CODEX_HOME")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Starts a sync and kills it once `started` says it has written something.
fn kill_halfway(home: &Path, db: &Path, step: &str, started: impl Fn() -> bool) {
    let mut child = sync(home, db);
    let deadline = Instant::now() + Duration::from_secs(60);
    while !started() {
        assert!(Instant::now() < deadline, "{step}: the sync wrote nothing in 60 s");
        assert!(child.try_wait().unwrap().is_none(), "{step}: the sync finished before it could be killed");
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_sync_killed_halfway_and_run_again_has_exact_counts() {
    let home = tempfile::tempdir().unwrap();
    let project = home.path().join(".claude/projects/-home-dev-demo");
    std::fs::create_dir_all(&project).unwrap();
    let files: Vec<_> = (0..FILES).map(|i| (format!("00000000-0000-4000-8000-{i:012}"), i)).collect();
    for (session, _) in &files {
        let text: String = (0..10).map(|n| user_line(session, n)).collect();
        std::fs::write(project.join(format!("{session}.jsonl")), text).unwrap();
    }
    let db = home.path().join("recall.db");
    drop(recall::store::Store::open(&db).unwrap());

    kill_halfway(home.path(), &db, "killed_importing", || counts(&db, 10).0 > 0);
    let (sessions, events, broken) = counts(&db, 10);
    assert!(sessions < FILES as i64, "killed_importing: not interrupted ({sessions} sessions)");
    assert_eq!((broken, events), (0, sessions * 10), "killed_importing: a session half written");
    assert!(sync(home.path(), &db).wait().unwrap().success());
    assert_eq!(counts(&db, 10), (FILES as i64, FILES as i64 * 10, 0), "finished_importing");

    for (session, _) in &files {
        let mut file = std::fs::OpenOptions::new().append(true).open(project.join(format!("{session}.jsonl"))).unwrap();
        file.write_all((10..12).map(|n| user_line(session, n)).collect::<String>().as_bytes()).unwrap();
    }
    kill_halfway(home.path(), &db, "killed_appending", || counts(&db, 10).1 > FILES as i64 * 10);
    let (_, events, _) = counts(&db, 12);
    assert!(events < FILES as i64 * 12, "killed_appending: not interrupted");
    assert!(sync(home.path(), &db).wait().unwrap().success());
    assert_eq!(counts(&db, 12), (FILES as i64, FILES as i64 * 12, 0), "finished_appending");
}
