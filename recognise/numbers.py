"""Digits that ran together in the source ('2150010' for 21, 5, 0, 0, 1, 0) split back into numbers.

A split is accepted only when exactly one way of cutting the digits satisfies the table's own sums;
otherwise the values cannot be told and the caller reports the cells as unreadable.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import combinations

from model.standard import T4_COLUMNS, T4_GROUPS

from .settings import DEFAULTS, MatchSettings

Check = Callable[[Sequence[int]], bool]


def cuts_of(texts: Sequence[str], n: int) -> Iterator[list[str]]:
    """Every way to cut the digit strings into n parts, keeping the token boundaries."""
    slots = [(ti, k) for ti, t in enumerate(texts) for k in range(1, len(t))]  # (token, cut position)
    for cuts in combinations(slots, n - len(texts)):
        parts: list[str] = []
        for ti, t in enumerate(texts):
            prev = 0
            for k in [*(k for tj, k in cuts if tj == ti), len(t)]:
                parts.append(t[prev:k])
                prev = k
        yield parts


def split_run_together(texts: Sequence[str], n: int, valid: Check, s: MatchSettings = DEFAULTS) -> list[int] | None:
    """The n numbers the digit strings hold when exactly one split satisfies `valid`, else None.
    None also when the strings are not all digits, already n or more, or too long to try."""
    if not _worth_splitting(texts, n, valid, s):
        return None
    found: list[int] | None = None
    for parts in cuts_of(texts, n):
        if _leading_zero(parts):
            continue  # a number is never printed with a leading zero
        nums = [int(p) for p in parts]
        if valid(nums):
            if found is not None:
                return None  # ambiguous
            found = nums
    return found


def _worth_splitting(texts: Sequence[str], n: int, valid: Check, s: MatchSettings) -> bool:
    """Whether the strings are all digits, fewer than n, and few enough cuts to try them all."""
    if not texts or not all(t.isdigit() for t in texts) or len(texts) >= n:
        return False
    if valid is no_sum and len(texts) > 1:
        return False  # separate numbers and one missing: which one is not for the digits to say
    slots = sum(len(t) - 1 for t in texts)
    return slots <= s.max_cut_slots and n - len(texts) <= slots


def _leading_zero(parts: Sequence[str]) -> bool:
    return any(len(p) > 1 and p.startswith("0") for p in parts)


def never(nums: Sequence[int]) -> bool:
    return False


def no_sum(nums: Sequence[int]) -> bool:
    """A row with no sum to check a split against (table 2): one run of digits splits only where
    the digits allow a single cut ('000' is 0, 0, 0: a number never starts with 0)."""
    return True


def row_sum_check(columns: Sequence[str]) -> Check:
    """Table 3: the parts of a row add up to its 总计 (no check without that column)."""
    if "total" not in columns or len(columns) < 3:
        return never  # no sum to make a split unique

    def ok(nums: Sequence[int]) -> bool:
        return sum(nums[:-1]) == nums[-1]
    return ok


def t4_check(nums: Sequence[int]) -> bool:
    """Table 4: each group's parts add up to its 总计."""
    w = len(T4_COLUMNS)
    return all(sum(nums[g * w:g * w + w - 1]) == nums[g * w + w - 1] for g in range(len(T4_GROUPS)))
