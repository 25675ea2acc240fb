"""Text sources: a DOCX or web page as its paragraphs and tables (RichDocView), a text file with
line numbers (LineTextView). Each draws a box around the place it was asked to show."""
from __future__ import annotations

import re

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextBrowser, QTextEdit, QWidget

from model.document import Document, Location, RawTable, TableCell, TextBlock

from .common import BOX_PEN, HIGHLIGHT


def _paint_box(viewport: QWidget, rect: QRectF | None, more: list[QRectF] | None = None) -> None:
    """The red box around the place shown (and around the places shown with it), over the text."""
    rects = [r for r in (rect, *(more or [])) if r is not None]
    if rects:
        p = QPainter(viewport)
        p.setPen(BOX_PEN)
        for r in rects:
            p.drawRect(r)
        p.end()


def _selection(cursor: QTextCursor, full_width: bool) -> QTextEdit.ExtraSelection:
    sel = QTextEdit.ExtraSelection()
    fmt = QTextCharFormat()
    fmt.setBackground(HIGHLIGHT)
    if full_width:
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
    sel.format = fmt
    sel.cursor = cursor
    return sel


def _placed_cells(t: RawTable, n_rows: int, n_cols: int) -> list[tuple[TableCell, int]]:
    """(cell, column span) of each cell: a cell reaches to the next cell of its row, that is its
    horizontal merge."""
    placed: list[tuple[TableCell, int]] = []
    for row in t.rows:
        cells = sorted((c for c in row if c.row < n_rows and c.col < n_cols), key=lambda c: c.col)
        for i, c in enumerate(cells):
            end = cells[i + 1].col if i + 1 < len(cells) else n_cols
            placed.append((c, max(1, end - c.col)))
    return placed


_NUMBER = re.compile(r"^[\s\d.,，%％-]*\d[\s\d.,，%％-]*$")  # a cell holding a number (12, 3.5, 1,024)


def _table_format(placed: list[tuple[TableCell, int]], n_cols: int) -> QTextTableFormat:
    """Thin borders; label columns get the room, number columns what they need (a number's
    lines cannot be broken: see _insert_table)."""
    weight = [3] * n_cols
    for c, span in placed:
        if span == 1:
            weight[c.col] = max(weight[c.col], min(12, len(c.text)))
    fmt = QTextTableFormat()
    fmt.setBorder(1)
    fmt.setBorderBrush(QColor("#9aa0a6"))
    fmt.setBorderCollapse(True)
    fmt.setCellPadding(2)
    fmt.setCellSpacing(0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, 100 * w / sum(weight))
                                   for w in weight])
    return fmt


def _rows_below(covered: list[list[bool]], c: TableCell, span: int) -> int:
    """How many grid rows under the cell are left empty (marked covered as they are counted)."""
    down = 0
    while c.row + down + 1 < len(covered) and not any(covered[c.row + down + 1][c.col:c.col + span]):
        down += 1
        for k in range(c.col, c.col + span):
            covered[c.row + down][k] = True
    return down


