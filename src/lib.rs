//! denkcoach: a calm terminal coach for the social cognitive techniques of
//! Movisie's brochure "Spelen met gedachten".

pub mod app;
pub mod cli;
pub mod config;
pub mod content;
pub mod dates;
pub mod notes;
pub mod plain;
pub mod session;
pub mod text;
pub mod ui;

// `stored_pack_bytes(lang)`: the built-in packs, checked by `build.rs` and
// stored inside the binary.
include!(concat!(env!("OUT_DIR"), "/stored_packs.rs"));
