//! Codex sub-agent threads imported with the call that spawned them. The lines below are
//! written in the shapes Codex serialises (openai/codex): the rollout envelope and
//! `session_meta` of `codex-rs/protocol/src/protocol.rs` (`RolloutLine`, `SessionMeta`,
//! `SessionSource::SubAgent(SubAgentSource::ThreadSpawn)`), the Responses items of
//! `codex-rs/protocol/src/models.rs`, and the `spawn_agent` output of
//! `codex-rs/core/src/tools/handlers/multi_agents/spawn.rs` (`SpawnAgentResult`), with the
//! 0.169 fields the fixture's own lines carry (`ordinal`, `session_id`, `thread_source`).

mod import_support;

use std::path::{Path, PathBuf};

use import_support::{copy_fixture, fingerprint, stored_call_ids};
use recall::import::{self, Format, Options, Source, Summary};
use recall::store::Store;
use serde_json::{Value, json};

const PARENT: &str = "01a1fe71-5a10-7c3e-9d2b-0c4e8f1a2b01";
const CHILD: &str = "01a1fe71-6b22-7f01-8a3c-1d5f9e2b3c02";
const SPAWN_CALL: &str = "call_000031";
/// The fixture's three threads hold 29 events.
const FIXTURE_EVENTS: usize = 29;

fn run(store: &Store, home: &Path) -> Summary {
    let sources = [Source { format: Format::Codex, path: home.to_path_buf() }];
    import::run(store, &sources, &Options::default(), &mut |_| {})
}

fn envelope(ordinal: u64, kind: &str, payload: Value) -> Value {
    json!({"timestamp": format!("2026-11-21T15:00:{:02}.000Z", ordinal), "ordinal": ordinal, "type": kind,
        "payload": payload})
}

fn session_meta(id: &str, source: Value, thread_source: &str) -> Value {
    envelope(
        0,
        "session_meta",
        json!({"session_id": id, "id": id, "timestamp": "2026-11-21T15:00:00.000Z",
        "cwd": "/home/dev/codex-demo", "originator": "codex_exec", "cli_version": "0.169.0", "source": source,
        "thread_source": thread_source, "model_provider": "openai", "history_mode": "paginated"}),
    )
}

fn message(ordinal: u64, role: &str, text: &str) -> Value {
    let part = if role == "user" { "input_text" } else { "output_text" };
    envelope(
        ordinal,
        "response_item",
        json!({"type": "message", "role": role,
        "content": [{"type": part, "text": text}]}),
    )
}

fn write_rollout(home: &Path, id: &str, lines: &[Value]) -> PathBuf {
    let path = home.join(format!("sessions/2026/11/21/rollout-2026-11-21T15-00-00-{id}.jsonl"));
    std::fs::write(&path, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).expect("write rollout");
    path
}

/// The parent's lines: a `spawn_agent` call and its output naming the child thread.
fn parent_lines() -> Vec<Value> {
    vec![
        session_meta(PARENT, json!("exec"), "user"),
        message(1, "user", "Why does the parser fail?"),
        envelope(
            2,
            "response_item",
            json!({"type": "function_call", "name": "spawn_agent",
            "arguments": "{\"message\":\"Find the parser's bugs\",\"agent_type\":\"explorer\"}", "call_id": SPAWN_CALL}),
        ),
        envelope(
            3,
            "response_item",
            json!({"type": "function_call_output", "call_id": SPAWN_CALL,
            "output": format!("{{\"agent_id\":\"{CHILD}\",\"nickname\":\"Ada\"}}")}),
        ),
        message(4, "assistant", "It has two bugs."),
    ]
}

/// The child's lines: its `session_meta` names the parent in a thread-spawn source.
fn child_lines() -> Vec<Value> {
    let source = json!({"subagent": {"thread_spawn": {"parent_thread_id": PARENT, "depth": 1,
        "agent_path": null, "agent_nickname": "Ada", "agent_role": "explorer"}}});
    vec![
        session_meta(CHILD, source, "subagent"),
        message(1, "user", "Find the parser's bugs"),
        message(2, "assistant", "Two bugs."),
    ]
}

#[test]
fn the_fixture_threads_import_as_before() {
    let temp = tempfile::tempdir().expect("temp");
    let home = copy_fixture("codex-cli/0.169.0/codex-home", temp.path());
    let store = Store::open_in_memory().expect("store");
    let summary = run(&store, &home);
    assert_eq!((summary.sessions_added, summary.events_added, summary.skipped), (3, FIXTURE_EVENTS, 0));
    for session in store.list_sessions(0, 10).expect("list") {
        assert!(store.subagents(&session).expect("subagents").is_empty(), "{}", session.title);
        for key in ["parent_session", "subagent_calls", "agent_nickname", "agent_role"] {
            assert!(session.metadata.get(key).is_none(), "{key} on {}", session.title);
        }
        assert_eq!(session.metadata["source"], "exec");
    }
}

