//! `recall … | head -1`: a reader that closes the pipe early ends recall quietly, with
//! success, as shell tools do, whatever the command and the output format.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use chrono::Utc;
use recall::store::{ImportedSession, NewEvent, Store};
use serde_json::json;

/// 400 sessions, the first of 600 long events: every listing is far bigger than a pipe holds.
fn big_store(db: &std::path::Path) -> String {
    let store = Store::open(db).expect("the store opens");
    for n in 0..400 {
        let count = if n == 0 { 600 } else { 2 };
        let events = (0..count)
            .map(|i| NewEvent {
                content: json!({"role": "user", "content": format!("pipeline message {i} {}", "words ".repeat(40))})
                    .to_string(),
                ..Default::default()
            })
            .collect();
        store
            .import_session(&ImportedSession {
                source: "test".into(),
                source_id: format!("s{n}"),
                title: Some(format!("Pipeline session {n}")),
                created_at: Utc::now(),
                updated_at: Utc::now(),
                metadata: Default::default(),
                events,
            })
            .expect("import");
    }
    store.find_by_source("test", "s0").expect("find").expect("the big session").id
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("recall.db");
    let big = big_store(&db);
    let commands: [&[&str]; 8] = [
        &["show", &big, "--json"],
        &["show", &big],
        &["list"],
        &["list", "--json"],
        &["stats"],
        &["stats", "--json"],
        &["search", "pipeline", "--limit", "5000"],
        &["search", "pipeline", "--limit", "5000", "--json"],
    ];
    for args in commands {
        for read_first_line in [true, false] {
            let mut child = Command::new(env!("CARGO_BIN_EXE_recall"))
                .args(args)
                .arg("--db")
                .arg(&db)
                .env_remove("RECALL_DB")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("recall starts");
            let stdout = child.stdout.take().expect("stdout");
            if read_first_line {
                // `| head -1`
                let mut line = String::new();
                BufReader::new(stdout).read_line(&mut line).expect("a first line");
                assert!(!line.is_empty(), "{args:?} printed something");
            } else {
                // A reader gone before anything was written.
                drop(stdout);
            }
            let output = child.wait_with_output().expect("recall ends");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.is_empty(), "{args:?} complained: {stderr}");
            assert!(output.status.success(), "{args:?} exited {:?}", output.status.code());
        }
    }
}
