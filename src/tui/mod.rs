//! Everything on screen. The event loop and `App` arrive later; for now, the pieces they draw with.

pub mod theme;
pub mod view;
