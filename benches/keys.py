#!/usr/bin/env python3
"""Times docket's interface as a user meets it: the release binary in a real
pseudo-terminal of 200x60, on a generated file.

    python3 benches/keys.py [--letters 100000] [--repeat 1000]

Measures the first frame (the load progress screen), the full screen, and
for each kind of keystroke the time from the key written to the first byte
of the frame it causes (docket computes a frame whole, then writes it), as
median, 90th and 99th percentile and slowest, with the CPU time docket
used per key (all its threads, from /proc). The p99 of `j`, which computes
almost nothing, is the machine's own noise floor. A change (a reply recorded) is timed
to its frame and to the "saved" that the background save then shows. An
outside change (a reply recorded by `docket add reply`, another process,
while the interface is open) is timed to its arrival in the interface, and
keys are pressed all the while: their frames show whether reading and
merging the file (off the interface thread) holds any frame up.

Needs only Python's standard library. The data is kept in target/keys/.
"""

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build(letters):
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "docket", "--example", "gen"],
        cwd=ROOT,
        check=True,
    )
    folder = os.path.join(ROOT, "target", "keys")
    os.makedirs(folder, exist_ok=True)
    data = os.path.join(folder, f"docket-{letters}.ron")
    if not os.path.exists(data):
        cities = max(20, min(2000, letters // 50))
        subprocess.run(
            [os.path.join(ROOT, "target", "release", "examples", "gen"),
             "--letters", str(letters), "--cities", str(cities), "--out", data, "--seed", "7"],
            check=True,
        )
    work = os.path.join(folder, "work.ron")
    with open(data, "rb") as src, open(work, "wb") as dst:
        dst.write(src.read())
    for stale in (work + ".bak", work + ".lock"):
        if os.path.exists(stale):
            os.remove(stale)
    return work


class Tty:
    """docket in a pseudo-terminal."""

    def __init__(self, data):
        env = dict(os.environ, TERM="xterm-256color")
        env.pop("NO_COLOR", None)
        binary = os.path.join(ROOT, "target", "release", "docket")
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(binary, [binary, "--file", data, "--as-of", "2026-11-29"], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 200, 0, 0))
        self.seen = b""

    def read(self, timeout):
        """Bytes that arrive within `timeout` seconds (none: b"")."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return b""
        try:
            chunk = os.read(self.fd, 1 << 20)
        except OSError:
            return b""
        self.seen = (self.seen + chunk)[-(1 << 16):]
        return chunk

    def wait_for(self, text, timeout=120):
        """Seconds since start when `text` appeared on the way out."""
        deadline = time.perf_counter() + timeout
        while text.encode() not in self.seen:
            if time.perf_counter() > deadline:
                sys.exit(f"timed out waiting for {text!r}")
            self.read(0.5)
        return time.perf_counter() - self.started

    def drain(self, quiet=0.05):
        while self.read(quiet):
            pass

    def key(self, keys, timeout=2.0):
        """Milliseconds from the keys written to the first byte of output."""
        self.drain()
        sent = time.perf_counter()
        os.write(self.fd, keys.encode())
        if not self.read(timeout):
            return None
        return (time.perf_counter() - sent) * 1000

    def cpu_ms(self):
        """CPU time docket has used so far (user + system, every thread)."""
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

    def series(self, keys, before_each=None):
        """Each key of `keys` timed (after `before_each`, untimed, if
        given); and the CPU milliseconds per key (both keys, if two)."""
        cpu = self.cpu_ms()
        times = []
        for k in keys:
            if before_each:
                self.key(before_each)
            times.append(self.key(k))
        return times, (self.cpu_ms() - cpu) / max(1, len(keys))

    def quit(self):
        os.write(self.fd, b"q")
        for _ in range(100):
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return
            self.read(0.1)
        os.kill(self.pid, signal.SIGKILL)


def a_letter_id(data):
    """The id of a letter sent before the as-of date, read from the file."""
    with open(data, encoding="utf-8") as text:
        for found in re.finditer(r'Letter\(\s*id: "([^"]+)"', text.read()):
            sent = re.search(r"(\d{4}-\d{2}-\d{2})", found.group(1))
            if sent and sent.group(1) < "2026-11-01":
                return found.group(1)
    sys.exit("no letter sent before 2026-11 in the generated file")


def outside_changes(tty, data, rounds=5):
    """Replies recorded by another process while keys are pressed here:
    the key frames meanwhile (from the other process's start until two
    seconds after it ended), and how long after it ended each arrived."""
    letter = a_letter_id(data)
    binary = os.path.join(ROOT, "target", "release", "docket")
    frames, arrivals = [], []
    for i in range(rounds):
        tty.drain()
        tty.seen = b""
        other = subprocess.Popen(
            [binary, "--file", data, "add", "reply", letter, "--on", "2026-11-28",
             "--from", f"Bench {i}", "--kind", "acknowledges"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        ended = arrived = None
        keys = 0
        while ended is None or time.perf_counter() < ended + 2.0:
            frames.append(tty.key("jk"[keys % 2]))
            keys += 1
            if ended is None and other.poll() is not None:
                ended = time.perf_counter()
                if other.returncode != 0:
                    sys.exit(f"docket add reply failed: {other.stderr.read().decode()}")
            if ended is not None and arrived is None and b"change" in tty.seen:
                arrived = (time.perf_counter() - ended) * 1000
        arrivals.append(arrived)
    return frames, arrivals


def summary(name, times, cpu=None):
    times = [t for t in times if t is not None]
    if not times:
        return f"| {name} | no frames |"
    ordered = sorted(times)

    def pct(p):
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))]

    cpu = f"{cpu:.1f} ms" if cpu is not None else "-"
    return (f"| {name} | {statistics.median(ordered):.1f} ms | {pct(0.9):.1f} ms | "
            f"{pct(0.99):.1f} ms | {ordered[-1]:.1f} ms | {cpu} | {len(ordered)} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1000)
    args = parser.parse_args()
    data = build(args.letters)
    size = os.path.getsize(data)
    tty = Tty(data)
    first = tty.wait_for("\x1b[?1049h")
    shown = tty.wait_for("Cities by urgency")
    # Let the filter's search text be made in the background meanwhile.
    tty.drain(1.0)
    n = args.repeat
    rows = [
        summary("move (j/k)", *tty.series("jk" * (n // 2))),
        summary("sort (s)", *tty.series("s" * n)),
        summary("as-of step to a new date (])", *tty.series("]" * n)),
        # Back to today from the day before, each time (CPU: both keys).
        summary("as of today (t, after [)", *tty.series("t" * n, before_each="[")),
        summary("zoom (+/-)", *tty.series("+-" * (n // 2))),
    ]
    tty.key("/")
    # Type "city", then take it back, over and over.
    rows.append(summary("filter keystroke", *tty.series("city\x7f\x7f\x7f\x7f" * (n // 8))))
    tty.key("\x1b")
    # A change: a reply recorded on the selected letter, saved in the background.
    tty.key("\t")
    change, during_save, saved = [], [], []
    for _ in range(5):
        tty.key("r")
        tty.drain()
        tty.seen = b""
        sent = time.perf_counter()
        os.write(tty.fd, b"\r")
        tty.read(2.0)
        change.append((time.perf_counter() - sent) * 1000)
        tty.wait_for("\u00b7 saved")
        saved.append((time.perf_counter() - sent) * 1000)
        # Two changes in a row: the second is made while the first is saved.
        tty.key("r")
        os.write(tty.fd, b"\r")
        tty.read(2.0)
        tty.key("r")
        tty.seen = b""
        during_save.append(tty.key("\r"))
        tty.wait_for("\u00b7 saved")
    rows.append(summary("change (reply, Enter) to its frame", change))
    rows.append(summary("change while the last one is saved", during_save))
    outside, arrivals = outside_changes(tty, data)
    rows.append(summary("move (j/k) while an outside change is read and merged", outside))
    tty.quit()
    print(f"{args.letters} letters, {size / 1e6:.1f} MB file, 200x60 pty")
    print(f"first frame (load progress): {first * 1000:.0f} ms; full screen: {shown * 1000:.0f} ms")
    print("| keystroke | median | p90 | p99 | slowest | CPU per key | frames |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)
    print(f"change saved (the background save's 'saved' shown): "
          f"median {statistics.median(saved):.0f} ms over {len(saved)}")
    shown = [f"{a:.0f} ms" if a is not None else "not seen" for a in arrivals]
    print("outside change shown after the other process ended: " + ", ".join(shown))


if __name__ == "__main__":
    main()
