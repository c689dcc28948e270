//! The content loader never panics, whatever a trainer's editor leaves in
//! a file: arbitrary bytes, or random edits of the real pack files.

use denkcoach::content::{Pack, PackFile, PackFiles};
use proptest::prelude::*;

fn builtin() -> PackFiles {
    PackFiles::builtin("nl")
}

fn names() -> Vec<String> {
    builtin().files.keys().cloned().collect()
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, u8),
    Delete(usize, usize),
    Replace(usize, u8),
    Duplicate(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let byte = prop_oneof![
        Just(b'"'),
        Just(b'['),
        Just(b']'),
        Just(b'='),
        Just(b'\n'),
        Just(b'#'),
        Just(0xC3),
        Just(0xFF),
        any::<u8>()
    ];
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(at, b)| Edit::Insert(at, b)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), byte).prop_map(|(at, b)| Edit::Replace(at, b)),
        (any::<usize>(), 1usize..80).prop_map(|(at, n)| Edit::Duplicate(at, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    let len = bytes.len().max(1);
    match *edit {
        Edit::Insert(at, b) => bytes.insert(at % (len + 1).min(bytes.len() + 1), b),
        Edit::Delete(at, n) => {
            if !bytes.is_empty() {
                let start = at % bytes.len();
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
        }
        Edit::Replace(at, b) => {
            if !bytes.is_empty() {
                let i = at % bytes.len();
                bytes[i] = b;
            }
        }
        Edit::Duplicate(at, n) => {
            if !bytes.is_empty() {
                let start = at % bytes.len();
                let end = (start + n).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes_in_any_file_never_panic(
        which in any::<prop::sample::Index>(),
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let names = names();
        let name = which.get(&names).clone();
        let mut files = builtin();
        files.files.insert(name, PackFile { bytes, origin: denkcoach::content::Origin::Builtin });
        let _ = Pack::from_files(&files);
    }

    #[test]
    fn random_edits_of_real_files_never_panic(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..12),
    ) {
        let names = names();
        let name = which.get(&names).clone();
        let mut files = builtin();
        let file = files.files.get_mut(&name).expect("file exists");
        for e in &edits {
            apply(&mut file.bytes, e);
        }
        // Whatever comes out, every problem has a place in the file.
        if let Err(problems) = Pack::from_files(&files) {
            prop_assert!(!problems.is_empty());
            for p in &problems {
                prop_assert!(p.line >= 1 && p.column >= 1, "{p}");
            }
        }
    }
}
