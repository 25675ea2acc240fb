"""The county overview as a table model: one row per body (状态, 文件, 轮次, counts per severity,
上轮已整改). The summary itself is computed without Qt in archive.overview."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from archive.overview import BodyRow, Overview
from archive.timing import TIMING_COLUMNS, timing_cells
from checks import SEVERITIES, SEVERITY_NAMES
from checks.verdict import LOOKS, STATUS_FILLS

ModelIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("单位", "状态", "文件", "轮次", *(SEVERITY_NAMES[s] for s in SEVERITIES), "上轮已整改", *TIMING_COLUMNS)
STATUS_COLOURS = STATUS_FILLS
SEVERITY_COLOURS = {str(s): look.mark for s, look in LOOKS.items()}


class OverviewModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.overview: Overview | None = None

    @property
    def rows(self) -> list[BodyRow]:
        return self.overview.rows if self.overview is not None else []

    def set_overview(self, ov: Overview | None) -> None:
        self.beginResetModel()
        self.overview = ov
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def cell(self, row: int, col: int) -> object:
        r = self.rows[row]
        values: list[object] = [r.body, r.status, r.file, r.round or "", *(r.counts[s] for s in SEVERITIES), r.resolved or "",
                                *timing_cells(r.timing)]
        return values[col]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            v = self.cell(index.row(), index.column())
            return "" if v == "" else str(v)
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 1:
            return QBrush(QColor(STATUS_COLOURS.get(self.rows[index.row()].status, "#ffffff")))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def body_series(self) -> list[tuple[str, list[int]]]:
        """(body, counts per severity) of the bodies with findings, most first: the chart's bars."""
        rows = [r for r in self.rows if r.total]
        rows.sort(key=lambda r: (-r.counts["error"], -r.total))
        return [(r.body, [r.counts[s] for s in SEVERITIES]) for r in rows]

    def rule_series(self) -> list[tuple[str, list[int]]]:
        from export.overview import rule_label
        by_rule = self.overview.by_rule if self.overview is not None else {}
        merged: dict[str, int] = {}
        for rule, n in by_rule.items():  # Chinese names only: rules this version does not know are 其他问题
            merged[rule_label(rule)] = merged.get(rule_label(rule), 0) + n
        return [(name, [n]) for name, n in merged.items()]
