//! `recall --here` run for real in a folder: the list holds the sessions whose working folder
//! is that folder or one below it (not a sibling whose name starts the same), the newest of
//! them is open, and `s` switches to every session and back.

mod pty_support;

use pty_support::*;
use serde_json::json;

#[test]
fn here_scopes_the_list_to_the_folder_and_s_widens_it() {
    let fixture = Fixture::new();
    let home = fixture.dir.path().canonicalize().expect("canonical");
    let project = home.join("otters");
    std::fs::create_dir_all(project.join("src")).expect("project folders");
    let store = fixture.store();
    // Oldest first, so the last one made is the newest.
    for (title, folder) in [
        ("In the project root", project.clone()),
        ("In a sibling folder", home.join("otters-site")),
        ("In the project src", project.join("src")),
        ("Elsewhere entirely", home.join("kingfishers")),
    ] {
        let session = session(&store, title, "word", 2);
        store.update_metadata(&session.id, &json!({ "cwd": folder.to_str().expect("utf-8") })).expect("cwd");
    }
    drop(store);

    let mut tui = Tui::launch_with(&fixture.db, &project, COLS, ROWS, &[], &["--here", "--no-sync"]);
    tui.step("launch");
    let screen = tui.wait_for("the scoped list", |s| s.row(0).contains("Sessions 2 in otters"));
    let sidebar = screen.sidebar();
    assert!(sidebar.contains("In the project src") && sidebar.contains("In the project root"), "{sidebar}");
    assert!(!sidebar.contains("sibling") && !sidebar.contains("Elsewhere"), "{sidebar}");
    assert!(screen.conversation_header().contains("In the project src"), "the newest of the folder is open");

    tui.step("s: all sessions");
    tui.keys("s");
    let screen = tui.wait_for("every session", |s| s.row(0).contains("Sessions 4 "));
    assert!(screen.sidebar().contains("Elsewhere entirely"));
    assert!(screen.status().contains("4 sessions · s: only otters"), "{}", screen.status());

    tui.step("s: the folder again");
    tui.keys("s");
    tui.wait_for("the scoped list again", |s| s.row(0).contains("Sessions 2 in otters"));

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());
}
