"""Table helpers shared by the readers: sheet limits and cell text, merged ranges, and a table
built from rows of cell texts (Word and RTF paragraphs)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from model.document import Block, Location, RawTable, TableCell, TextBlock

from .limits import MAX_DOC_CELLS, MAX_SPAN, MAX_TABLE_CELLS

MAX_ROWS, MAX_COLS = 5000, 100
MAX_MERGES = 10_000           # merged ranges of one sheet
MAX_WORKBOOK_CELLS = MAX_DOC_CELLS  # grid cells of all sheets together


class SheetBudget:
    """How many grid cells the sheets of one workbook may still take: a 30号 report's tables are
    ~30 × 10, so a sheet clipped here lost nothing a report holds. Clipping leaves a note."""

    def __init__(self, total: int = MAX_WORKBOOK_CELLS) -> None:
        self.left = total
        self.notes: list[str] = []

    def rows(self, name: str, n_rows: int, n_cols: int, full_rows: int | None = None, full_cols: int | None = None) -> int:
        """Rows of a sheet of n_rows × n_cols (already clipped to MAX_ROWS × MAX_COLS) to read."""
        allowed = min(n_rows, max(0, min(self.left, MAX_TABLE_CELLS)) // max(1, n_cols))
        self.left -= allowed * max(1, n_cols)
        rows_seen, cols_seen = full_rows or n_rows, full_cols or n_cols
        if allowed < rows_seen or n_cols < cols_seen:
            self.notes.append(f"工作表“{name}”范围过大（{rows_seen} 行 × {cols_seen} 列），超出一份报告能容纳的篇幅，"
                              f"只读取了前 {allowed} 行、{n_cols} 列。")
        return allowed


def cell_text(v: object) -> str:
    """A workbook value as the text a reader sees."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, (dt.datetime, dt.date)):
        return f"{v.year:04d}年{v.month:02d}月{v.day:02d}日"  # not strftime: Windows encodes its format in the ANSI code page
    return str(v).strip()


def covered_cells(ranges: Iterable[tuple[int, int, int, int]]) -> set[tuple[int, int]]:
    """(row, col) of every cell a merge hides: all of each (r0, c0, r1, c1) range but its origin,
    clipped to the sheet limits and to MAX_SPAN rows and columns (0- or 1-based, as the caller
    counts); at most MAX_MERGES ranges, MAX_TABLE_CELLS cells in all."""
    covered: set[tuple[int, int]] = set()
    for k, (r0, c0, r1, c1) in enumerate(ranges):
        if k >= MAX_MERGES or len(covered) >= MAX_TABLE_CELLS:
            break
        for r in range(r0, min(r1, MAX_ROWS, r0 + MAX_SPAN - 1) + 1):
            for c in range(c0, min(c1, MAX_COLS, c0 + MAX_SPAN - 1) + 1):
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
