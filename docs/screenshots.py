"""Screenshots of the real window for docs/ (run under Xvfb, as a user sees it):

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots.py OUT.png WIDTH HEIGHT \
        [--select NAME] [--rule RULE] [--dialogs PREFIX] [--preview OUT2.png] FILE...

Opens FILE... in a fresh app-data folder, waits until they are read, selects the report NAME (default:
the first) and clicks its first finding of RULE (default: the first finding), then saves the window.
WIDTH and HEIGHT are the screen's pixels: under QT_SCALE_FACTOR=1.5 the window is 1/1.5 of them in Qt's
units and fills the same screen. --dialogs PREFIX also saves PREFIX_settings.png (检查设置),
PREFIX_filedialog.png (打开报告文件, Qt's own dialog in Chinese, sized by ui.file_dialog as the window
opens it) and PREFIX_overview.png (县域总览). --preview OUT2.png saves 打印预览 of the selected report's
整改通知 (Ctrl+P). Qt's dialogs keep their state in a QtProject.conf of the fresh app-data folder.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _dialogs(w, prefix: str, files: list[str]) -> None:
    from PySide6.QtWidgets import QFileDialog

    from desktop.main_window import open_filter
    from ui.file_dialog import file_dialog
    from ui.settings_dialog import SettingsDialog
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1") or 1)
    d = SettingsDialog(w.session.settings, w)
    d.show()
    wait(400)
    d.grab().save(f"{prefix}_settings.png")
    d.close()
    fd = file_dialog(w, "打开报告文件", os.path.dirname(os.path.abspath(files[0])), open_filter())
    fd.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    fd.show()
    wait(800)
    fd.grab().save(f"{prefix}_filedialog.png")
    fd.close()
    w.exports.show_overview()
    ov = w.exports.overview_dialog
    ov.resize(min(w.width(), int(1400 / scale * 1.2)), min(w.height(), int(860 / scale * 1.2)))
    wait(800)
    ov.grab().save(f"{prefix}_overview.png")
    ov.close()
    print(f"saved {prefix}_settings.png, {prefix}_filedialog.png ({fd.width()}x{fd.height()}), {prefix}_overview.png")


def _preview(w, out: str) -> None:
    w.commands.print_preview.trigger()
    d = w.exports.preview_dialog
    wait(1500)
    d.grab().save(out)
    print(f"saved {out}: {d.windowTitle()}, {d.preview().pageCount()} pages, dialog {d.width()}x{d.height()}")
    d.close()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("width", type=int)
    ap.add_argument("height", type=int)
    ap.add_argument("--select")
    ap.add_argument("--rule")
    ap.add_argument("--dialogs")
    ap.add_argument("--preview")
    ap.add_argument("--findings-end", action="store_true", help="scroll the findings to their end (上一轮已整改)")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args(argv)
    os.environ.setdefault("NIANBAO_APPDATA", tempfile.mkdtemp(prefix="nianbao-shot-"))
    from PySide6.QtCore import QSettings
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, os.environ["NIANBAO_APPDATA"])
    from desktop.app import _application, _install_translations
    from desktop.main_window import MainWindow

    app = _application()
    app.setApplicationDisplayName("年报审校")
    _install_translations(app)
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1") or 1)
    w = MainWindow(Path(os.environ["NIANBAO_APPDATA"]))
    w.resize(int(args.width / scale), int(args.height / scale))
    w.move(0, 0)
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
    if args.findings_end:
        w.findings_view.scrollToBottom()
    wait(1200)
    w.grab().save(args.out)
    t3 = w.tables.views["t3"]
    print(f"saved {args.out}: {target.name}, {len(findings)} findings of {args.rule or 'any rule'}; "
          f"window {w.width()}x{w.height()}, 表三 labels cut: {w.tables.label_cut('t3')}, "
          f"表三 sideways scroll: {t3.horizontalScrollBar().maximum() > 0}")
    if args.dialogs:
        _dialogs(w, args.dialogs, args.files)
    if args.preview:
        _preview(w, args.preview)
    w.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
