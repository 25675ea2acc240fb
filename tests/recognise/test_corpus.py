"""Every readable corpus file reads into exactly the cells of its truth file."""
from __future__ import annotations

import pytest

from pipeline import check_file
from tests.support.corpus import corpus_file, corpus_names, truth

pytestmark = pytest.mark.corpus


@pytest.mark.parametrize("name", corpus_names(readable=True))
def test_cells_equal_truth(name: str) -> None:
    result = check_file(corpus_file(name))
    assert result.error is None, result.error
    t = truth(name)
    got = {k: c.value for k, c in result.report.cells.items()}
    assert got == t["cells"]
    assert result.report.year == t["year"]
    assert result.report.format == t["format"]


@pytest.mark.parametrize("name", corpus_names(readable=True))
def test_required_findings_and_no_false_errors(name: str) -> None:
    """The findings the truth requires are there; forbidden rules never come as errors."""
    result = check_file(corpus_file(name))
    t = truth(name)
    engine_rules = {"T3-BALANCE", "T3-RESULT-TOTAL", "T3-ROW-TOTAL", "T4-TOTAL", "CELL-VALUE", "SECTION-MISSING",
                    "SECTION-TITLE", "OVERVIEW-PARTS", "TABLE-MISSING", "TABLE-SHAPE", "LABEL-DEVIATION",
                    "OUTDATED-FORMAT"}
    for req in t["required"]:
        if req["rule"] not in engine_rules:
            continue
        rules = {req["rule"], *req.get("alt_rules", [])}
        cells = set(req["cells"])
        assert any(f.rule in rules and (not cells or cells & set(f.cells)) for f in result.findings), req
    named = {r["rule"] for r in t["required"]} | {a for r in t["required"] for a in r.get("alt_rules", [])}
    arithmetic = {"T3-BALANCE", "T3-RESULT-TOTAL", "T3-ROW-TOTAL", "T4-TOTAL", "CELL-VALUE"}
    errors = [f for f in result.findings if f.severity == "error"]
    assert [f for f in errors if f.rule in t["forbidden_rules"]] == []
    assert [f for f in errors if f.rule in arithmetic and f.rule not in named] == []


@pytest.mark.parametrize("name", corpus_names(readable=False))
def test_unreadable_files_get_a_chinese_message(name: str) -> None:
    result = check_file(corpus_file(name))
    assert result.report is None
    assert result.error and any("\u4e00" <= ch <= "\u9fff" for ch in result.error)
