//! The files that make up a pack: the built-in ones embedded at build time,
//! replaced file by file by those in override folders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::LoadError;

/// The largest pack file read: the biggest built-in one is a few KB.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// Where a pack file came from, for the About screen and error messages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Origin {
    Builtin,
    Override(PathBuf),
}

#[derive(Debug, Clone)]
pub struct PackFile {
    pub bytes: Vec<u8>,
    pub origin: Origin,
}

/// Pack files by their path relative to the language folder, with `/`.
#[derive(Debug, Clone, Default)]
pub struct PackFiles {
    pub files: BTreeMap<String, PackFile>,
}

/// The language folders built in.
pub fn builtin_languages() -> Vec<String> {
    BUILTIN
        .dirs()
        .filter_map(|d| d.path().file_name()?.to_str().map(str::to_string))
        .collect()
}

impl PackFiles {
    /// The embedded pack for a language; empty if the language is unknown.
    pub fn builtin(lang: &str) -> Self {
        let mut files = BTreeMap::new();
        if let Some(dir) = BUILTIN.get_dir(lang) {
            collect_embedded(dir, lang, &mut files);
        }
        PackFiles { files }
    }

    /// Replaces or adds every `.toml` file found under `dir`. Only plain
    /// files of at most [`MAX_FILE_BYTES`] are read: a FIFO or a device
    /// with a `.toml` name is not opened (reading it would wait forever).
    pub fn overlay_dir(&mut self, dir: &Path) -> Result<(), LoadError> {
        let shown = |p: &Path| p.display().to_string();
        let mut found = Vec::new();
        walk(dir, dir, &mut found).map_err(|e| LoadError::Io(shown(dir), e))?;
        // Every unusable file is named, not only the first.
        let mut not_files = Vec::new();
        let mut too_large = Vec::new();
        let mut readable = Vec::new();
        for (rel, path) in found {
            let meta = std::fs::metadata(&path).map_err(|e| LoadError::Io(shown(&path), e))?;
            if !meta.is_file() {
                not_files.push(shown(&path));
            } else if meta.len() > MAX_FILE_BYTES {
                too_large.push(shown(&path));
            } else {
                readable.push((rel, path));
            }
        }
        if !not_files.is_empty() || !too_large.is_empty() {
            return Err(LoadError::Unusable {
                not_files,
                too_large,
            });
        }
        for (rel, path) in readable {
            let bytes = std::fs::read(&path).map_err(|e| LoadError::Io(shown(&path), e))?;
            if bytes.len() as u64 > MAX_FILE_BYTES {
                return Err(LoadError::Unusable {
                    not_files: Vec::new(),
                    too_large: vec![shown(&path)],
                });
            }
            self.files.insert(
                rel,
                PackFile {
                    bytes,
                    origin: Origin::Override(path),
                },
            );
        }
        Ok(())
    }

    pub fn get(&self, name: &str) -> Option<&PackFile> {
        self.files.get(name)
    }

    /// Names under a folder such as `routes/`.
    pub fn names_under<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.files
            .keys()
            .filter(move |k| k.starts_with(folder))
            .map(String::as_str)
    }

    /// The languages with a built-in pack.
    pub fn builtin_languages() -> Vec<String> {
        BUILTIN
            .dirs()
            .filter_map(|d| d.path().file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect()
    }
}

fn collect_embedded(dir: &Dir<'static>, lang: &str, out: &mut BTreeMap<String, PackFile>) {
    for file in dir.files() {
        let path = file.path();
        if path.extension().is_some_and(|e| e == "toml") {
            let rel = path
                .strip_prefix(lang)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(
                rel,
                PackFile {
                    bytes: file.contents().to_vec(),
                    origin: Origin::Builtin,
                },
            );
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, lang, out);
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        // A linked folder is not followed: it may lead back into the pack,
        // or into /dev, without end.
        if entry.file_type()?.is_dir() {
            walk(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, path));
        }
    }
    Ok(())
}
