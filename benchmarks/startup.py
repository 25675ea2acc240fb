#!/usr/bin/env python3
"""Startup to a shown window. Not a test: run it by hand.

    .venv/bin/python benchmarks/startup.py [--runs 7] [--file REPORT]

Starts `python -m desktop` afresh each run (a new process, a new empty app-data folder) with
NIANBAO_STARTUP_PROBE set: the program prints the wall-clock time once its main window has been
shown and the event loop has run, then quits. The figure is that time minus the time just
before the process was started, so it includes the interpreter, the imports and the first show.
With --file the window is asked to open that report too (it is read after the window shows, in
the background, and is not part of the figure). Qt's platform is the one of the environment:
xcb under a display (e.g. xvfb-run), offscreen otherwise.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(extra: list[str]) -> float:
    with tempfile.TemporaryDirectory() as appdata:
        env = dict(os.environ, NIANBAO_STARTUP_PROBE="1", NIANBAO_APPDATA=appdata)
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        t0 = time.time()
        p = subprocess.run([sys.executable, "-m", "desktop", *extra], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=120)
        shown = next((float(line.split()[1]) for line in p.stdout.splitlines() if line.startswith("shown ")), None)
        if p.returncode != 0 or shown is None:
            raise SystemExit(f"the program did not report a shown window (exit {p.returncode}):\n{p.stderr}")
        return shown - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--file", help="a report to open at start")
    args = ap.parse_args()
    extra = [args.file] if args.file else []
    one_run(extra)  # warm the disk cache; not counted
    times = [one_run(extra) for _ in range(args.runs)]
    platform = os.environ.get("QT_QPA_PLATFORM") or ("xcb" if os.environ.get("DISPLAY") else "offscreen")
    print(f"startup to a shown window ({platform}, {args.runs} runs, {os.cpu_count()} CPUs): "
          f"median {statistics.median(times):.2f} s, best {min(times):.2f} s, worst {max(times):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
