//! Shell calls drawn as the command they run, with how it ended in the result's title, and
//! file reads as the path they read: arguments and outputs as the real files record them
//! (tests/fixtures/import).

mod view_support;

use recall::tui::view::conversation::{EventSource, ParsedEvent};
use view_support::*;

fn call_and_result(tool: &str, arguments: &str, output: &str, is_error: bool) -> Vec<ParsedEvent> {
    session(vec![(Some("agent"), vec![tool_call(tool, arguments)]), (None, vec![tool_result(tool, output, is_error)])])
}

fn frame(events: &dyn EventSource) -> String {
    let mut state = opened_at_start(events, 60, 14);
    state.toggle_all_tool_folds(events).expect("unfold");
    screen_text(&state)
}

#[test]
fn claude_code_bash_is_a_command_with_its_description() {
    let events = call_and_result(
        "Bash",
        "{\n  \"command\": \"ls -la\",\n  \"description\": \"List project files\"\n}",
        "total 8\n-rw-r--r-- 1 dev dev 65 Nov 21 14:01 README.md",
        false,
    );
    let shown = frame(&events);
    insta::assert_snapshot!("claude_code_bash_60x14", shown);
    assert!(shown.contains("$ ls -la") && shown.contains("# List project files"), "{shown}");
}

#[test]
fn codex_exec_command_says_exit_code_and_wall_time() {
    let output = "Chunk ID: df5ccf\nWall time: 0.0000 seconds\nProcess exited with code 0\nOriginal token count: 17\nOutput:\n# chat-browser\nLists agent chat sessions stored in SQLite files.\n";
    let events = call_and_result("exec_command", "{\n  \"cmd\": \"cat README.md\"\n}", output, false);
    let shown = frame(&events);
    insta::assert_snapshot!("codex_exec_command_60x14", shown);
    assert!(shown.contains("$ cat README.md") && shown.contains("· exit 0 · 0 ms"), "{shown}");
}

#[test]
fn gemini_cli_shell_exit_code_is_read_from_its_output() {
    let output = "<untrusted_context>\nOutput: cat: missing-file.txt: No such file or directory\nExit Code: 1\nProcess Group PGID: 15590\n</untrusted_context>";
    let events = call_and_result(
        "run_shell_command",
        "{\n  \"command\": \"cat missing-file.txt\",\n  \"description\": \"Show missing-file.txt\"\n}",
        output,
        false,
    );
    let shown = frame(&events);
    assert!(shown.contains("$ cat missing-file.txt") && shown.contains("· exit 1"), "{shown}");
}

#[test]
fn a_read_with_a_range_says_which_lines() {
    let events = call_and_result(
        "Read",
        "{\n  \"file_path\": \"/home/dev/claude-demo/src/main.rs\",\n  \"offset\": 2,\n  \"limit\": 2\n}",
        "2\tfn main() {\n3\t    println!(\"hi\");",
        false,
    );
    let shown = frame(&events);
    assert!(shown.contains("/home/dev/claude-demo/src/main.rs  lines 2–3"), "{shown}");
}

#[test]
fn searches_say_what_they_look_for_where() {
    let events = call_and_result(
        "Grep",
        r#"{"pattern": "split\\(\"\\n\"\\)", "path": "/home/you/csvparse", "glob": "*.py", "output_mode": "content"}"#,
        "csvparse/reader.py:7:    return data.split(\"\\n\")",
        false,
    );
    let shown = frame(&events);
    assert!(shown.contains(r#"⌕ split\("\n"\)  in /home/you/csvparse · *.py"#), "{shown}");
    assert!(!shown.contains("output_mode"), "the arguments are one key away, not shown: {shown}");
    let by_name = call_and_result("glob", r#"{"pattern": "**/*.test.ts"}"#, "src/a.test.ts", false);
    assert!(frame(&by_name).contains("⌕ names like **/*.test.ts"), "{}", frame(&by_name));
}

#[test]
fn a_subagent_task_shows_its_prompt_as_text() {
    let events = call_and_result(
        "Agent",
        r#"{"description": "Find other splitters", "prompt": "Find every place that splits rows by hand.\nSay whether each keeps quoted newlines.", "subagent_type": "Explore"}"#,
        "Only sniff.py.",
        false,
    );
    let shown = frame(&events);
    insta::assert_snapshot!("claude_code_agent_task_60x14", shown);
    assert!(shown.contains("Explore: Find other splitters"), "{shown}");
    assert!(shown.contains("Find every place that splits rows by hand.") && !shown.contains("\\n"), "{shown}");
}

#[test]
fn a_codex_spawn_shows_its_message() {
    let events = call_and_result(
        "spawn_agent",
        r#"{"message":"Find the parser's bugs","agent_type":"explorer"}"#,
        r#"{"agent_id":"019a-child","nickname":"Ada"}"#,
        false,
    );
    let shown = frame(&events);
    assert!(shown.contains("explorer") && shown.contains("Find the parser's bugs"), "{shown}");
    assert!(!shown.contains("\"message\""), "{shown}");
}
