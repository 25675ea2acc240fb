"""One row's values: collected after its label, trimmed, counted against the columns, split when
digits ran together, and turned into cells or into facts about the row's shape."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from model.document import Location
from model.report import CellValue, ShapeIssue, ShapeKind
from model.textnorm import parse_number

from .items import Item
from .numbers import Check, never, split_run_together
from .settings import DEFAULTS, MatchSettings


def row_values(items: Sequence[Item], start: int, stop: int) -> list[Item]:
    """Values for the label at items[start]: on its own row if any, else the following ones."""
    label = items[start]
    same = [it for it in items[start + 1:stop] if it.row == label.row]
    if any(it.is_value for it in same) or any(it.grid and not it.blank for it in same):
        return [it for it in same if it.grid or it.is_value]
    return [it for it in items[start + 1:stop] if it.is_value]


def trim(values: Sequence[Item], n: int) -> list[Item]:
    """Blank grid cells beyond the n expected values dropped from both ends."""
    out = list(values)
    while len(out) > n and out[-1].blank:
        out.pop()
    while len(out) > n and out[0].blank:
        out.pop(0)
    return out


@dataclass(frozen=True)
class RowSpec:
    """What a row should hold: its cell keys in column order, and how to read it."""

    table: str
    row: str | None                 # row id; None for table 4, read as one row of 15 values
    keys: tuple[str, ...]
    location: Location              # where a shape fact about the row points
    valid: Check = never            # the sums that make a split of run-together digits unique
    shape_cells: tuple[str, ...] = ()  # cells a short or long row names (default: keys)
    runs: bool = False              # one long digit token is digits run together (unreadable if no split)


@dataclass
class RowRead:
    cells: list[CellValue] = field(default_factory=list)
    shape: list[ShapeIssue] = field(default_factory=list)


UNREADABLE = "数字连写，无法唯一拆分"  # the note of a cell in a run of digits that did not split


TOO_LONG = "超过9位数字，不是有效的件数"  # no real count is that long (issue 25): unread, never summed
COUNT_LIMIT = 10 ** 9


def cell(key: str, it: Item) -> CellValue:
    v = parse_number(it.text) if it.norm else None
    if v is not None and not abs(v) < COUNT_LIMIT:  # also inf: hundreds of digits read as a float
        return CellValue(key, None, it.text, it.location, TOO_LONG)
    return CellValue(key, v, it.text, it.location)


def assign_row(spec: RowSpec, values: Sequence[Item], s: MatchSettings = DEFAULTS) -> RowRead:
    n = len(spec.keys)
    vals = trim(values, n)
    if len(vals) == n:
        return RowRead([cell(k, v) for k, v in zip(spec.keys, vals)])
    if len(vals) < n:
        nums = split_run_together([v.norm for v in vals], n, spec.valid, s)
        if nums is not None:
            note = f"由连写数字“{''.join(v.text for v in vals)}”按合计关系拆分"
            return RowRead([CellValue(k, num, vals[0].text, vals[0].location, note) for k, num in zip(spec.keys, nums)])
        if spec.runs and _run_together(vals, n, s):
            return _unreadable(spec, vals[0])
    kind: ShapeKind = "short_row" if len(vals) < n else "extra_values"
    return RowRead(shape=[ShapeIssue(spec.table, kind, list(spec.shape_cells or spec.keys), spec.location,
                                     row=spec.row, expected=n, actual=len(vals))])


def _run_together(vals: Sequence[Item], n: int, s: MatchSettings) -> bool:
    """One token holding (nearly) as many digits as the row has cells: the digits ran together."""
    return len(vals) == 1 and vals[0].norm.isdigit() and len(vals[0].norm) >= n - s.run_slack


def _unreadable(spec: RowSpec, run: Item) -> RowRead:
    cells = [CellValue(k, None, run.text, run.location, UNREADABLE) for k in spec.keys]
    issue = ShapeIssue(spec.table, "unreadable_run", list(spec.keys), spec.location, row=spec.row,
                       expected=len(spec.keys), actual=1, raw=run.text)
    return RowRead(cells, [issue])
