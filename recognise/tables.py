"""Find the three standard tables in the item stream by their labels and read their cells.

Rows are found by their labels, never by position: a label item opens a row, and the row's values
are the items after it on the same physical row (grid sources keep blank cells), or, when its own
row holds none (one cell per line, labels wrapped over several PDF lines), the value items that
follow it up to the next label. Columns are those the header names, in the standard order.

The steps, each a pure function: locate (locate.py) → read each table (table2/3/4.py, rows.py,
numbers.py) → write the reads into the Report (here).
"""
from __future__ import annotations

from collections.abc import Sequence

from model.document import Location
from model.report import CellValue, Report, ShapeIssue
from model.standard import T3_COLUMNS

from .align import align_t2, align_t2_by_headers, align_t3, align_t4
from .items import Item
from .locate import Span, locate_t2, locate_t3, locate_t4
from .settings import DEFAULTS, MatchSettings
from .table2 import read_t2
from .table3 import read_t3
from .table4 import read_t4
from .tableread import TableRead
from .vocabulary import ends_table


def read_tables(items: Sequence[Item], report: Report, s: MatchSettings = DEFAULTS) -> set[int]:
    """Fill report.cells and the shape facts; return the indices of items that are table content."""
    t3 = locate_t3(items, s)                                    # the most distinctive labels first
    t2 = locate_t2(items, t3.start if t3 else len(items), s)    # table 2 stands before it
    t4 = locate_t4(items, t3.stop if t3 else 0, s)              # table 4 after it
    reads: list[TableRead] = []
    if t2 is not None:
        reads.append(_table2(items, t2, t3.start if t3 else _values_end(items, t2.stop, len(items), s), s))
    if t3 is not None:
        reads.append(_table3(items, t3, _values_end(items, t3.stop, t4.start if t4 else len(items), s), s))
    if t4 is not None:
        aligned = align_t4(items[t4.first:t4.stop], _row_at(items, t4.stop), items[t4.start:t4.first])
        reads.append(_aligned(read_t4(items, t4, s), aligned, t4.stop))
    for read in reads:
        read.write(report)
    return {i for read in reads for i in read.consumed}


def _table2(items: Sequence[Item], t2: Span, end: int, s: MatchSettings) -> TableRead:
    """By its labels; out of shape, by its rows' widths; else by its headers."""
    read = _aligned(read_t2(items, t2, s), align_t2(items[t2.first:end], _row_at(items, end)), end)
    return _t2_by_headers(read, items[t2.first:end])


def _table3(items: Sequence[Item], t3: Span, end: int, s: MatchSettings) -> TableRead:
    """By its labels; by its shape where the labels leave it out of shape or its numbers come first."""
    read = read_t3(items, t3, s)
    if any(it.is_value for it in items[t3.start:t3.first]):
        return _numbers_first(read, align_t3(items[t3.start:end], _row_at(items, end)), end)
    return _aligned(read, align_t3(items[t3.first:end], _row_at(items, end)), end)


def _row_at(items: Sequence[Item], i: int) -> int | None:
    return items[i].row if i < len(items) else None


def _values_end(items: Sequence[Item], stop: int, limit: int, s: MatchSettings) -> int:
    """Where the numbers of a table end that may stand after its last label (a PDF's text printed
    every label first, then the numbers): the next heading, paragraph or table, at most `limit`."""
    return next((i for i in range(stop, limit) if ends_table(items[i], s)), limit)


def _aligned(read: TableRead, cells: list[CellValue] | None, end: int, force: bool = False) -> TableRead:
    """The labels' reading, or, where it found the table out of shape, the reading the numbers
    alone decide (align.py): a header cut into pieces or a label wrapped away is no fault of the table."""
    if cells is None or not (force or read.shape or (read.table == "t3" and read.outdated)):
        return read
    read.cells = cells
    read.shape = []
    if read.table == "t3":
        read.outdated = []  # 25 rows of 7: the 2021 table, whatever a group label's line held
    read.consumed = range(read.consumed.start, max(read.consumed.stop, end))
    return read


def _t2_by_headers(read: TableRead, items: Sequence[Item]) -> TableRead:
    """Table 二 still out of shape: the cells its numbers give under their headers (a PDF's text
    prints every row label first), the rest left empty with the shape facts about them."""
    if not read.shape or read.outdated:
        return read
    cells = align_t2_by_headers(items)
    if cells is None:
        return read
    got = {c.key for c in cells}
    read.cells = cells
    read.shape = [i for i in read.shape if not set(i.cells) <= got]
    return read


def _numbers_first(read: TableRead, cells: list[CellValue] | None, end: int) -> TableRead:
    """Numbers stand before the first row's label (a value line, then its label: markitdown,
    pdftotext): a label's values are not those after it. The table is read by its shape; where it
    cannot be, the rows whose values came from other lines than their label are left empty."""
    if cells is not None:
        return _aligned(read, cells, end, force=True)
    keys = {f"t3.{row}." for row in read.detached}
    read.cells = [c for c in read.cells if not any(c.key.startswith(k) for k in keys)]
    read.shape = [i for i in read.shape if i.row not in read.detached]
    read.shape.extend(ShapeIssue("t3", "short_row", [f"t3.{row}.{c}" for c in T3_COLUMNS], Location(), row=row,
                                 expected=len(T3_COLUMNS), actual=0) for row in sorted(read.detached))
    return read
