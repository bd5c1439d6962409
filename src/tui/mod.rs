//! The browser: a session sidebar and a conversation pane, driven by the keyboard.
//!
//! Input becomes an [`app::Action`] ([`keymap`]), [`app::App::update`] changes the state
//! (reaching the store through [`app::Backend`]), and [`view`] draws it; `event_loop`
//! ties them together and `terminal` restores the terminal however the program ends.

pub mod app;
pub mod background;
mod event_loop;
mod indexer;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod searcher;
mod terminal;
pub mod theme;
pub mod view;

pub use app::StoreBackend;
pub use event_loop::run;
