//! `inhoud uitpakken MAP`: the built-in pack as files, to start editing
//! from; `--inhoud MAP` then loads the edited copy without a rebuild.

use std::path::Path;
use std::process::ExitCode;

use crate::content::{Pack, PackFiles, fill};

pub(super) fn unpack(pack: &Pack, dir: &Path) -> ExitCode {
    let texts = &pack.ui.cli;
    let path = dir.display().to_string();
    // Never over someone's edits: a new folder, or an empty one.
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if occupied {
        crate::errln!(
            "denkcoach: {}",
            fill(&texts.unpack_not_empty, &[("path", &path)])
        );
        return ExitCode::FAILURE;
    }
    let files = PackFiles::builtin(&pack.lang);
    let written = files.files.iter().try_for_each(|(name, file)| {
        let target = dir.join(name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, &file.bytes)
    });
    match written {
        Ok(()) => {
            let count = files.files.len().to_string();
            crate::outln!(
                "{}",
                fill(&texts.unpacked, &[("path", &path), ("count", &count)])
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            crate::errln!(
                "denkcoach: {}",
                fill(
                    &texts.write_failed,
                    &[("path", &path), ("reason", &pack.ui.reasons.of(e.kind()))]
                )
            );
            ExitCode::FAILURE
        }
    }
}
