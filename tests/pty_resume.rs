//! `o` in the browser hands the open session to its tool: a stand-in `claude` on PATH records
//! its arguments and folder, says it ran, and appends a line to the session's transcript. The
//! terminal is restored before it runs, the browser takes the screen back after it, and the
//! line it added shows up in the open conversation.

mod pty_support;

use std::time::Duration;

use pty_support::*;
use serde_json::json;

const SESSION: &str = "5b0f6a1e-1111-4222-8333-944455556666";

fn line(uuid: &str, cwd: &str, text: &str) -> String {
    let message = json!({"role": "user", "content": text});
    format!(
        "{}\n",
        json!({"type": "user", "uuid": uuid, "sessionId": SESSION, "timestamp": "2026-11-30T10:00:00.000Z",
               "cwd": cwd, "message": message})
    )
}

#[test]
fn o_runs_the_tool_in_the_session_folder_and_shows_what_it_added() {
    let fixture = Fixture::new();
    let home = fixture.dir.path();
    let work = home.join("work dir");
    let bin = home.join("bin");
    std::fs::create_dir_all(&work).expect("work folder");
    std::fs::create_dir_all(&bin).expect("bin folder");
    let project = home.join(".claude/projects/-work-dir");
    std::fs::create_dir_all(&project).expect("project folder");
    let transcript = project.join(format!("{SESSION}.jsonl"));
    let cwd = work.to_str().expect("utf-8 path");
    std::fs::write(&transcript, line("u1", cwd, "Where do the otters sleep")).expect("transcript");
    let record = home.join("argv");
    let appended = line("u2", cwd, "And the kingfishers");
    let script = format!(
        "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > '{record}'\npwd >> '{record}'\necho STAND-IN RAN\nprintf '%s\\n' '{appended}' >> '{transcript}'\n",
        record = record.display(),
        appended = appended.trim_end(),
        transcript = transcript.display(),
    );
    std::fs::write(bin.join("claude"), script).expect("stand-in");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(bin.join("claude"), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path_env = format!("{}:/usr/bin:/bin", bin.display());
    let mut tui = Tui::launch(&fixture.db, home, 100, 30, &[("PATH", &path_env)]);

    tui.step("launch");
    tui.wait_for_within("the followed transcript imported", Duration::from_secs(10), |s| {
        s.conversation().contains("Where do the otters sleep")
    });

    tui.step("resume");
    tui.keys("o");
    tui.wait_for_within("the line the tool added, in the open conversation", Duration::from_secs(10), |s| {
        s.conversation().contains("And the kingfishers")
    });
    let raw = tui.raw().to_vec();
    let ran_at = find(&raw, b"STAND-IN RAN").expect("the stand-in wrote to the terminal");
    let left_at = find(&raw, b"\x1b[?1049l").expect("the alternate screen was left");
    assert!(left_at < ran_at, "the terminal is restored before the tool runs");
    assert!(find(&raw[ran_at..], b"\x1b[?1049h").is_some(), "the browser takes the screen back");

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    let recorded = std::fs::read_to_string(&record).expect("the stand-in recorded its call");
    let work = work.canonicalize().expect("canonical");
    assert_eq!(recorded, format!("--resume\n{SESSION}\n{}\n", work.display()));
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[test]
fn o_on_a_session_whose_folder_is_gone_runs_it_in_the_current_folder_after_a_yes() {
    let fixture = Fixture::new();
    let home = fixture.dir.path();
    let bin = home.join("bin");
    std::fs::create_dir_all(&bin).expect("bin folder");
    let project = home.join(".claude/projects/-gone");
    std::fs::create_dir_all(&project).expect("project folder");
    let gone = home.join("removed since");
    std::fs::write(
        project.join(format!("{SESSION}.jsonl")),
        line("u1", gone.to_str().expect("utf-8"), "Where do the herons nest"),
    )
    .expect("transcript");
    let record = home.join("argv");
    let script = format!(
        "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > '{record}'\npwd >> '{record}'\n",
        record = record.display()
    );
    std::fs::write(bin.join("claude"), script).expect("stand-in");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(bin.join("claude"), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path_env = format!("{}:/usr/bin:/bin", bin.display());
    let mut tui = Tui::launch(&fixture.db, home, 100, 30, &[("PATH", &path_env)]);

    tui.step("launch");
    tui.wait_for_within("the followed transcript imported", Duration::from_secs(10), |s| {
        s.conversation().contains("Where do the herons nest")
    });

    tui.step("o asks");
    tui.keys("o");
    tui.wait_for("the question", |s| s.status().contains("no longer exists"));
    assert!(!record.exists(), "nothing runs before the answer");

    tui.step("n keeps");
    tui.keys("n");
    tui.wait_for("not resumed", |s| s.status().contains("Not resumed"));

    tui.step("y runs it here");
    tui.keys("o");
    tui.wait_for("the question again", |s| s.status().contains("no longer exists"));
    tui.keys("y");
    tui.wait_for_within("back from the tool", Duration::from_secs(10), |_| record.exists());
    tui.wait_for("the browser back", |s| s.alternate() && s.conversation().contains("Where do the herons nest"));

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    let recorded = std::fs::read_to_string(&record).expect("the stand-in recorded its call");
    let here = home.canonicalize().expect("canonical");
    assert_eq!(
        recorded,
        format!("--resume\n{SESSION}\n{}\n", here.display()),
        "run in the folder recall was started in"
    );
}
