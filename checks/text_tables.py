"""TEXT-TABLE-MISMATCH: numbers the narrative states against the tables.

"收到/受理 N 件" is often written for 新收 + 上年结转, so either reading is accepted.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from model.report import Report, Sentence
from model.standard import T3_APPLICANT_COLUMNS
from model.textnorm import norm

from .finding import Finding, Severity
from .registry import rule
from .settings import Settings

_NUM = r"(\d+)(?:件|条|个|起|宗|次)"
_RECEIVED = re.compile(rf"(?:收到|受理|新收|接收)[^，,。；;\d]{{0,16}}?申请[^，,。；;\d]{{0,8}}?{_NUM}")
_NONE_RECEIVED = re.compile(r"(?:未|没有|无)(?:收到|受理|接到)[^，,。；;]{0,16}?申请"
                            r"|(?:收到|受理)[^，,。；;\d]{0,16}?申请[^，,。；;\d]{0,4}?0(?:件|条|个)")
_CARRIED = re.compile(rf"上年(?:度)?结转[^，,。；;\d]{{0,10}}?{_NUM}")
_CARRY_FORWARD = re.compile(rf"结转(?:至)?下(?:一)?年度?[^，,。；;\d]{{0,10}}?{_NUM}")
_DONE = re.compile(rf"(?:办结|办理完毕|答复)[^，,。；;\d]{{0,8}}?{_NUM}")
_ALL_DONE = re.compile(r"(?:均已|全部|均)(?:按时|依法|在法定期限内)?(?:办结|办理完毕|答复完毕)")
_REVIEW = re.compile(rf"行政复议[^，,。；;\d]{{0,8}}?{_NUM}")
_SUIT = re.compile(rf"行政诉讼[^，,。；;\d]{{0,8}}?{_NUM}")
_NO_REVIEW = re.compile(r"(?:未发生|没有发生|无|未出现|未收到|没有)[^，,。；;]{0,20}?行政复议")
_NO_SUIT = re.compile(r"(?:未发生|没有发生|无|未出现|没有)[^，,。；;]{0,24}?行政诉讼")
_NORMATIVE = re.compile(rf"(?:制发|印发|出台|制定)[^，,。；;\d]{{0,10}}?规范性文件[^，,。；;\d]{{0,4}}?{_NUM}")


def _row_total(report: Report, row: str) -> int | None:
    v = report.value(f"t3.{row}.total")
    if v is not None:
        return int(v)
    parts = [report.value(f"t3.{row}.{c}") for c in T3_APPLICANT_COLUMNS if f"t3.{row}.{c}" in report.cells]
    if not parts or any(p is None for p in parts):
        return None
    return int(sum(parts))  # type: ignore[arg-type]


def _t4(report: Report, *groups: str) -> int | None:
    vals = [report.value(f"t4.{g}.total") for g in groups]
    if any(v is None for v in vals):
        return None
    return int(sum(vals))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Statement:
    """A count the text states: `value` equals the sum of the cells of one of the `readings`."""
    value: int
    readings: tuple[tuple[str, ...], ...]
    text: str          # the words that state it, e.g. “结转下年度 2 件”
    what: str          # Chinese name of the count
    sentence: Sentence


def _compared(s: Sentence) -> str | None:
    """The normalised sentence when it speaks of this year's applications, else None."""
    if s.section in (5, 6):
        return None  # plans and other matters speak of other years
    n = norm(s.text)
    if re.search(r"上一?年度?[^结]|去年|同比|较上年|20\d\d年度?相比", n) and "上年结转" not in n:
        return None  # a comparison with last year
    return n


_COUNTS = (
    (_CARRIED, "上年结转申请数", (("t3.carried.total",),)),
    (_CARRY_FORWARD, "结转下年度办理数", (("t3.carry_forward.total",),)),
    (_DONE, "办结申请数", (("t3.total.total",),)),
)


def _application_counts(s: Sentence, n: str) -> Iterable[Statement]:
    if _NONE_RECEIVED.search(n):
        yield Statement(0, (("t3.new.total",),), "未收到政府信息公开申请", "新收申请数", s)
    elif m := _RECEIVED.search(n):
        yield Statement(int(m.group(1)), (("t3.new.total",), ("t3.new.total", "t3.carried.total")), m.group(0),
                        "收到申请数", s)
    for pattern, what, readings in _COUNTS:
        if m := pattern.search(n):
            yield Statement(int(m.group(1)), readings, m.group(0), what, s)


