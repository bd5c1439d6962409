//! The `recall` binary driven as a script would: outputs, exit codes, files left untouched.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

struct Env {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("store/recall.db");
        Env { _dir: dir, db }
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with_stdin(args, "")
    }

    fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        run_on(&self.db, args, stdin)
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(output.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    }

    fn log_new(&self, title: &str, stdin: &str) -> String {
        let output = self.run_with_stdin(&["log", "--new", title], stdin);
        assert!(output.status.success(), "log failed: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap().trim().to_string()
    }

    fn list_json(&self, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["list", "--json"];
        args.extend_from_slice(extra);
        serde_json::from_str::<Value>(&self.ok(&args)).unwrap().as_array().unwrap().clone()
    }
}

fn run_on(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("RECALL_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The program may refuse before reading its input (a store it will not open).
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const CHAT: &str = r#"{"role": "user", "content": "What is the capital of Portugal?"}
{"role": "assistant", "content": "Lisbon."}
"#;

#[test]
fn log_then_list_show_and_search() {
    let env = Env::new();
    let id = env.log_new("Geography", CHAT);
    let sessions = env.list_json(&[]);
    assert_eq!(sessions.len(), 1);
    let session = &sessions[0];
    for key in ["id", "title", "created_at", "updated_at", "source", "source_id", "event_count", "metadata"] {
        assert!(session.get(key).is_some(), "list --json lacks {key}");
    }
    assert_eq!(session["id"], id.as_str());
    assert_eq!(session["event_count"], 2);
    assert_eq!(session["source"], "recall");

    let shown: Value = serde_json::from_str(&env.ok(&["show", &id[..30], "--json"])).unwrap();
    assert_eq!(shown["events"][1]["content"]["content"], "Lisbon.");

    let hits: Value = serde_json::from_str(&env.ok(&["search", "capital", "--json"])).unwrap();
    assert_eq!(hits[0]["session_id"], id.as_str());
    assert_eq!(hits[0]["best_seq"], 1);
    assert_eq!(hits[0]["seqs"], serde_json::json!([1]));
    assert!(hits[0]["snippet"].as_str().unwrap().contains("capital"));
    let found = env.ok(&["search", "lisbon"]);
    let short = found.split_whitespace().next().expect("the session's short id first");
    assert!(id.starts_with(short), "{found}");
}

#[test]
fn log_appends_to_an_existing_session_and_accepts_an_array() {
    let env = Env::new();
    let id = env.log_new("Chat", CHAT);
    let output = env.run_with_stdin(
        &["log", "--session", &id[..32]],
        r#"[{"role":"user","content":"and Spain?"}, {"role":"assistant","content":"Madrid."}]"#,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), id);
    assert_eq!(env.list_json(&[])[0]["event_count"], 4);
}

#[test]
fn log_with_a_bad_line_appends_nothing() {
    let env = Env::new();
    let id = env.log_new("Chat", CHAT);
    let output =
        env.run_with_stdin(&["log", "--session", &id], "{\"role\":\"user\",\"content\":\"ok\"}\n{\"role\": \n");
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.starts_with("recall: ") && message.contains("line 2"), "{message}");
    assert_eq!(message.trim_end().lines().count(), 1, "errors are one line: {message}");
    assert_eq!(env.list_json(&[])[0]["event_count"], 2);
    let output = env.run_with_stdin(&["log", "--new", "never"], "{oops}\n");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(env.list_json(&[]).len(), 1, "a failed --new creates no session");
}

#[test]
fn rename_delete_undo_purge() {
    let env = Env::new();
    let id = env.log_new("Before", CHAT);
    env.ok(&["rename", &id, "  After  "]);
    assert_eq!(env.list_json(&[])[0]["title"], "After");
    let output = env.run(&["rename", &id, "   "]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("empty"), "{}", stderr(&output));

    env.ok(&["delete", &id]);
    assert!(env.list_json(&[]).is_empty());
    assert_eq!(env.list_json(&["--trash"])[0]["id"], id.as_str());
    let output = env.run(&["search", "capital", "--json"]);
    assert_eq!(output.status.code(), Some(1), "no match is exit status 1, as grep");
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "[]");
    env.ok(&["undo"]);
    assert_eq!(env.list_json(&[]).len(), 1);
    let output = env.run(&["undo"]);
    assert_eq!(output.status.code(), Some(1), "nothing left to undo");

    env.ok(&["delete", &id]);
    assert!(env.ok(&["purge", "--older-than", "1"]).contains("Purged 0"));
    assert!(env.ok(&["purge"]).contains("Purged 1"));
    assert!(env.list_json(&["--trash"]).is_empty());
    assert_eq!(env.run(&["undo", &id]).status.code(), Some(1));
}

#[test]
fn ambiguous_and_unknown_ids_are_errors_that_say_why() {
    let env = Env::new();
    let a = env.log_new("A", CHAT);
    let b = env.log_new("B", CHAT);
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let output = env.run(&["show", &a[..common]]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    let lines: Vec<&str> = message.lines().collect();
    assert!(lines[0].starts_with("recall: ") && lines[0].contains("matches 2 sessions"), "{message}");
    // One candidate a line, newest first: its short id (which resolves), time and title.
    for (line, (id, title)) in lines[1..].iter().zip([(&b, "B"), (&a, "A")]) {
        let short = line.split_whitespace().next().expect("an id first");
        assert!(id.starts_with(short) && short.len() < id.len(), "{short} is a short form of {id}: {message}");
        assert!(line.ends_with(&format!("  {title}")), "{message}");
        assert!(env.ok(&["show", short, "--json"]).contains(id.as_str()), "{short} names {id}");
    }
    assert_eq!(lines.len(), 3, "{message}");
    let output = env.run(&["show", "ffffffff"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no session"), "{}", stderr(&output));
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    for args in [&["frobnicate"][..], &["list", "--limit", "many"], &["log"], &["rename", "x"]] {
        let output = env.run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
    }
}

#[test]
fn json_output_stays_valid_with_control_characters() {
    let env = Env::new();
    env.log_new("\u{1b}]52;c;ZXZpbA==\u{7}title", r#"{"role":"user","content":"esc \u001b[2J here"}"#);
    let sessions = env.list_json(&[]);
    assert!(sessions[0]["title"].as_str().unwrap().contains("52;c;"));
    let hits: Value = serde_json::from_str(&env.ok(&["search", "esc", "--json"])).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1);
}

#[test]
fn foreign_and_text_files_are_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "hello, not a database\n").unwrap();
    let foreign = dir.path().join("other.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    for (path, expected) in [(&text, "not an SQLite database"), (&foreign, "recall import")] {
        let before = std::fs::read(path).unwrap();
        for args in [&["list"][..], &["log", "--new", "x"], &["purge"]] {
            let output = run_on(path, args, CHAT);
            assert_eq!(output.status.code(), Some(1));
            assert!(stderr(&output).contains(expected), "{}", stderr(&output));
        }
        assert_eq!(std::fs::read(path).unwrap(), before);
    }
}

#[test]
fn read_only_flag_lists_but_refuses_changes() {
    let env = Env::new();
    let id = env.log_new("Kept", CHAT);
    assert_eq!(env.list_json(&["--read-only"]).len(), 1);
    let output = env.run(&["--read-only", "rename", &id, "New"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("read-only"), "{}", stderr(&output));
    let output = env.run_with_stdin(&["--read-only", "log", "--session", &id], CHAT);
    assert!(stderr(&output).contains("read-only"), "{}", stderr(&output));
    assert_eq!(env.list_json(&[])[0]["title"], "Kept");
}

#[test]
fn stats_counts_each_session_on_its_own() {
    let env = Env::new();
    // Claude Code splits one reply over lines sharing message.id; the same id in another
    // session is another reply.
    let line = r#"{"type":"assistant","message":{"id":"msg_same","role":"assistant","content":[{"type":"text","text":"hi"}]}}"#;
    env.log_new("first", line);
    env.log_new("second", line);
    let stats: Value = serde_json::from_str(&env.ok(&["stats", "--json"])).unwrap();
    assert_eq!(stats["sessions"], 2);
    assert_eq!(stats["events"], 2);
    assert_eq!(stats["assistant"], 2, "{stats}");
    assert_eq!(stats["by_source"]["recall"]["assistant"], 2);
}

#[test]
fn a_big_log_is_searchable_by_search_and_index_brings_the_index_up_to_date() {
    let env = Env::new();
    // More than the store indexes in the writing transaction: these go to the backlog.
    let lines: String = (0..1500).map(|i| format!("{{\"role\":\"user\",\"content\":\"bulk word{i}\"}}\n")).collect();
    let id = env.log_new("Big", &lines);
    // Read-only, search reads the backlog directly and leaves it for later.
    let hits: Vec<Value> = serde_json::from_str(&env.ok(&["--read-only", "search", "word1499", "--json"])).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["session_id"], id.as_str());
    assert_eq!(hits[0]["best_seq"], 1500);
    assert_eq!(env.ok(&["index"]).trim(), "Indexed 1500 events for search");
    assert_eq!(env.ok(&["index"]).trim(), "The search index is up to date");
    // One entry per session (search groups hits), counting every event that holds the word.
    let hits: Vec<Value> = serde_json::from_str(&env.ok(&["search", "bulk", "--json"])).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["hits"], 1500);
    let output = env.run(&["--read-only", "index"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("read-only"), "{}", stderr(&output));
}

#[test]
fn a_search_catches_the_index_up_first() {
    let env = Env::new();
    let lines: String =
        (0..1200).map(|i| format!("{{\"role\":\"user\",\"content\":\"line {i} of a walrus\"}}\n")).collect();
    env.log_new("Big", &lines);
    let hits: Vec<Value> = serde_json::from_str(&env.ok(&["search", "walrus", "--json", "--limit", "5"])).unwrap();
    assert_eq!(hits.len(), 1, "one session");
    assert_eq!(hits[0]["hits"], 1200, "every event of it found");
    assert_eq!(env.ok(&["index"]).trim(), "The search index is up to date");
}

#[test]
fn a_small_import_leaves_the_index_complete() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("chat.jsonl");
    std::fs::write(&source, "{\"role\":\"user\",\"content\":\"pelican briefing\"}\n").unwrap();
    env.ok(&["import", source.to_str().unwrap()]);
    assert_eq!(env.ok(&["index"]).trim(), "The search index is up to date");
    assert!(env.ok(&["--read-only", "search", "pelican"]).contains("pelican briefing"));
}

#[test]
fn a_read_only_search_behind_a_big_backlog_says_why_it_is_slow_and_finds_everything() {
    let env = Env::new();
    let lines: String = (0..5100).map(|i| format!("{{\"role\":\"user\",\"content\":\"line {i}\"}}\n")).collect();
    env.log_new("Big", &lines);
    let output = env.run(&["--read-only", "search", "5099", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let hits: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["best_seq"], 5100);
    assert_eq!(hits[0]["hits"], 1);
    assert!(stderr(&output).contains("reading 5100 events not in the search index"), "{}", stderr(&output));
}
