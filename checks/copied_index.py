"""Similar shingle sets in near-linear time: an exact prefix-filter join (AllPairs) on Jaccard.

Every pair with Jaccard > t shares a token among the rarest ~(1 − t) of each set's tokens (the
"prefix", in one global order: rarest first), so only sets meeting in a prefix are compared, and
each such candidate is verified exactly. No pair is missed, none is estimated: the result is the
pairwise loop's. Identical sets (a template filled in with another body's name and numbers: the
shingles leave both out) are merged into one class first, so a folder of 300 copies is one set.
"""
from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

# A shingle set kept sorted as unsigned 32-bit: 4 bytes a hash instead of a frozenset's ~60.
if TYPE_CHECKING:
    Shingles: TypeAlias = array[int]
else:
    Shingles = array


def compact(hashes: frozenset[int]) -> Shingles:
    return array("I", sorted(hashes))


def jaccard(a: Shingles | frozenset[int], b: Shingles) -> float:
    """Exactly `len(a & b) / len(a | b)` of the two sets (the same integers, the same division)."""
    if not a or not b:
        return 0.0
    inter = len((a if isinstance(a, frozenset) else frozenset(a)).intersection(b))
    return inter / (len(a) + len(b) - inter)


@dataclass
class Classes:
    """Items grouped by identical set: `members[c]` the item indices of class c, in input order."""
    sets: list[Shingles]
    members: list[list[int]]
    of: dict[int, int]  # item → its class


def classes(items: Sequence[tuple[int, Shingles]]) -> Classes:
    seen: dict[bytes, int] = {}
    out = Classes([], [], {})
    for i, s in items:
        c = seen.setdefault(s.tobytes(), len(out.sets))
        if c == len(out.sets):
            out.sets.append(s)
            out.members.append([])
        out.members[c].append(i)
        out.of[i] = c
    return out


def similar_classes(sets: Sequence[Shingles], threshold: float) -> dict[int, list[tuple[int, float]]]:
    """For each class, the other classes whose set has Jaccard > `threshold` with its own, with
    that similarity (both directions listed). `threshold` must be in (0, 1).

    PPJoin: sets visited smallest first; each probes the index with its prefix, counting the
    prefix tokens it shares with each earlier set and dropping one as soon as what is left of both
    sets cannot reach the overlap the threshold needs; the survivors are verified exactly."""
    df = Counter(h for s in sets for h in s)
    order = sorted(range(len(sets)), key=lambda c: len(sets[c]))
    index: dict[int, list[tuple[int, int]]] = defaultdict(list)  # prefix token → (class, its position there)
    out: dict[int, list[tuple[int, float]]] = defaultdict(list)
    ratio = threshold / (1 + threshold)
    for x in order:
        xs = sets[x]
        if not xs:
            continue
        lx = len(xs)
        # a longer prefix than strictly needed (floor, not ceil) is still exact, and safe from rounding
        prefix = sorted(xs, key=lambda h: (df[h], h))[: lx - int(threshold * lx) + 1]
        shared: dict[int, int] = {}  # candidate → prefix tokens shared; -1: cannot reach the threshold
        for i, h in enumerate(prefix):
            for y, j in index[h]:
                ly = len(sets[y])
                if ly < threshold * lx - 1e-9 or shared.get(y, 0) < 0:
                    continue  # too small to reach the threshold, or dropped already
                need = ratio * (lx + ly) - 1e-9  # the overlap Jaccard > threshold needs
                seen = shared.get(y, 0)
                shared[y] = seen + 1 if seen + 1 + min(lx - i - 1, ly - j - 1) >= need else -1
        if shared:
            xf = frozenset(xs)
            for y, seen in shared.items():
                sim = jaccard(xf, sets[y]) if seen > 0 else 0.0
                if sim > threshold:
                    out[x].append((y, sim))
                    out[y].append((x, sim))
        for i, h in enumerate(prefix):
            index[h].append((x, i))
    return out


def similar_pairs(sets: Sequence[Shingles], threshold: float) -> set[tuple[int, int, float]]:
    """Every (i, j, similarity), i < j, of items whose sets have Jaccard > `threshold`: what
    comparing every pair gives (the join expanded, for tests and small callers)."""
    cl = classes(list(enumerate(sets)))
    out: set[tuple[int, int, float]] = set()
    for c, ms in enumerate(cl.members):
        if len(cl.sets[c]):
            out.update((i, j, 1.0) for i in ms for j in ms if i < j)
    for c, near in similar_classes(cl.sets, threshold).items():
        for d, sim in near:
            out.update((min(i, j), max(i, j), sim) for i in cl.members[c] for j in cl.members[d])
    return out
