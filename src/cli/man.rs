//! `recall man [-o FILE]`: the manual page, generated from the clap definition (clap_mangen).

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::Cli;

pub fn man(output: Option<&Path>) -> Result<()> {
    let command = <Cli as clap::CommandFactory>::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page).context("cannot write the manual page")?;
    match output.filter(|path| *path != Path::new("-")) {
        Some(path) => std::fs::write(path, &page).with_context(|| format!("cannot write {}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&page).and_then(|()| stdout.flush()).context("cannot write the manual page")
        }
    }
}
