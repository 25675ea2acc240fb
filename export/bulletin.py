"""The county's 通报 after a round: “关于 N 年度政府信息公开工作年度报告审核情况的通报”, an A4 .docx in
公文 layout that the office sends upward and across the county — what was checked (N 份, by when),
the result per status with the bodies named, when the reports came and what dates they bear against
the deadline, the most common problems ranked with one example each (no body named in it), the
rounds so far, and what is required next; an annex lists every body.

Every number is the overview's (archive.overview): the 通报 is made from an Overview and counts
nothing of its own; the archive is read only for the examples' wording and the notices issued."""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm

from archive.overview import MISSING, NEEDS_FIX, SUGGEST, UNKNOWN_BODY, UNREADABLE, BodyRow, Overview
from archive.store import Archive
from archive.timing import Timing
from checks.catalogue import rule_info
from checks.finding import SEVERITIES, SEVERITY_NAMES
from model.bodies import body_key

from .atomic import save_atomic
from .finding_text import scrub
from .notice_settings import NoticeSettings
from .notices import _cell_text, _field, _para, _repeat_header, _run

__all__ = ["BulletinContent", "BulletinFacts", "build_bulletin", "bulletin_content", "bulletin_facts", "write_bulletin"]

TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋"
TOP_PROBLEMS = 8          # problems ranked one by one; the rest are summed up
EXAMPLE_MAX = 90          # characters of an example
ANNEX_COLUMNS = (("序号", 0.9), ("单位", 3.6), ("审核结果", 1.6), ("问题数", 1.1), ("轮次", 0.9), ("收到时间", 2.5),
                 ("落款日期", 2.5), ("时限", 2.1))  # cm: 15.6 cm between the 公文 margins
CN_ORDINALS = "一二三四五六七八九十"
SOMEONE = "某单位"
# a quoted name of a body the archive does not know (a report calling itself another body's name)
_QUOTED_BODY = re.compile(r"“[^“”]{2,24}?(?:人民政府|政府|办事处|街道|镇|乡|局|委员会|委|办公室|办|中心|县|区|市)”")


@dataclass(frozen=True)
class Problem:
    rule: str
    name: str           # the catalogue's name
    findings: int       # the overview's count
    bodies: int         # bodies with such a finding (the overview's)
    example: str        # one finding's wording, no body named ('' when none could be told without one)


@dataclass
class BulletinFacts:
    """What the 通报 says, as data: the overview, and what only the archive's wording adds."""

    ov: Overview
    problems: list[Problem]
    notices: int = 0                  # 整改通知 issued for the year
    until: dt.date | None = None      # the last report received
    names: list[str] = field(default_factory=list)  # every name a body goes by (what an example must not hold)


def bulletin_facts(archive: Archive, ov: Overview) -> BulletinFacts:
    """The overview's facts, with one example per rule from the findings the overview counted."""
    names = _all_names(archive, ov)
    problems = [Problem(rule, rule_info(rule).name, n, ov.bodies_by_rule.get(rule, 0), _example(archive, ov.rows, rule, names))
                for rule, n in ov.by_rule.items()]
    received = [t for r in ov.rows if r.timing is not None for t in (r.timing.received, r.timing.latest) if t is not None]
    return BulletinFacts(ov, problems, len(archive.notices(ov.year)), max(received).date() if received else None, names)


def _all_names(archive: Archive, ov: Overview) -> list[str]:
    """The names, keys and aliases of every body the archive knows, the roster's 简称, the units as read
    and the files of the year: longest first, so a longer name is taken out before a part of it."""
    names: set[str] = set()
    for b in archive.bodies():
        names.update((b.name, b.key, *b.aliases))
    for e in archive.roster():
        names.update((e.name, e.short, body_key(e.short)))
    for v in archive.versions(ov.year):
        names.update((v.unit or "", body_key(v.unit or ""), v.file))
    return sorted((n for n in names if len(n) >= 2), key=lambda n: (-len(n), n))


def anonymise(text: str, names: Iterable[str]) -> str:
    """`text` naming no body and no file: a note of a file or the archive left out as in a letter to a
    body (finding_text.scrub), each name (longest first) made 某单位, and so a quoted name of a body."""
    text = scrub(text)
    for n in names:
        text = text.replace(n, SOMEONE)
    text = _QUOTED_BODY.sub(f"“{SOMEONE}”", text)
    return re.sub(rf"(?:{SOMEONE})+", SOMEONE, text).strip()


def _example(archive: Archive, rows: list[BodyRow], rule: str, names: list[str]) -> str:
    """The first finding of `rule` (not dismissed) in the overview's order of bodies, anonymised."""
    for row in rows:
        if row.version_id is None or row.status == UNREADABLE:
            continue
        marks = archive.marks(row.version_id)
        for fp, f in archive.findings(row.version_id):
            if f.get("rule") == rule and not (fp in marks and marks[fp].state == "dismissed"):
                text = anonymise(str(f.get("message", "")), names)
                return text if len(text) <= EXAMPLE_MAX else text[: EXAMPLE_MAX - 1] + "…"
    return ""


