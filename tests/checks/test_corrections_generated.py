"""Generated tables: a clean table with 1–3 cells altered; the findings must carry the true
smallest correction (computed here by brute force, independently of checks.corrections)."""
from __future__ import annotations

import random
from fractions import Fraction
from itertools import combinations, permutations

from checks import RuleSettings
from checks.arithmetic import BUILDERS, arithmetic
from checks.corrections import Relation
from model.standard import T3_APPLICANT_COLUMNS, T3_RESULT_ROWS, T4_GROUPS, T4_PARTS
from tests.support.reports import clean_report, set_cell

S = RuleSettings()
CASES = 60
RELATIONS = [r for build in BUILDERS for r in build()]
COUNTS: dict[str, int] = {}


def clean_values(rng: random.Random) -> dict[str, int]:
    v: dict[str, int] = {}
    for c in T3_APPLICANT_COLUMNS:
        for row in T3_RESULT_ROWS:
            v[f"t3.{row}.{c}"] = rng.choice([0, 0, 0, 0, 1, 2, rng.randint(0, 9)])
        v[f"t3.total.{c}"] = sum(v[f"t3.{row}.{c}"] for row in T3_RESULT_ROWS)
        v[f"t3.carried.{c}"] = rng.choice([0, 0, 1, 2])
        v[f"t3.carry_forward.{c}"] = rng.choice([0, 0, 1, 3])
        v[f"t3.new.{c}"] = v[f"t3.total.{c}"] + v[f"t3.carry_forward.{c}"] - v[f"t3.carried.{c}"]
        if v[f"t3.new.{c}"] < 0:
            v[f"t3.carry_forward.{c}"] -= v[f"t3.new.{c}"]
            v[f"t3.new.{c}"] = 0
    for row in ("new", "carried", "total", "carry_forward", *T3_RESULT_ROWS):
        v[f"t3.{row}.total"] = sum(v[f"t3.{row}.{c}"] for c in T3_APPLICANT_COLUMNS)
    for g in T4_GROUPS:
        for p in T4_PARTS:
            v[f"t4.{g}.{p}"] = rng.choice([0, 0, 1, 2])
        v[f"t4.{g}.total"] = sum(v[f"t4.{g}.{p}"] for p in T4_PARTS)
    return v


def alter(v: dict[str, int], rng: random.Random, room: int) -> str:
    kind = rng.choice(["carry_forward_zero", "new_zero", "swap", "typo"] if room >= 2 else
                      ["carry_forward_zero", "new_zero", "typo"])
    c = rng.choice([*T3_APPLICANT_COLUMNS, "total"])
    if kind == "carry_forward_zero":
        v[f"t3.carry_forward.{c}"] = 0
    elif kind == "new_zero":
        v[f"t3.new.{c}"] = 0
    elif kind == "swap":
        row = rng.choice(["new", "granted", "partial", "carried", "total"])
        a, b = rng.sample(T3_APPLICANT_COLUMNS, 2)
        v[f"t3.{row}.{a}"], v[f"t3.{row}.{b}"] = v[f"t3.{row}.{b}"], v[f"t3.{row}.{a}"]
    else:
        key = rng.choice(sorted(v))
        v[key] = max(0, v[key] + rng.choice([-2, -1, 1, 3, 10]))
    return kind


def blocks() -> list[list[Relation]]:
    """The relations that share cells, transitively: table 3, and each row of table 4."""
    out: list[list[Relation]] = []
    for r in RELATIONS:
        joined = [b for b in out if any(set(r.cells) & set(x.cells) for x in b)]
        merged = [r, *(x for b in joined for x in b)]
        out = [b for b in out if b not in joined] + [merged]
    return out


def brute_force(v: dict[str, int], block: list[Relation]) -> list[tuple[frozenset[str], dict[str, int] | None]]:
    """Every smallest set (≤ 3 cells) whose changes make all relations of a block hold: each set must
    touch every broken relation; its deltas solve A·d = −r over the relations it touches."""
    broken = [r for r in block if r.residual(v) != 0]
    if not broken:
        return []
    near = {c for r in broken for c in r.cells}
    pool = sorted({c for r in block if set(r.cells) & near for c in r.cells})
    hits = {c: sum(1 << i for i, r in enumerate(broken) if c in r.cells) for c in pool}  # broken relations a cell is in
    every = (1 << len(broken)) - 1
    for size in (1, 2, 3):
        found = []
        for combo in combinations(pool, size):
            mask = 0
            for c in combo:
                mask |= hits[c]
            if mask != every:
                continue
            solved = _solve(v, combo)
            if solved is not False:
                found.append((frozenset(combo), solved))
        if found:
            return found
    return []


