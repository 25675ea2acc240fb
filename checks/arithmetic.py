"""The arithmetic of the tables (勾稽关系): T3-BALANCE, T3-RESULT-TOTAL, T3-ROW-TOTAL, T4-TOTAL.

All relations are solved together (checks.corrections): the smallest sets of cell changes that
make every relation hold say which cell to correct. One finding per cause: the cells of one
correction (or of the suspects) and the broken relations they explain.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

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

from .bounds import within_bound
from .catalogue import rule_ids
from .corrections import Correction, Outcome, Relation, applicable, smallest_corrections
from .finding import SUSPECTS_LEAD, Finding, Severity
from .registry import rule
from .settings import RuleSettings
from .text_tables import Statement, stated_counts

# The order a finding that explains several broken relations is named by: the total most likely
# wrong first (the same ids as the catalogue's table-arithmetic rules; a test holds them equal).
RULE_PRIORITY: tuple[str, ...] = ("T3-RESULT-TOTAL", "T3-ROW-TOTAL", "T3-BALANCE", "T4-TOTAL")
ARITHMETIC_RULES: frozenset[str] = frozenset(i for i in rule_ids("表格数据") if i != "CELL-VALUE")

MAX_NAMED = 8  # suspect cells a message names one by one

# What each relation says, for the message.
RELATION_TEXT = {
    "T3-BALANCE": "“本年新收＋上年结转＝办理结果总计＋结转下年度”",
    "T3-RESULT-TOTAL": "“（七）总计＝（一）至（六）各项之和”",
    "T3-ROW-TOTAL": "“总计列＝各类申请人之和”",
    "T4-TOTAL": "“总计＝结果维持＋结果纠正＋其他结果＋尚未审结”",
}


def t3_balance() -> list[Relation]:
    return [Relation("T3-BALANCE", c, f"“{t3_column_name(c)}”列", (f"t3.total.{c}", f"t3.carry_forward.{c}"),
                     (f"t3.new.{c}", f"t3.carried.{c}")) for c in T3_COLUMNS]


def t3_result_total() -> list[Relation]:
    return [Relation("T3-RESULT-TOTAL", c, f"“{t3_column_name(c)}”列", (f"t3.total.{c}",),
                     tuple(f"t3.{r}.{c}" for r in T3_RESULT_ROWS)) for c in T3_COLUMNS]


def t3_row_total() -> list[Relation]:
    return [Relation("T3-ROW-TOTAL", r.row, f"“{r.label}”行", (f"t3.{r.row}.total",),
                     tuple(f"t3.{r.row}.{c}" for c in T3_APPLICANT_COLUMNS)) for r in t3_rows()]


def t4_total() -> list[Relation]:
    return [Relation("T4-TOTAL", g, f"“{label}”", (f"t4.{g}.total",), tuple(f"t4.{g}.{c}" for c in T4_PARTS))
            for g, label in t4_group_labels().items() if g in T4_GROUPS]


BUILDERS = (t3_result_total, t3_row_total, t3_balance, t4_total)


def relations(report: Report, settings: RuleSettings) -> tuple[list[Relation], dict[str, float]]:
    """The enabled relations whose cells are all readable numbers, and those cells' values."""
    values: dict[str, float | None] = {}
    for key in report.cells:
        v = report.value(key)
        values[key] = None if v is None or isinstance(v, bool) or not within_bound(v) else v  # CELL-VALUE says it
    every = [r for build in BUILDERS for r in build() if r.rule not in settings.disabled_rules]
    usable = applicable(every, values)
    return usable, {c: v for c, v in values.items() if v is not None}


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else round(x, 4)


