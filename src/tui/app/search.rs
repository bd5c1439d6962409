//! The results of a search as the browser walks them: one entry per session, best first
//! (the sidebar's rows), and within each its hits in order (where n/N go).

use crate::store::SessionHits;

/// The results of a search, kept after the prompt closes so n/N can walk them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Search {
    pub query: String,
    pub terms: Vec<String>,
    /// The sessions found, best first.
    pub sessions: Vec<SessionHits>,
    /// The selected session: an index into `sessions`.
    pub selected: usize,
    /// The hit open in it: an index into its `walk`.
    pub at: usize,
    /// Run while the search index was behind: run again once it has caught up.
    pub incomplete: bool,
}

/// Where the hits of a session are: its events in order, or (only the title matching) its end.
pub fn walk(hits: &SessionHits) -> Vec<Option<i64>> {
    if hits.seqs.is_empty() { vec![None] } else { hits.seqs.iter().copied().map(Some).collect() }
}

impl Search {
    /// Every hit of every session.
    pub fn total(&self) -> usize {
        self.sessions.iter().map(|hits| walk(hits).len()).sum()
    }

    /// The open hit's number, from 1, counting through the sessions in order.
    pub fn position(&self) -> usize {
        let before: usize = self.sessions.iter().take(self.selected).map(|hits| walk(hits).len()).sum();
        before + self.at + 1
    }

    /// The selected session and the seq of its open hit (None: its end).
    pub fn current(&self) -> Option<(&SessionHits, Option<i64>)> {
        let hits = self.sessions.get(self.selected)?;
        Some((hits, walk(hits).get(self.at).copied().flatten()))
    }

    /// Selects session `index` (clamped), at its first hit.
    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.sessions.len().saturating_sub(1));
        self.at = 0;
    }

    /// Moves `by` hits (+1 for n, -1 for N): within the session, then on to the next one's
    /// first hit or back to the previous one's last. False at either end, where it stays.
    pub fn step(&mut self, by: i64) -> bool {
        let Some((hits, _)) = self.current() else { return false };
        let len = walk(hits).len();
        if by > 0 && self.at + 1 < len {
            self.at += 1;
        } else if by > 0 && self.selected + 1 < self.sessions.len() {
            self.selected += 1;
            self.at = 0;
        } else if by < 0 && self.at > 0 {
            self.at -= 1;
        } else if by < 0 && self.selected > 0 {
            self.selected -= 1;
            self.at = self.sessions.get(self.selected).map_or(0, |hits| walk(hits).len() - 1);
        } else {
            return false;
        }
        true
    }

    /// Finds the session and hit `(id, seq)` again after the results were replaced.
    pub fn reselect(&mut self, id: &str, seq: Option<i64>) {
        let Some(index) = self.sessions.iter().position(|hits| hits.session_id == id) else { return };
        self.selected = index;
        self.at = walk(&self.sessions[index]).iter().position(|at| *at == seq).unwrap_or(0);
    }
}
