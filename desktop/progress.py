"""The reading progress in the status bar: a bar and a 取消 button, shown only when a batch takes
longer than a moment, so opening one small file does not flash them."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QProgressBar, QPushButton, QStatusBar

SHOW_PROGRESS_AFTER_MS = 300


class ReadingProgress(QObject):
    def __init__(self, status: QStatusBar, busy: Callable[[], bool], cancel: Callable[[], None]) -> None:
        super().__init__(status)
        self._busy = busy
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.bar.setFormat("正在读取 %v / %m")
        self.cancel_button = QPushButton("取消")
        self.cancel_button.clicked.connect(cancel)
        status.addPermanentWidget(self.bar)
        status.addPermanentWidget(self.cancel_button)
        self.bar.hide()
        self.cancel_button.hide()
        self._timer = QTimer(self, singleShot=True, interval=SHOW_PROGRESS_AFTER_MS)
        self._timer.timeout.connect(self._show)

    def started(self) -> None:
        if not self._timer.isActive() and not self.bar.isVisible():
            self._timer.start()

    def advanced(self, done: int, total: int) -> None:
        self.bar.setMaximum(max(1, total))
        self.bar.setValue(done)

    def _show(self) -> None:
        if self._busy():
            self.bar.show()
            self.cancel_button.show()

    def finished(self) -> None:
        self._timer.stop()
        self.bar.hide()
        self.cancel_button.hide()
