"""What the window remembers between starts, in window.ini of the app-data folder (a QSettings
named qsettings, apart from the checks' Settings): geometry, splitters, the last folder and the
recently opened files, the folder of the last export and the batch open at the last close.
The program's own sample folder (resources/samples) is never remembered as a folder to go to."""
from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QWidget

MAX_RECENT = 10
DEFAULT_SIZE = (1366, 768)


@functools.lru_cache(maxsize=1)
def samples_dir() -> str:
    import resources
    return os.path.normcase(os.path.abspath(str(resources.path("samples"))))


def is_sample(path: str) -> bool:
    """A file of the program's own samples (the demo report `dev.py run` opens)."""
    folder = samples_dir()
    p = os.path.normcase(os.path.abspath(path))
    return p == folder or p.startswith(folder + os.sep)


def recent_label(path: str) -> str:
    """A folder by its full path, a file by its name and the folder it is in."""
    if os.path.isdir(path):
        return f"文件夹：{path}"
    return f"{os.path.basename(path)}　（{os.path.dirname(path)}）"


FRAME_ALLOWANCE = (16, 40)  # what a window manager adds around the window (borders, title bar) before it is shown


def first_size(window: QWidget) -> None:
    """The first start's size: 1366×768 at most, and the whole window with its title bar inside the
    screen's free area (a 1366×768 laptop with a task bar leaves ~1366×728 for it)."""
    screen = window.screen().availableGeometry() if window.screen() else None
    w, h = DEFAULT_SIZE
    if screen is not None:
        w = min(w, screen.width() - FRAME_ALLOWANCE[0])
        h = min(h, screen.height() - FRAME_ALLOWANCE[1])
        window.move(screen.left() + max(0, (screen.width() - w - FRAME_ALLOWANCE[0]) // 2),
                    screen.top() + max(0, (screen.height() - h - FRAME_ALLOWANCE[1]) // 2))
    window.resize(w, h)


class WindowState:
    def __init__(self, appdata: Path) -> None:
        self.qsettings = QSettings(str(Path(appdata) / "window.ini"), QSettings.Format.IniFormat)

    # -- folders and files -----------------------------------------------------------------
    def last_folder(self) -> str:
        folder = str(self.qsettings.value("last_folder", "") or "")
        return folder if folder and os.path.isdir(folder) and not is_sample(folder) else str(Path.home())

    def export_folder(self, report_paths: list[str]) -> str:
        """Where an export goes by default: the folder of the last export, else that of the reports
        (never the program's samples), else the last folder opened."""
        last = str(self.qsettings.value("export_folder", "") or "")
        if last and os.path.isdir(last) and not is_sample(last):
            return last
        folders = [os.path.dirname(p) for p in report_paths if not is_sample(p)]
        return next((f for f in folders if os.path.isdir(f)), self.last_folder())

    def exported_to(self, path: str) -> None:
        self.qsettings.setValue("export_folder", os.path.dirname(os.path.abspath(path)))

    def last_batch(self) -> list[str]:
        """The batch an older version kept here (desktop.open_list keeps it now)."""
        value = self.qsettings.value("last_batch", [])
        items = [value] if isinstance(value, str) else [str(v) for v in value] if isinstance(value, list) else []
        return [p for p in items if os.path.exists(p)]

    def opened(self, paths: list[str]) -> None:
        """Files or folders were opened: remember the folder and put them first in the recent list
        (not the program's own samples)."""
        paths = [p for p in paths if not is_sample(p)]
        if not paths:
            return
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
            a = menu.addAction(recent_label(p))
            a.setData(p)
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
    def restore(self, window: QMainWindow, splitters: dict[str, tuple[QSplitter, list[int]]]) -> bool:
        """Geometry and splitters as they were; False when the splitters had nothing saved (first start)."""
        restored = True
        geo = self.qsettings.value("geometry")
        if not (isinstance(geo, QByteArray) and window.restoreGeometry(geo)):
            first_size(window)
        for key, (split, default) in splitters.items():
            state = self.qsettings.value(key)
            if not (isinstance(state, QByteArray) and split.restoreState(state)):
                split.setSizes(default)
                restored = False
        state = self.qsettings.value("window_state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        return restored

    def save(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
        self.qsettings.setValue("geometry", window.saveGeometry())
        self.qsettings.setValue("window_state", window.saveState())
        for key, split in splitters.items():
            self.qsettings.setValue(key, split.saveState())
        self.qsettings.sync()
