//! Handing a session back to the tool that wrote it: the command (from the agent's row in
//! `agents.rs`), where it runs (the session's recorded working directory), and running it with
//! the id and paths as separate arguments, never through a shell.

use std::path::{Path, PathBuf};

use crate::config::ResumeTemplates;
use crate::store::Session;

/// A resume command ready to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeCommand {
    pub program: String,
    pub args: Vec<String>,
    /// The folder it runs in; None runs it in the current one.
    pub cwd: Option<PathBuf>,
}

/// Why a session cannot be resumed as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResumeError {
    #[error("recall knows no command that resumes {agent} sessions")]
    NoCommand { agent: String },
    #[error("this session has no id in {agent}, so it cannot be resumed there")]
    NoSourceId { agent: String },
    #[error("this session recorded no working folder, which the resume command for {agent} needs ({{cwd}})")]
    NoFolder { agent: String },
    #[error("the session's folder {} no longer exists; `{}` is what would run", .folder.display(), .command)]
    FolderGone { folder: PathBuf, command: String },
    #[error("{program} is not installed (not found on PATH); `{command}` is what would run")]
    NotInstalled { program: String, command: String },
}

/// The command that resumes `session` in its tool, in its recorded folder (when it recorded one):
/// the config file's command for its source when there is one (`custom`), else the built-in one.
/// The template is in words already; each placeholder is filled in within its word, so an id
/// or a path is always one argument.
pub fn command_for(session: &Session, custom: &ResumeTemplates) -> Result<ResumeCommand, ResumeError> {
    let agent = crate::agents::display_name(&session.source).to_string();
    let template: Vec<&str> = match custom.get(&session.source) {
        Some(words) => words.iter().map(String::as_str).collect(),
        None => crate::agents::find(&session.source).map_or_else(Vec::new, |row| row.resume.to_vec()),
    };
    let cwd = session.cwd();
    let mut words = Vec::with_capacity(template.len());
    for word in &template {
        words.push(fill(word, session, cwd, &agent)?);
    }
    let (program, args) = words.split_first().ok_or_else(|| ResumeError::NoCommand { agent: agent.clone() })?;
    Ok(ResumeCommand { program: program.clone(), args: args.to_vec(), cwd: cwd.map(PathBuf::from) })
}

/// `word` with its placeholders filled in, in one pass: what is put in is never read again, so
/// an id that looks like a placeholder stays as it is.
fn fill(word: &str, session: &Session, cwd: Option<&str>, agent: &str) -> Result<String, ResumeError> {
    let mut filled = String::with_capacity(word.len());
    let mut rest = word;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        rest = &rest[open..];
        let value = if rest.starts_with("{source_id}") {
            id_in_tool(session).ok_or_else(|| ResumeError::NoSourceId { agent: agent.to_string() })?
        } else if rest.starts_with("{cwd}") {
            cwd.ok_or_else(|| ResumeError::NoFolder { agent: agent.to_string() })?
        } else if rest.starts_with("{id}") {
            session.id.as_str()
        } else {
            filled.push('{');
            rest = &rest[1..];
            continue;
        };
        filled.push_str(value);
        rest = &rest[rest.find('}').map_or(rest.len(), |close| close + 1)..];
    }
    filled.push_str(rest);
    Ok(filled)
}

/// The id the tool resumes: a branch recall split out of a session file (Pi's `/tree`
/// branches, `branch_of` in its metadata) has no id of its own there, so the session it
/// branched from is the one to open.
fn id_in_tool(session: &Session) -> Option<&str> {
    let branch_of = session.metadata.get("branch_of").and_then(serde_json::Value::as_str);
    branch_of.or(session.source_id.as_deref())
}

impl ResumeCommand {
    /// As one line a POSIX shell runs: `cd 'folder' && program 'arg'...`.
    pub fn shell_quoted(&self) -> String {
        let mut words = vec![shell_word(&self.program)];
        words.extend(self.args.iter().map(|arg| shell_word(arg)));
        match &self.cwd {
            Some(cwd) => format!("cd {} && {}", shell_word(&cwd.to_string_lossy()), words.join(" ")),
            None => words.join(" "),
        }
    }

    /// An error when it cannot run here as it is: its folder is gone, or its program is not
    /// on PATH. Both messages carry the command, so that it can be run by hand.
    pub fn check(&self) -> Result<(), ResumeError> {
        if let Some(folder) = self.cwd.as_ref().filter(|cwd| !cwd.is_dir()) {
            return Err(ResumeError::FolderGone { folder: folder.clone(), command: self.shell_quoted() });
        }
        if find_program(&self.program).is_none() {
            return Err(ResumeError::NotInstalled { program: self.program.clone(), command: self.shell_quoted() });
        }
        Ok(())
    }

    /// Runs it with this process's terminal and waits; the exit status is the tool's.
    pub fn run(&self) -> std::io::Result<std::process::ExitStatus> {
        let mut command = std::process::Command::new(&self.program);
        command.args(&self.args);
        if let Some(cwd) = &self.cwd {
            command.current_dir(cwd);
        }
        command.status()
    }
}

/// `program` as the OS would find it: a path as given, else the first match on PATH.
fn find_program(program: &str) -> Option<PathBuf> {
    if program.contains(std::path::MAIN_SEPARATOR) {
        return Path::new(program).is_file().then(|| PathBuf::from(program));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| candidate.is_file())
}

