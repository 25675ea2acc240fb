"""The county overview workbook: 县域总览 (one row per body, and one per unreadable file of no known
body: status, counts, round), 各单位问题数 (its chart, a page of its own), and 按问题类别 (findings per
rule, by the catalogue's Chinese names) with its chart — the pictures an inspector puts in a 通报.
Printed on A4 landscape, one page wide, the header row on every page, names wrapped (never cut,
never over the next row), a chart sized to fit one page and never split across pages."""
from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from archive.overview import Overview
from archive.timing import TIMING_COLUMNS, timing_cells
from checks.catalogue import CATALOGUE
from checks.finding import SEVERITIES, SEVERITY_NAMES

from . import styles as st
from .atomic import save_atomic
from .cell_text import put

BODY_COLUMNS = (("序号", 6), ("单位", 26), ("状态", 10), ("文件名", 44), ("轮次", 6),
                *((SEVERITY_NAMES[s], 7) for s in SEVERITIES), ("上轮已整改", 10), *zip(TIMING_COLUMNS, (17, 12, 14)))
RULE_COLUMNS = (("问题类别", 26), ("所属方面", 12), ("问题数", 8))
CENTERED = frozenset({"序号", "状态", "轮次", "上轮已整改", "问题数", *SEVERITY_NAMES.values(), *TIMING_COLUMNS[:2]})
SEVERITY_CHART_COLOURS = {"error": "C0504D", "warning": "F2B134", "info": "4F81BD"}
PAGE_CM = 15.5          # a chart's greatest height: what A4 landscape holds between its margins, with room to spare
CHART_WIDTH_CM = 24.0
BAR_CM = 0.8            # per bar, until the page is full
LABEL_PT = 8            # the bars' labels
BARS_PER_CHART = 25     # bodies a chart names, each by its label (LibreOffice skips labels of a fuller chart)
ROWS_PER_PAGE = 32      # rows of the chart sheet a page holds: one chart each
ROW_PT = 15.0
UNKNOWN_RULE = "其他问题"


def rule_label(rule: str) -> str:
    """A rule's Chinese name from the catalogue; a rule this version does not know is 其他问题."""
    info = CATALOGUE.get(rule)
    return info.name if info is not None else UNKNOWN_RULE


def build_overview_workbook(ov: Overview) -> Workbook:
    wb = st.fast_styles(Workbook())
    wb.properties.title = f"{ov.year}年度政府信息公开工作年度报告审校总览"
    ws = wb.active
    assert ws is not None
    ws.title = "县域总览"
    _bodies_sheet(ws, ov)
    if any(r.total for r in ov.rows):
        _bodies_charts(wb.create_sheet("各单位问题数"), ws, len(ov.rows))
    _rules_sheet(wb.create_sheet("按问题类别"), ov)
    return wb


def _bodies_sheet(ws: Worksheet, ov: Overview) -> None:
    """县域总览: the title, the status counts, one row per body, and the chart of its findings."""
    put(ws.cell(1, 1), f"{ov.year}年度政府信息公开工作年度报告审校总览").font = st.TITLE
    ws.row_dimensions[1].height = 24
    put(ws.cell(2, 1), ov.summary()).font = st.SMALL
    widths = [w for _, w in BODY_COLUMNS]
    st.set_widths(ws, widths)
    st.header_row(ws, 3, [h for h, _ in BODY_COLUMNS], widths)
    for i, r in enumerate(ov.rows, start=1):
        values: list[object] = [i, r.body, r.status, r.file, r.round or "", *(r.counts[s] for s in SEVERITIES), r.resolved or "",
                                *timing_cells(r.timing)]
        for col, ((head, _), v) in enumerate(zip(BODY_COLUMNS, values), start=1):
            st.body_cell(ws, 3 + i, col, v, st.TOP_CENTER if head in CENTERED else st.WRAP)
        st.fit_row(ws, 3 + i, widths)
    ws.freeze_panes = "A4"
    st.page_setup(ws, "3:3")


def _chart_height(bars: int) -> float:
    return min(PAGE_CM, max(7.5, BAR_CM * bars + 3))


