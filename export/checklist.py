"""The 整改清单 workbook, in two versions. The office's (留存): 汇总, 整改清单, 依据, 已忽略, then one
sheet per readable report. The township's (发报送单位): 整改清单 without the inspector's columns
(已核实, 核实人/日期), 依据, and the report sheets — no 汇总 of the other bodies, no 已忽略. In both the
依据 of each rule is written once, on the 依据 sheet, and a row cites it by its number."""
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

from checks.arithmetic import ARITHMETIC_RULES
from checks.catalogue import rule_info
from checks.finding import SEVERITY_NAMES, Finding
from checks.verdict import NEEDS_FIX, PASS, SUGGEST, UNREADABLE, conclusion
from model.report import Report
from pipeline import CheckResult

from . import styles as st
from .atomic import save_atomic
from .correction import fmt, short_key, should_be
from .finding_text import body_text, office_text
from .names import position, report_label, unique_sheet_name
from .requirements import requirement, rule_name
from .tables import write_report_sheet

SUMMARY, CHECKLIST, BASIS, DISMISSED = "汇总", "整改清单", "依据", "已忽略"
OFFICE, TOWNSHIP = "office", "township"  # who the checklist is for: the office keeps it, the body gets it
AUDIENCES = (OFFICE, TOWNSHIP)
HEADER_ROW = 3  # row 1 title, row 2 date and tool version, row 3 column headers

SUMMARY_COLUMNS = (("序号", 6), ("单位", 22), ("年度", 7), ("文件名", 26), ("格式", 7), ("错误数", 7),
                   ("警告数", 7), ("提示数", 7), ("已忽略", 7), ("结论", 9), ("说明", 44))
CHECKLIST_COLUMNS = (("序号", 5), ("单位", 12), ("位置", 20), ("问题类别", 11), ("严重程度", 8), ("问题说明", 42),
                     ("现值", 8), ("应为", 14), ("整改要求", 30), ("依据", 6), ("已核实", 6), ("整改情况", 16),
                     ("核实人/日期", 10))
INSPECTOR_COLUMNS = frozenset({"已核实", "核实人/日期"})  # the office's own: not in the township's checklist
WIDER = {"问题说明": 52, "整改要求": 36}  # the township's: the inspector's columns' room goes to the text
TOWNSHIP_COLUMNS = tuple((h, WIDER.get(h, w)) for h, w in CHECKLIST_COLUMNS if h not in INSPECTOR_COLUMNS)
BASIS_COLUMNS = (("编号", 6), ("依据", 80), ("涉及的问题类别", 40))
DISMISSED_COLUMNS = (("序号", 5), ("单位", 13), ("位置", 28), ("问题类别", 13), ("严重程度", 8), ("问题说明", 42),
                     ("忽略理由", 34))
CENTERED = frozenset({"序号", "严重程度", "现值", "已核实", "依据", "编号"})

T = TypeVar("T")
CONCLUSION_FILLS = {PASS: st.fill("C6EFCE"), NEEDS_FIX: st.SEVERITY_FILLS["error"], SUGGEST: st.SEVERITY_FILLS["warning"],
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
        return conclusion(f.severity for f in self.active)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.active)


def write_checklist(results: list[CheckResult], out_path: str | os.PathLike[str], *,
                    dismissed: dict[str, dict[str, str]] | None = None,
                    confirmed: dict[str, set[str]] | None = None, only_confirmed: bool = False,
                    checked_at: dt.datetime | None = None, version: str | None = None, audience: str = OFFICE) -> Path:
    """Write the checklist workbook atomically; raise ExportError (an OSError) if it cannot be saved.

    `dismissed` maps a result's path to {finding fingerprint: reason}; those findings move from
    整改清单 to 已忽略 and are left out of the counts and the table sheets. `confirmed` maps a path
    to the fingerprints marked 已核实 (the 已核实 column says 是); with `only_confirmed` the
    checklist holds those findings only (the others are neither listed nor counted). `audience`
    TOWNSHIP writes the body's version (see the module's doc).
    """
    wb = build_workbook(results, dismissed=dismissed, confirmed=confirmed, only_confirmed=only_confirmed,
                        checked_at=checked_at, version=version, audience=audience)
    return save_atomic(wb.save, out_path)


