"""On a scan, what the OCR may have missed (a table, a row, a heading) is a warning that says so,
never an error against the body; the same report read from text keeps its errors."""
from __future__ import annotations

from checks import OCR_NOTE, run_checks
from checks.finding import Severity
from tests.support.reports import clean_report


def _missing_table_4(ocr: bool):
    r = clean_report()
    r.ocr = ocr
    r.tables_found.discard("t4")
    for k in [k for k in r.cells if k.startswith("t4.")]:
        del r.cells[k]
    return [f for f in run_checks(r) if f.rule == "TABLE-MISSING"]


def test_a_table_missing_from_a_text_report_is_an_error() -> None:
    [f] = _missing_table_4(ocr=False)
    assert f.severity == Severity.ERROR and OCR_NOTE not in f.message


def test_a_table_missing_from_a_scan_is_a_warning_that_names_the_reading() -> None:
    [f] = _missing_table_4(ocr=True)
    assert f.severity == Severity.WARNING and f.message.endswith(OCR_NOTE)


def test_a_table_error_on_a_scan_stays_an_error() -> None:
    r = clean_report()
    r.ocr = True
    r.cells["t3.new.natural"] = r.cells["t3.new.natural"].__class__("t3.new.natural", 5, "5", r.cells["t3.new.natural"].location)
    errors = [f for f in run_checks(r) if f.severity == Severity.ERROR]
    assert errors and all(f.rule.startswith("T3-") for f in errors)
