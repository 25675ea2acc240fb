"""Small pieces of the window: a pane with a bold title, a splitter of stretched parts, the export question,
and the local paths of files dragged onto the window."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QSplitter, QVBoxLayout, QWidget


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


def ask_only_confirmed(parent: QWidget, n: int) -> bool:
    """Before an export with findings marked 已核实: send only those, or all?"""
    box = QMessageBox(QMessageBox.Icon.Question, "导出整改清单", f"已有 {n} 条问题标为“已核实”。导出哪些问题？",
                      parent=parent)
    only = box.addButton("只导出已核实的问题", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("导出全部问题", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is only