def build_workbook(results: list[CheckResult], *, dismissed: dict[str, dict[str, str]] | None = None,
                   confirmed: dict[str, set[str]] | None = None, only_confirmed: bool = False,
                   checked_at: dt.datetime | None = None, version: str | None = None,
                   audience: str = OFFICE) -> Workbook:
    if audience not in AUDIENCES:
        raise ValueError(audience)
    office = audience == OFFICE
    checked_at = checked_at or dt.datetime.now()
    version = version or tool_version()
    entries = _entries(results, dismissed or {}, confirmed or {}, only_confirmed)
    wb = st.fast_styles(Workbook())
    wb.properties.title = "政府信息公开工作年度报告整改清单"
    wb.properties.creator = f"年报审校 nianbao-check {version}"
    # the date from its fields: strftime encodes its format in the ANSI code page on Windows (cp1252 cannot hold 年)
    day = f"{checked_at.year:04d}年{checked_at.month:02d}月{checked_at.day:02d}日"
    meta = f"检查日期：{day} {checked_at:%H:%M}　　审校工具：年报审校 nianbao-check {version}" if office else f"审核日期：{day}"
    first = wb.active
    assert first is not None
    sheets = (SUMMARY, CHECKLIST, BASIS, DISMISSED) if office else (CHECKLIST, BASIS)
    first.title = sheets[0]
    for name in sheets[1:]:
        wb.create_sheet(name)
    used = {n.casefold() for n in sheets}
    for e in entries:
        if e.result.report is not None:
            e.sheet = unique_sheet_name(e.label, used)
            write_report_sheet(wb.create_sheet(e.sheet), e.result.report, e.result.path, e.active)
    bases = _checklist(wb[CHECKLIST], entries, meta, office)
    _basis(wb[BASIS], bases, meta)
    if office:
        _summary(wb[SUMMARY], entries, meta)
        _dismissed(wb[DISMISSED], entries, meta)
    return wb


def township_path(office: str | os.PathLike[str]) -> Path:
    """Where the township's checklist goes beside the office's: 整改清单_20250301（发报送单位）.xlsx."""
    p = Path(office)
    return p.with_name(f"{p.stem}（发报送单位）{p.suffix or '.xlsx'}")


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
    by = {c: sum(e.conclusion == c for e in entries) for c in (PASS, SUGGEST, NEEDS_FIX, UNREADABLE)}
    values = [None, "合计", None, f"共 {len(entries)} 份", None,
              sum(e.count("error") for e in readable), sum(e.count("warning") for e in readable),
              sum(e.count("info") for e in readable), sum(len(e.dismissed) for e in readable), None,
              f"需整改 {by[NEEDS_FIX]} 份，建议完善 {by[SUGGEST]} 份，合格 {by[PASS]} 份，无法读取 {by[UNREADABLE]} 份"]
    for col, v in enumerate(values, start=1):
        c = st.body_cell(ws, row, col, v, st.WRAP if col in (2, 4, 11) else st.TOP_CENTER)
        c.font, c.fill = st.BOLD, st.TOTAL_FILL
    st.fit_row(ws, row, widths)


def _checklist(ws: Worksheet, entries: list[_Entry], meta: str, office: bool) -> dict[str, list[str]]:
    """The findings, one row each; returns each 依据 cited (in the order of its number) with the
    names of the rules citing it."""
    columns = CHECKLIST_COLUMNS if office else TOWNSHIP_COLUMNS
    who = "“整改情况”由报送单位填写，“核实人/日期”由审核人填写" if office else "“整改情况”由报送单位填写"
    widths = _start_sheet(ws, "政府信息公开工作年度报告整改清单",
                          f"{meta}　　{who}；“依据”栏的编号见“{BASIS}”工作表", columns)
    bases: dict[str, list[str]] = {}
    row, n = HEADER_ROW, 0
    for e in entries:
        if e.result.report is None:
            continue
        for f in e.active:
            row, n = row + 1, n + 1
            values = dict(zip((h for h, _ in CHECKLIST_COLUMNS), (
                n, e.label, position(f), _rule_text(f.rule), SEVERITY_NAMES[f.severity],
                office_text(f) if office else body_text(f), actual_value(e.result.report, f), should_be(f),
                requirement(f.rule, f.severity, f.cells), _cite(bases, f.rule), "是" if f.fingerprint in e.confirmed else "否",
                None, None)))
            _write_row(ws, row, columns, [values[h] for h, _ in columns])
            ws.cell(row, 5).fill = st.SEVERITY_FILLS[f.severity]
            st.fit_row(ws, row, widths, min_lines=2)  # room to write by hand
    if n == 0:
        ws.cell(HEADER_ROW + 1, 1, "未发现需要整改的问题。").font = st.FONT
    _finish_list(ws, len(widths), row)
    return bases


