"""The findings of one report as a tree: severity → rule → finding, with counts at each level."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from checks import SEVERITIES
from checks.finding import Finding
from model.marks import Mark, Marks
from model.standard import TABLE_NAMES, describe_key, split_key

from .common import Role, finding_tooltip, icon, rule_title, severity_name

ModelIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("问题", "位置", "标记")


class _Node:
    __slots__ = ("children", "finding", "parent", "row", "rule", "severity")

    def __init__(self, parent: _Node | None, row: int, severity: str = "", rule: str = "",
                 finding: Finding | None = None) -> None:
        self.parent = parent
        self.children: list[_Node] = []
        self.row = row
        self.severity = severity
        self.rule = rule
        self.finding = finding

    def add(self, **kw) -> _Node:
        node = _Node(self, len(self.children), **kw)
        self.children.append(node)
        return node

    def findings(self) -> list[Finding]:
        if self.finding is not None:
            return [self.finding]
        return [f for c in self.children for f in c.findings()]


class FindingsModel(QAbstractItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._root = _Node(None, 0)
        self._marks: Marks = {}
        self._by_fp: dict[str, _Node] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._struck = QFont()
        self._struck.setStrikeOut(True)
        self._grey = QBrush(QColor("#7a7a7a"))
        self._roles: dict[int, Callable[[_Node, int, Mark | None], object]] = {
            Qt.ItemDataRole.DisplayRole: self._display,
            Qt.ItemDataRole.DecorationRole: self._decoration,
            Qt.ItemDataRole.ToolTipRole: self._tooltip,
            Qt.ItemDataRole.FontRole: self._font,
            Qt.ItemDataRole.ForegroundRole: self._foreground,
            Role.FINDING: lambda node, _c, _m: node.finding,
            Role.SEVERITY: lambda node, _c, _m: node.severity,
            Role.MARK: lambda _n, _c, mark: mark,
        }

    # -- contents --------------------------------------------------------------------------
    def set_findings(self, findings: list[Finding], marks: Marks) -> None:
        self.beginResetModel()
        self._marks = dict(marks)
        self._root = _Node(None, 0)
        self._by_fp = {}
        for sev in SEVERITIES:
            mine = [f for f in findings if f.severity == sev]
            if not mine:
                continue
            snode = self._root.add(severity=sev)
            rules: dict[str, _Node] = {}
            for f in mine:
                rnode = rules.get(f.rule)
                if rnode is None:
                    rnode = rules[f.rule] = snode.add(severity=sev, rule=f.rule)
                self._by_fp.setdefault(f.fingerprint, rnode.add(severity=sev, rule=f.rule, finding=f))
        self.endResetModel()

    def set_marks(self, marks: Marks) -> None:
        self._marks = dict(marks)
        self._changed(QModelIndex())

    def _changed(self, parent: QModelIndex) -> None:
        n = self.rowCount(parent)
        if n:
            self.dataChanged.emit(self.index(0, 0, parent), self.index(n - 1, len(COLUMNS) - 1, parent))
            for r in range(n):
                self._changed(self.index(r, 0, parent))

    def index_of(self, fingerprint: str) -> QModelIndex:
        node = self._by_fp.get(fingerprint)
        return self.createIndex(node.row, 0, node) if node is not None else QModelIndex()

    def finding(self, index: ModelIndex) -> Finding | None:
        return self._node(index).finding if index.isValid() else None

    def all_findings(self) -> list[Finding]:
        return self._root.findings()

    def count(self) -> int:
        return len(self._by_fp)

    # -- Qt model --------------------------------------------------------------------------
    def _node(self, index: ModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= len(COLUMNS) or (parent.isValid() and parent.column() != 0):
            return QModelIndex()
        p = self._node(parent)
        if 0 <= row < len(p.children):
            return self.createIndex(row, column, p.children[row])
        return QModelIndex()

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        p = self._node(index).parent
        if p is None or p is self._root:
            return QModelIndex()
        return self.createIndex(p.row, 0, p)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        handler = self._roles.get(role)
        if not index.isValid() or handler is None:
            return None
        node = self._node(index)
        f = node.finding
        return handler(node, index.column(), self._marks.get(f.fingerprint) if f is not None else None)

    # one handler per role: (node, column, the finding's mark) -> value
    def _display(self, node: _Node, col: int, mark: Mark | None) -> str:
        f = node.finding
        if f is None:
            return self._group_text(node) if col == 0 else ("" if col == 1 else self._group_marks(node))
        if col == 0:
            return f.message
        if col == 1:
            return _where(f)
        return mark.label() if mark else ""

    def _decoration(self, node: _Node, col: int, _mark: Mark | None):
        return icon(node.severity) if col == 0 and (node.finding is not None or not node.rule) else None

    def _tooltip(self, node: _Node, _col: int, mark: Mark | None) -> str:
        f = node.finding
        if f is None:
            return self._group_text(node)
        return finding_tooltip(f, mark) + (f"\n涉及：{describe_key(f.cells[0])}" if f.cells else "")

    def _font(self, node: _Node, col: int, mark: Mark | None) -> QFont | None:
        if node.finding is None:
            return self._bold
        return self._struck if mark is not None and mark.dismissed and col == 0 else None

    def _foreground(self, _node: _Node, _col: int, mark: Mark | None) -> QBrush | None:
        return self._grey if mark is not None and mark.dismissed else None

    def _group_text(self, node: _Node) -> str:
        n = len(node.findings())
        if node.rule:
            return f"{rule_title(node.rule)}（{n}）"
        return f"{severity_name(node.severity)}（{n}）"

    def _group_marks(self, node: _Node) -> str:
        marks = [m for f in node.findings() if (m := self._marks.get(f.fingerprint))]
        parts = []
        ok = sum(1 for m in marks if m.state == "confirmed")
        gone = sum(1 for m in marks if m.dismissed)
        if ok:
            parts.append(f"已核实 {ok}")
        if gone:
            parts.append(f"已忽略 {gone}")
        return "，".join(parts)


def _where(f: Finding) -> str:
    """Where the finding is in the source; the table for a table finding placed nowhere."""
    loc = f.location.describe()
    if loc == "全文" and f.cells:
        table = split_key(f.cells[0])[0]
        return TABLE_NAMES.get(table, table)
    return loc

