#!/usr/bin/env python3
"""A folder of text reports end to end through `python -m desktop check --json`. Not a test.

    .venv/bin/python benchmarks/batch_e2e.py [--sizes 120 720] [--runs 1] [--jobs N]

Writes N text reports (tests/support/layouts.py: the one consistent report, each with its own
body, year and narrative counts; the narrative is one template, so the batch is also one large
COPIED-TEXT cluster), runs the command line on the folder as a user would (stdout to a file),
and prints wall time, CPU time of the command and its workers, peak memory of the largest process
(ru_maxrss of the children) and the output's size. The issue's target: 720 reports ≤ 7× the time
of 120 and ≤ 1.5× the peak memory.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import layouts  # noqa: E402
from tests.support.batches import body  # noqa: E402


def write_reports(folder: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    for k in range(n):
        unit, year = body(k), rng.choice((2023, 2024))
        text = layouts.to_text(layouts.pieces(year=year, unit=unit))
        a, b = rng.randint(1, 60), rng.randint(1, 90)  # the narrative's own counts, still adding up
        text = text.replace("共85条，其中政策文件12条、工作动态73条", f"共{a + b}条，其中政策文件{a}条、工作动态{b}条")
        (folder / f"{k:05d}_{unit}{year}.txt").write_text(text, encoding="utf-8")


def run(folder: Path, jobs: int | None) -> dict[str, float]:
    cmd = [sys.executable, "-m", "desktop", "check", "--json", str(folder)]
    if jobs:
        cmd[4:4] = ["--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile() as out:
        t = time.perf_counter()
        p = subprocess.run(cmd, cwd=ROOT, stdout=out, stderr=subprocess.PIPE, check=False)
        wall = time.perf_counter() - t
        out.seek(0)
        data = json.load(out)
        size = out.tell()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):
        raise SystemExit(p.stderr.decode("utf-8", "replace")[-2000:])
    findings = sum(len(r.get("findings", ())) for r in data)
    return {"wall": wall, "cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
            "peak_mb": after.ru_maxrss / 1024, "reports": len(data), "findings": findings, "out_mb": size / 2**20}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[120, 720])
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()
    print("| reports | wall | CPU (all processes) | peak memory (largest process) | findings | JSON |")
    print("|---|---|---|---|---|---|")
    rows = {}
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as d:
            write_reports(Path(d), n)
            best = min((run(Path(d), args.jobs) for _ in range(args.runs)), key=lambda r: r["wall"])
        rows[n] = best
        print(f"| {n} | {best['wall']:.1f} s | {best['cpu']:.1f} s | {best['peak_mb']:.0f} MB | {best['findings']:,} "
              f"| {best['out_mb']:.1f} MB |", flush=True)
    if len(rows) >= 2:
        lo, hi = min(rows), max(rows)
        t, m = rows[hi]["wall"] / rows[lo]["wall"], rows[hi]["peak_mb"] / rows[lo]["peak_mb"]
        print(f"\n{hi} vs {lo}: time ×{t:.2f} (size ×{hi / lo:.0f}), peak memory ×{m:.2f}")
        if (lo, hi) == (120, 720):
            print(f"target ≤ ×7 time: {'met' if t <= 7 else 'MISSED'}; ≤ ×1.5 peak memory: {'met' if m <= 1.5 else 'MISSED'}")
    print(f"\n({os.cpu_count()} cores; the maximum RSS is that of the largest single process, a child's or the command's)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
