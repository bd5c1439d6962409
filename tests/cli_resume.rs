//! `recall resume`: the tool's own command runs in the session's folder, with the id as its
//! own argument. A stand-in `codex` script on PATH records its argv and working directory.

use std::path::Path;
use std::process::{Command, Output};

use recall::store::{ImportedSession, Store};

fn run(db: &Path, path_env: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recall"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("PATH", path_env)
        .output()
        .expect("runs recall")
}

/// A codex session with id `it's 01` (a quote, a space) that ran in `cwd`.
fn seed(db: &Path, cwd: &Path) -> String {
    let store = Store::open(db).expect("store");
    let at = chrono::Utc::now();
    let mut metadata = serde_json::Map::new();
    metadata.insert("cwd".into(), cwd.to_string_lossy().into_owned().into());
    let session = ImportedSession {
        source: "codex".into(),
        source_id: "it's 01".into(),
        title: Some("Fix the loop".into()),
        created_at: at,
        updated_at: at,
        metadata,
        events: Vec::new(),
    };
    store.import_session(&session).expect("imports");
    store.find_by_source("codex", "it's 01").expect("reads").expect("found").id
}

/// A `codex` that writes its arguments, one a line, then its folder, to `record`.
fn stand_in(bin: &Path, record: &Path) {
    let script = bin.join("codex");
    let body = format!("#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > '{0}'\npwd >> '{0}'\n", record.display());
    std::fs::write(&script, body).expect("writes the script");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn runs_the_tool_in_the_session_folder_with_the_id_as_one_argument() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (bin, work, record) = (dir.path().join("bin"), dir.path().join("my project"), dir.path().join("argv"));
    std::fs::create_dir_all(&bin).expect("bin");
    std::fs::create_dir_all(&work).expect("work");
    stand_in(&bin, &record);
    let db = dir.path().join("recall.db");
    let id = seed(&db, &work);
    let path_env = format!("{}:/usr/bin:/bin", bin.display());

    let printed = run(&db, &path_env, &["resume", &id[..8], "--print"]);
    assert!(printed.status.success(), "{}", String::from_utf8_lossy(&printed.stderr));
    let expected = format!("cd '{}' && codex resume 'it'\\''s 01'\n", work.display());
    assert_eq!(String::from_utf8_lossy(&printed.stdout), expected);
    assert!(!record.exists(), "--print runs nothing");

    let ran = run(&db, &path_env, &["resume"]);
    assert!(ran.status.success(), "{}", String::from_utf8_lossy(&ran.stderr));
    let recorded = std::fs::read_to_string(&record).expect("the stand-in ran");
    let work = work.canonicalize().expect("canonical");
    assert_eq!(recorded, format!("resume\nit's 01\n{}\n", work.display()));
}

#[test]
fn a_gone_folder_or_missing_tool_is_an_error_naming_the_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("recall.db");
    let gone = dir.path().join("gone");
    let id = seed(&db, &gone);
    let out = run(&db, "/usr/bin:/bin", &["resume", &id]);
    assert_eq!(out.status.code(), Some(1));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("no longer exists") && message.contains("codex resume"), "{message}");

    std::fs::create_dir_all(&gone).expect("folder back");
    let out = run(&db, dir.path().to_str().expect("utf-8"), &["resume", &id]);
    assert_eq!(out.status.code(), Some(1));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("codex is not installed"), "{message}");
}

#[test]
fn a_source_without_a_command_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("recall.db");
    let store = Store::open(&db).expect("store");
    let session = store.create_session("Made here").expect("creates");
    drop(store);
    let out = run(&db, "/usr/bin:/bin", &["resume", &session.id]);
    assert_eq!(out.status.code(), Some(1));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("recall knows no command that resumes recall sessions"), "{message}");
}
