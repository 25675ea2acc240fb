"""Excel and WPS habits shared by the views: Ctrl+C on a block of cells copies it as tab-separated
text (what Excel pastes as a block), and Ctrl+wheel / Ctrl+= / Ctrl+- / Ctrl+0 zoom a view."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QVBoxLayout, QWidget

from .common import item_data


def selection_tsv(view: QAbstractItemView) -> str:
    """The selected cells as rows of tab-separated text over their bounding block (the cells of
    the block not selected are left empty, as Excel pastes them)."""
    indexes = view.selectionModel().selectedIndexes()
    if not indexes:
        return ""
    rows = sorted({i.row() for i in indexes})
    cols = sorted({i.column() for i in indexes})
    text = {(i.row(), i.column()): str(item_data(i, Qt.ItemDataRole.DisplayRole) or "") for i in indexes}
    lines = []
    for r in range(rows[0], rows[-1] + 1):
        cells = [text.get((r, c), "").replace("\t", " ").replace("\n", " ").strip() for c in range(cols[0], cols[-1] + 1)]
        lines.append("\t".join(cells))
    return "\n".join(lines)


class _CopyFilter(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Copy):
            view = obj if isinstance(obj, QAbstractItemView) else None
            if view is not None:
                text = selection_tsv(view)
                if text:
                    QGuiApplication.clipboard().setText(text)
                    return True
        return False


def enable_block_copy(view: QAbstractItemView) -> None:
    """Ctrl+C copies the selected block as tab-separated text."""
    f = _CopyFilter(view)
    view.installEventFilter(f)


ZOOM_IN_KEYS = (Qt.Key.Key_Equal, Qt.Key.Key_Plus)
ZOOM_OUT_KEYS = (Qt.Key.Key_Minus, Qt.Key.Key_Underscore)


class _ZoomFilter(QObject):
    """Ctrl+wheel and Ctrl+= / Ctrl+- / Ctrl+0 on a widget (or its viewport) call zoom(+1 / -1 / 0)."""

    def __init__(self, zoom: Callable[[int], None], parent: QObject) -> None:
        super().__init__(parent)
        self._zoom = zoom

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        ctrl = Qt.KeyboardModifier.ControlModifier
        if event.type() == QEvent.Type.Wheel and isinstance(event, QWheelEvent) and event.modifiers() & ctrl:
            dy = event.angleDelta().y()
            if dy:
                self._zoom(1 if dy > 0 else -1)
            return True
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(event, QKeyEvent) \
                and event.modifiers() & ctrl:
            step = 1 if event.key() in ZOOM_IN_KEYS else -1 if event.key() in ZOOM_OUT_KEYS else \
                0 if event.key() == Qt.Key.Key_0 else None
            if step is None:
                return False
            if event.type() == QEvent.Type.ShortcutOverride:  # ours, not a window shortcut (Ctrl+0 取消标记)
                event.accept()
                return True
            self._zoom(step)
            return True
        return False


def enable_zoom(widget: QWidget, zoom: Callable[[int], None]) -> None:
    """zoom(+1) bigger, zoom(-1) smaller, zoom(0) back to normal, from Ctrl+wheel and Ctrl+= / - / 0."""
    f = _ZoomFilter(zoom, widget)
    widget.installEventFilter(f)
    viewport = getattr(widget, "viewport", None)
    if callable(viewport):
        viewport().installEventFilter(f)


def stacked(top: QWidget, below: QWidget, spacing: int = 0, grow: bool = True) -> QWidget:
    """Two widgets one above the other with no margins; `grow`: the lower one takes the rest of the height."""
    pane = QWidget()
    lay = QVBoxLayout(pane)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(spacing)
    lay.addWidget(top)
    lay.addWidget(below, 1 if grow else 0)
    return pane
