//! The real binary in a pseudo-terminal: the terminal is left as it was found however the
//! program ends, untrusted text never drives it, and no size is too small.

mod pty_support;

use pty_support::{ENTER_ALT_SCREEN, Fixture, LEAVE_ALT_SCREEN, LEFT, MOUSE_OFF, PASTE_OFF, Tui, count};
use serde_json::json;

/// The first frame is on screen: the newest session's last message.
fn launched(tui: &mut Tui) {
    tui.step("launch");
    tui.wait_for("the first frame", |s| s.conversation().contains("newest message 60 of 60"));
}

fn assert_restored(tui: &Tui) {
    let raw = tui.raw_text();
    assert_eq!(tui.count(ENTER_ALT_SCREEN), 1, "entered the alternate screen once\n{raw:?}");
    assert_eq!(tui.count(LEAVE_ALT_SCREEN), 1, "left the alternate screen exactly once\n{raw:?}");
    assert!(tui.count(MOUSE_OFF) >= 1, "mouse capture disabled\n{raw:?}");
    assert!(tui.count(PASTE_OFF) >= 1, "bracketed paste disabled\n{raw:?}");
    let left = raw.rfind(LEAVE_ALT_SCREEN).unwrap();
    let entered = raw.find(ENTER_ALT_SCREEN).unwrap();
    assert!(entered < left, "left after entering\n{raw:?}");
    let screen = tui.screen();
    assert!(!screen.alternate(), "the terminal shows the normal screen again\n{screen}");
    assert!(screen.cursor().is_some(), "the cursor is visible again\n{screen}");
}

#[test]
fn quit_leaves_the_alternate_screen_exactly_once() {
    let fixture = Fixture::new();
    fixture.two_sessions();
    let mut tui = fixture.launch();
    launched(&mut tui);
    assert_eq!(tui.count(LEAVE_ALT_SCREEN), 0, "still full-screen");

    tui.step("quit");
    tui.keys("q");
    let status = tui.wait_exit();
    assert!(status.success(), "exit code 0: {status:?}");
    assert_restored(&tui);
}

#[test]
fn esc_and_q_sent_together_leave_search_and_quit() {
    let fixture = Fixture::new();
    fixture.two_sessions();
    let mut tui = fixture.launch();
    launched(&mut tui);

    tui.step("search_typed");
    tui.keys("/zzz");
    tui.wait_for("the search prompt shows the query", |s| s.status().contains("/zzz"));

    // One write, as a script or a fast typist over SSH sends it: the terminal cannot tell
    // it from Alt-q.
    tui.step("esc_and_q_together");
    tui.keys("\x1bq");
    let status = tui.wait_exit();
    assert!(status.success(), "exit code 0: {status:?}");
    assert_restored(&tui);
}

#[test]
fn ctrl_c_quits_as_cleanly() {
    let fixture = Fixture::new();
    fixture.two_sessions();
    let mut tui = fixture.launch();
    launched(&mut tui);

    tui.step("ctrl_c_in_the_rename_editor");
    tui.keys("r");
    tui.wait_for("the editor", |s| s.status().contains("Rename: "));
    tui.keys("\x03");
    let status = tui.wait_exit();
    assert!(status.success(), "exit code 0: {status:?}");
    assert_restored(&tui);
}

#[test]
fn a_panic_still_restores_the_terminal() {
    let fixture = Fixture::new();
    fixture.two_sessions();
    let mut tui = Tui::launch(&fixture.db, fixture.dir.path(), 100, 30, &[("RECALL_TEST_PANIC", "1")]);

    tui.step("panic");
    let status = tui.wait_exit();
    assert!(!status.success(), "a panic is a failure: {status:?}");
    assert_restored(&tui);
    let screen = tui.screen();
    // At the start of a row: printed with the terminal out of raw mode, not staircased.
    let readable = screen.rows().iter().any(|row| row.starts_with("forced panic (RECALL_TEST_PANIC is set)"));
    assert!(readable, "the panic message is readable\n{screen}");
    // The message is printed after the terminal is restored, not lost in the alternate screen.
    let raw = tui.raw_text();
    assert!(raw.rfind(LEAVE_ALT_SCREEN) < raw.find("forced panic"), "{raw:?}");
}

