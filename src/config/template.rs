//! `recall config init`: the file it writes, every setting commented out at its default.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// A new `config.toml`: every line a comment, so it changes nothing until edited.
pub const DEFAULT_TEXT: &str = r##"# recall's settings. Every line is commented out at its default: remove the `#` to change one.
# `recall config path` prints where this file is.

# The colours: "auto" picks the dark or the light theme from the terminal's background
# (when the terminal says; dark otherwise), or name one. NO_COLOR, when set, wins.
# theme = "auto"

# How full dates are shown (strftime, as in `date +FORMAT`).
# date_format = "%Y-%m-%d %H:%M"

# Which sessions the browser lists when it opens: "all", or "project" (the current
# folder's project, as `recall --here`).
# default_scope = "all"

# Colours of single styles, over the theme: "FG", "FG on BG" or "on BG", each a name
# (red, lightblue, darkgray, ...), #rrggbb or a 0-255 palette index. The styles are
# role_user role_assistant role_system role_tool role_reasoning role_context role_other
# header_label header_time user_text assistant_text system_text context_text tool_text
# heading marker inline_code code_block code_frame quote link link_url tool_call_title
# tool_arguments tool_result_title tool_output error_title error_output reasoning raw_title
# raw_json handoff diff_path diff_hunk diff_added diff_removed diff_context command dim
# fold_summary selected_header selected_block selected_message search_match pane_header
# pane_header_focused pane_header_meta divider sidebar_title sidebar_meta
# sidebar_selected_focused sidebar_selected status status_message status_error status_keys
# popup popup_border help_key
[colors]
# role_user = "lightblue"
# search_match = "black on yellow"

# The command that resumes a session of a source (`o` in the browser, `recall resume`),
# over the built-in one or where there is none. It is split into words first, then
# {source_id} (the session's id in its tool), {cwd} (its working folder) and {id} (its
# recall id) are put in: each stays one argument, and no shell runs it.
[resume]
# claude-code = "claude --resume {source_id}"
# openai-agents = "python my_agent.py --session {source_id}"

[sources]
# Sources that `recall sync`, `recall import --auto` and the browser leave alone
# (format names, as `recall sources` lists them).
# off = ["aider", "elia"]

# What tokens cost, in US dollars per million tokens, by model: its exact name, or a
# prefix ending in * (the longest matching prefix wins). recall ships no prices and fetches
# none: with none here it shows no cost. `input` and `output` are required; `cache_read`
# and `cache_write` price prompt tokens read from or written to a cache (without them,
# such tokens have no price and the cost shown is a lower bound: "≥ $1.23"). The figures
# below are examples: take yours from your provider's price page.
[prices]
# "claude-sonnet-4*" = { input = 3, output = 15, cache_read = 0.3, cache_write = 3.75 }
# "gpt-5-codex" = { input = 1.25, output = 10, cache_read = 0.125 }
"##;

/// Writes [`DEFAULT_TEXT`] to `path` (making its folder), refusing to replace a file there.
pub fn init(path: &Path) -> Result<()> {
    if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).with_context(|| format!("cannot create the folder {}", folder.display()))?;
    }
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            anyhow::bail!("{} already exists; recall leaves it as it is", path.display())
        }
        Err(err) => return Err(err).with_context(|| format!("cannot create {}", path.display())),
    };
    file.write_all(DEFAULT_TEXT.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()))
}
