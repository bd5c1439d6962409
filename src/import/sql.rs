//! Opening foreign SQLite files without changing a byte of them, and reading loosely typed columns.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::{ImportError, time};

pub(crate) use super::readonly::open;

pub(crate) fn sqlite_error(path: &Path, context: &str) -> impl FnOnce(rusqlite::Error) -> ImportError + use<> {
    let path = path.to_path_buf();
    let context = context.to_string();
    move |source| ImportError::Sqlite { path, context, source }
}

/// Table name -> its column names (lower-cased), for detection by shape.
pub(crate) fn tables(conn: &Connection) -> rusqlite::Result<BTreeMap<String, Vec<String>>> {
    let mut names = conn.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")?;
    let names: Vec<String> = names.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut tables = BTreeMap::new();
    for name in names {
        let mut columns = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
        let columns: Vec<String> = columns
            .query_map([&name], |row| row.get::<_, String>(0))?
            .filter_map(|c| c.ok().map(|c| c.to_ascii_lowercase()))
            .collect();
        tables.insert(name, columns);
    }
    Ok(tables)
}

pub(crate) fn has_columns(tables: &BTreeMap<String, Vec<String>>, table: &str, wanted: &[&str]) -> bool {
    tables.get(table).is_some_and(|columns| wanted.iter().all(|w| columns.iter().any(|c| c == w)))
}

/// Double-quotes an identifier for SQL built around a table name found at run time.
pub(crate) fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// A column as text whatever SQLite stored: numbers are written out, blobs read as UTF-8.
pub(crate) fn text(value: ValueRef<'_>) -> Option<String> {
    match value {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(r) => Some(r.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    }
}

/// A column as a moment: unix seconds (or ms) when numeric, any layout `time::parse` knows when text.
pub(crate) fn moment(value: ValueRef<'_>) -> Option<DateTime<Utc>> {
    match value {
        ValueRef::Integer(i) => time::from_unix(i as f64),
        ValueRef::Real(r) => time::from_unix(r),
        ValueRef::Text(t) => std::str::from_utf8(t).ok().and_then(time::parse),
        ValueRef::Null | ValueRef::Blob(_) => None,
    }
}

/// The first column of `row` at `index` as text, or None when absent or NULL.
pub(crate) fn text_at(row: &rusqlite::Row<'_>, index: usize) -> Option<String> {
    row.get_ref(index).ok().and_then(text)
}

pub(crate) fn moment_at(row: &rusqlite::Row<'_>, index: usize) -> Option<DateTime<Utc>> {
    row.get_ref(index).ok().and_then(moment)
}

/// `file name` of a source, for `Skipped` locations.
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}
