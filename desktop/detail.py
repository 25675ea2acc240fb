"""The texts the window shows about what is selected: a finding, a table cell, the findings
heading and the status line after a batch. Plain functions over the domain values."""
from __future__ import annotations

from checks import SEVERITIES
from checks.finding import Finding
from model.document import Location
from model.marks import Mark, Marks
from model.report import Report
from model.standard import describe_key
from review.session import Entry
from ui.common import finding_tooltip, marked_cells, severity_name


def finding_place(f: Finding, report: Report | None) -> Location:
    """Where to show a finding in the source: a finding placed on the whole document but naming
    a cell is shown at that cell."""
    loc = f.location
    if loc.is_document and f.cells and report is not None and f.cells[0] in report.cells:
        loc = report.cells[f.cells[0]].location
    return loc


def finding_places(f: Finding, report: Report | None) -> list[Location]:
    """Every place to box for a finding: its own, then the place of each other cell it marks (the
    suspects of a finding whose tables cannot tell which cell is wrong, every cell of a fix)."""
    places = [finding_place(f, report)]
    cells = report.cells if report is not None else {}
    for key in marked_cells(f):
        cell = cells.get(key)
        if cell is not None and not cell.location.is_document and cell.location not in places:
            places.append(cell.location)
    return places


def finding_detail(f: Finding, mark: Mark | None, place: Location) -> str:
    text = finding_tooltip(f, mark)
    if f.cells:
        text += f"\n单元格：{describe_key(f.cells[0])}"
    if f.rule == "COPIED-TEXT":  # the place is the whole text: the two texts side by side show what is alike
        return f"{text}\n原文位置：{place.describe()}（右键 → 并排对照两份报告正文，相同段落以黄色标出）"
    return f"{text}\n原文位置：{place.describe()}"


def cell_detail(key: str, report: Report, found: list[Finding], marks: Marks) -> str:
    cell = report.cells.get(key)
    if cell is None:
        head = f"{describe_key(key)}：报告中未找到这一格"
    else:
        filled = f"填写“{cell.raw}”" if cell.raw else "未填写"
        head = f"{describe_key(key)}：{filled}　原文位置：{cell.location.describe()}"
    return "\n".join([head] + [finding_tooltip(f, marks.get(f.fingerprint)) for f in found])


def findings_title(entry: Entry | None) -> str:
    if entry is None or entry.result is None or entry.result.report is None:
        return "问题"
    counts = "　".join(f"{severity_name(s)} {entry.count(s)}" for s in SEVERITIES)
    extra = f"　（{s}）" if (s := entry.marks_summary()) else ""
    return f"问题：{counts}{extra}{round_line(entry)}"


def round_line(entry: Entry) -> str:
    """The round of the report shown: its counts against the round before, and whether a later
    round replaced it (then its findings are no longer what the body must correct)."""
    v = entry.version
    if v is None or v.body_id is None:
        return ""
    parts = [entry.round_summary() or f"第 {v.round} 轮"]
    if later := entry.superseded_by:
        parts.append(f"已被第 {later.round} 轮（{later.file}）取代，本份问题仅供对照")
    return "　｜　" + "；".join(parts)


def batch_message(entries: list[Entry], dropped: int) -> str:
    bad = sum(1 for e in entries if e.status == "unreadable")
    return (f"已打开 {len(entries)} 份报告" + (f"，其中 {bad} 份无法读取" if bad else "")
            + (f"；已取消 {dropped} 个文件" if dropped else ""))
