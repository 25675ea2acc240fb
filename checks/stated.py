"""The counts the narrative states, read by structure: a number and its measure word, what it
counts from the words around it (收到申请 21 件, 1 起行政复议案件), and which table cells state the same.

"收到/受理 N 件" is often written for 新收 + 上年结转, so either reading is accepted.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from model.report import Report, Sentence
from model.textnorm import norm

from .bounds import DIGITS

# A count in the text: a number and its measure word. What it counts is read from the words
# before it in its clause (since the previous count): “收到…申请 21 件”, “行政复议 1 件”; or, with
# nothing there, from the words just after it: “1 起行政复议案件”.
_COUNT = re.compile(DIGITS + r"(?:件|条|个|起|宗|次|例|项)")  # a longer number is no count: unread
_CLAUSE = re.compile(r"[，,。；;！!？?]")
_YEARS = re.compile(r"(?:19|20)\d{2}年(?:度)?(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日|第[一二三四五六七八九十\d]+")
_CHANGE = re.compile(r"同比|增加|减少|增长|下降|上升|较上|比上|环比|多于|少于")
_INCLUDING_CARRIED = re.compile(r"[含包括]{1,2}上一?年度?结转")
_KINDS = (  # (kind, words that name it), in the order they are tried
    ("carry_forward", re.compile(r"结转(?:至|到)?下一?年度?|转入下一?年度?|下一?年度?继续办理|结转\d*件?下一?年")),
    ("carried", re.compile(r"上一?年度?结转|结转上一?年|上年度?遗留|上年未办结")),
    ("review", re.compile(r"行政复议")),
    ("suit", re.compile(r"行政诉讼|诉讼")),
    ("normative", re.compile(r"(?:制发|印发|出台|制定|发布)[^，。；]{0,10}规范性文件|规范性文件[^，。；]{0,6}(?:制发|印发|出台|制定)")),
    ("done", re.compile(r"办结|办理完毕|已办理|答复|作出答复|处理完毕")),
    ("received", re.compile(r"(?:收到|受理|新收|接收|接到|提出|登记)[^，。；]{0,40}申请|申请[^，。；]{0,12}(?:收到|受理|新收|接收|接到)"
                            r"|政府信息公开申请|依申请公开")),
)
NONE_RECEIVED = re.compile(r"(?:未|没有|无)(?:收到|受理|接到|接收|发生)[^，,。；;]{0,16}?申请"
                           r"|申请[^，,。；;\d]{0,8}?(?:为零|为0|数为0)")
ALL_DONE = re.compile(r"(?:均已|全部|均)(?:按时|依法|在法定期限内)?(?:办结|办理完毕|答复完毕)")
NO_REVIEW = re.compile(r"(?:未发生|没有发生|无|未出现|未收到|没有|未有|不存在)[^，,。；;]{0,20}?行政复议"
                       r"|行政复议[^，,。；;\d]{0,12}?(?:为零|为0|均为零|均为0|0件|零件)")
NO_SUIT = re.compile(r"(?:未发生|没有发生|无|未出现|没有|未有|不存在)[^，,。；;]{0,24}?行政诉讼"
                     r"|行政诉讼[^，,。；;\d]{0,12}?(?:为零|为0|均为零|均为0|0件|零件)|行政复议和行政诉讼[^，,。；;\d]{0,6}?均为(?:零|0)")


@dataclass(frozen=True)
class Count:
    """One count the text states, with what it counts."""
    kind: str        # received, carried, carry_forward, done, review, suit, normative
    value: int
    words: str       # the words that state it, e.g. “结转下年度 2 件”


@lru_cache(maxsize=4096)  # each rule that reads a sentence's counts asks again: read once
def counts_in(n: str, year: int | None = None) -> tuple[Count, ...]:
    """The counts a normalised sentence states, clause by clause, with what each counts. With the
    report's `year`, counts after another year is named (“2023年，收到申请 16 件”) are left out."""
    out: list[Count] = []
    current = year
    for raw_clause in _CLAUSE.split(n):
        named = [int(y) for y in re.findall(r"((?:19|20)\d{2})年", raw_clause)]
        if named:
            current = named[0]
        if year is not None and current != year:
            continue
        clause = _YEARS.sub("", raw_clause)
        prev = 0
        for m in _COUNT.finditer(clause):
            before = clause[prev:m.start()]
            after = clause[m.end():m.end() + 12]
            prev = m.end()
            if _CHANGE.search(before[-8:]) or after.startswith(("%", "人")):
                continue  # a change against last year, a share, people
            found = _kind(before)
            if found is not None:
                out.append(Count(found[0], int(m.group(1)), before[found[1]:] + m.group(0)))
            elif not (before.strip() and _COUNT_NOUN.search(before)) and (found := _kind(after)) is not None:
                out.append(Count(found[0], int(m.group(1)), m.group(0) + after[:found[1] + 6]))
    return tuple(out)


