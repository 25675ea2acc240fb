"""Screenshots of the real window for docs/ (run under Xvfb, as a user sees it):

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots.py OUT.png WIDTH HEIGHT \
        [--select NAME] [--rule RULE] FILE...

Opens FILE... in a fresh app-data folder, waits until they are read, selects the report NAME (default:
the first) and clicks its first finding of RULE (default: the first finding), then saves the window.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("width", type=int)
    ap.add_argument("height", type=int)
    ap.add_argument("--select")
    ap.add_argument("--rule")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args(argv)
    os.environ.setdefault("NIANBAO_APPDATA", tempfile.mkdtemp(prefix="nianbao-shot-"))
    from desktop.app import _application
    from desktop.main_window import MainWindow

    app = _application()
    w = MainWindow(Path(os.environ["NIANBAO_APPDATA"]))
    w.resize(args.width, args.height)
    w.show()
    loop = QEventLoop()
    w.runner.idle.connect(loop.quit)
    w.open_paths(args.files)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    wait(300)
    entries = w.reports.entries()
    target = next((e for e in entries if args.select and args.select in e.name), entries[0])
    row = w.reports.row_of(target.path)
    w.report_view.setCurrentIndex(w.reports.index(row, 0))
    wait(300)
    findings = [f for f in w.findings.all_findings() if args.rule is None or f.rule == args.rule]
    if findings:
        w.findings_view.setCurrentIndex(w.findings.index_of(findings[0].fingerprint))
    wait(800)
    w.grab().save(args.out)
    print(f"saved {args.out}: {target.name}, {len(findings)} findings of {args.rule or 'any rule'}")
    w.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
