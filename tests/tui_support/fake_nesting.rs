//! The store's nesting of subagents, for the fake: a session whose `parent_session` names
//! another session (by id, the fake's id in the source too) outside the trash is listed under
//! it, unless it is a branch (`branch_of`).

use recall::store::{Nested, Session};

fn parent_id(session: &Session) -> Option<&str> {
    if session.metadata.get("branch_of").is_some() {
        return None;
    }
    session.metadata.get("parent_session").and_then(|parent| parent.as_str())
}

/// Whether `session` is listed under another of `all` rather than at the top level.
pub fn is_nested(session: &Session, all: &[Session]) -> bool {
    parent_id(session).is_some_and(|parent| {
        parent != session.id && all.iter().any(|other| other.id == parent && other.deleted_at == session.deleted_at)
    })
}

/// The sessions of `all` nested directly under `id`, oldest first.
fn children<'a>(all: &'a [Session], id: &str) -> Vec<&'a Session> {
    let mut children: Vec<&Session> = all
        .iter()
        .filter(|child| child.id != id && parent_id(child) == Some(id) && child.deleted_at.is_none())
        .collect();
    children.sort_by_key(|child| child.created_at);
    children
}

/// Everything under `id`, depth first, as the store lists it.
pub fn nested_under(all: &[Session], id: &str) -> Vec<Nested> {
    let mut out = Vec::new();
    walk(all, id, 1, &mut out);
    out
}

fn walk(all: &[Session], id: &str, depth: usize, out: &mut Vec<Nested>) {
    for child in children(all, id) {
        if out.iter().any(|nested: &Nested| nested.session.id == child.id) {
            continue;
        }
        let at = out.len();
        out.push(Nested { session: child.clone(), depth, nested: 0 });
        walk(all, &child.id, depth + 1, out);
        out[at].nested = out.len() - at - 1;
    }
}

pub fn direct_count(all: &[Session], id: &str) -> usize {
    children(all, id).len()
}

/// The top-level session `id` is nested under, at any depth.
pub fn root(all: &[Session], id: &str) -> Option<String> {
    let mut at = all.iter().find(|session| session.id == id)?;
    let mut steps = 0;
    while is_nested(at, all) && steps < all.len() {
        let parent = parent_id(at)?;
        at = all.iter().find(|session| session.id == parent)?;
        steps += 1;
    }
    (at.id != id).then(|| at.id.clone())
}
