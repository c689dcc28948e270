//! Session notes on disk: the record schema, a store that writes each record
//! atomically into a private folder, a journal that a killed process loses
//! nothing by, a writer thread, locks, history queries, exports and a trash
//! for deleted sessions.

mod atomic;
mod cleanup;
pub mod convert;
pub mod export;
pub mod handout;
pub mod history;
mod index;
mod journal;
mod lock;
pub mod privacy;
mod record;
mod saver;
pub mod seal;
mod store;
mod summary;
mod trash;

pub(crate) use atomic::write_atomic_unsynced;
pub use atomic::{write_atomic, write_atomic_with};
pub use cleanup::{Copies, copy_path, owned_by_someone_else};
pub use journal::Journals;
pub use lock::SessionLock;
pub use record::{PackRef, RECORD_SCHEMA, SavedPlace, SessionRecord};
pub use saver::{Outcome, Saver};
pub use seal::Seal;
pub(crate) use store::private_dir;
pub use store::{
    Damage, Damaged, DamagedSession, Listing, SESSIONS, Store, Verification, parse, stamps,
};
pub use summary::{Stamp, Summary};
pub use trash::Trashed;

/// How many days a deleted session can be restored from the trash: the keep
/// time for `Store::purge_trash`, which the app is to call at start.
pub const TRASH_DAYS: u64 = 30;
