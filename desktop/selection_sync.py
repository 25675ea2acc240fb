"""Keeps the panes in step: the report chosen in the list fills the findings tree, the tables and
the source; a finding chosen selects its cells and boxes its place in the source; a cell chosen
shows its place and selects its first finding. Selections made here do not echo back."""
from __future__ import annotations

import os

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QTreeView

from checks.finding import Finding
from importers import formats
from model.document import Layout
from review.session import Entry
from ui.common import marked_cells
from ui.findings_model import FindingsModel
from ui.report_list import HintTreeView
from ui.report_list_model import ReportListModel
from ui.source_view import SourceView
from ui.tables_panel import TablesPanel

from . import detail

SELECT_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


class SelectionSync(QObject):
    finding_changed = Signal(object)   # the current Finding, or None

    def __init__(self, reports: ReportListModel, report_view: QTreeView, findings: FindingsModel,
                 findings_view: HintTreeView, findings_title: QLabel, tables: TablesPanel, source: SourceView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reports, self.report_view = reports, report_view
        self.findings, self.findings_view, self.findings_title = findings, findings_view, findings_title
        self.tables, self.source = tables, source
        self.entry: Entry | None = None   # the report shown
        self._quiet = False               # set while a finding is selected in code
        report_view.selectionModel().currentRowChanged.connect(self._on_report_current)
        findings_view.selectionModel().currentRowChanged.connect(self._on_finding_current)
        findings_view.clicked.connect(self._on_finding_clicked)
        self._shown_by_press = False  # the current finding changed under a mouse press: its click adds nothing
        tables.cell_selected.connect(self._on_cell)

    # -- reports ---------------------------------------------------------------------------
    def current_row(self) -> int:
        return self.report_view.currentIndex().row()

    def select_row(self, row: int, force: bool = False) -> None:
        idx = self.reports.index(row, 0)
        if not idx.isValid():
            return
        sm = self.report_view.selectionModel()
        if sm.currentIndex().row() == row and force:
            self.show_entry(self.reports.entry(row))
            return
        sm.setCurrentIndex(idx, SELECT_ROW)

    def _on_report_current(self, current: QModelIndex, _prev: QModelIndex) -> None:
        self.show_entry(self.reports.entry(current.row()) if current.isValid() else None)

    def show_entry(self, entry: Entry | None, keep_finding: bool = False) -> None:
        f = self.current_finding()
        keep = f.fingerprint if keep_finding and f is not None else None
        self.entry = entry
        r = entry.result if entry is not None else None
        if entry is None or r is None or r.report is None:
            self.findings.set_findings([], {})
            self.tables.set_report(None, [], {})
            self._show_no_report(entry)
        else:
            rounds = r.rounds if r.previous is not None else None  # a later round: each finding tagged
            self.findings.set_findings(r.findings, entry.marks, rounds, r.previous.resolved if r.previous is not None else ())
            self.findings_view.expandAll()
            self.tables.set_report(r.report, r.findings, entry.marks, rounds)
            if r.document is not None:
                self.source.set_document(r.document, r.report.notes)
            else:
                self.source.show_message("原文未保留。", f"原文：{entry.name}")
            self._select_first_finding(keep)
        self.update_title()

    def _show_no_report(self, entry: Entry | None) -> None:
        if entry is None:
            self.source.show_message("打开报告后，这里显示原文，并框出所选问题的位置。")
        elif entry.state == "cancelled":
            self.source.show_message(f"已取消读取“{entry.name}”。\n\n按 F5 或右键 → 重新读取。", f"原文：{entry.name}")
        elif not entry.finished or entry.result is None:
            self.source.show_message(f"正在读取“{entry.name}”…", f"原文：{entry.name}")
        else:
            error = entry.result.error
            self.tables.detail.setPlainText(f"无法读取“{entry.name}”：{error}")
            if _paged(entry.path):  # a scan, say: its pages all the same
                self.source.show_pages(entry.path, f"无法读取：{error}", f"原文：{entry.name}")
            else:
                self.source.show_message(f"无法读取“{entry.name}”\n\n{error}", f"原文：{entry.name}")

    def update_title(self) -> None:
        e = self.entry
        readable = e is not None and e.result is not None and e.result.report is not None
        self.findings_view.set_placeholder("未发现问题" if readable else "")
        self.findings_title.setText(detail.findings_title(e))

    def refresh_marks(self) -> None:
        marks = self.entry.marks if self.entry is not None else {}
        self.findings.set_marks(marks)
        self.tables.set_marks(marks)
        self.update_title()

    # -- findings --------------------------------------------------------------------------
    def current_finding(self) -> Finding | None:
        return self.findings.finding(self.findings_view.currentIndex())

    def _select_finding(self, idx: QModelIndex) -> None:
        self.findings_view.selectionModel().setCurrentIndex(idx, SELECT_ROW)
        self.findings_view.scrollTo(idx)

    def _select_first_finding(self, fingerprint: str | None = None) -> None:
        """The finding kept, else the first one not dismissed."""
        idx = self.findings.index_of(fingerprint) if fingerprint else QModelIndex()
        if not idx.isValid() and self.entry is not None:
            marks = self.entry.marks
            first = next((f for f in self.findings.all_findings()
                          if not ((m := marks.get(f.fingerprint)) and m.dismissed)), None)
            idx = self.findings.index_of(first.fingerprint) if first is not None else QModelIndex()
        if idx.isValid():
            self._select_finding(idx)
        else:
            self.tables.detail.setPlainText("未发现问题。" if self.findings.count() == 0 else "")

    def _on_finding_clicked(self, idx: QModelIndex) -> None:
        """A click on the current finding shows it again (after the source was scrolled away)."""
        if self._shown_by_press:
            self._shown_by_press = False
            return
        self._on_finding_current(idx, QModelIndex())

    def _on_finding_current(self, current: QModelIndex, _prev: QModelIndex) -> None:
        self._shown_by_press = QApplication.mouseButtons() != Qt.MouseButton.NoButton
        f = self.findings.finding(current)
        self.finding_changed.emit(f)
        if self._quiet or f is None or self.entry is None or self.entry.result is None:
            return
        self.tables.select_cells(marked_cells(f))  # the cells to change, not a right total of the relation
        places = detail.finding_places(f, self.entry.result.report)
        place = places[0]
        self.source.show_locations(places)
        self.tables.detail.setPlainText(detail.finding_detail(f, self.entry.marks.get(f.fingerprint), place))

    # -- cells -----------------------------------------------------------------------------
    def _on_cell(self, key: str) -> None:
        """The inspector picked a table cell: show its source place and its findings."""
        if self.entry is None or self.entry.result is None or self.entry.result.report is None:
            return
        report = self.entry.result.report
        cell = report.cells.get(key)
        self.source.show_location(cell.location if cell is not None else None)
        found = self.tables.models[key.split(".", 1)[0]].findings_at(key)
        self.tables.detail.setPlainText(detail.cell_detail(key, report, found, self.entry.marks))
        if not found:
            self.findings_view.selectionModel().clearSelection()
            return
        self._quiet = True
        try:
            self._select_finding(self.findings.index_of(found[0].fingerprint))
        finally:
            self._quiet = False


def _paged(path: str) -> bool:
    """A file of a fixed-layout format (the registry's PDF, OFD…) whose pages can be shown as they are."""
    fmt = formats.for_extension(path)
    return fmt is not None and fmt.layout is Layout.PAGED and os.path.isfile(path)
