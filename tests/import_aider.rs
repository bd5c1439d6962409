//! Aider's `.aider.chat.history.md`: the real fixture (SCHEMA.md's inventory), and hand-made
//! histories for its traps: notes prefixed once, failed SEARCH/REPLACE blocks, histories found
//! below a folder, runs appended later, runs started in the same second, CRLF and bad bytes.

mod import_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Local, NaiveDateTime, TimeZone, Utc};
use import_support::{append, copy_fixture, fingerprint, fixture, read_all};
use recall::content::{Block, CallIndex, Role, Tally, parse};
use recall::import::{self, Format, Options, Source};
use recall::store::{ImportedSession, Store};
use serde_json::Value;

const PROJECT: &str = "aider/0.86.2/aider-demo";
const HISTORY: &str = ".aider.chat.history.md";

fn tally(sessions: &[ImportedSession]) -> [u64; 7] {
    let mut t = Tally::new();
    for session in sessions {
        let mut one = Tally::new();
        for event in &session.events {
            one.add_event(&serde_json::from_str(&event.content).expect("event is JSON"));
        }
        t.merge(&one);
    }
    [t.user, t.assistant, t.tool_calls, t.tool_results, t.tool_errors, t.reasoning, t.unrecognised]
}

fn json(event: &recall::store::NewEvent) -> Value {
    serde_json::from_str(&event.content).expect("json")
}

fn blocks_of(session: &ImportedSession) -> Vec<Vec<Block>> {
    session.events.iter().map(|e| parse(&json(e))).collect()
}

fn canonical_history(project: &Path) -> String {
    std::fs::canonicalize(project.join(HISTORY)).expect("canonical").display().to_string()
}

/// A run as aider 0.86 writes it: header, start-up notes, then `body`.
fn run(started: &str, body: &str) -> String {
    format!(
        "\n# aider chat started at {started}\n\n> aider --model openai/mock-coder  \n> Aider v0.86.2  \n> Model: openai/mock-coder with diff edit format  \n{body}"
    )
}

fn write_history(dir: &Path, text: &str) -> PathBuf {
    std::fs::create_dir_all(dir).expect("mkdir");
    let file = dir.join(HISTORY);
    std::fs::write(&file, text).expect("write");
    file
}

#[test]
fn fixture_counts_match_the_schema_inventory() {
    let project = fixture(PROJECT);
    let before = fingerprint(&project);
    let (sessions, skipped) = read_all(&project, Format::Aider);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(fingerprint(&project), before, "the fixture changed on disk");
    // SCHEMA.md: 4 runs; 3 user messages (the /test command is not one), 5 replies, 4 edit
    // blocks and 4 outcome notes, 1 of them failed; per run 1/1, 1/1 + 2/2, 0/1, 1/2 + 2/2 (1).
    assert_eq!(sessions.len(), 4);
    assert_eq!(tally(&sessions), [3, 5, 4, 4, 1, 0, 0]);
    let per_run: Vec<[u64; 7]> = sessions.iter().map(|s| tally(std::slice::from_ref(s))).collect();
    assert_eq!(per_run, [[1, 1, 0, 0, 0, 0, 0], [1, 1, 2, 2, 0, 0, 0], [0, 1, 0, 0, 0, 0, 0], [1, 2, 2, 2, 1, 0, 0]]);
    // Every reply is followed by one `> Tokens:` note (SCHEMA.md): 5.
    let tokens = sessions
        .iter()
        .flat_map(|s| &s.events)
        .filter(|e| json(e)["text"].as_str().is_some_and(|t| t.starts_with("> Tokens:")))
        .count();
    assert_eq!(tokens, 5);
    assert_eq!(sessions.iter().flat_map(|s| &s.events).filter(|e| e.metadata.is_some()).count(), 1);
}

#[test]
fn each_event_holds_its_exact_lines_and_together_they_cover_the_file() {
    let project = fixture(PROJECT);
    let bytes = std::fs::read(project.join(HISTORY)).expect("read");
    let text = String::from_utf8(bytes).expect("utf-8");
    let lines: Vec<&str> = text.split('\n').collect();
    let (sessions, _) = read_all(&project, Format::Aider);
    let mut covered = vec![false; lines.len()];
    for event in sessions.iter().flat_map(|s| &s.events) {
        let value = json(event);
        let stored = value["text"].as_str().expect("text");
        let first = value["line"].as_u64().expect("line") as usize - 1;
        let count = stored.split('\n').count();
        assert_eq!(stored, lines[first..first + count].join("\n"), "line {}", first + 1);
        covered[first..first + count].iter_mut().for_each(|c| *c = true);
    }
    // Blank lines belong to a message only inside it (a reply's paragraphs).
    for (at, line) in lines.iter().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
        let expected = !line.starts_with("# aider chat started at");
        assert_eq!(covered[at], expected, "line {}: {line:?}", at + 1);
    }
}

