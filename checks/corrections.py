"""Corrections from all table relations at once.

The relations of the tables (T3 balance, result totals and row totals, T4 totals) form one linear
system over the cells, each a whole number ≥ 0. When some relations are broken, the smallest sets
of cell changes that make every relation hold say where the error is: one set → its values are
the fix; several sets → every cell of one of them is a suspect, and no other cell is.

Pure: values in, corrections out; no Report here.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from typing import Literal

MAX_SIZE = 3
BUDGET = 1_500_000  # candidate sets examined before giving up on an exact answer (about a second)


@dataclass(frozen=True)
class Relation:
    """Σ total = Σ parts, e.g. （七）总计 = the sum of the result rows of one column."""
    rule: str
    subject: str              # which column / row / group, e.g. "natural" (stable, for identities)
    what: str                 # Chinese name of that column / row / group
    total: tuple[str, ...]    # the side printed as the total
    parts: tuple[str, ...]    # the side that should add up to it

    @property
    def cells(self) -> tuple[str, ...]:
        return self.total + self.parts

    def coef(self, cell: str) -> int:
        return 1 if cell in self.total else -1 if cell in self.parts else 0

    def sides(self, values: Mapping[str, float]) -> tuple[float, float]:
        return sum(values[c] for c in self.total), sum(values[c] for c in self.parts)

    def residual(self, values: Mapping[str, float]) -> float:
        t, p = self.sides(values)
        return t - p


@dataclass(frozen=True)
class Correction:
    cells: frozenset[str]
    values: Mapping[str, int] | None  # the new values, when the relations determine them


@dataclass
class Outcome:
    broken: list[Relation]
    corrections: list[Correction] = field(default_factory=list)  # all smallest ones
    over_budget: bool = False
    fallback_suspects: list[str] = field(default_factory=list)   # when no exact answer was found

    @property
    def suspects(self) -> list[str]:
        """Every cell of some smallest correction (or, without one, the fallback)."""
        if not self.corrections:
            return list(self.fallback_suspects)
        return sorted({c for k in self.corrections for c in k.cells})


def applicable(relations: Sequence[Relation], values: Mapping[str, float | None]) -> list[Relation]:
    """The relations whose every cell is a readable number."""
    return [r for r in relations if all(values.get(c) is not None for c in r.cells)]


def smallest_corrections(values: Mapping[str, float], relations: Sequence[Relation],
                         max_size: int = MAX_SIZE, budget: int = BUDGET) -> Outcome:
    """All minimum-cardinality sets of cell changes (up to max_size cells) that make every relation hold."""
    broken = [r for r in relations if abs(r.residual(values)) > 1e-9]
    out = Outcome(broken)
    if not broken:
        return out
    search = _Search(values, relations, broken)
    most = max(bin(m).count("1") for m in search.masks.values())
    if len(broken) > most * max_size:
        out.fallback_suspects = fallback_suspects(relations, broken)
        return out  # no set of max_size cells touches every broken relation
    examined = 0
    for size in range(1, max_size + 1):
        for combo in search.combos(size):
            examined += 1
            if examined > budget:
                out.over_budget, out.corrections = True, []
                out.fallback_suspects = fallback_suspects(relations, broken)
                return out
            if not search.plausible(combo):
                continue
            found = search.try_set(combo)
            if found is not None:
                out.corrections.append(found)
        if out.corrections:
            return out
    out.fallback_suspects = fallback_suspects(relations, broken)
    return out


def fallback_suspects(relations: Sequence[Relation], broken: Sequence[Relation]) -> list[str]:
    """Cells of broken relations, less those provably innocent: a cell that is the only suspect
    in a relation that holds cannot change without breaking it (repeated until stable)."""
    suspects = {c for r in broken for c in r.cells}
    holding = [r for r in relations if r not in broken]
    changed = True
    while changed:
        changed = False
        for r in holding:
            mine = [c for c in r.cells if c in suspects]
            if len(mine) == 1:
                suspects.discard(mine[0])
                changed = True
    return sorted(suspects)


class _Search:
    """Candidate sets: they hit every broken relation, and every relation they touch only once is
    a broken one (a holding relation touched once would break)."""

    def __init__(self, values: Mapping[str, float], relations: Sequence[Relation], broken: Sequence[Relation]):
        self.values = values
        self.relations = list(relations)
        self.residuals = [r.residual(values) for r in self.relations]
        index = {id(r): i for i, r in enumerate(self.relations)}
        self.broken_mask = sum(1 << index[id(r)] for r in broken)
        self.masks: dict[str, int] = {}
        for i, r in enumerate(self.relations):
            for c in r.cells:
                self.masks[c] = self.masks.get(c, 0) | (1 << i)
        near = {c for r in broken for c in r.cells}
        pool = {c for c, m in self.masks.items() if any(m & self.masks[n] for n in near)}
        first = set(broken[0].cells)
        # cells of the first broken relation come first: every candidate holds one of them
        self.pool = sorted(pool, key=lambda c: (c not in first, c))
        self.n_first = len(first)

    def combos(self, size: int) -> Iterator[tuple[str, ...]]:
        for i in range(self.n_first):
            for rest in combinations(self.pool[i + 1:], size - 1):
                yield (self.pool[i], *rest)

    def plausible(self, combo: tuple[str, ...]) -> bool:
        seen = multi = 0
        for c in combo:
            m = self.masks[c]
            multi |= seen & m
            seen |= m
        once = seen & ~multi
        return self.broken_mask & ~seen == 0 and once & ~self.broken_mask == 0

    def try_set(self, combo: tuple[str, ...]) -> Correction | None:
        touched = [i for i in range(len(self.relations)) if any(self.masks[c] >> i & 1 for c in combo)]
        rows = [[Fraction(self.relations[i].coef(c)) for c in combo] + [Fraction(-self.residuals[i])]
                for i in touched]
        solution = solve(rows, len(combo))
        if solution is False:
            return None
        if solution is None:
            return Correction(frozenset(combo), None)  # consistent, not determined
        new: dict[str, int] = {}
        for c, d in zip(combo, solution):
            v = Fraction(self.values[c]) + d
            if d == 0 or v < 0 or v.denominator != 1:
                return None
            new[c] = int(v)
        return Correction(frozenset(combo), new)


def solve(rows: list[list[Fraction]], n: int) -> list[Fraction] | Literal[False] | None:
    """Gaussian elimination of an augmented system: the unique solution, None when consistent
    but not unique, False when inconsistent."""
    m = [r[:] for r in rows]
    rank = _eliminate(m, n)
    if any(all(x == 0 for x in r[:n]) and r[n] != 0 for r in m):
        return False
    if rank < n:
        return None
    out = [Fraction(0)] * n
    for r in m[:rank]:
        col = next(j for j in range(n) if r[j] != 0)
        out[col] = r[n] / r[col]
    return out


def _eliminate(m: list[list[Fraction]], n: int) -> int:
    """Reduce the augmented rows `m` (in place) so each pivot column is zero outside its pivot row;
    the rank: rows m[:rank] hold the pivots, in column order."""
    rank = 0
    for col in range(n):
        pivot = next((i for i in range(rank, len(m)) if m[i][col] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        _clear_column(m, rank, col)
        rank += 1
    return rank


def _clear_column(m: list[list[Fraction]], row: int, col: int) -> None:
    """Subtract multiples of the pivot row from every other row so that column `col` is zero there."""
    for i in range(len(m)):
        if i != row and m[i][col] != 0:
            f = m[i][col] / m[row][col]
            m[i] = [a - f * b for a, b in zip(m[i], m[row])]