# ---- what it says ----------------------------------------------------------------------------
@dataclass(frozen=True)
class BulletinContent:
    """The 通报 as text in its order: the .docx is made from it (and the tests read it)."""

    title: str
    addressee: str
    opening: str
    sections: list[tuple[str, list[str]]]       # (一、heading, its paragraphs)
    office: str
    date: str
    annex_title: str
    annex_header: list[str]
    annex_rows: list[list[str]]
    counts: dict[str, int]                      # the statuses' counts, as the overview gives them
    ranked: list[tuple[str, int]]               # (rule, findings) in the order printed

    def text(self) -> str:
        parts = [self.title, self.addressee, self.opening]
        for head, paras in self.sections:
            parts += [head, *paras]
        parts += [self.office, self.date, self.annex_title, *("　".join(r) for r in self.annex_rows)]
        return "\n".join(parts)


def bulletin_content(facts: BulletinFacts, settings: NoticeSettings, issued: dt.date) -> BulletinContent:
    ov = facts.ov
    year = f"{ov.year}年度"
    deadline = issued + dt.timedelta(days=max(0, settings.notice_deadline_days))
    sections = [("一、基本情况", _basics(facts)), ("二、审核结果", _results(ov)), ("三、存在的主要问题", _problems(facts)),
                ("四、整改情况", _rounds(facts)), ("五、下一步工作要求", _requirements(ov, settings, deadline))]
    return BulletinContent(
        title=f"关于{year}政府信息公开工作年度报告审核情况的通报",
        addressee="各有关单位：",
        opening=(f"根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国"
                 f"政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，{settings.notice_office}对各单位报送的"
                 f"{year}政府信息公开工作年度报告进行了审核。现将审核情况通报如下："),
        sections=sections, office=settings.notice_office, date=_date(issued),
        annex_title=f"附件：{year}政府信息公开工作年度报告审核情况一览表",
        annex_header=[h for h, _ in ANNEX_COLUMNS], annex_rows=[_annex_row(i, r) for i, r in enumerate(ov.rows, start=1)],
        counts=ov.status_counts(), ranked=[(p.rule, p.findings) for p in facts.problems])


def _date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _names(rows: Iterable[BodyRow]) -> str:
    return "、".join(r.body for r in rows)


def _basics(facts: BulletinFacts) -> list[str]:
    ov = facts.ov
    until = f"截至{_date(facts.until)}，" if facts.until is not None else ""
    against = "单位名单" if ov.against_roster else "上年度报送单位"
    earlier = f"（连同整改稿共 {ov.files} 份文件）" if ov.earlier else ""
    out = [f"{until}共收到{ov.year}年度政府信息公开工作年度报告 {ov.reports} 份{earlier}；对照{against}，"
           f"未报送的 {ov.status_counts()[MISSING]} 个。"]
    timed = [(r, r.timing) for r in ov.rows if r.timing is not None]
    if timed:
        out.append(_in_time(timed))
    return out


def _in_time(timed: list[tuple[BodyRow, Timing]]) -> str:
    """The reports against the deadline: in time, late (named), signed after the deadline (named)."""
    late = [r for r, t in timed if t.received_late]
    signed_late = [r for r, t in timed if t.signed_late]
    due = "、".join(_date(d) for d in sorted({t.deadline for _, t in timed}))
    text = f"按公布期限（{due}）核对，按期报送 {len(timed) - len(late)} 份，逾期报送 {len(late)} 份"
    text += f"（{_names(late)}）" if late else ""
    text += (f"；报告落款日期晚于公布期限的 {len(signed_late)} 份（{_names(signed_late)}）" if signed_late
             else "；报告落款日期均未晚于公布期限")
    return text + "。"


def _results(ov: Overview) -> list[str]:
    out = []
    for status, n in ov.status_counts().items():
        if not n:
            continue
        rows = [r for r in ov.rows if r.status == status]
        unit = "个单位" if status == MISSING else "份"
        named = _names(r for r in rows if r.body and r.body != UNKNOWN_BODY)
        unknown = sum(r.body == UNKNOWN_BODY for r in rows)
        extra = f"，另有 {unknown} 份无法识别报送单位" if unknown else ""
        out.append(f"{status} {n} {unit}" + (f"：{named}{extra}。" if named else f"{extra}。"))
    return out


def _problems(facts: BulletinFacts) -> list[str]:
    ov = facts.ov
    totals = {s: sum(r.counts[s] for r in ov.rows) for s in SEVERITIES}
    total = sum(ov.by_rule.values())
    if not total:
        return ["本轮审核未发现问题。"]
    parts = "、".join(f"{SEVERITY_NAMES[s]} {n} 个" for s, n in totals.items() if n)
    out = [f"审核共发现问题 {total} 个（{parts}），按出现次数排列，主要有："]
    for i, p in enumerate(facts.problems[:TOP_PROBLEMS]):
        example = f"如：“{p.example}”" if p.example else ""
        out.append(f"（{CN_ORDINALS[i]}）{p.name}。共 {p.findings} 个，涉及 {p.bodies} 个单位。{example}")
    rest = facts.problems[TOP_PROBLEMS:]
    if rest:
        out.append(f"此外，{'、'.join(p.name for p in rest)}等其他问题共 {sum(p.findings for p in rest)} 个。")
    return out


