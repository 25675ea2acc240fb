"""Rows of table 3 whose digits ran together and did not split by the row's own sum, split by the
table's relations: the （七）总计 row is the sum of the result rows; 新收 + 上年结转 = 总计 + 结转下年度
in every column. A row is filled only when the values those relations give, written one after the
other, are exactly its digits — so no number is ever guessed."""
from __future__ import annotations

from collections.abc import Callable

from model.report import CellValue
from model.standard import T3_APPLICANT_COLUMNS, t3_rows

from .rows import UNREADABLE
from .tableread import TableRead

_RESULT_ROWS = tuple(r.row for r in t3_rows() if r.row not in ("new", "carried", "total", "carry_forward"))
_BALANCE = ("new", "carried", "total", "carry_forward")   # new + carried = total + carry_forward


def resolve_runs(read: TableRead) -> None:
    cells = {c.key: c for c in read.cells}
    open_rows = {k[len("t3."):k.rindex(".")] for k, c in cells.items() if c.value is None and c.note == UNREADABLE}
    progress = True
    while open_rows and progress:
        progress = False
        for row in sorted(open_rows):
            if _fill(row, cells, open_rows):
                open_rows.discard(row)
                read.shape = [s for s in read.shape if not (s.kind == "unreadable_run" and s.row == row)]
                progress = True
    read.cells = list(cells.values())


def _fill(row: str, cells: dict[str, CellValue], open_rows: set[str]) -> bool:
    """Fill the row from the relations when their values, written out, are its digits."""
    values = _from_relations(row, cells, open_rows)
    if values is None or any(v < 0 for v in values):
        return False
    run = cells[f"t3.{row}.{T3_APPLICANT_COLUMNS[0]}"]
    full = [*values, sum(values)]
    if "".join(str(v) for v in full) != "".join(ch for ch in run.raw if ch.isdigit()):
        return False
    note = f"由连写数字“{run.raw}”按表内勾稽关系拆分"
    for col, v in zip((*T3_APPLICANT_COLUMNS, "total"), full):
        key = f"t3.{row}.{col}"
        cells[key] = CellValue(key, v, run.raw, run.location, note)
    return True


def _value(cells: dict[str, CellValue], row: str, col: str, open_rows: set[str]) -> int | None:
    c = cells.get(f"t3.{row}.{col}")
    if row in open_rows or c is None or not isinstance(c.value, int):
        return None
    return c.value


def _from_relations(row: str, cells: dict[str, CellValue], open_rows: set[str]) -> list[int] | None:
    """The six applicant values of `row` that the other rows' relations give, or None."""
    out: list[int] = []
    for col in T3_APPLICANT_COLUMNS:
        v = _column_value(row, col, cells, open_rows)
        if v is None:
            return None
        out.append(v)
    return out


def _column_value(row: str, col: str, cells: dict[str, CellValue], open_rows: set[str]) -> int | None:
    def get(r: str) -> int | None:
        return _value(cells, r, col, open_rows)

    value = _from_result_sum(row, get) if row == "total" or row in _RESULT_ROWS else None
    if value is None and row in _BALANCE:
        value = _from_balance(row, get)
    return value


def _from_result_sum(row: str, get: Callable[[str], int | None]) -> int | None:
    """（七）总计 is the sum of the result rows: the row from all the others, or None."""
    parts = [get(r) for r in _RESULT_ROWS if r != row]
    if None in parts:
        return None
    known = sum(p for p in parts if p is not None)
    if row == "total":
        return known
    t = get("total")
    return None if t is None else t - known


def _from_balance(row: str, get: Callable[[str], int | None]) -> int | None:
    """新收 + 上年结转 = 总计 + 结转下年度: the row from the other three, or None."""
    new, carried, total, forward = (get(r) if r != row else 0 for r in _BALANCE)
    if None in (new, carried, total, forward):
        return None
    assert new is not None and carried is not None and total is not None and forward is not None
    side = {"new": total + forward - carried, "carried": total + forward - new,
            "total": new + carried - forward, "carry_forward": new + carried - total}
    return side[row]
