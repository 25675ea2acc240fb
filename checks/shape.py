"""The shape of the report: sections, tables, rows, columns, labels, format version."""
from __future__ import annotations

from collections.abc import Iterable

from model.document import Location
from model.report import Report
from model.standard import OVERVIEW_PARTS, SECTION_TITLES, TABLE_NAMES
from model.textnorm import norm

from .finding import Finding
from .registry import rule
from .settings import Settings

TABLE_TITLES = {"t2": "二、主动公开政府信息情况", "t3": "三、收到和处理政府信息公开申请情况", "t4": "四、政府信息公开行政复议、行政诉讼情况"}


@rule("SECTION-MISSING")
def section_missing(report: Report, settings: Settings) -> Iterable[Finding]:
    present = {s.number for s in report.sections}
    missing = [t for i, t in enumerate(SECTION_TITLES, start=1) if i not in present]
    narrative = sum(1 for p in report.paragraphs if len(p.text) > 40)
    if len(missing) > 1 and narrative < 3:
        # a workbook or file with the tables only: one finding, not one per section
        names = "、".join(f"“{t}”" for t in missing)
        lead = "文件中只有统计表，没有报告正文" if report.tables_found else "文件中找不到报告的各部分"
        yield Finding(rule="SECTION-MISSING", severity="error", message=f"{lead}：缺少{names}", cells=[], expected=None, actual=None, location=Location())
        return
    for i, title in enumerate(SECTION_TITLES, start=1):
        if i not in present:
            yield Finding(rule="SECTION-MISSING", severity="error", message=f"缺少第{title.split('、')[0]}部分“{title}”", cells=[], expected=None, actual=None, location=Location())


@rule("SECTION-TITLE")
def section_title(report: Report, settings: Settings) -> Iterable[Finding]:
    for s in report.sections:
        if not s.standard:
            yield Finding(rule="SECTION-TITLE", severity="warning",
                          message=f"标题“{s.title}”与标准标题“{SECTION_TITLES[s.number - 1]}”不一致（序号或文字有出入）",
                          cells=[], expected=None, actual=None, location=s.location)
    numbers = [s.number for s in report.sections]
    if numbers != sorted(numbers):
        yield Finding(rule="SECTION-TITLE", severity="warning",
                      message="六个部分的顺序与标准格式不一致：" + "、".join(SECTION_TITLES[n - 1].split("、")[0] for n in numbers),
                      cells=[], expected=None, actual=None, location=report.sections[0].location)


OVERVIEW_WORDS = {
    "主动公开": ("主动公开",),
    "依申请公开": ("依申请",),
    "政府信息管理": ("信息管理", "信息公开管理", "管理"),
    "平台建设": ("平台",),
    "监督保障": ("监督", "保障"),
}


@rule("OVERVIEW-PARTS")
def overview_parts(report: Report, settings: Settings) -> Iterable[Finding]:
    s = report.section(1)
    if s is None:
        return
    text = norm(report.section_text(1))
    if not text:
        return
    for part in OVERVIEW_PARTS:
        if not any(w in text for w in OVERVIEW_WORDS[part]):
            yield Finding(rule="OVERVIEW-PARTS", severity="warning", message=f"“一、总体情况”未写到“{part}”方面的情况", cells=[], expected=None, actual=None, location=s.location)


@rule("TABLE-MISSING")
def table_missing(report: Report, settings: Settings) -> Iterable[Finding]:
    for t in ("t2", "t3", "t4"):
        if t not in report.tables_found:
            yield Finding(rule="TABLE-MISSING", severity="error", message=f"未找到{TABLE_NAMES[t]}（{TABLE_TITLES[t]}）统计表", cells=[], expected=None, actual=None,
                          location=Location())


@rule("TABLE-SHAPE")
def table_shape(report: Report, settings: Settings) -> Iterable[Finding]:
    for issue in report.shape_issues:
        if issue.kind == "unreadable_run":
            continue  # the cells are reported as unreadable (CELL-VALUE)
        yield Finding(rule="TABLE-SHAPE", severity=issue.severity, message=issue.message, cells=list(issue.cells), expected=None, actual=None, location=issue.location)


@rule("LABEL-DEVIATION")
def label_deviation(report: Report, settings: Settings) -> Iterable[Finding]:
    for d in report.label_deviations:
        cells = [k for k in report.cells if k.startswith(f"{d.table}.{d.row}.")]
        yield Finding(rule="LABEL-DEVIATION", severity="warning",
                      message=f"{TABLE_NAMES[d.table]}行名“{d.found}”与标准“{d.standard}”不一致", cells=cells, expected=None, actual=None, location=d.location)


@rule("OUTDATED-FORMAT")
def outdated_format(report: Report, settings: Settings) -> Iterable[Finding]:
    by_table: dict[str, list] = {}
    for o in report.outdated:
        by_table.setdefault(o.table, []).append(o)
    for table, signs in by_table.items():
        words = "、".join(dict.fromkeys(f"“{o.text}”" for o in signs))
        yield Finding(rule="OUTDATED-FORMAT", severity="error",
                      message=f"{TABLE_NAMES[table]}仍使用 2019 年试行格式（国办公开办函〔2019〕60号）：出现{words}；"
                      "应改用 2021 年格式（国办公开办函〔2021〕30号）", cells=[], expected=None, actual=None, location=signs[0].location)
