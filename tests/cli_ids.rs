//! Ids people can type: `recall list` shows the shortest prefix that names each session (as
//! git shows commits), and a prefix that names several lists a few, one a line.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn run(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("RECALL_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("recall starts");
    let _ = child.stdin.take().expect("stdin").write_all(stdin.as_bytes());
    child.wait_with_output().expect("recall ends")
}

/// A store of twelve sessions made within a second: UUID v7 ids that share their start.
fn twelve_sessions() -> (tempfile::TempDir, std::path::PathBuf, Vec<String>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("recall.db");
    let store = recall::store::Store::open(&db).expect("the store opens");
    let ids = (1..=12).map(|n| store.create_session(&format!("Session number {n}")).expect("create").id).collect();
    (dir, db, ids)
}

#[test]
fn list_shows_short_ids_that_resolve() {
    let (_dir, db, ids) = twelve_sessions();
    let output = run(&db, &["list"], "");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 12, "{text}");
    let width = lines.iter().filter_map(|line| line.split_whitespace().next()).map(str::len).max().unwrap_or(0);
    for line in &lines {
        let short = line.split_whitespace().next().expect("an id");
        assert!(short.len() < 36, "{short} is shorter than a whole id");
        assert!(short.len() >= recall::store::SHORT_ID_MIN);
        assert!(line[..width].trim_end() == short && line[width..].starts_with("  "), "aligned: {text}");
        let full = ids.iter().filter(|id| id.starts_with(short)).collect::<Vec<_>>();
        assert_eq!(full.len(), 1, "{short} names one session");
        let shown = run(&db, &["show", short], "");
        assert!(shown.status.success(), "{}", String::from_utf8_lossy(&shown.stderr));
        let title = line.rsplit("  ").next().expect("a title");
        assert!(String::from_utf8_lossy(&shown.stdout).starts_with(&format!("# {title}")), "{short} opens {title}");
    }
}

#[test]
fn an_ambiguous_prefix_lists_eight_sessions_one_a_line_then_how_many_more() {
    let (_dir, db, ids) = twelve_sessions();
    let prefix = &ids[0][..8];
    assert!(ids.iter().all(|id| id.starts_with(prefix)), "made within the same few seconds");
    let output = run(&db, &["show", prefix], "");
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8(output.stderr).expect("utf-8");
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines[0], format!("recall: '{prefix}' matches 12 sessions; type more of the id:"), "{message}");
    assert_eq!(lines.len(), 10, "{message}");
    for (line, n) in lines[1..9].iter().zip((5..=12).rev()) {
        assert!(line.starts_with("  ") && line.ends_with(&format!("  Session number {n}")), "newest first: {message}");
    }
    assert_eq!(lines[9], "  and 4 more");
}
