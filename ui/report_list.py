"""The opened reports: one row each with 单位, 年度, 格式, the counts and a status icon; an
unreadable file shows its message. Rows appear when reading starts and fill in as results come."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from checks import SEVERITIES
from checks.finding import Finding
from pipeline import CheckResult

from .common import STATUS_NAMES, Marks, Role, active, icon, item_data, severity_name, worst

ModelIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("报告", "错误", "警告", "提示")
COUNT_COLUMNS = {1: "error", 2: "warning", 3: "info"}


@dataclass
class Entry:
    path: str
    state: str = "pending"                 # pending, done
    result: CheckResult | None = None
    sha256: str | None = None              # of the file content, for the marks
    marks: Marks = field(default_factory=dict)
    own_findings: list[Finding] = field(default_factory=list)  # before checks across reports

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    @property
    def status(self) -> str:
        if self.state != "done" or self.result is None:
            return "pending"
        if self.result.report is None:
            return "unreadable"
        return worst(f.severity for f in self.active_findings()) or "clean"

    def active_findings(self) -> list[Finding]:
        return active(self.result.findings, self.marks) if self.result is not None else []

    def count(self, severity: str) -> int:
        return sum(1 for f in self.active_findings() if f.severity == severity)

    def marks_summary(self) -> str:
        if self.result is None:
            return ""
        fps = {f.fingerprint for f in self.result.findings}
        marks = [m for fp, m in self.marks.items() if fp in fps]
        ok = sum(1 for m in marks if m.state == "confirmed")
        gone = sum(1 for m in marks if m.dismissed)
        return "　".join(s for s in (f"已核实 {ok}" if ok else "", f"已忽略 {gone}" if gone else "") if s)


class ReportListModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._grey = QBrush(QColor("#6b6b6b"))
        self._red = QBrush(QColor("#b3261e"))

    # -- entries ---------------------------------------------------------------------------
    def entries(self) -> list[Entry]:
        return list(self._entries)

    def entry(self, row: int) -> Entry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, path: str) -> int:
        key = os.path.normcase(os.path.abspath(path))
        for i, e in enumerate(self._entries):
            if os.path.normcase(os.path.abspath(e.path)) == key:
                return i
        return -1

    def add_pending(self, path: str) -> int:
        """A row for a file being read; an already opened file is read again in place."""
        row = self.row_of(path)
        if row >= 0:
            e = self._entries[row]
            e.state, e.result, e.own_findings = "pending", None, []
            self._row_changed(row)
            return row
        row = len(self._entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.append(Entry(path))
        self.endInsertRows()
        return row

    def set_result(self, path: str, result: CheckResult, sha256: str | None, marks: Marks) -> int:
        row = self.row_of(path)
        if row < 0:
            row = self.add_pending(path)
        e = self._entries[row]
        e.state, e.result, e.sha256, e.marks = "done", result, sha256, dict(marks)
        e.own_findings = list(result.findings)
        self._row_changed(row)
        return row

    def refresh(self, row: int) -> None:
        """The entry's findings or marks changed."""
        self._row_changed(row)

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._entries):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._entries[row]
            self.endRemoveRows()

    def remove_pending(self) -> int:
        """Drop the rows of files whose reading was cancelled."""
        n = 0
        for row in range(len(self._entries) - 1, -1, -1):
            if self._entries[row].state == "pending":
                self.remove(row)
                n += 1
        return n

    def clear(self) -> None:
        self.beginResetModel()
        self._entries = []
        self.endResetModel()

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section in COUNT_COLUMNS:
            return f"{severity_name(COUNT_COLUMNS[section])}条数（已忽略的不计）"
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self._entries[index.row()]
        col = index.column()
        r = e.result
        rep = r.report if r is not None else None
        if role == Role.ENTRY:
            return e
        if role == Role.STATUS:
            return e.status
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return self._title(index.row())
            return "" if rep is None else str(e.count(COUNT_COLUMNS[col]))
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return icon(e.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(e)
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if e.status == "unreadable" and col == 0:
                return self._red
            if col in COUNT_COLUMNS and rep is not None and e.count(COUNT_COLUMNS[col]) == 0:
                return self._grey
        return None

    def parts(self, row: int) -> tuple[str, str, str]:
        """(title, facts, second line) of a row: unit, 年度 and 格式, the file name or the message."""
        e = self._entries[row]
        r = e.result
        if e.state != "done" or r is None:
            return e.name, "", STATUS_NAMES["pending"]
        if r.report is None:
            return e.name, "", f"无法读取：{r.error or ''}"
        rep = r.report
        facts = f"{rep.year}年 · {rep.format.upper()}" if rep.year else f"年度未识别 · {rep.format.upper()}"
        second = e.name + (f" · {s}" if (s := e.marks_summary()) else "")
        return rep.unit or "（单位未识别）", facts, second

    def _title(self, row: int) -> str:
        title, facts, second = self.parts(row)
        return f"{title}\n{facts + ' · ' if facts else ''}{second}"

    def _tooltip(self, e: Entry) -> str:
        lines = [e.path, STATUS_NAMES[e.status]]
        r = e.result
        if r is not None and r.error:
            lines.append(r.error)
        elif r is not None:
            lines.append("　".join(f"{severity_name(s)} {e.count(s)}" for s in SEVERITIES))
            if s := e.marks_summary():
                lines.append(s)
        return "\n".join(lines)


class _TwoLines(QStyledItemDelegate):
    """The 报告 column: the unit in bold, under it the file name (or why it cannot be read)."""

    def sizeHint(self, option, index) -> QSize:
        fm = option.fontMetrics
        return QSize(fm.horizontalAdvance("清河县市场监督管理局") + 30, 2 * fm.lineSpacing() + 10)

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title, facts, second = index.model().parts(index.row())
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget).adjusted(0, 0, -4, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        bad = item_data(index, Role.STATUS) == "unreadable"
        text = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        grey = text if selected else QColor("#5f6368")
        fm = opt.fontMetrics
        line = fm.lineSpacing()
        top = opt.rect.top() + (opt.rect.height() - 2 * line) // 2
        painter.save()
        facts_w = fm.horizontalAdvance(facts) + 8 if facts else 0
        if facts:
            painter.setPen(grey)
            painter.drawText(rect.right() - facts_w + 8, top, facts_w, line, int(Qt.AlignmentFlag.AlignLeft), facts)
        head_font = QFont(opt.font)
        head_font.setBold(True)
        painter.setFont(head_font)
        painter.setPen(QColor("#b3261e") if bad and not selected else text)
        head = QFontMetrics(head_font).elidedText(title, Qt.TextElideMode.ElideRight, rect.width() - facts_w)
        painter.drawText(rect.left(), top, rect.width() - facts_w, line, int(Qt.AlignmentFlag.AlignLeft), head)
        painter.setFont(opt.font)
        painter.setPen(QColor("#b3261e") if bad and not selected else grey)
        tail = fm.elidedText(second, Qt.TextElideMode.ElideRight if bad else Qt.TextElideMode.ElideMiddle, rect.width())
        painter.drawText(rect.left(), top + line, rect.width(), line, int(Qt.AlignmentFlag.AlignLeft), tail)
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
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAllColumnsShowFocus(True)
        self.setItemDelegateForColumn(0, _TwoLines(self))
        self.setIconSize(QSize(18, 18))

    def setModel(self, model) -> None:  # type: ignore[override]
        super().setModel(model)
        h = self.header()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        fm = self.fontMetrics()
        for c in range(1, len(COLUMNS)):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            h.resizeSection(c, fm.horizontalAdvance("错误") + 14)