def _rounds(facts: BulletinFacts) -> list[str]:
    rows = [r for r in facts.ov.rows if r.round > 1]
    resolved, still = sum(r.resolved for r in rows), sum(r.still_open for r in rows)
    sent = f"已向有关单位发出整改通知 {facts.notices} 份；" if facts.notices else ""
    if not rows:
        return [f"{sent}目前尚无单位报送整改后的报告。"]
    return [f"{sent}{len(rows)} 个单位报送了整改后的报告，经复核，上一轮所提问题已整改 {resolved} 项、仍未整改 {still} 项。"]


def _requirements(ov: Overview, settings: NoticeSettings, deadline: dt.date) -> list[str]:
    counts = ov.status_counts()
    out = []
    if counts.get(NEEDS_FIX):
        out.append(f"请需整改的单位对照整改通知逐项整改，于 {_date(deadline)} 前将整改后的年度报告报送{settings.notice_office}，"
                   f"并在原发布渠道同步更新。")
    if counts.get(SUGGEST):
        out.append("请建议完善的单位对照审核意见核实有关内容，确有问题的予以完善。")
    if counts[UNREADABLE]:
        out.append("请报告无法读取的单位重新报送可正常打开的文件（Word、WPS 或可复制文字的 PDF）。")
    if counts[MISSING]:
        out.append(f"请未报送的单位于 {_date(deadline)} 前报送年度报告，并说明未按时报送的原因。")
    out.append("各单位要严格对照国办公开办函〔2021〕30号规定的格式编制年度报告，做到表格数据准确、前后衔接，正文与表格一致，"
               "按《中华人民共和国政府信息公开条例》第四十九条、第五十条规定的期限向社会公布。")
    return [f"{i}. {t}" for i, t in enumerate(out, start=1)]


def _annex_row(i: int, r: BodyRow) -> list[str]:
    t = r.timing
    return [str(i), r.body or r.file, r.status, str(r.total) if r.status != MISSING else "", str(r.round or ""),
            _received(t), t.signed.isoformat() if t and t.signed else "", t.verdict if t else ""]


def _received(t: Timing | None) -> str:
    """收到时间 in the annex: the day over the time; a corrected version's after it."""
    if t is None or t.received is None:
        return ""
    first = f"{t.received:%Y-%m-%d}\n{t.received:%H:%M}"
    return first if t.latest is None else f"{first}\n整改稿\n{t.latest:%Y-%m-%d}"


# ---- the .docx (GB/T 9704 公文: A4, 3.7/3.5/2.8/2.6 cm margins, 仿宋 三号, headings 黑体) -----------
def build_bulletin(c: BulletinContent) -> Any:
    doc = new_docx()
    doc.core_properties.title = c.title
    doc.core_properties.author = c.office
    _page(doc)
    _para(doc, c.title, size=22, font=TITLE_FONT, align=WD_ALIGN_PARAGRAPH.CENTER, after=16)
    _para(doc, c.addressee, size=16)
    _para(doc, c.opening, size=16, indent=True)
    for head, paras in c.sections:
        _para(doc, head, size=16, font=HEADING_FONT, indent=True)
        for text in paras:
            _para(doc, text, size=16, indent=True)
    _para(doc, "", size=16)
    _para(doc, c.office, size=16, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, c.date, size=16, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _annex(doc, c)
    return doc


def _page(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, "— ", size=14)
    _field(footer, "PAGE")
    _run(footer, " —", size=14)


def _annex(doc: Any, c: BulletinContent) -> None:
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    _para(doc, c.annex_title, size=16, font=HEADING_FONT, after=8)
    table = doc.add_table(rows=1, cols=len(c.annex_header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [w for _, w in ANNEX_COLUMNS]
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    _repeat_header(table.rows[0])
    for cell, name, width in zip(table.rows[0].cells, c.annex_header, widths):
        cell.width = Cm(width)
        _cell_text(cell.paragraphs[0], name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for values in c.annex_rows:
        row = table.add_row()
        for col, (cell, value, width) in enumerate(zip(row.cells, values, widths)):
            cell.width = Cm(width)
            _cell_text(cell.paragraphs[0], value, align=None if col == 1 else WD_ALIGN_PARAGRAPH.CENTER)


def write_bulletin(archive: Archive, ov: Overview, out_path: str | os.PathLike[str], settings: NoticeSettings, *,
                   issued: dt.date | None = None) -> Path:
    """Write the 通报 of `ov` atomically (an OSError if it cannot be saved)."""
    doc = build_bulletin(bulletin_content(bulletin_facts(archive, ov), settings, issued or dt.date.today()))

    def write(f: IO[bytes]) -> None:
        doc.save(f)

    return save_atomic(write, out_path)