class RichDocView(QTextBrowser):
    """Paragraphs and tables of a Document in reading order, built from its blocks."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setUndoRedoEnabled(False)
        self._paragraphs: dict[int, int] = {}          # DOCX body block index -> position
        self._lines: dict[int, int] = {}               # web page line -> position
        self._tables: dict[int, QTextTable] = {}       # table index -> table
        self._box: tuple[int, int] | None = None       # highlighted range (positions)
        self._more: list[tuple[int, int]] = []         # the ranges boxed with it (every suspect of a finding)
        self._selections: list[QTextEdit.ExtraSelection] = []
        self.highlight: Location | None = None

    def set_document(self, doc: Document) -> None:
        self._paragraphs, self._lines, self._tables = {}, {}, {}
        self._box = None
        self._more, self._selections = [], []
        self.highlight = None
        td = QTextDocument(self)
        td.setDocumentMargin(10)
        td.setUndoRedoEnabled(False)
        cursor = QTextCursor(td)
        first = True
        for block in doc.blocks:
            if not first:
                cursor.movePosition(QTextCursor.MoveOperation.End)
                cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            first = False
            loc = block.location
            start = cursor.position()
            if isinstance(block, TextBlock):
                cursor.insertText(block.text)
            else:
                self._insert_table(cursor, block)
            if isinstance(block, TextBlock) or loc.table is None:
                if loc.paragraph is not None:
                    self._paragraphs.setdefault(loc.paragraph, start)
                if loc.line is not None:
                    self._lines.setdefault(loc.line, start)
        old = self.document()
        ours = old is not None and old.parent() is self  # Qt itself deletes only its own first one
        # The box's cursor points into the old document: dropped while that document lives. Kept, it
        # outlives the document (deleted below), and the next setExtraSelections reads the dead
        # document through it (a segmentation fault in Qt).
        self.setExtraSelections([])
        self.setDocument(td)
        if ours:
            old.deleteLater()

    def _insert_table(self, cursor: QTextCursor, t: RawTable) -> None:
        n_rows = len(t.rows)
        n_cols = max([t.n_cols] + [c.col + 1 for row in t.rows for c in row])
        if n_rows == 0 or n_cols == 0:
            return
        placed = _placed_cells(t, n_rows, n_cols)
        table = cursor.insertTable(n_rows, n_cols, _table_format(placed, n_cols))
        if t.location.table is not None:
            self._tables[t.location.table] = table
        covered = [[False] * n_cols for _ in range(n_rows)]
        whole = QTextBlockFormat()
        whole.setNonBreakableLines(True)  # a number is never wrapped digit by digit
        for c, span in placed:
            at = table.cellAt(c.row, c.col).firstCursorPosition()
            if _NUMBER.match(c.text):
                at.setBlockFormat(whole)
            at.insertText(c.text)
            for k in range(c.col, c.col + span):
                covered[c.row][k] = True
        for c, span in placed:  # grid places left out below a cell: a vertical merge
            down = _rows_below(covered, c, span)
            if span > 1 or down:
                table.mergeCells(c.row, c.col, 1 + down, span)
        cursor.movePosition(QTextCursor.MoveOperation.End)

    # -- places --------------------------------------------------------------------------
    def _range(self, loc: Location) -> tuple[int, int, bool] | None:
        """(start, end, is_paragraph) of the place in the built document."""
        if loc.table is not None and loc.row is not None and loc.col is not None:
            table = self._tables.get(loc.table)
            if table is not None and loc.row < table.rows() and loc.col < table.columns():
                cell = table.cellAt(loc.row, loc.col)
                return cell.firstCursorPosition().position(), cell.lastCursorPosition().position(), False
        if loc.table is not None and loc.table in self._tables:
            table = self._tables[loc.table]
            return table.firstPosition(), table.lastPosition(), False
        start = None
        if loc.paragraph is not None:
            start = self._paragraphs.get(loc.paragraph)
        if start is None and loc.line is not None:
            start = self._lines.get(loc.line)
        if start is None:
            return None
        block = self.document().findBlock(start)
        return block.position(), block.position() + max(0, block.length() - 1), True

    def show_location(self, loc: Location) -> bool:
        rng = self._range(loc)
        if rng is None:
            return False
        start, end, para = rng
        self.highlight = loc
        self._box = (start, end)
        self._more = []
        self._selections = [_selection(self._cursor(start, end), para)]
        self.setExtraSelections(self._selections)
        rect = self.box_rect_doc()
        if rect is not None:
            bar = self.verticalScrollBar()
            bar.setValue(int(rect.center().y() - self.viewport().height() / 2))
            if rect.right() - self.horizontalScrollBar().value() > self.viewport().width():
                self.horizontalScrollBar().setValue(int(rect.left() - 20))
        self.viewport().update()
        return True

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cur = QTextCursor(self.document())
        cur.setPosition(start)
        cur.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cur

    def set_also(self, locs: list[Location]) -> None:
        """Box these places too (the other suspects of a finding), without scrolling to them."""
        self._more = []
        self._selections = self._selections[:1]
        for loc in locs:
            rng = self._range(loc)
            if rng is not None and rng[:2] != self._box:
                self._more.append(rng[:2])
                self._selections.append(_selection(self._cursor(rng[0], rng[1]), rng[2]))
        self.setExtraSelections(self._selections)
        self.viewport().update()

    def clear_highlight(self) -> None:
        self.highlight = None
        self._box = None
        self._more, self._selections = [], []
        self.setExtraSelections([])
        self.viewport().update()

    def _doc_rect(self, box: tuple[int, int] | None) -> QRectF | None:
        if box is None:
            return None
        doc = self.document()
        lay = doc.documentLayout()
        block = doc.findBlock(box[0])
        rect = QRectF()
        while block.isValid() and block.position() <= box[1]:
            rect = rect.united(lay.blockBoundingRect(block))
            block = block.next()
        return rect.adjusted(-3, -2, 3, 2) if not rect.isNull() else None

    def box_rect_doc(self) -> QRectF | None:
        """The box around the highlighted place, in document coordinates."""
        return self._doc_rect(self._box)

    def _on_view(self, r: QRectF | None) -> QRectF | None:
        return None if r is None else r.translated(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())

    def box_rect(self) -> QRectF | None:
        """The box in viewport coordinates (None when nothing is highlighted)."""
        return self._on_view(self.box_rect_doc())

    def box_rects(self) -> list[QRectF]:
        """Every box in viewport coordinates: the place shown, then those boxed with it."""
        return [r for box in (self._box, *self._more) if (r := self._on_view(self._doc_rect(box))) is not None]

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        _paint_box(self.viewport(), None, self.box_rects())


class _LineNumbers(QWidget):
    def __init__(self, editor: LineTextView) -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.number_width(), 0)

    def paintEvent(self, event) -> None:
        self.editor.paint_numbers(event)


class LineTextView(QPlainTextEdit):
    """A text file with line numbers in the margin; the numbers are the 第 N 行 of the findings."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setUndoRedoEnabled(False)
        self._numbers = _LineNumbers(self)
        self.blockCountChanged.connect(lambda _n: self._update_margin())
        self.updateRequest.connect(self._on_update_request)
        self.highlight: Location | None = None
        self.also_lines: list[int] = []   # the lines boxed with it (every suspect of a finding)
        self._update_margin()

    def set_document(self, doc: Document) -> None:
        lines: list[str] = []
        for block in doc.blocks:
            if not isinstance(block, TextBlock):
                continue
            n = block.location.line if block.location.line is not None else len(lines)
            while len(lines) <= n:
                lines.append("")
            lines[n] = "\t".join(p for p, _ in block.parts) if block.parts else block.text
        self.highlight = None
        self.setExtraSelections([])
        self.setPlainText("\n".join(lines))
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance("　") * 3)

    # -- line numbers ----------------------------------------------------------------------
    def number_width(self) -> int:
        digits = max(3, len(str(self.blockCount())))
        return 10 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margin(self) -> None:
        self.setViewportMargins(self.number_width(), 0, 0, 0)

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._numbers.scroll(0, dy)
        else:
            self._numbers.update(0, rect.y(), self._numbers.width(), rect.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        cr = self.contentsRect()
        self._numbers.setGeometry(QRect(cr.left(), cr.top(), self.number_width(), cr.height()))

    def paint_numbers(self, event) -> None:
        p = QPainter(self._numbers)
        p.fillRect(event.rect(), QColor("#f1f3f4"))
        current = self.highlight.line if self.highlight is not None else None
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        h = self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                n = block.blockNumber()
                f = QFont(self.font())
                f.setBold(n == current)
                p.setFont(f)
                p.setPen(QColor("#b3261e") if n == current else QColor("#80868b"))
                p.drawText(0, top, self._numbers.width() - 5, h, int(Qt.AlignmentFlag.AlignRight), str(n + 1))
            block = block.next()
            top = bottom
        p.end()

    # -- places --------------------------------------------------------------------------
    def show_location(self, loc: Location) -> bool:
        if loc.line is None or loc.line >= self.blockCount():
            return False
        self.highlight = loc
        self.also_lines = []
        block = self.document().findBlockByNumber(loc.line)
        self.setExtraSelections([_selection(self._line_cursor(loc.line), True)])
        self.setTextCursor(QTextCursor(block))
        self.centerCursor()
        self.viewport().update()
        self._numbers.update()
        return True

    def _line_cursor(self, line: int) -> QTextCursor:
        cur = QTextCursor(self.document().findBlockByNumber(line))
        cur.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        return cur

    def set_also(self, locs: list[Location]) -> None:
        """Box these lines too (the other suspects of a finding), without scrolling to them."""
        here = self.current_line()
        self.also_lines = sorted({loc.line for loc in locs
                                  if loc.line is not None and loc.line < self.blockCount() and loc.line != here})
        lines = ([here] if here is not None else []) + self.also_lines
        self.setExtraSelections([_selection(self._line_cursor(n), True) for n in lines])
        self.viewport().update()

    def current_line(self) -> int | None:
        return self.highlight.line if self.highlight is not None else None

    def clear_highlight(self) -> None:
        self.highlight = None
        self.also_lines = []
        self.setExtraSelections([])
        self.viewport().update()
        self._numbers.update()

    def _line_rect(self, line: int | None) -> QRectF | None:
        block = self.document().findBlockByNumber(line) if line is not None else None
        if block is None or not block.isValid():
            return None
        return self.blockBoundingGeometry(block).translated(self.contentOffset()).adjusted(1, 0, -2, 0)

    def box_rect(self) -> QRectF | None:
        return self._line_rect(self.current_line())

    def box_rects(self) -> list[QRectF]:
        """Every box in viewport coordinates: the line shown, then those boxed with it."""
        return [r for n in (self.current_line(), *self.also_lines) if (r := self._line_rect(n)) is not None]

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        _paint_box(self.viewport(), None, self.box_rects())
