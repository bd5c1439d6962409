//! Hostile trees: FIFOs, endless devices, unreadable files and symlink loops among real
//! transcripts. Every import must end, read each good file exactly once, and name what it
//! skipped. The binary runs under a deadline, so a hang fails the test instead of freezing it.

#![cfg(unix)]

mod import_support;

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use import_support::fixture;
use serde_json::Value;

const DEADLINE: Duration = Duration::from_secs(60);
const CLAUDE_PROJECT: &str = "-home-dev-claude-demo";
const CODEX_DAY: &str = "sessions/2026/11/21";

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A copy of the Claude Code fixture's `projects` folder (3 sessions, 23 events).
fn claude_projects(root: &Path) -> PathBuf {
    let projects = root.join("projects");
    copy_tree(&fixture("claude-code/2.1.330/dot-claude/projects"), &projects);
    projects
}

/// A copy of the Codex fixture's home (3 rollouts, 29 events, titles in `state_5.sqlite`).
fn codex_home(root: &Path) -> PathBuf {
    let home = root.join("codex-home");
    copy_tree(&fixture("codex-cli/0.169.0/codex-home"), &home);
    home
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Runs recall on `db`, killing it (and failing) if it has not finished by the deadline.
/// Its address space is capped so that a runaway read fails fast instead of eating the machine.
fn recall(db: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("ulimit -v 4000000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_recall"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("RECALL_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("spawn recall");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("recall {args:?} still running after {DEADLINE:?}: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// `recall import PATH --json`, which must succeed; its summary.
fn import_json(db: &Path, path: &Path) -> Value {
    let output = recall(db, &["import", "--json", path.to_str().expect("utf-8 path")], &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "import failed: {}\n{stdout}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("summary is not JSON ({e}): {stdout}"))
}

fn counts(summary: &Value) -> (u64, u64, u64, u64) {
    let n = |key: &str| summary[key].as_u64().unwrap_or_else(|| panic!("{key} in {summary}"));
    (n("sessions_added"), n("sessions_updated"), n("sessions_unchanged"), n("events_added"))
}

/// Each skipped entry as (file name, reason).
fn skipped(summary: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for source in summary["sources"].as_array().expect("sources") {
        assert!(source["error"].is_null(), "the source failed: {source}");
        for skip in source["skipped"].as_array().expect("skipped") {
            let location = skip["location"].as_str().expect("location");
            let name = Path::new(location).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            found.push((name, skip["reason"].as_str().expect("reason").to_string()));
        }
    }
    found
}

#[test]
fn a_fifo_named_like_a_transcript_is_skipped_not_waited_on() {
    let temp = tempfile::tempdir().expect("temp");
    let projects = claude_projects(temp.path());
    mkfifo(&projects.join(CLAUDE_PROJECT).join("0-pipe.jsonl"));
    let summary = import_json(&temp.path().join("s.db"), &projects);
    assert_eq!(counts(&summary), (3, 0, 0, 23));
    let skips = skipped(&summary);
    assert_eq!(skips.len(), 1, "{skips:?}");
    assert_eq!(skips[0].0, "0-pipe.jsonl");
    assert!(skips[0].1.contains("FIFO"), "{skips:?}");
}

#[test]
fn fifos_in_a_codex_home_are_skipped_and_titles_still_found() {
    let temp = tempfile::tempdir().expect("temp");
    let home = codex_home(temp.path());
    mkfifo(&home.join(CODEX_DAY).join("rollout-2026-11-21T00-00-00-pipe.jsonl"));
    mkfifo(&home.join("state_9.sqlite"));
    let db = temp.path().join("s.db");
    let summary = import_json(&db, &home);
    assert_eq!(counts(&summary), (3, 0, 0, 29));
    let names: Vec<String> = skipped(&summary).into_iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["rollout-2026-11-21T00-00-00-pipe.jsonl"]);
    let list = recall(&db, &["list", "--json"], &[]);
    let list: Value = serde_json::from_slice(&list.stdout).expect("list json");
    let titles: Vec<&str> = list.as_array().expect("array").iter().filter_map(|s| s["title"].as_str()).collect();
    assert!(titles.contains(&"What's the capital of France? One word."), "{titles:?}");
}

#[test]
fn import_auto_ends_when_the_default_locations_hold_fifos() {
    let temp = tempfile::tempdir().expect("temp");
    let home = temp.path().join("home");
    let projects = claude_projects(&home.join(".claude"));
    mkfifo(&projects.join(CLAUDE_PROJECT).join("pipe.jsonl"));
    let codex = codex_home(temp.path());
    std::fs::rename(&codex, home.join(".codex")).expect("move codex home");
    mkfifo(&home.join(".codex").join(CODEX_DAY).join("rollout-2026-11-21T00-00-00-pipe.jsonl"));
    mkfifo(&home.join(".codex/state_9.sqlite"));
    // Empty variables count as unset, so only the defaults under HOME are found.
    let unset = Path::new("");
    let env: Vec<(&str, &Path)> = ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "CLAUDE_CONFIG_DIR", "CODEX_HOME"]
        .into_iter()
        .chain(["LLM_USER_PATH", "OTERM_DATA_DIR"])
        .map(|name| (name, unset))
        .chain([("HOME", home.as_path())])
        .collect();
    let output = recall(&temp.path().join("s.db"), &["import", "--auto", "--json"], &env);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let summary: Value = serde_json::from_slice(&output.stdout).expect("summary");
    assert_eq!(counts(&summary), (6, 0, 0, 52));
    assert_eq!(skipped(&summary).len(), 2, "{summary}");
}

#[test]
fn a_fifo_or_device_given_directly_is_an_error() {
    let temp = tempfile::tempdir().expect("temp");
    let pipe = temp.path().join("pipe.jsonl");
    mkfifo(&pipe);
    let db = temp.path().join("s.db");
    let pipe_arg = pipe.to_str().expect("utf-8");
    for args in [
        vec!["import", pipe_arg],
        vec!["import", "--format", "claude-code", pipe_arg],
        vec!["import", "--format", "chat-jsonl", pipe_arg],
        vec!["import", "--format", "llm", pipe_arg],
        vec!["import", "--format", "codex", "/dev/zero"],
    ] {
        let output = recall(&db, &args, &[]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("not a regular file"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_transcript_linked_to_an_endless_device_is_skipped() {
    let temp = tempfile::tempdir().expect("temp");
    let projects = claude_projects(temp.path());
    symlink("/dev/zero", projects.join(CLAUDE_PROJECT).join("zero.jsonl")).expect("symlink");
    let summary = import_json(&temp.path().join("s.db"), &projects);
    assert_eq!(counts(&summary), (3, 0, 0, 23));
    let skips = skipped(&summary);
    assert_eq!(skips.len(), 1, "{skips:?}");
    assert_eq!(skips[0].0, "zero.jsonl");
    assert!(skips[0].1.contains("character device"), "{skips:?}");
}

#[test]
fn unopenable_files_are_skipped_and_the_rest_imported() {
    let temp = tempfile::tempdir().expect("temp");
    let projects = claude_projects(temp.path());
    let project = projects.join(CLAUDE_PROJECT);
    // Named to sort first: before the fix, the first failure stopped the whole source.
    symlink(temp.path().join("gone.jsonl"), project.join("0-dangling.jsonl")).expect("symlink");
    let locked = project.join("1-locked.jsonl");
    std::fs::write(
        &locked,
        b"{\"type\":\"user\",\"sessionId\":\"locked\",\"message\":{\"role\":\"user\",\"content\":\"hi\"}}\n",
    )
    .expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let locked_is_readable = std::fs::File::open(&locked).is_ok();
    if locked_is_readable {
        println!(
            "running as root: a file without read permission stays readable, so only the dangling link is checked"
        );
    }
    let summary = import_json(&temp.path().join("s.db"), &projects);
    let mut names: Vec<String> = skipped(&summary).into_iter().map(|(name, _)| name).collect();
    names.sort();
    if locked_is_readable {
        assert_eq!(counts(&summary), (4, 0, 0, 24));
        assert_eq!(names, ["0-dangling.jsonl"]);
    } else {
        assert_eq!(counts(&summary), (3, 0, 0, 23));
        assert_eq!(names, ["0-dangling.jsonl", "1-locked.jsonl"]);
    }
}

#[test]
fn symlink_loops_and_aliases_read_each_file_once() {
    let temp = tempfile::tempdir().expect("temp");
    let projects = claude_projects(temp.path());
    let project = projects.join(CLAUDE_PROJECT);
    for (i, target) in [".", "..", "../..", ".", "..", "."].iter().enumerate() {
        symlink(target, project.join(format!("loop{i}"))).expect("symlink");
    }
    symlink(CLAUDE_PROJECT, projects.join("again")).expect("dir alias");
    symlink("8e8fc512-9937-419e-a720-7fa370a3ddf0.jsonl", project.join("alias.jsonl")).expect("file alias");
    std::fs::hard_link(project.join("27850054-3d40-4829-96ff-eb40113f05cc.jsonl"), project.join("hard.jsonl"))
        .expect("hard link");
    let db = temp.path().join("s.db");
    let summary = import_json(&db, &projects);
    assert_eq!(counts(&summary), (3, 0, 0, 23));
    assert_eq!(skipped(&summary), Vec::<(String, String)>::new());
    let again = import_json(&db, &projects);
    assert_eq!(counts(&again), (0, 0, 3, 0));
}

#[test]
fn an_sqlite_source_under_a_non_utf8_path_is_read() {
    use std::os::unix::ffi::OsStrExt;
    let temp = tempfile::tempdir().expect("temp");
    let folder = temp.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9 %?#"));
    std::fs::create_dir(&folder).expect("non-UTF-8 folder");
    let db = folder.join("elia.sqlite");
    std::fs::copy(fixture("elia/elia.sqlite"), &db).expect("copy");
    assert_eq!(recall::import::detect(&db).expect("detects"), recall::import::Format::Elia);
    let (sessions, skipped) = import_support::read_all(&db, recall::import::Format::Elia);
    assert!(skipped.is_empty(), "{skipped:?}");
    // SCHEMA.md: 5 chats, 16 messages.
    assert_eq!((sessions.len(), sessions.iter().map(|s| s.events.len()).sum::<usize>()), (5, 16));
}

#[test]
fn a_timestamp_cut_inside_a_character_does_not_stop_the_import() {
    // Byte 19 of "2024-01-01 12:00:0é" is inside the "é": slicing there used to panic.
    let dir = tempfile::tempdir().expect("temp");
    let source = dir.path().join("chats.jsonl");
    let lines = [
        r#"{"id": "odd-time", "title": "Odd time", "created_at": "2024-01-01 12:00:0é", "messages": [{"role": "user", "content": "still here"}]}"#,
        r#"{"id": "fine", "title": "Fine", "created_at": "2024-01-02 09:30:00", "messages": [{"role": "user", "content": "and here"}]}"#,
    ];
    std::fs::write(&source, lines.join("\n") + "\n").expect("write");
    let summary = import_json(&dir.path().join("recall.db"), &source);
    assert_eq!(counts(&summary), (2, 0, 0, 2), "{summary}");
}
