"""The window's tables and the checklist's sheet of a report share one layout (model.table_layout,
from cells.json): the same cells, row after row, in the same order (issue 26)."""
from __future__ import annotations

from openpyxl import Workbook

from export.tables import write_report_sheet
from model.document import Location
from model.report import CellValue, Report
from model.standard import all_keys
from model.table_layout import TABLES, layout
from ui.table_model import ReportTableModel


def _numbered_report() -> Report:
    """Every cell holds its own number in cells.json, offset so no value is a year or a count."""
    r = Report("a.txt", "txt", unit="东山镇人民政府", year=2024)
    r.cells = {k: CellValue(k, 1000 + i, str(1000 + i), Location()) for i, k in enumerate(all_keys())}
    return r


def test_every_cell_is_in_the_shared_layout_once() -> None:
    keys = [k for t in TABLES for row in layout(t).data_rows for k in row.keys if k is not None]
    assert sorted(keys) == sorted(all_keys()) and len(keys) == len(set(keys)) == 200


def test_window_and_checklist_show_the_cells_in_the_same_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    report = _numbered_report()
    number = {k: c.value for k, c in report.cells.items()}
    shown: list[object] = []   # the numbers the window shows, row by row, table after table
    for t in TABLES:
        model = ReportTableModel(t)
        model.set_report(report, [], {})  # type: ignore[arg-type]
        for row in range(model.rowCount()):
            for col in range(1, model.columnCount()):
                key = model.key_at(model.index(row, col))
                if key is not None:
                    shown.append(number[key])
    ws = Workbook().active
    write_report_sheet(ws, report, report.path, [])
    written = [c.value for line in ws.iter_rows() for c in line if isinstance(c.value, int) and c.value >= 1000]
    assert len(shown) == 200
    assert shown == written
