#!/usr/bin/env python3
"""Whole-process benchmarks for denkcoach, printed as Markdown.

    python3 benches/process.py            # everything (a few minutes)
    python3 benches/process.py startup    # only the startup comparison
    python3 benches/process.py session    # idle CPU, memory, binary size
    python3 benches/process.py history    # 1,000 / 10,000 / 100,000 sessions
    python3 benches/process.py keys       # end-to-end key latency, 200x60
    python3 benches/process.py export     # exporting 100,000 sessions
    python3 benches/process.py encrypted  # 10,000 encrypted sessions (beveilig)

Builds the release binary and, next to it, a minimal ratatui 0.30 program
that draws one paragraph; both are started in a pseudo-terminal and timed
until their first complete frame, together with a plain `echo`, in the same
run. Also: idle CPU over 30 s on a session screen, peak memory during a
session, the binary size, and opening the history with 1,000 / 10,000 /
100,000 generated sessions. And the end-to-end latency of a key: from the
byte written to the pseudo-terminal to the changed cell in what the program
writes back, at 200x60 with 10 KB of notes.
"""
import fcntl, json, os, random, pty, select, shutil, statistics, struct, subprocess, sys, tempfile, termios, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "target")
BIN = os.path.join(TARGET, "release", "denkcoach")
MINIMAL_DIR = os.path.join(TARGET, "bench-minimal")
MINIMAL_BIN = os.path.join(MINIMAL_DIR, "target", "release", "minimal")
# This machine's timings wander by a millisecond from run to run; sixty
# interleaved runs give medians that hold still to a few percent.
RUNS = int(os.environ.get("RUNS", "60"))
RUNS_HISTORY = int(os.environ.get("RUNS_HISTORY", "5"))

MINIMAL_MAIN = r'''
use ratatui::widgets::Paragraph;
fn main() -> std::io::Result<()> {
    ratatui::run(|terminal| {
        terminal.draw(|frame| frame.render_widget(Paragraph::new("Hallo-vanuit-ratatui"), frame.area()))?;
        let _ = ratatui::crossterm::event::read()?;
        Ok(())
    })
}
'''


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    os.makedirs(os.path.join(MINIMAL_DIR, "src"), exist_ok=True)
    with open(os.path.join(MINIMAL_DIR, "Cargo.toml"), "w") as f:
        f.write('[package]\nname = "minimal"\nversion = "0.1.0"\nedition = "2024"\n\n'
                '[dependencies]\nratatui = "0.30"\n\n[profile.release]\nlto = true\ncodegen-units = 1\nstrip = true\n\n[workspace]\n')
    with open(os.path.join(MINIMAL_DIR, "src", "main.rs"), "w") as f:
        f.write(MINIMAL_MAIN)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=MINIMAL_DIR, check=True)


def spawn(argv, env=None, rows=24, cols=80):
    pid, fd = pty.fork()
    if pid == 0:
        # The terminal's size is set before the program asks for it.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        if env:
            os.environ.update(env)
        os.execv(argv[0], argv)
    return pid, fd


def read_until(fd, marker, limit=10.0):
    """Reads the pty until `marker` (bytes) appeared; returns the output."""
    out = b""
    end = time.monotonic() + limit
    while marker not in out and time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out


def stop(pid, fd):
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)


def first_frame(argv, marker):
    """Milliseconds from fork to `marker` on screen, and the CPU time the
    program's main thread had used by then (exec and loading included)."""
    start = time.perf_counter()
    pid, fd = spawn(argv)
    out = read_until(fd, marker)
    took = time.perf_counter() - start
    try:
        with open(f"/proc/{pid}/schedstat") as f:
            cpu = int(f.read().split()[0]) / 1e6
    except OSError:
        cpu = float("nan")
    stop(pid, fd)
    if marker not in out:
        raise RuntimeError(f"{argv[0]} never showed {marker!r}")
    return took * 1000, cpu


def stats(values):
    return min(values), statistics.median(values), max(values)


