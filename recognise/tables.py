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

from model.report import CellValue, Report

from .align import align_t2, align_t3, align_t4
from .items import Item
from .locate import locate_t2, locate_t3, locate_t4
from .settings import DEFAULTS, MatchSettings
from .vocabulary import ends_table
from .table2 import read_t2
from .table3 import read_t3
from .table4 import read_t4
from .tableread import TableRead


def read_tables(items: Sequence[Item], report: Report, s: MatchSettings = DEFAULTS) -> set[int]:
    """Fill report.cells and the shape facts; return the indices of items that are table content."""
    t3 = locate_t3(items, s)                                    # the most distinctive labels first
    t2 = locate_t2(items, t3.start if t3 else len(items), s)    # table 2 stands before it
    t4 = locate_t4(items, t3.stop if t3 else 0, s)              # table 4 after it
    reads: list[TableRead] = []
    if t2 is not None:
        end = t3.start if t3 else _values_end(items, t2.stop, len(items), s)
        reads.append(_aligned(read_t2(items, t2, s), align_t2(items[t2.first:end], _row_at(items, end)), end))
    if t3 is not None:
        end = _values_end(items, t3.stop, t4.start if t4 else len(items), s)
        reads.append(_aligned(read_t3(items, t3, s), align_t3(items[t3.first:end], _row_at(items, end)), end))
    if t4 is not None:
        reads.append(_aligned(read_t4(items, t4, s), align_t4(items[t4.first:t4.stop], _row_at(items, t4.stop)), t4.stop))
    for read in reads:
        read.write(report)
    return {i for read in reads for i in read.consumed}


def _row_at(items: Sequence[Item], i: int) -> int | None:
    return items[i].row if i < len(items) else None


def _values_end(items: Sequence[Item], stop: int, limit: int, s: MatchSettings) -> int:
    """Where the numbers of a table end that may stand after its last label (a PDF's text printed
    every label first, then the numbers): the next heading, paragraph or table, at most `limit`."""
    return next((i for i in range(stop, limit) if ends_table(items[i], s)), limit)


def _aligned(read: TableRead, cells: list[CellValue] | None, end: int) -> TableRead:
    """The labels' reading, or, where it found the table out of shape, the reading the numbers
    alone decide (align.py): a header cut into pieces or a label wrapped away is no fault of the table."""
    if cells is None or not (read.shape or (read.table == "t3" and read.outdated)):
        return read
    read.cells = cells
    read.shape = []
    if read.table == "t3":
        read.outdated = []  # 25 rows of 7: the 2021 table, whatever a group label's line held
    read.consumed = range(read.consumed.start, max(read.consumed.stop, end))
    return read
