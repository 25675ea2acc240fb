"""The report's body (单位), year and date: from its title, its text and its signature.

The body is the full name the report gives itself — in its title, on the signature line, or (when
the title has only a short form) as the text names it. The year is the title's; without one, the
statistics period's (统计期限为 2024 年 1 月 1 日至 …), else the year before the signature date.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence

from model.report import Report
from model.textnorm import norm

from .content import METADATA, Title, title_of

UNIT = re.compile(
    r"([\u4e00-\u9fa5（）()]{2,24}?(?:人民政府办公室|人民政府|街道办事处|办事处|管理委员会|委员会|管委会|"
    r"[\u4e00-\u9fa5]{0,8}局|[\u4e00-\u9fa5]{0,8}办公室|中心|委|院|厅|署))"
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年|[-./])\s*(\d{1,2})\s*(?:月|[-./])\s*(\d{1,2})\s*日?")
_PERIOD = re.compile(r"((?:19|20)\d{2})年(?:度)?(?:1月1日)?(?:起)?(?:至|到|-|—|～|~)(?:\1年)?12月31日")
# words a sentence fragment starts with: such a fragment is never a body's name
_UNIT_START = re.compile(r"^(?:本报告|现将|根据|按照|依据|在|今年|我|本|年度|20\d\d|的|了|由|对|经|为|向|各|是|和|与|及)")
_FRAGMENT = re.compile(r"[》《“”\"'，,。；;：:、]|的要求|编制|发布|公开了|印发")
_NOT_A_NAME = {"办公室", "办公厅", "人民政府", "政府", "委员会", "管委会", "中心", "局", "委", "院", "厅", "署"}
# a clause that names whom to contact, not who reports
_CONTACT = re.compile(r"联系|咨询|请与|请向|致电|来电|来信|电话|邮箱|传真|地址|邮编")
# a line that ends mid-sentence (a hard wrap): the next line starts inside a word
_ENDS_MID_SENTENCE = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9]$")
# a short form in a title ('凤泉区大块镇') names the body in full with one of these
_FULL_SUFFIXES = ("人民政府", "街道办事处", "办事处")


def read_meta(report: Report, lines: Sequence[tuple[str, object]], title: Title | None = None,
              file_title: str | None = None, sheets: Sequence[str] = ()) -> None:
    """lines: (text, location) of the report's text items in reading order (chrome left out)."""
    texts = [t for t, _ in lines if t.strip()]
    title = title or _other_title(file_title, sheets)
    if title is not None:
        report.year = title.year
        report.unit = _name(title.unit, texts)
    if report.unit is None:
        report.unit = _named_in_text(texts)
    _read_date(report, lines)
    if report.year is None:
        report.year = _period_year(texts) or _date_year(report) or _frequent_year(texts)


def _other_title(file_title: str | None, sheets: Sequence[str]) -> Title | None:
    """The file's own title (HTML <title>, document properties) or a sheet's name, as a title."""
    for k, cand in enumerate([file_title or "", *sheets]):
        n = norm(cand).split("_")[0].split("-")[0]
        found = title_of(n)
        if found is not None:
            return Title(-1 - k, n, found[0], found[1])
    return None


def is_name(unit: str) -> bool:
    return 3 <= len(unit) <= 30 and unit not in _NOT_A_NAME and bool(UNIT.fullmatch(unit)) \
        and not _FRAGMENT.search(unit) and not _UNIT_START.match(unit)


def _name(unit: str, texts: Sequence[str]) -> str | None:
    """The body's name from the words before a title's year, in full where the text gives it."""
    unit = METADATA.sub("", unit).strip("《》“”\"' ：:")
    unit = re.sub(r"^关于|关于$|的$", "", unit)
    if not unit:
        return _named_in_text(texts)
    if is_name(unit):
        return unit
    full = _full_name(unit, texts)
    if full is not None:
        return full
    if _FRAGMENT.search(unit):  # a sentence fragment before the year: the body is named elsewhere
        return _named_in_text(texts)
    return unit


def _named_in_text(texts: Sequence[str]) -> str | None:
    """The body as the report names itself where its title does not: its signature, else the
    name its text uses most."""
    return _signature_unit(texts) or _frequent_unit(texts)


def _full_name(short: str, texts: Sequence[str]) -> str | None:
    """'凤泉区大块镇' in a title → '大块镇人民政府' when the text names the body in full."""
    core = re.sub(r"^.*?[省市区县旗](?=.{2,})", "", short)
    for suffix in _FULL_SUFFIXES:
        for cand in (short + suffix, core + suffix):
            if any(cand in norm(t[:5000]) for t in texts):
                return cand
    # a township is its government (管头镇 → 管头镇人民政府), a 街道 its 办事处; a county, district or
    # city is not completed (平潭综合实验区, 某某新区 are no 人民政府): the name stays as written
    core = re.sub(r"(?<=[镇乡])政府$", "", core)
    if re.fullmatch(r"[\u4e00-\u9fa5]{1,12}(?:镇|乡|苏木)", core):
        return core + "人民政府"
    if re.fullmatch(r"[\u4e00-\u9fa5]{1,12}街道", core):
        return core + "办事处"
    return None


def _signature_unit(texts: Sequence[str]) -> str | None:
    """The body named on the line above the signature date (or on the date's own line)."""
    tail = [norm(t) for t in texts[-8:]]
    for k, t in enumerate(tail):
        m = _DATE.search(t)
        if not m or len(t) > 40:
            continue
        before = t[:m.start()]
        for cand in (before, tail[k - 1] if k > 0 else ""):
            if is_name(cand):
                return cand
    return None


def _frequent_unit(texts: Sequence[str]) -> str | None:
    """The name the text uses most often for a body (bounded work on huge lines)."""
    counts: Counter[str] = Counter()
    for k, t in enumerate(texts[:60]):
        wrapped = k > 0 and _ENDS_MID_SENTENCE.search(norm(texts[k - 1][-5:])) is not None
        for j, piece in enumerate(re.split(r"[，,。；;：:、（）()《》“”\"\s]", norm(t[:1000]))):
            if _CONTACT.search(piece) or (j == 0 and wrapped):
                continue  # '请与…办公室联系' names whom to ask; a wrapped line's start is a word's middle
            for found in UNIT.findall(piece):
                name = _UNIT_START.sub("", found)
                if is_name(name):
                    counts[name] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def _period_year(texts: Sequence[str]) -> int | None:
    for t in texts:
        m = _PERIOD.search(norm(t[:5000]))
        if m:
            return int(m.group(1))
    return None


def _date_year(report: Report) -> int | None:
    """A report signed in the first half of a year reports on the year before."""
    return report.date.year - 1 if report.date is not None and report.date.month <= 6 else None


def _frequent_year(texts: Sequence[str]) -> int | None:
    years = Counter(int(y) for t in texts[:40] for y in _YEAR.findall(norm(t[:2000])))
    return years.most_common(1)[0][0] if years else None


def _read_date(report: Report, lines: Sequence[tuple[str, object]]) -> None:
    """The signature date: the last full date standing on a short line near the end."""
    for text, loc in reversed(lines[-12:]):
        n = norm(text)
        m = _DATE.search(n)
        if m and len(n) <= 40 and ("年" in m.group(0) or len(n) <= 12):
            try:
                report.date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                report.date = None
            report.date_text = m.group(0)
            report.date_location = loc  # type: ignore[assignment]
            return


