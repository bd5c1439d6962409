//! `workspace.yaml` beside a Copilot CLI session's events: a flat YAML mapping (`id`, `cwd`,
//! `name`, `user_named`, `created_at`, ...). Only its top-level scalars are read, in the few
//! spellings a YAML writer uses for them: plain, 'single-quoted', "double-quoted" (with
//! escapes), folded over several indented lines when long, or a `|` / `>` block for text with
//! line breaks. Nested mappings and lists are left out; nothing here needs them.

use std::collections::HashMap;

/// The top-level `key: scalar` pairs of a YAML mapping.
pub(super) fn scalars(text: &str) -> HashMap<String, String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = HashMap::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.starts_with([' ', '\t', '#', '-']) || line.trim().is_empty() {
            continue;
        }
        let Some((key, rest)) = line.split_once(": ").or_else(|| line.strip_suffix(':').map(|key| (key, ""))) else {
            continue;
        };
        let start = i;
        while i < lines.len() && (lines[i].starts_with([' ', '\t']) || lines[i].trim().is_empty()) {
            i += 1;
        }
        let mut end = i;
        while end > start && lines[end - 1].trim().is_empty() {
            end -= 1;
        }
        if let Some(value) = scalar(rest.trim(), &lines[start..end]) {
            found.insert(key.trim().to_string(), value);
        }
    }
    found
}

/// A scalar that starts as `first` on the key's line and goes on over `more` lines.
fn scalar(first: &str, more: &[&str]) -> Option<String> {
    match first.chars().next() {
        None => None, // a nested mapping or list
        Some('|' | '>') => Some(block(first, more)),
        Some('\'') => single_quoted(&fold(first, more, false)),
        Some('"') => double_quoted(&fold(first, more, true)),
        Some('{' | '[' | '&' | '*' | '!') => None,
        Some(_) => {
            let folded = fold(first, more, false);
            let without_comment = folded.split(" #").next().unwrap_or_default();
            Some(without_comment.trim_end().to_string())
        }
    }
}

/// Joins a flow scalar's lines: one line break is a space, each empty line a line break. In a
/// double-quoted scalar a line ending in `\` joins the next without a space.
fn fold(first: &str, more: &[&str], escapes: bool) -> String {
    let mut text = first.trim_end().to_string();
    let mut after_break = false;
    for line in more {
        let line = line.trim();
        if line.is_empty() {
            text.push('\n');
            after_break = true;
            continue;
        }
        let escaped_break = escapes && (text.len() - text.trim_end_matches('\\').len()) % 2 == 1;
        if escaped_break {
            text.pop();
        } else if !after_break {
            text.push(' ');
        }
        text.push_str(line);
        after_break = false;
    }
    text
}

fn single_quoted(text: &str) -> Option<String> {
    let inner = text.strip_prefix('\'')?;
    let mut value = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            if chars.peek() == Some(&'\'') {
                chars.next();
            } else {
                return Some(value);
            }
        }
        value.push(c);
    }
    None
}

fn double_quoted(text: &str) -> Option<String> {
    let inner = text.strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => {
                let escape = chars.next()?;
                let hex_digits = match escape {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => 0,
                };
                if hex_digits > 0 {
                    let code: String = chars.by_ref().take(hex_digits).collect();
                    value.push(u32::from_str_radix(&code, 16).ok().and_then(char::from_u32)?);
                    continue;
                }
                value.push(match escape {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    'e' => '\u{1b}',
                    'N' => '\u{85}',
                    '_' => '\u{a0}',
                    other => other,
                });
            }
            other => value.push(other),
        }
    }
    None
}

/// `|` keeps line breaks, `>` folds them; `-` drops the final one. The indentation of the
/// first line is the block's.
fn block(header: &str, lines: &[&str]) -> String {
    let indent = lines.iter().find(|l| !l.trim().is_empty()).map_or(0, |l| l.len() - l.trim_start().len());
    let body: Vec<&str> = lines.iter().map(|l| l.get(indent..).unwrap_or("")).collect();
    let mut text = if header.starts_with('>') {
        let mut folded = String::new();
        for (n, line) in body.iter().enumerate() {
            if n > 0 {
                let previous_blank = body[n - 1].is_empty();
                folded.push(if line.is_empty() || previous_blank { '\n' } else { ' ' });
            }
            folded.push_str(line);
        }
        folded
    } else {
        body.join("\n")
    };
    if !header.contains('-') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_fields_copilot_writes() {
        let text = "id: 11418df3\ncwd: /home/dev/copilot-demo\nname: 'Summarize this project: it''s small.'\n\
                    user_named: false\nsummary_count: 0\ncreated_at: 2026-11-30T23:09:05.932Z\n";
        let fields = scalars(text);
        assert_eq!(fields["id"], "11418df3");
        assert_eq!(fields["cwd"], "/home/dev/copilot-demo");
        assert_eq!(fields["name"], "Summarize this project: it's small.");
        assert_eq!(fields["user_named"], "false");
        assert_eq!(fields["created_at"], "2026-11-30T23:09:05.932Z");
    }

    #[test]
    fn long_and_multi_line_values() {
        let text = "name: a plain value that was\n  folded over lines\n\n  with a break # note\n\
                    quoted: \"tab\\there, \\u00e9, split \\\n  here\"\n\
                    block: |-\n  line one\n\n  line three\nfolded: >\n  one\n  two\n\
                    context:\n  cwd: /nested\nlist:\n- a\nlast: テスト 🚀\n";
        let fields = scalars(text);
        assert_eq!(fields["name"], "a plain value that was folded over lines\nwith a break");
        assert_eq!(fields["quoted"], "tab\there, é, split here");
        assert_eq!(fields["block"], "line one\n\nline three");
        assert_eq!(fields["folded"], "one two\n");
        assert!(!fields.contains_key("context") && !fields.contains_key("cwd") && !fields.contains_key("list"));
        assert_eq!(fields["last"], "テスト 🚀");
    }
}
