"""The opened files, watched on disk: when one is saved again (its size or time changed), the window
is told once, a moment later (editors write in several steps and some replace the file)."""
from __future__ import annotations

import os

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 600


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class FileWatch(QObject):
    changed = Signal(list)   # paths whose content changed since they were read
    missing = Signal(list)   # paths no longer there (deleted, renamed or moved away)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._stamps: dict[str, tuple[int, int] | None] = {}
        self._due: set[str] = set()
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self._settled)
        self._watcher.fileChanged.connect(self._on_changed)

    def watch(self, path: str) -> None:
        """The file as read now is the one to compare with."""
        self._stamps[path] = _stamp(path)
        if path not in self._watcher.files() and os.path.isfile(path):
            self._watcher.addPath(path)

    def forget(self, path: str) -> None:
        self._stamps.pop(path, None)
        self._due.discard(path)
        if path in self._watcher.files():
            self._watcher.removePath(path)

    def clear(self) -> None:
        for path in list(self._stamps):
            self.forget(path)

    def _on_changed(self, path: str) -> None:
        if path in self._stamps:
            self._due.add(path)
            self._timer.start()

    def _settled(self) -> None:
        out, gone = [], []
        for path in sorted(self._due):
            now = _stamp(path)
            if now is None and self._stamps.get(path) is not None:
                self._stamps[path] = None  # seen again later (renamed back): a change to offer
                gone.append(path)
            if now is not None and path not in self._watcher.files():
                self._watcher.addPath(path)  # saved by replacing the file: watch the new one
            if now is not None and now != self._stamps.get(path):
                self._stamps[path] = now
                out.append(path)
        self._due.clear()
        if gone:
            self.missing.emit(gone)
        if out:
            self.changed.emit(out)
