"""Excel 97-2003 (.xls) and WPS (.et) workbooks, read through python-calamine, into the same
sheet grids as .xlsx: one RawTable per sheet, cells covered by a merge left out, blanks kept."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from model.document import Document, Location, RawTable, TableCell

from .cells import MAX_COLS, MAX_ROWS, cell_text, covered_cells
from .errors import corrupt
from .formats import Format

_Merge = tuple[tuple[int, int], tuple[int, int]]


def read_xls(path: Path, fmt: Format, time_budget: float | None = None) -> Document:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        names = list(wb.sheet_names)
        doc = fmt.document(path, sheets=names)
        for ti, name in enumerate(names):
            sheet = wb.get_sheet_by_index(ti)
            grid = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS)
            merges = sheet.merged_cell_ranges or []
            doc.blocks.append(_sheet_table(name, ti, grid, merges))
    except Exception as e:  # calamine raises its own errors for damaged or unsupported files
        raise corrupt("Excel 工作簿", type(e).__name__) from e
    return doc


def _sheet_table(name: str, ti: int, grid: Sequence[Sequence[object]], merges: Sequence[_Merge]) -> RawTable:
    covered = covered_cells((r0, c0, r1, c1) for (r0, c0), (r1, c1) in merges)
    n_rows = min(len(grid), MAX_ROWS)
    n_cols = min(max((len(row) for row in grid[:n_rows]), default=0), MAX_COLS)
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
