"""The checklists print compactly (issue 27), measured as printed: LibreOffice converts the 整改清单
sheet to PDF and pdfinfo counts its A4 pages — the 33 sample reports (63 findings) on at most 8, one
body's at most 5 findings on at most 2, for the office and the township alike."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.checklist_pages import pages, sheet_pdf
from export.checklist import AUDIENCES, write_checklist
from pipeline import check_files
from tests.support.corpus import CORPUS

pytestmark = [pytest.mark.slow, pytest.mark.corpus,
              pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
                                 reason="LibreOffice (soffice) and pdfinfo are needed to count printed pages")]


@pytest.fixture(scope="module")
def results() -> list:
    files = sorted(str(p) for p in CORPUS.iterdir() if p.is_file() and not p.name.endswith(".json") and p.name != "README.md")
    return check_files(files)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_corpus_checklist_prints_on_at_most_8_pages(results, audience: str, tmp_path: Path) -> None:
    assert len(results) == 33 and sum(len(r.findings) for r in results) >= 60
    out = write_checklist(results, tmp_path / "整改清单.xlsx", audience=audience)
    assert pages(sheet_pdf(out, "整改清单", tmp_path)) <= 8


@pytest.mark.parametrize("audience", AUDIENCES)
def test_one_body_with_five_findings_prints_on_at_most_2_pages(results, audience: str, tmp_path: Path) -> None:
    five = max((r for r in results if r.report is not None and len(r.findings) <= 5), key=lambda r: len(r.findings))
    assert len(five.findings) == 5
    out = write_checklist([five], tmp_path / "一个单位.xlsx", audience=audience)
    assert pages(sheet_pdf(out, "整改清单", tmp_path)) <= 2
