"""The five real reports (web copies, verbatim): their tables and their expected findings."""
from __future__ import annotations

import pytest

from pipeline import check_file
from tests.support.corpus import corpus_file

pytestmark = pytest.mark.corpus


def _check(name: str):
    r = check_file(corpus_file(name))
    assert r.error is None
    return r


def _rules(result) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in result.findings:
        out.setdefault(f.rule, []).append(f)
    return out


def test_seed0_tab_rows_without_total_column_and_short_rows() -> None:
    r = _check("seed0_dongming.txt")
    cells = r.report.cells
    assert "t3.new.total" not in cells                   # the column is not in the table
    assert cells["t3.new.natural"].value == 0
    assert cells["t3.total.other"].value == 0
    assert "t3.denied.secret.natural" not in cells       # 5 values for 6 columns: cannot be told
    shape = _rules(r)["TABLE-SHAPE"]
    assert len(shape) == 2                               # one finding per cause: the column, the short rows
    missing = [f for f in shape if "t3.carried.total" in f.cells]
    assert missing and "总计" in missing[0].message
    assert any("t3.denied.secret.natural" in f.cells for f in shape)
    assert cells["t2.fees.amount"].location.line is not None


def test_seed1_web_copy_cells_ending_in_bar_all_zero_no_findings() -> None:
    r = _check("seed1_aga.txt")
    assert len(r.report.cells) == 200
    assert {c.value for c in r.report.cells.values()} == {0}
    assert r.report.unit == "阿戛镇人民政府"          # no title line: found in the text
    assert [f for f in r.findings if f.severity == "error"] == []


def test_seed2_one_cell_per_line_title_over_two_lines() -> None:
    r = _check("seed2_kangyi.txt")
    assert r.report.cells["t2.licensing.decisions"].value == 486
    assert (r.report.unit, r.report.year) == ("康驿镇人民政府", 2024)
    titles = _rules(r)["SECTION-TITLE"]
    assert titles[0].severity == "warning" and "主动公开政府信息情况" in titles[0].message
    assert "SECTION-MISSING" not in _rules(r)


def test_seed3_missing_other_column_short_rows_and_reworded_label() -> None:
    r = _check("seed3_dakuai.txt")
    cells = r.report.cells
    assert "t3.new.other" not in cells and cells["t3.new.total"].value == 0
    assert "t3.denied.third_party.natural" not in cells
    rules = _rules(r)
    assert any("t3.new.other" in f.cells for f in rules["TABLE-SHAPE"])
    assert any("t3.denied.third_party.natural" in f.cells for f in rules["TABLE-SHAPE"])
    dev = rules["LABEL-DEVIATION"]
    assert dev[0].severity == "warning" and "其他法律法规禁止公开" in dev[0].message
    assert "t3.denied.prohibited.natural" in dev[0].cells


def test_seed4_one_cell_per_line_with_blank_lines() -> None:
    r = _check("seed4_guantou.txt")
    assert r.report.cells["t2.penalty.decisions"].value == 1
    assert len(r.report.cells) == 200
    assert r.report.date is not None and (r.report.date.year, r.report.date.month, r.report.date.day) == (2025, 1, 24)
    assert [f for f in r.findings if f.severity == "error"] == []
