"""The county overview workbook: 县域总览 (one row per body: status, counts, round) with the chart
of findings per body, and 按问题类别 (findings per rule) with its chart — the pictures an
inspector puts in a 通报."""
from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.worksheet.worksheet import Worksheet

from archive.overview import Overview
from checks.finding import SEVERITIES, SEVERITY_NAMES

from . import styles as st
from .atomic import save_atomic
from .cell_text import put
from .requirements import rule_name

BODY_COLUMNS = (("序号", 6), ("单位", 26), ("状态", 9), ("文件名", 26), ("轮次", 6),
                *((SEVERITY_NAMES[s], 7) for s in SEVERITIES), ("上轮已整改", 10))
RULE_COLUMNS = (("问题类别", 22), ("规则", 22), ("问题数", 8))
SEVERITY_CHART_COLOURS = {"error": "C0504D", "warning": "F2B134", "info": "4F81BD"}


def build_overview_workbook(ov: Overview) -> Workbook:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "县域总览"
    _bodies_sheet(ws, ov)
    _rules_sheet(wb.create_sheet("按问题类别"), ov)
    return wb


def _bodies_sheet(ws: Worksheet, ov: Overview) -> None:
    """县域总览: the title, the status counts, one row per body, and the chart of its findings."""
    put(ws.cell(1, 1), f"{ov.year}年度政府信息公开工作年度报告审校总览").font = st.TITLE
    counts = ov.status_counts()
    put(ws.cell(2, 1), "　".join(f"{s} {n}" for s, n in counts.items())).font = st.SMALL
    widths = [w for _, w in BODY_COLUMNS]
    st.header_row(ws, 3, [h for h, _ in BODY_COLUMNS], widths)
    for i, r in enumerate(ov.rows, start=1):
        values: list[object] = [i, r.body, r.status, r.file, r.round or "", *(r.counts[s] for s in SEVERITIES), r.resolved or ""]
        for col, v in enumerate(values, start=1):
            st.body_cell(ws, 3 + i, col, v)
    if ov.rows:
        _bodies_chart(ws, len(ov.rows))
    st.page_setup(ws, "3:3")


def _bodies_chart(ws: Worksheet, n_rows: int) -> None:
    """Findings per body, stacked by severity, below the table (header in row 3, `n_rows` bodies)."""
    last = 3 + n_rows
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
    chart.title, chart.y_axis.title = "各单位问题数", "问题数"
    chart.add_data(Reference(ws, min_col=6, max_col=5 + len(SEVERITIES), min_row=3, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=4, max_row=last))
    for series, sev in zip(chart.series, SEVERITIES):
        series.graphicalProperties.solidFill = SEVERITY_CHART_COLOURS[sev]
    chart.height, chart.width = max(7.5, 0.6 * n_rows + 3), 18
    ws.add_chart(chart, f"A{last + 3}")


def _rules_sheet(rules: Worksheet, ov: Overview) -> None:
    """按问题类别: findings per rule, and their chart."""
    st.header_row(rules, 1, [h for h, _ in RULE_COLUMNS], [w for _, w in RULE_COLUMNS])
    for i, (rule, n) in enumerate(ov.by_rule.items(), start=2):
        for col, v in enumerate((rule_name(rule) or rule, rule, n), start=1):
            st.body_cell(rules, i, col, v)
    if ov.by_rule:
        chart = BarChart()
        chart.type, chart.title, chart.legend = "bar", "各类问题数", None
        n = len(ov.by_rule) + 1
        chart.add_data(Reference(rules, min_col=3, min_row=1, max_row=n), titles_from_data=True)
        chart.set_categories(Reference(rules, min_col=1, min_row=2, max_row=n))
        chart.height, chart.width = max(7.5, 0.6 * len(ov.by_rule) + 3), 18
        rules.add_chart(chart, "E2")
    st.page_setup(rules, "1:1")


def write_overview_workbook(ov: Overview, out_path: str | os.PathLike[str]) -> Path:
    wb = build_overview_workbook(ov)

    def write(f: IO[bytes]) -> None:
        wb.save(f)

    return save_atomic(write, out_path)
