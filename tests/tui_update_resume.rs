//! `o` where the session cannot be resumed as it is: its folder is gone (asked whether to run
//! it in the current folder), its tool is not installed (the command shown, `y` copies it), or
//! recall knows no command for its source (its id shown, `y` copies it). The tools named here
//! are not installed where the tests run; running a tool for real is tests/pty_resume.rs.

mod tui_support;

use recall::resume::ResumeCommand;
use recall::tui::app::{Action, App, Effect, Mode};
use tui_support::*;

fn one(source: &str, cwd: Option<&str>) -> (FakeBackend, App) {
    let backend = many_sessions(1);
    backend.place("s1", source, cwd);
    backend.set_source_id("s1", "abc-123");
    let app = launch(&backend, 120, 24);
    (backend, app)
}

const GONE: &str = "/nonexistent/recall-test/gone";

#[test]
fn a_folder_that_is_gone_asks_to_run_it_here() {
    let (backend, mut app) = one("claude-code", Some(GONE));
    press(&mut app, &backend, [Action::Resume]);
    let here = ResumeCommand { program: "claude".into(), args: vec!["--resume".into(), "abc-123".into()], cwd: None };
    assert_eq!(app.mode, Mode::ConfirmResume { command: here });
    assert_eq!(
        status_text(&app),
        format!("{GONE} no longer exists: run `claude --resume abc-123` in the current folder? y/n")
    );
    let status_row = screen_lines(&app).pop().expect("a status line");
    assert!(status_row.contains("no longer exists"), "{status_row}");

    press(&mut app, &backend, [Action::Cancel]);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(status_text(&app), "Not resumed");
    assert!(app.effects.is_empty());

    press(&mut app, &backend, [Action::Resume, Action::Submit]);
    assert_eq!(app.mode, Mode::Normal);
    // Yes, but claude is not installed here: what would run is said, and y copies it.
    assert!(app.effects.is_empty());
    assert_eq!(
        status_text(&app),
        "claude is not installed (not on PATH): `claude --resume abc-123` would run · y copies it"
    );
    press(&mut app, &backend, [Action::Copy]);
    assert_eq!(app.effects, vec![Effect::Copy("claude --resume abc-123".into())]);
}

#[test]
fn a_tool_that_is_not_installed_shows_the_command_and_y_copies_it() {
    let (backend, mut app) = one("codex", None);
    press(&mut app, &backend, [Action::Resume]);
    assert!(status_is_error(&app));
    assert_eq!(
        status_text(&app),
        "codex is not installed (not on PATH): `codex resume abc-123` would run · y copies it"
    );
    press(&mut app, &backend, [Action::Copy]);
    assert_eq!(app.effects, vec![Effect::Copy("codex resume abc-123".into())]);
    assert_eq!(status_text(&app), "Copied: codex resume abc-123");
}

#[test]
fn a_source_without_a_command_shows_its_id_and_y_copies_it() {
    let (backend, mut app) = one("openai-agents", None);
    press(&mut app, &backend, [Action::Resume]);
    assert_eq!(
        status_text(&app),
        "recall knows no command that resumes Agents SDK sessions: its id is abc-123 · y copies it"
    );
    press(&mut app, &backend, [Action::Copy]);
    assert_eq!(app.effects, vec![Effect::Copy("abc-123".into())]);
}

#[test]
fn y_copies_the_message_again_once_the_offer_has_gone() {
    let (backend, mut app) = one("codex", None);
    press(&mut app, &backend, [Action::Resume, Action::FocusConversation, Action::Copy]);
    assert_ne!(app.effects, vec![Effect::Copy("codex resume abc-123".into())], "another key ended the offer");
    let (backend, mut app) = one("codex", None);
    press(&mut app, &backend, [Action::Resume]);
    app.update(&backend, Action::Tick { now: now() + chrono::Duration::seconds(60) });
    press(&mut app, &backend, [Action::Copy]);
    assert!(!app.effects.contains(&Effect::Copy("codex resume abc-123".into())), "the message expired: no offer");
}
