"""Excel 2007+ (.xlsx): every sheet as a grid; cached formula values, or simple SUMs evaluated."""
from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from model.document import Document, Location, RawTable, TableCell

from .cells import MAX_COLS, MAX_MERGES, MAX_ROWS, SheetBudget, cell_text, covered_cells
from .errors import corrupt
from .formats import Format
from .limits import MAX_SPAN, check_zip
from .options import DEFAULT_OPTIONS, ReadOptions

_SUM = re.compile(r"^=\s*SUM\(\s*([A-Z]+\d+)\s*:\s*([A-Z]+\d+)\s*\)\s*$", re.I)


def read_xlsx(path: Path, fmt: Format, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    check_zip(path, "Excel 工作簿")
    try:
        package, clipped = _bounded_package(path)
        uncached = _has_uncached_formulas(package)
        with _merges_without_borders():
            wb = openpyxl.load_workbook(io.BytesIO(package), data_only=True)
            # a second parse, for the formulas themselves, only when some result was never saved
            wbf = openpyxl.load_workbook(io.BytesIO(package), data_only=False) if uncached else None
    except MemoryError:
        raise
    except Exception as e:  # a damaged zip, damaged XML inside the package
        raise corrupt("Excel 工作簿", type(e).__name__) from e
    doc = fmt.document(path, sheets=list(wb.sheetnames))
    budget = SheetBudget()
    for ti, ws in enumerate(wb.worksheets):
        wsf = wbf[ws.title] if wbf is not None else None
        doc.blocks.append(_read_sheet(ws, wsf, ti, budget))
    if clipped:
        doc.notes.append("工作簿中的合并单元格范围过大或过多，已按一份报告能容纳的篇幅截取。")
    doc.notes.extend(budget.notes)
    return doc


@contextlib.contextmanager
def _merges_without_borders() -> Iterator[None]:
    """While loading: a merged range's covered cells become MergedCells as openpyxl makes them,
    without its restyling of the edge cells' borders (~40 % of loading a report's workbook; the
    reader never looks at borders)."""
    from openpyxl.cell.cell import MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

    def clean(ws: Any, mcr: Any) -> None:
        cells = mcr.cells
        next(cells)  # the top-left cell keeps its value
        for row, col in cells:
            ws._cells[row, col] = MergedCell(ws, row, col)

    original = Worksheet._clean_merge_range
    Worksheet._clean_merge_range = clean
    try:
        yield
    finally:
        Worksheet._clean_merge_range = original


_MERGE = re.compile(rb'<mergeCell\b[^>]*?ref="([A-Za-z]+[0-9]+):([A-Za-z]+[0-9]+)"[^>]*/>')
_MERGES = re.compile(rb"<mergeCells\b[^>]*>(.*?)</mergeCells>", re.S)


def _bounded_package(path: Path) -> tuple[bytes, bool]:
    """The package with every sheet's merged ranges clipped (openpyxl makes an object for each
    cell a merge covers: one range over the whole sheet is 17 billion of them)."""
    clipped = False
    out = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/worksheets/") and b"<mergeCell" in data:
                data, changed = _clip_merges(data)
                clipped |= changed
            zout.writestr(info, data, compress_type=zipfile.ZIP_STORED)
    return out.getvalue(), clipped


def _clip_merges(xml: bytes) -> tuple[bytes, bool]:
    changed = False

    def block(m: re.Match[bytes]) -> bytes:
        nonlocal changed
        refs = _MERGE.findall(m.group(1))
        kept: list[bytes] = []
        for a, b in refs[:MAX_MERGES]:
            try:
                c0, r0, c1, r1 = range_boundaries(f"{a.decode()}:{b.decode()}")
            except (ValueError, TypeError):
                changed = True
                continue
            if c0 is None or r0 is None or c1 is None or r1 is None or r0 > MAX_ROWS or c0 > MAX_COLS:
                changed = True
                continue
            r1c, c1c = min(r1, MAX_ROWS, r0 + MAX_SPAN - 1), min(c1, MAX_COLS, c0 + MAX_SPAN - 1)
            changed |= (r1c, c1c) != (r1, c1)
            kept.append(f'<mergeCell ref="{get_column_letter(c0)}{r0}:{get_column_letter(c1c)}{r1c}"/>'.encode())
        changed |= len(refs) > MAX_MERGES
        if not kept:
            return b""
        return b'<mergeCells count="%d">' % len(kept) + b"".join(kept) + b"</mergeCells>"
    return _MERGES.sub(block, xml), changed


_CELL = re.compile(rb"<c\b[^>]*>(.*?)</c>", re.S)
_VALUE = re.compile(rb"<v>[^<]")  # a saved result; openpyxl writes an uncalculated one as <v></v>


def _has_uncached_formulas(package: bytes) -> bool:
    """A formula cell without a <v> result: files written by scripts that never calculated."""
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with z.open(name) as f:
                    data = f.read()
                if b"<f" in data and any(b"<f" in c and not _VALUE.search(c) for c in _CELL.findall(data)):
                    return True
    return False


def _read_sheet(ws: Any, wsf: Any, table_index: int, budget: SheetBudget) -> RawTable:
    """openpyxl worksheets (values, and formulas when some result was never saved)."""
    covered = covered_cells((r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges)
    max_col = min(ws.max_column or 0, MAX_COLS)
    max_row = budget.rows(ws.title, min(ws.max_row or 0, MAX_ROWS), max_col, ws.max_row or 0, ws.max_column or 0)
    values: dict[tuple[int, int], object] = {}
    for (r, c), cell in ws._cells.items():  # only the cells the file holds (a sparse sheet stays cheap)
        if r <= max_row and c <= max_col and cell.value is not None:
            values[(r, c)] = cell.value
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
_MAX_SUM_CELLS = 10_000


def _fill_uncached_sums(wsf: Any, values: dict[tuple[int, int], object], max_row: int, max_col: int) -> None:
    """Files written by scripts carry formulas without cached results: evaluate plain SUMs."""
    pending: dict[tuple[int, int], _Range] = {}
    for key, cell in wsf._cells.items():
        v = cell.value
        if key[0] <= max_row and key[1] <= max_col and isinstance(v, str) and v.startswith("=") and values.get(key) is None:
            m = _SUM.match(v)
            rng = _sum_range(m.group(1), m.group(2)) if m else None
            if rng is not None:
                pending[key] = rng
            else:
                values[key] = v  # leave an unreadable formula visible
    for _ in range(len(pending) + 1):
        if not _sum_ready(pending, values):
            break


def _sum_range(a: str, b: str) -> _Range | None:
    """The SUM's range; None for one far larger than a report's table (left unevaluated)."""
    c0, r0, c1, r1 = range_boundaries(f"{a}:{b}")
    if None in (c0, r0, c1, r1) or (c1 - c0 + 1) * (r1 - r0 + 1) > _MAX_SUM_CELLS:
        return None
    return c0, r0, c1, r1


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
