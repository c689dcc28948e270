//! `inhoud controleer`: check a pack and list every problem, and the report
//! of a pack that does not load, which starting the coach shares.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::content::{LoadError, Pack, UiText, fill};

pub(super) fn check(
    lang: &str,
    overrides: &[PathBuf],
    dir: Option<&Path>,
    texts: &UiText,
) -> ExitCode {
    let result = match dir {
        Some(dir) if dir.join("pakket.toml").is_file() => Pack::load_dir(dir),
        Some(dir) => Pack::load(lang, &[dir]),
        None => {
            let dirs: Vec<&Path> = overrides.iter().map(PathBuf::as_path).collect();
            Pack::load(lang, &dirs)
        }
    };
    let mut out = crate::text::stdout();
    match result {
        Ok(pack) => {
            let place = dir.map_or_else(|| pack.name.clone(), |d| d.display().to_string());
            let steps = pack.all_steps().count().to_string();
            let routes = pack.routes.len().to_string();
            let files = pack.files.len().to_string();
            crate::outln!(
                "{}",
                fill(
                    &texts.cli.check_ok,
                    &[
                        ("path", &place),
                        ("steps", &steps),
                        ("routes", &routes),
                        ("files", &files)
                    ]
                )
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            report(&e, texts, &mut out);
            ExitCode::FAILURE
        }
    }
}

pub(super) fn report(error: &LoadError, texts: &UiText, out: &mut dyn std::io::Write) {
    let lines: Vec<String> = match error {
        LoadError::Io(path, e) => vec![fill(
            &texts.cli.read_failed,
            &[("path", path), ("reason", &texts.reasons.of(e.kind()))],
        )],
        LoadError::Unusable {
            not_files,
            too_large,
        } => not_files
            .iter()
            .map(|path| fill(&texts.cli.not_a_file, &[("path", path)]))
            .chain(
                too_large
                    .iter()
                    .map(|path| fill(&texts.cli.too_large, &[("path", path)])),
            )
            .collect(),
        LoadError::Invalid(problems) => {
            let mut lines: Vec<String> = problems.iter().map(|p| p.render(&texts.errors)).collect();
            lines.push(fill(
                &texts.cli.check_failed,
                &[("count", &problems.len().to_string())],
            ));
            lines.push(texts.errors.pack_invalid.clone());
            lines
        }
    };
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
}
