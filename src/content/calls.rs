//! What common tool calls are about, whatever the agent: a shell command, a file read, a
//! search of the files, a task for a subagent.
//! Each agent names its tools and their arguments its own way; this is the one table of them.

use serde_json::{Map, Value};

/// A file read: `Read`, `read_file`, `read`, `view`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRead {
    pub path: String,
    /// The first line read (1-based) and how many, when the call asked for a part of the file.
    pub first_line: Option<u64>,
    pub line_count: Option<u64>,
}

/// A shell command: `Bash`, `exec_command`, `shell`, `run_shell_command`, `bash`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShellCommand {
    pub command: String,
    /// Where it ran, when the call says.
    pub directory: Option<String>,
    /// Why, in the agent's words, when the call says (Claude Code's `description`).
    pub description: Option<String>,
}

/// The read this call makes, if it is a file read.
///
/// ```
/// let read = recall::content::file_read("Read", r#"{"file_path": "/src/main.rs", "offset": 10, "limit": 5}"#);
/// let read = read.expect("a read");
/// assert_eq!((read.path.as_str(), read.first_line, read.line_count), ("/src/main.rs", Some(10), Some(5)));
/// ```
pub fn file_read(name: &str, arguments: &str) -> Option<FileRead> {
    if !matches!(name, "Read" | "read_file" | "read" | "view" | "read_many_files" | "ReadFile") {
        return None;
    }
    let arguments = object(arguments)?;
    let path = ["file_path", "filePath", "absolute_path", "path"].iter().find_map(|key| text(&arguments, key))?;
    let number = |keys: &[&str]| keys.iter().find_map(|key| arguments.get(*key)?.as_u64());
    let (mut first_line, mut line_count) = (number(&["offset", "start_line"]), number(&["limit", "line_count"]));
    // Copilot's `view`: `view_range: [start, end]`, end -1 meaning the end of the file.
    if let Some([start, end]) = arguments.get("view_range").and_then(Value::as_array).map(Vec::as_slice) {
        first_line = start.as_u64();
        line_count = end.as_u64().zip(first_line).and_then(|(end, start)| (end + 1).checked_sub(start));
    }
    Some(FileRead { path, first_line, line_count })
}

/// The command this call runs, if it is a shell call.
///
/// ```
/// let shell = recall::content::shell_command("exec_command", r#"{"cmd": "cargo test"}"#);
/// assert_eq!(shell.map(|s| s.command).as_deref(), Some("cargo test"));
/// let codex = recall::content::shell_command("shell", r#"{"command": ["bash", "-lc", "ls -la"]}"#);
/// assert_eq!(codex.map(|s| s.command).as_deref(), Some("ls -la"));
/// ```
pub fn shell_command(name: &str, arguments: &str) -> Option<ShellCommand> {
    if !matches!(
        name,
        "Bash"
            | "bash"
            | "shell"
            | "exec_command"
            | "local_shell"
            | "run_shell_command"
            | "shell_command"
            | "run_in_terminal"
    ) {
        return None;
    }
    let arguments = object(arguments)?;
    let command = match arguments.get("command").or_else(|| arguments.get("cmd"))? {
        Value::String(command) => command.clone(),
        // Codex's `shell`: an argv, usually `["bash", "-lc", "the command"]`.
        Value::Array(argv) => {
            let words: Vec<&str> = argv.iter().filter_map(Value::as_str).collect();
            match words.as_slice() {
                [shell, flag, command] if is_shell(shell) && flag.starts_with('-') && flag.ends_with('c') => {
                    (*command).to_owned()
                }
                _ => words.join(" "),
            }
        }
        _ => return None,
    };
    let directory = ["workdir", "cwd", "directory", "dir_path"].iter().find_map(|key| text(&arguments, key));
    let description = ["description", "justification"].iter().find_map(|key| text(&arguments, key));
    Some(ShellCommand { command, directory, description })
}

/// A search of the files: by content (`Grep`, `grep`, `search_file_content`, `grep_search`)
/// or by name (`Glob`, `glob`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSearch {
    pub pattern: String,
    /// Where, when the call says (the working folder otherwise).
    pub path: Option<String>,
    /// Which files, when the call narrows them (`glob`, `include`, `type`).
    pub files: Option<String>,
    /// Names matching `pattern`, not lines.
    pub by_name: bool,
}

/// The search this call makes, if it is a search of the files.
///
/// ```
/// let search = recall::content::file_search("Grep", r#"{"pattern": "fn main", "path": "src", "glob": "*.rs"}"#);
/// let search = search.expect("a search");
/// assert_eq!((search.pattern.as_str(), search.path.as_deref(), search.files.as_deref()), ("fn main", Some("src"), Some("*.rs")));
/// ```
pub fn file_search(name: &str, arguments: &str) -> Option<FileSearch> {
    let by_name = match name {
        "Grep" | "grep" | "search_file_content" | "grep_search" => false,
        "Glob" | "glob" => true,
        _ => return None,
    };
    let arguments = object(arguments)?;
    let pattern = text(&arguments, "pattern")?;
    let path = ["path", "dir_path", "directory"].iter().find_map(|key| text(&arguments, key));
    let files = ["glob", "include", "type"].iter().find_map(|key| text(&arguments, key));
    Some(FileSearch { pattern, path, files, by_name })
}

