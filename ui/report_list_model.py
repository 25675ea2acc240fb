"""The opened reports as a table model: one row each with 单位, 年度, 格式, the counts and a status
icon; an unreadable file shows its message. The rows are those of an entry list the window's
session holds (review.session.EntryList); this model only tells the views when they change."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from checks import SEVERITIES
from checks.verdict import needs_correction
from model.marks import Marks
from pipeline import CheckResult

from .common import STATUS_NAMES, Role, icon, severity_name

ModelIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("报告", "错误", "警告", "提示")
COUNT_COLUMNS = {1: "error", 2: "warning", 3: "info"}
FILTER_ALL = "all"
CANCELLED_TEXT = "已取消读取（右键 → 重新读取，或按 F5）"
FILTERS = (("全部报告", FILTER_ALL), ("需整改", "needs_fix"), ("无法读取", "unreadable"), ("有错误", "error"),
           ("有警告", "warning"), ("有提示", "info"), ("两份同年度报告", "duplicate"))


class ReportEntry(Protocol):
    """What a row shows of one opened file (review.session.Entry)."""

    path: str
    result: CheckResult | None

    @property
    def name(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def finished(self) -> bool: ...
    def count(self, severity: str) -> int: ...
    def marks_summary(self) -> str: ...
    def round_summary(self) -> str: ...
    def active_findings(self) -> list[Any]: ...
    def superseded_note(self) -> str: ...
    def round_counts(self) -> tuple[int, int, int] | None: ...
    version: Any   # the archive's version (its round), or None
    duplicate: bool
    missing: bool


class ReportEntries(Protocol):
    """The rows (review.session.EntryList)."""

    def __len__(self) -> int: ...
    def __iter__(self) -> Any: ...
    def __getitem__(self, row: int) -> Any: ...
    def row_of(self, path: str) -> int: ...
    def queue(self, path: str) -> tuple[int, bool]: ...
    def set_result(self, row: int, result: CheckResult, sha256: str | None, marks: Marks) -> Any: ...
    def remove(self, row: int) -> None: ...
    def sort(self, key: Callable[[Any], Any], reverse: bool = False) -> None: ...
    def cancel_queued(self) -> list[int]: ...
    def clear(self) -> None: ...


class ReportListModel(QAbstractTableModel):
    def __init__(self, entries: ReportEntries, parent=None) -> None:
        super().__init__(parent)
        self._entries = entries
        self._grey = QBrush(QColor("#6b6b6b"))
        self._red = QBrush(QColor("#b3261e"))
        self._roles: dict[int, Callable[[ReportEntry, int, int], object]] = {
            Role.ENTRY: lambda e, _c, _r: e,
            Role.STATUS: lambda e, _c, _r: e.status,
            Qt.ItemDataRole.DisplayRole: self._display,
            Qt.ItemDataRole.DecorationRole: lambda e, c, _r: self._icon(e) if c == 0 else None,
            Qt.ItemDataRole.ToolTipRole: lambda e, _c, _r: self._tooltip(e),
            Qt.ItemDataRole.TextAlignmentRole: lambda _e, c, _r: int(Qt.AlignmentFlag.AlignCenter) if c > 0 else None,
            Qt.ItemDataRole.ForegroundRole: self._foreground,
        }

    # -- entries ---------------------------------------------------------------------------
    def entries(self) -> list[Any]:
        return list(self._entries)

    def entry(self, row: int) -> Any:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, path: str) -> int:
        return self._entries.row_of(path)

    def add_pending(self, path: str) -> int:
        """A row for a file being read; an already opened file is read again in place."""
        row = self._entries.row_of(path)
        if row >= 0:
            self._entries.queue(path)
            self._row_changed(row)
            return row
        row = len(self._entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.queue(path)
        self.endInsertRows()
        return row

    def set_result(self, path: str, result: CheckResult, sha256: str | None, marks: Marks) -> int:
        row = self._entries.row_of(path)
        if row < 0:
            row = self.add_pending(path)
        self._entries.set_result(row, result, sha256, marks)
        self._row_changed(row)
        return row

    def refresh(self, row: int) -> None:
        """The entry's findings or marks changed."""
        if 0 <= row < len(self._entries):
            self._row_changed(row)

    def refresh_entries(self, entries: Iterable[Any]) -> None:
        for e in entries:
            self.refresh(self._entries.row_of(e.path))

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._entries):
            self.beginRemoveRows(QModelIndex(), row, row)
            self._entries.remove(row)
            self.endRemoveRows()

    def remove_pending(self) -> int:
        """Reading was cancelled: the files not read yet stay as 已取消 rows, to be read again one by one."""
        rows = self._entries.cancel_queued()
        for row in rows:
            self._row_changed(row)
        return len(rows)

    def clear(self) -> None:
        self.beginResetModel()
        self._entries.clear()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By 报告 (单位, then file name) or by a count; unread and unreadable files last either way."""
        def readable(e: Any) -> bool:
            return e.result is not None and e.result.report is not None

        def key(e: Any) -> tuple[object, ...]:
            if not readable(e):
                return ("", e.name) if column == 0 else (0, e.name)
            return (e.result.report.unit or "", e.name) if column == 0 else (e.count(COUNT_COLUMNS[column]), e.name)

        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        before = [self._entries[i.row()] for i in old]
        self._entries.sort(key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._entries.sort(lambda e: not readable(e))  # stable: the files without a report stay last
        pos = {id(e): i for i, e in enumerate(self._entries)}
        self.changePersistentIndexList(old, [self.index(pos[id(e)], i.column()) for e, i in zip(before, old)])
        self.layoutChanged.emit()

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
        handler = self._roles.get(role)
        if not index.isValid() or handler is None:
            return None
        return handler(self._entries[index.row()], index.column(), index.row())

    def _display(self, e: ReportEntry, col: int, row: int) -> str:
        if col == 0:
            return self._title(row)
        readable = e.result is not None and e.result.report is not None
        return str(e.count(COUNT_COLUMNS[col])) if readable else ""

    @staticmethod
    def _icon(e: ReportEntry):
        """The status icon; an earlier round replaced by a later one is greyed (its findings are no longer due)."""
        return icon("dismissed") if e.superseded_note() else icon(e.status)

    def _foreground(self, e: ReportEntry, col: int, _row: int) -> QBrush | None:
        if col == 0:
            return self._red if e.status in ("unreadable", "missing") else None
        readable = e.result is not None and e.result.report is not None
        return self._grey if readable and e.count(COUNT_COLUMNS[col]) == 0 else None

    def parts(self, row: int) -> tuple[str, str, str]:
        """(title, facts, second line) of a row: unit, 年度 and 格式, the file name or the message."""
        e = self._entries[row]
        r = e.result
        if getattr(e, "state", "") == "cancelled":
            return e.name, "", CANCELLED_TEXT
        if not e.finished or r is None:
            return e.name, "", STATUS_NAMES["pending"]
        if getattr(e, "missing", False):
            return e.name, "", f"{STATUS_NAMES['missing']}（按此前读取的内容显示）"
        if r.report is None:
            return e.name, "", f"无法读取：{r.error or ''}"
        rep = r.report
        facts = f"{rep.year}年 · {rep.format.upper()}" if rep.year else f"年度未识别 · {rep.format.upper()}"
        if e.duplicate:
            facts += " · 两份同年度报告"
        if note := e.superseded_note():
            facts += f" · {note}"
        second = " · ".join(x for x in (e.name, e.round_summary(), e.marks_summary()) if x)
        return rep.unit or "（单位未识别）", facts, second

    def lines(self, row: int) -> tuple[str, str, str]:
        """What the list draws of a row: the body; the year, format, round and marks (or why it is
        not read); the file name, on a line of its own so that it is seen whole."""
        title, facts, second = self.parts(row)
        e = self._entries[row]
        if not facts:  # not read, cancelled, missing or unreadable: the title is the file name
            return title, second, ""
        rep = e.result.report
        facts = f"{rep.year}年 · {rep.format.upper()}" if rep.year else f"年度未识别 · {rep.format.upper()}"
        # the round first: the narrow list cuts the end of the line, and the round is what tells the rows apart
        return title, " · ".join(x for x in (self._round_short(e), facts, e.marks_summary()) if x), e.name

    @staticmethod
    def _round_short(e: ReportEntry) -> str:
        """The round as the list's narrow line says it: replaced by a later round, or this round's
        counts (第 2 轮：已改 2 · 未改 3 · 新 1); two reports of one year that are no rounds."""
        if note := e.superseded_note():
            return note
        counts = e.round_counts()
        if counts is not None and e.version is not None:
            return f"第 {e.version.round} 轮：未整改 {counts[1]} · 新 {counts[2]} · 已改 {counts[0]}"
        return "两份同年度报告" if e.duplicate else ""

    def matches(self, row: int, text: str = "", kind: str = FILTER_ALL) -> bool:
        """Whether a row passes the list's search (body or file name) and filter (FILTERS, or "rule:ID")."""
        e = self._entries[row]
        r = e.result
        unit = r.report.unit if r is not None and r.report is not None else ""
        if text and text.casefold() not in f"{unit or ''} {e.name}".casefold():
            return False
        if kind == FILTER_ALL:
            return True
        if kind == "unreadable":
            return e.status == "unreadable"
        if kind == "duplicate":
            return bool(e.duplicate)
        if kind == "needs_fix":
            return needs_correction(f.severity for f in e.active_findings())
        if kind in SEVERITIES:
            return e.count(kind) > 0
        if kind.startswith("rule:"):
            return any(f.rule == kind[5:] for f in e.active_findings())
        return True

    def _title(self, row: int) -> str:
        title, facts, second = self.parts(row)
        return f"{title}\n{facts + ' · ' if facts else ''}{second}"

    @staticmethod
    def _resolved(r: CheckResult) -> list[str]:
        """The earlier round's findings now gone (已整改), named as the inspector knows them."""
        from checks.catalogue import rule_info
        gone = r.previous.resolved if r.previous is not None else ()
        if not gone:
            return []
        names = [rule_info(str(f.get("rule", ""))).name for f in gone if isinstance(f, dict)]
        return [f"上一轮（{r.previous.file if r.previous else ''}）的问题已整改：" + "、".join(names[:8])
                + ("等" if len(names) > 8 else "")]

    def _tooltip(self, e: ReportEntry) -> str:
        status = CANCELLED_TEXT if getattr(e, "state", "") == "cancelled" else STATUS_NAMES[e.status]
        if note := e.superseded_note():  # an earlier round: what it showed is no longer what is due
            later = getattr(e, "superseded_by", None)
            status = f"{note}（最新一轮：{later.file}），本份结论仅供对照" if later is not None else note
        lines = [e.path, status]
        r = e.result
        if r is not None and r.error:
            lines.append(r.error)
        elif r is not None:
            lines.append("　".join(f"{severity_name(s)} {e.count(s)}" for s in SEVERITIES))
            for s in (e.round_summary(), e.marks_summary(), "同一单位同一年度打开了两份不同的报告" if e.duplicate else ""):
                if s:
                    lines.append(s)
            lines.extend(self._resolved(r))
        return "\n".join(lines)
