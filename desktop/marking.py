"""Marking findings in the window: 已核实 / 忽略 (with a reason) / 取消, one or many at once (a group row
stands for its findings), then the next unmarked one; finding a finding by its words. The marks are
the session's (review.session); this only routes the inspector's choice to it."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint
from PySide6.QtWidgets import QDialog, QInputDialog, QMenu

from checks.finding import Finding

from . import copied_text

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)


class Marking:
    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.compare_dialog: QDialog | None = None  # 正文对照 of a COPIED-TEXT finding (desktop.copied_text)
        window.findings_view.customContextMenuRequested.connect(self._findings_menu)
        window.findings_view.selectionModel().selectionChanged.connect(lambda *_a: self.update_enabled())

    def update_enabled(self, _current: object = None) -> None:
        """已核实 / 忽略 / 取消 (Ctrl+1/2/0) work on a finding and on a group row (单元格填写（3）: its findings)."""
        self.w.commands.set_marking_enabled(bool(self.selected_findings()))

    def selected_findings(self) -> list[Finding]:
        """The findings selected in the tree (a rule or severity group stands for all its findings),
        else the current one."""
        out: dict[str, Finding] = {}

        def take(idx: QModelIndex) -> None:
            f = self.w.findings.finding(idx)
            if f is not None:
                out.setdefault(f.fingerprint, f)
                return
            for r in range(self.w.findings.rowCount(idx)):
                take(self.w.findings.index(r, 0, idx))

        for idx in self.w.findings_view.selectionModel().selectedRows(0):
            take(idx)
        current = self.w.findings_view.currentIndex()
        if not out and current.isValid():  # nothing selected: the current row (a finding, or a group: its findings)
            take(current.siblingAtColumn(0))
        return list(out.values())

    def mark_current(self, state: str | None, reason: str | None = None) -> None:
        """Mark the selected findings (one or many); 忽略 asks for a reason unless one is given."""
        found, e = self.selected_findings(), self.w.sync.entry
        if not found or e is None:
            return
        if not e.sha256:
            self.w.message("warning", "无法保存标记", "无法读取该文件的内容指纹，标记不能保存。")
            return
        if state == "dismissed" and reason is None:
            what = found[0].message if len(found) == 1 else f"所选的 {len(found)} 条问题"
            text, ok = QInputDialog.getText(self.w, "忽略此问题", f"{what}\n\n忽略的理由（可不填）：")
            if not ok:
                return
            reason = text.strip()
        try:
            changed = self.w.session.mark_many(e, [f.fingerprint for f in found], state, reason or "")
        except OSError as err:
            log.exception("marks not saved")
            self.w.message("warning", "标记未能保存", str(err))
            return
        self.w.reports.refresh_entries(changed)
        self.w.sync.refresh_marks()
        label = e.marks[found[0].fingerprint].label() if state else ""
        self.w.statusBar().showMessage((f"已标记 {len(found)} 条：{label}" if len(found) > 1 else f"已标记：{label}")
                                     if state else "已取消标记", 5000)
        if state is not None:
            self._next_unmarked(found[-1])

    def _next_unmarked(self, after: Finding) -> None:
        """After marking, the next finding without a mark becomes current (none left: stay)."""
        e = self.w.sync.entry
        order = self.w.findings.all_findings()
        fps = [f.fingerprint for f in order]
        start = fps.index(after.fingerprint) + 1 if after.fingerprint in fps else 0
        marks = e.marks if e is not None else {}
        nxt = next((f for f in order[start:] + order[:start] if f.fingerprint not in marks), None)
        if nxt is not None:
            idx = self.w.findings.index_of(nxt.fingerprint)
            self.w.findings_view.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.w.findings_view.scrollTo(idx)

    def _matching(self, text: str) -> list[Finding]:
        from ui.common import rule_title
        key = text.casefold()
        return [f for f in self.w.findings.all_findings()
                if key in f"{f.message} {rule_title(f.rule)} {getattr(f, 'quote', '') or ''}".casefold()]

    def find_position(self, text: str) -> tuple[int, int]:
        """(n, m): the current finding is the n-th of the m findings holding `text`."""
        hits = [f.fingerprint for f in self._matching(text)]
        cur = self.w.current_finding()
        return (hits.index(cur.fingerprint) + 1 if cur is not None and cur.fingerprint in hits else 0), len(hits)

    def find_finding(self, text: str, backward: bool = False) -> bool:
        """The next finding whose message, rule name or quoted sentence holds `text`, made current."""
        order = self.w.findings.all_findings()
        if not order:
            return False
        cur = self.w.current_finding()
        fps = [f.fingerprint for f in order]
        at = fps.index(cur.fingerprint) if cur is not None and cur.fingerprint in fps else -1
        hits = {f.fingerprint for f in self._matching(text)}
        n = len(order)
        for k in range(1, n + 1):
            f = order[(at + (-k if backward else k)) % n]
            if f.fingerprint in hits:
                idx = self.w.findings.index_of(f.fingerprint)
                self.w.findings_view.selectionModel().setCurrentIndex(
                    idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.w.findings_view.scrollTo(idx)
                return True
        return False

    def _findings_menu(self, pos: QPoint) -> None:
        if not self.w.findings_view.indexAt(pos).isValid() or not self.selected_findings():
            return
        menu = QMenu(self.w)
        f = self.w.findings.finding(self.w.findings_view.indexAt(pos))
        if f is not None and f.rule == copied_text.RULE:  # 全文 is no place to look: the two texts side by side
            menu.addAction("并排对照两份报告正文…").triggered.connect(lambda: copied_text.show(self.w, f))
            menu.addSeparator()
        menu.addActions(self.w.commands.marking)
        menu.addMenu(self.w.commands.reasons_menu(menu))
        menu.popup(self.w.findings_view.viewport().mapToGlobal(pos))
