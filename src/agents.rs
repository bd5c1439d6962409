//! One row per agent or chat tool recall reads: the source name stored on its sessions (which
//! is also the `--format` name), and the name its users call it by. Adding an agent is a reader
//! in `import/` plus one row here.

/// What recall knows about one tool whose history it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Agent {
    /// The `source` of its sessions in the store, and its `--format` name.
    pub source: &'static str,
    /// What people call it ("Claude Code", "Gemini CLI").
    pub name: &'static str,
    /// The command that resumes one of its sessions by id, run in the session's folder:
    /// program first, `{source_id}` standing for the session's id in the tool. Empty when
    /// the tool cannot resume by id (or recall does not know how).
    pub resume: &'static [&'static str],
}

/// Every tool recall reads, plus recall itself (sessions logged with `recall log`).
///
/// Resume commands, read from each tool's own `--help` (npm/PyPI packages, 2026-12-01):
/// `claude --help` ("-r, --resume [value] Resume a conversation by session ID"), `codex resume
/// --help` ("[SESSION_ID] Session id (UUID) or session name"), `qwen --help` ("-r, --resume
/// Resume a specific session by its ID"), `opencode --help` ("-s, --session session id to
/// continue"), `copilot --help` ("-r, --resume [<value>] ... session ID"), `pi --help`
/// ("--session <path|id> Use specific session file or partial UUID"), `llm chat --help`
/// ("--cid, --conversation TEXT Continue the conversation with the given ID"). Gemini CLI
/// 0.61's `--help` names only "latest" or an index for `--resume`, but its session selector
/// also matches a full session UUID among the current project's chats (read in its bundled
/// `resolveSession`/`findSession`), so `gemini --resume ID` in the session's folder works.
/// Aider keeps one chat history per folder and cannot resume by id: none given.
pub const AGENTS: &[Agent] = &[
    Agent { source: "recall", name: "recall", resume: &[] },
    Agent { source: "openai-agents", name: "Agents SDK", resume: &[] },
    Agent { source: "dasshh", name: "dasshh", resume: &[] },
    Agent { source: "director", name: "Director", resume: &[] },
    Agent { source: "tenets", name: "tenets", resume: &[] },
    Agent { source: "tower-llm", name: "tower-llm", resume: &[] },
    Agent { source: "claude-code", name: "Claude Code", resume: &["claude", "--resume", "{source_id}"] },
    Agent { source: "codex", name: "Codex", resume: &["codex", "resume", "{source_id}"] },
    Agent { source: "llm", name: "llm", resume: &["llm", "chat", "--cid", "{source_id}"] },
    Agent { source: "elia", name: "elia", resume: &[] },
    Agent { source: "oterm", name: "oterm", resume: &[] },
    Agent { source: "chat-jsonl", name: "Chat JSONL", resume: &[] },
    Agent { source: "opencode", name: "OpenCode", resume: &["opencode", "--session", "{source_id}"] },
    Agent { source: "copilot-cli", name: "Copilot CLI", resume: &["copilot", "--resume", "{source_id}"] },
    Agent { source: "pi", name: "Pi", resume: &["pi", "--session", "{source_id}"] },
    Agent { source: "aider", name: "Aider", resume: &[] },
    Agent { source: "gemini-cli", name: "Gemini CLI", resume: &["gemini", "--resume", "{source_id}"] },
    Agent { source: "qwen-code", name: "Qwen Code", resume: &["qwen", "--resume", "{source_id}"] },
];

/// The row for a stored `source`, if recall knows it.
pub fn find(source: &str) -> Option<&'static Agent> {
    AGENTS.iter().find(|agent| agent.source == source)
}

/// The name people use for `source`; an unknown source (written by another program through
/// the library) is shown as stored.
pub fn display_name(source: &str) -> &str {
    find(source).map_or(source, |agent| agent.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Format;

    #[test]
    fn every_import_format_has_a_row() {
        for format in Format::ALL {
            assert!(find(format.name()).is_some(), "no agent row for {format}");
        }
    }

    #[test]
    fn unknown_sources_keep_their_stored_name() {
        assert_eq!(display_name("gemini-cli-fork"), "gemini-cli-fork");
        assert_eq!(display_name("claude-code"), "Claude Code");
    }
}