#[test]
fn edit_blocks_are_calls_and_aider_notes_are_their_results() {
    let (sessions, _) = read_all(&fixture(PROJECT), Format::Aider);
    for session in &sessions {
        let mut index = CallIndex::new();
        let all = blocks_of(session);
        for (seq, blocks) in all.iter().enumerate() {
            index.record(seq as i64, blocks);
        }
        for block in all.iter().flatten() {
            if let Block::ToolCall { id: Some(id), .. } = block {
                assert!(index.result_for(id).is_some(), "{}: call {id} has no result", session.source_id);
            }
        }
    }
    let edit_run = blocks_of(&sessions[1]);
    let reply = edit_run.iter().find(|b| b.iter().any(|b| matches!(b, Block::ToolCall { .. }))).expect("reply");
    assert_eq!(
        reply[0],
        Block::Text { role: Role::Assistant, text: "I'll change the greeting and add a notes file.".into() }
    );
    let Block::ToolCall { id, name, arguments } = &reply[1] else { panic!("{reply:?}") };
    assert_eq!((id.as_deref(), name.as_str()), (Some("edit-L31"), "edit"));
    let arguments: Value = serde_json::from_str(arguments).expect("arguments are JSON");
    assert_eq!(
        arguments,
        serde_json::json!({"path": "src/main.rs", "search": "    println!(\"hello\");", "replace": "    println!(\"chat-browser\");"})
    );
    assert!(matches!(&reply[2], Block::ToolCall { id: Some(id), .. } if id == "edit-L40"));
    assert_eq!(
        reply[3],
        Block::Text {
            role: Role::Assistant,
            text: "Build and run it to check the new greeting:\n\n```bash\ncargo run\n```".into()
        }
    );

    let restored = &sessions[3];
    let results: Vec<(String, bool, String)> = blocks_of(restored)
        .into_iter()
        .flatten()
        .filter_map(|b| match b {
            Block::ToolResult { call_id, is_error, output, .. } => Some((call_id?, is_error, output)),
            _ => None,
        })
        .collect();
    assert_eq!(
        results.iter().map(|(id, error, _)| (id.as_str(), *error)).collect::<Vec<_>>(),
        [("edit-L92", true), ("edit-L117", false)]
    );
    assert!(results[0].2.contains("failed to exactly match lines in src/main.rs"));
    assert!(results[0].2.ends_with("docstrings, etc"), "the note's text through its last line");
    // The failure report echoes the block: it is a result, not another call.
    let calls = blocks_of(restored).into_iter().flatten().filter(|b| matches!(b, Block::ToolCall { .. })).count();
    assert_eq!(calls, 2);
    // The /test command is aider's, not words to the model.
    let test_run = blocks_of(&sessions[2]);
    assert!(
        test_run
            .iter()
            .flatten()
            .any(|b| *b == Block::Text { role: Role::Context, text: "/test cat missing-file.txt".into() })
    );
}

#[test]
fn sessions_carry_a_stable_id_title_folder_model_and_utc_times() {
    let project = fixture(PROJECT);
    let (sessions, _) = read_all(&project, Format::Aider);
    let path = canonical_history(&project);
    let ids: Vec<&str> = sessions.iter().map(|s| s.source_id.as_str()).collect();
    let starts = ["2026-11-30 23:03:41", "2026-11-30 23:03:46", "2026-11-30 23:03:51", "2026-11-30 23:03:56"];
    assert_eq!(ids, starts.map(|t| format!("{path}@{t}")));
    let titles: Vec<Option<&str>> = sessions.iter().map(|s| s.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            Some("What's the capital of France?"),
            Some("Make main.rs print the crate name and add a NOTES.md."),
            Some("/test cat missing-file.txt"),
            Some("挨拶を日本語に変えてください 🙏✨")
        ]
    );
    let first = &sessions[0];
    assert_eq!(first.source, "aider");
    assert_eq!(first.metadata["model"], "openai/mock-coder");
    assert_eq!(first.metadata["aider_version"], "0.86.2");
    assert_eq!(first.metadata["project"], "aider-demo");
    let folder = std::fs::canonicalize(&project).expect("canonical");
    assert_eq!(first.metadata["cwd"], folder.display().to_string());
    // Local time without a zone, read in this machine's zone.
    let naive = NaiveDateTime::parse_from_str(starts[0], "%Y-%m-%d %H:%M:%S").expect("time");
    let expected = Local.from_local_datetime(&naive).earliest().expect("local").with_timezone(&Utc);
    assert_eq!(first.created_at, expected);
    assert!(first.events.iter().all(|e| e.created_at == Some(expected)));
}

