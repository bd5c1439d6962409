//! `recall mcp` spoken to over its stdin/stdout, as an agent's client does: the handshake,
//! the tool list with schemas, each tool, paging, bad arguments, and a clean exit.

mod mcp_support;

use mcp_support::{Client, seed};
use serde_json::{Value, json};

/// The names of the tools listed, sorted.
fn tool_names(list: &Value) -> Vec<String> {
    let tools = list["result"]["tools"].as_array().expect("tools/list gives tools");
    let mut names: Vec<String> = tools.iter().map(|tool| tool["name"].as_str().expect("a name").to_string()).collect();
    names.sort();
    names
}

#[test]
fn initialize_names_the_server_and_offers_tools() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    seed(&db);
    let (mut client, init) = Client::start(&db, &[]);
    let result = &init["result"];
    assert_eq!(result["serverInfo"]["name"], "recall", "{init}");
    assert!(result["capabilities"]["tools"].is_object(), "{init}");
    let list = client.request("tools/list", json!({}));
    assert_eq!(
        tool_names(&list),
        ["list_sessions", "read_session", "search_history"],
        "no log_event without --allow-log"
    );
    for tool in list["result"]["tools"].as_array().unwrap() {
        let description = tool["description"].as_str().expect("a description");
        assert!(description.len() > 150, "a description a model can act on: {tool}");
        assert_eq!(tool["inputSchema"]["type"], "object", "{tool}");
        assert!(tool["inputSchema"]["properties"].is_object(), "{tool}");
    }
    let tools = list["result"]["tools"].as_array().unwrap();
    let search = &tools.iter().find(|tool| tool["name"] == "search_history").unwrap()["inputSchema"];
    assert_eq!(search["required"], json!(["query"]), "{search}");
    assert!(client.close().success());
}

#[test]
fn search_history_gives_each_hit_with_its_session_agent_project_time_and_seq() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    let [deploy, _, rollback] = seed(&db);
    let (mut client, _) = Client::start(&db, &[]);
    let (text, is_error) = client.call("search_history", json!({"query": "staging"}));
    assert!(!is_error, "{text}");
    // The session that keeps coming back to staging first, though older, with its best hit.
    let expected = format!(
        "{deploy} · \"Deploy script\" · Claude Code · /home/ann/shop · updated 2026-11-30T10:04:00Z · 4 events\n\
         \x20 seq 1 · 2026-11-30T10:00:00Z: … the deploy fail on staging?\n\
         \x20 also at seq 2, 3, 4\n\
         {rollback} · \"Deploy rollback\" · Gemini CLI · /home/ann/shop · updated 2026-11-30T12:01:00Z · 1 events\n\
         \x20 seq 1 · 2026-11-30T12:00:00Z: Roll back the staging deploy\n\
         Sessions 1-2 shown, best first; that is all. read_session with a session id and from_seq reads around a hit."
    );
    assert_eq!(text, expected);

    let (titles, _) = client.call("search_history", json!({"query": "rollback"}));
    assert!(titles.starts_with(&format!("{rollback} · \"Deploy rollback\"")), "{titles}");
    assert!(titles.contains("\n  the title matches\n"), "{titles}");

    let (none, is_error) = client.call("search_history", json!({"query": "kubernetes"}));
    assert!(!is_error);
    assert_eq!(none, "No matches for \"kubernetes\".");
    assert!(client.close().success());
}

#[test]
fn search_history_pages_with_offset() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    seed(&db);
    let (mut client, _) = Client::start(&db, &[]);
    let (first, _) = client.call("search_history", json!({"query": "staging", "limit": 1}));
    assert_eq!(first.matches("\n  seq ").count(), 1, "{first}");
    assert!(first.contains("\"Deploy script\""), "{first}");
    assert!(first.ends_with("Sessions 1-1 shown, best first; more match: call again with offset=1. read_session with a session id and from_seq reads around a hit."), "{first}");
    let (second, _) = client.call("search_history", json!({"query": "staging", "limit": 1, "offset": 1}));
    assert!(second.contains("\"Deploy rollback\"") && second.contains("  seq 1 ·"), "{second}");
    assert!(second.contains("Sessions 2-2 shown, best first; that is all."), "{second}");
    let (past, _) = client.call("search_history", json!({"query": "staging", "limit": 1, "offset": 2}));
    assert_eq!(past, "No matches for \"staging\" past offset 2.");
}

