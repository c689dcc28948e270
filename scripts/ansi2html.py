#!/usr/bin/env python3
"""Terminal output with ANSI colours (as `tmux capture-pane -p -e` gives it)
to one HTML page that looks like the terminal: monospace, dark background,
every cell where the terminal put it. Standard library only.

    python3 scripts/ansi2html.py capture.ansi page.html --cols 100 --rows 30

It prints the page's size in pixels as `WIDTH,HEIGHT` (for Chromium's
--window-size). Used by scripts/screenshot.sh; the picture is made from a
real render of the program, never drawn by hand.

SGR codes understood: 0 1 2 3 4 5 7 8 9 21-29 30-37 38;5;n 38;2;r;g;b 39
40-47 48;5;n 48;2;r;g;b 49 90-97 100-107 (also with ':' between the parts of
38/48). Every other escape sequence is left out.
"""

import argparse
import html
import math
import re
import sys
import unicodedata

# A calm dark terminal palette (the 16 standard colours, 0-15).
PALETTE16 = [
    "#1d1f21",  # 0 black
    "#e06c75",  # 1 red
    "#98c379",  # 2 green
    "#e5c07b",  # 3 yellow
    "#61afef",  # 4 blue
    "#c678dd",  # 5 magenta
    "#56b6c2",  # 6 cyan
    "#c8ccd4",  # 7 white
    "#7f848e",  # 8 bright black (grey)
    "#ef8a92",  # 9 bright red
    "#b5e08f",  # 10 bright green
    "#f2d398",  # 11 bright yellow
    "#84c3f5",  # 12 bright blue
    "#d99ae8",  # 13 bright magenta
    "#7fd0da",  # 14 bright cyan
    "#f3f4f6",  # 15 bright white
]
DEFAULT_FG = "#d7dae0"
DEFAULT_BG = "#1b1d23"

FONT_PX = 16
LINE_PX = 19  # a little tighter than 1.2em, so box-drawing lines join up
CHAR_EM = 0.6021  # advance of DejaVu Sans Mono / Liberation Mono
PAD_PX = 18


