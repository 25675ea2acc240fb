#!/usr/bin/env python3
"""Issue 17's "Done when": one batch of the hostile constructions plus a good report, 10 s budget.
Not a test: run it by hand.

    .venv/bin/python benchmarks/hostile_batch.py [--jobs 2] [--budget 10] [--keep DIR] [--window]
    .venv/bin/python benchmarks/hostile_batch.py --fuzz 300 [--seed 25]   # issue 25's campaign instead

With --fuzz N, the batch is tests/support/fuzz.py's seeded campaign (N mutated copies of a good
report in each of the eleven formats) instead of the constructions; the same checks apply, and
every input must be unchanged afterwards.

Runs `nianbao-check check --json --xlsx` on the batch as a separate process, samples the summed
RSS of that process and every process below it (the reader processes) every 50 ms, then prints
each file's answer, the wall time, the peak memory and whether the checklist holds a live formula.
With --window, also opens the same batch in the real window (offscreen, in a child process):
the longest GUI-thread stall while it is read, and whether any process outlives the window.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support import fuzz, hostile  # noqa: E402

GOOD = ROOT.parent / "shared" / "corpus" / "seed0_dongming.docx"


def descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    members, frontier = set(), [root]
    while frontier:
        p = frontier.pop()
        for child, parent in parents.items():
            if parent == p and child not in members:
                members.add(child)
                frontier.append(child)
    return members


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def window_run(paths: list[Path], budget: float) -> bool:
    """The batch in the window, in a child process; its stall and the processes left after it."""
    child = subprocess.Popen([sys.executable, __file__, "--window-child", str(budget), *map(str, paths)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    seen: set[int] = set()
    while child.poll() is None:
        seen |= descendants(child.pid)
        time.sleep(0.05)
    out = (child.stdout.read() if child.stdout else "").strip()
    time.sleep(1.0)
    left = sorted(p for p in seen if alive(p))
    print(f"window: {out}; processes seen below it {len(seen)}, left after it closed: {left or 'none'}")
    stall = float(out.split("stall ")[1].split(" ms")[0]) if "stall " in out else 1e9
    return stall <= 200 and not left


def window_child(budget: float, files: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import review.session
    from benchmarks.gui_latency import run_once
    from importers.options import ReadOptions
    from review.settings import Settings
    review.session.load_settings = lambda folder: Settings(ReadOptions(budget))  # type: ignore[assignment]
    worst, p99, wall = run_once(files)
    print(f"longest GUI stall {worst:.0f} ms (target ≤ 200 ms), 99th percentile {p99:.0f} ms, batch {wall:.1f} s"
          .replace("longest GUI stall", "stall"))
    return 0


def tree_rss(root: int) -> int:
    """Summed RSS (bytes) of `root` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    members, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        for child, parent in parents.items():
            if parent == p and child not in members:
                members.add(child)
                frontier.append(child)
    return sum(rss.get(p, 0) for p in members)


def build(folder: Path) -> list[Path]:
    paths = hostile.constructions(folder)
    big = folder / "四十兆文本.txt"
    big.write_bytes(hostile.big_text(40))
    formula = folder / "公式文本.txt"
    formula.write_text('=HYPERLINK("http://example.invalid","点我")\n=cmd|\' /C calc\'!A0\n'
                       + GOOD.with_suffix(".txt").read_text(encoding="utf-8"), encoding="utf-8")
    good = folder / "好报告.docx"
    good.write_bytes(GOOD.read_bytes())
    return [*paths, big, formula, good]


def live_formulas(xlsx: Path) -> int:
    import openpyxl
    wb = openpyxl.load_workbook(xlsx)
    return sum(1 for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--budget", type=float, default=10.0)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--window", action="store_true")
    ap.add_argument("--fuzz", type=int, metavar="N", help="the seeded fuzz campaign, N cases a format")
    ap.add_argument("--seed", type=int, default=25)
    if len(sys.argv) > 2 and sys.argv[1] == "--window-child":
        return window_child(float(sys.argv[2]), sys.argv[3:])
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        folder = a.keep or Path(tmp) / "批次"
        if a.fuzz:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the PDF seed is printed by Qt
            paths = fuzz.campaign(folder, a.fuzz, seed=a.seed)
        else:
            paths = build(folder)
        sums = {p: p.read_bytes() for p in paths}
        cfg = Path(tmp) / "设置.json"
        cfg.write_text(json.dumps({"file_time_budget_s": a.budget}), encoding="utf-8")
        out = Path(tmp) / "整改清单.xlsx"
        cmd = [sys.executable, "-m", "desktop", "check", "--json", "--jobs", str(a.jobs), "--config", str(cfg),
               "--xlsx", str(out), *map(str, paths)]
        started = time.monotonic()
        # Files, not pipes: a batch's JSON outgrows a pipe's buffer while the loop below samples.
        with open(Path(tmp) / "out.json", "w+", encoding="utf-8") as out_f, \
                open(Path(tmp) / "err.txt", "w+", encoding="utf-8") as err_f:
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out_f, stderr=err_f, text=True)
            peak = 0
            while proc.poll() is None:
                peak = max(peak, tree_rss(proc.pid))
                time.sleep(0.05)
            wall = time.monotonic() - started
            out_f.seek(0)
            err_f.seek(0)
            stdout, stderr = out_f.read(), err_f.read()
        try:
            results = json.loads(stdout)
        except json.JSONDecodeError:
            print("NO JSON\n", stderr[-3000:])
            return 1
        ok = True
        for r in results:
            name = Path(r["file"]).name
            answer = r.get("error") or f"read: {len(r.get('cells', {}))} cells, {len(r.get('findings', []))} findings"
            bad = "内部错误" in answer
            ok &= not bad
            print(f"{'BAD ' if bad else '    '}{name:14s} {answer[:110]}")
        good_read = a.fuzz or any(Path(r["file"]).name == "好报告.docx" and not r.get("error") for r in results)
        unchanged = all(p.read_bytes() == data for p, data in sums.items())
        print(f"inputs unchanged: {unchanged}")
        ok &= unchanged
        formulas = live_formulas(out) if out.is_file() else -1
        print(f"\nfiles {len(results)}/{len(paths)}, exit {proc.returncode}, good report read: {good_read}")
        print(f"wall {wall:.1f} s (target ≤ 120 s), peak memory of the process tree {peak / 2**20:.0f} MB "
              f"(target < 1536 MB), live formulas in the checklist: {formulas}")
        ok &= len(results) == len(paths) and bool(good_read) and (a.fuzz or wall <= 120) and peak < 1.5 * 2**30 \
            and formulas == 0
        if a.window:
            ok &= window_run(paths, a.budget)
        print("ALL MET" if ok else "MISSED")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
