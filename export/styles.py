"""Look of the workbook: fonts, fills, borders, widths, row heights, print settings."""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from checks.verdict import LOOKS

from .cell_text import put

FONT_NAME = "宋体"  # present with Excel and WPS on Chinese Windows; others substitute a CJK font
FONT_SIZE = 10

SEVERITY_COLOURS = {str(s): look.excel_fill for s, look in LOOKS.items()}
HEADER_COLOUR = "D9D9D9"
TOTAL_COLOUR = "F2F2F2"

FONT = Font(name=FONT_NAME, size=FONT_SIZE)
BOLD = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
TITLE = Font(name=FONT_NAME, size=14, bold=True)
SMALL = Font(name=FONT_NAME, size=9, color="404040")
LINK = Font(name=FONT_NAME, size=FONT_SIZE, color="0563C1", underline="single")

_thin = Side(style="thin", color="808080")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)

WRAP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
TOP_CENTER = Alignment(vertical="top", horizontal="center")
LEFT_CENTER = Alignment(wrap_text=True, vertical="center")

LINE_PT = 14.0  # height of one line of 10 pt CJK text (Noto/SimSun line spacing)
PAD_PT = 4.0


def fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


SEVERITY_FILLS = {s: fill(c) for s, c in SEVERITY_COLOURS.items()}
HEADER_FILL = fill(HEADER_COLOUR)
TOTAL_FILL = fill(TOTAL_COLOUR)


def text_width(text: str) -> float:
    """Width in Excel column units: a CJK character takes about two, Latin text about one."""
    w = 0.0
    for ch in text:
        w += 2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.05
    return w


def line_count(text: str, width: float) -> int:
    """Lines a wrapped cell needs at a column width (a little margin for the cell padding)."""
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in str(text).split("\n"))


def fit_row(ws: Worksheet, row: int, widths: Sequence[float], first_col: int = 1, min_lines: int = 1) -> None:
    """Set the row height from its wrapped text: Excel, WPS and LibreOffice then agree on print."""
    lines = min_lines
    for i, width in enumerate(widths):
        v = ws.cell(row, first_col + i).value
        if v not in (None, ""):
            lines = max(lines, line_count(str(v), width))
    ws.row_dimensions[row].height = lines * LINE_PT + PAD_PT


def set_widths(ws: Worksheet, widths: Sequence[float], first_col: int = 1) -> None:
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(first_col + i)].width = w


def header_row(ws: Worksheet, row: int, headers: Sequence[str], widths: Sequence[float]) -> None:
    for col, text in enumerate(headers, start=1):
        c = ws.cell(row, col, text)
        c.font, c.fill, c.border, c.alignment = BOLD, HEADER_FILL, BORDER, WRAP_CENTER
    fit_row(ws, row, widths)


def body_cell(ws: Worksheet, row: int, col: int, value: object, align: Alignment = WRAP) -> Cell:
    c = put(ws.cell(row, col), value)
    c.font, c.border, c.alignment = FONT, BORDER, align
    return c


def page_setup(ws: Worksheet, title_rows: str | None, landscape: bool = True) -> None:
    """A4, fit to one page wide, header rows on every page, 第 n 页 / 共 m 页 in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.7
    ws.page_margins.header = 0.3
    ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.left.size = 9
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9


# --- speed: openpyxl hashes a style object in full (every field, recursively) each time one is
# assigned to a cell, and merging a range builds and hashes new Border objects for every edge
# cell; at 300 reports that was most of an export. The workbook gets style lists that remember the
# objects already added (by identity, holding them, so an id is never reused), and merged ranges
# get their edge borders computed once per (border, edges). Same indices, same file.

class _RememberingList(IndexedList):  # type: ignore[misc]
    def __init__(self, iterable: Iterable[object] = ()) -> None:
        super().__init__(iterable)
        self._seen: dict[int, tuple[object, int]] = {}

    def add(self, value: object) -> int:
        hit = self._seen.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        i: int = super().add(value)
        self._seen[id(value)] = (value, i)
        return i


def fast_styles(wb: Workbook) -> Workbook:
    """Give a new workbook style lists that do not rehash the shared style objects of this module."""
    for name in ("_fonts", "_borders", "_fills", "_alignments", "_protections"):
        setattr(wb, name, _RememberingList(getattr(wb, name)))
    return wb


def merge(ws: Worksheet, start_row: int, start_column: int, end_row: int, end_column: int) -> None:
    """`ws.merge_cells(…)` with the borders openpyxl gives (the start cell takes the end cell's
    right and bottom sides; each edge cell the start cell's sides on its edges, every cell its
    protection), each computed once per border. The range must not lie inside one merged before."""
    wb = ws.parent
    cache: dict[tuple[object, ...], int] = wb.__dict__.setdefault("_merged_borders", {})
    mcr = MergedCellRange.__new__(MergedCellRange)  # its __init__ would redo the start cell's border
    mcr.ws = ws
    CellRange.__init__(mcr, min_col=start_column, min_row=start_row, max_col=end_column, max_row=end_row)
    start = mcr.start_cell = ws.cell(start_row, start_column)
    if not start._style:
        start._style = StyleArray()
    end = ws._cells.get((end_row, end_column))
    if end is not None:
        key: tuple[object, ...] = ("start", start._style.borderId, end._style.borderId if end._style else 0)
        if key not in cache:
            far = wb._borders[key[2]]
            cache[key] = wb._borders.add(wb._borders[start._style.borderId] + Border(right=far.right, bottom=far.bottom))
        start._style.borderId = cache[key]
    ws.merged_cells.ranges.add(mcr)  # never inside another range: no O(n) containment test
    border_id, protection_id = start._style.borderId, start._style.protectionId
    for row in range(start_row, end_row + 1):
        for col in range(start_column, end_column + 1):
            if (row, col) == (start_row, start_column):
                continue
            cell = MergedCell(ws, row, col)
            ws._cells[row, col] = cell
            edges = (row == start_row, col == start_column, col == end_column, row == end_row)
            key = (border_id, edges)
            if key not in cache:
                edge = _edge_border(wb._borders[0], wb._borders[border_id], edges)
                cache[key] = 0 if edge is None else wb._borders.add(edge)  # 0: left as it was
            cell._style = StyleArray()
            cell._style.borderId, cell._style.protectionId = cache[key], protection_id


def _edge_border(blank: Border, border: Border, edges: tuple[bool, ...]) -> Border | None:
    """What MergedCellRange.format makes of a new merged cell's border (`blank`) on these edges
    (top, left, right, bottom), by the same additions; None when it adds nothing."""
    out = None
    for name, on in zip(("top", "left", "right", "bottom"), edges):
        side = getattr(border, name)
        if on and not (side and side.style is None):
            out = (out or blank) + Border(**{name: side})
    return out