#[test]
fn a_spawn_agent_call_links_the_thread_it_spawned() {
    let temp = tempfile::tempdir().expect("temp");
    let home = copy_fixture("codex-cli/0.169.0/codex-home", temp.path());
    write_rollout(&home, PARENT, &parent_lines());
    write_rollout(&home, CHILD, &child_lines());
    let before = fingerprint(&home);
    let store = Store::open_in_memory().expect("store");
    let summary = run(&store, &home);
    assert_eq!((summary.sessions_added, summary.events_added, summary.skipped), (5, FIXTURE_EVENTS + 4 + 2, 0));
    assert_eq!(fingerprint(&home), before, "sources left byte-identical");

    let parent = store.find_by_source("codex", PARENT).expect("find").expect("the parent");
    assert_eq!(parent.metadata["subagent_calls"], json!({CHILD: SPAWN_CALL}));
    assert!(parent.metadata.get("parent_session").is_none());
    let child = store.find_by_source("codex", CHILD).expect("find").expect("the child");
    assert_eq!(child.metadata["parent_session"], PARENT);
    assert_eq!((&child.metadata["agent_nickname"], &child.metadata["agent_role"]), (&json!("Ada"), &json!("explorer")));

    let subagents = store.subagents(&parent).expect("subagents");
    assert_eq!(subagents.len(), 1);
    assert_eq!(subagents[0].session.source_id.as_deref(), Some(CHILD));
    assert_eq!(subagents[0].call.as_deref(), Some(SPAWN_CALL));
    assert_eq!(subagents[0].session.event_count, 2);
    assert!(store.subagents(&child).expect("subagents").is_empty());

    // The view links a call by the id its parsed block carries: Codex's `call_id`.
    let call_ids: Vec<String> = stored_call_ids(&store, &parent.id)
        .into_iter()
        .filter_map(|(name, id)| (name == "spawn_agent").then_some(id))
        .collect();
    assert_eq!(call_ids, [SPAWN_CALL]);
}

#[test]
fn the_spawn_edges_of_the_thread_index_name_the_parent() {
    let temp = tempfile::tempdir().expect("temp");
    let home = copy_fixture("codex-cli/0.169.0/codex-home", temp.path());
    // A child whose own header names no parent (as a rollout cut short might): the index's
    // spawn graph still does.
    let mut lines = child_lines();
    lines[0]["payload"]["source"] = json!("exec");
    write_rollout(&home, CHILD, &lines);
    write_rollout(&home, PARENT, &parent_lines());
    let conn = rusqlite::Connection::open(home.join("state_5.sqlite")).expect("open the copy");
    conn.execute("INSERT INTO thread_spawn_edges VALUES (?1, ?2, 'completed')", [PARENT, CHILD]).expect("edge");
    drop(conn);
    let store = Store::open_in_memory().expect("store");
    assert_eq!(run(&store, &home).sessions_added, 5);
    let child = store.find_by_source("codex", CHILD).expect("find").expect("the child");
    assert_eq!(child.metadata["parent_session"], PARENT);
    let parent = store.find_by_source("codex", PARENT).expect("find").expect("the parent");
    let subagents = store.subagents(&parent).expect("subagents");
    assert_eq!(subagents.iter().map(|s| s.call.as_deref()).collect::<Vec<_>>(), [Some(SPAWN_CALL)]);
}

#[test]
fn a_spawn_whose_output_comes_in_a_later_tail_is_still_linked() {
    let temp = tempfile::tempdir().expect("temp");
    let home = temp.path().join("codex-home");
    std::fs::create_dir_all(home.join("sessions/2026/11/21")).expect("mkdir");
    let lines = parent_lines();
    let file = write_rollout(&home, PARENT, &lines[..3]);
    let mut skipped = Vec::new();
    let first = import::read_tail(&file, Format::Codex, 0, None, &mut skipped).expect("a tail format").expect("read");
    assert!(first.session.expect("events").metadata.get("subagent_calls").is_none());
    write_rollout(&home, PARENT, &lines);
    let rest = import::read_tail(&file, Format::Codex, first.consumed, Some(&first.state), &mut skipped)
        .expect("a tail format")
        .expect("read");
    assert!(skipped.is_empty());
    let session = rest.session.expect("the new events");
    assert_eq!(session.events.len(), 2);
    assert_eq!(session.metadata["subagent_calls"], json!({CHILD: SPAWN_CALL}));
}

