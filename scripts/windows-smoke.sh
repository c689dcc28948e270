#!/usr/bin/env bash
# The Windows smoke test: builds denkcoach.exe with the mingw linker, packs
# it into the zip as scripts/package.sh does, unpacks that, and runs the
# .exe under Wine in tmux – start a conversation, type a thought, quit –
# then checks that the thought is in the session's JSON under AppData and
# that the program ended with exit code 0. Behaviour, not pixels: Wine's
# console draws some sequences imperfectly.
#
#   scripts/windows-smoke.sh        # exit 0 ok, 1 failed, 2 tools missing
#
# Needs (Debian/Ubuntu): apt-get install gcc-mingw-w64-x86-64 wine64 tmux
#                        rustup target add x86_64-pc-windows-gnu
# Run it before every change to terminal code (src/app/terminal.rs,
# input.rs, runtime.rs); CI runs it where the tools can be installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

wine_bin="$(command -v wine64 || command -v wine || true)"
missing=()
command -v x86_64-w64-mingw32-gcc > /dev/null || missing+=(gcc-mingw-w64-x86-64)
[ -n "$wine_bin" ] || missing+=(wine64)
command -v tmux > /dev/null || missing+=(tmux)
if ! rustup target list --installed 2> /dev/null | grep -qx x86_64-pc-windows-gnu; then
    rustup target add x86_64-pc-windows-gnu > /dev/null 2>&1 || missing+=("the Rust target x86_64-pc-windows-gnu")
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "windows smoke test: missing ${missing[*]} (see the top of this script)" >&2
    exit 2
fi

echo "windows smoke test: building denkcoach.exe"
cargo build --quiet --target x86_64-pc-windows-gnu
target_dir="${CARGO_TARGET_DIR:-$root/target}"
exe="$target_dir/x86_64-pc-windows-gnu/debug/denkcoach.exe"

work="$(mktemp -d)"
server="denkcoach-smoke-$$"
cleanup() {
    tmux -L "$server" kill-server 2> /dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then echo "kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# The .exe as a volunteer gets it: packed in the zip (scripts/package.sh)
# and unpacked again.
echo "windows smoke test: packing and unpacking the zip"
scripts/package.sh --only windows --windows-binary "$exe" --out "$work/pkg" > /dev/null
python3 -m zipfile -e "$work/pkg/denkcoach-x86_64-pc-windows-gnu.zip" "$work/app"
app="$work/app/denkcoach-x86_64-pc-windows-gnu"
if [ ! -f "$app/denkcoach.exe" ] || [ ! -f "$app/README.md" ]; then
    echo "windows smoke test FAILED: the zip lacks denkcoach.exe or README.md" >&2
    exit 1
fi
# For this test only, never shipped: Debian's Wine 8 lacks ProcessPrng,
# which Rust's standard library calls (scripts/windows-prng-stub.c).
x86_64-w64-mingw32-gcc -shared -O2 -o "$app/bcryptprimitives.dll" \
    scripts/windows-prng-stub.c -ladvapi32

export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b"
echo "windows smoke test: preparing a Wine prefix"
"$wine_bin" wineboot --init > "$work/wineboot.log" 2>&1 || true

cat > "$work/run.sh" << EOF
#!/bin/sh
"$wine_bin" "$app/denkcoach.exe" gesprek
echo \$? > "$work/rc"
EOF
chmod +x "$work/run.sh"

fail() {
    echo "windows smoke test FAILED: $*" >&2
    tmux -L "$server" capture-pane -p 2> /dev/null | sed 's/^/  | /' >&2 || true
    exit 1
}

# Waits up to $1 seconds for the command after it to succeed.
wait_for() {
    local seconds="$1"
    shift
    local end=$((SECONDS + seconds))
    until "$@"; do
        [ "$SECONDS" -lt "$end" ] || return 1
        sleep 0.5
    done
}

session_file() {
    find "$WINEPREFIX/drive_c/users" -path '*AppData*sessies*' -name '*.json' 2> /dev/null | head -1
}
has_session() { [ -n "$(session_file)" ]; }
thought='Niemand belt mij ooit'
has_thought() { has_session && grep -q "\"thought\": *\"$thought\"" "$(session_file)"; }
on_screen() { tmux -L "$server" capture-pane -p | grep -q "$1"; }

tmux -L "$server" new-session -d -x 100 -y 30 "$work/run.sh"
wait_for 60 on_screen "Ctrl+Q" || fail "the start screen never came"
tmux -L "$server" send-keys -t 0 K7 Enter
wait_for 30 has_session || fail "no session file after the client code"
sleep 1
# Past the basishouding and the optional "Wat er gebeurde", to the thought
# (Wine draws the screen too unevenly to wait for its words).
tmux -L "$server" send-keys -t 0 Enter
sleep 2
tmux -L "$server" send-keys -t 0 Enter
sleep 2
tmux -L "$server" send-keys -t 0 -l "$thought"
wait_for 30 has_thought || fail "the thought did not reach the session file"
tmux -L "$server" send-keys -t 0 C-q
sleep 1
tmux -L "$server" send-keys -t 0 Enter
wait_for 30 test -s "$work/rc" || fail "denkcoach.exe did not end after Ctrl+Q, Enter"
rc="$(cat "$work/rc")"
[ "$rc" = 0 ] || fail "exit code $rc"
has_thought || fail "the thought is not in the saved session"
echo "windows smoke test: ok (thought saved in $(session_file | sed "s|$WINEPREFIX/||"), exit code 0)"
