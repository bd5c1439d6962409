//! Markdown tables drawn as tables: box lines and aligned columns when the pane is wide
//! enough, cells wrapped within their column when it is not, rows listed when even that
//! does not fit.

mod view_support;

use view_support::*;

const WIDE: &str = "Here is how the tools compare:\n\n\
| Tool | Format | Where it keeps history | Resume |\n\
|:-----|:------:|------------------------|-------:|\n\
| Claude Code | JSONL | `~/.claude/projects/<project>/<session>.jsonl`, one file per session | yes |\n\
| Codex CLI | JSONL | `~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl` | yes |\n\
| **Gemini CLI** | JSON | `~/.gemini/tmp/<hash>/chats` | yes |\n\
| llm | SQLite | `logs.db` | no |\n\n\
That is all.";

fn frame(width: u16, height: u16) -> String {
    let events = session(vec![(Some("agent"), vec![assistant(WIDE)])]);
    screen_text(&opened_at_start(&events, width, height))
}

#[test]
fn a_wide_table_at_120_columns_keeps_its_natural_widths() {
    let shown = frame(120, 16);
    insta::assert_snapshot!("wide_table_120", shown);
    let lines: Vec<&str> = shown.lines().filter(|l| l.contains('│') || l.contains('┌') || l.contains('└')).collect();
    // Every row of the box has the same width: the columns line up.
    let widths: Vec<usize> = lines.iter().map(|l| l.trim_end().chars().count()).collect();
    assert!(widths.windows(2).all(|w| w[0] == w[1]), "{widths:?}\n{shown}");
    assert!(shown.contains("│ Claude Code │"), "{shown}");
}

#[test]
fn a_wide_table_at_40_columns_wraps_its_cells() {
    let shown = frame(40, 60);
    insta::assert_snapshot!("wide_table_40", shown);
    assert!(shown.lines().all(|l| l.chars().count() <= 40));
    assert!(shown.contains('┼'), "still a table: {shown}");
    assert!(shown.contains("That is all."));
}

#[test]
fn a_table_too_narrow_for_columns_is_listed_by_row() {
    let shown = frame(18, 40);
    assert!(!shown.contains('┼'), "{shown}");
    assert!(shown.contains("Tool: llm"), "{shown}");
}
