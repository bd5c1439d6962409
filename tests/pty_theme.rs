//! The theme in a real pseudo-terminal: `theme = "auto"` asks the terminal for its background
//! (OSC 11) with the first frame and turns light when the answer says so, without the answer
//! being read as keys; `theme = "light"` asks nothing; a bad config.toml is said on the status
//! line and the browser runs on the defaults.

mod pty_support;

use pty_support::{Fixture, Tui};

const QUERY: &str = "\x1b]11;?\x1b\\";
/// The light theme's status bar background (256-colour 254).
const LIGHT_BAR: &str = "48;5;254";

fn launch(fixture: &Fixture, config: Option<&str>) -> Tui {
    let config_path = fixture.dir.path().join("config.toml");
    if let Some(text) = config {
        std::fs::write(&config_path, text).expect("writes the config");
    }
    let path = config_path.to_string_lossy().into_owned();
    Tui::launch(&fixture.db, fixture.dir.path(), 100, 30, &[("RECALL_CONFIG", &path), ("COLORFGBG", "")])
}

#[test]
fn auto_asks_the_terminal_and_a_light_answer_turns_the_theme_light() {
    let fixture = Fixture::new();
    fixture.two_sessions();
    let mut tui = launch(&fixture, None);
    tui.step("launch");
    tui.wait_for("the first frame", |s| s.conversation().contains("newest message 60 of 60"));
    let first = tui.raw_text();
    assert_eq!(first.matches(QUERY).count(), 1, "asked once");
    assert!(!first.contains(LIGHT_BAR), "dark until the terminal says otherwise");

    tui.step("answer");
    tui.keys("\x1b]11;rgb:ffff/ffff/ffff\x1b\\");
    tui.wait_for_output("the light theme", |raw| String::from_utf8_lossy(raw).contains(LIGHT_BAR));
    // Had the answer's characters been taken as keys, its `/` would have opened the search
    // prompt and `?` would be typed into it: help opening proves they were not.
    let screen = tui.settle();
    assert!(screen.conversation().contains("newest message 60 of 60"), "{screen}");

    tui.step("keys_still_work");
    tui.keys("j");
    tui.wait_for("the older session selected", |s| s.selected().is_some_and(|row| row.contains("Older")));
    tui.keys("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_named_theme_asks_nothing_and_a_bad_config_is_said_on_the_status_line() {
    let fixture = Fixture::new();
    fixture.two_sessions();
    let mut tui = launch(&fixture, Some("theme = \"light\"\n"));
    tui.step("light");
    tui.wait_for("the first frame", |s| s.conversation().contains("newest message 60 of 60"));
    let raw = tui.raw_text();
    assert!(!raw.contains(QUERY), "the config names the theme: nothing to ask");
    assert!(raw.contains(LIGHT_BAR), "light from the first frame");
    tui.keys("q");
    assert!(tui.wait_exit().success());

    let mut tui = launch(&fixture, Some("\ntheme = \"sepia\"\n"));
    tui.step("bad_config");
    let screen = tui.wait_for("the complaint", |s| s.status().contains("config.toml line 2"));
    assert!(screen.conversation().contains("newest message 60 of 60"), "the browser runs:\n{screen}");
    tui.keys("q");
    assert!(tui.wait_exit().success());
}
