"""整改通知: one letter per body with something to correct (an error) — A4 .docx, print-ready — listing
only that body's findings, with the issuing office, 文号 and 整改时限 from the settings, and per finding
where it is, what it is, what to change it to (or which cells to verify), the 整改要求 and the 依据.
With `notice_pass_letters`, a body with nothing to correct gets a short 审核通过 letter instead. A
letter names the report by its title and date, never by its file, and says nothing of the office's
own tools; a later round's notice says what the body corrected (复核情况)."""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from checks.catalogue import rule_info
from checks.finding import SEVERITY_NAMES, Finding, sort_findings
from model.bodies import body_key
from model.rounds import RoundState
from pipeline import CheckResult

from .atomic import save_atomic
from .cell_text import safe
from .correction import fmt, should_be
from .finding_text import body_text
from .names import position
from .notice_settings import NoticeSettings
from .requirements import requirement, rule_name

COLUMNS = (("序号", 0.8), ("位置", 3.0), ("问题类别", 1.8), ("问题说明", 5.2), ("应改为／请核实", 2.0),
           ("整改要求", 3.1), ("依据", 1.1))  # cm; 17 cm between A4 margins. 依据 by its number, listed under the table
BODY_FONT, TITLE_FONT = "仿宋", "黑体"
NOTICE, PASS_LETTER = "notice", "pass"  # what a body gets: a 整改通知, or a 审核通过 letter


@dataclass
class NoticeEntry:
    """What one body's notice is about: its reports of the year and their findings to correct."""

    body: str
    year: int | None
    files: list[str]                                   # the report file names (recorded, never printed)
    findings: list[Finding]                            # already without dismissed ones
    confirmed: set[str] = field(default_factory=set)   # fingerprints marked 已核实
    rounds: dict[str, RoundState] | None = None        # fingerprint -> its state (a later round)
    resolved: int = 0                                  # findings of the earlier round now gone
    round: int = 1                                     # the round of the body's year the notice is about
    reports: list[str] = field(default_factory=list)   # each report as the letter names it: 《title》（date）


def group_entries(results: Sequence[CheckResult], bodies: Sequence[str | None] | None = None,
                  marks: Sequence[tuple[set[str], set[str]]] | None = None) -> list[NoticeEntry]:
    """One entry per body and year, in input order, from the readable results. `bodies[i]` names
    result i's body (the archive's name; the report's unit otherwise); `marks[i]` is its
    (已核实, 忽略) fingerprints — dismissed findings are left out of the notice."""
    entries: dict[tuple[str, int | None], NoticeEntry] = {}
    for i, r in enumerate(results):
        if r.report is None:
            continue
        name, year = notice_key(r, bodies[i] if bodies else None)
        key = group_key(name, year)
        confirmed, dismissed = marks[i] if marks else (set(), set())
        if r.previous is not None:  # a later round of a version in this run: the notice is about it alone
            entries.pop(key, None)
        e = entries.setdefault(key, NoticeEntry(name, year, [], []))
        e.files.append(r.name)
        named = report_name(r, name)
        if named not in e.reports:
            e.reports.append(named)
        e.findings.extend(f for f in r.findings if f.fingerprint not in dismissed)
        e.confirmed |= confirmed
        if r.rounds is not None and r.previous is not None:
            e.rounds = {**(e.rounds or {}), **r.rounds}
            e.resolved += len(r.previous.resolved)
    return list(entries.values())


def report_name(result: CheckResult, body: str) -> str:
    """A report as a letter names it: its title (the body, the year) and its date as read, never the file."""
    rep = result.report
    year = f"{rep.year}年" if rep is not None and rep.year else ""
    title = f"《{(rep.unit if rep is not None and rep.unit else None) or body}{year}政府信息公开工作年度报告》"
    if rep is not None and rep.date is not None:
        return f"{title}（{rep.date.year}年{rep.date.month}月{rep.date.day}日）"
    return title


def notice_key(result: CheckResult, body: str | None = None) -> tuple[str, int | None]:
    """(body, year) of the notice a readable result goes into: the archive's name of the body, else
    the report's unit, else the file name."""
    report = result.report
    return (body or (report.unit if report is not None else None) or result.name, report.year if report is not None else None)


def group_key(body: str, year: int | None) -> tuple[str, int | None]:
    """One notice per body (model.bodies: however its name is written) and year."""
    return body_key(body) or body, year


