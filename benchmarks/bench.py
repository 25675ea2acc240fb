#!/usr/bin/env python3
"""Speed and memory of the engine, against the targets of issue 7. Not a test: run it by hand.

    .venv/bin/python benchmarks/bench.py [CORPUS_DIR] [--batch 100] [--soak 500]

Prints one table: per-format time to check one report; for PDF the ratio to pdfplumber alone
opening the file and extracting every page's text and tables (the floor any pdfplumber-based
reader pays); a batch of N reports (the corpus repeated) on all cores; peak memory of that batch
and of a longer soak run to show it stays flat.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import check_file  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def best_of(fn, n: int = 5) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def pdfplumber_floor(path: Path) -> None:
    import pdfplumber
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()


def batch_child(paths: list[str], jobs: int) -> None:
    """Run in a child process so its peak memory (and its pool's) is measured alone."""
    from pipeline import check_files
    t = time.perf_counter()
    results = check_files(paths, jobs=jobs)
    wall = time.perf_counter() - t
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"{wall:.3f} {max(own, kids) / 1024:.1f} {sum(1 for r in results if r.error is None)} {own / 1024:.1f} {kids / 1024:.1f}",
          file=sys.stderr if False else sys.stdout)


def run_batch(paths: list[str], jobs: int) -> tuple[float, float, int]:
    code = (f"import sys, json; sys.path.insert(0, {str(ROOT)!r}); from benchmarks.bench import batch_child; "
            f"batch_child(json.load(sys.stdin), {jobs})")
    import json
    p = subprocess.run([sys.executable, "-c", code], input=json.dumps(paths), capture_output=True, text=True, check=True)
    wall, mem, ok, own, kids = p.stdout.split()
    print(f"  (batch of {len(paths)}: main process {own} MB, largest worker {kids} MB)", file=sys.stderr)
    return float(wall), float(mem), int(ok)


def window_rows() -> list[tuple[str, str, str, str]]:
    """The window's figures, from benchmarks/startup.py and benchmarks/gui_latency.py."""
    import re
    here = Path(__file__).resolve().parent
    rows = []
    p = subprocess.run([sys.executable, str(here / "startup.py"), "--runs", "5"], capture_output=True, text=True)
    m = re.search(r"median ([\d.]+) s", p.stdout)
    if m:
        rows.append(("window: start to shown (median of 5)", f"{float(m.group(1)):.2f} s", "≤ 1.5 s",
                     "ok" if float(m.group(1)) <= 1.5 else "MISSED"))
    p = subprocess.run([sys.executable, str(here / "gui_latency.py"), "--files", "40", "--runs", "3"],
                       capture_output=True, text=True)
    m = re.search(r"longest GUI-thread gap: (\d+) ms", p.stdout)
    q = re.search(r"99th percentile gap: (\d+) ms", p.stdout)
    if m and q:
        rows.append(("window: longest GUI-thread gap, 40-file batch (99th pct)", f"{m.group(1)} ms ({q.group(1)} ms)",
                     "≤ 50 ms", "ok" if int(m.group(1)) <= 50 else "MISSED"))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--soak", type=int, default=500)
    ap.add_argument("--no-window", action="store_true", help="skip the window figures (startup, latency)")
    a = ap.parse_args()
    corpus = Path(a.corpus)
    from importers import REPORT_EXTENSIONS
    files = sorted(p for p in corpus.iterdir() if p.is_file() and p.suffix.lower() in REPORT_EXTENSIONS)
    rows: list[tuple[str, str, str, str]] = []
    by_fmt: dict[str, list[float]] = {}
    ratios = []
    for f in files:
        if f.name.startswith("u0"):
            continue
        t = best_of(lambda f=f: check_file(f, keep_document=False), 3)
        by_fmt.setdefault(f.suffix.lstrip("."), []).append(t)
        if f.suffix == ".pdf":
            floor = best_of(lambda f=f: pdfplumber_floor(f), 3)
            ratios.append(t / floor)
    for fmt, ts in sorted(by_fmt.items()):
        rows.append((f"check one {fmt.upper()} report (median of {len(ts)})", f"{statistics.median(ts) * 1000:.0f} ms", "—", ""))
    worst = max(ratios)
    rows.append(("PDF: time / pdfplumber text+tables floor (median, worst)",
                 f"{statistics.median(ratios):.2f}× / {worst:.2f}×", "≤ 1.3×", "ok" if worst <= 1.3 else "MISSED"))
    readable = [str(f) for f in files]
    jobs = os.cpu_count() or 1
    paths = (readable * (a.batch // len(readable) + 1))[: a.batch]
    wall, mem, _ok = run_batch(paths, jobs)
    rows.append((f"batch of {a.batch} reports, {jobs} processes", f"{wall:.1f} s", "≤ 30 s", "ok" if wall <= 30 else "MISSED"))
    rows.append((f"peak memory, batch of {a.batch} (largest process)", f"{mem:.0f} MB", "≤ 400 MB", "ok" if mem <= 400 else "MISSED"))
    if a.soak:
        paths = (readable * (a.soak // len(readable) + 1))[: a.soak]
        wall2, mem2, _ = run_batch(paths, jobs)
        per = (mem2 - mem) * 1024 / max(1, a.soak - a.batch)
        rows.append((f"peak memory, soak of {a.soak} reports ({wall2:.0f} s)", f"{mem2:.0f} MB, +{per:.0f} KB/report",
                     "≤ 400 MB", "ok" if mem2 <= 400 else "MISSED"))
    if not a.no_window:
        rows.extend(window_rows())
    print(f"machine: {platform.platform()} · {os.cpu_count()} cores · Python {platform.python_version()}")
    w = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(w)}  {'measured':>22}  {'target':>9}  status")
    for name, got, target, status in rows:
        print(f"{name.ljust(w)}  {got:>22}  {target:>9}  {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
