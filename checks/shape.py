"""The shape of the report: sections, tables, rows, columns, labels, format version."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from model.document import Location
from model.report import LabelDeviation, OutdatedSign, Report, ShapeIssue
from model.standard import OVERVIEW_PARTS, SECTION_TITLES, TABLE_NAMES, split_key, t2_rows, t3_column_name, t3_rows
from model.textnorm import norm

from .finding import Finding, Severity
from .registry import rule
from .settings import RuleSettings

TABLE_TITLES = {"t2": SECTION_TITLES[1], "t3": SECTION_TITLES[2], "t4": SECTION_TITLES[3]}


@rule("SECTION-MISSING")
def section_missing(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    present = {s.number for s in report.sections}
    missing = [t for i, t in enumerate(SECTION_TITLES, start=1) if i not in present]
    narrative = sum(1 for p in report.paragraphs if len(p.text) > 40)
    if len(missing) > 1 and narrative < 3:
        # a workbook or file with the tables only: one finding, not one per section
        names = "、".join(f"“{t}”" for t in missing)
        lead = "文件中只有统计表，没有报告正文" if report.tables_found else "文件中找不到报告的各部分"
        yield Finding(rule="SECTION-MISSING", severity=Severity.ERROR, message=f"{lead}：缺少{names}", cells=[],
                      expected=None, actual=None, location=Location(), subject="全部")
        return
    for i, title in enumerate(SECTION_TITLES, start=1):
        if i not in present:
            yield Finding(rule="SECTION-MISSING", severity=Severity.ERROR, message=f"缺少第{title.split('、')[0]}部分“{title}”",
                          cells=[], expected=None, actual=None, location=Location(), subject=title)


@rule("SECTION-TITLE")
def section_title(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    for s in report.sections:
        if not s.standard:
            yield Finding(rule="SECTION-TITLE", severity=Severity.WARNING,
                          message=f"标题“{s.title}”与标准标题“{SECTION_TITLES[s.number - 1]}”不一致（序号或文字有出入）",
                          cells=[], expected=None, actual=None, location=s.location, subject=SECTION_TITLES[s.number - 1])
    numbers = [s.number for s in report.sections]
    if numbers != sorted(numbers):
        yield Finding(rule="SECTION-TITLE", severity=Severity.WARNING,
                      message="六个部分的顺序与标准格式不一致：" + "、".join(SECTION_TITLES[n - 1].split("、")[0] for n in numbers),
                      cells=[], expected=None, actual=None, location=report.sections[0].location, subject="顺序")


OVERVIEW_WORDS = {
    "主动公开": ("主动公开",),
    "依申请公开": ("依申请",),
    "政府信息管理": ("信息管理", "信息公开管理", "管理"),
    "平台建设": ("平台",),
    "监督保障": ("监督", "保障"),
}


@rule("OVERVIEW-PARTS")
def overview_parts(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    s = report.section(1)
    if s is None:
        return
    text = norm(report.section_text(1))
    if not text:
        return
    absent = [part for part in OVERVIEW_PARTS if not any(w in text for w in OVERVIEW_WORDS[part])]
    if absent:  # one finding: the body adds the parts in one place
        names = "、".join(f"“{part}”" for part in absent)
        yield Finding(rule="OVERVIEW-PARTS", severity=Severity.WARNING, message=f"“一、总体情况”未写到{names}方面的情况",
                      cells=[], expected=None, actual=None, location=s.location, subject="总体情况")


@rule("TABLE-MISSING")
def table_missing(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    for t in ("t2", "t3", "t4"):
        if t not in report.tables_found:
            yield Finding(rule="TABLE-MISSING", severity=Severity.ERROR, message=f"未找到{TABLE_NAMES[t]}（{TABLE_TITLES[t]}）统计表",
                          cells=[], expected=None, actual=None, location=Location(), subject=t)


# --- TABLE-SHAPE and LABEL-DEVIATION: one finding per cause ------------------------------------

ROWS_NAMED = 3  # a group of up to this many rows is named row by row, a larger one by its first row


def _row_name(table: str, row: str) -> str:
    """'“规章”', '“（一）予以公开”', '“（三）不予公开”中的“1.属于国家秘密”' (a numbered row with its group)."""
    rd = next((r for r in (t2_rows() if table == "t2" else t3_rows()) if r.row == row), None)
    if rd is None:
        return f"“{row}”"
    if table == "t3" and rd.group and rd.label[:1].isdigit():
        return f"“{rd.group}”中的“{rd.label}”"
    return f"“{rd.label}”"


def _whole_groups(table: str, rows: Sequence[str]) -> list[str] | None:
    """The table-3 groups when the rows are exactly all the numbered rows of some groups."""
    if table != "t3":
        return None
    numbered = [r for r in t3_rows() if r.group and r.label[:1].isdigit()]
    groups = list(dict.fromkeys(r.group for r in numbered if r.row in rows))
    members = [r.row for r in numbered if r.group in groups]
    return [g for g in groups if g] if groups and sorted(members) == sorted(rows) else None


def _rows_phrase(table: str, rows: Sequence[str]) -> str:
    """How a message names a set of rows: '“规章”行', '“（三）不予公开”至“（六）其他处理”下共 19 行'."""
    groups = _whole_groups(table, rows) if len(rows) > 1 else None
    if groups:
        order = list(dict.fromkeys(r.group for r in t3_rows()))
        idx = [order.index(g) for g in groups]
        named = f"“{groups[0]}”至“{groups[-1]}”" if len(groups) > 2 and idx == list(range(idx[0], idx[0] + len(idx))) \
            else "".join(f"“{g}”" for g in groups)
        return f"{named}下共 {len(rows)} 行"
    if len(rows) <= ROWS_NAMED:
        return "、".join(_row_name(table, r) for r in rows) + "行"
    return f"{_row_name(table, rows[0])}等 {len(rows)} 行"


def _count_phrase(issue: ShapeIssue, many: bool) -> str:
    if not issue.actual:
        return "没有数值"
    return f"{'各' if many else ''}应有 {issue.expected} 个数值，实有 {issue.actual} 个"


def _shape_message(issues: Sequence[ShapeIssue]) -> str:
    first = issues[0]
    table = TABLE_NAMES[first.table]
    rows = list(dict.fromkeys(i.row for i in issues if i.row is not None))
    if first.kind == "missing_column":
        columns = first.columns or ()
        names = "、".join(f"“{t3_column_name(c)}”" for c in columns)
        return f"{table}缺少{names}列（共 {len({split_key(k)[1] for k in first.cells})} 行）"
    if first.kind == "missing_row":
        return f"{table}缺少{_rows_phrase(first.table, rows)}"
    if first.kind == "duplicate_row":
        return f"{table}{_rows_phrase(first.table, rows)}重复出现"
    if not rows:  # table 4: one row of values
        return f"{table}{_count_phrase(first, False)}"
    return f"{table}{_rows_phrase(first.table, rows)}{_count_phrase(first, len(rows) > 1)}"


def _shape_groups(issues: Iterable[ShapeIssue]) -> list[list[ShapeIssue]]:
    """Issues with the same cause: the same kind in the same table (and the same counts)."""
    groups: dict[tuple[str, str, int | None, int | None], list[ShapeIssue]] = {}
    for issue in issues:
        if issue.kind == "unreadable_run":
            continue  # the cells are reported as unreadable (CELL-VALUE)
        counted = issue.kind in ("short_row", "extra_values")
        key = (issue.table, issue.kind, issue.expected if counted else None, issue.actual if counted else None)
        groups.setdefault(key, []).append(issue)
    return list(groups.values())


@rule("TABLE-SHAPE")
def table_shape(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    for issues in _shape_groups(report.shape_issues):
        cells = list(dict.fromkeys(k for i in issues for k in i.cells))
        yield Finding(rule="TABLE-SHAPE", severity=Severity.ERROR, message=_shape_message(issues), cells=cells,
                      expected=None, actual=None, location=issues[0].location)


@rule("LABEL-DEVIATION")
def label_deviation(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    groups: dict[tuple[str, str, str], list[LabelDeviation]] = {}
    for d in report.label_deviations:
        groups.setdefault((d.table, norm(d.found), d.standard), []).append(d)
    for devs in groups.values():
        d = devs[0]
        rows = {x.row for x in devs}
        cells = [k for k in report.cells if split_key(k)[0] == d.table and split_key(k)[1] in rows]
        where = f"（共 {len(devs)} 处）" if len(devs) > 1 else ""
        yield Finding(rule="LABEL-DEVIATION", severity=Severity.WARNING,
                      message=f"{TABLE_NAMES[d.table]}行名“{d.found}”与标准“{d.standard}”不一致{where}",
                      cells=cells, expected=None, actual=None, location=d.location)


@rule("OUTDATED-FORMAT")
def outdated_format(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    by_table: dict[str, list[OutdatedSign]] = {}
    for o in report.outdated:
        by_table.setdefault(o.table, []).append(o)
    for table, signs in by_table.items():
        words = "、".join(dict.fromkeys(f"“{o.text}”" for o in signs))
        yield Finding(rule="OUTDATED-FORMAT", severity=Severity.ERROR,
                      message=f"{TABLE_NAMES[table]}仍使用 2019 年试行格式（国办公开办函〔2019〕60号）：出现{words}；"
                      "应改用 2021 年格式（国办公开办函〔2021〕30号）",
                      cells=[], expected=None, actual=None, location=signs[0].location, subject=table)
