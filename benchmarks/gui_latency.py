#!/usr/bin/env python3
"""Event-loop latency of the window while a batch is read. Not a test: run it by hand.

    .venv/bin/python benchmarks/gui_latency.py [--files 40] [--runs 3] [--busy N]

Opens the real main window (offscreen unless a display is set), starts reading a batch of
reports (the corpus repeated), and measures the gaps between ticks of a 5 ms timer on the GUI
thread until the batch is done. Prints the longest gap, the 99th percentile and the batch time.
Target (issues 7 and 18): the GUI thread never blocked longer than 50 ms. `--busy N` keeps N other
processes spinning meanwhile (the machine loaded as an office PC is by its other programs, or a
slower PC): the readers and the window then share the cores with them.
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
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")

CORPUS = ROOT.parent / "shared" / "corpus"


def run_once(files: list[str], freeze: bool = True) -> tuple[float, float, float]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as appdata:
        w = MainWindow(Path(appdata))
        w.resize(1366, 768)
        w.show()
        app.processEvents()
        if freeze:
            from desktop.app import settle_after_start
            settle_after_start()  # as the app does once its window is shown
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now
        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(tick)
        loop = QEventLoop()
        w.runner.idle.connect(loop.quit)
        t0 = time.perf_counter()
        timer.start()
        last[0] = time.perf_counter()
        w.open_paths(files)
        loop.exec()
        timer.stop()
        wall = time.perf_counter() - t0
        w.close()
        gaps.sort()
        return max(gaps) * 1000, gaps[int(len(gaps) * 0.99)] * 1000, wall


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--busy", type=int, default=0, help="other processes spinning on the CPU meanwhile")
    ap.add_argument("--no-freeze", action="store_true", help="without gc.freeze() after start-up (to compare)")
    a = ap.parse_args()
    from importers import REPORT_EXTENSIONS
    corpus = sorted(str(p) for p in CORPUS.iterdir() if p.suffix.lower() in REPORT_EXTENSIONS)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(a.files):  # distinct paths: the window would not open the same file twice
            src = Path(corpus[i % len(corpus)])
            dst = Path(tmp) / f"{i:03d}_{src.name}"
            dst.write_bytes(src.read_bytes())
            files.append(str(dst))
        spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(a.busy)]
        try:
            results = [run_once(files, freeze=not a.no_freeze) for _ in range(a.runs)]
        finally:
            for sp in spinners:
                sp.kill()
                sp.wait()
    worst = max(r[0] for r in results)
    busy = f" · {a.busy} other process{'es' if a.busy > 1 else ''} spinning" if a.busy else ""
    print(f"platform {os.environ['QT_QPA_PLATFORM']} · {os.cpu_count()} cores · {a.files} files × {a.runs} runs{busy}")
    print(f"longest GUI-thread gap: {worst:.0f} ms (runs: {', '.join(f'{r[0]:.0f}' for r in results)}) · target ≤ 50 ms · "
          f"{'ok' if worst <= 50 else 'MISSED'}")
    print(f"99th percentile gap: {statistics.median(r[1] for r in results):.0f} ms · batch: "
          f"{statistics.median(r[2] for r in results):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
