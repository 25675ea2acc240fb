#!/usr/bin/env python3
"""The checks across reports (PREV-YEAR-*, COPIED-TEXT) at county and province scale. Not a test.

    .venv/bin/python benchmarks/batch_checks.py [--sizes 100 1000 5000] [--pairwise-up-to 1000]
                                                [--template 300]

Reports are generated in memory (tests/support/batches.py: many bodies, two years, a third of them
filled in from a few templates, reworded copies, own year-before copies, duplicates), so this
measures the checks alone, not reading. Per size: CPU time of `run_batch_checks` (best of 3; one run
at 5,000 and over), the peak of the memory it allocates (tracemalloc, a separate run), the findings
it gives and, up to --pairwise-up-to, the same for the pairwise loop it replaced (equal findings
checked). --template N: N reports from one template, the case that gave N² findings.
"""
from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks import RuleSettings, batch  # noqa: E402
from checks.batch import run_batch_checks  # noqa: E402
from tests.checks.test_batch_scale import pairwise_copied  # noqa: E402
from tests.support.batches import generated_batch, narrative, refill, report  # noqa: E402


def timed(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(runs):
        t = time.process_time()
        out = fn()
        best = min(best, time.process_time() - t)
    return best, out


def peak_mb(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def pairwise(reports: list) -> list:
    saved, batch._copied = batch._copied, pairwise_copied
    try:
        return run_batch_checks(reports, RuleSettings())
    finally:
        batch._copied = saved


def row(label: str, reports: list, pairwise_too: bool) -> None:
    runs = 1 if len(reports) >= 5000 else 3
    t, found = timed(lambda: run_batch_checks(reports), runs)
    mem = peak_mb(lambda: run_batch_checks(reports))
    n = sum(len(f) for f in found)  # type: ignore[union-attr]
    line = f"| {label} | {t:.2f} s | {mem:.0f} MB | {n:,} |"
    if pairwise_too:
        tp, old = timed(lambda: pairwise(reports), 1)
        saved, batch.CLUSTER_MIN = batch.CLUSTER_MIN, 10**9
        try:
            assert run_batch_checks(reports) == old, "the index must give the pairwise loop's findings"
        finally:
            batch.CLUSTER_MIN = saved
        line += f" {tp:.2f} s, {sum(len(f) for f in old):,} findings |"
    else:
        line += " — |"
    print(line, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 5000])
    ap.add_argument("--pairwise-up-to", type=int, default=1000)
    ap.add_argument("--template", type=int, default=300)
    args = ap.parse_args()
    print("| batch | CPU time (index) | peak allocated | findings | pairwise loop (equal findings) |")
    print("|---|---|---|---|---|")
    for n in args.sizes:
        row(f"{n:,} generated reports", generated_batch(n, seed=n), n <= args.pairwise_up_to)
    if args.template:
        import random
        rng = random.Random(1)
        text = narrative(rng, "模板镇", 20)
        reports = [report(f"第{k}镇人民政府", 2024, refill(rng, text, "模板镇", f"第{k}镇"), f"{k}.txt")
                   for k in range(args.template)]
        row(f"{args.template} copies of one template", reports, True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
