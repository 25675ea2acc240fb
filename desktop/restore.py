"""The reports in the list, kept on disk while the list changes (desktop.open_list) and reopened at
the next start: silently after a normal close; after a crash or a kill with a word and an offer to
start empty."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from .open_list import OpenList
from .window_state import is_sample

if TYPE_CHECKING:
    from .main_window import MainWindow

SAVE_AFTER_MS = 200  # the list is written this long after it last changed (once for a folder of files)


class ListKeeper(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.store = OpenList(window.appdata)
        self.previous = self.store.load()
        self.store.save(self.previous.paths)  # running: a kill from now on is seen at the next start
        self.offer: QMessageBox | None = None
        self._timer = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._timer.timeout.connect(self.save)
        m = window.reports
        for sig in (m.rowsInserted, m.rowsRemoved, m.modelReset, m.layoutChanged):
            sig.connect(self._timer.start)

    def paths(self) -> list[str]:
        """The files in the list, as the next start reopens them (not the demo sample)."""
        return [e.path for e in self.w.reports.entries() if not is_sample(e.path)]

    def save(self, closed_normally: bool = False) -> None:
        self._timer.stop()
        self.store.save(self.paths(), closed_normally)

    def restore(self) -> bool:
        """Open again the reports open at the last close (those still there). After a crash or a kill
        the window says what it restored and offers to start empty."""
        prev = self.previous
        paths = [p for p in prev.paths if os.path.exists(p)] if prev.known else self.w.state.last_batch()
        if not paths:
            return False
        self.w.open_paths(paths)
        if not prev.closed_normally:
            gone = len(prev.paths) - len(paths)
            self._offer_empty_start(f"恢复了上次未正常关闭时打开的 {len(paths)} 份报告"
                                    + (f"（另有 {gone} 份原文件已删除或移动）" if gone else "") + "。")
        return True

    def _offer_empty_start(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "已恢复上次打开的报告", text + "\n\n标记和检查设置均已保留。",
                          parent=self.w)
        box.addButton("继续", QMessageBox.ButtonRole.AcceptRole)
        empty = box.addButton("清空列表，从空白开始", QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda b: self.w.close_all() if b is empty else None)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.offer = box
