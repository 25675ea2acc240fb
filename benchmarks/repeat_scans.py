#!/usr/bin/env python3
"""Issue 25's "one answer per file", measured: the same folder of scans checked in repeated batch
runs must answer every file the same. Not a test (minutes): run it by hand, niced.

    nice .venv/bin/python benchmarks/repeat_scans.py [--runs 5] [--copies 10] [--jobs 2] [--keep DIR]

The folder holds `--copies` files: the scans of ../shared/scans and ../shared/corpus/u02_scanned.pdf
copied under different names, in turn. Each run is `nianbao-check check --json --jobs J folder` as
a separate process; the script prints each run's time and errors, then for every file whether all
runs gave the same JSON object (and which differ).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def sources() -> list[Path]:
    return [*sorted((SHARED / "scans").glob("*.pdf")), SHARED / "corpus" / "u02_scanned.pdf"]


def build(folder: Path, copies: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    src = sources()
    out = []
    for i in range(copies):
        s = src[i % len(src)]
        out.append(Path(shutil.copy(s, folder / f"扫描{i + 1:02d}_{s.name}")))
    return out


def run_once(folder: Path, jobs: int) -> tuple[dict[str, str], float, int]:
    started = time.monotonic()
    p = subprocess.run([sys.executable, "-m", "desktop", "check", "--json", "--jobs", str(jobs), str(folder)],
                       cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    wall = time.monotonic() - started
    answers = {Path(o["file"]).name: json.dumps(o, ensure_ascii=False, sort_keys=True) for o in json.loads(p.stdout)}
    return answers, wall, p.returncode


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="scans-") as tmp:
        folder = a.keep or Path(tmp) / "扫描件"
        paths = build(folder, a.copies)
        runs: list[dict[str, str]] = []
        for k in range(a.runs):
            answers, wall, code = run_once(folder, a.jobs)
            errors = {n: json.loads(o).get("error") for n, o in answers.items() if "error" in json.loads(o)}
            print(f"run {k + 1}: {len(answers)} files, {wall:.0f} s, exit {code}, errors: "
                  + ("; ".join(f"{n}: {e[:60]}" for n, e in sorted(errors.items())) or "none"), flush=True)
            runs.append(answers)
        same = 0
        for p in paths:
            objs = {r.get(p.name) for r in runs}
            first = json.loads(runs[0][p.name])
            said = first.get("error") or f"read, {len(first.get('findings', []))} findings"
            if len(objs) == 1:
                same += 1
                print(f"  same in all {a.runs} runs  {p.name}: {said[:70]}")
            else:
                print(f"  DIFFERS ({len(objs)} answers)  {p.name}")
        print(f"{same}/{len(paths)} files answered the same in all {a.runs} runs")
        return 0 if same == len(paths) else 1


if __name__ == "__main__":
    sys.exit(main())
