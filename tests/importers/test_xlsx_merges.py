"""The workbook reader skips openpyxl's restyling of merged ranges' borders: the Document it
makes is the same as with it."""
from __future__ import annotations

import contextlib
from pathlib import Path

import openpyxl
import pytest

from importers import xlsx_file
from importers.formats import named
from tests.support.corpus import corpus_file, corpus_names

FMT = named("xlsx")


def _with_borders(path: Path, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as m:
        m.setattr(xlsx_file, "_merges_without_borders", contextlib.nullcontext)
        return xlsx_file.read_xlsx(path, FMT)


def test_merged_ranges_read_the_same_without_their_borders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A3"], ws["D5"] = "三、本年度办理结果", "（一）予以公开", 7
    ws.merge_cells("A1:A2")
    ws.merge_cells("A3:C4")
    ws.merge_cells("B6:E9")  # past the last value: its cells still count in the sheet's extent
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    fast = xlsx_file.read_xlsx(path, FMT)
    assert fast == _with_borders(path, monkeypatch)
    rows = fast.tables()[0].rows
    assert len(rows) == 9 and [c.text for c in rows[0]] == ["三、本年度办理结果", "", "", "", ""]  # A..E
    assert [c.col for c in rows[2]] == [0, 3, 4]  # B3:C3 covered by the merge


@pytest.mark.corpus
@pytest.mark.parametrize("name", [n for n in corpus_names(readable=True) if n.endswith(".xlsx")])
def test_corpus_workbooks_read_the_same_without_merge_borders(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = corpus_file(name)
    assert xlsx_file.read_xlsx(path, FMT) == _with_borders(path, monkeypatch)
