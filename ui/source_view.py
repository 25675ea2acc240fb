"""The original of the selected report, in the view that suits its format, showing a place on
request: PDF pages as images, DOCX / web pages as paragraphs and tables, XLSX as sheet grids,
TXT with line numbers. A message page stands in for an unreadable file."""
from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QTableView,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from model.document import Document, Location, TextBlock

from .find_bar import FindBar
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
        self.zoom_out = self._tool("－", "缩小（Ctrl+- 或 Ctrl+滚轮）", lambda: self.zoom(-1))
        self.zoom_fit = self._tool("适合宽度", "页面宽度与窗口一致（Ctrl+0）", lambda: self.zoom(0))
        self.zoom_in = self._tool("＋", "放大（Ctrl+= 或 Ctrl+滚轮）", lambda: self.zoom(1))
        head = QHBoxLayout()
        head.setContentsMargins(6, 2, 6, 2)
        head.addWidget(self.title, 1)
        head.addWidget(self.place)
        self.zoom_label = QLabel("100%")  # the zoom now (the PDF: of its page width fitting the view)
        self.zoom_label.setToolTip("缩放比例（Ctrl+滚轮 或 Ctrl+= / Ctrl+- 缩放，Ctrl+0 复原）")
        self.zoom_label.setStyleSheet("color:#5f6368; padding:0 4px;")
        head.addWidget(self.zoom_label)
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
        self.find_bar = FindBar("在原文中查找（回车：下一个）", self.find_text, self, self.find_position)
        lay.addWidget(self.find_bar)
        lay.addWidget(self.notes)
        lay.addWidget(self.stack, 1)
        self.document: Document | None = None
        self.kind = "message"
        self.location: Location | None = None
        self._found_block = -1       # the PDF text block of the last match
        self._zoom_steps = 0         # of the text and sheet views
        from .view_tools import enable_block_copy, enable_zoom
        for w in (self.pdf, self.rich, self.text, self.sheet):
            enable_zoom(w, self.zoom)
        def sheet_view_added(v: QTableView) -> None:
            enable_zoom(v, self.zoom)
            enable_block_copy(v)
        self.sheet.view_added = sheet_view_added
        self.show_message("打开报告后，这里显示原文，并框出所选问题的位置。")

    def zoom(self, step: int) -> None:
        """+1 bigger, -1 smaller, 0 back (the PDF: its page width fits the view)."""
        if self.kind == "pdf":
            self.pdf.set_zoom(1.0 if step == 0 else self.pdf.zoom * (1.25 if step > 0 else 0.8))
        else:
            self._zoom_steps = 0 if step == 0 else max(-4, min(10, self._zoom_steps + step))
            self._apply_text_zoom()
        self._show_zoom()

    def zoom_percent(self) -> int:
        """The zoom as the inspector reads it: 100 % is the PDF's page width fitting the view, or the text's own size."""
        return round((self.pdf.zoom if self.kind == "pdf" else 1.15 ** self._zoom_steps) * 100)

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{self.zoom_percent()}%")
        # the PDF's zoom always (beside its zoom buttons); a text's while it is zoomed (the header keeps its room)
        self.zoom_label.setVisible(self.kind == "pdf" or (self.kind != "message" and self._zoom_steps != 0))

    def _apply_text_zoom(self) -> None:
        base = QFont().pointSizeF()
        size = max(6.0, base * (1.15 ** self._zoom_steps))
        for w in (self.rich, self.text):
            f = QFont(w.font())
            f.setPointSizeF(size)
            w.setFont(f)
            w.document().setDefaultFont(f)
        for v in self.sheet.findChildren(QTableView):
            f = QFont(v.font())
            f.setPointSizeF(size)
            v.setFont(f)
            v.verticalHeader().setDefaultSectionSize(v.fontMetrics().height() + 8)
            v.horizontalHeader().setDefaultSectionSize(int(72 * 1.15 ** self._zoom_steps))

    def font_size(self) -> float:
        """The point size of the text views (what zoom changed)."""
        return self.text.font().pointSizeF()

    # -- find (Ctrl+F) -----------------------------------------------------------------------
    def open_find(self) -> None:
        self.find_bar.open()

    def find_text(self, text: str, backward: bool = False) -> bool:
        """The next place of `text` in the original, shown and selected; False when there is none."""
        if self.document is None or self.kind == "message":
            return False
        if self.kind in ("rich", "text"):
            return self._find_text(self.rich if self.kind == "rich" else self.text, text, backward)
        if self.kind == "sheet":
            return self.sheet.find_text(text, backward)
        return self._find_block(text, backward)

    def find_position(self, text: str) -> tuple[int, int]:
        """(n, m): the match shown is the n-th of the m places holding `text` (case folded)."""
        key = text.casefold()
        if self.kind in ("rich", "text"):
            view: QTextEdit | QPlainTextEdit = self.rich if self.kind == "rich" else self.text
            here = view.textCursor().selectionStart()
            starts: list[int] = []
            hit = view.document().find(text, 0)  # as view.find finds them (case folded)
            while not hit.isNull() and len(starts) < 100_000:
                starts.append(hit.selectionStart())
                hit = view.document().find(text, hit)
            return (starts.index(here) + 1 if here in starts else 0), len(starts)
        if self.kind == "sheet":
            return self.sheet.find_position(key)
        blocks = self.document.blocks if self.document is not None else []
        hits = [i for i, b in enumerate(blocks)
                if isinstance(b, TextBlock) and key in b.text.casefold() and b.location.page is not None]
        return (hits.index(self._found_block) + 1 if self._found_block in hits else 0), len(hits)

    @staticmethod
    def _find_text(view: QTextEdit | QPlainTextEdit, text: str, backward: bool) -> bool:
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if view.find(text, flags):
            return True
        cursor = view.textCursor()  # wrap around
        cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
        view.setTextCursor(cursor)
        return bool(view.find(text, flags))

    def _find_block(self, text: str, backward: bool) -> bool:
        """PDF: the next text block holding `text`, boxed on its page."""
        blocks = self.document.blocks if self.document is not None else []
        n = len(blocks)
        key = text.casefold()
        for k in range(1, n + 1):
            i = (self._found_block + (-k if backward else k)) % n
            b = blocks[i]
            if isinstance(b, TextBlock) and key in b.text.casefold() and b.location.page is not None:
                self._found_block = i
                ok = self.pdf.show_location(b.location)
                self.place.setText(f"查找：{b.location.describe()}")
                return ok
        return False

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
        self._show_zoom()

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
        self._found_block = -1
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
            if self._zoom_steps:
                self._apply_text_zoom()
        name = os.path.basename(doc.path)
        pages = f"　共 {doc.page_count} 页" if doc.page_count else ""
        self.title.setText(f"原文：{name}{pages}")
        self.title.setToolTip(doc.path)
        self.place.setText("")
        self._switch(kind)

    def show_pages(self, path: str, note: str, title: str) -> None:
        """A PDF that could not be read (a scan without text): its pages all the same, and why."""
        self.show_message("")
        self.notes.setText(note)
        self.notes.setVisible(bool(note))
        self.pdf.set_path(path)
        self.title.setText(title)
        self.title.setToolTip(path)
        self._switch("pdf")

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
        view.set_also([])  # type: ignore[attr-defined]
        if not ok:
            view.clear_highlight()  # type: ignore[attr-defined]
        self.location = loc if ok else None
        self.place.setText(loc.describe())
        return ok

    def show_locations(self, locs: list[Location]) -> bool:
        """Scroll to the first place and box it, and box every other place too (each suspect cell
        of a finding), so the inspector sees all of them."""
        first = locs[0] if locs else None
        ok = self.show_location(first)
        more = [loc for loc in locs[1:] if not loc.is_document and loc != first]
        if ok and more:
            self._views[self.kind].set_also(more)  # type: ignore[attr-defined]
            self.place.setText(f"{first.describe() if first else ''} 等 {1 + len(more)} 处")
        return ok

    def shutdown(self) -> None:
        self.pdf.shutdown()
