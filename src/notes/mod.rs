//! Session notes on disk: the record schema and a store that writes each
//! record atomically into a private folder.

mod atomic;
mod record;
mod store;

pub use atomic::write_atomic;
pub use record::{PackRef, RECORD_SCHEMA, SavedPlace, SessionRecord};
pub use store::Store;
