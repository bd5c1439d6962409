//! The working folder of a Gemini CLI project folder (`~/.gemini/tmp/<short id>/`).
//!
//! 0.61 writes it to `tmp/<short id>/.project_root` (plain text) and lists it in
//! `~/.gemini/projects.json` (`{"projects": {"<path>": "<short id>"}}`). Older releases named
//! the folder by the path's SHA-256 and kept neither: their sessions go without a `cwd`
//! unless the session lists its directories.

use std::path::Path;

use serde_json::Value;

/// The project's root folder, from `.project_root` or the home's `projects.json`.
pub(super) fn root(project_dir: &Path) -> Option<String> {
    let written = std::fs::read_to_string(project_dir.join(".project_root")).ok();
    if let Some(root) = written.map(|text| text.trim().to_string()).filter(|root| !root.is_empty()) {
        return Some(root);
    }
    let short_id = project_dir.file_name()?.to_str()?;
    let home = project_dir.parent()?.parent()?;
    let projects: Value = serde_json::from_str(&std::fs::read_to_string(home.join("projects.json")).ok()?).ok()?;
    projects
        .get("projects")?
        .as_object()?
        .iter()
        .find(|(_, id)| id.as_str() == Some(short_id))
        .map(|(path, _)| path.clone())
}
