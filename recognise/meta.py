"""The report's body (单位), year and date, from the title, the text and the signature."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from model.report import Report
from model.textnorm import norm

_TITLE = re.compile(r"^(?P<unit>.*?)(?P<year>(?:19|20)\d{2})年度?(?:政府)?(?:信息公开|政务公开)(?:工作)?"
                    r"(?:年度报告|年度工作报告|年报|报告)")
_UNIT = re.compile(
    r"([\u4e00-\u9fa5（）()]{2,24}?(?:人民政府办公室|人民政府|街道办事处|办事处|管理委员会|委员会|管委会|"
    r"[\u4e00-\u9fa5]{0,8}局|[\u4e00-\u9fa5]{0,8}办公室|中心|委|院|厅|署))"
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_UNIT_START = re.compile(r"^(?:本报告|现将|根据|按照|依据|在|今年|我|本|年度|20\d\d)")


def read_meta(report: Report, lines: list[tuple[str, object]]) -> None:
    """lines: (text, location) of every text item in reading order."""
    texts = [t for t, _ in lines if t.strip()]
    head = [norm(t) for t in texts[:6]]
    for k in range(len(head)):
        joined = head[k] + (head[k + 1] if k + 1 < len(head) else "")
        for cand in (head[k], joined):
            m = _TITLE.match(cand)
            if m:
                report.year = int(m.group("year"))
                unit = m.group("unit").strip("：:")
                if unit and len(unit) <= 30:
                    report.unit = unit
                break
        if report.year:
            break
    if report.unit is None:
        report.unit = _signature_unit(texts) or _frequent_unit(texts)
    elif not _UNIT.fullmatch(report.unit):
        report.unit = _full_name(report.unit, texts)
    if report.year is None:
        years = Counter(int(y) for t in texts[:40] for y in _YEAR.findall(norm(t[:2000])))
        if years:
            report.year = years.most_common(1)[0][0]
    _read_date(report, lines)


def _full_name(short: str, texts: list[str]) -> str:
    """'凤泉区大块镇' in a title → '大块镇人民政府' when the text names the body in full."""
    core = re.sub(r"^.*?[省市区县旗](?=.{2,})", "", short)
    for suffix in ("人民政府", "街道办事处", "办事处"):
        name = core + suffix
        if any(name in norm(t[:5000]) for t in texts):
            return name
    return short


def _signature_unit(texts: list[str]) -> str | None:
    tail = [norm(t) for t in texts[-6:]]
    for k, t in enumerate(tail):
        if _DATE.fullmatch(t) and k > 0:
            cand = tail[k - 1]
            if len(cand) <= 24 and _UNIT.fullmatch(cand):
                return cand
    return None


def _frequent_unit(texts: list[str]) -> str | None:
    counts: Counter[str] = Counter()
    for t in texts[:60]:
        for found in _UNIT.findall(norm(t[:1000])):  # a body is named early; bounded work on huge lines
            name = _UNIT_START.sub("", found)
            if 3 <= len(name) <= 20:
                counts[name] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def _read_date(report: Report, lines: list[tuple[str, object]]) -> None:
    """The signature date: the last full date standing on a short line near the end."""
    for text, loc in reversed(lines[-12:]):
        n = norm(text)
        m = _DATE.search(n)
        if m and len(n) <= 40:
            try:
                report.date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                report.date = None
            report.date_text = m.group(0)
            report.date_location = loc  # type: ignore[assignment]
            return
