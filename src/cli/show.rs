//! `recall show`: a whole session, as text for people or as JSON for programs.

use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::value::RawValue;

use super::json_shapes::session_json;
use super::output::Out;
use crate::export::Redaction;
use crate::store::{Event, Store};

#[derive(Serialize)]
struct SessionJson<'a> {
    #[serde(flatten)]
    session: serde_json::Value,
    events: Vec<EventJson<'a>>,
}

#[derive(Serialize)]
struct EventJson<'a> {
    seq: i64,
    created_at: String,
    invocation_id: Option<&'a str>,
    metadata: Option<&'a serde_json::Value>,
    /// The stored text goes out as it is, not re-serialised.
    content: &'a RawValue,
}

impl<'a> EventJson<'a> {
    fn from(event: &'a Event) -> Result<Self> {
        let content: &RawValue = serde_json::from_str(&event.content)
            .with_context(|| format!("event #{} of the store is not valid JSON", event.seq))?;
        Ok(EventJson {
            seq: event.seq,
            created_at: event.created_at.to_rfc3339(),
            invocation_id: event.invocation_id.as_deref(),
            metadata: event.metadata.as_ref(),
            content,
        })
    }
}

pub fn show(store: &Store, out: &mut Out, id: &str, json: bool, redaction: Redaction) -> Result<()> {
    let session = store.get_session(id)?;
    let events = store.events(id)?;
    if json && redaction.is_on() {
        // Redacted, the events can no longer be the stored text: the JSON export's shape.
        return out.line(crate::export::to_json(&session, &events, redaction)?);
    }
    if json {
        let events = events.iter().map(EventJson::from).collect::<Result<Vec<_>>>()?;
        return out.json(&SessionJson { session: session_json(&session), events });
    }
    let text = crate::export::transcript(&session, &events, crate::export::Style::Plain);
    let text = redaction.apply(&text);
    let text = out.untrusted(&text).into_owned();
    out.line(text.trim_end())?;
    Ok(())
}
