"""The splitter of run-together digits: properties over random rows that satisfy their sums."""
from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from model.standard import T3_COLUMNS
from recognise.numbers import never, row_sum_check, split_run_together, t4_check
from recognise.settings import DEFAULTS

row_sum = row_sum_check(T3_COLUMNS)


def all_splits(texts: Sequence[str], n: int) -> list[list[int]]:
    """Every split of the tokens into n numbers without leading zeros (an oracle written apart)."""
    def parts(t: str, k: int) -> list[list[str]]:
        if k == 1:
            return [[t]] if t and (len(t) == 1 or t[0] != "0") else []
        return [[t[:i], *rest] for i in range(1, len(t)) if i == 1 or t[0] != "0" for rest in parts(t[i:], k - 1)]

    def across(tokens: Sequence[str], k: int) -> list[list[str]]:
        if not tokens:
            return [[]] if k == 0 else []
        first, rest = tokens[0], tokens[1:]
        return [[*a, *b] for m in range(1, min(len(first), k - len(rest)) + 1) for a in parts(first, m) for b in across(rest, k - m)]

    return [[int(p) for p in ps] for ps in across(texts, n)]


@st.composite
def t3_rows_run_together(draw: st.DrawFn) -> tuple[list[int], list[str]]:
    """A row of table 3 that satisfies its sum, printed with some numbers run together."""
    parts = draw(st.lists(st.integers(0, 40), min_size=6, max_size=6))
    row = [*parts, sum(parts)]
    texts = [str(v) for v in row]
    joins = draw(st.lists(st.booleans(), min_size=6, max_size=6).filter(any))  # join text k to the one before
    tokens: list[str] = [texts[0]]
    for t, join in zip(texts[1:], joins):
        if join:
            tokens[-1] += t
        else:
            tokens.append(t)
    return row, tokens


@settings(max_examples=300, deadline=None)
@given(t3_rows_run_together())
def test_a_unique_split_gives_back_the_row_and_an_ambiguous_one_gives_none(case: tuple[list[int], list[str]]) -> None:
    row, tokens = case
    got = split_run_together(tokens, len(row), row_sum)
    if sum(len(t) - 1 for t in tokens) > DEFAULTS.max_cut_slots:
        assert got is None  # too many ways to try
        return
    valid = [s for s in all_splits(tokens, len(row)) if row_sum(s)]
    assert row in valid                            # the printed row is one of the readings
    if len(valid) == 1:
        assert got == row
    else:
        assert got is None                         # ambiguous: unreadable


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text("0123456789", min_size=1, max_size=6), min_size=1, max_size=6), st.integers(2, 9))
def test_a_split_always_keeps_the_digits_and_satisfies_the_check(tokens: list[str], n: int) -> None:
    got = split_run_together(tokens, n, row_sum)
    if got is not None:
        assert len(got) == n and row_sum(got)
        assert "".join(str(v) for v in got) == "".join(tokens)
        assert got in all_splits(tokens, n)          # token boundaries kept, no leading zeros


@given(st.lists(st.integers(0, 99), min_size=2, max_size=7))
def test_nothing_to_split(nums: list[int]) -> None:
    texts = [str(v) for v in nums]
    assert split_run_together(texts, len(texts), row_sum) is None      # already as many as needed
    assert split_run_together(texts, len(texts) + 1, never) is None    # no check: no split is unique
    assert split_run_together([*texts, "无"], len(texts) + 2, row_sum) is None  # not all digits


def test_table4_groups_make_a_split_unique() -> None:
    row = [3, 1, 0, 0, 4, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]
    assert split_run_together(["31004", "00101", "00000"], 15, t4_check) == row
    assert split_run_together(["100001011"], 7, row_sum) is None       # 1,0,0,0,0,10,11 or 10,0,0,0,1,0,11