#[test]
fn search_history_and_list_sessions_take_qualifiers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    let [deploy, parser, rollback] = seed(&db);
    let (mut client, _) = Client::start(&db, &[]);
    let (text, is_error) = client.call("search_history", json!({"query": "staging agent:gemini-cli"}));
    assert!(!is_error, "{text}");
    assert!(text.starts_with(&format!("{rollback} · \"Deploy rollback\" · Gemini CLI")), "{text}");
    assert!(!text.contains(&deploy), "{text}");
    let (text, _) = client.call("search_history", json!({"query": "staging -agent:gemini-cli project:shop"}));
    assert!(text.starts_with(&format!("{deploy} ·")) && !text.contains(&rollback), "{text}");
    let (text, _) = client.call("search_history", json!({"query": "\"deploy fail\""}));
    assert!(text.contains("seq 1 · 2026-11-30T10:00:00Z: Why does the deploy fail on staging?"), "{text}");
    assert!(text.contains("Sessions 1-1 shown"), "a phrase keeps its words together: {text}");

    let (list, is_error) = client.call("list_sessions", json!({"filter": "agent:codex"}));
    assert!(!is_error, "{list}");
    assert!(list.starts_with(&format!("{parser} · \"Parser rewrite\" · Codex")), "{list}");
    assert!(list.ends_with("Sessions 1-1 shown; that is all."), "{list}");
    let (list, _) = client.call("list_sessions", json!({"filter": "project:shop deploy -agent:claude-code"}));
    assert!(list.starts_with(&format!("{rollback} ·")) && list.ends_with("Sessions 1-1 shown; that is all."), "{list}");
    let (code, message) = client.call_error("list_sessions", json!({"filter": "after:soon"}));
    assert_eq!(code, -32602, "{message}");
    assert!(message.contains("'soon' is not a time"), "{message}");
}

#[test]
fn list_sessions_is_newest_first_filtered_by_title_and_paged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    let [deploy, parser, rollback] = seed(&db);
    let (mut client, _) = Client::start(&db, &[]);
    let (all, is_error) = client.call("list_sessions", json!({}));
    assert!(!is_error, "{all}");
    let expected = format!(
        "{rollback} · \"Deploy rollback\" · Gemini CLI · /home/ann/shop · updated 2026-11-30T12:01:00Z · 1 events\n\
         {parser} · \"Parser rewrite\" · Codex · /home/ann/lang · updated 2026-11-30T11:02:00Z · 2 events\n\
         {deploy} · \"Deploy script\" · Claude Code · /home/ann/shop · updated 2026-11-30T10:04:00Z · 4 events\n\
         Sessions 1-3 shown; that is all."
    );
    assert_eq!(all, expected);

    let (page, _) = client.call("list_sessions", json!({"limit": 1, "offset": 1}));
    assert!(page.starts_with(&format!("{parser} ·")), "{page}");
    assert!(page.ends_with("Sessions 2-2 shown; more follow: call again with offset=2."), "{page}");

    let (deploys, _) = client.call("list_sessions", json!({"filter": "deploy"}));
    let ids: Vec<&str> = deploys.lines().filter_map(|line| line.split(" · ").next()).take(2).collect();
    assert_eq!(ids, [rollback.as_str(), deploy.as_str()], "{deploys}");
    assert!(deploys.ends_with("Sessions 1-2 shown; that is all."), "{deploys}");
    let (none, _) = client.call("list_sessions", json!({"filter": "kubernetes"}));
    assert_eq!(none, "No session matches \"kubernetes\".");
}

