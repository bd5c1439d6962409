//! `recall config init|path`: the settings file, which only `init` ever writes.

use anyhow::Result;

use super::args::ConfigAction;

pub fn config(action: ConfigAction) -> Result<()> {
    let path = crate::config::config_path()?;
    match action {
        ConfigAction::Path => println!("{}", path.display()),
        ConfigAction::Init => {
            crate::config::init(&path)?;
            println!("{}", path.display());
            super::output::note(format_args!(
                "wrote the default settings, all commented out, to {}",
                crate::config::FILE_NAME
            ));
        }
    }
    Ok(())
}