def _cite(bases: dict[str, list[str]], rule: str) -> str:
    """The number a row cites its rule's 依据 by (the first cited is 1), noting the rule's name under it."""
    basis = rule_info(rule).basis or "（未列明）"
    names = bases.setdefault(basis, [])
    name = _rule_text(rule)
    if name not in names:
        names.append(name)
    return f"[{list(bases).index(basis) + 1}]"


def _basis(ws: Worksheet, bases: dict[str, list[str]], meta: str) -> None:
    """依据: each basis once, numbered as the 整改清单 cites it."""
    widths = _start_sheet(ws, "整改依据（“整改清单”中“依据”栏的编号）", meta, BASIS_COLUMNS)
    row = HEADER_ROW
    for n, (basis, names) in enumerate(bases.items(), start=1):
        row += 1
        _write_row(ws, row, BASIS_COLUMNS, [f"[{n}]", basis, "、".join(names)])
        st.fit_row(ws, row, widths)
    if not bases:
        ws.cell(HEADER_ROW + 1, 1, "本清单没有需要列明依据的问题。").font = st.FONT
    _finish_list(ws, len(widths), row)


def _write_row(ws: Worksheet, row: int, columns: tuple[tuple[str, float], ...], values: list[object]) -> None:
    for col, ((header, _), v) in enumerate(zip(columns, values), start=1):
        align = st.TOP_CENTER if header in CENTERED or (header == "应为" and not isinstance(v, str)) else st.WRAP
        st.body_cell(ws, row, col, v, align)


def _rule_text(rule: str) -> str:
    """问题类别: the rule's name as the inspector knows it (the id only for a rule without one)."""
    return rule_name(rule) or rule


def actual_value(report: Report | None, f: Finding) -> object:
    """现值: what the cells to change hold — their own values, never a relation's sum (for 表三收支平衡
    the finding's `actual` is the sum of one side); for a cell that is not a number, the text printed
    there; else the value the rule compared."""
    cells = f.cells_to_change or (list(f.cells[:1]) if f.rule in ARITHMETIC_RULES else [])
    if report is not None and f.rule == "CELL-VALUE" and len(f.cells) == 1 and f.cells[0] in report.cells:
        return report.cells[f.cells[0]].raw.strip() or "（空白）"
    if report is not None and cells:
        if len(cells) == 1:
            return _cell_value(report, cells[0])
        return "；".join(f"{short_key(k)} {fmt(_cell_value(report, k))}" for k in cells)
    return None if f.rule in ARITHMETIC_RULES else f.actual


def _cell_value(report: Report, key: str) -> object:
    cv = report.cells.get(key)
    return cv.value if cv is not None and cv.value is not None else "（空白）"


def _dismissed(ws: Worksheet, entries: list[_Entry], meta: str) -> None:
    widths = _start_sheet(ws, "已忽略的问题（审核人核实后认为无需整改）", meta, DISMISSED_COLUMNS)
    row, n = HEADER_ROW, 0
    for e in entries:
        for f, reason in e.dismissed:
            row, n = row + 1, n + 1
            values = [n, e.label, position(f), _rule_text(f.rule), SEVERITY_NAMES[f.severity], office_text(f),
                      reason or "（未填写理由）"]
            _write_row(ws, row, DISMISSED_COLUMNS, values)
            ws.cell(row, 5).fill = st.SEVERITY_FILLS[f.severity]
            st.fit_row(ws, row, widths)
    if n == 0:
        ws.cell(HEADER_ROW + 1, 1, "没有忽略的问题。").font = st.FONT
    _finish_list(ws, len(widths), row)
