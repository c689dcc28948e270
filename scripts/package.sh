#!/usr/bin/env bash
# The release archives for volunteers who download denkcoach by hand: builds
# the Linux and Windows binaries and packs each, with README.md, LICENSE,
# CHANGELOG.md, BENCHMARKS.md and docs/ (every file the README links to)
# and the content packs (content/, to read and edit; the binary embeds
# them), in one top folder named like cargo-dist names its archives:
#
#   dist/denkcoach-x86_64-unknown-linux-gnu.tar.xz  (denkcoach)
#   dist/denkcoach-x86_64-pc-windows-gnu.zip        (denkcoach.exe)
#
#   scripts/package.sh                        # both, built with cargo
#   scripts/package.sh --only linux|windows   # one of them
#   scripts/package.sh --binary PATH          # pack this Linux binary, no build
#   scripts/package.sh --windows-binary PATH  # pack this .exe, no build
#   scripts/package.sh --out DIR              # write to DIR (default: dist/)
#
# Exit code 0 ok, 1 failed, 2 a tool missing.
# Needs (Debian/Ubuntu): tar and xz-utils; zip (or python3) for the zip;
#   to build the .exe: apt-get install gcc-mingw-w64-x86-64
#                      rustup target add x86_64-pc-windows-gnu
# The tagged releases with installers are cargo-dist's (dist-workspace.toml,
# .github/workflows/release.yml); this script is for a build by hand.
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
die() {
    echo "package: $1" >&2
    exit "${2:-1}"
}
# A path given on the command line, made absolute before the cd below.
absolute() {
    case "$1" in
        /*) printf '%s\n' "$1" ;;
        *) printf '%s\n' "$PWD/$1" ;;
    esac
}

only=""
linux_bin=""
windows_bin=""
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --binary | --windows-binary | --only | --out)
            if [ $# -lt 2 ] || [ -z "$2" ]; then die "$1 needs a value (see --help)"; fi
            case "$1" in
                --binary) linux_bin="$(absolute "$2")" ;;
                --windows-binary) windows_bin="$(absolute "$2")" ;;
                --only) only="$2" ;;
                --out) out="$(absolute "$2")" ;;
            esac
            shift 2
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
case "$only" in
    "") platforms=(linux windows) ;;
    linux | windows) platforms=("$only") ;;
    *) die "--only takes linux or windows, not '$only'" ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="${out:-$root/dist}"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
wants() { [[ " ${platforms[*]} " == *" $1 "* ]]; }

# Every tool first, so a missing one is named before a long build.
missing=()
if wants linux; then
    command -v tar > /dev/null || missing+=(tar)
    command -v xz > /dev/null || missing+=("xz (xz-utils)")
    [ -n "$linux_bin" ] || command -v cargo > /dev/null || missing+=(cargo)
fi
if wants windows; then
    command -v zip > /dev/null || command -v python3 > /dev/null || missing+=("zip (or python3)")
    if [ -z "$windows_bin" ]; then
        command -v cargo > /dev/null || missing+=(cargo)
        command -v x86_64-w64-mingw32-gcc > /dev/null || missing+=(gcc-mingw-w64-x86-64)
        if ! rustup target list --installed 2> /dev/null | grep -qx x86_64-pc-windows-gnu; then
            rustup target add x86_64-pc-windows-gnu > /dev/null 2>&1 || missing+=("the Rust target x86_64-pc-windows-gnu")
        fi
    fi
fi
if [ ${#missing[@]} -gt 0 ]; then
    die "missing ${missing[*]} (see the top of this script)" 2
fi

# The first bytes of a file, to catch a Windows binary given as the Linux
# one and the other way round.
magic() { head -c "$2" "$1" | od -An -c | tr -d ' \n'; }
check_binary() {
    local file="$1" kind="$2"
    [ -f "$file" ] || die "no binary at $file"
    case "$kind" in
        linux) [ "$(magic "$file" 4)" = '177ELF' ] || die "$file is not a Linux (ELF) binary" ;;
        windows) [ "$(magic "$file" 2)" = 'MZ' ] || die "$file is not a Windows (.exe) binary" ;;
    esac
}

if wants linux && [ -z "$linux_bin" ]; then
    echo "package: building the Linux binary (cargo build --release)"
    cargo build --quiet --release
    linux_bin="$target_dir/release/denkcoach"
fi
if wants windows && [ -z "$windows_bin" ]; then
    echo "package: building denkcoach.exe (cargo build --release --target x86_64-pc-windows-gnu)"
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
        cargo build --quiet --release --target x86_64-pc-windows-gnu
    windows_bin="$target_dir/x86_64-pc-windows-gnu/release/denkcoach.exe"
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$out"

# Lays out $stage/$1/ with the binary $2 named $3 and the documents.
lay_out() {
    local dir="$stage/$1"
    mkdir -p "$dir"
    cp "$2" "$dir/$3"
    chmod 0755 "$dir/$3"
    cp README.md LICENSE CHANGELOG.md BENCHMARKS.md "$dir/"
    cp -R content "$dir/content"
    cp -R docs "$dir/docs"
    chmod -R u+rwX,go+rX,go-w "$dir"
}

# Writes $stage/$1/ as the zip $2, with zip or else python3's zipfile.
write_zip() {
    rm -f "$2"
    if command -v zip > /dev/null; then
        (cd "$stage" && zip -q -r -X "$2" "$1") || die "zip could not write $2"
    else
        python3 - "$stage" "$1" "$2" << 'EOF' || die "python3 could not write $2"
import os, sys, zipfile
stage, top, archive = sys.argv[1:]
with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, dirs, files in os.walk(os.path.join(stage, top)):
        dirs.sort()
        z.write(folder, os.path.relpath(folder, stage))
        for name in sorted(files):
            path = os.path.join(folder, name)
            z.write(path, os.path.relpath(path, stage))
EOF
    fi
}

written=()
if wants linux; then
    check_binary "$linux_bin" linux
    name="denkcoach-x86_64-unknown-linux-gnu"
    lay_out "$name" "$linux_bin" denkcoach
    rm -f "$out/$name.tar.xz"
    tar -C "$stage" -cJf "$out/$name.tar.xz" "$name" || die "tar could not write $out/$name.tar.xz"
    written+=("$out/$name.tar.xz")
fi
if wants windows; then
    check_binary "$windows_bin" windows
    name="denkcoach-x86_64-pc-windows-gnu"
    lay_out "$name" "$windows_bin" denkcoach.exe
    write_zip "$name" "$out/$name.zip"
    written+=("$out/$name.zip")
fi

for file in "${written[@]}"; do
    echo "package: wrote $file ($(du -k "$file" | cut -f1) KiB)"
done