_COUNT_NOUN = re.compile(r"信息|文件|条|网站|平台|政务|微信|公众号|会议|培训|活动|人次")


def _kind(words: str) -> tuple[str, int] | None:
    """What the words count, and where the words that say so start."""
    if not words:
        return None
    if _INCLUDING_CARRIED.search(words):  # “受理申请（含上年结转）24 件”: new and carried together
        m = _KINDS[-1][1].search(words)
        return "received", m.start() if m else 0
    for kind, pattern in _KINDS:
        if m := pattern.search(words):
            return kind, m.start()
    return None


@dataclass(frozen=True)
class Statement:
    """A count the text states: `value` equals the sum of the cells of one of the `readings`."""
    value: int
    readings: tuple[tuple[str, ...], ...]
    text: str          # the words that state it, e.g. “结转下年度 2 件”
    what: str          # Chinese name of the count
    sentence: Sentence


def compared(s: Sentence) -> str | None:
    """The normalised sentence when it speaks of this year's applications, else None."""
    if s.section in (5, 6):
        return None  # plans and other matters speak of other years
    n = norm(s.text)
    if re.search(r"上一?年度?[^结]|去年|同比|较上年|20\d\d年度?相比", n) and "上年结转" not in n:
        return None  # a comparison with last year
    return n


_READINGS: dict[str, tuple[str, tuple[tuple[str, ...], ...]]] = {
    "received": ("收到申请数", (("t3.new.total",), ("t3.new.total", "t3.carried.total"))),
    "carried": ("上年结转申请数", (("t3.carried.total",),)),
    "carry_forward": ("结转下年度办理数", (("t3.carry_forward.total",),)),
    "done": ("办结申请数", (("t3.total.total",),)),
}


def application_counts(s: Sentence, n: str, year: int | None = None) -> Iterable[Statement]:
    counts = counts_in(n, year)
    if NONE_RECEIVED.search(n) and not any(c.kind == "received" for c in counts):
        yield Statement(0, (("t3.new.total",),), "未收到政府信息公开申请", "新收申请数", s)
    seen: set[str] = set()
    for c in counts:
        if c.kind in _READINGS and c.kind not in seen:
            seen.add(c.kind)
            what, readings = _READINGS[c.kind]
            yield Statement(c.value, readings, c.words, what, s)


_CASES: dict[str, tuple[str, tuple[tuple[str, ...], ...]]] = {
    "review": ("行政复议件数", (("t4.review.total",),)),
    "suit": ("行政诉讼件数", (("t4.suit_direct.total", "t4.suit_after_review.total"),)),
}


def case_counts(s: Sentence, n: str, year: int | None = None) -> Iterable[Statement]:
    """The counts of table 4 a sentence states (行政复议 N 件, 行政诉讼 N 件)."""
    seen: set[str] = set()
    for c in counts_in(n, year):
        if c.kind in _CASES and c.kind not in seen:
            seen.add(c.kind)
            what, readings = _CASES[c.kind]
            yield Statement(c.value, readings, c.words, what, s)


def stated_counts(report: Report) -> list[Statement]:
    """The counts of tables 3 and 4 the narrative states (新收/收到, 上年结转, 结转下年度, 办结;
    行政复议, 行政诉讼): where the tables allow several corrections, these may single one out."""
    out: list[Statement] = []
    for s in report.sentences:
        n = compared(s)
        if n is not None:
            out.extend(application_counts(s, n, report.year))
            out.extend(case_counts(s, n, report.year))
    return out

