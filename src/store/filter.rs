//! A [`Filter`] turned into a SQL condition on `sessions s`, with its parameters: the one
//! place that knows what each qualifier means in the tables.

use rusqlite::types::Value;

use crate::query::Filter;

/// `AND ...` conditions on the sessions table aliased `s` (empty for no qualifiers), and the
/// values they bind, numbered from `first_param`.
pub(super) struct Condition {
    pub sql: String,
    pub params: Vec<Value>,
}

pub(super) fn condition(filter: &Filter, first_param: usize) -> Condition {
    let mut out = Condition { sql: String::new(), params: Vec::new() };
    let bind = |out: &mut Condition, value: Value| -> String {
        out.params.push(value);
        format!("?{}", first_param + out.params.len() - 1)
    };
    if !filter.agents.is_empty() {
        let list: Vec<String> = filter.agents.iter().map(|agent| bind(&mut out, Value::Text(agent.clone()))).collect();
        out.sql += &format!(" AND s.source COLLATE NOCASE IN ({})", list.join(", "));
    }
    for agent in &filter.not_agents {
        let at = bind(&mut out, Value::Text(agent.clone()));
        out.sql += &format!(" AND s.source <> {at} COLLATE NOCASE");
    }
    for project in &filter.projects {
        let at = bind(&mut out, Value::Text(project.to_lowercase()));
        out.sql += &format!(
            " AND (instr(lower(json_extract(s.metadata, '$.cwd')), {at}) > 0
                   OR instr(lower(json_extract(s.metadata, '$.project')), {at}) > 0)"
        );
    }
    for model in &filter.models {
        let at = bind(&mut out, Value::Text(model.to_lowercase()));
        out.sql += &format!(" AND instr(lower(json_extract(s.metadata, '$.model')), {at}) > 0");
    }
    if let Some(after) = filter.after {
        let at = bind(&mut out, Value::Integer(after.timestamp_millis()));
        out.sql += &format!(" AND s.updated_at >= {at}");
    }
    if let Some(before) = filter.before {
        let at = bind(&mut out, Value::Integer(before.timestamp_millis()));
        out.sql += &format!(" AND s.updated_at < {at}");
    }
    if let Some(folder) = &filter.cwd_under {
        // A path prefix that ends on a component boundary: /a/b keeps /a/b and /a/b/c, not /a/bc.
        let exact = folder.trim_end_matches('/');
        let below = format!("{exact}/");
        let exact = if exact.is_empty() { "/" } else { exact };
        let exact_at = bind(&mut out, Value::Text(exact.to_string()));
        let length_at = bind(&mut out, Value::Integer(below.chars().count() as i64));
        let below_at = bind(&mut out, Value::Text(below));
        out.sql += &format!(
            " AND (json_extract(s.metadata, '$.cwd') = {exact_at}
                   OR substr(json_extract(s.metadata, '$.cwd'), 1, {length_at}) = {below_at})"
        );
    }
    if filter.renamed {
        out.sql += " AND s.title_renamed = 1";
    }
    if filter.has_error {
        // Importers mark a failed tool call's result with {"error": true} in its metadata.
        out.sql += " AND EXISTS (SELECT 1 FROM events fe WHERE fe.session_id = s.id
                     AND fe.metadata IS NOT NULL AND json_extract(fe.metadata, '$.error') = 1)";
    }
    out
}
