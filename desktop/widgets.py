"""Small pieces of the window: a pane with a bold title, a splitter of stretched parts, the export question,
the message after an export (打开文件 / 打开所在文件夹), opening a file with its program or showing it in
its folder, and the local paths of files dragged onto the window."""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import QMimeData, QProcess, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QSplitter, QVBoxLayout, QWidget


def titled(title: str | QLabel, body: QWidget) -> QWidget:
    w = QWidget()
    lay = QVBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(0)
    label = title if isinstance(title, QLabel) else QLabel(title)
    label.setStyleSheet("font-weight:bold; padding:4px 6px;")
    lay.addWidget(label)
    lay.addWidget(body, 1)
    return w


def splitter(orientation: Qt.Orientation, parts: list[tuple[QWidget, int]]) -> QSplitter:
    split = QSplitter(orientation)
    for i, (widget, stretch) in enumerate(parts):
        split.addWidget(widget)
        split.setStretchFactor(i, stretch)
    return split


def dropped_paths(mime: QMimeData) -> list[str]:
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


def ask_only_confirmed(parent: QWidget, n: int, title: str = "导出整改清单") -> bool:
    """Before an export (or 打印预览) with findings marked 已核实: send only those, or all?"""
    box = QMessageBox(QMessageBox.Icon.Question, title, f"已有 {n} 条问题标为“已核实”。导出哪些问题？",
                      parent=parent)
    only = box.addButton("只导出已核实的问题", QMessageBox.ButtonRole.ActionRole)
    everything = box.addButton("导出全部问题", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(everything)  # Enter exports all: only the inspector's own choice narrows it
    box.setEscapeButton(everything)
    box.exec()
    return box.clickedButton() is only


def open_file(path: str) -> bool:
    """Open a file with the program the system gives its type (WPS, Word, Excel …)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def show_in_folder(path: str) -> bool:
    """The file selected in the file manager (Windows), else its folder opened."""
    if sys.platform == "win32" and os.path.isfile(path):
        return QProcess.startDetached("explorer.exe", ["/select,", os.path.normpath(path)])[0]
    folder = path if os.path.isdir(path) else os.path.dirname(path)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(folder))


def export_done(parent: QWidget, title: str, text: str, path: str) -> QMessageBox:
    """The message after an export, with 打开文件 (a file) and 打开所在文件夹; it does not block."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    open_b = box.addButton("打开文件", QMessageBox.ButtonRole.ActionRole) if os.path.isfile(path) else None
    folder_b = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)

    def clicked(button: QAbstractButton) -> None:
        if open_b is not None and button is open_b:
            open_file(path)
        elif button is folder_b:
            show_in_folder(path)

    box.buttonClicked.connect(clicked)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box
