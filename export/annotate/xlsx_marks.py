"""A workbook copy (.xlsx) with a cell comment on each finding's place and a fill on the wrong cells.
An .xlsx is loaded and saved by openpyxl (formulas, styles and merges kept); an .xls or WPS .et
copy is made from the sheets as read (values only), so the body gets back its own sheets, marked."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from model.document import Document, Location, RawTable

from ..cell_text import safe
from .marks import AUTHOR, Mark

FILL = PatternFill("solid", start_color="FFFFC7CE", end_color="FFFFC7CE")   # the checklist's error fill
SEPARATOR = "\n——\n"   # between two findings' comments on one cell


def _sheet(wb: Workbook, loc: Location) -> Worksheet | None:
    if loc.sheet is None or loc.row is None or loc.col is None or loc.sheet not in wb.sheetnames:
        return None
    ws = wb[loc.sheet]
    return ws if isinstance(ws, Worksheet) else None


def _title_cell(wb: Workbook) -> tuple[Worksheet, int, int] | None:
    """Where a comment on the whole report goes: the first sheet's first cell with text."""
    for ws in wb.worksheets:
        if isinstance(ws, Worksheet):
            for row in ws.iter_rows(max_row=min(ws.max_row, 50)):
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.strip():
                        return ws, cell.row, cell.column
            return ws, 1, 1
    return None


def _comment(ws: Worksheet, row: int, col: int, text: str) -> None:
    cell = ws.cell(row=row, column=col)
    old = cell.comment.text + SEPARATOR if cell.comment is not None else ""
    body = str(safe(old + text))
    comment = Comment(body, AUTHOR)
    comment.width = 320
    comment.height = min(400, 60 + 18 * (body.count("\n") + len(body) // 22))
    cell.comment = comment


def mark_workbook(wb: Workbook, marks: Sequence[Mark]) -> int:
    """Comments and fills on `wb`; returns the comments written (one per mark with a place)."""
    placed = 0
    for mark in marks:
        for loc in mark.cells:
            ws = _sheet(wb, loc)
            if ws is not None and loc.row is not None and loc.col is not None:
                ws.cell(row=loc.row + 1, column=loc.col + 1).fill = FILL
        ws = _sheet(wb, mark.anchor)
        if ws is not None and mark.anchor.row is not None and mark.anchor.col is not None:
            _comment(ws, mark.anchor.row + 1, mark.anchor.col + 1, mark.text)
            placed += 1
            continue
        title = _title_cell(wb)
        if title is not None:
            _comment(*title, mark.text)
            placed += 1
    return placed


def mark_xlsx(source: str | Path, marks: Sequence[Mark], out: IO[bytes]) -> int:
    wb = load_workbook(str(source))
    placed = mark_workbook(wb, marks)
    wb.save(out)
    return placed


def workbook_of(doc: Document) -> Workbook:
    """The sheets of an .xls/.et as read: each sheet's cells at their own places, values as text
    or numbers (a number that reads as one is written as one)."""
    wb = Workbook()
    wb.remove(wb.active)
    for table in doc.tables():
        name = table.location.sheet or f"Sheet{len(wb.worksheets) + 1}"
        ws = wb[name] if name in wb.sheetnames else wb.create_sheet(name[:31])
        _fill_sheet(ws, table)
    if not wb.worksheets:
        wb.create_sheet("Sheet1")
    return wb


def _fill_sheet(ws: Worksheet, table: RawTable) -> None:
    for row in table.rows:
        for c in row:
            if c.text and c.location.row is not None and c.location.col is not None:
                ws.cell(row=c.location.row + 1, column=c.location.col + 1, value=safe(_number(c.text)))


def _number(text: str) -> object:
    try:
        return int(text) if text.strip().lstrip("-").isdigit() and len(text.strip()) < 15 else text
    except ValueError:
        return text


def mark_sheets(doc: Document, marks: Sequence[Mark], out: IO[bytes]) -> int:
    wb = workbook_of(doc)
    placed = mark_workbook(wb, marks)
    wb.save(out)
    return placed
