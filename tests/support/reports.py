"""Reports built in code for the rule tests: a consistent one, and a way to type a cell wrong."""
from __future__ import annotations

from model.document import Location
from model.report import CellValue, Report
from model.standard import all_keys


def clean_report() -> Report:
    """A consistent report: 3 new applications from natural persons, all granted."""
    r = Report(path="x.docx", format="docx", unit="测试镇人民政府", year=2024, tables_found={"t2", "t3", "t4"})
    for k in all_keys():
        r.cells[k] = CellValue(k, 0, "0", Location(table=1, row=1, col=1))
    for k in ("t3.new.natural", "t3.new.total", "t3.granted.natural", "t3.granted.total", "t3.total.natural",
              "t3.total.total"):
        set_cell(r, k, 3)
    return r


def set_cell(r: Report, key: str, value, raw: str | None = None) -> None:
    r.cells[key] = CellValue(key, value, str(value) if raw is None else raw, r.cells[key].location)
