//! Checks the built-in content packs while building, with the same loader
//! the program uses, and stores each checked pack (in postcard, a compact
//! serde format) for the binary to embed: a broken built-in pack fails the build with `file:line:col`
//! messages, and starting the coach does not parse and check the TOML again.

use std::fmt::Write as _;
use std::path::PathBuf;

#[allow(dead_code, unused_imports)]
#[path = "src/content/mod.rs"]
mod content;

/// While building there is no stored pack yet, so the loader checks the files.
fn stored_pack_bytes(_lang: &str) -> Option<&'static [u8]> {
    None
}

fn main() {
    println!("cargo::rerun-if-changed=content");
    println!("cargo::rerun-if-changed=src/content");
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("OUT_DIR is not set");
        std::process::exit(1);
    };
    let mut arms = String::new();
    let mut failed = false;
    for lang in content::builtin_languages() {
        match content::Pack::load_checked(&lang, &[]) {
            Ok(pack) => {
                let path = out.join(format!("pack-{lang}.postcard"));
                let bytes = postcard::to_stdvec(&pack).expect("a checked pack serialises");
                std::fs::write(&path, bytes).expect("OUT_DIR is writable");
                let _ = writeln!(arms, "        {lang:?} => Some(include_bytes!({path:?})),");
            }
            Err(content::LoadError::Invalid(problems)) => {
                failed = true;
                let texts = content::builtin_ui("nl");
                for p in &problems {
                    let line = match &texts {
                        Some(t) => p.render(&t.errors),
                        None => format!("{}:{}:{}: {:?}", p.file, p.line, p.column, p.kind),
                    };
                    eprintln!("content/{lang}/{line}");
                }
            }
            Err(content::LoadError::Io(path, e)) => {
                failed = true;
                eprintln!("{path}: {e}");
            }
            Err(content::LoadError::Unusable {
                not_files,
                too_large,
            }) => {
                failed = true;
                for path in not_files.iter().chain(&too_large) {
                    eprintln!("{path}: not a plain file of at most 1 MiB");
                }
            }
        }
    }
    if failed {
        eprintln!("the built-in content does not pass its checks (see above)");
        std::process::exit(1);
    }
    let code = format!(
        "/// The built-in pack for `lang`, checked while building (postcard).\n\
         pub(crate) fn stored_pack_bytes(lang: &str) -> Option<&'static [u8]> {{\n    \
         match lang {{\n{arms}        _ => None,\n    }}\n}}\n"
    );
    std::fs::write(out.join("stored_packs.rs"), code).expect("OUT_DIR is writable");
}
