"""The original of the selected report, in the view that suits its format, showing a place on
request: PDF pages as images, DOCX / web pages as paragraphs and tables, XLSX as sheet grids,
TXT with line numbers. A message page stands in for an unreadable file."""
from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QToolButton, QVBoxLayout, QWidget

from model.document import Document, Location

from .pdf_view import PdfView
from .sheet_view import SheetView
from .text_views import LineTextView, RichDocView


def view_kind(doc: Document) -> str:
    """The view for the document's layout (its reader sets it from the format registry)."""
    return {"paged": "pdf", "sheet": "sheet", "lines": "text", "flow": "rich"}[doc.layout.value]


class SourceView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.title = QLabel("原文")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.place = QLabel("")
        self.place.setTextFormat(Qt.TextFormat.PlainText)
        self.place.setStyleSheet("color:#b3261e;")
        self.zoom_out = self._tool("－", "缩小", lambda: self._zoom(1 / 1.25))
        self.zoom_fit = self._tool("适合宽度", "页面宽度与窗口一致", lambda: self._zoom(None))
        self.zoom_in = self._tool("＋", "放大", lambda: self._zoom(1.25))
        head = QHBoxLayout()
        head.setContentsMargins(6, 2, 6, 2)
        head.addWidget(self.title, 1)
        head.addWidget(self.place)
        for b in (self.zoom_out, self.zoom_fit, self.zoom_in):
            head.addWidget(b)

        self.notes = QLabel()  # what the importer or recogniser remarked on this file
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setStyleSheet("background:#fff8e1; color:#5f4b00; padding:3px 6px;")
        self.notes.hide()

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setMargin(24)
        self.message.setStyleSheet("color:#5f6368; font-size:11pt;")
        self.pdf = PdfView()
        self.rich = RichDocView()
        self.text = LineTextView()
        self.sheet = SheetView()
        self.stack = QStackedWidget()
        self._views = {"message": self.message, "pdf": self.pdf, "rich": self.rich, "text": self.text,
                       "sheet": self.sheet}
        for w in self._views.values():
            self.stack.addWidget(w)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(head)
        lay.addWidget(self.notes)
        lay.addWidget(self.stack, 1)
        self.document: Document | None = None
        self.kind = "message"
        self.location: Location | None = None
        self.show_message("打开报告后，这里显示原文，并框出所选问题的位置。")

    def _zoom(self, factor: float | None) -> None:
        """Zoom the PDF by a factor; None: page width fits the view."""
        self.pdf.set_zoom(1.0 if factor is None else self.pdf.zoom * factor)

    def _tool(self, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        b.setVisible(False)
        return b

    def _switch(self, kind: str) -> None:
        self.kind = kind
        self.stack.setCurrentWidget(self._views[kind])
        for b in (self.zoom_out, self.zoom_fit, self.zoom_in):
            b.setVisible(kind == "pdf")

    def show_message(self, text: str, title: str = "原文") -> None:
        self.document = None
        self.location = None
        self.notes.hide()
        self.pdf.set_path(None)
        self.message.setText(text)
        self.title.setText(title)
        self.place.setText("")
        self._switch("message")

    def set_document(self, doc: Document, notes: list[str] | None = None) -> None:
        self.document = doc
        remarks = list(doc.notes) + [n for n in (notes or []) if n not in doc.notes]
        self.notes.setText("\n".join(remarks))
        self.notes.setVisible(bool(remarks))
        self.location = None
        kind = view_kind(doc)
        if kind != "pdf":
            self.pdf.set_path(None)
        view = self._views[kind]
        if kind == "pdf":
            self.pdf.set_path(doc.path)
        else:
            view.set_document(doc)  # type: ignore[attr-defined]
        name = os.path.basename(doc.path)
        pages = f"　共 {doc.page_count} 页" if doc.page_count else ""
        self.title.setText(f"原文：{name}{pages}")
        self.title.setToolTip(doc.path)
        self.place.setText("")
        self._switch(kind)

    def show_location(self, loc: Location | None) -> bool:
        """Scroll to the place and box it; False when this view has no such place."""
        if self.document is None or self.kind == "message":
            return False
        view = self._views[self.kind]
        if loc is None or loc.is_document:
            view.clear_highlight()  # type: ignore[attr-defined]
            self.location = None
            self.place.setText("全文" if loc is not None else "")
            return False
        ok = view.show_location(loc)  # type: ignore[attr-defined]
        if not ok:
            view.clear_highlight()  # type: ignore[attr-defined]
        self.location = loc if ok else None
        self.place.setText(loc.describe())
        return ok

    def shutdown(self) -> None:
        self.pdf.shutdown()