def notice_of(entries: Sequence[NoticeEntry], result: CheckResult, body: str | None = None) -> int:
    """Index in `entries` of the notice that holds `result` (-1: none, e.g. left out by to_send)."""
    key = group_key(*notice_key(result, body))
    return next((i for i, e in enumerate(entries) if group_key(e.body, e.year) == key), -1)


def notice_number(settings: NoticeSettings, year: int | None, n: int) -> str:
    try:
        return settings.notice_number.format(year=year or dt.date.today().year, n=n)
    except (KeyError, IndexError, ValueError):  # a template with other braces: printed as written
        return settings.notice_number


def letter_kind(entry: NoticeEntry, only_confirmed: bool = False) -> str | None:
    """What the body gets: NOTICE when the findings sent hold an error (with `only_confirmed`, an
    error marked 已核实), PASS_LETTER when it has no error at all, None when its errors are not yet
    confirmed (it is told nothing yet)."""
    if any(f.severity == "error" for f in selected(entry, only_confirmed)):
        return NOTICE
    if not any(f.severity == "error" for f in entry.findings):
        return PASS_LETTER
    return None


def to_send(entries: Sequence[NoticeEntry], only_confirmed: bool, pass_letters: bool = False) -> list[NoticeEntry]:
    """The entries that get a letter: those with something to correct (an error; with `only_confirmed`
    an error marked 已核实), and with `pass_letters` those with nothing to correct (a 审核通过 letter)."""
    wanted = {NOTICE, PASS_LETTER} if pass_letters else {NOTICE}
    return [e for e in entries if letter_kind(e, only_confirmed) in wanted]


def notice_numbers(settings: NoticeSettings, entries: Sequence[NoticeEntry],
                   issued_before: Callable[[int | None], int] | None = None) -> list[str]:
    """文号 of each entry: numbered on in its year from the settings' start number, after the
    `issued_before(year)` notices already issued."""
    seen: dict[int | None, int] = {}
    out = []
    for e in entries:
        if e.year not in seen:
            before = issued_before(e.year) if issued_before is not None else 0
            seen[e.year] = max(before, settings.notice_start_number - 1)
        seen[e.year] += 1
        out.append(notice_number(settings, e.year, seen[e.year]))
    return out


def notice_file_name(entry: NoticeEntry) -> str:
    what = "审核通过函" if letter_kind(entry) == PASS_LETTER else "整改通知"
    name = f"{what}_{entry.body[:60]}_{entry.year or ''}".encode("utf-8", "replace").decode("utf-8")  # no lone surrogate
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]', "_", name).strip("_ .")
    return f"{name}.docx"


def selected(entry: NoticeEntry, only_confirmed: bool) -> list[Finding]:
    return sort_findings(f for f in entry.findings if not only_confirmed or f.fingerprint in entry.confirmed)


def write_notice(entry: NoticeEntry, out_path: str | os.PathLike[str], settings: NoticeSettings, number: str, *,
                 only_confirmed: bool = False, issued: dt.date | None = None) -> Path:
    """Write one body's notice atomically (ExportError, an OSError, if it cannot be saved)."""
    issued = issued or dt.date.today()
    doc = build_notice(entry, settings, number, only_confirmed=only_confirmed, issued=issued)

    def write(f: IO[bytes]) -> None:
        doc.save(f)

    return save_atomic(write, out_path)


