"""Start the window: QApplication, names for the app-data folder, Chinese standard dialogs, and a
global exception hook that logs and tells the inspector instead of crashing."""
from __future__ import annotations

import gc
import logging
import os
import sys
import threading
import time
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .appdata import APPLICATION, ORGANIZATION

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)
STARTUP_PROBE = "NIANBAO_STARTUP_PROBE"  # set: print the time the window is shown, then quit


class ErrorReporter(QObject):
    """sys.excepthook and threading.excepthook: write the traceback to the log, then show one
    Chinese message at a time (from the GUI thread, after the failing slot has returned)."""

    _report = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._open: QMessageBox | None = None
        self.count = 0
        self._report.connect(self._show)

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = lambda args: self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def excepthook(self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc_type is KeyboardInterrupt:
            QApplication.quit()
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("unexpected exception:\n%s", text)
        self.count += 1
        self._report.emit(f"{exc_type.__name__}: {exc}")

    def _show(self, summary: str) -> None:
        if self._open is not None and self._open.isVisible():
            return  # one box is enough; every exception is in the log
        box = QMessageBox(QMessageBox.Icon.Critical, "出错了",
                          "程序内部出现错误，已记录到日志文件，当前操作可能未完成。\n"
                          "窗口仍可继续使用；可通过“帮助 → 查看日志”查看详情。", QMessageBox.StandardButton.Ok,
                          self.window)
        box.setDetailedText(summary)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self._open = box


def _install_translations(app: QApplication) -> None:
    """Chinese standard dialogs (查找范围, 文件类型, 打开, 取消 …): Qt's own zh_CN catalogue."""
    from .i18n import install_qt_translations
    if not install_qt_translations(app):
        log.warning("Qt's Chinese translations (qtbase_zh_CN.qm) not found: standard dialogs partly in English")


def _application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication(sys.argv[:1])


def _open_at_start(window: MainWindow, paths: list[str]) -> None:
    """The files given; without any (or with only the demo sample of `dev.py run`), the batch open
    at the last close, when there was one."""
    from .window_state import is_sample
    if (not paths or all(is_sample(p) for p in paths)) and window.restore_last_batch():
        return
    if paths:
        window.open_paths(paths)


def settle_after_start() -> None:
    """What start-up made (Qt, the libraries) lives as long as the window: keep it out of every
    later full garbage collection, which otherwise stalls the GUI thread while results come in."""
    gc.collect()
    gc.freeze()


def run_app(paths: list[str]) -> int:
    started = time.time()
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationDisplayName("年报审校")
    app = _application()
    _install_translations(app)

    from ui.common import icon

    from .main_window import MainWindow
    app.setWindowIcon(icon("clean", 32))
    window = MainWindow()
    reporter = ErrorReporter(window)
    reporter.install()
    window.show()
    log.info("window shown in %.2f s", time.time() - started)
    settle_after_start()
    QTimer.singleShot(0, lambda: _open_at_start(window, list(paths)))
    if os.environ.get(STARTUP_PROBE):
        def probe() -> None:
            print(f"shown {time.time():.6f}", flush=True)
            window.close()
            app.quit()
        QTimer.singleShot(0, probe)
    return app.exec()


def self_test_window(path: str, timeout_ms: int = 60_000) -> str:
    """For `--self-test`: the real window, offscreen, opens one report through the background
    reader and shows it. Returns a one-line summary; raises AssertionError when something fails."""
    import tempfile
    from pathlib import Path

    from PySide6.QtCore import QEventLoop

    app = _application()
    from .appdata import stop_logging
    from .main_window import MainWindow
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        window = MainWindow(Path(tmp))
        window.show()
        loop = QEventLoop()
        window.runner.idle.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        window.open_paths([path])
        loop.exec()
        entry = window.current_entry()
        try:
            assert entry is not None and entry.state == "done", "窗口未能在限定时间内读取样例"
            assert entry.result is not None and entry.result.report is not None, entry.result.error if entry.result else ""
            t3 = window.tables.models["t3"]
            marked = sum(1 for f in entry.result.findings for k in f.cells[:1] if t3.has_key(k))
            summary = f"{entry.name}：问题 {len(entry.result.findings)} 条，表三标出 {marked} 格，原文视图 {window.source.kind}"
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
            stop_logging()
    return summary
