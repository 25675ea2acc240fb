"""How the findings name cells and corrections in words a township clerk reads at once:
表三“（七）总计”行“总计”列, cells in table order, a swapped pair named as a swap."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from model.standard import TABLE_NAMES, all_keys, column_label, row_label, split_key


@cache
def _order() -> dict[str, int]:
    return {k: i for i, k in enumerate(all_keys())}


def in_table_order(keys: Iterable[str]) -> list[str]:
    """The cells as they stand in the tables (cells.json order): table, row, column."""
    order = _order()
    return sorted(dict.fromkeys(keys), key=lambda k: (order.get(k, len(order)), k))


def num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else round(x, 4)


def _row(table: str, row: str) -> str:
    """The row's own label, its trailing note left out; a numbered sub-row with its group."""
    parts = row_label(table, row).split("/")
    last = re.sub(r"（[^）]*）$", "", parts[-1]) or parts[-1]
    if len(parts) > 1 and last[:1].isdigit():
        return f"{parts[-2]}”中“{last}"
    return last


def _column(table: str, row: str, col: str) -> str:
    return column_label(table, row, col).split("/")[-1]


def cell_name(key: str, after: str | None = None) -> str:
    """表三“（一）予以公开”行“自然人”列; after another cell of the same table (and row), what differs only."""
    table, row, col = split_key(key)
    here = f"“{_column(table, row, col)}”列"
    if after is not None:
        t0, r0, _ = split_key(after)
        if (t0, r0) == (table, row):
            return here
        if t0 == table:
            return f"“{_row(table, row)}”行{here}"
    return f"{TABLE_NAMES.get(table, table)}“{_row(table, row)}”行{here}"


def cell_names(keys: Iterable[str]) -> list[str]:
    """Each cell named, the ones after the first by what differs from the one before."""
    out: list[str] = []
    before: str | None = None
    for k in keys:
        out.append(cell_name(k, before))
        before = k
    return out


def swapped(values: Mapping[str, float], change: Mapping[str, int]) -> tuple[str, str] | None:
    """The two cells of a change that exchanges their values (two different numbers), in table order."""
    if len(change) != 2:
        return None
    a, b = in_table_order(change)
    if values[a] != values[b] and change[a] == values[b] and change[b] == values[a]:
        return a, b
    return None


def change_text(values: Mapping[str, float], change: Mapping[str, int], why: str = "") -> str:
    """What a correction asks, in table order: “…列填 4，{why}应为 3” for one cell; both cells and
    values for a swapped pair; “…由 a 改为 x、…由 b 改为 y” for several."""
    keys = in_table_order(change)
    pair = swapped(values, change)
    if pair is not None:
        a, b = pair
        return (f"{cell_name(a)}（{num(values[a])}）与{cell_name(b, a)}（{num(values[b])}）的数字填反了，"
                f"应分别为 {change[a]} 和 {change[b]}")
    if len(keys) == 1:
        return f"{cell_name(keys[0])}填 {num(values[keys[0]])}，{why}应为 {change[keys[0]]}"
    return "、".join(f"{name}由 {num(values[k])} 改为 {change[k]}" for k, name in zip(keys, cell_names(keys)))


def short_what(what: str) -> str:
    """A relation's row or column name without its note or group: “（二）部分公开”行, “未经复议直接起诉”."""
    return re.sub(r"“[^”]*/([^”/]*)”", r"“\1”", re.sub(r"（[^（）]*）”", "”", what))