def stated_counts(report: Report) -> list[Statement]:
    """The application counts of table 3 the narrative states (新收/收到, 上年结转, 结转下年度, 办结)."""
    out: list[Statement] = []
    for s in report.sentences:
        n = _compared(s)
        if n is not None:
            out.extend(_application_counts(s, n))
    return out


def _finding(s: Sentence, what: str, text_value: int | str, table_value: int | str, cells: list[str],
             numbers: tuple[int | None, int | None] | None = None) -> Finding:
    """`numbers` = (expected, actual) when the words shown are not the numbers themselves."""
    expected, actual = numbers or (table_value if isinstance(table_value, int) else None,
                                   text_value if isinstance(text_value, int) else None)
    return Finding(rule="TEXT-TABLE-MISMATCH", severity=Severity.ERROR,
                   message=f"正文所述{what}（{text_value}）与统计表（{table_value}）不一致：{_quote(s)}",
                   cells=cells, expected=expected, actual=actual, location=s.location, quote=s.text, subject=what)


def _quote(s: Sentence, limit: int = 120) -> str:
    return s.text if len(s.text) <= limit else s.text[:limit] + "…"


def _sum(report: Report, cells: tuple[str, ...]) -> int | None:
    total = 0
    for c in cells:
        v = _row_total(report, c.split(".")[1]) if c.startswith("t3.") else report.value(c)
        if v is None:
            return None
        total += int(v)
    return total


def _count_findings(report: Report, st: Statement) -> Iterable[Finding]:
    table = [_sum(report, alt) for alt in st.readings]
    if table[0] is None or st.value in table:
        return
    if st.text == "未收到政府信息公开申请":
        yield _finding(st.sentence, "申请情况", "未收到申请", f"本年新收 {table[0]} 件", ["t3.new.total"], (table[0], 0))
        return
    cells = list(dict.fromkeys(c for alt in st.readings for c in alt))
    yield _finding(st.sentence, st.what, st.value, table[0], cells)


def _all_done(report: Report, s: Sentence, n: str) -> Iterable[Finding]:
    forward = _row_total(report, "carry_forward")
    if forward and _ALL_DONE.search(n) and "申请" in n and not _CARRY_FORWARD.search(n):
        yield _finding(s, "申请“均已办结”", "均已办结", f"结转下年度 {forward} 件", ["t3.carry_forward.total"])


_T4_SAID = (
    ("行政复议", ("review",), _NO_REVIEW, _REVIEW, ["t4.review.total"]),
    ("行政诉讼", ("suit_direct", "suit_after_review"), _NO_SUIT, _SUIT,
     ["t4.suit_direct.total", "t4.suit_after_review.total"]),
)


def _t4_findings(report: Report, s: Sentence, n: str) -> Iterable[Finding]:
    denied: list[tuple[str, int, list[str]]] = []  # “未发生…” said, yet the table has cases
    for what, groups, none_said, count_said, cells in _T4_SAID:
        value = _t4(report, *groups)
        if value is None:
            continue
        if none_said.search(n):
            if value != 0:
                denied.append((what, value, cells))
        elif (m := count_said.search(n)) and int(m.group(1)) != value:
            yield _finding(s, f"{what}件数", int(m.group(1)), value, cells)
    if denied:  # one statement (“未发生行政复议、行政诉讼”), one finding
        whats = "、".join(w for w, _, _ in denied)
        yield _finding(s, f"{whats}情况", f"未发生{whats}", "、".join(f"{w} {v} 件" for w, v, _ in denied),
                       [c for _, _, cells in denied for c in cells], (denied[0][1], 0))


def _normative(report: Report, s: Sentence, n: str) -> Iterable[Finding]:
    issued = report.value("t2.normative.issued")
    m = _NORMATIVE.search(n)
    if m and issued is not None and int(m.group(1)) != issued:
        yield _finding(s, "制发规范性文件件数", int(m.group(1)), int(issued), ["t2.normative.issued"])


@rule("TEXT-TABLE-MISMATCH")
def text_table_mismatch(report: Report, settings: Settings) -> Iterable[Finding]:
    for s in report.sentences:
        n = _compared(s)
        if n is None:
            continue
        for st in _application_counts(s, n):
            yield from _count_findings(report, st)
        yield from _all_done(report, s, n)
        yield from _t4_findings(report, s, n)
        yield from _normative(report, s, n)
