//! Shell calls drawn as the command they run, file reads as the path and lines they read,
//! searches as what they look for and where, a subagent's task as its prompt; and how a
//! command ended in its result's title.

use super::clean::clean;
use super::rows::{Piece, StyledLine};
use crate::content::{FileRead, FileSearch, ShellCommand, ShellOutcome, SubagentTask};
use crate::tui::theme::Tone;

/// `$ cargo test`, a continuation prefix on the rows of a multi-line command, then where and
/// why it ran, dim.
pub(super) fn command_lines(shell: &ShellCommand) -> Vec<StyledLine> {
    let mut lines = Vec::new();
    for (number, line) in clean(&shell.command).lines().enumerate() {
        let mut styled = StyledLine::plain(line, Tone::Command);
        styled.first_prefix = vec![Piece::new(if number == 0 { "$ " } else { "  " }, Tone::Dim)];
        styled.rest_prefix = vec![Piece::new("  ", Tone::Dim)];
        lines.push(styled);
    }
    if lines.is_empty() {
        lines.push(StyledLine::plain("$", Tone::Dim));
    }
    if let Some(directory) = &shell.directory {
        lines.push(StyledLine::plain(format!("in {}", clean(directory)), Tone::Dim));
    }
    if let Some(description) = &shell.description {
        lines.push(StyledLine::plain(format!("# {}", clean(description)), Tone::Dim));
    }
    lines
}

/// `src/main.rs  lines 10–14`: the path, and the part of the file when the call asked for one.
pub(super) fn read_line(read: &FileRead) -> StyledLine {
    let mut line = StyledLine::plain(clean(&read.path), Tone::DiffPath);
    let range = match (read.first_line, read.line_count) {
        (Some(first), Some(count)) if count > 0 => Some(format!("lines {first}–{}", first + count - 1)),
        (Some(first), _) => Some(format!("from line {first}")),
        (None, Some(count)) => Some(format!("first {count} lines")),
        (None, None) => None,
    };
    if let Some(range) = range {
        line.push(&format!("  {range}"), Tone::Dim.into());
    }
    line
}

/// `⌕ fn main  in src · *.rs`: the pattern, then where and in which files, dim; a search by
/// name says so.
pub(super) fn search_line(search: &FileSearch) -> StyledLine {
    let mut line = StyledLine::plain(clean(&search.pattern), Tone::Command);
    let kind = if search.by_name { "⌕ names like " } else { "⌕ " };
    line.first_prefix = vec![Piece::new(kind, Tone::Dim)];
    line.rest_prefix = vec![Piece::new("  ", Tone::Dim)];
    if let Some(path) = &search.path {
        line.push(&format!("  in {}", clean(path)), Tone::Dim.into());
    }
    if let Some(files) = &search.files {
        line.push(&format!(" · {}", clean(files)), Tone::Dim.into());
    }
    line
}

/// `Explore: Find other readers`, then the prompt the subagent was given, as written.
pub(super) fn task_lines(task: &SubagentTask) -> Vec<StyledLine> {
    let heading = match (&task.agent, &task.description) {
        (Some(agent), Some(description)) => Some(format!("{}: {}", clean(agent), clean(description))),
        (Some(only), None) | (None, Some(only)) => Some(clean(only).into_owned()),
        (None, None) => None,
    };
    let mut lines: Vec<StyledLine> = heading.map(|text| StyledLine::plain(text, Tone::Handoff)).into_iter().collect();
    lines.extend(clean(&task.prompt).lines().map(|line| StyledLine::plain(line, Tone::ToolText)));
    lines
}

/// ` · exit 1 · 2.5 s` after a result's title, from what the agent recorded (nothing when it
/// recorded neither).
pub(super) fn outcome_note(outcome: ShellOutcome, title: &mut StyledLine) {
    if let Some(code) = outcome.exit_code {
        let tone = if code == 0 { Tone::Dim } else { Tone::ErrorTitle };
        title.push(&format!(" · exit {code}"), tone.into());
    }
    if let Some(seconds) = outcome.seconds.filter(|s| s.is_finite() && *s >= 0.0) {
        title.push(&format!(" · {}", duration(seconds)), Tone::Dim.into());
    }
}

fn duration(seconds: f64) -> String {
    if seconds < 1.0 {
        format!("{} ms", (seconds * 1000.0).round())
    } else if seconds < 60.0 {
        format!("{seconds:.1} s")
    } else {
        format!("{}m {:02}s", (seconds / 60.0).floor(), (seconds % 60.0).floor())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(line: &StyledLine) -> String {
        line.first_prefix.iter().map(|p| p.text.as_str()).collect::<String>() + &line.text
    }

    #[test]
    fn a_command_is_a_prompt_line_and_its_context_is_dim() {
        let shell = ShellCommand {
            command: "cargo test \\\n  --lib".into(),
            directory: Some("/repo".into()),
            description: Some("Run tests".into()),
        };
        let lines: Vec<String> = command_lines(&shell).iter().map(shown).collect();
        assert_eq!(lines, ["$ cargo test \\", "    --lib", "in /repo", "# Run tests"]);
    }

    #[test]
    fn a_read_says_which_lines() {
        let read = |first, count| FileRead { path: "a.rs".into(), first_line: first, line_count: count };
        assert_eq!(read_line(&read(Some(10), Some(5))).text, "a.rs  lines 10–14");
        assert_eq!(read_line(&read(Some(10), None)).text, "a.rs  from line 10");
        assert_eq!(read_line(&read(None, Some(3))).text, "a.rs  first 3 lines");
        assert_eq!(read_line(&read(None, None)).text, "a.rs");
    }

    #[test]
    fn outcomes_read_as_exit_codes_and_durations() {
        let mut title = StyledLine::plain("↳ result of Bash", Tone::ToolResultTitle);
        outcome_note(ShellOutcome { exit_code: Some(1), seconds: Some(0.25) }, &mut title);
        assert_eq!(title.text, "↳ result of Bash · exit 1 · 250 ms");
        assert_eq!(title.runs[1].1.tone, Tone::ErrorTitle);
        assert_eq!(duration(75.0), "1m 15s");
        assert_eq!(duration(2.54), "2.5 s");
    }
}
