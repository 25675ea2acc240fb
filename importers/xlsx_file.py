"""Excel 2007+ (.xlsx): every sheet as a grid; cached formula values, or simple SUMs evaluated."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import range_boundaries

from model.document import Document, Location, RawTable, TableCell

from .cells import MAX_COLS, MAX_ROWS, cell_text, covered_cells
from .errors import corrupt
from .formats import Format
from .limits import check_zip

_SUM = re.compile(r"^=\s*SUM\(\s*([A-Z]+\d+)\s*:\s*([A-Z]+\d+)\s*\)\s*$", re.I)


def read_xlsx(path: Path, fmt: Format, time_budget: float | None = None) -> Document:
    check_zip(path, "Excel 工作簿")
    uncached = _has_uncached_formulas(path)
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
        # a second parse, for the formulas themselves, only when some result was never saved
        wbf = openpyxl.load_workbook(path, data_only=False) if uncached else None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise corrupt("Excel 工作簿", type(e).__name__) from e
    except Exception as e:  # damaged XML inside the package
        raise corrupt("Excel 工作簿", type(e).__name__) from e
    doc = fmt.document(path, sheets=list(wb.sheetnames))
    for ti, ws in enumerate(wb.worksheets):
        wsf = wbf[ws.title] if wbf is not None else None
        doc.blocks.append(_read_sheet(ws, wsf, ti))
    return doc


_CELL = re.compile(rb"<c\b[^>]*>(.*?)</c>", re.S)
_VALUE = re.compile(rb"<v>[^<]")  # a saved result; openpyxl writes an uncalculated one as <v></v>


def _has_uncached_formulas(path: Path) -> bool:
    """A formula cell without a <v> result: files written by scripts that never calculated."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with z.open(name) as f:
                    data = f.read()
                if b"<f" in data and any(b"<f" in c and not _VALUE.search(c) for c in _CELL.findall(data)):
                    return True
    return False


def _read_sheet(ws: Any, wsf: Any, table_index: int) -> RawTable:
    """openpyxl worksheets (values, and formulas when some result was never saved)."""
    covered = covered_cells((r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges)
    max_row = min(ws.max_row or 0, MAX_ROWS)
    max_col = min(ws.max_column or 0, MAX_COLS)
    values: dict[tuple[int, int], object] = {}
    for row in ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col):
        for cell in row:
            if cell.value is not None:
                values[(cell.row, cell.column)] = cell.value
    if wsf is not None:
        _fill_uncached_sums(wsf, values, max_row, max_col)
    rows: list[list[TableCell]] = []
    for r in range(1, max_row + 1):
        rows.append([
            TableCell(cell_text(values.get((r, c))), r - 1, c - 1, Location(sheet=ws.title, row=r - 1, col=c - 1, table=table_index))
            for c in range(1, max_col + 1) if (r, c) not in covered
        ])
    return RawTable(rows, Location(sheet=ws.title, table=table_index), max_col)


_Range = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row


def _fill_uncached_sums(wsf: Any, values: dict[tuple[int, int], object], max_row: int, max_col: int) -> None:
    """Files written by scripts carry formulas without cached results: evaluate plain SUMs."""
    pending: dict[tuple[int, int], _Range] = {}
    for row in wsf.iter_rows(min_row=1, max_row=max_row, max_col=max_col):
        for cell in row:
            key = (cell.row, cell.column)
            if isinstance(cell.value, str) and cell.value.startswith("=") and values.get(key) is None:
                m = _SUM.match(cell.value)
                if m:
                    pending[key] = range_boundaries(f"{m.group(1)}:{m.group(2)}")
                else:
                    values[key] = cell.value  # leave an unreadable formula visible
    for _ in range(len(pending) + 1):
        if not _sum_ready(pending, values):
            break


def _sum_ready(pending: dict[tuple[int, int], _Range], values: dict[tuple[int, int], object]) -> bool:
    """One pass: evaluate every pending SUM whose range holds no pending SUM; False when none was."""
    progressed = False
    for key, (c0, r0, c1, r1) in list(pending.items()):
        refs = [(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]
        if any(ref in pending for ref in refs):
            continue
        total = 0.0
        for ref in refs:
            v = values.get(ref)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                total += v
        values[key] = int(total) if total == int(total) else total
        del pending[key]
        progressed = True
    return progressed