@rule(*RULE_PRIORITY)
def arithmetic(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    rels, values = relations(report, settings)
    statements = stated_counts(report)
    found: list[Finding] = []
    for block in independent_blocks(rels):  # an error in table 4 never blurs a fix in table 3
        outcome = smallest_corrections(values, block)
        if not outcome.broken:
            continue
        fix, by_text = choose_fix(outcome, values, statements)
        key_cells = list(fix) if fix else outcome.suspects
        found += [_finding(report, values, group, keys, fix, by_text)
                  for group, keys in group_causes(block, outcome.broken, key_cells)]
    return found


def independent_blocks(rels: Sequence[Relation]) -> list[list[Relation]]:
    """Relations that share no cell, directly or through other relations, are solved apart (table 3
    is one block; each row of table 4 is one)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for r in rels:
        for c in r.cells[1:]:
            parent[find(c)] = find(r.cells[0])
    blocks: dict[str, list[Relation]] = {}
    for r in rels:
        blocks.setdefault(find(r.cells[0]), []).append(r)
    return list(blocks.values())


def choose_fix(outcome: Outcome, values: Mapping[str, float],
               statements: Sequence[Statement]) -> tuple[dict[str, int] | None, Statement | None]:
    """The one smallest correction, or the one the text's counts single out (and that statement)."""
    found = outcome.corrections
    if len(found) == 1:
        return (dict(found[0].values), None) if found[0].values is not None else (None, None)
    if not found or any(k.values is None for k in found):
        return None, None
    return _fix_the_text_names(found, values, statements)


def _fix_the_text_names(found: Sequence[Correction], values: Mapping[str, float],
                        statements: Sequence[Statement]) -> tuple[dict[str, int] | None, Statement | None]:
    """Of several smallest corrections, the one every statement about their cells agrees with."""
    touched = {c for k in found for c in k.cells}
    relevant = [s for s in statements if _mentions(s, touched)]
    agreeing = [k for k in found if all(_says(s, values, k) for s in relevant)]
    if len(agreeing) != 1 or not relevant:
        return None, None
    said = next((s for s in relevant if _mentions(s, agreeing[0].cells)), relevant[0])
    return dict(agreeing[0].values or {}), said


def _mentions(s: Statement, cells: Iterable[str]) -> bool:
    mine = set(cells)
    return any(c in mine for alt in s.readings for c in alt)


def _says(s: Statement, values: Mapping[str, float], k: Correction) -> bool:
    new = {**values, **(k.values or {})}
    return any(all(c in new for c in alt) and sum(new[c] for c in alt) == s.value for alt in s.readings)


def group_causes(rels: Sequence[Relation], broken: Sequence[Relation],
                 keys: Sequence[str]) -> list[tuple[list[Relation], list[str]]]:
    """Broken relations grouped by cause: key cells (fix or suspect cells) sharing a relation are
    one cause, with the broken relations that hold them. A broken relation with no key cell is a
    cause of its own."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    keyset = set(keys)
    for r in rels:
        mine = [c for c in r.cells if c in keyset]
        for c in mine[1:]:
            parent[find(c)] = find(mine[0])
    groups: dict[str, tuple[list[Relation], list[str]]] = {}
    for r in sorted(broken, key=lambda r: RULE_PRIORITY.index(r.rule)):
        mine = [c for c in keys if c in r.cells]
        root = find(mine[0]) if mine else f"relation:{r.rule}:{r.subject}"
        groups.setdefault(root, ([], []))[0].append(r)
    for c in keys:
        if find(c) in groups:
            groups[find(c)][1].append(c)
    return list(groups.values())


def _finding(report: Report, values: Mapping[str, float], group: list[Relation], keys: list[str],
             fix: Mapping[str, int] | None, said: Statement | None) -> Finding:
    main = group[0]
    total, parts = main.sides(values)
    mine_fix: dict[str, int | float] | None = {c: fix[c] for c in keys} if fix else None
    cells = list(dict.fromkeys([*keys, *(c for r in group for c in r.cells)]))
    expected, actual = _num(parts), _num(total)
    if mine_fix and len(mine_fix) == 1:  # 现值 and 应为 then speak of the one cell to change
        [(cell, value)] = mine_fix.items()
        expected, actual = value, _num(values[cell])
    return Finding(
        rule=main.rule, severity=Severity.ERROR, message=_message(values, group, keys, mine_fix, said),
        cells=cells, expected=expected, actual=actual,
        location=report.cells[keys[0] if keys else main.total[0]].location,
        fix=mine_fix, suspects=None if fix or not keys else list(keys),
        quote=said.sentence.text if said and mine_fix else None,  # the sentence that decided the fix
        subject=";".join(f"{r.rule}:{r.subject}" for r in group))


def _message(values: Mapping[str, float], group: list[Relation], keys: list[str],
             fix: Mapping[str, int | float] | None, said: Statement | None) -> str:
    table = "表四" if group[0].rule == "T4-TOTAL" else "表三"
    broken = "；".join(f"{'、'.join(r.what for r in group if r.rule == rid)}不符合{RELATION_TEXT[rid]}"
                      for rid in dict.fromkeys(r.rule for r in group))
    detail = _detail(values, group[0])
    head = f"{table}{broken}（{detail}）"
    if fix:
        changes = "、".join(f"{describe_key(c)}由 {_num(values[c])} 改为 {v}" for c, v in fix.items())
        why = f"按正文所述（“{said.text}”），" if said else "按勾稽关系，"
        return f"{head}。{why}应将{changes}"
    if keys:
        named = "、".join(describe_key(c) for c in keys[:MAX_NAMED])
        more = f"等 {len(keys)} 格" if len(keys) > MAX_NAMED else ""
        return f"{head}。{SUSPECTS_LEAD}{named}{more}"
    return f"{head}，请核对该处各项数据"


def _detail(values: Mapping[str, float], r: Relation) -> str:
    def v(c: str) -> str:
        return str(_num(values[c]))
    if r.rule == "T3-BALANCE":
        new, carried = r.parts
        done, forward = r.total
        return (f"{r.what}本年新收 {v(new)} 件、上年结转 {v(carried)} 件，"
                f"办理结果总计 {v(done)} 件、结转下年度 {v(forward)} 件")
    total, parts = r.sides(values)
    return f"{r.what}总计填写为 {_num(total)}，各项之和为 {_num(parts)}"


def absorbed_by_fixes(findings: list[Finding]) -> list[Finding]:
    """One cause, one finding: a text–table mismatch about the sentence that decided a table fix,
    on cells that fix corrects, is that fix seen from the text; it is dropped."""
    decided = [f for f in findings if f.rule in ARITHMETIC_RULES and f.fix and f.quote]
    return [f for f in findings
            if not (f.rule == "TEXT-TABLE-MISMATCH" and f.cells
                    and any(f.quote == d.quote and set(f.cells) <= set(d.fix or {}) for d in decided))]
