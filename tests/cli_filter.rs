//! `recall list --filter` and `recall search` with qualifiers, on a store holding the Claude
//! Code and Codex fixtures (3 sessions each; cwd /home/dev/claude-demo and /home/dev/codex-demo).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recall")).arg("--db").arg(db).args(args).output().expect("runs recall")
}

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(relative)
}

fn store(dir: &Path) -> PathBuf {
    let db = dir.join("recall.db");
    for path in ["claude-code/2.1.330", "codex-cli/0.169.0/codex-home/sessions"] {
        let out = run(&db, &["import", "--once", fixture(path).to_str().expect("utf-8 path")]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    db
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn list_filter_keeps_the_sessions_it_names_with_project_and_cwd_in_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = store(dir.path());
    let out = run(&db, &["list", "--json", "--filter", "agent:codex project:demo"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let listed = listed.as_array().expect("an array");
    assert_eq!(listed.len(), 3);
    for session in listed {
        assert_eq!(session["source"], "codex");
        assert_eq!(session["cwd"], "/home/dev/codex-demo");
        assert_eq!(session["project"], "codex-demo");
    }
    let text = stdout(&run(&db, &["list", "--filter", "-agent:codex"]));
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.lines().all(|line| line.contains("Claude Code")), "{text}");
}

#[test]
fn search_takes_qualifiers_in_the_query_and_in_filter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = store(dir.path());
    let all = run(&db, &["search", "--json", "--limit", "1000", "the"]);
    let all: Vec<serde_json::Value> = serde_json::from_slice(&all.stdout).expect("json");
    let codex = run(&db, &["search", "--json", "--limit", "1000", "the agent:codex"]);
    let codex: Vec<serde_json::Value> = serde_json::from_slice(&codex.stdout).expect("json");
    let flag = run(&db, &["search", "--json", "--limit", "1000", "the", "--filter", "agent:codex"]);
    let flag: Vec<serde_json::Value> = serde_json::from_slice(&flag.stdout).expect("json");
    assert!(!codex.is_empty() && codex.len() < all.len(), "{} of {}", codex.len(), all.len());
    assert_eq!(codex, flag);
    let ids: Vec<String> = serde_json::from_slice::<Vec<serde_json::Value>>(
        &run(&db, &["list", "--json", "--filter", "agent:codex"]).stdout,
    )
    .expect("json")
    .iter()
    .map(|session| session["id"].as_str().expect("an id").to_string())
    .collect();
    assert!(codex.iter().all(|hit| ids.contains(&hit["session_id"].as_str().expect("id").to_string())));
}

#[test]
fn mistakes_are_one_line_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = store(dir.path());
    let bad_time = run(&db, &["list", "--filter", "after:soon"]);
    assert_eq!(bad_time.status.code(), Some(1));
    let message = String::from_utf8_lossy(&bad_time.stderr);
    assert!(message.contains("'soon' is not a time"), "{message}");
    let words = run(&db, &["list", "--filter", "agent:codex retry"]);
    assert_eq!(words.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&words.stderr).contains("recall search"));
    let no_words = run(&db, &["search", "agent:codex"]);
    assert_eq!(no_words.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&no_words.stderr).contains("recall list --filter"));
}
