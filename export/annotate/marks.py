"""What a marked copy of a report says and where: one Mark per finding — the comment's text, the
place it is anchored on (a cell, a sentence, a heading; the title when the finding is about the
whole report) and the wrong cells to shade. Every writer (Word, PDF, workbook, the PDF of a text)
places these same marks, so a body sees the same thing whatever format it filed."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checks.catalogue import rule_info
from checks.finding import Finding, sort_findings
from model.document import Location
from model.report import Report

from ..correction import fmt, should_be
from ..finding_text import body_text, lead_sentence, scrub
from ..names import describe_cells

SUFFIX = "（审核标注）"
AUTHOR = "年报审校"
NAME_MAX = 80  # characters of the title kept in a file name


@dataclass(frozen=True)
class Mark:
    finding: Finding
    text: str                        # the comment's text (comment_text)
    anchor: Location                 # where the comment sits; empty: the report as a whole (its title)
    quote: str | None = None         # the sentence within the anchor's paragraph or line, when it is one
    cells: list[Location] = field(default_factory=list)  # the wrong cells, shaded
    cell_keys: list[str] = field(default_factory=list)   # their standard keys, in the same order


def comment_text(f: Finding) -> str:
    """The one place a comment's text is made: the finding's short sentence, 应改为 where the tables
    decide it (正文应改为 where the sentence is what must change; or the cells to verify), and the 依据."""
    lines = [_sentence(f)]
    target = should_be(f)
    if f.amend == "text" and f.expected is not None:
        lines.append(f"正文应改为：{fmt(f.expected)}")
    elif target is not None and target != "":
        lines.append(f"应改为：{fmt(target)}" if f.fix else f"请核实：{fmt(target)}")
    basis = rule_info(f.rule).basis
    if basis:
        lines.append(f"依据：{basis}")
    return "\n".join(lines)


def _sentence(f: Finding) -> str:
    """The finding's short sentence as the body reads it: no file names, and another body's report is
    not named in a copy sent back (export.finding_text)."""
    if f.rule == "COPIED-TEXT":
        return body_text(f)
    return scrub(lead_sentence(f))


def shaded_keys(f: Finding) -> list[str]:
    """The wrong cells: those a correction changes (or the suspects); a cell's own fault
    (CELL-VALUE) its cell. An innocent total of a relation is never shaded."""
    keys = f.cells_to_change
    if not keys and f.rule == "CELL-VALUE":
        keys = list(f.cells[:1])
    return keys


def _placed(loc: Location | None) -> bool:
    return loc is not None and not loc.is_document


def mark_of(f: Finding, report: Report) -> Mark:
    keys = [k for k in shaded_keys(f) if k in report.cells and _placed(report.cells[k].location)]
    cells = [report.cells[k].location for k in keys]
    quote = (f.quote or "").strip() or None
    anchor = _anchor(f, report, cells, quote is not None)
    return Mark(f, comment_text(f), anchor, quote if anchor == f.location else None, cells, keys)


def _anchor(f: Finding, report: Report, cells: list[Location], quoted: bool) -> Location:
    if quoted and _placed(f.location):
        return f.location                     # the sentence
    if cells:
        return cells[0]                       # the first wrong cell
    if _placed(f.location):
        return f.location                     # a heading, a row, the date
    named = next((report.cells[k].location for k in f.cells if k in report.cells and _placed(report.cells[k].location)), None)
    return named or Location()


def marks_of(report: Report, findings: Sequence[Finding]) -> list[Mark]:
    """One mark per finding, errors first."""
    return [mark_of(f, report) for f in sort_findings(findings)]


def where(mark: Mark) -> str:
    """A short heading for a note placed away from its place (a whole-report finding)."""
    cell = describe_cells(mark.finding.rule, mark.finding.cells)
    return cell or "全文"


def report_title(report: Report) -> str:
    """The report's title as the standard words it: 单位 + 年 + 政府信息公开工作年度报告; the file's
    own name when the body or the year was not read."""
    if report.unit and report.year:
        return f"{report.unit}{report.year}年政府信息公开工作年度报告"
    if report.unit:
        return f"{report.unit}政府信息公开工作年度报告"
    return Path(report.path).stem


_BAD = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def copy_name(report: Report, ext: str, used: set[str]) -> str:
    """`<报告标题>（审核标注）.<ext>`, legal on Windows, unique (case-insensitively) within `used`."""
    title = report_title(report).encode("utf-8", "replace").decode("utf-8")  # no lone surrogate
    title = _BAD.sub("_", title).strip(" ._")[:NAME_MAX] or "报告"
    name, n = f"{title}{SUFFIX}.{ext}", 1
    while name.casefold() in used:
        n += 1
        name = f"{title}{SUFFIX}({n}).{ext}"
    used.add(name.casefold())
    return name
