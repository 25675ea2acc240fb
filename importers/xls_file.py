"""Excel 97-2003 (.xls) and WPS (.et) workbooks, read through python-calamine, into the same
sheet grids as .xlsx: one RawTable per sheet, cells covered by a merge left out, blanks kept."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from model.document import Document, Location, RawTable, TableCell

from .cells import MAX_COLS, MAX_MERGES, MAX_ROWS, SheetBudget, cell_text, covered_cells
from .errors import ReadError, corrupt
from .formats import Format
from .options import DEFAULT_OPTIONS, ReadOptions

_Merge = tuple[tuple[int, int], tuple[int, int]]


def read_xls(path: Path, fmt: Format, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    from python_calamine import CalamineWorkbook

    budget = SheetBudget()
    try:
        wb = CalamineWorkbook.from_path(str(path))
        names = list(wb.sheet_names)
        doc = fmt.document(path, sheets=names)
        for ti, name in enumerate(names):
            sheet = wb.get_sheet_by_index(ti)
            grid = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS)
            merges = (sheet.merged_cell_ranges or [])[:MAX_MERGES]
            doc.blocks.append(_sheet_table(name, ti, grid, merges, budget))
    except (ReadError, MemoryError):
        raise
    except BaseException as e:  # calamine's errors, and its PanicException (a BaseException)
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        raise corrupt("Excel 工作簿", "文件不完整或内部结构损坏，可能下载或复制时被截断") from e
    doc.notes.extend(budget.notes)
    return doc


def _sheet_table(name: str, ti: int, grid: Sequence[Sequence[object]], merges: Sequence[_Merge],
                 budget: SheetBudget) -> RawTable:
    covered = covered_cells((r0, c0, r1, c1) for (r0, c0), (r1, c1) in merges)
    full_cols = max((len(row) for row in grid[:MAX_ROWS]), default=0)
    n_cols = min(full_cols, MAX_COLS)
    n_rows = budget.rows(name, min(len(grid), MAX_ROWS), n_cols, len(grid), full_cols)
    rows: list[list[TableCell]] = []
    for r in range(n_rows):
        row = grid[r]
        rows.append([
            TableCell(_value_text(row[c] if c < len(row) else None), r, c, Location(sheet=name, row=r, col=c, table=ti))
            for c in range(n_cols) if (r, c) not in covered
        ])
    return RawTable(rows, Location(sheet=name, table=ti), n_cols)


def _value_text(v: object) -> str:
    if v == "" or v is None:
        return ""
    if isinstance(v, dt.time):
        return v.strftime("%H:%M")
    if isinstance(v, dt.timedelta):
        return str(v)
    return cell_text(v)
