//! Where aider histories are: one `.aider.chat.history.md` per repository (aider writes it at
//! the git root, or in the folder it runs in outside git), so there is no central place.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::sections::HEADER;
use crate::import::error::io_error;
use crate::import::{Out, Result};

pub(crate) const FILE_NAME: &str = ".aider.chat.history.md";
/// Aider's `--chat-history-file` option, as its environment variable.
const FILE_VARIABLE: &str = "AIDER_CHAT_HISTORY_FILE";
/// Folders that hold builds, dependencies or VCS data, never a project's own history.
const SKIPPED_FOLDERS: [&str; 12] = [
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "target",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".mypy_cache",
    ".pytest_cache",
    ".cache",
];
/// Deep enough for `~/code/<org>/<repo>/<sub>/...`, shallow enough to stay quick.
const MAX_DEPTH: usize = 8;

/// Whether `path` is an aider history: by its name, or by its first line.
pub(crate) fn is_history_file(path: &Path) -> bool {
    if path.file_name().is_some_and(|name| name == FILE_NAME) {
        return true;
    }
    let mut head = [0u8; 256];
    let Ok(read) = crate::files::open_regular(path).and_then(|mut file| file.read(&mut head)) else { return false };
    let head = &head[..read];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    head[start..].starts_with(HEADER.as_bytes())
}

/// The histories below `dir`, in path order; folders that cannot be read are reported.
pub(crate) fn history_files(dir: &Path, out: &mut Out<'_, '_>) -> Result<Vec<PathBuf>> {
    std::fs::read_dir(dir).map_err(io_error(dir))?;
    let mut found = Vec::new();
    walk(dir, MAX_DEPTH, &mut found, &mut |folder, error| {
        out.skip(folder.display().to_string(), format!("could not read the folder: {error}"));
    });
    Ok(found)
}

/// Whether any history lies below `dir`.
pub(crate) fn holds_history(dir: &Path) -> bool {
    let mut found = Vec::new();
    walk(dir, MAX_DEPTH, &mut found, &mut |_, _| {});
    !found.is_empty()
}

/// Depth-first in name order, without following links (a link to `..` would never end).
fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>, unreadable: &mut dyn FnMut(&Path, std::io::Error)) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => return unreadable(dir, error),
    };
    let mut entries: Vec<(PathBuf, std::fs::FileType)> =
        entries.filter_map(|entry| entry.ok()).filter_map(|e| Some((e.path(), e.file_type().ok()?))).collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if kind.is_file() && name == FILE_NAME {
            found.push(path);
        } else if kind.is_dir() && depth > 0 && !skipped(&name) {
            walk(&path, depth - 1, found, unreadable);
        }
    }
}

fn skipped(folder: &str) -> bool {
    SKIPPED_FOLDERS.contains(&folder) || folder.starts_with(".aider.tags.cache")
}

/// The histories `import --auto` reads: `$AIDER_CHAT_HISTORY_FILE` (relative to `cwd`), and
/// `.aider.chat.history.md` in `cwd` and in its git root, those that exist, each once.
pub(crate) fn default_files(cwd: &Path, env: fn(&str) -> Option<OsString>) -> Vec<PathBuf> {
    let mut candidates = Vec::new();
    if let Some(named) = env(FILE_VARIABLE).filter(|v| !v.is_empty()) {
        candidates.push(cwd.join(named));
    }
    candidates.push(cwd.join(FILE_NAME));
    if let Some(root) = cwd.ancestors().find(|dir| dir.join(".git").exists()) {
        candidates.push(root.join(FILE_NAME));
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for candidate in candidates {
        if candidate.is_file() && !files.contains(&candidate) {
            files.push(candidate);
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_histories_below_a_folder_but_not_in_heavy_ones() {
        let temp = tempfile::tempdir().expect("temp");
        for dir in ["a/.git", "a/node_modules/x", "b/deep/er", "c"] {
            std::fs::create_dir_all(temp.path().join(dir)).expect("mkdir");
        }
        for file in
            ["a/.aider.chat.history.md", "a/node_modules/x/.aider.chat.history.md", "b/deep/er/.aider.chat.history.md"]
        {
            std::fs::write(temp.path().join(file), "").expect("write");
        }
        let mut found = Vec::new();
        walk(temp.path(), MAX_DEPTH, &mut found, &mut |_, _| {});
        let relative: Vec<&Path> = found.iter().map(|p| p.strip_prefix(temp.path()).expect("below")).collect();
        assert_eq!(relative, [Path::new("a/.aider.chat.history.md"), Path::new("b/deep/er/.aider.chat.history.md")]);
        assert!(holds_history(temp.path()) && !holds_history(&temp.path().join("c")));
    }

    #[test]
    fn auto_looks_in_the_folder_and_its_git_root() {
        let temp = tempfile::tempdir().expect("temp");
        let repo = temp.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).expect("mkdir");
        std::fs::create_dir_all(repo.join("src/sub")).expect("mkdir");
        std::fs::write(repo.join(FILE_NAME), "").expect("write");
        std::fs::write(repo.join("src").join(FILE_NAME), "").expect("write");
        assert_eq!(default_files(&repo.join("src/sub"), |_| None), [repo.join(FILE_NAME)]);
        assert_eq!(
            default_files(&repo.join("src"), |_| None),
            [repo.join("src").join(FILE_NAME), repo.join(FILE_NAME)]
        );
        assert_eq!(default_files(&repo, |_| None), [repo.join(FILE_NAME)]);
        let named = |name: &str| (name == FILE_VARIABLE).then(|| OsString::from("src/.aider.chat.history.md"));
        assert_eq!(default_files(&repo, named), [repo.join("src").join(FILE_NAME), repo.join(FILE_NAME)]);
        assert!(default_files(temp.path(), |_| None).is_empty());
    }
}
