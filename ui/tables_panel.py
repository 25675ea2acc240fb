"""表二 / 表三 / 表四 as tabs of table views, with a line of details under them.

Cells named by a finding keep their severity colour and icon when selected: selection is drawn as
a frame, so the colour is never hidden by the selection fill."""
from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
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
from model.report import Report
from model.standard import split_key
from pipeline.marks import Marks

from .common import Role, item_data, severity_color
from .table_model import TABLES, ReportTableModel


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
            view.setModel(model)
            view.setItemDelegate(_CellDelegate(view))
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.setWordWrap(t == "t2")  # 表二's group captions are long
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
        label_w = max(fm.horizontalAdvance(row.label) for row in rows)
        view.setColumnWidth(0, min(label_w, fm.horizontalAdvance("二、上年结转政府信息公开")) + 12)

    # -- contents --------------------------------------------------------------------------
    def set_report(self, report: Report | None, findings: list[Finding], marks: Marks) -> None:
        for m in self.models.values():
            m.set_report(report, findings, marks)
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