/// MultiAgentV2 answers a spawn with the child's agent path (`{"task_name", "nickname"}`,
/// `codex-rs/core/src/tools/handlers/multi_agents_v2/spawn.rs`); the thread index knows which
/// thread has that path under the parent.
fn v2_home(root: &Path, indexed: bool) -> PathBuf {
    let home = copy_fixture("codex-cli/0.169.0/codex-home", root);
    let mut parent = parent_lines();
    parent[2]["payload"]["arguments"] = json!("{\"message\":\"Find the parser's bugs\",\"task_name\":\"parser_bugs\"}");
    parent[3]["payload"]["output"] = json!("{\"task_name\":\"/root/parser_bugs\",\"nickname\":\"Ada\"}");
    write_rollout(&home, PARENT, &parent);
    let mut child = child_lines();
    child[0]["payload"]["source"]["subagent"]["thread_spawn"]["agent_path"] = json!("/root/parser_bugs");
    write_rollout(&home, CHILD, &child);
    if indexed {
        let conn = rusqlite::Connection::open(home.join("state_5.sqlite")).expect("open the copy");
        conn.execute(
            "INSERT INTO threads (id, rollout_path, created_at, updated_at, source, model_provider, cwd, title,
                sandbox_policy, approval_mode, agent_nickname, agent_role, agent_path)
             VALUES (?1, '', 1795273200, 1795273209, '', 'openai', '/home/dev/codex-demo', 'Find the parser''s bugs',
                '{}', 'never', 'Ada', 'explorer', '/root/parser_bugs')",
            [CHILD],
        )
        .expect("thread");
        conn.execute("INSERT INTO thread_spawn_edges VALUES (?1, ?2, 'completed')", [PARENT, CHILD]).expect("edge");
    }
    home
}

#[test]
fn a_v2_spawn_links_the_thread_the_index_has_at_its_path() {
    let temp = tempfile::tempdir().expect("temp");
    let home = v2_home(temp.path(), true);
    let store = Store::open_in_memory().expect("store");
    assert_eq!(run(&store, &home).sessions_added, 5);
    let parent = store.find_by_source("codex", PARENT).expect("find").expect("the parent");
    assert_eq!(parent.metadata["subagent_calls"], json!({CHILD: SPAWN_CALL}));
    let subagents = store.subagents(&parent).expect("subagents");
    assert_eq!(subagents.iter().map(|s| s.call.as_deref()).collect::<Vec<_>>(), [Some(SPAWN_CALL)]);
    assert_eq!(subagents[0].session.metadata["agent_path"], "/root/parser_bugs");
}

#[test]
fn a_v2_spawn_the_index_does_not_know_leaves_the_child_unlinked() {
    let temp = tempfile::tempdir().expect("temp");
    let home = v2_home(temp.path(), false);
    let store = Store::open_in_memory().expect("store");
    assert_eq!(run(&store, &home).sessions_added, 5);
    let parent = store.find_by_source("codex", PARENT).expect("find").expect("the parent");
    assert!(parent.metadata.get("subagent_calls").is_none());
    let subagents = store.subagents(&parent).expect("subagents");
    assert_eq!(subagents.iter().map(|s| s.call.as_deref()).collect::<Vec<_>>(), [None], "a subagent, no call");
}

#[test]
fn a_v2_spawn_read_in_a_later_tail_is_resolved_through_the_index() {
    let temp = tempfile::tempdir().expect("temp");
    let home = v2_home(temp.path(), true);
    let file = home.join(format!("sessions/2026/11/21/rollout-2026-11-21T15-00-00-{PARENT}.jsonl"));
    let whole = std::fs::read_to_string(&file).expect("read");
    let three_lines: usize = whole.split_inclusive('\n').take(3).map(str::len).sum();
    std::fs::write(&file, &whole[..three_lines]).expect("cut");
    let mut skipped = Vec::new();
    let first = import::read_tail(&file, Format::Codex, 0, None, &mut skipped).expect("a tail format").expect("read");
    std::fs::write(&file, &whole).expect("grow");
    let rest = import::read_tail(&file, Format::Codex, first.consumed, Some(&first.state), &mut skipped)
        .expect("a tail format")
        .expect("read");
    assert!(skipped.is_empty());
    assert_eq!(rest.session.expect("the new events").metadata["subagent_calls"], json!({CHILD: SPAWN_CALL}));
}
