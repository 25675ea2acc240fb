"""Long seeded walks through the real window (issue 25): `--steps N --seed S [--seed S2 …]`.

Each walk runs in a child process (a crash in Qt kills a process, not the walk's report): the child
writes every step to a log as it takes it; on a crash, an exception in a slot or an inconsistent
window the parent prints the seed and the steps that led there, as a list to paste into a test
(`WindowWalk.replay`). `--replay FILE` runs such a list of steps.

    .venv/bin/python benchmarks/soak_window.py --steps 20000 --seed 1 --seed 2 --seed 3
"""
from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def child(seed: int, steps: int, log_path: Path, replay: Path | None) -> int:
    import faulthandler

    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow
    from tests.support.corpus import CORPUS
    from tests.support.window_walk import WindowWalk, prepare_files

    faulthandler.enable()
    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    (work / "appdata").mkdir()
    window = MainWindow(work / "appdata")
    window.resize(1366, 768)
    window.show()
    files = prepare_files(CORPUS, work / "报告")
    with open(log_path, "w", encoding="utf-8", buffering=1) as log:
        walk = WindowWalk(window, files, seed, work, log=lambda s: log.write(s + "\n"))
        found = walk.replay(ast.literal_eval(replay.read_text(encoding="utf-8"))) if replay else walk.run(steps)
        for p in found:
            log.write("PROBLEM " + p + "\n")
    window.close()
    app.processEvents()
    return 1 if found else 0


def parent(seed: int, steps: int, replay: Path | None) -> bool:
    log_path = Path(tempfile.mkstemp(prefix=f"soak-{seed}-", suffix=".log")[1])
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    cmd = [sys.executable, __file__, "--child", "--seed", str(seed), "--steps", str(steps), "--log", str(log_path)]
    if replay:
        cmd += ["--replay", str(replay)]
    t0 = time.monotonic()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    lines = log_path.read_text(encoding="utf-8").splitlines()
    taken = [ln.split(" ", 1)[1] for ln in lines if ln[:1].isdigit()]
    problems = [ln[8:] for ln in lines if ln.startswith("PROBLEM ")]
    took = time.monotonic() - t0
    if proc.returncode == 0:
        print(f"seed {seed}: {len(taken)} steps clean in {took:.0f} s")
        return True
    why = problems or [f"the window process died (exit status {proc.returncode})", *proc.stderr.splitlines()[-25:]]
    print(f"seed {seed}: FAILED after {len(taken)} steps ({took:.0f} s)")
    for p in why:
        print("  " + p)
    print("steps to replay (WindowWalk.replay):")
    print("[" + ",\n ".join(taken) + "]")
    return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--seed", type=int, action="append")
    ap.add_argument("--replay", type=Path, help="a file holding a Python list of steps")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    seeds = a.seed or [1]
    if a.child:
        return child(seeds[0], a.steps, a.log, a.replay)
    ok = [parent(s, a.steps, a.replay) for s in seeds]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
