"""The window's file dialogs, sized to the screen: Qt's own dialog (Linux, no native one) opened at
its default size cuts the 大小 and 修改日期 columns at 1366×768; here it takes about four fifths of
the screen and its name column the room the other columns leave. Windows keeps its native dialog
(a plain QFileDialog, never DontUseNativeDialog: the sizing then does nothing)."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QTreeView, QWidget

FRACTION = 0.8                 # of the screen's available geometry
MAX_SIZE = QSize(1280, 860)    # no wider on a large screen
MIN_SIZE = QSize(640, 420)


def screen_rect(widget: QWidget | None) -> QRect:
    """The available geometry of the screen `widget` is on (the primary screen without one)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fit_to_screen(dialog: QWidget, avail: QRect | None = None) -> QSize:
    """Size `dialog` to ~80 % of the available screen (capped), centred on it; returns the size."""
    avail = avail if avail is not None else screen_rect(dialog.parentWidget() or dialog)
    w = min(MAX_SIZE.width(), max(MIN_SIZE.width(), int(avail.width() * FRACTION)), avail.width())
    h = min(MAX_SIZE.height(), max(MIN_SIZE.height(), int(avail.height() * FRACTION)), avail.height())
    dialog.resize(w, h)
    dialog.move(avail.x() + (avail.width() - w) // 2, avail.y() + (avail.height() - h) // 2)
    return QSize(w, h)


def fit_columns(dialog: QFileDialog) -> None:
    """The detail view: 大小, 类型, 修改日期 as wide as their text, 名称 the rest (Qt's own dialog only)."""
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is None:  # a native dialog: no widgets of Qt's
        return
    header = tree.header()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(40)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for col in range(1, header.count()):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)


def file_dialog(parent: QWidget | None, title: str, folder: str, name_filter: str = "", *,
                mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFiles, save: bool = False,
                avail: QRect | None = None) -> QFileDialog:
    """A file dialog (not yet shown) sized to the screen, its columns fitted."""
    d = QFileDialog(parent, title, folder, name_filter)
    d.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        d.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if save:
        d.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        d.setFileMode(QFileDialog.FileMode.AnyFile)
    d.setViewMode(QFileDialog.ViewMode.Detail)  # 大小 and 修改日期 shown (Qt's dialog may restore its list mode)
    fit_to_screen(d, avail)
    fit_columns(d)
    return d


def _run(d: QFileDialog) -> list[str]:
    try:
        return d.selectedFiles() if d.exec() == QDialog.DialogCode.Accepted else []
    finally:
        d.deleteLater()


def ask_open_files(parent: QWidget | None, title: str, folder: str, name_filter: str) -> list[str]:
    """打开报告文件: the files chosen (none: cancelled)."""
    return _run(file_dialog(parent, title, folder, name_filter))


def ask_folder(parent: QWidget | None, title: str, folder: str) -> str:
    """A folder chosen ("" when cancelled)."""
    chosen = _run(file_dialog(parent, title, folder, mode=QFileDialog.FileMode.Directory))
    return chosen[0] if chosen else ""


def ask_save_file(parent: QWidget | None, title: str, default: str, name_filter: str) -> str:
    """Where to save ("" when cancelled); `default` is the suggested path."""
    chosen = _run(file_dialog(parent, title, default, name_filter, save=True))
    return chosen[0] if chosen else ""
