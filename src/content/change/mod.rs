//! File changes recognised in coding agents' edit tools, so that a screen can draw them as
//! diffs instead of escaped JSON strings.
//!
//! Every agent names its edit tools and their arguments its own way; this is the one place
//! that knows them all (the shapes come from the real files in `tests/fixtures/import/`):
//!
//! | agent       | replace a fragment                                  | write a file               |
//! |-------------|-----------------------------------------------------|----------------------------|
//! | Claude Code | `Edit` `file_path old_string new_string`, `MultiEdit` `edits[]` | `Write` `file_path content` |
//! | Gemini CLI  | `replace` `file_path old_string new_string`         | `write_file` `file_path content` |
//! | Qwen Code   | `edit` `file_path old_string new_string`            | `write_file`               |
//! | OpenCode    | `edit` `filePath oldString newString`               | `write` `filePath content` |
//! | Copilot CLI | `edit` / `str_replace` `path old_str new_str`       | `create` `path file_text`  |
//! | Pi          | `edit` `path edits[{oldText newText}]`              | `write` `path content`     |
//! | Aider       | `edit` `path search replace` (its SEARCH/REPLACE blocks) |                       |
//!
//! Codex writes patches: `apply_patch` as a custom tool (the patch is the raw input) or as a
//! function (`{"input": patch}`), or older releases through `shell` with
//! `["apply_patch", patch]`. The patch is parsed from its `*** Begin Patch` envelope.

use serde_json::{Map, Value};

mod patch;

pub use patch::parse_patch;

/// One file changed by one tool call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// As the agent wrote it; untrusted. Empty when the call did not say.
    pub path: String,
    pub kind: ChangeKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// A fragment of the file replaced by another: where in the file is not recorded.
    Replace { old: String, new: String },
    /// The whole file written (created or overwritten): every line is an addition.
    Write { content: String },
    /// The file deleted.
    Delete,
    /// A patch's hunks for the file, as written, and where the file moved to, if it did.
    Patch { moved_to: Option<String>, lines: Vec<PatchLine> },
}

/// One line of a patch hunk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatchLine {
    /// `@@` and what follows it: the hunk's anchor, often a function's first line.
    Hunk(String),
    Context(String),
    Added(String),
    Removed(String),
}

const PATH_KEYS: &[&str] = &["file_path", "filePath", "path", "file", "filename", "absolute_path"];
const OLD_KEYS: &[&str] = &["old_string", "oldString", "old_str", "oldText", "old_text", "search"];
const NEW_KEYS: &[&str] = &["new_string", "newString", "new_str", "newText", "new_text", "replace"];
const CONTENT_KEYS: &[&str] = &["content", "file_text", "contents", "text"];

/// The files a tool call changes, when `name` is a known edit tool and its `arguments` (as a
/// [`Block::ToolCall`](super::Block::ToolCall) holds them) have the shape that tool writes.
/// `None` for anything else, which is then shown as it is.
pub fn changes(name: &str, arguments: &str) -> Option<Vec<Change>> {
    let trimmed = arguments.trim_start();
    if trimmed.starts_with("*** Begin Patch") {
        return (name == "apply_patch" || name.ends_with("apply_patch")).then(|| parse_patch(arguments)).flatten();
    }
    let Ok(Value::Object(args)) = crate::json::parse_value(arguments) else {
        return None;
    };
    match name {
        "apply_patch" => patch_field(&args),
        "shell" | "local_shell" | "exec_command" => shell_patch(&args),
        "Edit" | "edit" | "replace" | "MultiEdit" | "multi_edit" | "str_replace" | "edit_file" => replacements(&args),
        "Write" | "write" | "write_file" | "create" | "create_file" => write(&args),
        "str_replace_editor" | "str_replace_based_edit_tool" => match text(&args, &["command"])? {
            "create" => write(&args),
            "str_replace" => replacements(&args),
            _ => None,
        },
        _ => None,
    }
}

fn text<'a>(args: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|key| args.get(*key).and_then(Value::as_str))
}

fn path(args: &Map<String, Value>) -> String {
    text(args, PATH_KEYS).unwrap_or_default().to_owned()
}

fn replacement(args: &Map<String, Value>) -> Option<ChangeKind> {
    let old = text(args, OLD_KEYS)?;
    let new = text(args, NEW_KEYS)?;
    Some(ChangeKind::Replace { old: old.to_owned(), new: new.to_owned() })
}