def startup():
    data = tempfile.mkdtemp()
    cases = {
        "echo": (["/bin/echo", "Hallo"], b"Hallo"),
        "minimal ratatui": ([MINIMAL_BIN], b"Hallo-vanuit-ratatui"),
        # The footer's last word is the last thing a first frame draws.
        "denkcoach": ([BIN, "--data-dir", data], b"stoppen"),
    }
    results = {name: [] for name in cases}
    cpu = {name: [] for name in cases}
    order = list(cases)
    # Interleaved, so load affects all alike, and in a new order each round:
    # in a fixed order each program always follows the same one, which
    # shifted the ratio by about 0.05 here.
    for _ in range(RUNS):
        random.shuffle(order)
        for name in order:
            argv, marker = cases[name]
            took, used = first_frame(argv, marker)
            results[name].append(took)
            cpu[name].append(used)
    shutil.rmtree(data, ignore_errors=True)
    rows = []
    for name, values in results.items():
        lo, med, hi = stats(values)
        rows.append(f"| first frame: {name} | {lo:.1f} / {med:.1f} / {hi:.1f} ms | |")
    ratio = statistics.median(results["denkcoach"]) / statistics.median(results["minimal ratatui"])
    paired = statistics.median(
        d / m for d, m in zip(results["denkcoach"], results["minimal ratatui"])
    )
    rows.append(f"| ratio denkcoach / minimal ratatui (medians, same run) | {ratio:.2f} | ≤ 1.3 |")
    rows.append(f"| … median of the {RUNS} paired ratios | {paired:.2f} | |")
    for name in ("minimal ratatui", "denkcoach"):
        lo, med, hi = stats(cpu[name])
        rows.append(f"| CPU time until the first frame: {name} | {lo:.2f} / {med:.2f} / {hi:.2f} ms | |")
    return rows


def proc_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def peak_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def session_figures():
    data = tempfile.mkdtemp()
    pid, fd = spawn([BIN, "--data-dir", data])
    read_until(fd, b"stoppen")
    for keys in [b"\r", b"K7\r", b"\r"]:
        os.write(fd, keys)
        read_until(fd, b"\x00", 0.3)
    # Typed straight into the thought's note; in one write, the line
    # breaks are line breaks (a paste without bracketed paste).
    os.write(fd, ("Een regel notitie van de vrijwilliger.\r" * 270).encode())
    read_until(fd, b"\x00", 2.0)
    read_until(fd, b"\x00", 1.5)  # the autosave is done
    hz = os.sysconf("SC_CLK_TCK")
    before = proc_ticks(pid)
    idle = float(os.environ.get("IDLE_SECONDS", "30"))
    end = time.monotonic() + idle
    while time.monotonic() < end:  # keep the pty drained, send nothing
        read_until(fd, b"\x00", 0.5)
    cpu = (proc_ticks(pid) - before) / hz / idle * 100
    peak = peak_kib(pid) / 1024
    stop(pid, fd)
    shutil.rmtree(data, ignore_errors=True)
    size = os.path.getsize(BIN) / (1024 * 1024)
    return [
        f"| idle CPU on a session screen ({idle:.0f} s) | {cpu:.3f} % | < 0.1 % |",
        f"| peak memory during a session (10 KB notes) | {peak:.1f} MiB | < 10 MiB |",
        f"| release binary (both packs inside) | {size:.2f} MiB | < 4 MiB |",
    ]