def _small_labels(chart: BarChart) -> None:
    """Every bar's label printed (none skipped for want of room), in a small font."""
    size = CharacterProperties(sz=LABEL_PT * 100)
    chart.x_axis.txPr = RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=size), endParaRPr=size)])
    chart.x_axis.tickLblSkip = 1
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def _bodies_charts(sheet: Worksheet, ws: Worksheet, n_rows: int) -> None:
    """Findings per body, stacked by severity, on a sheet of its own: one chart a page, of at most
    BARS_PER_CHART bodies (every body named), from the table's rows (header in row 3, `n_rows` rows)."""
    parts = range(0, n_rows, BARS_PER_CHART)
    for k, first in enumerate(parts):
        n = min(BARS_PER_CHART, n_rows - first)
        part = f"（{k + 1}/{len(parts)}）" if len(parts) > 1 else ""
        anchor = 1 + k * ROWS_PER_PAGE
        if k:
            sheet.row_breaks.append(Break(id=anchor - 1))
        sheet.add_chart(_bodies_chart(ws, 4 + first, n, f"各单位问题数{part}"), f"A{anchor}")
    for r in range(1, len(parts) * ROWS_PER_PAGE + 1):  # rows of a known height: a chart never runs over its page's break
        sheet.row_dimensions[r].height = ROW_PT
    st.page_setup(sheet, None)


def _bodies_chart(ws: Worksheet, first: int, n: int, title: str) -> BarChart:
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
    chart.title, chart.y_axis.title = title, "问题数"
    chart.add_data(Reference(ws, min_col=6, max_col=5 + len(SEVERITIES), min_row=first, max_row=first + n - 1))
    chart.set_categories(Reference(ws, min_col=2, min_row=first, max_row=first + n - 1))
    for series, sev in zip(chart.series, SEVERITIES):
        series.tx = SeriesLabel(v=SEVERITY_NAMES[sev])
        series.graphicalProperties.solidFill = SEVERITY_CHART_COLOURS[sev]
    chart.x_axis.scaling.orientation = "maxMin"  # the table's order, top down
    _small_labels(chart)
    chart.height, chart.width = _chart_height(n), CHART_WIDTH_CM
    return chart


def _rules_sheet(rules: Worksheet, ov: Overview) -> None:
    """按问题类别: findings per rule by its Chinese name, and their chart beside the table."""
    widths = [w for _, w in RULE_COLUMNS]
    put(rules.cell(1, 1), f"{ov.year}年度各类问题数").font = st.TITLE
    rules.row_dimensions[1].height = 24
    st.set_widths(rules, widths)
    st.header_row(rules, 2, [h for h, _ in RULE_COLUMNS], widths)
    merged: dict[str, tuple[str, int]] = {}
    for rule, n in ov.by_rule.items():
        info = CATALOGUE.get(rule)
        name = rule_label(rule)
        group, count = merged.get(name, (info.group if info is not None else "其他", 0))
        merged[name] = (group, count + n)
    for i, (name, (group, n)) in enumerate(merged.items(), start=3):
        for col, ((head, _), v) in enumerate(zip(RULE_COLUMNS, (name, group, n)), start=1):
            st.body_cell(rules, i, col, v, st.TOP_CENTER if head in CENTERED else st.WRAP)
        st.fit_row(rules, i, widths)
    rules.freeze_panes = "A3"
    st.page_setup(rules, "2:2")
    if merged:
        chart = BarChart()
        chart.type, chart.title, chart.legend = "bar", "各类问题数", None
        n = len(merged) + 2
        chart.add_data(Reference(rules, min_col=3, min_row=2, max_row=n), titles_from_data=True)
        chart.set_categories(Reference(rules, min_col=1, min_row=3, max_row=n))
        chart.x_axis.scaling.orientation = "maxMin"
        _small_labels(chart)
        chart.height, chart.width = _chart_height(len(merged)), 15.0
        rules.add_chart(chart, "E2")


def write_overview_workbook(ov: Overview, out_path: str | os.PathLike[str]) -> Path:
    wb = build_overview_workbook(ov)

    def write(f: IO[bytes]) -> None:
        wb.save(f)

    return save_atomic(write, out_path)