#[test]
fn bad_arguments_are_mcp_errors_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    seed(&db);
    let (mut client, _) = Client::start(&db, &[]);
    const INVALID_PARAMS: i64 = -32602;
    let (code, message) = client.call_error("search_history", json!({"query": "deploy", "limit": 0}));
    assert_eq!((code, message.as_str()), (INVALID_PARAMS, "limit must be between 1 and 50"));
    // Arguments that do not fit the schema: rmcp answers with a tool error naming the field.
    let (message, is_error) = client.call("search_history", json!({"query": "deploy", "limit": "ten"}));
    assert!(is_error && message.contains("expected usize"), "{message}");
    let (message, is_error) = client.call("search_history", json!({"limit": 3}));
    assert!(is_error && message.contains("missing field `query`"), "{message}");
    let (code, message) = client.call_error("search_history", json!({"query": "-- :: **"}));
    assert_eq!((code, message.as_str()), (INVALID_PARAMS, "query has no words to search for"));
    let (code, message) = client.call_error("list_sessions", json!({"limit": 500}));
    assert_eq!((code, message.as_str()), (INVALID_PARAMS, "limit must be between 1 and 100"));
    let (message, is_error) = client.call("list_sessions", json!({"colour": "red"}));
    assert!(is_error && message.contains("unknown field `colour`"), "unknown arguments are refused: {message}");
    let unknown = client.request("tools/call", json!({"name": "drop_tables", "arguments": {}}));
    assert!(unknown["error"].is_object(), "{unknown}");
    // Still serving after all of that.
    let (text, is_error) = client.call("list_sessions", json!({"limit": 1}));
    assert!(!is_error && text.contains("Deploy rollback"), "{text}");
    assert!(client.close().success());
}

#[test]
fn a_missing_store_is_reported_per_call_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nowhere").join("recall.db");
    let (mut client, _) = Client::start(&db, &[]);
    let (text, is_error) = client.call("list_sessions", json!({}));
    assert!(is_error, "{text}");
    assert!(text.starts_with("there is no recall store at ") && text.contains("recall import --auto"), "{text}");
    let (_, again) = client.call("search_history", json!({"query": "deploy"}));
    assert!(again, "still reported, still serving");
    assert!(client.close().success());
    assert!(!db.exists() && !db.parent().unwrap().exists(), "a read-only server creates nothing");
}

#[test]
fn the_server_exits_cleanly_when_stdin_closes_at_any_point() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    seed(&db);
    let before = std::fs::read(&db).unwrap();
    let unstarted = Client::spawn(&db, &[]);
    assert!(unstarted.close().success(), "closed before the handshake");
    let (mut client, _) = Client::start(&db, &[]);
    client.call("search_history", json!({"query": "deploy"}));
    assert!(client.close().success(), "closed after a call");
    assert_eq!(std::fs::read(&db).unwrap(), before, "a read-only server leaves the store's bytes as they were");
}

#[test]
fn read_session_gives_a_transcript_with_tool_calls_and_folded_results() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    let [deploy, ..] = seed(&db);
    let (mut client, _) = Client::start(&db, &[]);
    let (text, is_error) = client.call("read_session", json!({"id": &deploy[..deploy.len() - 1]}));
    assert!(!is_error, "{text}");
    let expected = format!(
        "{deploy} · \"Deploy script\" · Claude Code · /home/ann/shop · updated 2026-11-30T10:04:00Z · 4 events\n\
         \n[seq 1 · 2026-11-30T10:00:00Z] You\nWhy does the deploy fail on staging?\n\
         \n[seq 2 · 2026-11-30T10:01:00Z] Tool call: bash (id call_1)\n{{\n  \"command\": \"./deploy.sh staging\"\n}}\n\
         \n[seq 3 · 2026-11-30T10:02:00Z] Tool result: bash (for id call_1)\n\
         error: missing STAGING_KEY\nline 2\nline 3\nline 4\nline 5\n\
         [3 more lines; include_tool_output=true shows them]\n\
         \n[seq 4 · 2026-11-30T10:03:00Z] Assistant\nWe decided to read STAGING_KEY from the vault, not from .env.\n\
         Events seq 1-4 of 4. That is the end of the session."
    );
    assert_eq!(text, expected);

    let (full, _) =
        client.call("read_session", json!({"id": deploy, "from_seq": 3, "limit": 1, "include_tool_output": true}));
    assert!(full.contains("line 8\n") && !full.contains("more lines"), "{full}");
    assert!(
        full.ends_with(&format!(
            "Events seq 3-3 of 4. More follows: call read_session with id=\"{deploy}\" and from_seq=4."
        )),
        "{full}"
    );
    let (past, _) = client.call("read_session", json!({"id": deploy, "from_seq": 9}));
    assert!(past.ends_with("No events from seq 9: the session has 4 events."), "{past}");

    const INVALID_PARAMS: i64 = -32602;
    let (code, message) = client.call_error("read_session", json!({"id": "zzzz"}));
    assert_eq!((code, message.as_str()), (INVALID_PARAMS, "no session matches 'zzzz'"));
    let (code, _) = client.call_error("read_session", json!({"id": deploy, "from_seq": 0}));
    assert_eq!(code, INVALID_PARAMS);
    let (code, _) = client.call_error("log_event", json!({"new_title": "x", "events": [{}]}));
    assert!(code != 0, "log_event is not served without --allow-log");
}

