//! The command line: parse, open the store, run one command, report errors as one line.

mod args;
mod commands;
mod config;
mod export;
mod import;
mod index;
mod json_shapes;
mod log;
mod man;
mod output;
mod progress;
mod resume;
mod search;
mod show;
mod sources;
mod stats;
mod stats_by;

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

pub use args::{Cli, Command};
pub(crate) use json_shapes::session_json;
use output::Out;

use crate::store::{OpenOptions, Store, StoreError};

/// Runs recall with the process's arguments; the exit code is 0, 1 for errors, 2 for usage.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let message = crate::errors::one_line(&err);
            if lists_candidates(&err) {
                // The sessions an id matches, one a line; each line sanitized on its own.
                let mut lines = message.lines().map(crate::content::sanitize_line);
                output::note(lines.next().unwrap_or_default());
                lines.for_each(|line| eprintln!("{line}"));
            } else {
                output::note(crate::content::sanitize_line(&message));
            }
            ExitCode::from(1)
        }
    }
}

/// Errors are one line, but for an ambiguous id, which lists the sessions it matches.
fn lists_candidates(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| matches!(cause.downcast_ref::<StoreError>(), Some(StoreError::Ambiguous { .. })))
}

/// `recall list | head` closing the pipe early is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub fn run(cli: Cli) -> Result<()> {
    if let Some(Command::Completions { shell }) = cli.command {
        // Needs no store: a fresh machine can install completions first.
        let mut out = std::io::stdout().lock();
        clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "recall", &mut out);
        return Ok(());
    }
    if let Some(Command::Man { output }) = &cli.command {
        return man::man(output.as_deref());
    }
    if let Some(Command::Config(action)) = cli.command {
        // Needs no store, and does not read the settings it is about.
        return config::config(action);
    }
    let settings = crate::config::load();
    if let Some(format) = &settings.config.date_format {
        crate::time::set_date_format(format);
    }
    let Some(command) = cli.command else {
        // The browser says what is wrong with the settings on its status line.
        return browse(&cli, &settings);
    };
    if let Some(problem) = &settings.problem {
        output::note(crate::content::sanitize_line(problem));
    }
    if let Command::Mcp { allow_log } = command {
        // The server opens the store per call, so that a missing or locked one is reported
        // to the agent instead of ending the session.
        let db = match cli.db {
            Some(path) => path,
            None => crate::config::default_db_path()?,
        };
        return crate::mcp::serve(db, allow_log && !cli.read_only);
    }
    let store = open_store(&cli.db, cli.read_only)?;
    let mut out = Out::stdout();
    dispatch(&store, command, &settings.config, &mut out)?;
    out.finish()
}

fn dispatch(store: &Store, command: Command, settings: &crate::config::Config, out: &mut Out) -> Result<()> {
    match command {
        Command::List { json, limit, trash, filter } => {
            commands::list(store, out, json, limit, trash, filter.as_deref())
        }
        Command::Show { id, json, redaction } => {
            let redaction = crate::export::Redaction { secrets: redaction.redact, paths: redaction.redact_paths };
            show::show(store, out, &store.resolve_id(&id, true)?, json, redaction)
        }
        Command::Export(args) => export::export(store, out, args),
        Command::Rename { id, title } => commands::rename(store, out, &id, &title),
        Command::Delete { id } => commands::delete(store, out, &id),
        Command::Undo { id } => commands::undo(store, out, id),
        Command::Purge { older_than } => commands::purge(store, out, older_than),
        Command::Log(args) => log::log(store, out, args),
        Command::Search { query, filter, json, limit } => {
            search::search(store, out, &query, filter.as_deref(), json, limit)
        }
        Command::Import(args) => import::import(store, out, args, &settings.sources_off),
        Command::Stats { json, by: Some(by) } => stats_by::stats_by(store, out, by, json, &settings.prices),
        Command::Stats { json, by: None } => stats::stats(store, out, json),
        Command::Resume { id, print } => resume::resume(store, out, id.as_deref(), print, &settings.resume),
        Command::Index => index::index(store, out),
        Command::Sync { json } => sources::sync(store, out, json, &settings.sources_off),
        Command::Sources(args) => sources::sources(store, out, args),
        Command::Completions { .. } | Command::Config(_) | Command::Man { .. } => Ok(()),
        Command::Mcp { .. } => anyhow::bail!("`recall mcp` serves on stdio; it is not run on an open store"),
    }
}

/// How long a change made in the browser waits for another program's lock.
const BROWSER_BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(300);

/// The browser, on the store (or the demo), at `--session` if given.
fn browse(cli: &Cli, settings: &crate::config::Loaded) -> Result<()> {
    let demo = if cli.demo { Some(crate::demo::DemoStore::create()?) } else { None };
    let db = demo.as_ref().map(|demo| demo.path.clone()).or_else(|| cli.db.clone());
    let store = open_store(&db, cli.read_only)?;
    // The screen must keep drawing while another program holds the store: a change waits
    // briefly, then says it could not be saved (the rename editor keeps its text).
    store.set_busy_timeout(BROWSER_BUSY_TIMEOUT)?;
    let open = cli.session.as_deref().map(|prefix| store.resolve_id(prefix, false)).transpose()?;
    let here = std::env::current_dir().context("cannot find the current folder")?;
    // Exports go where recall was started, and `s` (or --here) scopes the list to it.
    // `default_scope = "project"` in config.toml starts every browser as `--here` does.
    let here_by_default = settings.config.default_scope == crate::config::Scope::Project;
    let scope =
        crate::tui::app::Scope { folder: Some(crate::tui::app::Folder::new(&here)), on: cli.here || here_by_default };
    let mut backend = crate::tui::StoreBackend::new(store, here)?;
    // The demo is a store of its own: the person's histories do not belong in it.
    backend.follow_sources &= !cli.demo && !cli.no_sync;
    backend.store_option = if cli.demo { None } else { store_option(cli.db.as_deref()) };
    backend.resume_templates = settings.config.resume.clone();
    backend.sources_off = settings.config.sources_off.clone();
    backend.prices = settings.config.prices.clone();
    crate::tui::run(&backend, open, scope, settings)
}

/// `--db PATH` for commands the browser suggests, unless they reach this store without it:
/// it is the default one, or `RECALL_DB` names it.
fn store_option(db: Option<&std::path::Path>) -> Option<String> {
    let db = db?;
    if std::env::var_os(crate::config::DB_ENV).is_some_and(|env| std::path::Path::new(&env) == db) {
        return None;
    }
    Some(format!("--db {}", shell_word(&db.to_string_lossy())))
}

use crate::resume::shell_word;

fn open_store(db: &Option<std::path::PathBuf>, read_only: bool) -> Result<Store> {
    let path = match db {
        Some(path) => path.clone(),
        None => crate::config::default_db_path()?,
    };
    let store = Store::open_with(&path, OpenOptions { read_only })
        .with_context(|| format!("cannot open the store {}", path.display()))?;
    if store.lacked_space() {
        output::note(format_args!(
            "no space left on the disk to open {} for changes: opened read-only, so changes are refused until space is freed",
            path.display()
        ));
    }
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_commands_name_the_store_as_one_shell_word() {
        assert_eq!(shell_word("/tmp/x.db"), "/tmp/x.db");
        assert_eq!(shell_word("/tmp/my store.db"), "'/tmp/my store.db'");
        assert_eq!(shell_word("it's.db"), "'it'\\''s.db'");
        assert_eq!(shell_word("~/x.db"), "'~/x.db'", "a literal tilde is not the home folder");
        assert_eq!(store_option(None), None, "the default store needs no option");
    }
}