#[test]
fn the_project_a_folder_above_it_and_the_file_are_detected() {
    let temp = tempfile::tempdir().expect("temp");
    let above = temp.path().join("code");
    let project = copy_fixture(PROJECT, &above.join("org"));
    std::fs::create_dir_all(above.join("other/node_modules/dep")).expect("mkdir");
    std::fs::write(above.join("other/node_modules/dep").join(HISTORY), run("2026-01-01 00:00:00", "\n#### hidden  \n"))
        .expect("write");
    let renamed = temp.path().join("history.md");
    std::fs::copy(project.join(HISTORY), &renamed).expect("copy");
    for path in [project.clone(), above.clone(), project.join(HISTORY), renamed.clone()] {
        assert_eq!(import::detect(&path).expect("detects"), Format::Aider, "{}", path.display());
        assert_eq!(read_all(&path, Format::Aider).0.len(), 4, "{}: node_modules is not searched", path.display());
    }
    assert!(import::detect(&project.join(".aider.input.history")).is_err(), "the input history is not the chat");
}

#[test]
fn reimport_adds_nothing_and_an_appended_run_adds_exactly_one_session() {
    let temp = tempfile::tempdir().expect("temp");
    let project = copy_fixture(PROJECT, temp.path());
    let store = Store::open_in_memory().expect("store");
    let sources = [Source { format: Format::Aider, path: project.clone() }];
    let import = || import::run(&store, &sources, &Options::default(), &mut |_| {});
    let first = import();
    assert_eq!((first.sessions_added, first.events_added, first.skipped), (4, 48, 0));
    let again = import();
    assert_eq!((again.sessions_unchanged, again.sessions_updated, again.events_added), (4, 0, 0));

    let file = project.join(HISTORY);
    let before = std::fs::read(&file).expect("read");
    append(
        &file,
        &run("2026-11-30 23:10:00", "\n#### One more thing  \n\nSure.\n\n> Tokens: 2.8k sent, 2 received.  \n"),
    );
    let grown = import();
    assert_eq!((grown.sessions_added, grown.sessions_unchanged, grown.sessions_updated), (1, 4, 0), "{grown:#?}");
    assert_eq!(grown.events_added, 6);
    assert!(std::fs::read(&file).expect("read").starts_with(&before));

    // The newest run going on (aider is still open) updates only that session.
    append(&file, "\n#### And another  \n\nDone.\n\n> Tokens: 2.9k sent, 1 received.  \n");
    let going_on = import();
    assert_eq!((going_on.sessions_updated, going_on.sessions_unchanged, going_on.events_added), (1, 4, 3));
}

#[test]
fn a_multi_line_note_is_one_note_until_its_two_spaces() {
    let temp = tempfile::tempdir().expect("temp");
    let body = "\n#### /run make  \n> make: *** No rule to make target.\nStop.\n\nexit status 2  \n\nThe build has no Makefile.\n\n> Tokens: 1k sent, 9 received.  \n";
    write_history(temp.path(), &run("2026-11-30 12:00:00", body));
    let (sessions, skipped) = read_all(temp.path(), Format::Aider);
    assert!(skipped.is_empty(), "{skipped:?}");
    let texts: Vec<String> =
        sessions[0].events.iter().map(|e| json(e)["text"].as_str().unwrap_or_default().to_string()).collect();
    assert_eq!(texts[4], "> make: *** No rule to make target.\nStop.\n\nexit status 2  ");
    assert_eq!(texts[5], "The build has no Makefile.");
    assert_eq!(
        blocks_of(&sessions[0])[4],
        [Block::Text { role: Role::Context, text: "make: *** No rule to make target.\nStop.\n\nexit status 2".into() }]
    );
    assert_eq!(tally(&sessions)[..2], [0, 1], "the note's lines are not the assistant's");
}

