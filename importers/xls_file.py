"""Excel 97-2003 (.xls) and WPS (.et) workbooks, read through python-calamine, into the same
sheet grids as .xlsx: one RawTable per sheet, cells covered by a merge left out, blanks kept."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from model.document import Document, Location, RawTable, TableCell

from .errors import corrupt
from .xlsx_file import MAX_COLS, MAX_ROWS, _text


def read_xls(path: Path) -> Document:
    from python_calamine import CalamineWorkbook

    fmt = "et" if path.suffix.lower() == ".et" else "xls"
    try:
        wb = CalamineWorkbook.from_path(str(path))
        names = list(wb.sheet_names)
        doc = Document(path=str(path), format=fmt, sheets=names)
        for ti, name in enumerate(names):
            sheet = wb.get_sheet_by_index(ti)
            grid = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS)
            merges = sheet.merged_cell_ranges or []
            doc.blocks.append(_sheet_table(name, ti, grid, merges))
    except Exception as e:  # calamine raises its own errors for damaged or unsupported files
        raise corrupt("Excel 工作簿", type(e).__name__) from e
    return doc


def _sheet_table(name: str, ti: int, grid: list[list[object]], merges) -> RawTable:
    covered: set[tuple[int, int]] = set()
    for (r0, c0), (r1, c1) in merges:
        for r in range(r0, min(r1, MAX_ROWS) + 1):
            for c in range(c0, min(c1, MAX_COLS) + 1):
                if (r, c) != (r0, c0):
                    covered.add((r, c))
    n_rows = min(len(grid), MAX_ROWS)
    n_cols = min(max((len(row) for row in grid[:n_rows]), default=0), MAX_COLS)
    rows: list[list[TableCell]] = []
    for r in range(n_rows):
        row = grid[r]
        out: list[TableCell] = []
        for c in range(n_cols):
            if (r, c) in covered:
                continue
            v = row[c] if c < len(row) else None
            text = _value_text(v)
            out.append(TableCell(text, r, c, Location(sheet=name, row=r, col=c, table=ti)))
        rows.append(out)
    return RawTable(rows, Location(sheet=name, table=ti), n_cols)


def _value_text(v: object) -> str:
    if v == "" or v is None:
        return ""
    if isinstance(v, dt.time):
        return v.strftime("%H:%M")
    if isinstance(v, dt.timedelta):
        return str(v)
    return _text(v)
