"""Table helpers shared by the readers: sheet limits and cell text, merged ranges, and a table
built from rows of cell texts (Word and RTF paragraphs)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from model.document import Block, Location, RawTable, TableCell, TextBlock

MAX_ROWS, MAX_COLS = 5000, 100


def cell_text(v: object) -> str:
    """A workbook value as the text a reader sees."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, (dt.datetime, dt.date)):
        return v.strftime("%Y年%m月%d日")
    return str(v).strip()


def covered_cells(ranges: Iterable[tuple[int, int, int, int]]) -> set[tuple[int, int]]:
    """(row, col) of every cell a merge hides: all of each (r0, c0, r1, c1) range but its origin,
    clipped to the sheet limits (0- or 1-based, as the caller counts)."""
    covered: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in ranges:
        for r in range(r0, min(r1, MAX_ROWS) + 1):
            for c in range(c0, min(c1, MAX_COLS) + 1):
                if (r, c) != (r0, c0):
                    covered.add((r, c))
    return covered


def flow_table(rows: list[list[str]], table_index: int, block_index: int) -> RawTable:
    """A table of a flowing document (its cells located by table, row, column and paragraph)."""
    out = [
        [TableCell(t, r, c, Location(table=table_index, row=r, col=c, paragraph=block_index)) for c, t in enumerate(texts)]
        for r, texts in enumerate(rows)
    ]
    return RawTable(out, Location(table=table_index, paragraph=block_index), max((len(r) for r in rows), default=0))


class FlowBlocks:
    """Paragraphs and tables of a flowing document, in reading order: a row is gathered in `row`,
    rows in a table that is placed when the next paragraph (or the end) comes."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.row: list[str] = []
        self._rows: list[list[str]] = []
        self._block_index = 0
        self._table_index = 0

    def paragraph(self, text: str) -> None:
        self.flush_table()
        self.blocks.append(TextBlock(text, Location(paragraph=self._block_index)))
        self._block_index += 1

    def end_row(self) -> None:
        if self.row:
            self._rows.append(self.row)
        self.row = []

    def flush_table(self) -> None:
        self.end_row()
        if self._rows:
            self.blocks.append(flow_table(self._rows, self._table_index, self._block_index))
            self._table_index += 1
            self._block_index += 1
            self._rows = []
