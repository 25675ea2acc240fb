"""表二 / 表三 / 表四 of one Report as table models, with the official row and column labels.

Column 0 holds the row label; the data columns follow. Group rows (第二十条第（一）项,
（三）不予公开 …) carry no cells. Findings are indexed once per report by cell key, so `data()`
answers its roles in O(1).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from checks.finding import Finding
from model import standard, table_layout
from model.marks import Marks
from model.report import Report
from model.rounds import RoundState
from model.table_layout import LayoutRow

from .common import Role, finding_tooltip, format_number, icon, marked_cells, severity_brush, severity_name, worst

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TableRow:
    """A row of model.table_layout as the window shows it: its label indented as the form nests it."""
    label: str
    keys: tuple[str | None, ...] = ()      # one per data column; None: no cell there
    headers: tuple[str, ...] = ()          # a group row's column captions (表二)
    tooltip: str = ""

    @property
    def is_group(self) -> bool:
        return not self.keys


@dataclass(frozen=True)
class TableLayout:
    table: str                     # 't2', 't3', 't4'
    title: str                     # '表二'
    label_header: str
    columns: tuple[str, ...]       # data column captions
    column_tips: tuple[str, ...]
    rows: tuple[TableRow, ...]
    show_header: bool = True


def _wrap(caption: str) -> str:
    """Narrow columns: captions of four characters or more in lines of two (商业\n企业)."""
    if len(caption) < 4 or "（" in caption:
        return caption
    return "\n".join(caption[i:i + 2] for i in range(0, len(caption), 2))


def _indent(table: str, row: LayoutRow) -> str:
    """Indent row labels the way the printed table nests them."""
    label = row.label
    if table != "t3":
        return "　" * (len(row.path) - 1) + label
    if label.startswith("（"):
        return "　" + label
    if label[:1].isdigit():
        return "　　" + label
    return label


@cache
def layout(table: str) -> TableLayout:
    """The shared layout (model.table_layout) with the window's labels and tooltips."""
    shared = table_layout.layout(table)
    rows = tuple(TableRow(_indent(table, r), r.keys, r.headers, "" if r.is_group and table != "t3" else "／".join(r.path[-2:]))
                 for r in shared.rows)
    return TableLayout(table, shared.title, shared.label_header, shared.columns, shared.column_paths, rows,
                       shared.show_header)


TABLES = table_layout.TABLES


