//! A Pi session file's entries as a tree (`id` / `parentId`), cut into the active branch and
//! the other branches.
//!
//! Pi's `SessionManager` takes the last entry of the file as its leaf when it loads a session
//! (`_buildIndex`: every entry in turn becomes `leafId`), and the conversation it shows and
//! continues is the path from the root to that leaf. `/tree` moves the leaf to an earlier entry
//! and the next entries are appended as its new children, so every other path stays in the
//! file. Here those other entries are grouped into branches: chains in file order, each
//! starting at the entry that left an already placed entry (its fork point).

use std::collections::HashMap;

/// The tree links of one entry. `parent` None: a root.
pub(super) struct Link<'a> {
    pub id: &'a str,
    pub parent: Option<&'a str>,
}

/// Entries by position in the file.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Layout {
    /// Root to leaf.
    pub active: Vec<usize>,
    pub branches: Vec<Branch>,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) struct Branch {
    /// The entry this branch leaves from (on the active branch or another branch); None when
    /// the branch starts a tree of its own (Pi's `resetLeaf`, or a parent that is missing).
    pub fork_point: Option<usize>,
    pub entries: Vec<usize>,
}

/// Cuts `links` (in file order) into the active branch and the others. An entry whose parent
/// is not in the file (a line lost to corruption) hangs from the entry written before it, as
/// Pi's lines almost always do, rather than falling out of the conversation.
pub(super) fn layout(links: &[Link<'_>]) -> Layout {
    let Some(leaf) = links.len().checked_sub(1) else { return Layout::default() };
    // Later entries win a repeated id, as in Pi's own index.
    let by_id: HashMap<&str, usize> = links.iter().enumerate().map(|(at, link)| (link.id, at)).collect();
    let parent_of = |at: usize| -> Option<usize> {
        let parent = links[at].parent?;
        match by_id.get(parent) {
            Some(&found) if found != at => Some(found),
            _ => at.checked_sub(1),
        }
    };
    let mut placed = vec![false; links.len()];
    let mut active = Vec::new();
    let mut at = Some(leaf);
    while let Some(current) = at.filter(|&current| !placed[current]) {
        placed[current] = true;
        active.push(current);
        at = parent_of(current);
    }
    active.reverse();

    let mut branches: Vec<Branch> = Vec::new();
    let mut branch_of: Vec<Option<usize>> = vec![None; links.len()];
    for at in 0..links.len() {
        if placed[at] {
            continue;
        }
        let parent = parent_of(at);
        let continues = parent.and_then(|p| branch_of[p]).filter(|&b| branches[b].entries.last() == parent.as_ref());
        let branch = match continues {
            Some(branch) => branch,
            None => {
                branches.push(Branch { fork_point: parent.filter(|&p| placed[p]), entries: Vec::new() });
                branches.len() - 1
            }
        };
        branches[branch].entries.push(at);
        branch_of[at] = Some(branch);
        placed[at] = true;
    }
    Layout { active, branches }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links<'a>(pairs: &[(&'a str, Option<&'a str>)]) -> Vec<Link<'a>> {
        pairs.iter().map(|&(id, parent)| Link { id, parent }).collect()
    }

    #[test]
    fn one_chain_is_all_active() {
        let chain = links(&[("a", None), ("b", Some("a")), ("c", Some("b"))]);
        assert_eq!(layout(&chain), Layout { active: vec![0, 1, 2], branches: vec![] });
    }

    #[test]
    fn the_last_entry_is_the_leaf_and_the_rest_are_branches() {
        // a - b - c          (abandoned with /tree back to a)
        //   \ d - e          (active: e is the last line)
        //       \ f          (an older branch of d, written before e)
        let tree = links(&[
            ("a", None),
            ("b", Some("a")),
            ("c", Some("b")),
            ("d", Some("a")),
            ("f", Some("d")),
            ("e", Some("d")),
        ]);
        let found = layout(&tree);
        assert_eq!(found.active, vec![0, 3, 5]);
        assert_eq!(
            found.branches,
            vec![Branch { fork_point: Some(0), entries: vec![1, 2] }, Branch { fork_point: Some(3), entries: vec![4] }]
        );
    }

    #[test]
    fn a_branch_inside_a_branch_starts_its_own() {
        let tree = links(&[("a", None), ("b", Some("a")), ("c", Some("b")), ("x", Some("b")), ("z", Some("a"))]);
        let found = layout(&tree);
        assert_eq!(found.active, vec![0, 4]);
        assert_eq!(
            found.branches,
            vec![Branch { fork_point: Some(0), entries: vec![1, 2] }, Branch { fork_point: Some(1), entries: vec![3] }]
        );
    }

    #[test]
    fn a_missing_parent_hangs_from_the_line_before_and_cycles_end() {
        let broken = links(&[("a", None), ("b", Some("a")), ("c", Some("lost"))]);
        assert_eq!(layout(&broken).active, vec![0, 1, 2]);
        let cycle = links(&[("a", Some("b")), ("b", Some("a"))]);
        assert_eq!(layout(&cycle), Layout { active: vec![0, 1], branches: vec![] });
    }
}
