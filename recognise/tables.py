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

from .align import align_t3, align_t4
from .items import Item
from .locate import locate_t2, locate_t3, locate_t4
from .settings import DEFAULTS, MatchSettings
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
        reads.append(read_t2(items, t2, s))
    if t3 is not None:
        reads.append(_aligned(read_t3(items, t3, s), align_t3(items[t3.first:t3.stop])))
    if t4 is not None:
        reads.append(_aligned(read_t4(items, t4, s), align_t4(items[t4.first:t4.stop])))
    for read in reads:
        read.write(report)
    return {i for read in reads for i in read.consumed}


def _aligned(read: TableRead, cells: list[CellValue] | None) -> TableRead:
    """The labels' reading, or, where it found the table out of shape, the reading the numbers
    alone decide (align.py): a header cut into pieces or a label wrapped away is no fault of the table."""
    if not read.shape or cells is None:
        return read
    read.cells = cells
    read.shape = []
    return read
