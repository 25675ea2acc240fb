"""Every writer accepts whatever the readers can produce (issue 25): huge numbers, very long
strings, control characters and formula-looking text — in the checklist, the notices, the archive
and the county overview."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
from docx import Document as DocxDocument

from archive import Archive
from archive.overview import overview
from checks.finding import Finding, Severity
from export import write_checklist
from export.notice_settings import NoticeSettings
from export.notices import group_entries, notice_number, write_notices
from export.overview import write_overview_workbook
from model.document import Location
from pipeline import CheckResult
from review.rounds import record_result
from tests.support.reports import clean_report, set_cell

HUGE_INT = 10 ** 400            # float() of it overflows
VERY_LONG = "长" * 40_000        # past a worksheet cell's 32,767 characters
CONTROL = "表三\x00\x01\x07\x1b\ud800结尾"
FORMULA = "=HYPERLINK(\"http://x\",\"点我\")"


def _hostile_result(folder: Path) -> CheckResult:
    path = folder / "=cmd+' calc'!A0.txt"  # a formula Excel would run, as a name every system can hold
    path.write_text("x", encoding="utf-8")
    r = clean_report()
    r.path, r.unit, r.year = str(path), FORMULA + CONTROL, 2024
    set_cell(r, "t3.new.natural", HUGE_INT, "9" * 400)
    set_cell(r, "t3.new.legal", float("inf"), "inf")
    set_cell(r, "t3.new.other", None, FORMULA + VERY_LONG)
    loc = Location(line=1)
    findings = [
        Finding(rule="T3-BALANCE", severity=Severity.ERROR, message=CONTROL + VERY_LONG, cells=["t3.new.natural"],
                expected=HUGE_INT, actual=float("inf"), location=loc, fix={"t3.new.natural": HUGE_INT}, quote=FORMULA),
        Finding(rule="TEXT-TABLE-MISMATCH", severity=Severity.ERROR, message=FORMULA, cells=["t3.new.legal"],
                expected=float("nan"), actual=-HUGE_INT, location=loc, quote=CONTROL * 1000),
        Finding(rule="CELL-VALUE", severity=Severity.ERROR, message="@SUM(A1)", cells=["t3.new.other"], location=loc),
    ]
    return CheckResult(str(path), r, findings)


def _all_values(path: Path) -> list[object]:
    wb = openpyxl.load_workbook(path)
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def test_the_checklist_takes_extreme_values(tmp_path: Path) -> None:
    out = write_checklist([_hostile_result(tmp_path)], tmp_path / "清单.xlsx")
    values = _all_values(out)
    assert "1" + "0" * 59 + "…（约 401 位）" in values and "无穷大" in values   # 应为 and 现值, as text
    assert any(isinstance(v, str) and v.startswith(CONTROL[:2]) and len(v) == 32_767 for v in values)
    wb = openpyxl.load_workbook(out)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)   # no live formula
                assert not isinstance(c.value, str) or len(c.value) <= 32_767
                assert not isinstance(c.value, str) or "\x00" not in c.value


def test_the_notices_take_extreme_values(tmp_path: Path) -> None:
    entries = group_entries([_hostile_result(tmp_path)])
    settings = NoticeSettings()
    [path] = write_notices(entries, tmp_path / "通知", settings, [notice_number(settings, 2024, 1)],
                           issued=dt.date(2025, 3, 1))
    text = "\n".join(c.text for t in DocxDocument(str(path)).tables for r in t.rows for c in r.cells)
    assert "=HYPERLINK" in text and "\x00" not in text


def test_the_archive_and_the_overview_take_extreme_values(tmp_path: Path) -> None:
    result = _hostile_result(tmp_path)
    with Archive(tmp_path / "台账.sqlite3") as a:
        version = record_result(a, result)
        assert version is not None
        json.dumps(result.previous or {})
        ov = overview(a, 2024)
        out = write_overview_workbook(ov, tmp_path / "总览.xlsx")
    [row] = ov.rows
    assert row.counts["error"] == 3
    assert all(c.data_type != "f" for ws in openpyxl.load_workbook(out).worksheets for r in ws.iter_rows() for c in r)


def test_the_json_takes_extreme_values(tmp_path: Path) -> None:
    data = json.dumps(_hostile_result(tmp_path).to_json(), ensure_ascii=False)
    assert json.loads(data)["findings"][0]["rule"] == "T3-BALANCE"
