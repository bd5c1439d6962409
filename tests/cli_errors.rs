//! How errors reach the person: one line that says each thing once, and the right exit code
//! even when stderr is a closed pipe (`recall ... 2>&1 | head -1`).

use std::process::{Command, Stdio};

#[cfg(unix)]
fn run_with_stderr_closed(args: &[&str], home: &std::path::Path) -> (Option<i32>, String) {
    // A pipe whose only reader has exited before recall starts: its first write to stderr fails.
    let mut reader = Command::new("true").stdin(Stdio::piped()).spawn().expect("spawn true");
    let writer = reader.stdin.take().expect("the pipe's write end");
    reader.wait().expect("true exits");
    let db = home.join("s.db");
    let mut command = Command::new(env!("CARGO_BIN_EXE_recall"));
    for name in
        ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "CLAUDE_CONFIG_DIR", "CODEX_HOME", "LLM_USER_PATH", "OTERM_DATA_DIR"]
    {
        command.env_remove(name);
    }
    let output = command
        .args(args)
        .arg("--db")
        .arg(&db)
        .env("HOME", home)
        .env_remove("RECALL_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(writer)
        .spawn()
        .expect("spawn")
        .wait_with_output()
        .expect("output");
    (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(unix)]
#[test]
fn an_error_exits_1_when_stderr_is_closed() {
    let home = tempfile::tempdir().expect("temp");
    for args in [&["import", "/no/such/place"][..], &["show", "nosuchid"], &["rename", "x", "y"]] {
        let (code, _) = run_with_stderr_closed(args, home.path());
        assert_eq!(code, Some(1), "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_note_on_stderr_does_not_fail_the_command_when_stderr_is_closed() {
    let home = tempfile::tempdir().expect("temp");
    // No history under this HOME: `import --auto` says so on stderr, and succeeds.
    let (code, stdout) = run_with_stderr_closed(&["import", "--auto"], home.path());
    assert_eq!(code, Some(0), "{stdout}");
}

/// An SQLite header followed by garbage: SQLite says "file is not a database".
fn corrupt_sqlite(path: &std::path::Path) {
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(std::iter::repeat_n(0xA5u8, 4096));
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn an_sqlite_error_is_said_once() {
    let dir = tempfile::tempdir().expect("temp");
    let corrupt = dir.path().join("corrupt.db");
    corrupt_sqlite(&corrupt);
    let corrupt = corrupt.to_str().expect("utf-8");
    for args in [vec!["import", corrupt], vec!["import", "--format", "llm", corrupt], vec!["--db", corrupt, "list"]] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_recall"));
        if args[0] != "--db" {
            command.arg("--db").arg(dir.path().join("s.db"));
        }
        let output = command.args(&args).env_remove("RECALL_DB").stdin(Stdio::null()).output().expect("run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        let said = stderr.matches("not a database").count() + stderr.matches("not an SQLite database").count();
        assert_eq!(said, 1, "{args:?}: {stderr}");
        assert!(!stderr.contains("Error code"), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    }
}