/// A subagent set to work: Claude Code's `Agent` (`Task` before 2.1), OpenCode's and Qwen
/// Code's `task`, Codex's `spawn_agent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubagentTask {
    /// Which kind of agent (`Explore`, `general-purpose`), when the call says.
    pub agent: Option<String>,
    /// The few words the agent gave it, when it did.
    pub description: Option<String>,
    /// What the subagent was told: the only context it starts with.
    pub prompt: String,
}

/// The task this call hands a subagent, if it starts one.
///
/// ```
/// let task = recall::content::subagent_task("Agent", r#"{"description": "Find callers", "prompt": "Find every caller of parse()", "subagent_type": "Explore"}"#);
/// let task = task.expect("a task");
/// assert_eq!((task.agent.as_deref(), task.prompt.as_str()), (Some("Explore"), "Find every caller of parse()"));
/// ```
pub fn subagent_task(name: &str, arguments: &str) -> Option<SubagentTask> {
    if !matches!(name, "Agent" | "Task" | "task" | "spawn_agent") {
        return None;
    }
    let arguments = object(arguments)?;
    let first = |keys: &[&str]| keys.iter().find_map(|key| text(&arguments, key));
    // Codex's `spawn_agent`: `message`, `agent_type`, and in its second version `task_name`.
    let prompt = first(&["prompt", "message"])?;
    let agent = first(&["subagent_type", "agent_type", "agent"]);
    Some(SubagentTask { agent, description: first(&["description", "task_name"]), prompt })
}

/// A line of a file read's result, split into the line number the agent put before it and the
/// file's own text: `12\tcode` or `    12→code` (Claude Code), `12: code` or `00012| code`
/// (OpenCode).
///
/// ```
/// assert_eq!(recall::content::numbered_line("    12\tlet x = 1;"), Some((12, "let x = 1;")));
/// assert_eq!(recall::content::numbered_line("no number"), None);
/// ```
pub fn numbered_line(line: &str) -> Option<(u64, &str)> {
    let trimmed = line.trim_start_matches(' ');
    let digits = trimmed.len() - trimmed.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 9 {
        return None;
    }
    let number = trimmed[..digits].parse().ok()?;
    let rest = &trimmed[digits..];
    let code = rest
        .strip_prefix('\t')
        .or_else(|| rest.strip_prefix('→'))
        .or_else(|| rest.strip_prefix(": ").or_else(|| (rest == ":").then_some("")))
        .or_else(|| rest.strip_prefix("| ").or_else(|| (rest == "|").then_some("")))?;
    Some((number, code))
}

/// What a shell call's output says about how it ended, when the agent wrote that down.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ShellOutcome {
    pub exit_code: Option<i64>,
    pub seconds: Option<f64>,
}

/// Reads the exit code and duration from the words agents put around a command's output:
/// Codex `Process exited with code 0` / `Wall time: 0.1 seconds` (or its older JSON
/// `metadata`), Gemini CLI `Exit Code: 1`, Claude Code `Error: Exit code 1`.
///
/// ```
/// let outcome = recall::content::shell_outcome("Chunk ID: 1\nWall time: 0.5000 seconds\nProcess exited with code 2\nOutput:\n");
/// assert_eq!((outcome.exit_code, outcome.seconds), (Some(2), Some(0.5)));
/// ```
pub fn shell_outcome(output: &str) -> ShellOutcome {
    if let Some(metadata) = object(output).and_then(|value| value.get("metadata").cloned()) {
        return ShellOutcome {
            exit_code: metadata.get("exit_code").and_then(Value::as_i64),
            seconds: metadata.get("duration_seconds").and_then(Value::as_f64),
        };
    }
    let mut outcome = ShellOutcome::default();
    // The harness's words come first; the command's own output may say anything after them.
    for line in output.lines().take(8) {
        let line = line.trim();
        let after = |prefix: &str| line.strip_prefix(prefix).map(str::trim);
        if let Some(code) =
            after("Process exited with code").or_else(|| after("Exit Code:")).or_else(|| after("Error: Exit code"))
        {
            outcome.exit_code = outcome.exit_code.or_else(|| code.parse().ok());
        } else if let Some(time) = after("Wall time:") {
            outcome.seconds = time.trim_end_matches("seconds").trim().parse().ok();
        }
    }
    outcome
}

fn is_shell(program: &str) -> bool {
    matches!(program.rsplit('/').next(), Some("bash" | "sh" | "zsh" | "dash" | "fish"))
}

fn object(arguments: &str) -> Option<Map<String, Value>> {
    match serde_json::from_str(arguments) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

fn text(arguments: &Map<String, Value>, key: &str) -> Option<String> {
    arguments.get(key)?.as_str().filter(|text| !text.is_empty()).map(str::to_owned)
}
