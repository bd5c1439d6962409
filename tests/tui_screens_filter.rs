//! The sidebar narrowed by a filter and a scope, as drawn: its header says what it shows, the
//! count with separators, and each item names its project after its agent, cut to fit.

mod tui_support;

use std::path::Path;

use recall::tui::app::{Action, App, Folder, Scope};
use tui_support::*;

/// Sessions of three agents in three projects, one with no folder.
fn store() -> FakeBackend {
    let backend = many_sessions(5);
    backend.place("s1", "codex", Some("/home/me/src/recall"));
    backend.place("s2", "claude-code", Some("/home/me/src/recall/src"));
    backend.place("s3", "codex", Some("/home/me/src/a-project-with-a-long-name"));
    backend.place("s4", "gemini-cli", Some("/home/me/site"));
    backend.place("s5", "codex", None);
    backend
}

fn snapshot(name: &str, app: &App) {
    insta::assert_snapshot!(name, draw(app).backend());
}

#[test]
fn filtered_list_header_and_projects() {
    for (width, height) in [(80, 24), (120, 16), (40, 12)] {
        let backend = store();
        let mut app = launch(&backend, width, height);
        snapshot(&format!("projects_{width}x{height}"), &app);
        press(&mut app, &backend, [Action::StartSearch]);
        type_text(&mut app, &backend, "agent:codex after:7d");
        press(&mut app, &backend, [Action::Submit]);
        snapshot(&format!("filtered_{width}x{height}"), &app);
    }
}

#[test]
fn scoped_list_header() {
    let backend = store();
    let scope = Scope { folder: Some(Folder::new(Path::new("/home/me/src/recall"))), on: true };
    let app = App::start(&backend, 120, 16, now(), None, scope).expect("starts");
    snapshot("scoped_120x16", &app);
}