def key_latency():
    """A volunteer typing in long notes, measured from outside: each key is
    one byte written to the pty; the time until the typed character comes
    back in the program's output (the changed cell) is its latency. Keys
    go one at a time, a few milliseconds apart, as typing does."""
    rows, cols = 60, 200
    data = tempfile.mkdtemp()
    pid, fd = spawn([BIN, "--data-dir", data], rows=rows, cols=cols)
    read_until(fd, b"Gesprek naast")
    os.write(fd, b"\r")
    read_until(fd, "Cliëntcode".encode())
    os.write(fd, b"\r")
    read_until(fd, b"Van mens tot mens")
    os.write(fd, b"\r")
    read_until(fd, b"De gedachte")
    notes = "Een regel van een notitie die de vrijwilliger typt tijdens het gesprek.\n" * 140
    os.write(fd, b"\x1b[200~" + notes.encode() + b"\x1b[201~")
    read_until(fd, b"\x00", 1.0)
    count = int(os.environ.get("KEYS", "2000"))
    times = []
    for n in range(count + 100):
        key = b"x" if n % 2 == 0 else b"y"
        start = time.perf_counter()
        os.write(fd, key)
        out = b""
        end = start + 2.0
        while key not in out and time.perf_counter() < end:
            r, _, _ = select.select([fd], [], [], 0.5)
            if r:
                out += os.read(fd, 65536)
        took = (time.perf_counter() - start) * 1000
        if key not in out:
            raise RuntimeError("a key never came back on screen")
        if n >= 100:  # the first keys warm caches
            times.append(took)
        # Drain the rest of the frame, then pause as a typist does.
        read_until(fd, b"\x00", 0.004)
    stop(pid, fd)
    shutil.rmtree(data, ignore_errors=True)
    times.sort()
    at = lambda q: times[int((len(times) - 1) * q)]
    return [
        f"| key to changed cell, {cols}x{rows}, 10 KB notes ({len(times)} keys) | "
        f"p50 {at(0.5):.2f} ms, p99 {at(0.99):.2f} ms, max {times[-1]:.2f} ms | p99 ≤ 2 ms |",
    ]


def generate(data, count):
    sessions = os.path.join(data, "sessies")
    os.makedirs(sessions, exist_ok=True)
    for i in range(count):
        rid = f"gen-{i:06d}"
        record = {
            "schema": 1, "id": rid,
            "started_at": "2026-11-%02dT14:%02d:00+01:00" % (1 + i % 28, i % 60),
            "updated_at": "2026-11-28T14:05:00+01:00", "finished_at": "2026-11-28T15:05:00+01:00",
            "client_code": f"K{i % 50}", "pack": {"id": "denkcoach-nl", "version": "1.0.0", "lang": "nl"},
            "routes": ["uitdagen"], "current_route": "uitdagen", "place": {"in": "done"},
            "thought": f"Gedachte nummer {i}", "patterns": ["zwart-wit"], "recognised": "ja",
            "belief_before": 80, "belief_after": 45, "next_step": "Buurvrouw groeten.",
            "answers": {"gedachte": {"text": f"Gedachte nummer {i}"}, "is-het-waar": {"text": "Nee."}},
        }
        with open(os.path.join(sessions, rid + ".json"), "w") as f:
            json.dump(record, f)


def open_history(data):
    """Starts `denkcoach notities`; time to the first frame and peak memory."""
    start = time.perf_counter()
    pid, fd = spawn([BIN, "notities", "--data-dir", data])
    out = read_until(fd, b"stoppen", 120)
    took = (time.perf_counter() - start) * 1000
    peak = peak_kib(pid) / 1024
    # Let the check of the index against the files finish before the next run.
    read_until(fd, b"\x00", 0.2 + count_files(data) / 100000 * 1.5)
    stop(pid, fd)
    if b"stoppen" not in out:
        raise RuntimeError("history did not show")
    return took, peak


def count_files(data):
    return len(os.listdir(os.path.join(data, "sessies")))


def export(count=100000):
    """`notities export` of every session, to a file: time and peak memory
    (each run is a child of its own, so its maximum resident size is its
    own peak)."""
    import resource
    data = tempfile.mkdtemp()
    generate(data, count)
    rows = []
    for fmt in ("json", "md", "html"):
        out = os.path.join(data, f"export.{fmt}")
        code = (
            "import resource, subprocess, sys, time\n"
            "t = time.perf_counter()\n"
            "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
            "took = time.perf_counter() - t\n"
            "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "print(took, peak)\n"
        )
        res = subprocess.run(
            [sys.executable, "-c", code, BIN, "--data-dir", data, "notities", "export",
             "--format", fmt, "--output", out],
            check=True, capture_output=True, text=True,
        )
        took, peak = res.stdout.split()
        rows.append(
            f"| export of {count:,} sessions, --format {fmt}, to a file | "
            f"{float(took):.2f} s, peak {int(peak) / 1024:.1f} MiB | peak < 50 MiB |"
        )
    shutil.rmtree(data, ignore_errors=True)
    return rows


