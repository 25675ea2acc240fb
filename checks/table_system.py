"""The tables' relations over one report, solved: for each independent block (table 3; each row of
table 4), the broken relations, the smallest corrections and the one chosen (by the relations alone,
or by a count the text states). The table findings (checks.arithmetic) and the text–table findings
(checks.text_tables) read the same answer, so they never disagree about a cell.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from model.report import Report
from model.standard import T3_APPLICANT_COLUMNS, T3_COLUMNS, T3_RESULT_ROWS, T4_GROUPS, T4_PARTS, t3_column_name, t3_rows, t4_group_labels

from .bounds import within_bound
from .corrections import Correction, Outcome, Relation, applicable, smallest_corrections
from .settings import RuleSettings
from .stated import Statement, stated_counts


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


@lru_cache(maxsize=256)  # the table findings and the text findings of one report ask the same
def _solved(values: tuple[tuple[str, float], ...], block: tuple[Relation, ...]) -> Outcome:
    return smallest_corrections(dict(values), block)


def block_outcome(values: Mapping[str, float], block: Sequence[Relation]) -> Outcome:
    """checks.corrections.smallest_corrections of one block (remembered: callers must not change it)."""
    mine = sorted({(c, values[c]) for r in block for c in r.cells})
    return _solved(tuple(mine), tuple(block))


@dataclass(frozen=True)
class Block:
    """One independent block of relations, solved."""
    relations: tuple[Relation, ...]
    outcome: Outcome
    fix: dict[str, int] | None         # the correction chosen, when one is
    said: Statement | None             # the statement that chose it, when the relations alone could not

    @property
    def cells(self) -> frozenset[str]:
        return frozenset(c for r in self.relations for c in r.cells)

    def alternatives(self) -> list[dict[str, int]] | None:
        """The new values of each way the block may be corrected (one empty map when it holds);
        None when some way does not determine its values."""
        if not self.outcome.broken:
            return [{}]
        if self.fix is not None:
            return [self.fix]
        found = self.outcome.corrections
        if not found or any(k.values is None for k in found):
            return None
        return [dict(k.values or {}) for k in found]


MAX_COMBINATIONS = 64  # ways a count over several blocks may be corrected, examined one by one


@dataclass(frozen=True)
class TableSystem:
    """The tables of one report as one system: the readable values and the solved blocks."""
    values: dict[str, float]
    blocks: tuple[Block, ...]

    def related(self, cell: str) -> bool:
        """Whether some relation (all of whose cells are readable) holds the cell."""
        return any(cell in b.cells for b in self.blocks)

    def possible_sums(self, cells: Sequence[str]) -> set[float] | None:
        """The sums the cells may have once the tables are corrected, each smallest way; None when the
        tables cannot say (a cell in no relation, a way that does not determine its values, too many)."""
        if not all(self.related(c) for c in cells):
            return None
        ways: list[list[dict[str, int]]] = []
        for b in self.blocks:
            if b.cells.isdisjoint(cells):
                continue
            alternatives = b.alternatives()
            if alternatives is None:
                return None
            ways.append(alternatives)
        n = 1
        for w in ways:
            n *= len(w)
        if n > MAX_COMBINATIONS:
            return None
        out: set[float] = set()
        for combo in product(*ways):
            new = dict(self.values)
            for change in combo:
                new.update(change)
            out.add(sum(new[c] for c in cells))
        return out


def solve_tables(report: Report, settings: RuleSettings) -> TableSystem:
    """Every enabled relation of the report, in independent blocks, each solved."""
    rels, values = relations(report, settings)
    statements = stated_counts(report)
    blocks: list[Block] = []
    for block in independent_blocks(rels):  # an error in table 4 never blurs a fix in table 3
        outcome = block_outcome(values, block)
        fix, said = choose_fix(outcome, values, statements) if outcome.broken else (None, None)
        blocks.append(Block(tuple(block), outcome, fix, said))
    return TableSystem(values, tuple(blocks))
