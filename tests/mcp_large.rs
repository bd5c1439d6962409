//! `recall mcp` on big stores: a 100,000-event session read in bounded pages, and (ignored,
//! run by hand) how long `search_history` takes on a 50,000-event store.

mod mcp_support;

use std::time::{Duration, Instant};

use mcp_support::{Client, at, import};
use recall::mcp::MAX_CHARS;
use recall::store::Store;
use serde_json::{Value, json};

/// Events of about 300 characters, every tenth a tool result of 40 lines.
fn events(count: usize) -> Vec<Value> {
    (1..=count)
        .map(|n| {
            if n % 10 == 0 {
                let lines: Vec<String> = (1..=40).map(|line| format!("output line {line} of step {n}")).collect();
                json!({"role": "tool", "tool_call_id": format!("call_{n}"), "content": lines.join("\n")})
            } else {
                json!({"role": if n % 2 == 0 { "assistant" } else { "user" },
                       "content": format!("step {n}: {}", "we weighed the options again and moved on. ".repeat(7))})
            }
        })
        .collect()
}

#[test]
fn a_100000_event_session_is_read_in_bounded_pages() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    let id = {
        let store = Store::open(&db).unwrap();
        import(&store, "codex", "huge", "The long one", "/home/ann/big", at(9, 0), &events(100_000))
    };
    let (mut client, _) = Client::start(&db, &[]);
    let started = Instant::now();
    let (page, is_error) =
        client.call("read_session", json!({"id": &id[..8], "limit": 500, "include_tool_output": true}));
    assert!(!is_error, "{page}");
    assert!(page.chars().count() <= MAX_CHARS, "{} characters", page.chars().count());
    let tail = page.lines().last().unwrap();
    let next: usize = tail.rsplit_once("from_seq=").expect("a way on").1.trim_end_matches('.').parse().unwrap();
    assert!(
        tail.starts_with(&format!("Events seq 1-{} of 100000, cut at the answer's size limit. More follows", next - 1)),
        "{tail}"
    );
    assert!(next > 20 && next < 500, "a page of whole events: {next}");
    assert!(page.contains(&format!("[seq {} · ", next - 1)) && !page.contains(&format!("[seq {next} · ")), "{tail}");

    let (end, _) = client.call("read_session", json!({"id": id, "from_seq": 99_990}));
    assert!(end.chars().count() <= MAX_CHARS);
    assert!(end.ends_with("Events seq 99990-100000 of 100000. That is the end of the session."), "{end}");
    assert!(end.contains("[35 more lines; include_tool_output=true shows them]"), "{end}");
    eprintln!("two pages of a 100,000-event session in {:?}", started.elapsed());
    assert!(client.close().success());
}

/// Run with `cargo test --release --test mcp_large -- --ignored --nocapture`.
#[test]
#[ignore = "builds a 50,000-event store; a measurement, run by hand"]
fn search_history_latency_on_a_50000_event_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("recall.db");
    {
        let store = Store::open(&db).unwrap();
        for session in 0..500 {
            let mut events = events(100);
            if session % 50 == 0 {
                events[7] =
                    json!({"role": "user", "content": format!("the lighthouse keeper {session} wrote it down")});
            }
            import(&store, "codex", &format!("s{session}"), &format!("Session {session}"), "/p", at(0, 0), &events);
        }
        store.catch_up_index(20_000, &mut |_, _| {}).unwrap();
    }
    let (mut client, _) = Client::start(&db, &[]);
    for query in ["lighthouse keeper", "options", "step 4999", "nothingmatches"] {
        let mut times = Vec::new();
        for _ in 0..20 {
            let started = Instant::now();
            let (_, is_error) = client.call("search_history", json!({"query": query}));
            times.push(started.elapsed());
            assert!(!is_error);
        }
        times.sort();
        let median = times[times.len() / 2];
        let max = times.last().copied().unwrap_or(Duration::ZERO);
        println!(
            "search_history {query:?} on 50,000 events: median {median:?}, max {max:?} (request to response, stdio)"
        );
    }
    assert!(client.close().success());
}
