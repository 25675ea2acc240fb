"""One sheet per report: its tables 二、三、四 as read, with the official labels, the cells of
findings filled by severity and a comment on each."""
from __future__ import annotations

from dataclasses import dataclass, field
from os.path import basename

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from checks.finding import SEVERITIES, SEVERITY_NAMES, Finding
from model.report import Report
from model.standard import T3_COLUMNS, cells_json
from model.table_layout import layout

from . import styles as st
from .cell_text import put, safe
from .correction import cell_note, cells_to_mark, fix_of, suspects_of
from .names import SPAN_RULES, position
from .requirements import rule_name

LABEL_COLS = 3      # A:C hold the row labels
WIDTHS = (14, 16, 32) + (10,) * len(T3_COLUMNS)
LAST_COL = len(WIDTHS)


@dataclass
class _Marks:
    """Findings on each cell: the worst severity and the comment lines."""
    severity: dict[str, str] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, f: Finding, note: bool) -> None:
        old = self.severity.get(key)
        if old is None or SEVERITIES.index(f.severity) < SEVERITIES.index(old):
            self.severity[key] = f.severity
        if note:
            extra = cell_note(f, key)
            self.notes.setdefault(key, []).append(
                f"【{SEVERITY_NAMES[f.severity]}】{rule_name(f.rule) or f.rule}\n{f.message}" + (f"\n{extra}" if extra else ""))


def write_report_sheet(ws: Worksheet, report: Report, path: str, findings: list[Finding]) -> None:
    """Fill `ws` with one report's tables; `findings` are those not dismissed."""
    st.set_widths(ws, WIDTHS)
    _heading(ws, report, path, findings)
    pos: dict[str, tuple[int, int]] = {}
    row = 6
    row = _table2(ws, row, report, pos) + 1
    row = _table3(ws, row, report, pos) + 1
    row = _table4(ws, row, report, pos) + 1
    marks, loose = _mark(findings, pos)
    _apply_marks(ws, marks, pos)
    _loose_findings(ws, row, loose)
    st.page_setup(ws, title_rows="1:1", landscape=False)  # the form is portrait; one report fits a page


def _heading(ws: Worksheet, report: Report, path: str, findings: list[Finding]) -> None:
    unit = report.unit or "（单位未识别）"
    year = f"{report.year}年度" if report.year else "（年度未识别）"
    _merged_text(ws, 1, f"{unit}　{year}报告　统计表（按标准格式识别）", st.TITLE)
    ws.row_dimensions[1].height = 24
    counts = "　".join(f"{SEVERITY_NAMES[s]} {sum(f.severity == s for f in findings)}" for s in SEVERITIES)
    _merged_text(ws, 2, f"文件：{basename(path)}　格式：{report.format.upper()}　{counts}", st.SMALL)
    legend = ws.cell(3, LABEL_COLS, "图例：")
    legend.font, legend.alignment = st.SMALL, Alignment(horizontal="right", vertical="center")
    for i, s in enumerate(SEVERITIES):
        c = st.body_cell(ws, 3, LABEL_COLS + 1 + i, SEVERITY_NAMES[s], st.WRAP_CENTER)
        c.fill = st.SEVERITY_FILLS[s]
    _merged_text(ws, 4, "有问题的单元格按严重程度着色，批注中写明问题；不涉及单元格的问题列在本表末尾，"
                        "整改要求见“整改清单”工作表。", st.SMALL)


def _merged_text(ws: Worksheet, row: int, text: str, font: Font) -> None:
    c = put(ws.cell(row, 1), text)
    c.font, c.alignment = font, st.LEFT_CENTER
    st.merge(ws, start_row=row, start_column=1, end_row=row, end_column=LAST_COL)


def _title(ws: Worksheet, row: int, table: str, report: Report) -> int:
    title = cells_json()["tables"][table]["title"]
    if table not in report.tables_found:
        title += "　（文件中未识别到此表）"
    c = ws.cell(row, 1, title)
    c.font = st.BOLD
    ws.row_dimensions[row].height = 18
    return row + 1


def _value(report: Report, key: str) -> object:
    cv = report.cells.get(key)
    if cv is None:
        return None
    return cv.value if cv.value is not None else (cv.raw or None)


