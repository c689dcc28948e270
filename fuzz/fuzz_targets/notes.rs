//! Any bytes as a session file: the note reader says what is wrong, never
//! panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = denkcoach::notes::parse(data);
});
