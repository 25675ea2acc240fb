"""The findings of one report as a tree: severity → rule → finding, with counts at each level; in a
later round each finding is tagged 新问题 / 未整改 (轮次 column) and the earlier round's findings
now gone are listed under 上一轮已整改."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from checks import SEVERITIES
from checks.finding import Finding
from model.marks import Mark, Marks
from model.rounds import RoundState
from model.standard import TABLE_NAMES, describe_key, split_key

from .common import Role, finding_tooltip, icon, rule_title, severity_name

ModelIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("问题", "位置", "轮次", "标记")
ROUND_COLUMN, MARK_COLUMN = 2, 3
RESOLVED = "resolved"  # the severity slot of the 上一轮已整改 group and its rows


class _Node:
    __slots__ = ("children", "finding", "gone", "parent", "row", "rule", "severity")

    def __init__(self, parent: _Node | None, row: int, severity: str = "", rule: str = "",
                 finding: Finding | None = None, gone: dict[str, object] | None = None) -> None:
        self.parent = parent
        self.children: list[_Node] = []
        self.row = row
        self.severity = severity
        self.rule = rule
        self.finding = finding
        self.gone = gone   # an earlier round's finding now corrected (its JSON), under 上一轮已整改

    def add(self, **kw) -> _Node:
        node = _Node(self, len(self.children), **kw)
        self.children.append(node)
        return node

    def findings(self) -> list[Finding]:
        """The current findings under this node (the 上一轮已整改 rows are none)."""
        if self.finding is not None:
            return [self.finding]
        return [f for c in self.children for f in c.findings()]


class FindingsModel(QAbstractItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._root = _Node(None, 0)
        self._marks: Marks = {}
        self._rounds: dict[str, RoundState] | None = None   # None: the report's first round
        self._by_fp: dict[str, _Node] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._struck = QFont()
        self._struck.setStrikeOut(True)
        self._grey = QBrush(QColor("#7a7a7a"))
        self._red = QBrush(QColor("#b3261e"))     # 未整改: found again
        self._green = QBrush(QColor("#1e8e3e"))   # 已整改
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
    def set_findings(self, findings: list[Finding], marks: Marks, rounds: dict[str, RoundState] | None = None,
                     resolved: Sequence[dict[str, object]] = ()) -> None:
        """`rounds` (fingerprint -> state) and `resolved` (the earlier round's findings now gone)
        only for a later round of a report; None in its first round (no 轮次 tag then)."""
        self.beginResetModel()
        self._marks = dict(marks)
        self._rounds = dict(rounds) if rounds is not None else None
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
        if resolved and self._rounds is not None:
            gnode = self._root.add(severity=RESOLVED)
            for g in resolved:
                gnode.add(severity=RESOLVED, rule=str(g.get("rule", "")), gone=g)
        self.endResetModel()

    def round_state(self, f: Finding) -> RoundState | None:
        """新问题 / 未整改 of a finding in a later round; None in a first round."""
        return None if self._rounds is None else self._rounds.get(f.fingerprint, RoundState.NEW)

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
        if node.gone is not None:
            return _gone_text(node.gone, col)
        if f is None:
            return self._group_text(node) if col == 0 else (self._group_marks(node) if col == MARK_COLUMN else "")
        if col == 0:
            return f.message
        if col == 1:
            return _where(f)
        if col == ROUND_COLUMN:
            state = self.round_state(f)
            return state.label if state is not None else ""
        return mark.label() if mark else ""

    def _decoration(self, node: _Node, col: int, _mark: Mark | None):
        if node.severity == RESOLVED:
            return icon("clean") if col == 0 and node.gone is None else None
        return icon(node.severity) if col == 0 and (node.finding is not None or not node.rule) else None

    def _tooltip(self, node: _Node, _col: int, mark: Mark | None) -> str:
        f = node.finding
        if node.gone is not None:
            return f"【已整改】{rule_title(node.rule)}：{node.gone.get('message', '')}\n上一轮发现，本轮已不再出现。"
        if f is None:
            return self._group_text(node)
        state = self.round_state(f)
        tag = f"\n轮次：{state.label}" if state is not None else ""
        return finding_tooltip(f, mark) + (f"\n涉及：{describe_key(f.cells[0])}" if f.cells else "") + tag

    def _font(self, node: _Node, col: int, mark: Mark | None) -> QFont | None:
        if node.finding is None:
            return self._bold if node.gone is None else None
        return self._struck if mark is not None and mark.dismissed and col == 0 else None

    def _foreground(self, node: _Node, col: int, mark: Mark | None) -> QBrush | None:
        if node.gone is not None:
            return self._green if col == ROUND_COLUMN else self._grey
        if node.finding is not None and col == ROUND_COLUMN and self.round_state(node.finding) == RoundState.OPEN:
            return self._red
        return self._grey if mark is not None and mark.dismissed else None

    def _group_text(self, node: _Node) -> str:
        if node.severity == RESOLVED:
            return f"上一轮已整改（{len(node.children)}）"
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


def _gone_text(gone: dict[str, object], col: int) -> str:
    """A row of 上一轮已整改: the earlier finding's words and place, tagged 已整改."""
    if col == 0:
        return str(gone.get("message", ""))
    if col == 1:
        cells = gone.get("cells")
        return describe_key(str(cells[0])) if isinstance(cells, list) and cells else ""
    return RoundState.RESOLVED.label if col == ROUND_COLUMN else ""


def _where(f: Finding) -> str:
    """Where the finding is in the source; the table for a table finding placed nowhere."""
    loc = f.location.describe()
    if loc == "全文" and f.cells:
        table = split_key(f.cells[0])[0]
        return TABLE_NAMES.get(table, table)
    return loc