class ReportTableModel(QAbstractTableModel):
    """One of the three tables of a Report. Works with no report (every cell blank)."""

    def __init__(self, table: str, parent=None) -> None:
        super().__init__(parent)
        self.layout = layout(table)
        self._report: Report | None = None
        self._findings: list[Finding] = []
        self._marks: Marks = {}
        self._pos: dict[str, tuple[int, int]] = {}
        for r, row in enumerate(self.layout.rows):
            for c, key in enumerate(row.keys):
                if key is not None:
                    self._pos[key] = (r, c + 1)
        self._by_key: dict[str, list[Finding]] = {}
        self._rounds: dict[str, RoundState] | None = None
        self._severity: dict[str, str] = {}
        self._primary: set[str] = set()
        self._group_font = QFont()
        self._group_font.setBold(True)
        self._group_brush = QBrush(QColor("#eef1f5"))
        self._missing_brush = QBrush(QColor("#f4f4f4"))
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._cell_roles: dict[int, Callable[[str, Any, str | None], object]] = {
            Qt.ItemDataRole.DisplayRole: self._cell_display,
            Qt.ItemDataRole.TextAlignmentRole: lambda _k, _c, _s: right,
            Qt.ItemDataRole.BackgroundRole: self._cell_background,
            Qt.ItemDataRole.DecorationRole: lambda k, _c, s: icon(s) if s is not None and k in self._primary else None,
            Qt.ItemDataRole.ToolTipRole: lambda k, c, _s: self._tooltip(k, c),
            Qt.ItemDataRole.AccessibleTextRole: self._cell_accessible,
            Role.KEY: lambda k, _c, _s: k,
            Role.FINDINGS: lambda k, _c, _s: list(self._by_key.get(k, [])),
            Role.SEVERITY: lambda _k, _c, s: s,
            Role.PRIMARY: lambda k, _c, _s: k in self._primary,
            Role.LOCATION: lambda _k, c, _s: c.location if c is not None else None,
        }

    # -- contents --------------------------------------------------------------------------
    def set_report(self, report: Report | None, findings: list[Finding], marks: Marks,
                   rounds: dict[str, RoundState] | None = None) -> None:
        """`rounds` (fingerprint -> 新问题/未整改) for a later round of the report: the tooltips tag each finding."""
        self.beginResetModel()
        self._rounds = dict(rounds) if rounds is not None else None
        self._report = report
        self._findings = list(findings)
        self._marks = dict(marks)
        self._reindex()
        self.endResetModel()

    def set_marks(self, marks: Marks) -> None:
        self._marks = dict(marks)
        self._reindex()
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def _reindex(self) -> None:
        by_key: dict[str, list[Finding]] = {}
        severity: dict[str, list[str]] = {}
        primary: set[str] = set()
        for f in self._findings:
            dismissed = (m := self._marks.get(f.fingerprint)) is not None and m.dismissed
            coloured = marked_cells(f)
            # a correction's cells are all primary; otherwise the finding's first cell
            strong = set(coloured) if (f.fix or f.suspects) else set(f.cells[:1])
            for key in dict.fromkeys([*f.cells, *coloured]):
                if key not in self._pos:
                    continue
                by_key.setdefault(key, []).append(f)
                if not dismissed and key in coloured:
                    severity.setdefault(key, []).append(f.severity)
                    if key in strong:
                        primary.add(key)
        self._by_key = by_key
        self._severity = {k: s for k, v in severity.items() if (s := worst(v))}
        self._primary = primary

    # -- lookups ---------------------------------------------------------------------------
    def key_at(self, index: ModelIndex) -> str | None:
        if not index.isValid() or index.column() == 0:
            return None
        keys = self.layout.rows[index.row()].keys
        c = index.column() - 1
        return keys[c] if c < len(keys) else None

    def index_of_key(self, key: str) -> QModelIndex:
        pos = self._pos.get(key)
        return self.index(*pos) if pos else QModelIndex()

    def has_key(self, key: str) -> bool:
        return key in self._pos

    def findings_at(self, key: str) -> list[Finding]:
        return self._by_key.get(key, [])

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.layout.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 1 + len(self.layout.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.layout.label_header if section == 0 else _wrap(self.layout.columns[section - 1])
            if role == Qt.ItemDataRole.ToolTipRole and section > 0:
                return self.layout.column_tips[section - 1] or None
        elif role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == 0 or self.key_at(index) is not None:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.layout.rows[index.row()]
        col = index.column()
        if col == 0:
            return self._label_data(row, role)
        key = self.key_at(index)
        if key is None:
            return self._blank_data(row, col, role)
        handler = self._cell_roles.get(role)
        if handler is None:
            return None
        cell = self._report.cells.get(key) if self._report is not None else None
        return handler(key, cell, self._severity.get(key))

    # one handler per role of a data cell: (key, the report's cell or None, severity or None) -> value
    def _cell_display(self, _key: str, cell, _sev: str | None) -> str:
        if cell is None:
            return ""
        return format_number(cell.value) if cell.value is not None else cell.raw

    def _cell_background(self, key: str, cell, sev: str | None) -> QBrush | None:
        if sev is not None:
            return severity_brush(sev, key in self._primary)
        return self._missing_brush if (cell is None and self._report is not None) else None

    def _cell_accessible(self, key: str, cell, sev: str | None) -> str:
        text = "" if cell is None else (cell.raw or "空白")
        return f"{standard.describe_key(key)}：{text}" + (f"，{severity_name(sev)}" if sev else "")

    def _label_data(self, row: TableRow, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return row.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or row.label.strip()
        if role == Qt.ItemDataRole.FontRole and row.is_group:
            return self._group_font
        if role == Qt.ItemDataRole.BackgroundRole and row.is_group:
            return self._group_brush
        return None

    def _blank_data(self, row: TableRow, col: int, role: int):
        if row.is_group:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and col - 1 < len(row.headers):
                return row.headers[col - 1]
            if role == Qt.ItemDataRole.FontRole:
                return self._group_font
            if role == Qt.ItemDataRole.BackgroundRole:
                return self._group_brush
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _tooltip(self, key: str, cell) -> str:
        lines = [standard.describe_key(key)]
        if self._report is None:
            return lines[0]
        if cell is None:
            lines.append("报告中未找到这一格。")
        else:
            lines.append(f"填写：{cell.raw or '（空白）'}　位置：{cell.location.describe()}")
            if cell.note:
                lines.append(cell.note)
        for f in self._by_key.get(key, []):
            tag = f"［{self._rounds.get(f.fingerprint, RoundState.NEW).label}］" if self._rounds is not None else ""
            lines.append(tag + finding_tooltip(f, self._marks.get(f.fingerprint)))
        return "\n".join(lines)
