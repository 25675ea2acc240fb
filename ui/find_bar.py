"""A find line (Ctrl+F) over a pane: type, Enter / F3 for the next match, Shift+Enter / Shift+F3 for
the one before, Esc closes; n/m says which match is shown of how many. What a match is and how it is
shown is the pane's: find(text, backward), and position(text) -> (n, m) after a match."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    def __init__(self, placeholder: str, find: Callable[[str, bool], bool], parent: QWidget | None = None,
                 position: Callable[[str], tuple[int, int]] | None = None) -> None:
        super().__init__(parent)
        self._find = find
        self.position = position
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.status = QLabel("", self)
        prev_b, next_b, close_b = QToolButton(self), QToolButton(self), QToolButton(self)
        for b, text, tip in ((prev_b, "上一个", "上一个（Shift+F3）"), (next_b, "下一个", "下一个（F3 或回车）"),
                             (close_b, "×", "关闭查找（Esc）")):
            b.setText(text)
            b.setToolTip(tip)
            b.setAutoRaise(True)
        prev_b.clicked.connect(lambda: self.find_next(True))
        next_b.clicked.connect(lambda: self.find_next(False))
        close_b.clicked.connect(self.hide)
        self.edit.returnPressed.connect(lambda: self.find_next(False))
        for key, back in (("F3", False), ("Shift+F3", True), ("Shift+Return", True)):
            QShortcut(QKeySequence(key), self, lambda b=back: self.find_next(b),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Esc"), self, self.hide, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.addWidget(QLabel("查找：", self))
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.status)
        for b in (prev_b, next_b, close_b):
            lay.addWidget(b)
        self.hide()

    def open(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def find_next(self, backward: bool = False) -> bool:
        text = self.edit.text().strip()
        if not text:
            self.status.setText("")
            return False
        found = self._find(text, backward)
        if not found:
            self.status.setStyleSheet("color:#b3261e;")
            self.status.setText("未找到")
            return False
        n, m = self.position(text) if self.position is not None else (0, 0)
        self.status.setStyleSheet("color:#5f6368;")
        self.status.setText(f"{n}/{m}" if m else "")
        self.status.setToolTip(f"第 {n} 处，共 {m} 处" if m else "")
        return True
