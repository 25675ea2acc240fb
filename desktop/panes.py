"""The window's panes: the report list with its filter, the tables over the findings (with their find
bar), the original; how they share the width. Built here, routed by the main window."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel

from ui.find_bar import FindBar
from ui.report_list import HintTreeView, ReportFilterBar, ReportListView
from ui.source_view import SourceView
from ui.tables_panel import TablesPanel
from ui.view_tools import stacked

from .widgets import splitter, titled

if TYPE_CHECKING:
    from .main_window import MainWindow


def build_panes(w: MainWindow, find_finding: Callable[[str, bool], bool]) -> None:
    """The panes, set on the window as report_view, findings_view, findings_title, findings_find,
    tables, source, report_filter, center and main_split."""
    w.report_view = ReportListView()
    w.report_view.setModel(w.reports)
    w.report_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    w.findings_view = _findings_view(w)
    w.findings_title = QLabel("问题")
    w.findings_title.setWordWrap(True)  # the round line (第 2 轮：已整改 …) goes under the counts
    def position(text: str) -> tuple[int, int]:
        return w.marking.find_position(text)  # the marking is made after the panes

    w.findings_find = FindBar("在问题中查找（说明、规则、原文句子）", find_finding, position=position)
    w.tables = TablesPanel()
    w.center = splitter(Qt.Orientation.Vertical,
                        [(w.tables, 3), (titled(w.findings_title, stacked(w.findings_find, w.findings_view)), 2)])
    w.source = SourceView()
    w.report_filter = ReportFilterBar(w.report_view)
    w.report_filter.watch(w.reports)
    w.main_split = splitter(Qt.Orientation.Horizontal, [(titled("已打开的报告", stacked(w.report_filter, w.report_view)), 0),
                                                        (w.center, 1), (w.source, 1)])
    w.main_split.setChildrenCollapsible(False)
    w.setCentralWidget(w.main_split)


def _findings_view(w: MainWindow) -> HintTreeView:
    view = HintTreeView()
    view.setModel(w.findings)
    view.setUniformRowHeights(True)
    view.setAllColumnsShowFocus(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # bulk marking
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    fh = view.header()
    fh.setStretchLastSection(False)
    fh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for col, sample in ((1, "表格 2 第 27 行"), (2, "未整改"), (3, "已忽略：理由")):
        fh.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        fh.resizeSection(col, w.fontMetrics().horizontalAdvance(sample) + 12)
    return view


def fit_panes(w: MainWindow) -> None:
    """The report list two ninths of the width (at most 380), the tables the room 表三 needs, the rest the original."""
    total = sum(w.main_split.sizes()) or w.width()
    reports = max(240, min(380, total * 2 // 9))
    center = max(total * 2 // 5, min(w.tables.width_needed("t3"), (total - reports) * 3 // 5))
    w.main_split.setSizes([reports, center, max(200, total - reports - center)])
    height = sum(w.center.sizes()) or w.height()
    w.center.setSizes([height * 2 // 3, height - height * 2 // 3])
