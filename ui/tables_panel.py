"""表二 / 表三 / 表四 as tabs of table views, with a line of details under them.

Cells named by a finding keep their severity colour and icon when selected: selection is drawn as
a frame, so the colour is never hidden by the selection fill."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from checks.finding import Finding
from model.marks import Marks
from model.report import Report
from model.rounds import RoundState
from model.standard import split_key

from .common import Role, item_data, severity_color
from .table_model import TABLES, ReportTableModel
from .view_tools import enable_block_copy, enable_zoom

ZOOM_STEP = 1.12


class GroupedHeader(QHeaderView):
    """A horizontal header with a caption over a run of columns (表三's 法人或其他组织 over its
    five columns), as the printed table and the checklist have it."""

    def __init__(self, groups: list[tuple[int, int, str]], parent=None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.groups = groups  # (first column, last column, caption)

    def _group_of(self, logical: int) -> tuple[int, int, str] | None:
        return next((g for g in self.groups if g[0] <= logical <= g[1]), None)

    def band_height(self) -> int:
        return self.fontMetrics().height() + 8

    def sizeHint(self) -> QSize:
        base = super().sizeHint()
        return QSize(base.width(), base.height() + self.band_height())

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        group = self._group_of(logical)
        if group is None:
            super().paintSection(painter, rect, logical)
            return
        band = self.band_height()
        painter.save()
        super().paintSection(painter, QRect(rect.left(), rect.top() + band, rect.width(), rect.height() - band), logical)
        painter.restore()
        first, last, caption = group
        left = self.sectionViewportPosition(first)
        right = self.sectionViewportPosition(last) + self.sectionSize(last)
        whole = QRect(left, rect.top(), right - left, band)
        painter.save()
        painter.setClipRect(QRect(rect.left(), rect.top(), rect.width(), band))
        painter.fillRect(whole, self.palette().button())
        painter.setPen(QColor("#c0c4c8"))
        painter.drawLine(whole.bottomLeft(), whole.bottomRight())
        if logical == last:
            painter.drawLine(rect.right(), rect.top(), rect.right(), rect.top() + band)
        painter.setPen(self.palette().buttonText().color())
        painter.drawText(whole, int(Qt.AlignmentFlag.AlignCenter), caption)
        painter.restore()


class _FitLabels(QObject):
    """表三 and 表四: the label column takes the width the numbers leave, up to its longest label,
    so at 1920 nothing is cut and nothing scrolls sideways."""

    def __init__(self, panel: TablesPanel, view: QTableView) -> None:
        super().__init__(view)
        self.panel, self.view = panel, view

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.panel.fit_label_column(self.view)
        return False


class _CellDelegate(QStyledItemDelegate):
    """Data cells: a selected cell gets a blue frame instead of the selection fill; a cell named by
    a finding gets a solid border (the cell to fix) or a dashed one (a cell the rule involves)."""

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected) and index.column() > 0
        if selected:
            opt.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, opt, index)
        sev = item_data(index, Role.SEVERITY)
        if sev is None and not selected:
            return
        painter.save()
        if selected:
            painter.setPen(QPen(QColor("#1a56db"), 2))
            painter.drawRect(opt.rect.adjusted(2, 2, -3, -3))
        else:
            primary = bool(item_data(index, Role.PRIMARY))
            painter.setPen(QPen(severity_color(sev), 2 if primary else 1,
                                Qt.PenStyle.SolidLine if primary else Qt.PenStyle.DashLine))
            painter.drawRect(opt.rect.adjusted(1, 1, -2, -2))
        painter.restore()


def _column_groups(model: ReportTableModel) -> list[tuple[int, int, str]]:
    """Runs of data columns under one parent caption (tips like 法人或其他组织／商业企业)."""
    parents = [tip.split("／")[0] if "／" in tip else "" for tip in model.layout.column_tips]
    groups: list[tuple[int, int, str]] = []
    for i, parent in enumerate(parents):
        if not parent:
            continue
        if groups and groups[-1][2] == parent and groups[-1][1] == i:
            groups[-1] = (groups[-1][0], i + 1, parent)
        else:
            groups.append((i + 1, i + 1, parent))
    return groups


class TablesPanel(QWidget):
    cell_selected = Signal(str)  # cell key chosen by the inspector

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.models: dict[str, ReportTableModel] = {}
        self.views: dict[str, QTableView] = {}
        self._quiet = False
        for t in TABLES:
            model = ReportTableModel(t, self)
            view = QTableView()
            groups = _column_groups(model)
            if groups:
                view.setHorizontalHeader(GroupedHeader(groups, view))
            view.setModel(model)
            view.setItemDelegate(_CellDelegate(view))
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.setWordWrap(True)  # a long label takes two lines where the column is narrow, never cut
            view.setTextElideMode(Qt.TextElideMode.ElideRight)
            view.verticalHeader().setVisible(False)
            view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
            view.verticalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents if t == "t2" else QHeaderView.ResizeMode.Fixed)
            h = view.horizontalHeader()
            h.setVisible(model.layout.show_header)
            h.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
            self._size_columns(view, model)
            for r, row in enumerate(model.layout.rows):
                if row.is_group and not row.headers:
                    view.setSpan(r, 0, 1, model.columnCount())
            view.selectionModel().currentChanged.connect(self._on_current)
            view.clicked.connect(self._on_clicked)  # a click on the current cell shows it again
            self.models[t] = model
            self.views[t] = view
            self.tabs.addTab(view, model.layout.title)
            enable_block_copy(view)
            enable_zoom(view, self.zoom)
            view.viewport().installEventFilter(_FitLabels(self, view))
        self.zoom_steps = 0
        self.zoom_label = QLabel("100%")  # the tables' zoom, beside their tabs
        self.zoom_label.setToolTip("表格缩放比例（Ctrl+滚轮 或 Ctrl+= / Ctrl+- 缩放，Ctrl+0 复原）")
        self.zoom_label.setStyleSheet("color:#5f6368; padding:0 6px;")
        self.tabs.setCornerWidget(self.zoom_label, Qt.Corner.TopRightCorner)
        self.zoom_label.hide()  # shown while the tables are zoomed (at 100 % it would only take room)
        self.detail = QPlainTextEdit()  # what the selected cell or finding is about
        self.detail.setReadOnly(True)
        self.detail.setFrameShape(QFrame.Shape.NoFrame)
        line = self.fontMetrics().lineSpacing()
        self.detail.setMinimumHeight(line * 3 + 12)
        self.detail.setStyleSheet("QPlainTextEdit{background:#f8f9fa; border-top:1px solid #dadce0;}")
        self.detail.setPlaceholderText("选择一个单元格或一条问题，这里显示它的说明、应改为的数值（或可能有误的单元格）、依据和原文位置。")
        # the details (message, correction, 依据, place) under the tables; the inspector can drag it taller
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tabs)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 1)
        split.setCollapsible(0, False)
        split.setCollapsible(1, False)
        split.setSizes([line * 30, line * 7 + 12])
        self.split = split
        self.detail.textChanged.connect(self._fit_detail)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(split)

    def _size_columns(self, view: QTableView, model: ReportTableModel) -> None:
        fm = view.fontMetrics()
        view.horizontalHeader().setStretchLastSection(False)
        rows = model.layout.rows
        for c in range(1, model.columnCount()):
            caption = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            texts = caption.split("\n") + [row.headers[c - 1] for row in rows if len(row.headers) >= c]
            width = max(fm.horizontalAdvance(t) for t in texts)
            room = fm.horizontalAdvance("000") + 16 + 10  # a number and the severity icon
            view.setColumnWidth(c, max(room, min(width, fm.horizontalAdvance("本年处理决定数量")) + 12))
            if model.layout.table != "t3":  # few columns: let them share the width
                view.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
        self.fit_label_column(view)

    def _label_widths(self, view: QTableView) -> tuple[int, int]:
        """(narrowest, widest) label column: a usual label, the longest one (group rows are bold)."""
        model: ReportTableModel = view.model()  # type: ignore[assignment]
        bold = QFont(view.font())
        bold.setBold(True)
        fm, fb = view.fontMetrics(), QFontMetrics(bold)
        widest = max((fb if row.is_group else fm).horizontalAdvance(row.label) for row in model.layout.rows) + 16
        return min(widest, fm.horizontalAdvance("二、上年结转政府信息公开") + 16), widest

    def fit_label_column(self, view: QTableView) -> None:
        model: ReportTableModel = view.model()  # type: ignore[assignment]
        narrow, wide = self._label_widths(view)
        if model.layout.table == "t2":
            view.setColumnWidth(0, wide)
            return
        numbers = sum(view.columnWidth(c) for c in range(1, model.columnCount()))
        room = view.viewport().width() - numbers
        width = max(narrow, min(wide, room))
        if width == view.columnWidth(0) and getattr(view, "_rows_for", None) == (width, view.font().pointSizeF()):
            return
        view.setColumnWidth(0, width)
        self._label_rows(view, width)

    def _label_rows(self, view: QTableView, width: int) -> None:
        """Row heights for the labels wrapped in the column's width (the labels never change with the
        report, so this is done on resize and zoom only, not for every report shown)."""
        model: ReportTableModel = view.model()  # type: ignore[assignment]
        bold = QFont(view.font())
        bold.setBold(True)
        line = view.fontMetrics().height() + 8
        for r, row in enumerate(model.layout.rows):
            if view.columnSpan(r, 0) > 1:
                view.setRowHeight(r, line)
                continue
            fm = QFontMetrics(bold if row.is_group else view.font())
            need = fm.boundingRect(QRect(0, 0, width - 8, 10_000), int(Qt.TextFlag.TextWordWrap), row.label).height()
            view.setRowHeight(r, max(line, need + 8))
        view._rows_for = (width, view.font().pointSizeF())  # type: ignore[attr-defined]
        current = view.currentIndex()
        if current.isValid():  # taller rows moved the finding's cell: keep it in view
            view.scrollTo(current, QAbstractItemView.ScrollHint.EnsureVisible)

    def width_needed(self, table: str) -> int:
        """The panel width at which the table shows its numbers and its longest label on one line."""
        view = self.views[table]
        model = self.models[table]
        numbers = sum(view.columnWidth(c) for c in range(1, model.columnCount()))
        return numbers + self._label_widths(view)[1] + view.verticalScrollBar().sizeHint().width() + 8

    def _fit_detail(self) -> None:
        """The line of details under the tables is as tall as its text (up to two fifths of the panel)."""
        text = self.detail.toPlainText()
        width = max(100, self.detail.viewport().width() - 12)
        fm = self.detail.fontMetrics()
        need = fm.boundingRect(QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text or "x").height() + 16
        total = sum(self.split.sizes())
        want = max(self.detail.minimumHeight(), min(need, total * 2 // 5))
        if total > 0 and abs(self.split.sizes()[1] - want) > 4:
            self.split.setSizes([total - want, want])
            view = self.tabs.currentWidget()
            if isinstance(view, QTableView) and view.currentIndex().isValid():  # a shorter table: keep the cell in view
                view.scrollTo(view.currentIndex(), QAbstractItemView.ScrollHint.EnsureVisible)

    def label_cut(self, table: str) -> bool:
        """Whether some row label of the table does not fit its cell (wrapped in the column's width)."""
        view = self.views[table]
        model: ReportTableModel = view.model()  # type: ignore[assignment]
        bold = QFont(view.font())
        bold.setBold(True)
        width = view.columnWidth(0) - 8
        for r, row in enumerate(model.layout.rows):
            if view.columnSpan(r, 0) > 1:
                continue
            fm = QFontMetrics(bold if row.is_group else view.font())
            need = fm.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), row.label)
            if need.width() > width or need.height() > view.rowHeight(r):
                return True
        return False

    # -- zoom (Ctrl+wheel, Ctrl+= / Ctrl+- / Ctrl+0) -----------------------------------------
    def zoom(self, step: int) -> None:
        self.zoom_steps = 0 if step == 0 else max(-3, min(8, self.zoom_steps + step))
        self.zoom_label.setText(f"{round(ZOOM_STEP ** self.zoom_steps * 100)}%")
        self.zoom_label.setVisible(self.zoom_steps != 0)
        size = QFont().pointSizeF() * ZOOM_STEP ** self.zoom_steps
        for t, view in self.views.items():
            f = QFont(view.font())
            f.setPointSizeF(size)
            view.setFont(f)
            view.horizontalHeader().setFont(f)
            view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
            self._size_columns(view, self.models[t])
            if t == "t2":
                view.resizeRowsToContents()

    def font_size(self) -> float:
        return self.views["t3"].font().pointSizeF()

    # -- contents --------------------------------------------------------------------------
    def copy_text(self) -> str:
        """The selected cells of the current table as tab-separated text (what Ctrl+C copies)."""
        from .view_tools import selection_tsv
        view = self.tabs.currentWidget()
        return selection_tsv(view) if isinstance(view, QTableView) else ""

    def set_report(self, report: Report | None, findings: list[Finding], marks: Marks,
                   rounds: dict[str, RoundState] | None = None) -> None:
        for m in self.models.values():
            m.set_report(report, findings, marks, rounds)
        for v in self.views.values():
            v.clearSelection()
        self.tabs.setCurrentWidget(self.views["t3"])  # the table most findings are about
        self.detail.setPlainText("")

    def set_marks(self, marks: Marks) -> None:
        for m in self.models.values():
            m.set_marks(marks)

    # -- selection -------------------------------------------------------------------------
    def select_cells(self, keys: list[str]) -> bool:
        """Select the cells of a finding (in the table of its first cell) without echoing it
        back as the inspector's choice; scroll to the first cell."""
        keys = [k for k in keys if split_key(k)[0] in self.models]
        if not keys:
            for v in self.views.values():
                v.clearSelection()
            return False
        table = split_key(keys[0])[0]
        model, view = self.models[table], self.views[table]
        self._quiet = True
        try:
            self.tabs.setCurrentWidget(view)
            sel = QItemSelection()
            for k in keys:
                idx = model.index_of_key(k)
                if idx.isValid():
                    sel.select(idx, idx)
            sm = view.selectionModel()
            first = model.index_of_key(keys[0])
            sm.select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if first.isValid():
                sm.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
                view.scrollTo(first, QAbstractItemView.ScrollHint.EnsureVisible)
            for t, v in self.views.items():
                if t != table:
                    v.clearSelection()
        finally:
            self._quiet = False
        return True

    def selected_keys(self, table: str | None = None) -> list[str]:
        out = []
        for t, v in self.views.items():
            if table is None or t == table:
                for idx in v.selectionModel().selectedIndexes():
                    key = self.models[t].key_at(idx)
                    if key:
                        out.append(key)
        return out

    def _on_clicked(self, index: QModelIndex) -> None:
        self._on_current(index, QModelIndex())

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid():
            return
        key = item_data(current, Role.KEY)
        if key:
            self.cell_selected.emit(key)
