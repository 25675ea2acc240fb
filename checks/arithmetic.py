"""The arithmetic of the tables (勾稽关系): T3-BALANCE, T3-RESULT-TOTAL, T3-ROW-TOTAL, T4-TOTAL.

Each rule is a builder of equations (Σ coef·cell = 0). All equations are evaluated together so
that one wrong cell that breaks several sums is reported once, at that cell, instead of as a
cascade of every sum it touches.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from model.report import Report
from model.standard import (
    T3_APPLICANT_COLUMNS,
    T3_COLUMNS,
    T3_RESULT_ROWS,
    T4_GROUPS,
    T4_PARTS,
    describe_key,
    t3_column_name,
    t3_rows,
    t4_group_labels,
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


def t3_balance(report: Report) -> list[Equation]:
    return [Equation("T3-BALANCE", [f"t3.total.{c}", f"t3.carry_forward.{c}"], [f"t3.new.{c}", f"t3.carried.{c}"],
                     f"“{t3_column_name(c)}”列") for c in T3_COLUMNS]


def t3_result_total(report: Report) -> list[Equation]:
    return [Equation("T3-RESULT-TOTAL", [f"t3.total.{c}"], [f"t3.{r}.{c}" for r in T3_RESULT_ROWS],
                     f"“{t3_column_name(c)}”列") for c in T3_COLUMNS]


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
    findings: list[Finding] = []
    explained: set[int] = set()
    for fix, eqs in _corrections(report, failing, evaluated):
        for cell, value in fix.items():
            mine = sorted((e for e in eqs if cell in e[0].cells), key=lambda e: RULE_PRIORITY.index(e[0].rule))
            relations = "、".join(dict.fromkeys(f"{RELATION_NAMES[e[0].rule]}（{e[0].what}）" for e in mine))
            also = "" if len(fix) == 1 else f"；另一处需同时改正：{'、'.join(describe_key(c) for c in fix if c != cell)}"
            actual = report.value(cell)
            cells = list(dict.fromkeys([cell] + [c for e in mine for c in e[0].cells]))
            findings.append(Finding(
                mine[0][0].rule, "error",
                f"{describe_key(cell)}填写为 {_num(actual)}，按勾稽关系应为 {_num(value)}"
                f"（它使{relations}不成立{also}）",
                cells, _num(value), _num(actual), report.cells[cell].location))
        explained |= {id(e[0]) for e in eqs}
    for eq, total, parts in failing:
        if id(eq) not in explained:
            findings.append(_equation_finding(report, eq, total, parts))
    return findings


def _coef(eq: Equation, cell: str) -> int:
    return 1 if cell in eq.total else -1 if cell in eq.parts else 0


def _solve(report: Report, cells: tuple[str, ...], evaluated) -> tuple[dict[str, float], list] | None:
    """New values for `cells` that make every evaluated sum touching them hold, if there are
    such values (each must change, stay a non-negative whole number)."""
    rows = [(tuple(_coef(e[0], c) for c in cells), e[1] - e[2], e) for e in evaluated
            if any(c in e[0].cells for c in cells)]
    deltas: tuple[float, ...] | None = None
    if len(cells) == 1:
        deltas = (-rows[0][1] / rows[0][0][0],)
    else:
        for (a, ra, _), (b, rb, _) in combinations(rows, 2):
            det = a[0] * b[1] - a[1] * b[0]
            if det:
                deltas = ((-ra * b[1] + rb * a[1]) / det, (-rb * a[0] + ra * b[0]) / det)
                break
    if deltas is None or any(abs(d) < 1e-9 for d in deltas):
        return None
    if any(abs(r + sum(x * d for x, d in zip(a, deltas))) > 1e-9 for a, r, _ in rows):
        return None  # would leave a sum broken or break one that holds
    values = {c: report.value(c) + d for c, d in zip(cells, deltas)}  # type: ignore[operator]
    if any(v < 0 or not float(v).is_integer() for v in values.values()):
        return None
    return values, [e for _, r, e in rows if abs(r) > 1e-9]


def _corrections(report: Report, failing, evaluated):
    """The fewest cells to correct that explain several broken sums at once: one cell repairing
    two or more, else two cells repairing three or more (a row edited, both totals left)."""
    out = []
    done: set[int] = set()
    for size, least in ((1, 2), (2, 3)):
        open_eqs = [e for e in failing if id(e[0]) not in done]
        cells = sorted({c for e in open_eqs for c in e[0].cells})
        fixes = []
        for combo in combinations(cells, size):
            solved = _solve(report, combo, evaluated)
            if solved and len(solved[1]) >= least:
                fixes.append(solved)
        fixes.sort(key=lambda f: (-len(f[1]), [not c.endswith(".total") for c in f[0]]))
        for values, eqs in fixes:
            ids = {id(e[0]) for e in eqs}
            if ids & done:
                continue
            done |= ids
            out.append((values, eqs))
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
