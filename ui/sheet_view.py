"""An Excel workbook as its sheet grids (A, B, C … / 1, 2, 3 …), one tab per sheet."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QPen
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QTableView, QTabWidget

from model.document import Document, Location, RawTable, column_letter

from .common import BOX_PEN, HIGHLIGHT

ModelIndex = QModelIndex | QPersistentModelIndex


class SheetModel(QAbstractTableModel):
    def __init__(self, table: RawTable, parent=None) -> None:
        super().__init__(parent)
        self._cells = {(c.row, c.col): c.text for row in table.rows for c in row}
        self._rows = max([len(table.rows)] + [r + 1 for r, _c in self._cells])
        self._cols = max([table.n_cols] + [c + 1 for _r, c in self._cells])
        self.highlight: tuple[int, int] | None = None
        self.also: set[tuple[int, int]] = set()   # the cells boxed with it (every suspect of a finding)

    def boxed(self, rc: tuple[int, int]) -> bool:
        return rc == self.highlight or rc in self.also

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._cols

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return column_letter(section) if orientation == Qt.Orientation.Horizontal else str(section + 1)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        rc = (index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells.get(rc, "")
        if role == Qt.ItemDataRole.BackgroundRole and self.boxed(rc):
            return QBrush(HIGHLIGHT)
        return None

    def matches(self, key: str) -> list[int]:
        """Positions (row * columns + column) of the cells holding `key` (casefolded), in order."""
        n = self.columnCount()
        return sorted(r * n + c for (r, c), t in self._cells.items() if key in t.casefold())

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def set_highlight(self, rc: tuple[int, int] | None) -> None:
        old, self.highlight = self.highlight, rc
        self.set_also(set())
        for pos in (old, rc):
            if pos is not None:
                idx = self.index(*pos)
                self.dataChanged.emit(idx, idx)

    def set_also(self, cells: set[tuple[int, int]]) -> None:
        old, self.also = self.also, set(cells)
        for pos in old | self.also:
            idx = self.index(*pos)
            self.dataChanged.emit(idx, idx)


class _BoxDelegate(QStyledItemDelegate):
    """Draws the box around the highlighted cell."""

    def paint(self, painter, option, index) -> None:
        super().paint(painter, option, index)
        model = index.model()
        if isinstance(model, SheetModel) and model.boxed((index.row(), index.column())):
            painter.save()
            pen = QPen(BOX_PEN)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


class SheetView(QTabWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.setTabPosition(QTabWidget.TabPosition.South)
        self._views: dict[str, QTableView] = {}
        self.highlight: Location | None = None
        self.view_added: Callable[[QTableView], object] | None = None  # zoom and block copy, from the source view

    def set_document(self, doc: Document) -> None:
        self.clear()
        for old in self._views.values():
            old.deleteLater()
        self._views = {}
        self.highlight = None
        for block in doc.blocks:
            if not isinstance(block, RawTable):
                continue
            name = block.location.sheet or f"表{self.count() + 1}"
            view = QTableView()
            view.setModel(SheetModel(block, view))
            view.setItemDelegate(_BoxDelegate(view))
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setWordWrap(False)
            view.horizontalHeader().setDefaultSectionSize(72)
            view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
            self._views[name] = view
            self.addTab(view, name)
            if self.view_added is not None:
                self.view_added(view)

    def find_text(self, text: str, backward: bool = False) -> bool:
        """The next cell holding `text` (this sheet from the current cell on, then the others), selected."""
        views = list(self._views.values())
        if not views:
            return False
        start = max(0, self.currentIndex())
        order = views[start:] + views[:start]
        if backward:
            order = [order[0], *order[1:][::-1]]
        key = text.casefold()
        for n, view in enumerate(order):
            hit = _next_hit(view, key, backward, first=n == 0, wrap=len(order) == 1)
            if hit is not None:
                self._select_cell(view, hit)
                return True
        return False

    def find_position(self, key: str) -> tuple[int, int]:
        """(n, m) of the cell selected among the cells of every sheet holding `key` (case folded)."""
        n, total = 0, 0
        for view in self._views.values():
            model: SheetModel = view.model()  # type: ignore[assignment]
            hits = model.matches(key)
            if view is self.currentWidget() and view.currentIndex().isValid():
                cur = view.currentIndex()
                flat = cur.row() * model.columnCount() + cur.column()
                n = total + (hits.index(flat) + 1 if flat in hits else 0)
            total += len(hits)
        return n, total

    def _select_cell(self, view: QTableView, flat: int) -> None:
        """Show the sheet of `view` and select and centre its cell number `flat` (row by row)."""
        model = view.model()
        r, c = divmod(flat, model.columnCount())
        self.setCurrentWidget(view)
        idx = model.index(r, c)
        view.setCurrentIndex(idx)
        view.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)

    def current_sheet(self) -> str:
        return self.tabText(self.currentIndex())

    def show_location(self, loc: Location) -> bool:
        view = self._views.get(loc.sheet or "")
        if view is None:
            return False
        self.clear_highlight()
        self.highlight = loc
        self.setCurrentWidget(view)
        if loc.row is None or loc.col is None:
            return True
        model: SheetModel = view.model()  # type: ignore[assignment]
        model.set_highlight((loc.row, loc.col))
        idx = model.index(loc.row, loc.col)
        view.clearSelection()
        view.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.NoUpdate)
        view.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def set_also(self, locs: list[Location]) -> None:
        """Box these cells too (the other suspects of a finding) when they are on the sheet shown."""
        view = self._views.get(self.highlight.sheet or "") if self.highlight is not None else None
        if view is None:
            return
        model: SheetModel = view.model()  # type: ignore[assignment]
        model.set_also({(loc.row, loc.col) for loc in locs if loc.sheet == self.highlight.sheet  # type: ignore[union-attr]
                        and loc.row is not None and loc.col is not None})

    def clear_highlight(self) -> None:
        self.highlight = None
        for view in self._views.values():
            view.model().set_highlight(None)  # type: ignore[attr-defined]


def _next_hit(view: QTableView, key: str, backward: bool, *, first: bool, wrap: bool) -> int | None:
    """The number (row by row) of the next cell of `view` holding `key`: past its current cell on
    the sheet searched `first`, from its start (or end, `backward`) on the others; `wrap`: the only
    sheet, searched round to its current cell again."""
    model: SheetModel = view.model()  # type: ignore[assignment]
    cur = view.currentIndex()
    here = cur.row() * model.columnCount() + cur.column() if first and cur.isValid() else (
        model.rowCount() * model.columnCount() if backward else -1)
    hits = model.matches(key)
    pick = ([h for h in hits if h < here][-1:] if backward else [h for h in hits if h > here][:1])
    if not pick and first and wrap:
        pick = hits[-1:] if backward else hits[:1]
    return pick[0] if pick else None
