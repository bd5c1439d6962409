//! The values a filter can name that the store holds: agents (sources), projects and models,
//! for completing them as they are typed.

use super::Store;
use super::error::{Result, SqlContext};

/// Distinct values outside the trash, each list sorted and without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownValues {
    pub sources: Vec<String>,
    /// Project names: the last component of each working directory, else the project named.
    pub projects: Vec<String>,
    pub models: Vec<String>,
}

impl Store {
    pub fn known_values(&self) -> Result<KnownValues> {
        let column = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn.prepare_cached(sql).ctx("reading known values")?;
            let values = stmt
                .query_map([], |row| row.get::<_, Option<String>>(0))
                .ctx("reading known values")?
                .collect::<rusqlite::Result<Vec<_>>>()
                .ctx("reading known values")?;
            Ok(values.into_iter().flatten().filter(|value| !value.trim().is_empty()).collect())
        };
        let sources = column("SELECT DISTINCT source FROM sessions WHERE deleted_at IS NULL")?;
        let folders = column(
            "SELECT DISTINCT coalesce(nullif(json_extract(metadata, '$.cwd'), ''), json_extract(metadata, '$.project'))
             FROM sessions WHERE deleted_at IS NULL",
        )?;
        let models =
            column("SELECT DISTINCT json_extract(metadata, '$.model') FROM sessions WHERE deleted_at IS NULL")?;
        let projects = folders.iter().filter_map(|folder| last_component(folder)).map(str::to_string).collect();
        Ok(KnownValues { sources: sorted(sources), projects: sorted(projects), models: sorted(models) })
    }
}

/// A path's last component, as `Session::project` names it.
fn last_component(path: &str) -> Option<&str> {
    let trimmed = path.trim_end_matches(['/', '\\']);
    trimmed.rsplit(['/', '\\']).next().filter(|last| !last.is_empty())
}

fn sorted(mut values: Vec<String>) -> Vec<String> {
    values.sort_by_key(|value| value.to_lowercase());
    values.dedup();
    values
}
