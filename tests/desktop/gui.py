"""Driving the real main window in tests: drops, menu opens, clicks, waiting for the readers."""
from __future__ import annotations

import shutil
import warnings
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.main_window import MainWindow
from tests.support.corpus import corpus_file
from ui.common import item_data


def data(index, role: int = Qt.ItemDataRole.DisplayRole):
    """What the views see (read through the model: see ui.common.item_data)."""
    return item_data(index, role)

WAIT_MS = 20_000  # a hung signal fails the test instead of hanging the run


# ---------------------------------------------------------------------------- helpers
def make_window(qtbot, appdata: Path, size: tuple[int, int] | None = (1366, 768), **kw) -> MainWindow:
    w = MainWindow(appdata, **kw)
    qtbot.addWidget(w)
    if size:
        w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    return w


def copy_as(tmp_path: Path, name: str, new_name: str) -> Path:
    target = tmp_path / new_name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(corpus_file(name), target)
    return target


def drop(window: MainWindow, paths: list[Path], target: QWidget | None = None) -> None:
    """What a widget of the window receives when files are dragged from the file manager and let
    go over it (Qt passes the events up to the window, which accepts drops)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    target = target or window
    pos = target.rect().center()
    with warnings.catch_warnings():  # PySide marks the only Qt 6 constructor as deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    assert event.isAccepted()


def drop_and_wait(qtbot, window: MainWindow, paths: list[Path], timeout: int = WAIT_MS,
                  target: QWidget | None = None) -> None:
    with qtbot.waitSignal(window.runner.idle, timeout=timeout):
        drop(window, paths, target)


def open_from_menu(qtbot, window: MainWindow, monkeypatch, paths: list[Path]) -> None:
    monkeypatch.setattr("ui.file_dialog.ask_open_files", lambda *a, **k: [str(p) for p in paths])
    with qtbot.waitSignal(window.runner.idle, timeout=WAIT_MS):
        window.commands.open.trigger()


def click_finding(qtbot, window: MainWindow, rule: str, nth: int = 0):
    findings = [f for f in window.findings.all_findings() if f.rule == rule]
    f = findings[nth]
    idx = window.findings.index_of(f.fingerprint)
    view = window.findings_view
    view.scrollTo(idx)
    rect = view.visualRect(idx)
    assert rect.isValid()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_finding() is f
    return f


def entry_named(window: MainWindow, name: str):
    return next(e for e in window.reports.entries() if e.name == name)


def select_report(window: MainWindow, name: str) -> None:
    row = window.reports.row_of(entry_named(window, name).path)
    window.report_view.setCurrentIndex(window.reports.index(row, 0))
    assert window.current_entry().name == name
