//! The real binary in a pseudo-terminal: opening, switching sessions, searching, and
//! following changes another process makes to the store.

mod pty_support;

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use pty_support::{ENTER, Fixture, session};
use recall::tui::layout;
use serde_json::json;

#[test]
fn launch_resumes_the_most_recent_session_at_its_end() {
    let fixture = Fixture::new();
    let (older, newest) = fixture.two_sessions();
    let mut tui = fixture.launch();

    tui.step("launch");
    let screen =
        tui.wait_for("the newest session's last message", |s| s.conversation().contains("newest message 60 of 60"));
    assert!(screen.conversation_header().contains(&newest.title), "header names the newest session\n{screen}");
    assert!(!screen.conversation().contains("newest message 1 of 60"), "opened at the end, not the start\n{screen}");
    assert!(screen.selected().is_some_and(|row| row.contains(&newest.title)), "newest is selected\n{screen}");
    assert!(screen.sidebar().contains(&older.title), "the older session is listed\n{screen}");

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn j_and_enter_switch_to_the_other_session() {
    let fixture = Fixture::new();
    let (older, _newest) = fixture.two_sessions();
    let mut tui = fixture.launch();

    tui.step("launch");
    tui.wait_for("the newest session", |s| s.conversation().contains("newest message 60 of 60"));

    tui.step("after_j");
    tui.keys("j");
    tui.wait_for("the older session selected", |s| s.selected().is_some_and(|row| row.contains(&older.title)));

    tui.step("after_enter");
    tui.keys(ENTER);
    let screen = tui.wait_for("the older session's last message, read in the conversation pane", |s| {
        s.conversation().contains("older message 12 of 12")
            && s.conversation_header().contains(&older.title)
            && s.status().contains("j/k scroll")
    });
    assert!(!screen.conversation().contains("newest message"), "nothing of the other session is left\n{screen}");

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn search_jumps_to_the_hit_in_another_session() {
    let fixture = Fixture::new();
    let store = fixture.store();
    // The word is early in an older, long session: far from the end it would open at.
    let long = store.create_session("Long session").unwrap();
    let events: Vec<_> = (1..=80)
        .map(|n| {
            let text =
                if n == 3 { "an early zeppelin sighting".to_string() } else { format!("long message {n} of 80") };
            json!({"role": "user", "content": text})
        })
        .collect();
    store.add_events(&long.id, &events).unwrap();
    let _newest = session(&store, "Newest session", "newest", 10);
    drop(store);
    let mut tui = fixture.launch();

    tui.step("launch");
    tui.wait_for("the newest session", |s| s.conversation().contains("newest message 10 of 10"));

    tui.step("after_search");
    tui.keys("/zeppelin");
    tui.wait_for("hits listed", |s| s.sidebar().contains("zeppelin"));
    tui.keys(ENTER);
    let screen = tui.wait_for("the early message in view", |s| {
        s.conversation_header().contains("Long session") && s.conversation().contains("early zeppelin sighting")
    });
    assert!(!screen.conversation().contains("long message 80 of 80"), "the jump left the end\n{screen}");

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn changes_by_another_writer_appear_and_the_selection_stays() {
    let fixture = Fixture::new();
    let (older, newest) = fixture.two_sessions();
    let mut tui = fixture.launch();

    tui.step("launch");
    tui.wait_for("the newest session", |s| s.conversation().contains("newest message 60 of 60"));

    // The second session in the list is open, so new sessions above it shift its place.
    tui.step("select_the_older_session");
    tui.keys("j");
    tui.wait_for("the older session open", |s| {
        s.conversation().contains("older message 12 of 12")
            && s.selected().is_some_and(|row| row.contains(&older.title))
    });

    tui.step("after_second_writer");
    let writer = fixture.store();
    let written = Instant::now();
    writer.add_events(&older.id, &[json!({"role": "user", "content": "appended by another process"})]).unwrap();
    let created = writer.create_session("Created while the browser runs").unwrap();
    writer.add_events(&created.id, &[json!({"role": "user", "content": "hello"})]).unwrap();
    let screen = tui.wait_for_within("the appended event and the new session", Duration::from_secs(5), |s| {
        s.conversation().contains("appended by another process") && s.sidebar().contains("Created while the browser")
    });
    eprintln!("the second writer's changes showed after {:?}", written.elapsed());
    assert!(screen.conversation_header().contains(&older.title), "the open session stays open\n{screen}");
    assert!(screen.conversation_header().contains("13 events"), "the header counts the new event\n{screen}");
    assert!(screen.selected().is_some_and(|row| row.contains(&older.title)), "the selection stays\n{screen}");

    tui.step("after_recall_log_to_the_other_session");
    let mut log = std::process::Command::new(env!("CARGO_BIN_EXE_recall"))
        .arg("--db")
        .arg(&fixture.db)
        .args(["log", "--session", &newest.id])
        .env_remove("RECALL_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let event = br#"{"role": "assistant", "content": "logged from the command line"}"#;
    log.stdin.take().unwrap().write_all(event).unwrap();
    let output = log.wait_with_output().unwrap();
    assert!(output.status.success(), "recall log: {output:?}");
    let screen = tui.wait_for_within("the logged session first in the list", Duration::from_secs(5), |s| {
        s.sidebar().lines().next().is_some_and(|row| row.contains(&newest.title)) && s.sidebar().contains("61 ev")
    });
    assert!(screen.selected().is_some_and(|row| row.contains(&older.title)), "the selection stays\n{screen}");
    assert!(screen.conversation_header().contains(&older.title), "the open session stays open\n{screen}");
    assert!(!screen.conversation().contains("logged from the command line"), "{screen}");

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_session_deleted_by_another_writer_gives_way_to_the_selected_one() {
    let fixture = Fixture::new();
    let (older, newest) = fixture.two_sessions();
    let mut tui = fixture.launch();

    tui.step("launch");
    tui.wait_for("the newest session", |s| s.conversation().contains("newest message 60 of 60"));

    tui.step("after_delete_elsewhere");
    fixture.store().delete(&newest.id).unwrap();
    let screen = tui.wait_for("the older session, selected and open", |s| {
        s.selected().is_some_and(|row| row.contains(&older.title)) && s.conversation_header().contains(&older.title)
    });
    assert!(screen.conversation().contains("older message 12 of 12"), "{screen}");
    assert!(!screen.above_status().contains(&newest.title), "{screen}");
    assert!(screen.status().contains("deleted by another program"), "{screen}");

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn the_mouse_scrolls_and_selects() {
    let fixture = Fixture::new();
    let (older, _newest) = fixture.two_sessions();
    let mut tui = fixture.launch();

    tui.step("launch");
    let screen = tui.wait_for("the newest session", |s| s.conversation().contains("newest message 60 of 60"));
    let body = screen.panes().conversation_body().unwrap();
    // SGR mouse reports are 1-based: `ESC [ < button ; column ; row M`.
    let (column, row) = (body.x + 10 + 1, body.y + 5 + 1);

    tui.step("wheel_up_in_the_conversation");
    tui.keys(&format!("\x1b[<64;{column};{row}M"));
    tui.wait_for("the last message scrolled away", |s| {
        !s.conversation().contains("newest message 60 of 60") && s.conversation().contains("newest message 59 of 60")
    });

    tui.step("wheel_down_in_the_conversation");
    tui.keys(&format!("\x1b[<65;{column};{row}M"));
    tui.wait_for("the last message back", |s| s.conversation().contains("newest message 60 of 60"));

    tui.step("click_on_the_older_session");
    // The second item of the list: its title is on the third row of the sidebar's body.
    let sidebar = layout::body(screen.panes().sidebar.unwrap());
    let (column, row) = (sidebar.x + 3 + 1, sidebar.y + 2 + 1);
    tui.keys(&format!("\x1b[<0;{column};{row}M\x1b[<0;{column};{row}m"));
    let screen = tui.wait_for("the older session open", |s| {
        s.selected().is_some_and(|row| row.contains(&older.title))
            && s.conversation().contains("older message 12 of 12")
    });
    assert!(screen.conversation_header().contains(&older.title), "{screen}");

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn an_append_while_scrolled_up_keeps_the_reading_position() {
    let fixture = Fixture::new();
    let (_older, newest) = fixture.two_sessions();
    let mut tui = fixture.launch();

    tui.step("launch");
    tui.wait_for("the newest session", |s| s.conversation().contains("newest message 60 of 60"));

    tui.step("scroll_up");
    tui.keys("\tkkkkkkkkkk");
    let before = tui.settle();
    assert!(!before.conversation().contains("newest message 60 of 60"), "scrolled up\n{before}");

    tui.step("after_append");
    let event = json!({"role": "user", "content": "appended while scrolled up"});
    fixture.store().add_events(&newest.id, &[event]).unwrap();
    let after = tui.wait_for("the header counting 61", |s| s.conversation_header().contains("61 events"));
    assert_eq!(before.conversation(), after.conversation(), "the text read stays put\n{before}\n{after}");

    tui.step("to_the_end");
    tui.keys("G");
    tui.wait_for("the appended message at the end", |s| s.conversation().contains("appended while scrolled up"));

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());
}
