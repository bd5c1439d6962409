//! Pure functions from state to frame.

pub mod conversation;
