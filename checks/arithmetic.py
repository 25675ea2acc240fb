"""The arithmetic of the tables (勾稽关系): T3-BALANCE, T3-RESULT-TOTAL, T3-ROW-TOTAL, T4-TOTAL.

Each rule is a builder of equations (Σ coef·cell = 0). All equations are evaluated together so
that one wrong cell that breaks several sums is reported once, at that cell, instead of as a
cascade of every sum it touches.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from importers.report import Report
from importers.standard import (
    T3_APPLICANT_COLUMNS, T3_COLUMNS, T3_RESULT_ROWS, T4_GROUPS, T4_PARTS, describe_key, t3_column_labels,
    t3_rows, t4_group_labels,
)

from .finding import Finding
from .registry import rule
from .settings import Settings

RELATION_NAMES = {
    "T3-RESULT-TOTAL": "办理结果合计",
    "T3-ROW-TOTAL": "各类申请人合计",
    "T3-BALANCE": "新收加结转的平衡关系",
    "T4-TOTAL": "复议诉讼合计",
}

# Order in which a cascade is named when one cell explains several broken sums.
RULE_PRIORITY = ("T3-RESULT-TOTAL", "T3-ROW-TOTAL", "T3-BALANCE", "T4-TOTAL")


@dataclass
class Equation:
    rule: str
    total: list[str]   # the side printed as the total (its cells come first in a finding)
    parts: list[str]   # the side that should add up to it
    what: str          # Chinese name of the sum, e.g. '“自然人”列'

    @property
    def cells(self) -> list[str]:
        return self.total + self.parts


def _col_name(col: str) -> str:
    return t3_column_labels()[col].split("/")[-1]


def t3_balance(report: Report) -> list[Equation]:
    return [Equation("T3-BALANCE", [f"t3.total.{c}", f"t3.carry_forward.{c}"], [f"t3.new.{c}", f"t3.carried.{c}"],
                     f"“{_col_name(c)}”列") for c in T3_COLUMNS]


def t3_result_total(report: Report) -> list[Equation]:
    return [Equation("T3-RESULT-TOTAL", [f"t3.total.{c}"], [f"t3.{r}.{c}" for r in T3_RESULT_ROWS],
                     f"“{_col_name(c)}”列") for c in T3_COLUMNS]


def t3_row_total(report: Report) -> list[Equation]:
    out = []
    labels = {r.row: r.label for r in t3_rows()}
    for r in labels:
        out.append(Equation("T3-ROW-TOTAL", [f"t3.{r}.total"], [f"t3.{r}.{c}" for c in T3_APPLICANT_COLUMNS],
                            f"“{labels[r]}”行"))
    return out


def t4_total(report: Report) -> list[Equation]:
    groups = t4_group_labels()
    return [Equation("T4-TOTAL", [f"t4.{g}.total"], [f"t4.{g}.{c}" for c in T4_PARTS], f"“{groups[g]}”")
            for g in T4_GROUPS]


BUILDERS = (t3_result_total, t3_row_total, t3_balance, t4_total)


def _values(report: Report, keys: list[str]) -> list[float] | None:
    out = []
    for k in keys:
        v = report.value(k)
        if v is None or isinstance(v, bool):
            return None  # absent or unreadable: CELL-VALUE / TABLE-SHAPE speak for it
        out.append(v)
    return out


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else round(x, 4)


@rule(*RULE_PRIORITY)
def arithmetic(report: Report, settings: Settings) -> Iterable[Finding]:
    evaluated: list[tuple[Equation, float, float]] = []  # (eq, total side, parts side)
    for build in BUILDERS:
        for eq in build(report):
            if eq.rule in settings.disabled_rules:
                continue
            tv, pv = _values(report, eq.total), _values(report, eq.parts)
            if tv is None or pv is None:
                continue
            evaluated.append((eq, sum(tv), sum(pv)))
    failing = [e for e in evaluated if abs(e[1] - e[2]) > 1e-9]
    passing = [e for e in evaluated if abs(e[1] - e[2]) <= 1e-9]
    findings: list[Finding] = []
    explained: set[int] = set()
    for cell, value, eqs in _culprits(report, failing, passing):
        ids = {id(e[0]) for e in eqs}
        if ids & explained:
            continue
        explained |= ids
        eqs.sort(key=lambda e: RULE_PRIORITY.index(e[0].rule))
        main = eqs[0][0]
        others = "、".join(dict.fromkeys(f"{RELATION_NAMES[e[0].rule]}（{e[0].what}）" for e in eqs))
        actual = report.value(cell)
        cells = [cell] + [c for e in eqs for c in e[0].cells if c != cell]
        findings.append(Finding(
            main.rule, "error",
            f"{describe_key(cell)}填写为 {_num(actual)}，按勾稽关系应为 {_num(value)}（它使{others}均不成立，改正这一格即可）",
            list(dict.fromkeys(cells)), _num(value), _num(actual), report.cells[cell].location))
    for eq, total, parts in failing:
        if id(eq) in explained:
            continue
        findings.append(_equation_finding(report, eq, total, parts))
    return findings


def _culprits(report: Report, failing, passing):
    """Cells whose single correction would repair two or more broken sums and break none."""
    in_passing = {c for e in passing for c in e[0].cells}
    by_cell: dict[str, list] = {}
    for e in failing:
        for c in e[0].cells:
            by_cell.setdefault(c, []).append(e)
    out = []
    for cell, eqs in by_cell.items():
        if len(eqs) < 2 or cell in in_passing:
            continue
        cur = report.value(cell)
        needed = set()
        for eq, total, parts in eqs:
            # total side minus parts side must become 0 by changing this one cell
            delta = parts - total if cell in eq.total else total - parts
            needed.add(round(cur + delta, 6))
        if len(needed) == 1:
            value = needed.pop()
            if value >= 0:
                out.append((cell, value, list(eqs)))
    out.sort(key=lambda x: -len(x[2]))
    return out


def _equation_finding(report: Report, eq: Equation, total: float, parts: float) -> Finding:
    loc = report.cells[eq.total[0]].location
    if eq.rule == "T3-BALANCE":
        col = eq.what
        msg = (f"表三{col}：本年新收({_num(report.value(eq.parts[0]))})+上年结转({_num(report.value(eq.parts[1]))}) "
               f"应等于 办理结果总计({_num(report.value(eq.total[0]))})+结转下年度({_num(report.value(eq.total[1]))})")
    elif eq.rule == "T3-RESULT-TOTAL":
        msg = f"表三{eq.what}：“（七）总计”填写为 {_num(total)}，各项办理结果合计为 {_num(parts)}"
    elif eq.rule == "T3-ROW-TOTAL":
        msg = f"表三{eq.what}：“总计”列填写为 {_num(total)}，各类申请人合计为 {_num(parts)}"
    else:
        msg = f"表四{eq.what}：“总计”填写为 {_num(total)}，维持、纠正、其他结果、尚未审结合计为 {_num(parts)}"
    return Finding(eq.rule, "error", msg, eq.cells, _num(parts), _num(total), loc)
