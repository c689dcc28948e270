//! The interactive coach, Elm-shaped: an event becomes a [`Msg`];
//! [`update`] changes the [`Model`] and returns [`Effect`]s as data; the
//! [`Runtime`] runs them (disk, threads, terminal), answers with messages
//! and draws the model with `ui`. Side threads only send messages; only the
//! runtime stops the program.

mod bindings;
mod disk;
pub mod effect;
mod exports;
mod harness;
mod input;
pub mod keys;
pub mod model;
pub mod msg;
pub mod runtime;
pub mod screens;
mod terminal;
pub mod update;

pub use effect::{Effect, Folder};
pub use harness::App;
pub use model::{Model, Options, StartAt};
pub use msg::Msg;
pub use runtime::Runtime;
pub use terminal::{restore_terminal, run_in_terminal};
pub use update::{clean_paste, update};

/// The folder, inside the data folder, for practice notes.
pub const PRACTICE_DIR: &str = "oefenen";