def history(count):
    data = tempfile.mkdtemp()
    generate(data, count)
    # The first open reads every file and writes the index; later opens
    # read the index (and check it against the files after the first frame).
    first, first_peak = open_history(data)
    times, peaks = [], []
    for _ in range(RUNS_HISTORY):
        took, peak = open_history(data)
        times.append(took)
        peaks.append(peak)
    shutil.rmtree(data, ignore_errors=True)
    lo, med, hi = stats(times)
    target = {1000: "", 10000: "< 40 ms, < 20 MiB", 100000: "< 400 ms"}[count]
    return [
        f"| history of {count:,} sessions shown | {lo:.0f} / {med:.0f} / {hi:.0f} ms, peak {max(peaks):.1f} MiB | {target} |",
        f"| … first open ever, building the index | {first:.0f} ms, peak {first_peak:.1f} MiB | |",
    ]


PASSPHRASE = b"een lange wachtwoordzin voor de meting"


def open_encrypted(data):
    """Starts `denkcoach notities` in an encrypted folder: from the
    passphrase's Enter to the history's first frame (scrypt included)."""
    pid, fd = spawn([BIN, "notities", "--data-dir", data])
    if b"Wachtwoordzin" not in read_until(fd, b"Wachtwoordzin", 30):
        raise RuntimeError("no passphrase asked")
    start = time.perf_counter()
    os.write(fd, PASSPHRASE + b"\r")
    out = read_until(fd, b"stoppen", 120)
    took = (time.perf_counter() - start) * 1000
    peak = peak_kib(pid) / 1024
    read_until(fd, b"\x00", 0.2 + count_files(data) / 100000 * 1.5)
    stop(pid, fd)
    if b"stoppen" not in out:
        raise RuntimeError("history did not show")
    return took, peak


def encrypted(count=10000):
    """The history of `count` encrypted sessions against the same folder
    emptied (the same key file, so the same scrypt work factor, which age
    sets per machine and moment): the difference is what decrypting the
    sessions costs; the rest is scrypt, once per start, about a second by
    design."""
    data = tempfile.mkdtemp()
    generate(data, count)
    start = time.perf_counter()
    subprocess.run([BIN, "--data-dir", data, "beveilig"], input=PASSPHRASE + b"\n" + PASSPHRASE + b"\n",
                   check=True, capture_output=True)
    secured = time.perf_counter() - start
    results = []
    for emptied in (False, True):
        if emptied:
            sessions = os.path.join(data, "sessies")
            for name in os.listdir(sessions):
                os.remove(os.path.join(sessions, name))
        open_encrypted(data)  # the first open writes the index afresh
        times, peaks = [], []
        for _ in range(RUNS_HISTORY):
            took, peak = open_encrypted(data)
            times.append(took)
            peaks.append(peak)
        results.append((stats(times), max(peaks)))
    shutil.rmtree(data, ignore_errors=True)
    ((lo, med, hi), peak), ((lo0, med0, hi0), peak0) = results
    return [
        f"| encrypted, {count:,} sessions: passphrase to history shown | {lo:.0f} / {med:.0f} / {hi:.0f} ms, peak {peak:.1f} MiB | |",
        f"| … the same folder emptied (scrypt and start) | {lo0:.0f} / {med0:.0f} / {hi0:.0f} ms, peak {peak0:.1f} MiB | |",
        f"| … of which the sessions (difference of medians) | {med - med0:.0f} ms | < 80 ms (2 × 40) |",
        f"| `beveilig` of {count:,} sessions | {secured:.1f} s | |",
    ]


def main():
    only = sys.argv[1] if len(sys.argv) > 1 else None
    build()
    print(f"Machine: {os.cpu_count()} cores, {os.uname().sysname} {os.uname().release}; runs: {RUNS}")
    print()
    print("| measurement | min / median / max | target |")
    print("| --- | --- | --- |")
    parts = {
        "startup": lambda: startup(),
        "session": lambda: session_figures(),
        "keys": lambda: key_latency(),
        "history": lambda: [r for n in (1000, 10000, 100000) for r in history(n)],
        "export": lambda: export(),
        "encrypted": lambda: encrypted(),
    }
    for name, part in parts.items():
        if only in (None, name):
            for row in part():
                print(row, flush=True)


if __name__ == "__main__":
    main()