def write_notices(entries: Sequence[NoticeEntry], folder: str | os.PathLike[str], settings: NoticeSettings,
                  numbers: Sequence[str], *, only_confirmed: bool = False,
                  issued: dt.date | None = None) -> list[Path]:
    """All bodies at once: one file per entry in `folder` (created), names made unique."""
    out_dir = Path(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    written: list[Path] = []
    for entry, number in zip(entries, numbers):
        name = notice_file_name(entry)
        stem, k = name[:-5], 1
        while name.casefold() in used:
            k += 1
            name = f"{stem}({k}).docx"
        used.add(name.casefold())
        written.append(write_notice(entry, out_dir / name, settings, number, only_confirmed=only_confirmed, issued=issued))
    return written


@dataclass(frozen=True)
class NoticeContent:
    """What a notice says, in its order, as text: the .docx letter (build_notice) and the print
    preview (ui.print_preview) are made from it, so both say the same thing."""

    body: str
    title: str
    number: str                    # 文号
    salutation: str                # "东山镇人民政府："
    lead: list[str]                # the paragraphs before the table
    header: list[str]              # the findings table's column names (COLUMNS)
    widths: list[float]            # their widths in cm
    rows: list[list[str]]          # finding_row of each finding, numbered from 1; none: no table
    office: str                    # the signature and the date, right-aligned
    date: str
    bases: list[str] = field(default_factory=list)  # under the table: 依据 [n] … once each, as the rows cite them


def notice_content(entry: NoticeEntry, settings: NoticeSettings, number: str, *, only_confirmed: bool = False,
                   issued: dt.date) -> NoticeContent:
    """What the letter to `entry`'s body says: a 整改通知, or (nothing to correct) a 审核通过 letter."""
    findings = selected(entry, only_confirmed)
    year = f"{entry.year}年度" if entry.year else ""
    deadline = issued + dt.timedelta(days=max(0, settings.notice_deadline_days))
    if letter_kind(entry, only_confirmed) == PASS_LETTER:
        title = f"关于{year}政府信息公开工作年度报告审核通过的函"
        lead = _pass_lead(entry, findings, settings)
    else:
        title = f"关于{year}政府信息公开工作年度报告问题整改的通知"
        lead = _lead(entry, findings, settings, deadline)
    rows = [finding_row(n, f, entry) for n, f in enumerate(findings, start=1)]
    return NoticeContent(
        body=entry.body, title=title, number=number, salutation=f"{entry.body}：", lead=lead,
        header=[name for name, _ in COLUMNS], widths=[width for _, width in COLUMNS], rows=_cite_bases(rows),
        office=settings.notice_office, date=f"{issued.year}年{issued.month}月{issued.day}日",
        bases=[f"[{n}] {b}" for n, b in enumerate(dict.fromkeys(r[-1] for r in rows if r[-1]), start=1)])


def _cite_bases(rows: list[list[str]]) -> list[list[str]]:
    """The rows with their 依据 (the last column) replaced by its number: each basis is printed once, under the table."""
    numbers = {b: n for n, b in enumerate(dict.fromkeys(r[-1] for r in rows if r[-1]), start=1)}
    return [[*r[:-1], f"[{numbers[r[-1]]}]" if r[-1] else ""] for r in rows]


def notice_text(c: NoticeContent) -> str:
    """Everything a letter says, as one text (what the tests search)."""
    return "\n".join([c.title, c.number, c.salutation, *c.lead, *c.header, *("\n".join(r) for r in c.rows), *c.bases,
                      c.office, c.date])


def build_notice(entry: NoticeEntry, settings: NoticeSettings, number: str, *, only_confirmed: bool = False,
                 issued: dt.date) -> Any:
    c = notice_content(entry, settings, number, only_confirmed=only_confirmed, issued=issued)
    doc = new_docx()
    doc.core_properties.title = c.title
    doc.core_properties.author = c.office
    _page(doc)
    _para(doc, c.title, size=18, font=TITLE_FONT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)
    _para(doc, c.number, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    _para(doc, c.salutation, size=14, after=6)
    for text in c.lead:
        _para(doc, text, size=14, indent=True, after=6)
    _findings_table(doc, c)
    if c.bases:
        _para(doc, "依据：", size=10.5, after=0)
    for text in c.bases:
        _para(doc, text, size=10.5, after=0)
    for text, align in (("", None), (c.office, WD_ALIGN_PARAGRAPH.RIGHT)):  # the signature never apart from its date
        _para(doc, text, size=14, align=align).paragraph_format.keep_with_next = True
    _para(doc, c.date, size=14, align=WD_ALIGN_PARAGRAPH.RIGHT)
    return doc


def _reports(entry: NoticeEntry, year: str) -> str:
    return "、".join(entry.reports) or f"{year}政府信息公开工作年度报告"


def _counts(findings: list[Finding]) -> str:
    return "、".join(f"{SEVERITY_NAMES[s]} {n} 个" for s in ("error", "warning", "info")
                    if (n := sum(f.severity == s for f in findings)))


def _lead(entry: NoticeEntry, findings: list[Finding], settings: NoticeSettings, deadline: dt.date) -> list[str]:
    year = f"{entry.year}年度" if entry.year else ""
    out = [f"经审核，你单位报送的{_reports(entry, year)}存在以下 {len(findings)} 个问题（{_counts(findings)}）。"
           f"请对照《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发"
           f"〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）逐项整改，于 "
           f"{deadline.year}年{deadline.month}月{deadline.day}日 前将整改后的年度报告报送{settings.notice_office}，"
           f"并在原发布渠道同步更新。"]
    review = review_paragraph(entry, findings)
    if review:
        out.append(review)
    return out


def review_paragraph(entry: NoticeEntry, findings: list[Finding]) -> str:
    """复核情况 of a later round's notice: what the body corrected of the round before, what is still
    open (marked 未整改 in the table) and what is new; '' for a first round."""
    if entry.rounds is None:
        return ""
    still = sum(entry.rounds.get(f.fingerprint) == RoundState.OPEN for f in findings)
    return (f"复核情况：对照你单位上一次报送的报告，上次所提问题已整改 {entry.resolved} 项、仍未整改 {still} 项"
            f"（表中标“未整改”），新发现 {len(findings) - still} 项。")


def _pass_lead(entry: NoticeEntry, findings: list[Finding], settings: NoticeSettings) -> list[str]:
    year = f"{entry.year}年度" if entry.year else ""
    out = [f"经审核，你单位报送的{_reports(entry, year)}未发现需要整改的问题，审核通过。"]
    if findings:
        out.append(f"另有以下 {len(findings)} 处（{_counts(findings)}）建议完善，不作整改要求，请在今后编写年度报告时注意。")
    review = review_paragraph(entry, findings)
    if review:
        out.append(review)
    return out


def _findings_table(doc: object, c: NoticeContent) -> None:
    if not c.rows:
        return
    table: Table = doc.add_table(rows=1, cols=len(c.header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, c.widths):
        column.width = Cm(width)
    header = table.rows[0]
    _repeat_header(header)
    for cell, name, width in zip(header.cells, c.header, c.widths):
        cell.width = Cm(width)
        _cell_text(cell.paragraphs[0], name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for n, values in enumerate(c.rows, start=1):
        row = table.add_row()  # type: ignore[no-untyped-call]
        for cell, value, width in zip(row.cells, values, c.widths):
            cell.width = Cm(width)
            _cell_text(cell.paragraphs[0], value, align=WD_ALIGN_PARAGRAPH.CENTER if value == str(n) else None)


def finding_row(n: int, f: Finding, entry: NoticeEntry | None = None) -> list[str]:
    """The table row of one finding, as text: what the notice prints (tests read it back)."""
    category = f"{rule_name(f.rule) or f.rule}（{SEVERITY_NAMES[f.severity]}）"
    if entry is not None and entry.rounds is not None and entry.rounds.get(f.fingerprint) == RoundState.OPEN:
        category += "\n未整改"
    target = should_be(f)
    return [str(n), position(f), category, body_text(f), "" if target is None else fmt(target),
            requirement(f.rule, f.severity, f.cells), rule_info(f.rule).basis]


# ---- docx plumbing ---------------------------------------------------------------------------
def _page(doc: object) -> None:
    section = doc.sections[0]  # type: ignore[attr-defined]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.left_margin, section.right_margin = Cm(2.0), Cm(2.0)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, "第 ", size=10)
    _field(footer, "PAGE")
    _run(footer, " 页，共 ", size=10)
    _field(footer, "NUMPAGES")
    _run(footer, " 页", size=10)


def _para(doc: object, text: str, *, size: float, font: str = BODY_FONT, bold: bool = False,
          align: object = None, indent: bool = False, after: float = 0) -> Paragraph:
    p: Paragraph = doc.add_paragraph()  # type: ignore[attr-defined]
    if align is not None:
        p.alignment = align  # type: ignore[assignment]
    fmt_ = p.paragraph_format
    fmt_.space_after = Pt(after)
    fmt_.line_spacing = 1.25
    if indent:
        fmt_.first_line_indent = Pt(size * 2)
    _run(p, text, size=size, font=font, bold=bold)
    return p


def _cell_text(p: Paragraph, text: str, *, bold: bool = False, align: object = None) -> None:
    if align is not None:
        p.alignment = align  # type: ignore[assignment]
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = _run(p, line, size=9, bold=bold)
        if i < len(lines) - 1:
            run.add_break()


def _run(p: Paragraph, text: str, *, size: float, font: str = BODY_FONT, bold: bool = False) -> Any:
    run = p.add_run(str(safe(text)))
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = font
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), font)
    return run


def _field(p: Paragraph, code: str) -> None:
    run = _run(p, "", size=10)
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == code:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {code} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._element.append(el)


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)
