"""The views of the opened reports: a flat list with compact count columns whose 报告 column shows
the unit in bold and the file name (or why it cannot be read) under it, and a tree view that says
something while it is empty. The model is ui.report_list_model.ReportListModel."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from checks.catalogue import CATALOGUE

from .common import Role, item_data
from .report_list_model import COLUMNS, FILTER_ALL, FILTERS


class _TwoLines(QStyledItemDelegate):
    """The 报告 column: the unit in bold, under it the year, format, round and marks (or why it
    cannot be read), and the file name on a line of its own, cut in the middle only when it must be
    (the tooltip gives it whole)."""

    LINES = 3

    def sizeHint(self, option, index) -> QSize:
        fm = option.fontMetrics
        return QSize(fm.horizontalAdvance("清河县市场监督管理局") + 30, self.LINES * fm.lineSpacing() + 10)

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, second, file = index.model().lines(index.row())
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget).adjusted(0, 0, -4, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        bad = item_data(index, Role.STATUS) == "unreadable"
        entry = item_data(index, Role.ENTRY)
        old = entry is not None and bool(entry.superseded_note())  # an earlier round: greyed
        text = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        grey = text if selected else QColor("#5f6368")
        fm = opt.fontMetrics
        line = fm.lineSpacing()
        top = opt.rect.top() + (opt.rect.height() - self.LINES * line) // 2
        painter.save()
        head_font = QFont(opt.font)
        head_font.setBold(True)
        painter.setFont(head_font)
        painter.setPen(QColor("#b3261e") if bad and not selected else (grey if old else text))
        # the body's name has the whole first line (long names are not cut for the year and format)
        head = QFontMetrics(head_font).elidedText(title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect.left(), top, rect.width(), line, int(Qt.AlignmentFlag.AlignLeft), head)
        painter.setFont(opt.font)
        painter.setPen(QColor("#b3261e") if bad and not selected else grey)
        tail = fm.elidedText(second, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect.left(), top + line, rect.width(), line, int(Qt.AlignmentFlag.AlignLeft), tail)
        if file:
            painter.setPen(text if selected else QColor("#3c4043"))
            name = fm.elidedText(file, Qt.TextElideMode.ElideMiddle, rect.width())
            painter.drawText(rect.left(), top + 2 * line, rect.width(), line, int(Qt.AlignmentFlag.AlignLeft), name)
        painter.restore()


class HintTreeView(QTreeView):
    """A tree view that says something while it is empty."""

    def __init__(self, parent=None, placeholder: str = "") -> None:
        super().__init__(parent)
        self.placeholder = placeholder

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.viewport().update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.placeholder and self.model() is not None and self.model().rowCount() == 0:
            p = QPainter(self.viewport())
            p.setPen(QColor("#80868b"))
            p.drawText(self.viewport().rect().adjusted(16, 16, -16, -16),
                       int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.placeholder)
            p.end()


class ReportListView(HintTreeView):
    """A flat list of the reports with compact count columns; a hint while it is empty."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent, "把报告文件或文件夹拖到这里\n或按 Ctrl+O 打开文件")
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # F5 / close on several
        self.setAllColumnsShowFocus(True)
        self.setItemDelegateForColumn(0, _TwoLines(self))
        self.setIconSize(QSize(18, 18))

    def setModel(self, model) -> None:
        super().setModel(model)
        h = self.header()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        fm = self.fontMetrics()
        for c in range(1, len(COLUMNS)):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            h.resizeSection(c, fm.horizontalAdvance("错误") + 14)
        h.setSectionsClickable(True)  # a click sorts by the column (the rows stay in the session's list)
        h.sectionClicked.connect(self._sort_by)

    def _sort_by(self, column: int) -> None:
        h = self.header()
        same = h.isSortIndicatorShown() and h.sortIndicatorSection() == column
        order = Qt.SortOrder.AscendingOrder
        if column > 0 and not same:
            order = Qt.SortOrder.DescendingOrder  # most errors first
        elif same:
            order = (Qt.SortOrder.DescendingOrder if h.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
                     else Qt.SortOrder.AscendingOrder)
        h.setSortIndicatorShown(True)
        h.setSortIndicator(column, order)
        self.model().sort(column, order)


class ReportFilterBar(QWidget):
    """Search by body or file name, and a filter (需整改, 无法读取, by severity, by rule, 两份同年度报告)
    over the report list. Rows are hidden in the view, never removed: the model's rows stay the session's."""

    def __init__(self, view: QTreeView, parent=None) -> None:
        super().__init__(parent)
        self.view = view
        self._hiding = False  # whether a search or filter has rows hidden
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("搜索单位或文件名")
        self.search.setClearButtonEnabled(True)
        self.kind = QComboBox(self)
        for label, key in FILTERS:
            self.kind.addItem(label, key)
        for rule in CATALOGUE.values():
            self.kind.addItem(f"规则：{rule.name}", f"rule:{rule.id}")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 2)
        lay.addWidget(self.search, 3)
        lay.addWidget(self.kind, 2)
        self.search.textChanged.connect(self.apply)
        self.kind.currentIndexChanged.connect(self.apply)

    def watch(self, model) -> None:
        for sig in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged, model.layoutChanged):
            sig.connect(self.apply)

    def set_filter(self, key: str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(key)))

    def apply(self, *_args) -> None:
        model: Any = self.view.model()
        text, kind = self.search.text().strip(), self.kind.currentData() or FILTER_ALL
        if not text and kind == FILTER_ALL and not self._hiding:
            return  # nothing filtered, nothing hidden: every row (new ones too) shows (asked on every change)
        self._hiding = bool(text) or kind != FILTER_ALL
        for row in range(model.rowCount()):
            self.view.setRowHidden(row, QModelIndex(), not model.matches(row, text, kind))

    def visible_rows(self) -> list[int]:
        model = self.view.model()
        return [r for r in range(model.rowCount()) if not self.view.isRowHidden(r, QModelIndex())]
