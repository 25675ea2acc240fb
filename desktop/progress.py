"""The reading progress in the status bar: a bar, the page being read and a 取消 button, shown only
when a batch takes longer than a moment, so opening one small file does not flash them. Within a
file read page by page (a scan's OCR, ~4 s a page) the bar advances by its pages and the note says
正在识别 扫描件.pdf 第 3/6 页."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

SHOW_PROGRESS_AFTER_MS = 300
STEPS_PER_FILE = 100   # the bar's resolution within one file


class ReadingProgress(QObject):
    def __init__(self, status: QStatusBar, busy: Callable[[], bool], cancel: Callable[[], None]) -> None:
        super().__init__(status)
        self._busy = busy
        self._done = 0   # files read (a file whose pages are all read is still being checked)
        self.note = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.bar.setFormat("正在读取 0 / 0")
        self.cancel_button = QPushButton("取消")
        self.cancel_button.clicked.connect(cancel)
        status.addPermanentWidget(self.note)
        status.addPermanentWidget(self.bar)
        status.addPermanentWidget(self.cancel_button)
        self.bar.hide()
        self.note.hide()
        self.cancel_button.hide()
        self._timer = QTimer(self, singleShot=True, interval=SHOW_PROGRESS_AFTER_MS)
        self._timer.timeout.connect(self._show)

    def started(self) -> None:
        if not self._timer.isActive() and not self.bar.isVisible():
            self._timer.start()

    def advanced(self, done: int, total: int) -> None:
        """`done` of `total` files read (the page note goes: the runner tells it again for a file still
        being read)."""
        self._done = done
        self._set(float(done), done, total)
        self.note.clear()

    def paged(self, read: float, total: int, note: str) -> None:
        """`read` files of `total`, counting the pages read of those in flight; `note` the page now."""
        self._set(read, self._done, total)
        self.note.setText(note)

    def _set(self, read: float, done: int, total: int) -> None:
        # QProgressBar.setValue repaints the bar at once, and with it whatever else waits to be
        # painted (the first report's tables and source: ~90 ms): it is painted with the rest instead
        self.bar.setUpdatesEnabled(False)
        self.bar.setMaximum(max(1, total) * STEPS_PER_FILE)
        self.bar.setValue(min(self.bar.maximum(), round(read * STEPS_PER_FILE)))
        self.bar.setFormat(f"正在读取 {done} / {total}")
        self.bar.setUpdatesEnabled(True)

    def _show(self) -> None:
        if self._busy():
            self.bar.show()
            self.note.show()
            self.cancel_button.show()

    def finished(self) -> None:
        self._timer.stop()
        self.bar.hide()
        self.note.hide()
        self.note.clear()
        self.cancel_button.hide()
