//! The real binary in a pseudo-terminal: changes made from the keyboard reach the store.

mod pty_support;

use pty_support::{CTRL_U, ENTER, Fixture};

#[test]
fn rename_persists() {
    let fixture = Fixture::new();
    let (_older, newest) = fixture.two_sessions();
    let mut tui = fixture.launch();

    tui.step("launch");
    tui.wait_for("the newest session", |s| s.conversation().contains("newest message 60 of 60"));

    tui.step("rename_prompt");
    tui.keys("r");
    tui.wait_for("the editor with the current title", |s| s.status().contains(&format!("Rename: {}", newest.title)));

    tui.step("typing");
    tui.keys(CTRL_U);
    tui.keys("Renamed in a pty");
    let screen = tui.wait_for("the typed title in the editor", |s| s.status().contains("Rename: Renamed in a pty"));
    let end = "Rename: Renamed in a pty".len() as u16;
    assert_eq!(screen.cursor(), Some((end, 29)), "the cursor ends the typed text\n{screen}");

    tui.step("after_rename");
    tui.keys(ENTER);
    let screen = tui.wait_for("the new title in the header and the list", |s| {
        s.conversation_header().contains("Renamed in a pty") && s.sidebar().contains("Renamed in a pty")
    });
    assert!(screen.status().contains("Renamed to 'Renamed in a pty'"), "{screen}");
    assert!(!screen.above_status().contains(&newest.title), "the old title is gone\n{screen}");

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());

    tui.step("stored");
    let stored = fixture.store().get_session(&newest.id).unwrap();
    assert_eq!(stored.title, "Renamed in a pty");
}

#[test]
fn delete_then_undo_keeps_the_session() {
    let fixture = Fixture::new();
    let (older, newest) = fixture.two_sessions();
    let mut tui = fixture.launch();

    tui.step("launch");
    tui.wait_for("the newest session", |s| s.conversation().contains("newest message 60 of 60"));

    tui.step("delete_question");
    tui.keys("d");
    tui.wait_for("the question", |s| s.contains(&format!("Delete '{}'?", newest.title)));

    tui.step("after_delete");
    tui.keys("y");
    let screen = tui.wait_for("the session gone from the list", |s| {
        s.status().contains("Deleted") && !s.above_status().contains(&newest.title)
    });
    assert!(screen.conversation_header().contains(&older.title), "the next session opens\n{screen}");
    assert!(screen.contains("Sessions 1"), "{screen}");
    let trashed = fixture.store().get_session(&newest.id).unwrap();
    assert!(trashed.deleted_at.is_some(), "the delete reached the store");

    tui.step("after_undo");
    tui.keys("u");
    let screen = tui.wait_for("the session back in the list", |s| {
        s.status().contains("Restored") && s.sidebar().contains(&newest.title)
    });
    assert!(screen.conversation_header().contains(&newest.title), "{screen}");
    assert!(screen.contains("Sessions 2"), "{screen}");

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());

    tui.step("stored");
    let store = fixture.store();
    let restored = store.get_session(&newest.id).unwrap();
    assert_eq!(restored.deleted_at, None, "out of the trash");
    assert_eq!(restored.event_count, 60);
    assert_eq!(store.session_count().unwrap(), 2);
}