def _rank(m: list[list[Fraction]]) -> int:
    m = [r[:] for r in m]
    rank = 0
    for col in range(len(m[0]) if m else 0):
        pivot = next((i for i in range(rank, len(m)) if m[i][col]), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        for i in range(rank + 1, len(m)):
            f = m[i][col] / m[rank][col]
            m[i] = [x - f * y for x, y in zip(m[i], m[rank])]
        rank += 1
    return rank


def _det(m: list[list[Fraction]]) -> Fraction:
    """Leibniz formula: independent of any elimination."""
    n, total = len(m), Fraction(0)
    for p in permutations(range(n)):
        sign = (-1) ** sum(1 for i in range(n) for j in range(i + 1, n) if p[i] > p[j])
        term = Fraction(sign)
        for i in range(n):
            term *= m[i][p[i]]
        total += term
    return total


def _solve(v: dict[str, int], combo: tuple[str, ...]) -> dict[str, int] | bool | None:
    """Consistent (rank A = rank A|b); unique when det(AᵀA) ≠ 0, then by Cramer's rule on the
    normal equations; the values must be whole, ≥ 0 and each actually changed."""
    rows: list[Relation] = [r for r in RELATIONS if set(r.cells) & set(combo)]
    a = [[Fraction(r.coef(c)) for c in combo] for r in rows]
    b = [Fraction(-r.residual(v)) for r in rows]
    if _rank(a) != _rank([[*row, x] for row, x in zip(a, b)]):
        return False
    n = len(combo)
    ata = [[sum(a[k][i] * a[k][j] for k in range(len(a))) for j in range(n)] for i in range(n)]
    atb = [sum(a[k][i] * b[k] for k in range(len(a))) for i in range(n)]
    det = _det(ata)
    if det == 0:
        return None
    d = [_det([[atb[r] if j == i else ata[r][j] for j in range(n)] for r in range(n)]) / det for i in range(n)]
    new = {c: v[c] + x for c, x in zip(combo, d)}
    if any(x == 0 or x.denominator != 1 for x in d) or any(y < 0 for y in new.values()):
        return False
    return {c: int(y) for c, y in new.items()}


def test_findings_carry_the_true_smallest_correction() -> None:
    rng = random.Random(20241)
    counts = {"unique fix": 0, "suspects": 0, "unchanged": 0}
    for case in range(CASES):
        v = clean_values(rng)
        kinds: list[str] = []
        room = rng.choice([1, 1, 2, 3])  # cells altered, at most
        while room > 0:
            kinds.append(alter(v, rng, room))
            room -= 2 if kinds[-1] == "swap" else 1
        truths = [t for b in blocks() if (t := brute_force(v, b))]
        r = clean_report()
        for k, x in v.items():
            set_cell(r, k, x)
        found = list(arithmetic(r, S))
        if not any(rel.residual(v) for rel in RELATIONS):
            assert found == [], (case, kinds)
            counts["unchanged"] += 1
            continue
        assert truths, (case, kinds)  # the alterations here never need more than 3 changes
        fixes = {c: x for f in found for c, x in (f.fix or {}).items()}
        suspects = {c for f in found for c in (f.suspects or [])}
        # each independent block (table 3; a row of table 4) on its own: its one smallest correction
        # as the fix, else the union of its smallest corrections as suspects
        want_fix: dict[str, int] = {}
        want_suspects: set[str] = set()
        for truth in truths:
            if len(truth) == 1 and truth[0][1] is not None:
                want_fix.update(truth[0][1])
            else:
                want_suspects |= set().union(*(cells for cells, _ in truth))
        assert (fixes, suspects) == (want_fix, want_suspects), (case, kinds)
        counts["suspects" if want_suspects else "unique fix"] += 1
        for f in found:  # every finding names its cells, the relation's included
            assert set(f.fix or {}) | set(f.suspects or []) <= set(f.cells)
    COUNTS.update(counts)
    print("generated cases:", counts)
    assert counts["unique fix"] > 5 and counts["suspects"] > 5
