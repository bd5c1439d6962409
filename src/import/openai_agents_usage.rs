//! The Agents SDK advanced store's `turn_usage` table: what each run (a user turn on a
//! branch, `store_run_usage`) used, summed over its model requests. The table names no model.
//!
//! The session's metadata sums every row (each branch's turns are runs of their own: a fork
//! re-references its parent's items, not its usage), and each turn's figures are noted on the
//! turn's last item on its branch (`message_structure`), usually the reply that ended the run.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::Connection;
use serde_json::{Map, Value};

use super::{Out, sql};
use crate::content::{MessageUsage, Usage, usage_notes};
use crate::store::NewEvent;

/// One `turn_usage` row.
pub(crate) struct TurnUsage {
    pub branch: String,
    pub turn: i64,
    pub usage: Usage,
}

/// Whether the store has the table, with the columns read here.
pub(crate) fn has_table(tables: &std::collections::BTreeMap<String, Vec<String>>) -> bool {
    sql::has_columns(
        tables,
        "turn_usage",
        &["session_id", "branch_id", "user_turn_number", "input_tokens", "output_tokens", "input_tokens_details"],
    )
}

/// The session's rows, in id order; a row without a turn number is skipped and reported.
pub(crate) fn read(
    conn: &Connection,
    path: &Path,
    session_id: &str,
    out: &mut Out<'_, '_>,
) -> rusqlite::Result<Vec<TurnUsage>> {
    let mut stmt = conn.prepare(
        "SELECT id, branch_id, user_turn_number, input_tokens, output_tokens, input_tokens_details
           FROM turn_usage WHERE session_id = ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query([session_id])?;
    let mut turns = Vec::new();
    while let Some(row) = rows.next()? {
        let count = |index: usize| row.get_ref(index).ok().and_then(|v| v.as_i64().ok()).map_or(0, |n| n.max(0) as u64);
        let Some(turn) = row.get_ref(2)?.as_i64().ok() else {
            let id = row.get_ref(0)?.as_i64().unwrap_or_default();
            out.skip(format!("{}: turn_usage id {id}", sql::file_name(path)), "user_turn_number is not a number");
            continue;
        };
        // OpenAI counts cached prompt tokens inside input_tokens; recall counts them apart.
        let cached = sql::text_at(row, 5)
            .and_then(|details| crate::json::parse_value(&details).ok())
            .and_then(|details| details.get("cached_tokens").and_then(Value::as_u64))
            .unwrap_or(0);
        let input = count(3);
        let usage = Usage { input: input.saturating_sub(cached), output: count(4), cache_read: cached, cache_write: 0 };
        turns.push(TurnUsage { branch: sql::text_at(row, 1).unwrap_or_else(|| "main".into()), turn, usage });
    }
    Ok(turns)
}

/// (branch, user turn) -> the id of the turn's last item on that branch.
pub(crate) fn last_items(conn: &Connection, session_id: &str) -> rusqlite::Result<HashMap<(String, i64), i64>> {
    let mut stmt = conn.prepare(
        "SELECT branch_id, user_turn_number, message_id FROM message_structure
          WHERE session_id = ?1 AND user_turn_number IS NOT NULL ORDER BY sequence_number, id",
    )?;
    let mut rows = stmt.query([session_id])?;
    let mut last = HashMap::new();
    while let Some(row) = rows.next()? {
        let (Some(branch), Ok(turn), Ok(message)) =
            (sql::text_at(row, 0), row.get_ref(1)?.as_i64(), row.get_ref(2)?.as_i64())
        else {
            continue;
        };
        last.insert((branch, turn), message);
    }
    Ok(last)
}

/// The sum of every turn, for the session's metadata.
pub(crate) fn note_session(metadata: &mut Map<String, Value>, turns: &[TurnUsage]) {
    if turns.is_empty() {
        return;
    }
    let mut total = Usage::default();
    for turn in turns {
        total.add(&turn.usage);
    }
    usage_notes::note_session_usage(metadata, &total, &Default::default());
}

/// What each turn used, noted on the event of its last item; `item_ids` are the events' item
/// ids, in order.
pub(crate) fn note_turns(
    turns: &[TurnUsage],
    last_items: &HashMap<(String, i64), i64>,
    item_ids: &[i64],
    events: &mut [NewEvent],
) {
    for turn in turns {
        let Some(&item) = last_items.get(&(turn.branch.clone(), turn.turn)) else { continue };
        let Some(event) = item_ids.binary_search(&item).ok().and_then(|index| events.get_mut(index)) else { continue };
        let key = format!("openai-agents-turn:{}:{}", turn.branch, turn.turn);
        let found = MessageUsage { key: Some(key), usage: turn.usage, model: None };
        usage_notes::note_event_usage(&mut event.metadata, &found);
    }
}