#[test]
fn a_store_that_cannot_be_opened_is_reported_without_taking_the_screen() {
    let fixture = Fixture::new();
    std::fs::write(&fixture.db, "this is not a database, and must stay as it is\n").unwrap();
    let mut tui = fixture.launch();

    tui.step("refused");
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 1, "{status:?}");
    assert_eq!(tui.count(ENTER_ALT_SCREEN), 0, "{:?}", tui.raw_text());
    let screen = tui.screen();
    assert!(screen.rows().iter().any(|row| row.starts_with("recall: cannot open the store")), "{screen}");
    let kept = std::fs::read_to_string(&fixture.db).unwrap();
    assert_eq!(kept, "this is not a database, and must stay as it is\n", "the file is left untouched");
}

fn stopped_by_signal(signal: &str) {
    let fixture = Fixture::new();
    fixture.two_sessions();
    let mut tui = fixture.launch();
    launched(&mut tui);

    tui.step(&format!("after_sig{signal}"));
    tui.signal(signal);
    let status = tui.wait_exit();
    assert_eq!(status.signal(), None, "the program handled SIG{signal} itself: {status:?}");
    assert_restored(&tui);
}

#[test]
fn sigterm_restores_the_terminal() {
    stopped_by_signal("TERM");
}

#[test]
fn sighup_restores_the_terminal() {
    stopped_by_signal("HUP");
}

/// Base64 that must never be seen: the payload of a clipboard-setting OSC 52.
const PAYLOAD: &str = "UEFZTE9BRFBBWUxPQURQQVlMT0FEUEFZTE9BRFBBWUxPQURQQVlMT0FEUEFZTE9BRFBBWUxPQUQ=";

#[test]
fn escape_sequences_in_content_never_reach_the_terminal() {
    let fixture = Fixture::new();
    let store = fixture.store();
    let title = "Evil \x1b]52;c;VElUTEVQQVk=\x07title\x07 here\u{9b}2J done";
    let session = store.create_session(title).unwrap();
    let message = concat!(
        "alpha \x1b]52;c;Qk9EWVBBWQ==\x07beta \x1b[2Jgamma ",
        "\x1b]8;;http://evil.example/x\x1b\\link\x1b]8;;\x1b\\ delta\x07 epsilon \u{9b}31mzeta"
    );
    // A long payload just before a word: a search snippet around the word starts inside it.
    let hidden = format!("before \x1b]52;c;{PAYLOAD}\x07omega after");
    let events = [json!({"role": "user", "content": hidden}), json!({"role": "user", "content": message})];
    store.add_events(&session.id, &events).unwrap();
    drop(store);
    let mut tui = fixture.launch();

    tui.step("launch");
    let screen =
        tui.wait_for("the cleaned message", |s| s.conversation().contains("alpha beta gamma link delta epsilon zeta"));
    assert!(screen.conversation().contains("before omega after"), "{screen}");
    assert!(screen.conversation_header().contains("Evil title here done"), "the cleaned title\n{screen}");
    assert!(screen.sidebar().contains("Evil title here done"), "the cleaned title in the list\n{screen}");

    tui.step("search_snippets");
    tui.keys("/omega");
    let screen = tui.wait_for("the hit listed", |s| s.sidebar().contains("omega"));
    assert!(screen.sidebar().contains("before omega after"), "the snippet is the cleaned text\n{screen}");
    tui.keys("\x1b");
    tui.wait_for("the search closed", |s| !s.contains("Search: "));

    tui.step("rename_editor");
    tui.keys("r");
    let screen = tui.wait_for("the editor", |s| s.status().contains("Rename: "));
    assert!(screen.status().contains("Rename: Evil title here done"), "{screen}");
    let label = "Rename: ".len() as u16;
    assert_eq!(screen.cursor(), Some((label + 20, 29)), "the cursor ends the title\n{screen}");
    tui.keys(&LEFT.repeat(4));
    tui.wait_for("the cursor before `done`", |s| s.cursor() == Some((label + 16, 29)));
    tui.keys("X");
    let screen = tui.wait_for("the typed letter", |s| s.status().contains("Rename: Evil title here Xdone"));
    assert_eq!(screen.cursor(), Some((label + 17, 29)), "the cursor is after the X\n{screen}");
    tui.keys("\x1b");
    tui.wait_for("the editor closed", |s| s.status().contains("Rename cancelled"));

    tui.step("delete_question");
    tui.keys("d");
    let screen = tui.wait_for("the question", |s| s.contains("Delete '"));
    assert!(screen.contains("Delete 'Evil title here done'?"), "{screen}");
    tui.keys("n");
    tui.wait_for("the question closed", |s| !s.contains("Delete '"));

    tui.step("quit");
    tui.keys("q");
    assert!(tui.wait_exit().success());

    tui.step("output");
    let raw = tui.raw();
    let forbidden = [PAYLOAD, "VElUTEVQQVk=", "Qk9EWVBBWQ==", "evil.example", "]52;", "]8;;", "\u{9b}", "\x07"];
    for needle in forbidden {
        assert_eq!(count(raw, needle.as_bytes()), 0, "{needle:?} reached the terminal\n{:?}", tui.raw_text());
    }
    // Fragments of the payload would be just as wrong on screen.
    assert_eq!(count(raw, &PAYLOAD.as_bytes()[20..40]), 0, "{:?}", tui.raw_text());
}

