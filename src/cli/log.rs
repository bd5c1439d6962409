//! `recall log`: events from stdin, appended all together or not at all.

use std::io::Read;

use anyhow::{Context, Result, bail};
use serde_json::value::RawValue;

use super::args::LogArgs;
use super::output::Out;
use crate::store::{NewEvent, Store};

pub fn log(store: &Store, out: &mut Out, args: LogArgs) -> Result<()> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).context("reading events from stdin")?;
    // Parse everything before touching the store, so a bad line leaves no trace.
    let events = parse_events(&input)?;
    let id = match (&args.session, &args.new) {
        (Some(prefix), _) => store.resolve_id(prefix, false)?,
        (None, Some(title)) => {
            if store.is_read_only() {
                bail!("the store is read-only: logging refused");
            }
            store.create_session(title)?.id
        }
        (None, None) => bail!("say where to log: --session ID or --new TITLE"),
    };
    store.add_new_events(&id, &events)?;
    out.line(&id)
}

/// One JSON array of events, or one JSON value per line (blank lines ignored). Each event's
/// text is kept exactly as written.
pub fn parse_events(input: &str) -> Result<Vec<NewEvent>> {
    let trimmed = input.trim();
    if trimmed.starts_with('[')
        && let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(trimmed)
    {
        return Ok(items.into_iter().map(|raw| event(raw.get())).collect());
    }
    let mut events = Vec::new();
    for (index, line) in input.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Err(err) = serde_json::from_str::<&RawValue>(line) {
            // serde's own position counts lines within this one line; give the column only.
            let message = err.to_string();
            let reason = message.rsplit_once(" at line ").map_or(message.as_str(), |(reason, _)| reason);
            bail!("line {} is not valid JSON ({reason}, column {}); nothing was logged", index + 1, err.column());
        }
        events.push(event(line));
    }
    Ok(events)
}

fn event(text: &str) -> NewEvent {
    NewEvent { content: text.to_string(), ..Default::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_or_one_array_and_keeps_text() {
        let lines = parse_events("{\"a\": 1}\n\n  [1,2]\n\"text\"\n").unwrap();
        assert_eq!(lines.iter().map(|e| e.content.as_str()).collect::<Vec<_>>(), ["{\"a\": 1}", "[1,2]", "\"text\""]);
        let array = parse_events("[ {\"a\":  1}, {\"b\":2} ]").unwrap();
        assert_eq!(array.iter().map(|e| e.content.as_str()).collect::<Vec<_>>(), ["{\"a\":  1}", "{\"b\":2}"]);
    }

    #[test]
    fn a_bad_line_names_its_number() {
        let err = parse_events("{\"ok\": 1}\n{\"bad\": \n").unwrap_err();
        assert!(format!("{err:#}").contains("line 2"), "{err:#}");
    }
}