/// `text` as one word of a POSIX shell command.
pub fn shell_word(text: &str) -> String {
    let plain = |ch: char| ch.is_ascii_alphanumeric() || "/._-+,:@%=".contains(ch);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn built_in(session: &Session) -> Result<ResumeCommand, ResumeError> {
        command_for(session, &ResumeTemplates::new())
    }

    fn session(source: &str, source_id: Option<&str>, cwd: Option<&str>) -> Session {
        let at = chrono::DateTime::UNIX_EPOCH;
        Session {
            id: "0193".into(),
            title: "t".into(),
            created_at: at,
            updated_at: at,
            source: source.into(),
            source_id: source_id.map(String::from),
            event_count: 0,
            metadata: cwd.map_or_else(|| json!({}), |cwd| json!({ "cwd": cwd })),
            deleted_at: None,
        }
    }

    #[test]
    fn each_tool_gets_its_own_command_with_the_id_as_one_argument() {
        let claude = built_in(&session("claude-code", Some("abc def"), Some("/w/my app"))).expect("a command");
        assert_eq!(claude.program, "claude");
        assert_eq!(claude.args, vec!["--resume", "abc def"]);
        assert_eq!(claude.cwd.as_deref(), Some(Path::new("/w/my app")));
        assert_eq!(claude.shell_quoted(), "cd '/w/my app' && claude --resume 'abc def'");
        let codex = built_in(&session("codex", Some("01a1"), None)).expect("a command");
        assert_eq!(codex.shell_quoted(), "codex resume 01a1");
        let llm = built_in(&session("llm", Some("01j"), None)).expect("a command");
        assert_eq!(llm.shell_quoted(), "llm chat --cid 01j");
    }

    #[test]
    fn sources_without_a_command_or_id_say_so() {
        assert_eq!(
            built_in(&session("openai-agents", Some("s1"), None)),
            Err(ResumeError::NoCommand { agent: "Agents SDK".into() })
        );
        assert_eq!(
            built_in(&session("someone-else", Some("s1"), None)),
            Err(ResumeError::NoCommand { agent: "someone-else".into() })
        );
        assert_eq!(
            command_for(&session("codex", None, None), &ResumeTemplates::new()),
            Err(ResumeError::NoSourceId { agent: "Codex".into() })
        );
    }

    #[test]
    fn a_configured_command_fills_each_placeholder_inside_its_own_argument() {
        let custom = ResumeTemplates::from([(
            "openai-agents".to_string(),
            crate::config::split_words("my-agent --session {source_id} --in {cwd} --note 'recall {id}'")
                .expect("words"),
        )]);
        let tricky = session("openai-agents", Some("a b; rm -rf {cwd}"), Some("/w/it's here"));
        let command = command_for(&tricky, &custom).expect("a command");
        assert_eq!(command.program, "my-agent");
        assert_eq!(
            command.args,
            vec!["--session", "a b; rm -rf {cwd}", "--in", "/w/it's here", "--note", "recall 0193"],
            "an id that looks like a placeholder is not filled in again"
        );
        let over_built_in =
            ResumeTemplates::from([("codex".to_string(), vec!["codex".into(), "--go={source_id}".into()])]);
        assert_eq!(
            command_for(&session("codex", Some("x"), None), &over_built_in).expect("a command").args,
            ["--go=x"]
        );
    }

    #[test]
    fn a_configured_command_says_what_the_session_lacks() {
        let custom = ResumeTemplates::from([("tower-llm".to_string(), vec!["t".into(), "{cwd}".into()])]);
        assert_eq!(
            command_for(&session("tower-llm", Some("s"), None), &custom),
            Err(ResumeError::NoFolder { agent: "tower-llm".into() })
        );
        let by_recall_id = ResumeTemplates::from([("tower-llm".to_string(), vec!["t".into(), "{id}".into()])]);
        let command = command_for(&session("tower-llm", None, None), &by_recall_id).expect("needs no source id");
        assert_eq!(command.args, ["0193"]);
    }

    #[test]
    fn a_pi_branch_resumes_the_session_it_branched_from() {
        let whole = built_in(&session("pi", Some("0198-aa"), None)).expect("a command");
        assert_eq!(whole.shell_quoted(), "pi --session 0198-aa");
        let mut branch = session("pi", Some("0198-aa/branch-e5"), Some("/w"));
        branch.metadata = json!({ "cwd": "/w", "branch_of": "0198-aa" });
        assert_eq!(built_in(&branch).expect("a command").shell_quoted(), "cd /w && pi --session 0198-aa");
    }

    #[test]
    fn a_gone_folder_or_missing_program_names_the_command() {
        let gone = built_in(&session("codex", Some("x"), Some("/no/such/folder"))).expect("a command");
        let message = gone.check().expect_err("the folder is gone").to_string();
        assert_eq!(
            message,
            "the session's folder /no/such/folder no longer exists; `cd /no/such/folder && codex resume x` is what would run"
        );
        let missing = ResumeCommand { program: "/no/such/tool".into(), args: vec!["a".into()], cwd: None };
        assert!(matches!(missing.check(), Err(ResumeError::NotInstalled { .. })));
    }
}