#[test]
fn a_hostile_title_and_text_reach_the_model_sanitized() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    let id = {
        let store = recall::store::Store::open(&db).unwrap();
        let events = [json!({"role": "user", "content": "plain \u{1b}]52;c;QUJD\u{7}clipboard \u{1b}[31mred"})];
        mcp_support::import(&store, "codex", "h", "evil\u{1b}[2J title", "/p", mcp_support::at(8, 0), &events)
    };
    let (mut client, _) = Client::start(&db, &[]);
    let (text, _) = client.call("read_session", json!({"id": id}));
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
    assert!(text.contains("\"evil title\"") && text.contains("plain clipboard red"), "{text}");
    let (hits, _) = client.call("search_history", json!({"query": "clipboard"}));
    assert!(!hits.contains('\u{1b}') && hits.contains("plain clipboard red"), "{hits}");
}

#[test]
fn log_event_with_allow_log_appends_or_starts_a_session() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    let [deploy, ..] = seed(&db);
    let (mut client, _) = Client::start(&db, &["--allow-log"]);
    let list = client.request("tools/list", json!({}));
    assert_eq!(tool_names(&list), ["list_sessions", "log_event", "read_session", "search_history"]);
    let (text, is_error) = client.call(
        "log_event",
        json!({"session": &deploy[..deploy.len() - 1], "events": [{"role": "user", "content": "Vault works now"}]}),
    );
    assert!(!is_error, "{text}");
    assert_eq!(text, format!("Logged 1 event to session {deploy} as seq 5-5."));
    let (text, _) = client.call(
        "log_event",
        json!({"new_title": "Notes", "events": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]}),
    );
    assert!(text.starts_with("Logged 2 events to a new session ") && text.ends_with(" as seq 1-2."), "{text}");
    let (code, _) = client.call_error("log_event", json!({"events": [{"a": 1}]}));
    assert_eq!(code, -32602, "where to log is required");
    let (code, _) = client.call_error("log_event", json!({"new_title": "x", "events": []}));
    assert_eq!(code, -32602);
    assert!(client.close().success());
    let store = recall::store::Store::open(&db).unwrap();
    assert_eq!(store.event(&deploy, 5).unwrap().json(), json!({"role": "user", "content": "Vault works now"}));
    assert_eq!(store.session_count().unwrap(), 4);
}

#[test]
fn a_locked_store_is_reported_per_call_and_the_next_call_works() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    let [deploy, ..] = seed(&db);
    let (mut client, _) = Client::start(&db, &["--allow-log"]);
    let locker = rusqlite::Connection::open(&db).unwrap();
    locker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let (text, is_error) = client.call("log_event", json!({"session": deploy, "events": [{"a": 1}]}));
    assert!(is_error, "{text}");
    assert!(text.contains("locked"), "{text}");
    locker.execute_batch("COMMIT").unwrap();
    let (text, is_error) = client.call("log_event", json!({"session": deploy, "events": [{"a": 1}]}));
    assert!(!is_error && text.ends_with("as seq 5-5."), "{text}");
}
