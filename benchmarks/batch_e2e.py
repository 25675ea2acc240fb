#!/usr/bin/env python3
"""A folder of text reports end to end through `python -m desktop check --json`. Not a test.

    .venv/bin/python benchmarks/batch_e2e.py [--sizes 120 720] [--runs 1] [--jobs N]

Writes N text reports (tests/support/layouts.py: the one consistent report, each with its own
body, year and narrative counts; the narrative is one template, so the batch is also one large
COPIED-TEXT cluster), runs the command line on the folder as a user would (stdout to a file),
and prints wall time, CPU time of the command and its workers, the peak memory of the command's
own process (exact: its ru_maxrss from wait4 — the one process that holds something per report),
the largest peak among the reader processes and the forkserver (their VmHWM, sampled every 20 ms:
bounded, whatever the batch size) and the output's size. The issue's target: 720 reports ≤ 7× the
time of 120 and ≤ 1.5× the peak memory.

The command is started by a small Python process that waits for it and writes its rusage: Linux
counts into a process's ru_maxrss the peak of the process it was spawned from (this benchmark, once
it has loaded the earlier runs' JSON, holds more than the command itself), so the command is spawned
from a process smaller than it.
`getrusage(RUSAGE_CHILDREN)` is not used either: it is the maximum over every process ever waited
for, so one run's figure sticks to every later one.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
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


_SPAWNER = """
import os, subprocess, sys
p = subprocess.Popen(sys.argv[2:])
_, status, ru = os.wait4(p.pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(f"{ru.ru_maxrss} {ru.ru_utime + ru.ru_stime} {os.waitstatus_to_exitcode(status)}")
"""


def _tree(pid: int) -> list[int]:
    """The process and all its descendants (Linux /proc)."""
    out = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                for child in f.read().split():
                    out += _tree(int(child))
    except OSError:
        pass
    return out


def _hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_s(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    except (OSError, IndexError, ValueError):
        return 0.0


def run(folder: Path, jobs: int | None) -> dict[str, float]:
    cmd = [sys.executable, "-m", "desktop", "check", "--json", str(folder)]
    if jobs:
        cmd[4:4] = ["--jobs", str(jobs)]
    helpers: dict[int, int] = {}  # descendant pid → its peak RSS (kB) when last seen
    helper_cpu: dict[int, float] = {}  # … and its CPU seconds (the command does not wait for them)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as tmp:
        usage_file = Path(tmp) / "rusage"
        t = time.perf_counter()
        p = subprocess.Popen([sys.executable, "-c", _SPAWNER, str(usage_file), *cmd],  # see the module's text
                             cwd=ROOT, stdout=out, stderr=err)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                for pid in _tree(p.pid)[2:]:  # not the spawner, not the command
                    helpers[pid] = max(helpers.get(pid, 0), _hwm_kb(pid))
                    helper_cpu[pid] = max(helper_cpu.get(pid, 0.0), _cpu_s(pid))

        watcher = threading.Thread(target=sample, daemon=True)
        watcher.start()
        p.wait()
        wall = time.perf_counter() - t
        maxrss_kb, cpu, code = usage_file.read_text().split()
        done.set()
        watcher.join()
        out.seek(0)
        data = json.load(out)
        size = out.tell()
        err.seek(0)
        if int(code) not in (0, 1):
            raise SystemExit(err.read().decode("utf-8", "replace")[-2000:])
    findings = sum(len(r.get("findings", ())) for r in data)
    return {"wall": wall, "cpu": float(cpu) + sum(helper_cpu.values()), "peak_mb": int(maxrss_kb) / 1024,
            "helper_mb": max(helpers.values(), default=0) / 1024, "reports": len(data), "findings": findings,
            "out_mb": size / 2**20}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[120, 720])
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()
    print("| reports | wall | CPU (command and readers) | peak memory (command) | largest reader/forkserver | findings | JSON |")
    print("|---|---|---|---|---|---|---|")
    rows = {}
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as d:
            write_reports(Path(d), n)
            runs = [run(Path(d), args.jobs) for _ in range(args.runs)]
        best = min(runs, key=lambda r: r["wall"])
        best["peak_mb"] = statistics.median(r["peak_mb"] for r in runs)  # the exact figure varies little
        best["helper_mb"] = max(r["helper_mb"] for r in runs)
        rows[n] = best
        print(f"| {n} | {best['wall']:.1f} s | {best['cpu']:.1f} s | {best['peak_mb']:.1f} MB | {best['helper_mb']:.0f} MB "
              f"| {best['findings']:,} | {best['out_mb']:.1f} MB |", flush=True)
    if len(rows) >= 2:
        lo, hi = min(rows), max(rows)
        t, m = rows[hi]["wall"] / rows[lo]["wall"], rows[hi]["peak_mb"] / rows[lo]["peak_mb"]
        print(f"\n{hi} vs {lo}: time ×{t:.2f} (size ×{hi / lo:.0f}), peak memory ×{m:.2f}")
        if (lo, hi) == (120, 720):
            print(f"target ≤ ×7 time: {'met' if t <= 7 else 'MISSED'}; ≤ ×1.5 peak memory: {'met' if m <= 1.5 else 'MISSED'}")
    print(f"\n({os.cpu_count()} cores; wall: best of the runs; peak memory of the command: median of the runs; "
          "readers: the largest of any run. The ratio is the command's: the readers' peaks do not grow with the batch)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