def colour256(n):
    """The xterm 256-colour palette: 16 standard, a 6x6x6 cube, 24 greys."""
    if n < 16:
        return PALETTE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        r, g, b = steps[n // 36], steps[(n // 6) % 6], steps[n % 6]
        return f"#{r:02x}{g:02x}{b:02x}"
    level = 8 + 10 * (n - 232)
    return f"#{level:02x}{level:02x}{level:02x}"


def blend(fg, bg, amount):
    """`fg` moved `amount` of the way towards `bg` (for faint text)."""
    a = [int(fg[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(bg[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(x + (y - x) * amount) for x, y in zip(a, b)]
    return "#" + "".join(f"{v:02x}" for v in mixed)


class Style:
    __slots__ = (
        "fg",
        "bg",
        "bold",
        "faint",
        "italic",
        "underline",
        "blink",
        "reverse",
        "hidden",
        "strike",
    )

    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None  # None: the terminal's default
        self.bg = None
        self.bold = False
        self.faint = False
        self.italic = False
        self.underline = False
        self.blink = False
        self.reverse = False
        self.hidden = False
        self.strike = False

    def key(self):
        return tuple(getattr(self, name) for name in self.__slots__)

    def css(self):
        fg = self.fg or DEFAULT_FG
        bg = self.bg or DEFAULT_BG
        if self.reverse:
            fg, bg = bg, fg
        if self.faint:
            fg = blend(fg, bg, 0.45)
        if self.hidden:
            fg = bg
        rules = []
        if fg != DEFAULT_FG:
            rules.append(f"color:{fg}")
        if bg != DEFAULT_BG:
            rules.append(f"background:{bg}")
        if self.bold:
            rules.append("font-weight:bold")
        if self.italic:
            rules.append("font-style:italic")
        lines = []
        if self.underline:
            lines.append("underline")
        if self.strike:
            lines.append("line-through")
        if lines:
            rules.append("text-decoration:" + " ".join(lines))
        return ";".join(rules)


def extended_colour(params, i):
    """Reads 5;n or 2;r;g;b after a 38/48 at params[i]; returns the colour
    (or None) and the index of the next parameter."""
    if i + 1 < len(params) and params[i + 1] == 5 and i + 2 < len(params):
        n = params[i + 2]
        return (colour256(n) if 0 <= n <= 255 else None), i + 3
    if i + 1 < len(params) and params[i + 1] == 2 and i + 4 < len(params):
        r, g, b = (max(0, min(255, v)) for v in params[i + 2 : i + 5])
        return f"#{r:02x}{g:02x}{b:02x}", i + 5
    return None, len(params)


def apply_sgr(style, text):
    """Applies the parameters of one `ESC [ … m` to `style`."""
    if text == "":
        style.reset()
        return
    params = []
    for part in text.replace(":", ";").split(";"):
        try:
            params.append(int(part) if part else 0)
        except ValueError:
            return
    i = 0
    while i < len(params):
        p = params[i]
        if p == 0:
            style.reset()
        elif p == 1:
            style.bold = True
        elif p == 2:
            style.faint = True
        elif p == 3:
            style.italic = True
        elif p == 4:
            style.underline = True
        elif p in (5, 6):
            style.blink = True
        elif p == 7:
            style.reverse = True
        elif p == 8:
            style.hidden = True
        elif p == 9:
            style.strike = True
        elif p == 21:
            style.underline = True  # doubly underlined: shown as once
        elif p == 22:
            style.bold = False
            style.faint = False
        elif p == 23:
            style.italic = False
        elif p == 24:
            style.underline = False
        elif p == 25:
            style.blink = False
        elif p == 27:
            style.reverse = False
        elif p == 28:
            style.hidden = False
        elif p == 29:
            style.strike = False
        elif 30 <= p <= 37:
            style.fg = PALETTE16[p - 30]
        elif p == 38:
            colour, i = extended_colour(params, i)
            if colour:
                style.fg = colour
            continue
        elif p == 39:
            style.fg = None
        elif 40 <= p <= 47:
            style.bg = PALETTE16[p - 40]
        elif p == 48:
            colour, i = extended_colour(params, i)
            if colour:
                style.bg = colour
            continue
        elif p == 49:
            style.bg = None
        elif 90 <= p <= 97:
            style.fg = PALETTE16[p - 90 + 8]
        elif 100 <= p <= 107:
            style.bg = PALETTE16[p - 100 + 8]
        # 26 and anything else: no visible effect here.
        i += 1


# CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), other two-byte escapes.
ESCAPE = re.compile(
    r"\x1b\[([0-?]*)([ -/]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]"
)


def cell_width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def convert(text, cols, rows):
    """The rows of the page, each a list of (css, text) runs."""
    style = Style()
    page = []
    for line in text.split("\n")[:rows]:
        runs = []  # [css, [chars]]
        width = 0
        pos = 0
        for m in ESCAPE.finditer(line):
            width = add_text(runs, style, line[pos : m.start()], width, cols)
            if m.group(3) == "m" and not m.group(2):
                apply_sgr(style, m.group(1))
            pos = m.end()
        width = add_text(runs, style, line[pos:], width, cols)
        page.append((runs, width))
    while len(page) < rows:
        page.append(([], 0))
    return page


def add_text(runs, style, chunk, width, cols):
    chunk = "".join(c for c in chunk if c >= " " or c == "\t")
    if not chunk:
        return width
    out = []
    for ch in chunk:
        w = cell_width(ch) if ch != "\t" else 8 - width % 8
        if width + w > cols:
            break
        if ch == "\t":
            out.append(" " * w)
        elif w == 2:
            # A wide character takes exactly two cells, whatever the font.
            out.append(
                '<span style="display:inline-block;width:2ch;text-align:center">'
                + html.escape(ch)
                + "</span>"
            )
        else:
            out.append(html.escape(ch))
        width += w
    css = style.css()
    if runs and runs[-1][0] == css:
        runs[-1][1].extend(out)
    else:
        runs.append([css, out])
    return width


def render(page, cols, rows, title):
    body = []
    for runs, width in page:
        parts = []
        for css, chars in runs:
            text = "".join(chars)
            if not text:
                continue
            parts.append(f'<span style="{css}">{text}</span>' if css else text)
        parts.append(" " * (cols - width))
        body.append('<div class="r">' + "".join(parts) + "</div>")
    width_px, height_px = size(cols, rows)
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>
  html, body {{ margin: 0; padding: 0; background: {DEFAULT_BG}; }}
  body {{ width: {width_px}px; height: {height_px}px; overflow: hidden; }}
  .t {{
    padding: {PAD_PX}px;
    color: {DEFAULT_FG};
    font-family: "DejaVu Sans Mono", "Liberation Mono", "Menlo", "Consolas", monospace;
    font-size: {FONT_PX}px;
    font-variant-ligatures: none;
    font-kerning: none;
    -webkit-font-smoothing: antialiased;
  }}
  .r {{ height: {LINE_PX}px; line-height: {LINE_PX}px; white-space: pre; overflow: hidden; }}
</style>
</head>
<body><div class="t">
{chr(10).join(body)}
</div></body>
</html>
"""


def size(cols, rows):
    return (
        math.ceil(cols * CHAR_EM * FONT_PX) + 2 * PAD_PX,
        rows * LINE_PX + 2 * PAD_PX,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="captured terminal text ('-' for standard input)")
    parser.add_argument("output", help="the HTML page to write")
    parser.add_argument("--cols", type=int, default=100)
    parser.add_argument("--rows", type=int, default=30)
    parser.add_argument("--title", default="denkcoach")
    args = parser.parse_args()
    if args.input == "-":
        text = sys.stdin.read()
    else:
        with open(args.input, encoding="utf-8", errors="replace") as f:
            text = f.read()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    page = convert(text, args.cols, args.rows)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(render(page, args.cols, args.rows, args.title))
    print("%d,%d" % size(args.cols, args.rows))


if __name__ == "__main__":
    main()
