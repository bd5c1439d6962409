//! An import killed halfway (kill -9) leaves no half session, and running it again ends with
//! exactly the right counts: each session is written in one transaction.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};
use serde_json::json;

const SESSIONS: usize = 2_000;
const EVENTS_PER_SESSION: usize = 25;

/// (sessions, events, sessions whose stored events disagree with their event_count or with
/// the source's length).
fn counts(db: &std::path::Path) -> (i64, i64, i64) {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let sessions = conn.query_row("SELECT count(*) FROM sessions", [], |r| r.get(0)).unwrap();
    let events = conn.query_row("SELECT count(*) FROM events", [], |r| r.get(0)).unwrap();
    let broken = conn
        .query_row(
            "SELECT count(*) FROM sessions s WHERE event_count != ?1
               OR event_count != (SELECT count(*) FROM events e WHERE e.session_id = s.id)",
            [EVENTS_PER_SESSION as i64],
            |r| r.get(0),
        )
        .unwrap();
    (sessions, events, broken)
}

fn import(db: &std::path::Path, source: &std::path::Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_recall"))
        .arg("--db")
        .arg(db)
        .arg("import")
        .arg(source)
        .env_remove("RECALL_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn an_import_killed_halfway_and_run_again_has_exact_counts() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("many.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&source).unwrap());
    for session in 0..SESSIONS {
        let messages: Vec<_> = (0..EVENTS_PER_SESSION)
            .map(|i| json!({"role": if i % 2 == 0 { "user" } else { "assistant" }, "content": format!("session {session} message {i}")}))
            .collect();
        let line = json!({"id": format!("s{session}"), "title": format!("Session {session}"), "messages": messages});
        writeln!(file, "{line}").unwrap();
    }
    file.flush().unwrap();
    drop(file);
    let db = dir.path().join("recall.db");
    // The store exists before the import starts, so it can be watched from here.
    drop(recall::store::Store::open(&db).unwrap());

    // killed: as soon as the first sessions are committed, kill -9.
    let mut child = import(&db, &source);
    let deadline = Instant::now() + Duration::from_secs(60);
    while counts(&db).0 == 0 {
        assert!(Instant::now() < deadline, "killed: the import wrote nothing in 60 s");
        assert!(child.try_wait().unwrap().is_none(), "killed: the import finished before it could be killed");
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let (sessions, events, broken) = counts(&db);
    assert!(sessions < SESSIONS as i64, "killed: the import was not interrupted ({sessions} sessions)");
    assert_eq!(broken, 0, "killed: a session was left half written");
    assert_eq!(events, sessions * EVENTS_PER_SESSION as i64);

    // again: the same import, to the end.
    let status = import(&db, &source).wait().unwrap();
    assert!(status.success(), "again: {status:?}");
    assert_eq!(counts(&db), (SESSIONS as i64, (SESSIONS * EVENTS_PER_SESSION) as i64, 0), "again");
}
