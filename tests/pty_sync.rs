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

#[test]
fn a_source_followed_while_the_browser_is_open_is_followed_by_it_too() {
    let fixture = Fixture::new();
    // A default location, so that the browser's first sync shows on screen: the source added
    // later is then surely added after that sync.
    let default = fixture.dir.path().join(".claude/projects/-home-dev-demo");
    std::fs::create_dir_all(&default).unwrap();
    std::fs::write(default.join(format!("{SESSION}.jsonl")), line("user", "u0", "Where do the otters sleep")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let project = elsewhere.path().join("projects/-home-dev-later");
    std::fs::create_dir_all(&project).unwrap();
    let later = "6c1f7b2f-2222-4333-8444-a55566667777";
    let transcript = project.join(format!("{later}.jsonl"));
    std::fs::write(&transcript, line("user", "u1", "Which birds nest in reeds")).unwrap();
    let mut tui = fixture.launch();

    tui.step("launch_and_first_sync");
    tui.wait_for_within("the default location's session", Duration::from_secs(10), |s| {
        s.contains("Where do the otters sleep")
    });

    tui.step("imported_from_another_terminal");
    let imported = std::process::Command::new(env!("CARGO_BIN_EXE_recall"))
        .arg("--db")
        .arg(&fixture.db)
        .arg("import")
        .arg(elsewhere.path().join("projects"))
        .env("HOME", fixture.dir.path())
        .output()
        .unwrap();
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    tui.wait_for("the imported session", |s| s.contains("Which birds nest in reeds"));

    tui.step("grown_after_the_import");
    std::fs::OpenOptions::new()
        .append(true)
        .open(&transcript)
        .unwrap()
        .write_all(line("user", "u2", "Reed warblers, mostly").as_bytes())
        .unwrap();
    tui.wait_for_within("the new source's growth, once the browser follows it", Duration::from_secs(20), |s| {
        s.sidebar().contains("2 ev")
    });
    tui.keys("q");
    assert!(tui.wait_exit().success());
    let store = fixture.store();
    assert_eq!(store.find_by_source("claude-code", later).unwrap().expect("imported").event_count, 2);
}

#[test]
fn a_subagent_written_while_its_parent_is_read_is_folded_under_it_and_linked_from_its_call() {
    let fixture = Fixture::new();
    let project = fixture.dir.path().join(".claude/projects/-home-dev-demo");
    std::fs::create_dir_all(&project).unwrap();
    let call = json!({"type": "assistant", "uuid": "a1", "sessionId": SESSION, "timestamp": "2026-11-30T10:00:05.000Z",
        "cwd": "/home/dev/demo", "message": {"role": "assistant", "id": "msg-a1", "content": [{"type": "tool_use",
        "id": "toolu_T1", "name": "Task", "input": {"description": "Count the otters", "prompt": "Count the otters"}}]}});
    let result = json!({"type": "user", "uuid": "u2", "sessionId": SESSION, "timestamp": "2026-11-30T10:00:09.000Z",
        "cwd": "/home/dev/demo", "message": {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_T1",
        "content": [{"type": "text", "text": "Seven otters."}]}]},
        "toolUseResult": {"status": "completed", "agentId": "a7f3", "totalToolUseCount": 0}});
    std::fs::write(
        project.join(format!("{SESSION}.jsonl")),
        line("user", "u1", "How many otters are there") + &format!("{call}\n{result}\n"),
    )
    .unwrap();
    let mut tui = fixture.launch();

    tui.step("launch");
    tui.wait_for_within("the parent imported", Duration::from_secs(10), |s| s.contains("Seven otters."));

    tui.step("subagent_written");
    let agent = project.join(format!("{SESSION}/subagents/agent-a7f3.jsonl"));
    std::fs::create_dir_all(agent.parent().unwrap()).unwrap();
    let agent_line = |uuid: &str, kind: &str, text: &str| {
        let mut value: serde_json::Value = serde_json::from_str(&line(kind, uuid, text)).unwrap();
        value["isSidechain"] = json!(true);
        value["agentId"] = json!("a7f3");
        format!("{value}\n")
    };
    std::fs::write(&agent, agent_line("s1", "user", "Count the otters") + &agent_line("s2", "assistant", "Seven."))
        .unwrap();
    let screen = tui.wait_for_within("the subagent folded under its parent", Duration::from_secs(10), |s| {
        s.sidebar().contains("▸1")
    });
    assert!(screen.row(0).contains("Sessions 1"), "one session, its subagent under it\n{screen}");

    tui.step("space_lists_it");
    tui.keys(" ");
    let screen = tui.wait_for("the subagent listed under its parent", |s| s.sidebar().contains("└ Count the otters"));
    assert!(screen.sidebar().contains("▾1"), "{screen}");

    tui.step("enter_on_the_call");
    tui.keys("lgJ");
    tui.wait_for("the call names its subagent", |s| s.conversation().contains("→ subagent “Count the otters”"));
    tui.keys(ENTER);
    tui.wait_for("the subagent open", |s| {
        s.conversation_header().contains("Count the otters") && s.conversation().contains("Seven.")
    });

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());
}
