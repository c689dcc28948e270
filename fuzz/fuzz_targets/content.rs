//! Any bytes as any file of the built-in pack: the loader reports, never
//! panics.
#![no_main]

use denkcoach::content::{Origin, Pack, PackFile, PackFiles};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut files = PackFiles::builtin("nl");
    let names: Vec<String> = files.files.keys().cloned().collect();
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let name = names[usize::from(which) % names.len()].clone();
    files.files.insert(
        name,
        PackFile {
            bytes: bytes.to_vec(),
            origin: Origin::Builtin,
        },
    );
    let _ = Pack::from_files(&files);
});