/// Starts at `cols`x`rows`, draws, takes a key, grows to 80x24 and shows the session.
fn survives_a_tiny_terminal(cols: u16, rows: u16) {
    let fixture = Fixture::new();
    fixture.two_sessions();
    let mut tui = Tui::launch(&fixture.db, fixture.dir.path(), cols, rows, &[]);

    tui.step(&format!("first_frame_at_{cols}x{rows}"));
    // A frame ends by hiding the cursor; before it the screen is only cleared.
    tui.wait_for_output("the first frame", |raw| count(raw, b"\x1b[?25l") >= 1);

    // Each key is drawn at the tiny size before the next is typed.
    for key in ["j", "k", "\t", "g", "G", "\t", "?", "\x1b", "/", "x", "\x1b", "r", "\x1b"] {
        tui.step(&format!("key_{key:?}_at_{cols}x{rows}"));
        tui.key_and_frame(key);
    }

    tui.step("after_resize_to_80x24");
    tui.resize(80, 24);
    let screen = tui.wait_for("the session at the new size", |s| {
        s.contains("Sessions 2") && s.conversation().contains("newest message 60 of 60")
    });
    assert_eq!(screen.size(), (80, 24));

    tui.step("quit");
    tui.keys("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    assert_restored(&tui);
}

#[test]
fn a_terminal_one_column_wide_works() {
    survives_a_tiny_terminal(1, 24);
}

#[test]
fn a_terminal_of_one_cell_works() {
    survives_a_tiny_terminal(1, 1);
}

#[test]
fn the_harness_knows_where_a_frame_ends() {
    use pty_support::at_frame_end;
    assert!(at_frame_end(b"\x1b[1;1Hhello\x1b[0m\x1b[?25l"));
    assert!(at_frame_end(b"\x1b[30;1H/query\x1b[?25h\x1b[30;7H"));
    assert!(!at_frame_end(b""));
    assert!(!at_frame_end(b"\x1b[?1049h\x1b[?1000h"));
    assert!(!at_frame_end(b"\x1b[?25l\x1b[1;1Hhalf a frame"));
    assert!(!at_frame_end(b"\x1b[?25h\x1b[30;7Hmore"));
}
