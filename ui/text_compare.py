"""Two reports' texts side by side, the passages they share word for word marked: what the
inspector reads to judge a COPIED-TEXT finding (套用其他单位的报告) instead of a message pointing at 全文."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from archive.compare import YearPair

from .overview_years import SHARED, marked_html


class TextCompareDialog(QDialog):
    """This report's text (left) beside the other report's (right); shared passages yellow."""

    def __init__(self, pair: YearPair, this: str, other: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("正文对照")
        self.pair = pair
        self.text_this, self.text_other = QTextBrowser(), QTextBrowser()
        self.text_this.setHtml(marked_html(pair.now, pair.shared_now))
        self.text_other.setHtml(marked_html(pair.before, pair.shared_before))
        texts = QSplitter(Qt.Orientation.Horizontal)
        for title, view in ((this, self.text_this), (other, self.text_other)):
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            head = QLabel(f"<b>{html.escape(title)}</b>")
            head.setToolTip(title)
            lay.addWidget(head)
            lay.addWidget(view)
            texts.addWidget(box)
        self.summary = QLabel(f"本报告正文中 {pair.shared_ratio:.0%} 与对方报告逐字相同（"
                              f'<span style="background-color:{SHARED}">&nbsp;黄色&nbsp;</span> 标出，'
                              f"共 {len(pair.shared_now)} 段）。")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox()
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(texts, 1)
        lay.addWidget(buttons)
        self.resize(1100, 700)
        self._scroll_to_first()

    def _scroll_to_first(self) -> None:
        """Both texts open at their first shared passage."""
        for view, spans in ((self.text_this, self.pair.shared_now), (self.text_other, self.pair.shared_before)):
            if spans:
                cursor = view.textCursor()
                cursor.setPosition(min(spans)[0])
                view.setTextCursor(cursor)
                view.ensureCursorVisible()
