"""What the window remembers between starts, in window.ini of the app-data folder (a QSettings
named qsettings, apart from the checks' Settings): geometry, splitters, the last folder and the
recently opened files."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter

MAX_RECENT = 10
DEFAULT_SIZE = (1366, 768)


class WindowState:
    def __init__(self, appdata: Path) -> None:
        self.qsettings = QSettings(str(Path(appdata) / "window.ini"), QSettings.Format.IniFormat)

    # -- folders and files -----------------------------------------------------------------
    def last_folder(self) -> str:
        folder = str(self.qsettings.value("last_folder", "") or "")
        return folder if folder and os.path.isdir(folder) else str(Path.home())

    def opened(self, paths: list[str]) -> None:
        """Files or folders were opened: remember the folder and put them first in the recent list."""
        first = paths[0]
        self.qsettings.setValue("last_folder", first if os.path.isdir(first) else os.path.dirname(first))
        items = [p for p in self.recent() if p not in paths]
        self.qsettings.setValue("recent", (list(reversed(paths)) + items)[:MAX_RECENT])

    def recent(self) -> list[str]:
        value = self.qsettings.value("recent", [])
        if isinstance(value, str):  # QSettings gives a list of one as the string itself
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def fill_recent_menu(self, menu: QMenu, open_paths: Callable[[list[str]], None]) -> None:
        menu.clear()
        items = self.recent()
        for p in items:
            label = os.path.basename(p) or p
            a = menu.addAction(("📁 " if os.path.isdir(p) else "") + label)
            a.setToolTip(p)
            a.setStatusTip(p)
            a.setEnabled(os.path.exists(p))
            a.triggered.connect(lambda _c=False, p=p: open_paths([p]))
        if not items:
            menu.addAction("（无）").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("清除列表").triggered.connect(lambda: self.qsettings.setValue("recent", []))

    # -- geometry --------------------------------------------------------------------------
    def restore(self, window: QMainWindow, splitters: dict[str, tuple[QSplitter, list[int]]]) -> None:
        geo = self.qsettings.value("geometry")
        if not (isinstance(geo, QByteArray) and window.restoreGeometry(geo)):
            screen = window.screen().availableGeometry() if window.screen() else None
            w, h = DEFAULT_SIZE
            if screen is not None:
                w, h = min(w, screen.width()), min(h, screen.height())
            window.resize(w, h)
        for key, (split, default) in splitters.items():
            state = self.qsettings.value(key)
            if not (isinstance(state, QByteArray) and split.restoreState(state)):
                split.setSizes(default)
        state = self.qsettings.value("window_state")
        if isinstance(state, QByteArray):
            window.restoreState(state)

    def save(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
        self.qsettings.setValue("geometry", window.saveGeometry())
        self.qsettings.setValue("window_state", window.saveState())
        for key, split in splitters.items():
            self.qsettings.setValue(key, split.saveState())
        self.qsettings.sync()
