"""审核标注副本 from the command line and the window: each report's own file with its findings marked
(export.annotate), the text formats' PDF laid out by ui.marked_source. The hooks in cli.py,
exports.py and the reports' context menu call these few functions."""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from checks.finding import Finding
from export.annotate import Marked, Render, write_marked_copies, write_marked_copy
from pipeline import CheckResult

if TYPE_CHECKING:
    from review.session import Entry

    from .main_window import MainWindow

log = logging.getLogger(__name__)


def renderer() -> Render:
    """The PDF-of-the-source layout; a command-line run gets the Qt application it needs (offscreen
    where there is no screen; a widgets application, which the window could share in one process)."""
    from PySide6.QtWidgets import QApplication
    if QApplication.instance() is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        global _app
        _app = QApplication([sys.argv[0] if sys.argv else "nianbao-check"])
    from ui.marked_source import render_source_pdf
    return render_source_pdf


_app: object = None  # the command line's Qt application, kept alive while copies are written


def write_for_cli(results: Sequence[CheckResult], folder: str, quiet: bool) -> list[Marked]:
    """Every readable report's marked copy into `folder`; a copy that could not be written makes an
    OSError after the others are written (the run's exit status says an output failed)."""
    done = write_marked_copies([(r, None) for r in results], folder, renderer())
    for m in done:
        if m.error is not None:
            print(f"{os.path.basename(m.source)}：{m.error}", file=sys.stderr)
    if not quiet:
        print(f"审核标注副本 {sum(1 for m in done if m.copy)} 份已写入 {folder}")
    failed = [m for m in done if m.copy is None and not m.unsupported]
    if failed:
        raise OSError(f"{len(failed)} 份报告的审核标注副本未能写入")
    return done


def findings_of(e: Entry, only_confirmed: bool) -> list[Finding]:
    """What a copy sent from the window marks: not the dismissed findings; only the confirmed ones
    when the notices were limited to them."""
    assert e.result is not None
    out = []
    for f in e.result.findings:
        mark = e.marks.get(f.fingerprint)
        if mark is not None and mark.dismissed:
            continue
        if only_confirmed and (mark is None or mark.state != "confirmed"):
            continue
        out.append(f)
    return out


def write_for_entries(entries: Sequence[Entry], folder: str, only_confirmed: bool) -> list[Marked]:
    """导出整改通知's copies, one per readable report (run in the writer's thread)."""
    items = [(e.result, findings_of(e, only_confirmed)) for e in entries if e.result is not None]
    return write_marked_copies(items, folder, _window_renderer())


def _window_renderer() -> Render:
    from ui.marked_source import render_source_pdf
    return render_source_pdf


def export_one(w: MainWindow, e: Entry) -> None:
    """Right-click → 导出审核标注副本: this report's marked copy, into a folder the inspector picks,
    written by the runner's writer thread (a .doc goes through LibreOffice: seconds); `copy_written`
    tells the inspector."""
    from ui import file_dialog as dialogs
    if e.result is None or e.result.report is None:
        w.message("information", "导出审核标注副本", "该报告未能读取，无法生成审核标注副本。")
        return
    folder = dialogs.ask_folder(w, "导出审核标注副本到文件夹", w.state.export_folder([e.path]))
    if not folder:
        return
    result, findings = e.result, findings_of(e, False)
    w.statusBar().showMessage("正在写出审核标注副本…")
    w.runner.write_files(lambda: write_marked_copy(result, folder, None, _window_renderer(), findings))


def copy_written(w: MainWindow, done: Marked) -> None:
    """The right-click's copy is written (or could not be): said."""
    from .widgets import export_done
    if done.copy is None:
        w.message("warning", "审核标注副本未能保存", done.error or "")
        return
    w.state.exported_to(str(done.copy))
    w.last_message = export_done(w, "导出完成", f"已在报告原文中标注 {done.marks} 处问题，副本保存为：\n{done.copy}", str(done.copy))


def summary(done: object) -> str:
    """A line for the notices' message: how many copies went out, and which could not."""
    if not isinstance(done, list):
        return ""
    made = [m for m in done if isinstance(m, Marked) and m.copy is not None]
    text = f"\n另写出审核标注副本 {len(made)} 份。" if made else ""
    missed = [m for m in done if isinstance(m, Marked) and m.copy is None]
    if missed:
        text += "\n未能生成审核标注副本：" + "；".join(f"{os.path.basename(m.source)}（{m.error}）" for m in missed[:5])
    return text