def _labels(ws: Worksheet, rows: list[tuple[int, list[str]]]) -> None:
    """Row labels over A:C: one part spans A:C, two parts A | B:C, three parts A | B | C; equal
    neighbours in A (and in B) are merged down, as in the printed form."""
    for r, parts in rows:
        for col in range(1, LABEL_COLS + 1):
            st.body_cell(ws, r, col, None, st.LEFT_CENTER)
        spans = {1: [(1, 3)], 2: [(1, 1), (2, 3)], 3: [(1, 1), (2, 2), (3, 3)]}[len(parts)]
        for text, (c0, c1) in zip(parts, spans):
            ws.cell(r, c0).value = text
            if c1 > c0:
                st.merge(ws, start_row=r, start_column=c0, end_row=r, end_column=c1)
    for depth, col in ((2, 1), (3, 2)):
        run: list[int] = []
        prev: tuple[str, ...] | None = None
        for r, parts in [*rows, (-1, [])]:
            key = tuple(parts[:col]) if len(parts) >= depth else None
            if key is not None and key == prev:
                run.append(r)
                continue
            if len(run) > 1:
                for rr in run[1:]:
                    ws.cell(rr, col).value = None
                st.merge(ws, start_row=run[0], start_column=col, end_row=run[-1], end_column=col)
            run, prev = ([r] if key is not None else []), key


def _values(ws: Worksheet, row: int, keys: list[str], report: Report, pos: dict[str, tuple[int, int]]) -> None:
    for i, key in enumerate(keys):
        col = LABEL_COLS + 1 + i
        st.body_cell(ws, row, col, _value(report, key), st.WRAP_CENTER)
        pos[key] = (row, col)


def _header(ws: Worksheet, row: int, texts: list[str], first_col: int) -> None:
    for i, text in enumerate(texts):
        c = st.body_cell(ws, row, first_col + i, text, st.WRAP_CENTER)
        c.font, c.fill = st.BOLD, st.HEADER_FILL


def _table2(ws: Worksheet, row: int, report: Report, pos: dict[str, tuple[int, int]]) -> int:
    row = _title(ws, row, "t2", report)
    for r in layout("t2").rows:
        if r.is_group:  # the group's label over A:C, its own column captions after
            _header(ws, row, [r.label, "", ""], 1)
            st.merge(ws, start_row=row, start_column=1, end_row=row, end_column=LABEL_COLS)
            _header(ws, row, list(r.headers), LABEL_COLS + 1)
            st.fit_row(ws, row, WIDTHS)
        else:
            _labels(ws, [(row, [r.label])])
            _values(ws, row, [k for k in r.keys if k is not None], report, pos)
            _fit_label_row(ws, row, [r.label])
        row += 1
    return row


def _table3(ws: Worksheet, row: int, report: Report, pos: dict[str, tuple[int, int]]) -> int:
    row = _title(ws, row, "t3", report)
    labels = cells_json()["tables"]["t3"]["columns"]
    first = LABEL_COLS + 1
    # Three header rows as on the form: 申请人情况 / 自然人 · 法人或其他组织 · 总计 / the five kinds
    for r in range(row, row + 3):
        _header(ws, r, [""] * LAST_COL, 1)
    ws.cell(row, 1).value = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    ws.cell(row, 1).font = st.SMALL
    st.merge(ws, start_row=row, start_column=1, end_row=row + 2, end_column=LABEL_COLS)
    ws.cell(row, first).value = "申请人情况"
    st.merge(ws, start_row=row, start_column=first, end_row=row, end_column=LAST_COL)
    ws.cell(row + 1, first).value = labels["natural"]
    st.merge(ws, start_row=row + 1, start_column=first, end_row=row + 2, end_column=first)
    ws.cell(row + 1, first + 1).value = labels["commercial"].split("/")[0]
    st.merge(ws, start_row=row + 1, start_column=first + 1, end_row=row + 1, end_column=LAST_COL - 1)
    for i, col in enumerate(T3_COLUMNS[1:-1]):
        ws.cell(row + 2, first + 1 + i).value = labels[col].split("/")[-1]
    ws.cell(row + 1, LAST_COL).value = labels["total"]
    st.merge(ws, start_row=row + 1, start_column=LAST_COL, end_row=row + 2, end_column=LAST_COL)
    ws.row_dimensions[row].height = ws.row_dimensions[row + 1].height = 2 * st.LINE_PT
    ws.row_dimensions[row + 2].height = 2 * st.LINE_PT + st.PAD_PT
    row += 3
    rows = layout("t3").data_rows
    _labels(ws, [(row + i, list(line.path)) for i, line in enumerate(rows)])
    for i, line in enumerate(rows):
        _values(ws, row + i, [k for k in line.keys if k is not None], report, pos)
        _fit_label_row(ws, row + i, list(line.path))
    return row + len(rows)


