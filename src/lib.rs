//! denkcoach: a calm terminal coach for the social cognitive techniques of
//! Movisie's brochure "Spelen met gedachten".

pub mod app;
pub mod config;
pub mod content;
pub mod keymap;
pub mod notes;
pub mod plain;
pub mod session;
pub mod ui;
