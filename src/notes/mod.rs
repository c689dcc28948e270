//! Session notes on disk: the record schema, a store that writes each record
//! atomically into a private folder, a writer thread, locks, history queries
//! and exports.

mod atomic;
pub mod export;
pub mod history;
mod index;
mod lock;
mod record;
mod saver;
mod store;
mod summary;

pub use atomic::write_atomic;
pub use lock::SessionLock;
pub use record::{PackRef, RECORD_SCHEMA, SavedPlace, SessionRecord};
pub use saver::{Outcome, Saver};
pub(crate) use store::private_dir;
pub use store::{Damage, Damaged, DamagedSession, Listing, Store, Verification, parse, stamps};
pub use summary::{Stamp, Summary};
