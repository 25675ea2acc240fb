"""assign_row: one row's values into cells, or into facts about the row's shape."""
from __future__ import annotations

from model.document import Location
from model.standard import T3_COLUMNS
from model.textnorm import is_value_text, norm
from recognise.items import Item
from recognise.numbers import never, row_sum_check
from recognise.rows import RowSpec, assign_row, row_values, trim

KEYS = tuple(f"t3.new.{c}" for c in T3_COLUMNS)


def vals(*texts: str, grid: bool = False) -> list[Item]:
    return [Item(i, t, norm(t), Location(line=1, col=i), 1, grid, False, bool(norm(t)) and is_value_text(t))
            for i, t in enumerate(texts)]


def spec(keys: tuple[str, ...] = KEYS, runs: bool = True) -> RowSpec:
    return RowSpec("t3", "new", keys, Location(line=1), row_sum_check(T3_COLUMNS), runs=runs)


def test_as_many_values_as_columns_are_the_cells() -> None:
    read = assign_row(spec(), vals("1", "0", "0", "0", "0", "无", "1"))
    assert [(c.key, c.value, c.raw) for c in read.cells][-2:] == [("t3.new.other", None, "无"), ("t3.new.total", 1, "1")]
    assert read.shape == []


def test_blank_grid_cells_beyond_the_columns_are_trimmed() -> None:
    read = assign_row(spec(), vals("", "1", "0", "0", "0", "0", "0", "1", "", grid=True))
    assert [c.value for c in read.cells] == [1, 0, 0, 0, 0, 0, 1] and read.shape == []
    assert [v.text for v in trim(vals("", "1", ""), 1)] == ["1"]


def test_run_together_digits_split_by_the_row_sum() -> None:
    read = assign_row(spec(), vals("2150010", "27"))
    assert [c.value for c in read.cells] == [21, 5, 0, 0, 1, 0, 27]
    assert "2150010" in read.cells[0].note and read.shape == []


def test_ambiguous_run_is_unreadable_cells_and_a_fact() -> None:
    read = assign_row(spec(), vals("100001011"))
    assert [c.value for c in read.cells] == [None] * 7 and read.cells[0].raw == "100001011"
    (issue,) = read.shape
    assert (issue.kind, issue.row, issue.raw, issue.cells) == ("unreadable_run", "new", "100001011", list(KEYS))


def test_short_and_long_rows_are_facts_with_counts() -> None:
    six = tuple(k for k in KEYS if not k.endswith(".total"))
    s = RowSpec("t3", "new", six, Location(line=1), never, KEYS)
    (short,) = assign_row(s, vals("1", "0", "0", "0", "1")).shape
    assert (short.kind, short.expected, short.actual, short.cells) == ("short_row", 6, 5, list(KEYS))
    (extra,) = assign_row(s, vals(*"1000001")).shape
    assert (extra.kind, extra.expected, extra.actual) == ("extra_values", 6, 7)
    (empty,) = assign_row(s, []).shape
    assert (empty.kind, empty.actual) == ("short_row", 0)


def test_a_lone_number_is_not_a_run_unless_the_table_says_so() -> None:
    t2 = RowSpec("t2", "regulations", ("t2.regulations.issued", "t2.regulations.repealed", "t2.regulations.in_force"),
                 Location(line=1))
    (issue,) = assign_row(t2, vals("12")).shape
    assert (issue.kind, issue.actual) == ("short_row", 1)


def test_row_values_on_the_labels_row_else_the_following_values() -> None:
    same = vals("1.属于国家秘密", "3", "0")
    assert [v.text for v in row_values(same, 0, 3)] == ["3", "0"]
    lines = [Item(i, t, norm(t), Location(line=i), i, False, True, is_value_text(t)) for i, t in enumerate(["规章", "3", "说明", "0"])]
    assert [v.text for v in row_values(lines, 0, 4)] == ["3", "0"]
