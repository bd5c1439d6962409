//! The command line: parse, open the store, run one command, report errors as one line.

mod args;
mod commands;
mod log;
mod output;
mod show;

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

pub use args::{Cli, Command};
use output::Out;

use crate::store::{OpenOptions, Store};

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
            let message = format!("{err:#}");
            eprintln!("recall: {}", crate::content::sanitize_line(&message));
            ExitCode::from(1)
        }
    }
}

/// `recall list | head` closing the pipe early is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub fn run(cli: Cli) -> Result<()> {
    let Some(command) = cli.command else {
        anyhow::bail!(
            "the browser is coming in the next release; until then use `recall list`, `recall show ID` and `recall search WORDS` (see `recall --help`)"
        );
    };
    let store = open_store(&cli.db, cli.read_only)?;
    let mut out = Out::stdout();
    commands::run(&store, command, &mut out)?;
    out.finish()
}

fn open_store(db: &Option<std::path::PathBuf>, read_only: bool) -> Result<Store> {
    let path = match db {
        Some(path) => path.clone(),
        None => crate::config::default_db_path()?,
    };
    Store::open_with(&path, OpenOptions { read_only })
        .with_context(|| format!("cannot open the store {}", path.display()))
}