def _fit_label_row(ws: Worksheet, row: int, parts: list[str]) -> None:
    """Row height from the row's own label (the last part); the block labels to its left are
    merged down over several rows and do not set it."""
    a, b, c = WIDTHS[:3]
    width = {1: a + b + c, 2: b + c, 3: c}[len(parts)]
    ws.row_dimensions[row].height = st.line_count(parts[-1], width) * st.LINE_PT + st.PAD_PT


def _table4(ws: Worksheet, row: int, report: Report, pos: dict[str, tuple[int, int]]) -> int:
    row = _title(ws, row, "t4", report)
    t4 = layout("t4")
    _header(ws, row, ["", "", ""], 1)
    st.merge(ws, start_row=row, start_column=1, end_row=row, end_column=LABEL_COLS)
    _header(ws, row, list(t4.columns), LABEL_COLS + 1)
    st.fit_row(ws, row, WIDTHS)
    row += 1
    rows = t4.data_rows
    _labels(ws, [(row + i, list(r.path)) for i, r in enumerate(rows)])
    for i, r in enumerate(rows):
        _values(ws, row + i, [k for k in r.keys if k is not None], report, pos)
        _fit_label_row(ws, row + i, list(r.path))
    return row + len(rows)


def _mark(findings: list[Finding], pos: dict[str, tuple[int, int]]) -> tuple[_Marks, list[Finding]]:
    """Which cells each finding marks; findings with no cell in the tables are returned apart."""
    marks, loose = _Marks(), []
    for f in findings:
        keys = [k for k in f.cells if k in pos]
        if not keys:
            loose.append(f)
            continue
        targets = [k for k in cells_to_mark(f, f.rule in SPAN_RULES) if k in pos] or keys[:1]
        # a correction's every cell carries its own comment; a row/column finding comments its first cell
        commented = set(targets) if (fix_of(f) or suspects_of(f)) else set(targets[:1])
        for key in targets:
            marks.add(key, f, note=key in commented)
    return marks, loose


def _apply_marks(ws: Worksheet, marks: _Marks, pos: dict[str, tuple[int, int]]) -> None:
    for key, sev in marks.severity.items():
        cell = ws.cell(*pos[key])
        cell.fill = st.SEVERITY_FILLS[sev]
        notes = marks.notes.get(key)
        if notes:
            text = str(safe("\n\n".join(notes)))
            comment = Comment(text, "年报审校")
            comment.width = 260
            comment.height = min(60 + 18 * st.line_count(text, 40), 400)
            cell.comment = comment


def _loose_findings(ws: Worksheet, row: int, findings: list[Finding]) -> None:
    """Findings about the text or the report as a whole, listed under the tables."""
    if not findings:
        return
    ws.cell(row, 1, "不涉及表格单元格的问题").font = st.BOLD
    row += 1
    widths = (WIDTHS[0], WIDTHS[1] + WIDTHS[2], sum(WIDTHS[3:]))
    _header(ws, row, [""] * LAST_COL, 1)
    for col, text in ((1, "严重程度"), (2, "问题类别 / 位置"), (4, "问题说明")):
        ws.cell(row, col).value = text
    _merge_loose(ws, row)
    row += 1
    for f in findings:
        c = st.body_cell(ws, row, 1, SEVERITY_NAMES[f.severity], st.TOP_CENTER)
        c.fill = st.SEVERITY_FILLS[f.severity]
        st.body_cell(ws, row, 2, f"{rule_name(f.rule) or f.rule}\n{position(f)}")
        st.body_cell(ws, row, 3, None)
        st.body_cell(ws, row, 4, f.message)
        for col in range(5, LAST_COL + 1):
            st.body_cell(ws, row, col, None)
        _merge_loose(ws, row)
        ws.row_dimensions[row].height = max(
            st.line_count(f"{rule_name(f.rule) or f.rule}\n{position(f)}", widths[1]), st.line_count(f.message, widths[2])
        ) * st.LINE_PT + st.PAD_PT
        row += 1


def _merge_loose(ws: Worksheet, row: int) -> None:
    st.merge(ws, start_row=row, start_column=2, end_row=row, end_column=3)
    st.merge(ws, start_row=row, start_column=4, end_row=row, end_column=LAST_COL)
