"""Formats reports really arrive in: old Excel (.xls/.et), old Word (.doc/.wps), RTF, MHTML.

The .xls/.doc samples under tests/samples/ were made by LibreOffice from the corpus's .xlsx/.docx
(CI machines have no LibreOffice); they must read into exactly the cells of their originals."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checks.pipeline import check_file
from importers import ReadError, read_document
from importers.recognise import recognise
from tests.corpus import corpus_file, truth

SAMPLES = Path(__file__).resolve().parent / "samples"


def _cells(path: Path) -> dict:
    return {k: c.value for k, c in recognise(read_document(path)).cells.items()}


def _findings(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    r = check_file(path)
    assert r.error is None
    return [(f.rule, tuple(f.cells)) for f in r.findings]


# --- .xls / .et -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["seed2_kangyi", "v03_liulin_zhen"])
def test_xls_reads_the_cells_of_its_xlsx(name: str) -> None:
    original = corpus_file(f"{name}.xlsx")
    sample = SAMPLES / f"{name}.xls"
    doc = read_document(sample)
    assert doc.format == "xls"
    assert doc.sheets and len(doc.tables()) == len(doc.sheets)
    assert _cells(sample) == truth(f"{name}.xlsx")["cells"]
    assert _findings(sample) == _findings(original)


def test_xls_cell_locations_are_sheet_cells() -> None:
    r = recognise(read_document(SAMPLES / "v03_liulin_zhen.xls"))
    loc = r.cells["t3.total.natural"].location
    assert loc.sheet and loc.row is not None and loc.col is not None and loc.table is not None
    assert loc.a1()


def test_et_extension_reads_as_wps_sheet(tmp_path: Path) -> None:
    p = tmp_path / "年报.et"
    shutil.copy(SAMPLES / "seed2_kangyi.xls", p)
    doc = read_document(p)
    assert doc.format == "et"
    assert _cells(p) == truth("seed2_kangyi.xlsx")["cells"]


def test_truncated_xls_is_corrupt(tmp_path: Path) -> None:
    data = (SAMPLES / "v03_liulin_zhen.xls").read_bytes()
    p = tmp_path / "cut.xls"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError) as e:
        read_document(p)
    assert e.value.kind in {"corrupt", "unsupported"}
