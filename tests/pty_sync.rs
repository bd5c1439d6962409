//! The real binary in a pseudo-terminal, following a Claude Code history in its home folder:
//! a fresh store fills itself after the first frame, and a line appended to a transcript
//! while the browser is open shows up without a key being pressed.

mod pty_support;

use std::io::Write;
use std::time::Duration;

use pty_support::*;
use serde_json::json;

const SESSION: &str = "5b0f6a1e-1111-4222-8333-944455556666";

fn line(kind: &str, uuid: &str, text: &str) -> String {
    let message = if kind == "user" {
        json!({"role": "user", "content": text})
    } else {
        json!({"role": "assistant", "id": format!("msg-{uuid}"), "content": [{"type": "text", "text": text}]})
    };
    format!(
        "{}\n",
        json!({"type": kind, "uuid": uuid, "sessionId": SESSION, "timestamp": "2026-11-30T10:00:00.000Z",
               "cwd": "/home/dev/demo", "message": message})
    )
}

#[test]
fn a_transcript_that_grows_under_the_open_browser_shows_its_new_line() {
    let fixture = Fixture::new();
    // The fixture's folder is the program's home: its default Claude Code location is here.
    let project = fixture.dir.path().join(".claude/projects/-home-dev-demo");
    std::fs::create_dir_all(&project).unwrap();
    let transcript = project.join(format!("{SESSION}.jsonl"));
    std::fs::write(
        &transcript,
        line("user", "u1", "Where do the otters sleep") + &line("assistant", "a1", "In holts."),
    )
    .unwrap();
    let mut tui = fixture.launch();

    tui.step("launch");
    tui.wait_for_within("the followed history imported after the first frame", Duration::from_secs(10), |s| {
        s.contains("Where do the otters sleep") && s.contains("In holts.")
    });

    tui.step("appended_while_open");
    std::fs::OpenOptions::new()
        .append(true)
        .open(&transcript)
        .unwrap()
        .write_all(line("user", "u2", "And the kingfishers").as_bytes())
        .unwrap();
    tui.wait_for_within("the appended line in the open conversation", Duration::from_secs(5), |s| {
        s.conversation().contains("And the kingfishers")
    });

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    let store = fixture.store();
    let session = store.find_by_source("claude-code", SESSION).unwrap().expect("imported by the browser");
    assert_eq!(session.event_count, 3);
}
