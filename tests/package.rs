//! The Linux archive as a volunteer downloads it: scripts/package.sh packs
//! the built binary with README.md, LICENSE and the content packs in one
//! folder; unpacked somewhere new, the program starts, and in plain mode it
//! saves what was typed.
#![cfg(unix)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The archive's name and its one top folder, as cargo-dist names them.
const NAME: &str = "denkcoach-x86_64-unknown-linux-gnu";

/// Whether `program --version` runs here.
fn available(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

fn said(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Every JSON file under `dir`, in any subfolder.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)
        .expect("read the data folder")
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            found.extend(json_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "json") {
            found.push(path);
        }
    }
    found
}

#[test]
fn the_linux_archive_unpacks_to_a_program_that_starts_and_saves() {
    let missing: Vec<&str> = ["bash", "tar", "xz"]
        .into_iter()
        .filter(|program| !available(program))
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "SKIPPED: the archive test needs {} (not found here)",
            missing.join(", ")
        );
        return;
    }

    // Pack the binary this test run built.
    let out = tempfile::tempdir().expect("a folder for the archive");
    let packed = Command::new("bash")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/package.sh"))
        .args([
            "--only",
            "linux",
            "--binary",
            env!("CARGO_BIN_EXE_denkcoach"),
        ])
        .arg("--out")
        .arg(out.path())
        // The quickest xz level: a debug binary takes a minute at the default.
        .env("XZ_OPT", "-0")
        .output()
        .expect("run scripts/package.sh");
    if packed.status.code() == Some(2) {
        eprintln!(
            "SKIPPED: scripts/package.sh misses a tool\n{}",
            said(&packed)
        );
        return;
    }
    assert!(
        packed.status.success(),
        "package.sh failed: {}",
        said(&packed)
    );
    let archive = out.path().join(format!("{NAME}.tar.xz"));
    assert!(
        archive.is_file(),
        "no {}: {}",
        archive.display(),
        said(&packed)
    );

    // Unpack it in a fresh folder: one top folder with everything in it.
    let unpacked = tempfile::tempdir().expect("a folder to unpack into");
    let untar = Command::new("tar")
        .arg("-xJf")
        .arg(&archive)
        .arg("-C")
        .arg(unpacked.path())
        .output()
        .expect("run tar");
    assert!(untar.status.success(), "tar -xJf failed: {}", said(&untar));
    let top: Vec<PathBuf> = std::fs::read_dir(unpacked.path())
        .expect("read the unpacked folder")
        .flatten()
        .map(|entry| entry.path())
        .collect();
    let folder = unpacked.path().join(NAME);
    assert_eq!(top, vec![folder.clone()], "one top folder named {NAME}");
    for file in [
        "README.md",
        "LICENSE",
        "CHANGELOG.md",
        "docs/notitieformaat.md",
        "docs/screenshot.png",
        "content/nl/pakket.toml",
        "content/en/pakket.toml",
    ] {
        assert!(folder.join(file).is_file(), "{file} is not in the archive");
    }
    let binary = folder.join("denkcoach");

    let version = Command::new(&binary)
        .arg("--version")
        .output()
        .expect("start the unpacked denkcoach --version");
    assert!(version.status.success(), "{}", said(&version));
    assert!(
        String::from_utf8_lossy(&version.stdout).contains(env!("CARGO_PKG_VERSION")),
        "--version does not say {}: {}",
        env!("CARGO_PKG_VERSION"),
        said(&version)
    );

    // Plain mode: the client code, Enter past the basishouding, then the
    // other's words at the next step; end of input ends the conversation.
    let data = tempfile::tempdir().expect("a data folder");
    let config = tempfile::tempdir().expect("a config folder");
    let mut child = Command::new(&binary)
        .arg("--data-dir")
        .arg(data.path())
        .arg("--config-dir")
        .arg(config.path())
        .arg("--eenvoudig")
        .current_dir(&folder)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("TERM", "dumb")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the unpacked denkcoach --eenvoudig");
    let mut stdin = child.stdin.take().expect("the child's stdin");
    stdin
        .write_all(b"1\nK1\n\n\n\nNiemand belt me.\n")
        .expect("type the answers");
    drop(stdin);
    let plain = child.wait_with_output().expect("plain mode ends");
    assert!(
        plain.status.success(),
        "plain mode failed: {}",
        said(&plain)
    );
    let saved = json_files(data.path());
    assert!(
        saved.iter().any(|file| {
            std::fs::read_to_string(file).is_ok_and(|text| text.contains("Niemand belt me."))
        }),
        "no JSON file under the data folder holds the typed words ({saved:?}): {}",
        said(&plain)
    );
}
