"""The 整改清单 workbook: 汇总, 整改清单, 已忽略, then one sheet per readable report."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from checks.catalogue import rule_info
from checks.finding import SEVERITY_NAMES, Finding
from checks.verdict import NEEDS_FIX, PASS, UNREADABLE, needs_correction
from pipeline import CheckResult

from . import styles as st
from .atomic import save_atomic
from .correction import should_be
from .names import position, report_label, unique_sheet_name
from .requirements import requirement, rule_name
from .tables import write_report_sheet

SUMMARY, CHECKLIST, DISMISSED = "汇总", "整改清单", "已忽略"
HEADER_ROW = 3  # row 1 title, row 2 date and tool version, row 3 column headers

SUMMARY_COLUMNS = (("序号", 6), ("单位", 22), ("年度", 7), ("文件名", 26), ("格式", 7), ("错误数", 7),
                   ("警告数", 7), ("提示数", 7), ("已忽略", 7), ("结论", 9), ("说明", 44))
CHECKLIST_COLUMNS = (("序号", 5), ("单位", 12), ("位置", 22), ("问题类别", 12), ("严重程度", 8), ("问题说明", 36),
                     ("现值", 7), ("应为", 14), ("整改要求", 22), ("依据", 20), ("已核实", 7), ("整改情况", 16),
                     ("核实人/日期", 10))
DISMISSED_COLUMNS = (("序号", 5), ("单位", 13), ("位置", 28), ("问题类别", 13), ("严重程度", 8), ("问题说明", 42),
                     ("忽略理由", 34))
CENTERED = frozenset({"序号", "严重程度", "现值", "已核实"})

QUOTE_MAX = 150
QUOTE_SEEN = 40  # a message holding this much of the quote already quotes it
T = TypeVar("T")
CONCLUSION_FILLS = {PASS: st.fill("C6EFCE"), NEEDS_FIX: st.SEVERITY_FILLS["error"],
                    UNREADABLE: st.SEVERITY_FILLS["error"]}


@dataclass
class _Entry:
    """One checked file as the sheets see it."""
    result: CheckResult
    label: str                            # unit, or the file name when none was recognised
    active: list[Finding]                 # findings to correct
    dismissed: list[tuple[Finding, str]]  # (finding, reason)
    confirmed: frozenset[str] = frozenset()  # fingerprints the inspector marked 已核实
    sheet: str | None = None              # its table sheet (None when unreadable)

    @property
    def conclusion(self) -> str:
        if self.result.report is None:
            return UNREADABLE
        return NEEDS_FIX if needs_correction(f.severity for f in self.active) else PASS

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.active)


def write_checklist(results: list[CheckResult], out_path: str | os.PathLike[str], *,
                    dismissed: dict[str, dict[str, str]] | None = None,
                    confirmed: dict[str, set[str]] | None = None, only_confirmed: bool = False,
                    checked_at: dt.datetime | None = None, version: str | None = None) -> Path:
    """Write the checklist workbook atomically; raise ExportError (an OSError) if it cannot be saved.

    `dismissed` maps a result's path to {finding fingerprint: reason}; those findings move from
    整改清单 to 已忽略 and are left out of the counts and the table sheets. `confirmed` maps a path
    to the fingerprints marked 已核实 (the 已核实 column says 是); with `only_confirmed` the
    checklist holds those findings only (the others are neither listed nor counted).
    """
    wb = build_workbook(results, dismissed=dismissed, confirmed=confirmed, only_confirmed=only_confirmed,
                        checked_at=checked_at, version=version)
    return save_atomic(wb.save, out_path)


def build_workbook(results: list[CheckResult], *, dismissed: dict[str, dict[str, str]] | None = None,
                   confirmed: dict[str, set[str]] | None = None, only_confirmed: bool = False,
                   checked_at: dt.datetime | None = None, version: str | None = None) -> Workbook:
    checked_at = checked_at or dt.datetime.now()
    version = version or tool_version()
    entries = _entries(results, dismissed or {}, confirmed or {}, only_confirmed)
    wb = st.fast_styles(Workbook())
    wb.properties.title = "政府信息公开工作年度报告整改清单"
    wb.properties.creator = f"年报审校 nianbao-check {version}"
    # the date from its fields: strftime encodes its format in the ANSI code page on Windows (cp1252 cannot hold 年)
    day = f"{checked_at.year:04d}年{checked_at.month:02d}月{checked_at.day:02d}日"
    meta = f"检查日期：{day} {checked_at:%H:%M}　　审校工具：年报审校 nianbao-check {version}"
    summary = wb.active
    summary.title = SUMMARY
    checklist = wb.create_sheet(CHECKLIST)
    ignored = wb.create_sheet(DISMISSED)
    used = {n.casefold() for n in (SUMMARY, CHECKLIST, DISMISSED)}
    for e in entries:
        if e.result.report is not None:
            e.sheet = unique_sheet_name(e.label, used)
            write_report_sheet(wb.create_sheet(e.sheet), e.result.report, e.result.path, e.active)
    _summary(summary, entries, meta)
    _checklist(checklist, entries, meta)
    _dismissed(ignored, entries, meta)
    return wb


def tool_version() -> str:
    try:
        return metadata.version("nianbao-check")
    except metadata.PackageNotFoundError:
        return "（版本未知）"


def _entries(results: list[CheckResult], dismissed: dict[str, dict[str, str]], confirmed: dict[str, set[str]],
             only_confirmed: bool) -> list[_Entry]:
    out = []
    for r in results:
        marks = _by_path(dismissed, r.path) or {}
        sure = frozenset(_by_path(confirmed, r.path) or ())
        active = [f for f in r.findings if f.fingerprint not in marks and (not only_confirmed or f.fingerprint in sure)]
        gone = [(f, marks[f.fingerprint]) for f in r.findings if f.fingerprint in marks]
        unit = r.report.unit if r.report is not None else None
        out.append(_Entry(r, report_label(unit, r.path), active, gone, sure))
    return out


def _by_path(marks: dict[str, T], path: str) -> T | None:
    """A result's marks, whether the caller keyed them by the path as given or as an absolute one."""
    if path in marks:
        return marks[path]
    want = _norm(path)
    return next((v for p, v in marks.items() if _norm(p) == want), None)


