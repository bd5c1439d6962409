//! `recall export` and `recall show --redact` driven as a script would.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn run(db: &Path, dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(args)
        .arg("--db")
        .arg(db)
        .current_dir(dir)
        .env_remove("RECALL_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn recall");
    let _ = child.stdin.take().expect("stdin").write_all(stdin.as_bytes());
    child.wait_with_output().expect("recall ran")
}

fn ok(output: Output) -> String {
    assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn token() -> String {
    format!("sk_live_{}", "4eC39HqLyjWDarjt")
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("recall.db");
    let line = format!("{{\"role\": \"user\", \"content\": \"pay with {} at /home/alice/shop\"}}\n", token());
    let id = ok(run(&db, dir.path(), &["log", "--new", "Shop/../keys"], &line)).trim().to_string();
    (dir, db, id)
}

#[test]
fn piped_markdown_goes_to_stdout_and_redacts_only_when_asked() {
    let (dir, db, id) = setup();
    let markdown = ok(run(&db, dir.path(), &["export", &id], ""));
    assert!(markdown.starts_with("# Shop/../keys\n") && markdown.contains(&token()), "{markdown}");
    let redacted = ok(run(&db, dir.path(), &["export", &id, "--redact", "--redact-paths"], ""));
    assert!(redacted.contains("pay with [REDACTED:stripe] at ~/shop"), "{redacted}");
    let html = ok(run(&db, dir.path(), &["export", &id, "--format", "html"], ""));
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("[REDACTED:stripe]"), "HTML redacts by default");
    let kept = ok(run(&db, dir.path(), &["export", &id, "--format", "html", "--no-redact"], ""));
    assert!(kept.contains(&token()));
    let shown = ok(run(&db, dir.path(), &["show", &id, "--redact"], ""));
    assert!(shown.contains("[REDACTED:stripe]") && !shown.contains(&token()), "{shown}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(run(&db, dir.path(), &["show", &id, "--json", "--redact"], ""))).expect("JSON");
    assert!(!json.to_string().contains(&token()));
}

#[test]
fn an_output_file_is_never_replaced_without_force() {
    let (dir, db, id) = setup();
    let file = dir.path().join("out.json");
    std::fs::write(&file, "mine").expect("write");
    let refused = run(&db, dir.path(), &["export", &id, "--format", "json", "-o", "out.json"], "");
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("already exists: --force replaces it"));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "mine");
    let said = ok(run(&db, dir.path(), &["export", &id, "--format", "json", "-o", "out.json", "--force"], ""));
    assert_eq!(said.trim(), "Exported to out.json");
    let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("JSON");
    assert_eq!(value["events"][0]["blocks"][0]["type"], "text");
}
