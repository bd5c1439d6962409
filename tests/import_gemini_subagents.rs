//! Gemini CLI subagent chats imported with the call that started them. The lines are in the
//! shapes google-gemini/gemini-cli writes: the chat header and message records of
//! `packages/core/src/services/chatRecordingTypes.ts` (`ConversationRecord`, `MessageRecord`,
//! `ToolCallRecord` with `agentId`), a subagent's chat created by `ChatRecordingService.initialize`
//! (`packages/core/src/services/chatRecordingService.ts`) as `chats/<parent session id>/<agent
//! id>.jsonl` with `sessionId` = the agent id and `kind: "subagent"`, and the subagent tool's
//! result text of `packages/core/src/agents/local-invocation.ts`.

mod import_support;

use std::path::Path;

use import_support::{copy_fixture, fingerprint, stored_call_ids};
use recall::import::{self, Format, Options, Source, Summary};
use recall::store::Store;
use serde_json::{Value, json};

const PARENT: &str = "5f3c2a10-8d4e-4b6a-9c1f-2e7d0b9a4c11";
const AGENT: &str = "0b8e7c6d-1a2f-4e3d-8c5b-6a7f9e0d1c22";
const CALL: &str = "codebase_investigator__codebase_investigator_1796080000000_0";
/// Sessions in the 0.61 fixture (SCHEMA.md).
const FIXTURE_SESSIONS: usize = 3;

fn run(store: &Store, home: &Path) -> Summary {
    let sources = [Source { format: Format::GeminiCli, path: home.to_path_buf() }];
    import::run(store, &sources, &Options::default(), &mut |_| {})
}

fn write_lines(file: &Path, lines: &[Value]) {
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    std::fs::write(file, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).expect("write");
}

fn header(id: &str, kind: &str) -> Value {
    let mut header = json!({"sessionId": id, "projectHash": "83306f3b9a38f575a5c2cf532acda4123712a7b063902ece05130d8d4eb4f01f",
        "startTime": "2026-11-30T23:10:00.000Z", "lastUpdated": "2026-11-30T23:10:00.000Z", "kind": kind});
    if kind == "subagent" {
        header["directories"] = json!(["/home/dev/gemini-demo"]);
    }
    header
}

fn user(id: &str, text: &str) -> Value {
    json!({"id": id, "timestamp": "2026-11-30T23:10:01.000Z", "type": "user", "content": [{"text": text}]})
}

fn reply(id: &str, text: &str) -> Value {
    json!({"id": id, "timestamp": "2026-11-30T23:10:09.000Z", "type": "gemini", "content": text,
        "thoughts": [], "model": "gemini-3.8-flash"})
}

/// The parent's turn: a `codebase_investigator` call whose record names the agent it ran.
fn subagent_call(agent_id: Option<&str>) -> Value {
    let output = "Subagent 'codebase_investigator' finished.\nTermination Reason: GOAL\nResult:\nTwo bugs in parse().";
    let mut call = json!({"id": CALL, "name": "codebase_investigator",
        "args": {"objective": "Find the parser's bugs"},
        "result": [{"functionResponse": {"id": CALL, "name": "codebase_investigator", "response": {"output": output}}}],
        "status": "success", "timestamp": "2026-11-30T23:10:08.000Z",
        "resultDisplay": {"isSubagentProgress": true, "agentName": "codebase_investigator", "recentActivity": [],
            "state": "completed", "result": "Two bugs in parse().", "terminateReason": "GOAL"},
        "description": "Find the parser's bugs", "displayName": "Codebase Investigator Agent"});
    if let Some(agent_id) = agent_id {
        call["agentId"] = json!(agent_id);
    }
    json!({"id": "g1", "timestamp": "2026-11-30T23:10:02.000Z", "type": "gemini", "content": "",
        "thoughts": [], "tokens": {"input": 2100, "output": 40, "cached": 0, "thoughts": 0, "tool": 0, "total": 2140},
        "model": "gemini-3.8-flash", "toolCalls": [call]})
}

/// A copy of the fixture's `.gemini` with a session that started a subagent, and its chat.
fn home_with_a_subagent(root: &Path, agent_id: Option<&str>) -> std::path::PathBuf {
    let home = copy_fixture("gemini-cli/0.61.0/dot-gemini", root);
    let chats = home.join("tmp/gemini-demo/chats");
    write_lines(
        &chats.join("session-2026-11-30T23-10-5f3c2a10.jsonl"),
        &[
            header(PARENT, "main"),
            user("u1", "Why does the parser fail?"),
            subagent_call(agent_id),
            reply("g2", "It has two bugs."),
        ],
    );
    write_lines(
        &chats.join(PARENT).join(format!("{AGENT}.jsonl")),
        &[header(AGENT, "subagent"), user("s1", "Find the parser's bugs"), reply("s2", "Two bugs in parse().")],
    );
    home
}

#[test]
fn the_fixture_sessions_have_no_subagent_calls() {
    let temp = tempfile::tempdir().expect("temp");
    let home = copy_fixture("gemini-cli/0.61.0/dot-gemini", temp.path());
    let store = Store::open_in_memory().expect("store");
    let summary = run(&store, &home);
    assert_eq!((summary.sessions_added, summary.skipped), (FIXTURE_SESSIONS, 0));
    for session in store.list_sessions(0, 10).expect("list") {
        assert!(session.metadata.get("subagent_calls").is_none(), "{}", session.title);
        assert!(store.subagents(&session).expect("subagents").is_empty(), "{}", session.title);
    }
}

#[test]
fn the_agent_id_of_a_call_links_the_subagent_chat_it_started() {
    let temp = tempfile::tempdir().expect("temp");
    let home = home_with_a_subagent(temp.path(), Some(AGENT));
    let before = fingerprint(&home);
    let store = Store::open_in_memory().expect("store");
    let summary = run(&store, &home);
    assert_eq!((summary.sessions_added, summary.skipped), (FIXTURE_SESSIONS + 2, 0));
    assert_eq!(fingerprint(&home), before, "sources left byte-identical");

    let parent = store.find_by_source("gemini-cli", PARENT).expect("find").expect("the parent");
    assert_eq!(parent.metadata["subagent_calls"], json!({AGENT: CALL}));
    let subagents = store.subagents(&parent).expect("subagents");
    assert_eq!(subagents.len(), 1);
    assert_eq!(subagents[0].session.source_id.as_deref(), Some(AGENT));
    assert_eq!(subagents[0].session.metadata["parent_session"], PARENT);
    assert_eq!(subagents[0].call.as_deref(), Some(CALL));

    // The view links a call by the id its parsed block carries: the record's `id`.
    let call_ids: Vec<String> = stored_call_ids(&store, &parent.id).into_iter().map(|(_, id)| id).collect();
    assert_eq!(call_ids, [CALL]);
}

#[test]
fn a_call_recorded_before_agent_ids_leaves_the_subagent_unlinked() {
    let temp = tempfile::tempdir().expect("temp");
    let home = home_with_a_subagent(temp.path(), None);
    let store = Store::open_in_memory().expect("store");
    assert_eq!(run(&store, &home).sessions_added, FIXTURE_SESSIONS + 2);
    let parent = store.find_by_source("gemini-cli", PARENT).expect("find").expect("the parent");
    assert!(parent.metadata.get("subagent_calls").is_none());
    let subagents = store.subagents(&parent).expect("subagents");
    assert_eq!(subagents.iter().map(|s| s.call.clone()).collect::<Vec<_>>(), [None], "still a subagent, no call");
}
