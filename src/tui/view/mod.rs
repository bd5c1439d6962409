//! Pure functions from state to frame.

pub mod conversation;
pub mod popup;
pub mod screen;
pub mod sidebar;
pub mod status;
