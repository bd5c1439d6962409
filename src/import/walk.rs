//! Finding the files of a source tree: regular files only, each once, and never in circles.
//!
//! A file reached by several paths (a hard link, a symlink beside it, a symlinked folder) is
//! listed once, at its first path in path order; a folder is entered once, so symlink loops
//! end. Entries the walk takes by name but cannot read (a FIFO, a device, a dangling link, a
//! file without permission) and sub-folders it cannot list are left out and reported; the
//! rest of the tree is still read.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::error::io_error;
use super::{Out, Result};
use crate::files::{FileId, kind};

/// Walks one or more roots, remembering what it has seen across them.
#[derive(Default)]
pub(crate) struct Walker {
    files: Vec<PathBuf>,
    /// (path, why) for entries left out.
    problems: Vec<(PathBuf, String)>,
    seen_files: HashSet<FileId>,
    seen_folders: HashSet<FileId>,
}

impl Walker {
    /// Adds the files under `root` (down to `depth` levels) that `accept` takes by their path.
    /// Fails only when `root` itself cannot be listed.
    pub(crate) fn walk(&mut self, root: &Path, depth: usize, accept: &mut dyn FnMut(&Path) -> bool) -> Result<()> {
        let metadata = std::fs::metadata(root).map_err(io_error(root))?;
        if !self.seen_folders.insert(FileId::of(root, &metadata)) {
            return Ok(());
        }
        let entries = list(root).map_err(io_error(root))?;
        self.visit(entries, depth, accept);
        Ok(())
    }

    fn visit(&mut self, entries: Vec<PathBuf>, depth: usize, accept: &mut dyn FnMut(&Path) -> bool) {
        for entry in entries {
            let metadata = match std::fs::metadata(&entry) {
                Ok(metadata) => metadata,
                Err(e) => {
                    if accept(&entry) {
                        self.problems.push((entry, format!("cannot be read: {e}")));
                    }
                    continue;
                }
            };
            if metadata.is_dir() {
                if depth == 0 || !self.seen_folders.insert(FileId::of(&entry, &metadata)) {
                    continue;
                }
                match list(&entry) {
                    Ok(inner) => self.visit(inner, depth - 1, accept),
                    Err(e) => self.problems.push((entry, format!("folder cannot be listed: {e}"))),
                }
            } else if accept(&entry) {
                if !metadata.is_file() {
                    self.problems.push((entry, format!("not a regular file ({})", kind(&metadata))));
                } else if self.seen_files.insert(FileId::of(&entry, &metadata)) {
                    self.files.push(entry);
                }
            }
        }
    }

    /// The files found, in the order found; what was left out goes to `out` as skipped.
    pub(crate) fn finish(self, out: &mut Out<'_, '_>) -> Vec<PathBuf> {
        for (path, why) in self.problems {
            out.skip(path.display().to_string(), why);
        }
        self.files
    }

    /// The files found; what was left out is dropped (for detection, which reports nothing).
    pub(crate) fn into_files(self) -> Vec<PathBuf> {
        self.files
    }
}

/// The regular files under `root` that `accept` takes, each once; what was left out goes to
/// `out` as skipped. Fails only when `root` itself cannot be listed.
pub(crate) fn walk(
    root: &Path,
    depth: usize,
    accept: &mut dyn FnMut(&Path) -> bool,
    out: &mut Out<'_, '_>,
) -> Result<Vec<PathBuf>> {
    let mut walker = Walker::default();
    walker.walk(root, depth, accept)?;
    Ok(walker.finish(out))
}

fn list(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    Ok(entries)
}
