//! The loop: read input, update, draw when something changed; check the store on a tick.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::{DateTime, Local, Utc};
use ratatui::crossterm::event;

use super::app::{Action, App, Backend, Effect, Scope};
use super::background::{self, AnswerCatcher, Caught};
use super::terminal::TerminalGuard;
use super::theme::Theme;
use super::{keymap, view};

/// How often the store is checked for changes made by other processes.
const TICK: Duration = Duration::from_millis(250);

/// Set by tests to prove a panic still restores the terminal.
const PANIC_ENV: &str = "RECALL_TEST_PANIC";

/// Runs the browser until the person quits or a signal asks it to stop; `scope` is the
/// folder `s` narrows the list to, and whether it starts narrowed (`--here`).
pub fn run(backend: &dyn Backend, open: Option<String>, scope: Scope, settings: &crate::config::Loaded) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop)).context("cannot watch for signals")?;
    }
    end_if_stop_is_ignored(Arc::clone(&stop));
    let mut guard = TerminalGuard::enter()?;
    let size = guard.terminal.size().context("cannot read the terminal size")?;
    let mut app = App::start(backend, size.width, size.height, Utc::now(), open.as_deref(), scope)?;
    let colours = &settings.config.colours;
    let (background, ask) = background::known(settings.config.theme, std::env::var("COLORFGBG").ok().as_deref());
    let mut theme = Theme::for_background(background, colours);
    // Asked with the first frame, which never waits for the answer (see background.rs).
    let mut ask = ask && !super::theme::no_colour_asked();
    let mut answer: Option<AnswerCatcher> = None;
    if let Some(problem) = &settings.problem {
        app.error(crate::content::sanitize_line(problem).into_owned());
    }
    let offset = *Local::now().offset();
    let mut dirty = true;
    let mut next_tick = Instant::now() + TICK;
    let mut minute = app.now.timestamp() / 60;
    let forced_panic = std::env::var_os(PANIC_ENV).is_some();
    let mut first_frame = true;
    loop {
        if dirty {
            if std::mem::take(&mut ask) {
                // Sent just ahead of the first frame, which goes out in the same write, so that
                // the output still ends where a frame ends; the answer comes in as input later.
                let asked = write!(guard.terminal.backend_mut(), "{}", background::QUERY);
                answer = asked.is_ok().then(|| AnswerCatcher::new(Instant::now()));
            }
            guard.terminal.draw(|frame| view::screen::draw(frame, &app, &theme, offset))?;
            dirty = false;
            if std::mem::take(&mut first_frame) {
                app.after_first_frame(backend);
                // Loading grammars would hold up the first frame; now it costs nothing seen.
                crate::syntax::warm_in_background();
                // It may have something to say.
                dirty = true;
            }

            if forced_panic {
                panic!("forced panic ({PANIC_ENV} is set)");
            }
        }
        // After the frame that shows a session: its token sum reads all its events.
        dirty |= app.read_pending_usage(backend);
        let effects: Vec<Effect> = app.effects.drain(..).collect();
        for effect in effects {
            match effect {
                Effect::Copy(text) => guard.copy_to_clipboard(&text)?,
                Effect::Resume(command) => {
                    let ran = guard.hand_over(|| command.run());
                    if let Err(err) = ran.context("cannot take the terminal back")? {
                        app.error(format!("cannot run {}: {err}", command.program));
                    }
                    // The sync thread and the next tick bring in what the tool added.
                    dirty = true;
                    next_tick = Instant::now();
                }
            }
        }
        if app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        let mut timeout = next_tick.saturating_duration_since(Instant::now());
        if app.pending_search.is_some() {
            // Hits of a search on the search thread are drawn as soon as they are in.
            timeout = timeout.min(SEARCH_POLL);
        }
        if event::poll(timeout)? {
            // Take everything already queued before drawing once (held keys, wheel bursts,
            // a word typed or pasted into the search prompt).
            app.begin_input_batch();
            loop {
                let read = event::read()?;
                let caught = answer.as_mut().map_or(Caught::Input, |catcher| catcher.feed(&read, Instant::now()));
                if let Caught::Answer(Some(background)) = caught {
                    theme = Theme::for_background(Some(background), colours);
                    dirty = true;
                }
                if caught == Caught::Input {
                    for input in keymap::expand(read) {
                        // Each key is resolved in the mode the one before it left.
                        if let Some(action) = keymap::resolve(&app.mode, &input) {
                            app.update(backend, action);
                            dirty = true;
                        }
                    }
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
            app.end_input_batch(backend);
        }
        dirty |= app.collect_search(backend);
        if app.code_highlighter.is_none() && crate::syntax::warmed().is_some() {
            app.update(backend, Action::CodeHighlighterReady);
            dirty = true;
        }
        if Instant::now() >= next_tick {
            next_tick = Instant::now() + TICK;
            if app.update_tick(backend, Utc::now()) {
                dirty = true;
            }
            // Relative times ("5m ago") move on once a minute.
            let now_minute = app.now.timestamp() / 60;
            dirty |= now_minute != minute;
            minute = now_minute;
        }
    }
}

impl App {
    /// A tick at `now`; true when it changed what the store shows or the status line (the caller redraws
    /// relative times on its own schedule).
    pub fn update_tick(&mut self, backend: &dyn Backend, now: DateTime<Utc>) -> bool {
        let before = (self.data_version, self.status.clone());
        self.update(backend, Action::Tick { now });
        before != (self.data_version, self.status.clone())
    }
}

/// When the terminal hangs up, crossterm's reader spins on end-of-file inside `poll` and
/// never returns to the loop, so the loop cannot act on the SIGHUP that came with it. If a
/// stop signal has not ended the loop within `STOP_GRACE`, end the process from here: the
/// terminal is gone, and the store's WAL keeps every committed change.
fn end_if_stop_is_ignored(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
        }
        std::thread::sleep(STOP_GRACE);
        std::process::exit(129);
    });
}

/// How often the loop looks for the hits of a search running on the search thread.
const SEARCH_POLL: Duration = Duration::from_millis(4);

/// How long the loop gets to end by itself after a stop signal.
const STOP_GRACE: Duration = Duration::from_secs(1);
