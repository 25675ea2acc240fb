"""TEXT-TABLE-MISMATCH: numbers the narrative states against the tables, and which side to change.

The counts are read by checks.stated. Where the tables' own relations determine the cells (checks.
table_system: they hold, or one correction makes them hold), the tables are right and the sentence
is what must change — to the value the (corrected) tables give; when that correction makes the
sentence right, the table finding says so and no text finding is made. Where no relation holds the
cells (表二), or the tables cannot tell how they must be corrected, the finding does not take a side.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from model.report import Report, Sentence
from model.standard import T3_APPLICANT_COLUMNS

from .finding import Finding, Severity
from .registry import rule
from .settings import RuleSettings
from .stated import ALL_DONE, NO_REVIEW, NO_SUIT, Statement, application_counts, compared, counts_in
from .table_system import TableSystem, solve_tables
from .wording import num


def _row_total(report: Report, row: str) -> int | None:
    v = report.value(f"t3.{row}.total")
    if v is not None:
        return int(v)
    parts = [report.value(f"t3.{row}.{c}") for c in T3_APPLICANT_COLUMNS if f"t3.{row}.{c}" in report.cells]
    if not parts or any(p is None for p in parts):
        return None
    return int(sum(parts))  # type: ignore[arg-type]


def _sum(report: Report, cells: tuple[str, ...]) -> int | None:
    total = 0
    for c in cells:
        v = _row_total(report, c.split(".")[1]) if c.startswith("t3.") else report.value(c)
        if v is None:
            return None
        total += int(v)
    return total


@dataclass(frozen=True)
class Verdict:
    """Which side of a text–table mismatch to change."""
    amend: str                  # "text", or "" when the tables cannot tell
    should_say: int | None      # the number the sentence should state, when the tables determine it
    corrected: bool = False     # that number is the tables' once corrected, not what they hold now
    ways: tuple[int, ...] = ()  # the numbers the tables may hold once corrected, when several


def judge(system: TableSystem, value: int, readings: Sequence[tuple[str, ...]], now: int) -> Verdict | None:
    """The side to change when the text states `value` for cells the tables now give `now` for (first
    reading); None when the tables' own correction makes them agree with the text (the table
    finding then says what to change)."""
    possible = [system.possible_sums(alt) for alt in readings]
    first = possible[0]
    if first is None:
        return Verdict("", None)  # no relation holds these cells: either side may be wrong
    agree = [value in p for p in possible if p is not None]
    if any(agree):
        if len(first) == 1 and all(p is not None and len(p) == 1 for p in possible):
            return None
        return Verdict("", None, ways=tuple(sorted(int(x) for x in first)))
    if len(first) == 1:
        [only] = first
        return Verdict("text", int(only), corrected=int(only) != now)
    return Verdict("text", None, ways=tuple(sorted(int(x) for x in first)))


def _table_side(label: str, now: int, v: Verdict) -> str:
    """What the tables hold (label: 表三本年新收…), and what they hold once corrected when that differs."""
    table = label[:2]
    if v.ways and len(v.ways) > 1:
        return f"{label}填 {now}（{table}本身勾稽有误，更正后为 {' 或 '.join(str(w) for w in v.ways)}）"
    if v.corrected:
        return f"{label}填 {now}（按{table}勾稽关系应为 {v.should_say}）"
    return f"{label}为 {now}"


def _summary(text_side: str, table_side: str, v: Verdict, should_say: str | None = None) -> str:
    if v.amend == "text":
        said = should_say or (str(v.should_say) if v.should_say is not None else None)
        change = "应按表格修改正文" if said is None else f"应将正文改为{said if said.startswith('“') else ' ' + said}"
        return f"{text_side}，而{table_side}，{change}"
    if v.ways:
        return f"{text_side}，而{table_side}；请先核实表格，再使正文与表格一致"
    return f"{text_side}，而{table_side}，两者不一致，请核实后改正有误的一方"


def _finding(s: Sentence, subject: str, text_side: str, table_side: str, cells: list[str], v: Verdict,
             actual: int, should_say: str | None = None) -> Finding:
    summary = _summary(text_side, table_side, v, should_say)
    return Finding(rule="TEXT-TABLE-MISMATCH", severity=Severity.ERROR, summary=summary,
                   message=f"{summary}。原句：“{_quote(s)}”", cells=cells, expected=v.should_say, actual=actual,
                   amend=v.amend, location=s.location, quote=s.text, subject=subject)


def _quote(s: Sentence, limit: int = 120) -> str:
    return s.text if len(s.text) <= limit else s.text[:limit] + "…"


def _table_of(cells: Iterable[str]) -> str:
    return {"t2": "表二", "t3": "表三", "t4": "表四"}[next(iter(cells)).split(".")[0]]


def _count_findings(report: Report, system: TableSystem, st: Statement) -> Iterable[Finding]:
    table = [_sum(report, alt) for alt in st.readings]
    if table[0] is None or st.value in table:
        return
    v = judge(system, st.value, st.readings, table[0])
    if v is None:
        return
    cells = list(dict.fromkeys(c for alt in st.readings for c in alt))
    if st.text == "未收到政府信息公开申请":
        yield _finding(st.sentence, "申请情况", "正文称未收到政府信息公开申请",
                       _table_side("表三本年新收", table[0], v), ["t3.new.total"], v, 0)
        return
    yield _finding(st.sentence, st.what, f"正文所述{st.what}为 {st.value}",
                   _table_side(_table_of(cells), table[0], v), cells, v, st.value)


def _all_done(report: Report, system: TableSystem, s: Sentence, n: str) -> Iterable[Finding]:
    forward = _row_total(report, "carry_forward")
    if forward and ALL_DONE.search(n) and "申请" in n and not any(c.kind == "carry_forward" for c in counts_in(n, report.year)) \
            and "结转" not in n:
        cells = ["t3.carry_forward.total"]
        v = judge(system, 0, [tuple(cells)], forward)
        if v is not None:
            yield _finding(s, "申请“均已办结”", "正文称申请均已办结",
                           _table_side("表三结转下年度", forward, v), cells, v, 0)


_T4_SAID = (
    ("行政复议", "review", ("review",), NO_REVIEW),
    ("行政诉讼", "suit", ("suit_direct", "suit_after_review"), NO_SUIT),
)


def _t4(report: Report, *groups: str) -> int | None:
    vals = [report.value(f"t4.{g}.total") for g in groups]
    if any(v is None for v in vals):
        return None
    return int(sum(vals))  # type: ignore[arg-type]


def _t4_findings(report: Report, system: TableSystem, s: Sentence, n: str) -> Iterable[Finding]:
    denied: list[_Denied] = []  # “未发生…” said, yet the table has cases
    counts = counts_in(n, report.year)
    for what, kind, groups, none_said in _T4_SAID:
        value = _t4(report, *groups)
        if value is None:
            continue
        cells = [f"t4.{g}.total" for g in groups]
        said = next((c.value for c in counts if c.kind == kind), None)
        if said is None and none_said.search(n):
            if value != 0 and (v := judge(system, 0, [tuple(cells)], value)) is not None:
                denied.append(_Denied(what, value, cells, v))
        elif said is not None and said != value and (v := judge(system, said, [tuple(cells)], value)) is not None:
            yield _finding(s, f"{what}件数", f"正文所述{what}件数为 {said}", _table_side("表四", value, v), cells, v, said)
    if denied:
        yield _denied_finding(s, denied)


@dataclass(frozen=True)
class _Denied:
    """A kind of case the sentence says did not happen (未发生行政复议), that the table has."""
    what: str
    now: int
    cells: list[str]
    verdict: Verdict


def _denied_finding(s: Sentence, denied: Sequence[_Denied]) -> Finding:
    """One statement (“未发生行政复议、行政诉讼”), one finding."""
    whats = "、".join(d.what for d in denied)
    sides = [d.verdict for d in denied]
    v = sides[0] if len(sides) == 1 else Verdict("text" if all(x.amend == "text" for x in sides) else "",
                                                 sides[0].should_say, ways=sides[0].ways)
    table_side = "表四填有" + "、".join(_cases(d.what, d.now, d.verdict) for d in denied)
    should_say = "“" + "、".join(f"{d.what} {d.verdict.should_say} 件" for d in denied) + "”" \
        if all(x.should_say is not None for x in sides) else None
    return _finding(s, f"{whats}情况", f"正文称未发生{whats}", table_side,
                    [c for d in denied for c in d.cells], v, 0, should_say)


def _cases(what: str, now: int, v: Verdict) -> str:
    """行政复议 1 件, with what the tables hold once corrected when that differs."""
    if v.ways and len(v.ways) > 1:
        return f"{what} {now} 件（表四本身勾稽有误，更正后为 {' 或 '.join(str(w) for w in v.ways)} 件）"
    if v.corrected:
        return f"{what} {now} 件（按表四勾稽关系应为 {v.should_say} 件）"
    return f"{what} {now} 件"


def _normative(report: Report, system: TableSystem, s: Sentence, n: str) -> Iterable[Finding]:
    issued = report.value("t2.normative.issued")
    said = next((c.value for c in counts_in(n, report.year) if c.kind == "normative"), None)
    if said is None or issued is None or said == issued:
        return
    cells = ["t2.normative.issued"]
    v = judge(system, said, [tuple(cells)], int(issued))
    if v is not None:
        yield _finding(s, "制发规范性文件件数", f"正文所述制发规范性文件件数为 {said}",
                       _table_side("表二", int(num(issued)), v), cells, v, said)


@rule("TEXT-TABLE-MISMATCH")
def text_table_mismatch(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    system = solve_tables(report, settings)
    for s in report.sentences:
        n = compared(s)
        if n is None:
            continue
        for st in application_counts(s, n, report.year):
            yield from _count_findings(report, system, st)
        yield from _all_done(report, system, s, n)
        yield from _t4_findings(report, system, s, n)
        yield from _normative(report, system, s, n)
