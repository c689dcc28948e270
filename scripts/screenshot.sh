#!/usr/bin/env bash
# Makes docs/screenshot.png from a real render of denkcoach – never drawn by
# hand. The program runs in a tmux pane of 100×30 with an empty, temporary
# data and settings folder, is driven with send-keys to the thought step of a
# conversation (client K1, past the basishouding and the optional 'wat er
# gebeurde', a thought typed, an impression beside it), and the pane's text
# with its colours goes through scripts/ansi2html.py to headless Chromium.
#
#   scripts/screenshot.sh [BINARY]
#
# BINARY: the program to photograph (default $DENKCOACH_BIN, else
# target/release/denkcoach). SCREENSHOT_OUT changes where the PNG goes,
# SCREENSHOT_SCALE its pixel density (default 2, sharp on high-DPI screens).
# Needs tmux, python3 and Chromium (Debian/Ubuntu: apt-get install -y tmux
# chromium). Nothing is read from or written to your own notes.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:-${DENKCOACH_BIN:-target/release/denkcoach}}
out=${SCREENSHOT_OUT:-docs/screenshot.png}
scale=${SCREENSHOT_SCALE:-2}
cols=100
rows=30
socket=shot

fail() {
    echo "screenshot.sh: $*" >&2
    exit 1
}

[ -x "$bin" ] || fail "no program at $bin (build it: cargo build --release, or pass its path)"
command -v tmux > /dev/null || fail "tmux is needed (apt-get install -y tmux)"
command -v python3 > /dev/null || fail "python3 is needed"
chromium=${CHROMIUM:-}
if [ -z "$chromium" ]; then
    for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
        if command -v "$candidate" > /dev/null; then
            chromium=$candidate
            break
        fi
    done
fi
[ -n "$chromium" ] || fail "Chromium is needed (apt-get install -y chromium), or set CHROMIUM"

work=$(mktemp -d)
cleanup() {
    tmux -L "$socket" kill-server 2> /dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/data" "$work/config" "$work/chromium"
bin_abs=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

# A server of our own (-L shot) so no running tmux session is touched; a
# fresh one, in case an earlier run was interrupted.
tmux -L "$socket" kill-server 2> /dev/null || true
# Dutch, in colour, whatever the caller's environment says.
tmux -L "$socket" -f /dev/null new-session -d -x "$cols" -y "$rows" \
    env -u NO_COLOR -u LC_ALL LANG=nl_NL.UTF-8 \
    "$bin_abs" --lang nl --data-dir "$work/data" --config-dir "$work/config"
tmux -L "$socket" set-option -g status off > /dev/null

screen() {
    tmux -L "$socket" capture-pane -p
}

# Waits until the pane shows this text (up to ten seconds); on a timeout it
# shows the pane, so a change in the program's screens is easy to see.
wait_for() {
    local text=$1
    for _ in $(seq 100); do
        if screen 2> /dev/null | grep -qF -- "$text"; then
            return 0
        fi
        sleep 0.1
    done
    echo "screenshot.sh: waited in vain for: $text" >&2
    echo "--- the pane shows:" >&2
    screen >&2 || echo "(the program has stopped)" >&2
    exit 1
}

keys() {
    tmux -L "$socket" send-keys "$@"
}

wait_for "Gesprek naast een cliënt"
keys Enter # the first menu item: a conversation beside a client
wait_for "Cliëntcode"
keys -l "K1"
keys Enter
wait_for "Basishouding"
keys Enter # past the basishouding
wait_for "Wat er gebeurde"
keys Enter # the optional step stays empty
wait_for "De gedachte"
keys -l "Niemand belt mij ooit."
wait_for "Niemand belt mij ooit."
keys Tab # to 'mijn indruk'
keys -l "Zegt het zacht, kijkt naar de telefoon."
wait_for "kijkt naar de telefoon."
sleep 0.3 # the last frame settles

tmux -L "$socket" capture-pane -p -e > "$work/screen.ansi"
size=$(python3 scripts/ansi2html.py "$work/screen.ansi" "$work/screen.html" \
    --cols "$cols" --rows "$rows" --title "denkcoach – De gedachte")

mkdir -p "$(dirname "$out")"
out_abs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
rm -f "$out_abs"
if ! timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --hide-scrollbars --user-data-dir="$work/chromium" \
    --force-device-scale-factor="$scale" --window-size="$size" \
    --screenshot="$out_abs" "file://$work/screen.html" > "$work/chromium.log" 2>&1 \
    || [ ! -s "$out_abs" ]; then
    cat "$work/chromium.log" >&2
    fail "Chromium made no picture"
fi
echo "$out ($size at scale $scale) from $bin"
