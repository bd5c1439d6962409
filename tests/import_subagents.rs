//! Claude Code sub-agents imported with the call that started them: the parent's transcript
//! names the agent in the call's result, the agent's transcript is
//! `<session>/subagents/agent-<id>.jsonl`, and the store finds a session's subagents.

mod import_support;

use std::path::Path;

use import_support::{copy_fixture, fingerprint};
use recall::import::{self, Format, Options, Source, Summary};
use recall::store::Store;
use serde_json::{Value, json};

const PARENT: &str = "dddddddd-0000-4000-8000-000000000004";

fn run(store: &Store, path: &Path) -> Summary {
    let sources = [Source { format: Format::ClaudeCode, path: path.to_path_buf() }];
    import::run(store, &sources, &Options::default(), &mut |_| {})
}

/// A conversation line shaped as Claude Code 2.1 writes them.
fn line(uuid: &str, kind: &str, content: Value, sidechain: bool) -> Value {
    let message = if kind == "user" {
        json!({"role": "user", "content": content})
    } else {
        json!({"id": format!("msg_{uuid}"), "type": "message", "role": "assistant", "model": "claude-opus-5-5", "content": content})
    };
    json!({"parentUuid": null, "isSidechain": sidechain, "type": kind, "message": message, "uuid": uuid,
        "timestamp": "2026-11-21T15:00:00.000Z", "userType": "external", "cwd": "/home/dev/claude-demo",
        "sessionId": PARENT, "version": "2.1.330", "gitBranch": "HEAD"})
}

fn write_lines(path: &Path, lines: &[Value]) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).expect("write");
}

/// The fixture's three sessions, plus a session whose Task call started agent `a7f3`.
fn projects_with_a_subagent(root: &Path) -> std::path::PathBuf {
    let projects = copy_fixture("claude-code/2.1.330/dot-claude/projects", root);
    let project = projects.join("-home-dev-claude-demo");
    let call = json!([{"type": "tool_use", "id": "toolu_T1", "name": "Task",
        "input": {"description": "Explore the parser", "prompt": "Find the parser's bugs", "subagent_type": "Explore"}}]);
    let mut result = line(
        "p3",
        "user",
        json!([{"type": "tool_result", "tool_use_id": "toolu_T1",
        "content": [{"type": "text", "text": "Two bugs."}]}]),
        false,
    );
    result["toolUseResult"] = json!({"status": "completed", "agentId": "a7f3", "totalToolUseCount": 1});
    write_lines(
        &project.join(format!("{PARENT}.jsonl")),
        &[
            line("p1", "user", json!("Why does the parser fail?"), false),
            line("p2", "assistant", call, false),
            result,
            line("p4", "assistant", json!([{"type": "text", "text": "It has two bugs."}]), false),
        ],
    );
    let mut agent = [
        line("s1", "user", json!("Find the parser's bugs"), true),
        line("s2", "assistant", json!([{"type": "text", "text": "Two bugs."}]), true),
    ];
    for line in &mut agent {
        line["agentId"] = json!("a7f3");
    }
    write_lines(&project.join(format!("{PARENT}/subagents/agent-a7f3.jsonl")), &agent);
    projects
}

#[test]
fn the_fixture_sessions_have_no_subagents() {
    let temp = tempfile::tempdir().expect("temp");
    let projects = copy_fixture("claude-code/2.1.330/dot-claude/projects", temp.path());
    let store = Store::open_in_memory().expect("store");
    let summary = run(&store, &projects);
    assert_eq!((summary.sessions_added, summary.events_added), (3, 23));
    for session in store.list_sessions(0, 10).expect("list") {
        assert!(store.subagents(&session).expect("subagents").is_empty(), "{}", session.title);
        assert!(session.metadata.get("subagent_calls").is_none());
        assert!(session.metadata.get("parent_session").is_none());
    }
}

#[test]
fn a_task_call_links_the_subagent_it_started() {
    let temp = tempfile::tempdir().expect("temp");
    let projects = projects_with_a_subagent(temp.path());
    let before = fingerprint(&projects);
    let store = Store::open_in_memory().expect("store");
    let summary = run(&store, &projects);
    assert_eq!((summary.sessions_added, summary.events_added, summary.skipped), (5, 23 + 4 + 2, 0));
    assert_eq!(fingerprint(&projects), before, "sources left byte-identical");

    let parent = store.find_by_source("claude-code", PARENT).expect("find").expect("the parent");
    assert_eq!(parent.metadata["subagent_calls"], json!({format!("{PARENT}/agent-a7f3"): "toolu_T1"}));
    let subagents = store.subagents(&parent).expect("subagents");
    assert_eq!(subagents.len(), 1);
    assert_eq!(subagents[0].call.as_deref(), Some("toolu_T1"));
    assert_eq!(subagents[0].session.source_id.as_deref(), Some(format!("{PARENT}/agent-a7f3").as_str()));
    assert_eq!((subagents[0].session.title.as_str(), subagents[0].session.event_count), ("Find the parser's bugs", 2));
    // A subagent's own subagents are none; the others' are none.
    assert!(store.subagents(&subagents[0].session).expect("subagents").is_empty());
    let others = store.list_sessions(0, 10).expect("list");
    let with_subagents = others.iter().filter(|s| !store.subagents(s).expect("subagents").is_empty()).count();
    assert_eq!(with_subagents, 1);

    // The list shows it under its parent, not as a session of its own.
    let top: Vec<String> = store.list_top_level(None, 0, 10).expect("list").into_iter().map(|s| s.id).collect();
    assert_eq!(top.len(), 4);
    assert!(!top.contains(&subagents[0].session.id));
    let nested = store.nested_under(&parent.id).expect("nested");
    assert_eq!(
        nested.iter().map(|n| (n.session.id.as_str(), n.depth)).collect::<Vec<_>>(),
        [(subagents[0].session.id.as_str(), 1)]
    );

    // In the trash, a subagent is not offered.
    store.delete(&subagents[0].session.id).expect("delete");
    assert!(store.subagents(&parent).expect("subagents").is_empty());
}

#[test]
fn reimporting_a_store_made_before_links_adds_them() {
    let temp = tempfile::tempdir().expect("temp");
    let projects = projects_with_a_subagent(temp.path());
    let path = temp.path().join("recall.db");
    {
        let store = Store::open(&path).expect("store");
        assert_eq!(run(&store, &projects).sessions_added, 5);
    }
    // As an earlier recall left it: no call links.
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute("UPDATE sessions SET metadata = json_remove(metadata, '$.subagent_calls')", []).expect("strip");
    drop(conn);
    let store = Store::open(&path).expect("store");
    let parent = store.find_by_source("claude-code", PARENT).expect("find").expect("the parent");
    assert_eq!(store.subagents(&parent).expect("subagents")[0].call, None);

    let again = run(&store, &projects);
    assert_eq!((again.sessions_unchanged, again.events_added), (5, 0), "the events are as they were");
    let parent = store.find_by_source("claude-code", PARENT).expect("find").expect("the parent");
    assert_eq!(store.subagents(&parent).expect("subagents")[0].call.as_deref(), Some("toolu_T1"));
}
