"""The export's fast paths write what openpyxl's own would: the same value and style in every cell."""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Border, Side
from openpyxl.xml.functions import tostring

from export import styles as st


def _sheet(fast: bool) -> Workbook:
    wb = st.fast_styles(Workbook()) if fast else Workbook()
    ws = wb.active
    thick = Side(style="medium", color="000000")
    for r in range(1, 9):
        for c in range(1, 7):
            st.body_cell(ws, r, c, f"{r}-{c}" if (r + c) % 3 else None, st.WRAP_CENTER)
    ws.cell(5, 2).border = Border(left=thick, top=thick)           # a start cell with two sides …
    ws.cell(8, 6).border = Border(right=thick, bottom=thick)       # … takes the end cell's other two
    ws.cell(1, 8, "标题").font = st.TITLE                            # a start cell without a border
    ranges = [(1, 1, 1, 3), (2, 1, 4, 1), (2, 2, 3, 4), (5, 2, 8, 6), (1, 8, 1, 12)]
    for r0, c0, r1, c1 in ranges:
        if fast:
            st.merge(ws, start_row=r0, start_column=c0, end_row=r1, end_column=c1)
        else:
            ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
    return wb


def _cells(wb: Workbook) -> dict[str, tuple[object, ...]]:
    ws = wb.active
    return {c.coordinate: (type(c).__name__, c.value, *(tostring(getattr(c, a).to_tree())
                           for a in ("border", "font", "fill", "alignment", "protection")))
            for row in ws.iter_rows() for c in row}


def test_fast_merge_and_styles_give_every_cell_what_openpyxl_gives() -> None:
    fast, plain = _sheet(True), _sheet(False)
    assert str(fast.active.merged_cells) == str(plain.active.merged_cells) == "A1:C1 A2:A4 B2:D3 B5:F8 H1:L1"
    got, want = _cells(fast), _cells(plain)
    assert got == want
    assert got["B5"][2].count(b'style="medium"') == 4 and got["F8"][2].count(b'style="medium"') == 2  # borders that moved
    assert got["C6"][0] == "MergedCell" and b"style" not in got["C6"][2]  # inside the range: no border