/// One replacement, or a list of them under `edits` (MultiEdit, Pi), each its own change.
fn replacements(args: &Map<String, Value>) -> Option<Vec<Change>> {
    let path = path(args);
    if let Some(kind) = replacement(args) {
        return Some(vec![Change { path, kind }]);
    }
    let edits = args.get("edits")?.as_array()?;
    let changes: Option<Vec<Change>> = edits
        .iter()
        .map(|edit| replacement(edit.as_object()?).map(|kind| Change { path: path.clone(), kind }))
        .collect();
    changes.filter(|changes| !changes.is_empty())
}

fn write(args: &Map<String, Value>) -> Option<Vec<Change>> {
    let content = text(args, CONTENT_KEYS)?;
    Some(vec![Change { path: path(args), kind: ChangeKind::Write { content: content.to_owned() } }])
}

/// The function form of `apply_patch`: the patch under `input` (or `patch`).
fn patch_field(args: &Map<String, Value>) -> Option<Vec<Change>> {
    parse_patch(text(args, &["input", "patch"])?)
}

/// Older Codex: `{"command": ["apply_patch", "*** Begin Patch ..."]}`.
fn shell_patch(args: &Map<String, Value>) -> Option<Vec<Change>> {
    let command = args.get("command")?.as_array()?;
    match command.as_slice() {
        [Value::String(tool), Value::String(patch)] if tool == "apply_patch" => parse_patch(patch),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replace(path: &str, old: &str, new: &str) -> Change {
        Change { path: path.into(), kind: ChangeKind::Replace { old: old.into(), new: new.into() } }
    }

    #[test]
    fn fragment_edits_in_every_agents_words() {
        let cases = [
            ("Edit", r#"{"file_path": "a.rs", "old_string": "x", "new_string": "y"}"#),
            ("replace", r#"{"file_path": "a.rs", "instruction": "i", "old_string": "x", "new_string": "y"}"#),
            ("edit", r#"{"filePath": "a.rs", "oldString": "x", "newString": "y"}"#),
            ("edit", r#"{"path": "a.rs", "old_str": "x", "new_str": "y"}"#),
            ("edit", r#"{"path": "a.rs", "edits": [{"oldText": "x", "newText": "y"}]}"#),
            ("edit", r#"{"path": "a.rs", "search": "x", "replace": "y"}"#),
            ("str_replace_editor", r#"{"command": "str_replace", "path": "a.rs", "old_str": "x", "new_str": "y"}"#),
        ];
        for (name, arguments) in cases {
            assert_eq!(changes(name, arguments), Some(vec![replace("a.rs", "x", "y")]), "{name} {arguments}");
        }
    }

    #[test]
    fn multi_edit_is_one_change_per_edit() {
        let arguments = r#"{"file_path": "a.rs", "edits": [
            {"old_string": "1", "new_string": "2"}, {"old_string": "3", "new_string": "4"}]}"#;
        assert_eq!(changes("MultiEdit", arguments), Some(vec![replace("a.rs", "1", "2"), replace("a.rs", "3", "4")]));
    }

    #[test]
    fn writes_in_every_agents_words() {
        let write = Some(vec![Change { path: "N.md".into(), kind: ChangeKind::Write { content: "# N\n".into() } }]);
        for (name, arguments) in [
            ("Write", r##"{"file_path": "N.md", "content": "# N\n"}"##),
            ("write_file", r##"{"file_path": "N.md", "content": "# N\n"}"##),
            ("write", r##"{"filePath": "N.md", "content": "# N\n"}"##),
            ("create", r##"{"path": "N.md", "file_text": "# N\n"}"##),
        ] {
            assert_eq!(changes(name, arguments), write, "{name}");
        }
    }

    #[test]
    fn other_tools_and_other_shapes_are_not_changes() {
        assert_eq!(changes("Read", r#"{"file_path": "a.rs"}"#), None);
        assert_eq!(changes("Edit", r#"{"file_path": "a.rs"}"#), None);
        assert_eq!(changes("Edit", "not json"), None);
        assert_eq!(changes("edit", r#"{"path": "a", "edits": []}"#), None);
        assert_eq!(changes("shell", r#"{"command": ["ls", "-la"]}"#), None);
        // A patch handed to something else is that tool's business.
        assert_eq!(changes("echo", "*** Begin Patch\n*** Delete File: a\n*** End Patch"), None);
    }

    #[test]
    fn apply_patch_in_its_three_forms() {
        let patch = "*** Begin Patch\n*** Delete File: old.txt\n*** End Patch\n";
        let deleted = Some(vec![Change { path: "old.txt".into(), kind: ChangeKind::Delete }]);
        assert_eq!(changes("apply_patch", patch), deleted);
        let function = serde_json::json!({ "input": patch }).to_string();
        assert_eq!(changes("apply_patch", &function), deleted);
        let shell = serde_json::json!({ "command": ["apply_patch", patch] }).to_string();
        assert_eq!(changes("shell", &shell), deleted);
    }
}
