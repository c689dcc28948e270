//! `inhoud kaart`: the printable pocket card, as Markdown and HTML.

use std::path::Path;
use std::process::ExitCode;

use crate::content::{Pack, card, fill};

pub(super) fn write_card(pack: &Pack, out_dir: &Path) -> ExitCode {
    let md_path = out_dir.join(format!("zakkaart-{}.md", pack.lang));
    let html_path = out_dir.join(format!("zakkaart-{}.html", pack.lang));
    let written = std::fs::create_dir_all(out_dir)
        .and_then(|()| std::fs::write(&md_path, card::markdown(pack)))
        .and_then(|()| std::fs::write(&html_path, card::html(pack)));
    match written {
        Ok(()) => {
            let md = md_path.display().to_string();
            let html = html_path.display().to_string();
            crate::outln!(
                "{}",
                fill(&pack.ui.cli.card_written, &[("md", &md), ("html", &html)])
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            let path = out_dir.display().to_string();
            crate::errln!(
                "denkcoach: {}",
                fill(
                    &pack.ui.cli.write_failed,
                    &[("path", &path), ("reason", &pack.ui.reasons.of(e.kind()))]
                )
            );
            ExitCode::FAILURE
        }
    }
}