def _norm(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def _start_sheet(ws: Worksheet, title: str, meta: str, columns: tuple[tuple[str, float], ...]) -> list[float]:
    widths = [w for _, w in columns]
    st.set_widths(ws, widths)
    ws.cell(1, 1, title).font = st.TITLE
    ws.row_dimensions[1].height = 24
    ws.cell(2, 1, meta).font = st.SMALL
    st.header_row(ws, HEADER_ROW, [h for h, _ in columns], widths)
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    st.page_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    return widths


def _finish_list(ws: Worksheet, n_cols: int, last_row: int) -> None:
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(n_cols)}{max(last_row, HEADER_ROW)}"


def _summary(ws: Worksheet, entries: list[_Entry], meta: str) -> None:
    widths = _start_sheet(ws, "政府信息公开工作年度报告审校汇总", f"{meta}　　共 {len(entries)} 份报告", SUMMARY_COLUMNS)
    row = HEADER_ROW
    for i, e in enumerate(entries, start=1):
        row += 1
        rep = e.result.report
        values = [i, e.label, rep.year if rep else None, e.result.name,
                  (rep.format.upper() if rep else Path(e.result.path).suffix.lstrip(".").upper() or None),
                  e.count("error") if rep else None, e.count("warning") if rep else None,
                  e.count("info") if rep else None, len(e.dismissed) if rep else None, e.conclusion,
                  e.result.error if rep is None else f"详见工作表“{e.sheet}”"]
        for col, v in enumerate(values, start=1):
            align = st.TOP_CENTER if col in (1, 3, 5, 6, 7, 8, 9, 10) else st.WRAP
            st.body_cell(ws, row, col, v, align)
        ws.cell(row, 10).fill = CONCLUSION_FILLS[e.conclusion]
        if e.sheet:
            link = ws.cell(row, 11)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{e.sheet}'!A1", display=link.value)
            link.font = st.LINK
        st.fit_row(ws, row, widths)
    _finish_list(ws, len(widths), row)
    _summary_totals(ws, row + 1, entries, widths)