#[test]
fn a_failed_block_fails_and_the_others_of_the_reply_applied() {
    let temp = tempfile::tempdir().expect("temp");
    let reply = "Two changes.\n\na.py\n```python\n<<<<<<< SEARCH\nold = 1\n=======\nnew = 1\n>>>>>>> REPLACE\n```\n\nb.py\n```python\n<<<<<<< SEARCH\nmissing = 2\n=======\nfound = 2\n>>>>>>> REPLACE\n```\n";
    let report = "> # 1 SEARCH/REPLACE block failed to match!\n\n## SearchReplaceNoExactMatch: This SEARCH block failed to exactly match lines in b.py\n<<<<<<< SEARCH\nmissing = 2\n=======\nfound = 2\n>>>>>>> REPLACE\n\nThe SEARCH section must exactly match an existing block of lines including all white space, comments, indentation, docstrings, etc\n\n# The other 1 SEARCH/REPLACE block were applied successfully.\nDon't re-send them.\nJust reply with fixed versions of the block above that failed to match.  \n";
    let body = format!(
        "\n#### Rename both  \n\n{reply}\n> Tokens: 1k sent, 50 received.  \n> The LLM did not conform to the edit format.  \n> https://aider.chat/docs/troubleshooting/edit-errors.html  \n{report}"
    );
    write_history(temp.path(), &run("2026-11-30 12:00:00", &body));
    let (sessions, _) = read_all(temp.path(), Format::Aider);
    let results: Vec<(Option<String>, bool)> = blocks_of(&sessions[0])
        .into_iter()
        .flatten()
        .filter_map(|b| match b {
            Block::ToolResult { call_id, is_error, .. } => Some((call_id, is_error)),
            _ => None,
        })
        .collect();
    // Lines: 1 blank, 2 header, 3 blank, 4-6 notes, 7 blank, 8 user, 9 blank, 10 reply...
    assert_eq!(results, [(Some("edit-L23".into()), true), (Some("edit-L14".into()), false)]);
    assert_eq!(tally(&sessions), [1, 1, 2, 2, 1, 0, 0]);
}

#[test]
fn same_second_runs_crlf_and_bad_bytes() {
    let temp = tempfile::tempdir().expect("temp");
    let one = run("2026-11-30 12:00:00", "\n#### first  \n\nA.\n");
    let two = run("2026-11-30 12:00:00", "\n#### second  \n\nB.\n").replace('\n', "\r\n");
    let mut bytes = format!("stray line\n{one}{two}").into_bytes();
    bytes.extend_from_slice(b"\n\xff\xfe\n");
    std::fs::write(temp.path().join(HISTORY), &bytes).expect("write");
    let (sessions, skipped) = read_all(temp.path(), Format::Aider);
    let file = canonical_history(temp.path());
    assert_eq!(
        sessions.iter().map(|s| s.source_id.clone()).collect::<Vec<_>>(),
        [format!("{file}@2026-11-30 12:00:00"), format!("{file}@2026-11-30 12:00:00#2")]
    );
    let crlf = json(&sessions[1].events[0]);
    assert_eq!(crlf["text"], "> aider --model openai/mock-coder  ", "line endings are not part of a one-line message");
    let places: Vec<&str> = skipped.iter().map(|s| s.location.rsplit(':').next().unwrap_or_default()).collect();
    assert_eq!(places, ["1", "23"], "{skipped:?}");
    assert_eq!(tally(&sessions)[..2], [2, 2]);
}

#[test]
fn the_binary_imports_a_folder_of_repositories_and_stats_give_the_inventory() {
    let temp = tempfile::tempdir().expect("temp");
    let code = temp.path().join("code");
    copy_fixture(PROJECT, &code);
    let db = temp.path().join("store.db");
    let recall = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_recall"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("TZ", "Asia/Tokyo")
            .output()
            .expect("run");
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("utf-8")
    };
    recall(&["import", "--format", "aider", code.to_str().expect("path")]);
    let stats: Value = serde_json::from_str(&recall(&["stats", "--json"])).expect("json");
    let aider = &stats["by_source"]["aider"];
    let got: Vec<u64> =
        ["sessions", "user", "assistant", "tool_calls", "tool_results", "tool_errors", "reasoning", "unrecognised"]
            .iter()
            .map(|key| aider[key].as_u64().unwrap_or(u64::MAX))
            .collect();
    assert_eq!(got, [4, 3, 5, 4, 4, 1, 0, 0], "{stats}");
    // 23:03:41 in Tokyo is 14:03:41 UTC.
    let list: Value = serde_json::from_str(&recall(&["list", "--json"])).expect("json");
    let oldest = list.as_array().and_then(|l| l.last()).expect("sessions");
    assert_eq!(oldest["created_at"], "2026-11-30T14:03:41+00:00");
    let again = recall(&["import", code.to_str().expect("path")]);
    assert!(again.contains("0 sessions added, 0 updated, 4 unchanged"), "{again}");
}