def _summary_totals(ws: Worksheet, row: int, entries: list[_Entry], widths: list[float]) -> None:
    """The totals row sits below the filter range, so sorting leaves it at the bottom."""
    readable = [e for e in entries if e.result.report is not None]
    by = {c: sum(e.conclusion == c for e in entries) for c in (PASS, NEEDS_FIX, UNREADABLE)}
    values = [None, "合计", None, f"共 {len(entries)} 份", None,
              sum(e.count("error") for e in readable), sum(e.count("warning") for e in readable),
              sum(e.count("info") for e in readable), sum(len(e.dismissed) for e in readable), None,
              f"合格 {by[PASS]} 份，需整改 {by[NEEDS_FIX]} 份，无法读取 {by[UNREADABLE]} 份"]
    for col, v in enumerate(values, start=1):
        c = st.body_cell(ws, row, col, v, st.WRAP if col in (2, 4, 11) else st.TOP_CENTER)
        c.font, c.fill = st.BOLD, st.TOTAL_FILL
    st.fit_row(ws, row, widths)


def _checklist(ws: Worksheet, entries: list[_Entry], meta: str) -> None:
    widths = _start_sheet(ws, "政府信息公开工作年度报告整改清单",
                          f"{meta}　　“整改情况”由报送单位填写，“核实人/日期”由审核人填写", CHECKLIST_COLUMNS)
    row, n = HEADER_ROW, 0
    for e in entries:
        if e.result.report is None:
            continue
        for f in e.active:
            row, n = row + 1, n + 1
            values = [n, e.label, position(f), _rule_text(f.rule), SEVERITY_NAMES[f.severity], _message(f),
                      _actual(e, f), should_be(f), requirement(f.rule, f.severity, f.cells), rule_info(f.rule).basis,
                      "是" if f.fingerprint in e.confirmed else "否", None, None]
            _write_row(ws, row, CHECKLIST_COLUMNS, values)
            ws.cell(row, 5).fill = st.SEVERITY_FILLS[f.severity]
            st.fit_row(ws, row, widths, min_lines=3)  # room to write by hand
    if n == 0:
        ws.cell(HEADER_ROW + 1, 1, "未发现需要整改的问题。").font = st.FONT
    _finish_list(ws, len(widths), row)


def _write_row(ws: Worksheet, row: int, columns: tuple[tuple[str, float], ...], values: list[object]) -> None:
    for col, ((header, _), v) in enumerate(zip(columns, values), start=1):
        align = st.TOP_CENTER if header in CENTERED or (header == "应为" and not isinstance(v, str)) else st.WRAP
        st.body_cell(ws, row, col, v, align)


def _message(f: Finding) -> str:
    """问题说明, with the sentence a text finding is about (once: not when the message quotes it)."""
    quote = (f.quote or "").strip()
    if not quote or quote[:QUOTE_SEEN] in f.message:  # the message quotes it already (perhaps cut short)
        return f.message
    quote = quote if len(quote) <= QUOTE_MAX else quote[: QUOTE_MAX - 1] + "…"
    return f"{f.message}\n原文：“{quote}”"


def _rule_text(rule: str) -> str:
    """问题类别: the rule's name as the inspector knows it (the id only for a rule without one)."""
    return rule_name(rule) or rule


def _actual(e: _Entry, f: Finding) -> object:
    """现值: the rule's value; for a cell that is not a number, the text printed there."""
    if f.actual is not None:
        return f.actual
    if f.rule == "CELL-VALUE" and len(f.cells) == 1 and e.result.report is not None:
        cv = e.result.report.cells.get(f.cells[0])
        if cv is not None:
            return cv.raw.strip() or "（空白）"
    return None


def _dismissed(ws: Worksheet, entries: list[_Entry], meta: str) -> None:
    widths = _start_sheet(ws, "已忽略的问题（审核人核实后认为无需整改）", meta, DISMISSED_COLUMNS)
    row, n = HEADER_ROW, 0
    for e in entries:
        for f, reason in e.dismissed:
            row, n = row + 1, n + 1
            values = [n, e.label, position(f), _rule_text(f.rule), SEVERITY_NAMES[f.severity], _message(f),
                      reason or "（未填写理由）"]
            _write_row(ws, row, DISMISSED_COLUMNS, values)
            ws.cell(row, 5).fill = st.SEVERITY_FILLS[f.severity]
            st.fit_row(ws, row, widths)
    if n == 0:
        ws.cell(HEADER_ROW + 1, 1, "没有忽略的问题。").font = st.FONT
    _finish_list(ws, len(widths), row)
