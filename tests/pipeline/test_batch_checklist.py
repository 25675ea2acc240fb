"""One bad report never costs the batch its checklist: control characters and "=" formulas in
report text, undecodable and formula-like file names, a hostile file among good ones."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import openpyxl
import pytest

from export import write_checklist
from importers.options import ReadOptions
from pipeline import check_files
from tests.support import hostile
from tests.support.corpus import corpus_file

pytestmark = pytest.mark.corpus


def _cells(path: Path) -> list:
    wb = openpyxl.load_workbook(path)
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


@pytest.mark.skipif(sys.platform == "win32", reason="file names that are not UTF-8 are a POSIX thing")
def test_a_batch_of_hostile_names_and_text_still_gets_its_checklist(tmp_path: Path) -> None:
    text = corpus_file("seed2_kangyi.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines.insert(3, '=HYPERLINK("http://example.invalid","点我")\t=cmd|\' /C calc\'!A0\t\x01\x08控制符')
    raw_name = os.fsencode(str(tmp_path)) + b"/\xff\xfe\xe5\xb9\xb4\xe6\x8a\xa5.txt"  # not UTF-8
    with open(raw_name, "wb") as f:
        f.write("\n".join(lines).encode("utf-8"))
    formula_name = tmp_path / "=HYPERLINK(1).txt"
    formula_name.write_text(text.replace("本", "\x0b本", 1), encoding="utf-8")
    bad = tmp_path / "整表合并.xlsx"
    bad.write_bytes(hostile.whole_sheet_merge())
    cut = tmp_path / "截断.xls"
    cut.write_bytes(hostile.truncated_xls())
    paths = [os.fsdecode(raw_name), str(formula_name), str(bad), str(cut)]
    results = check_files(paths, reading=ReadOptions(20), jobs=2)
    assert results[0].report is not None and results[1].report is not None
    out = write_checklist(results, tmp_path / "清单.xlsx")
    cells = _cells(out)
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a live formula in the checklist"
    texts = [str(c.value) for c in cells]
    assert any("=HYPERLINK(1).txt" in t for t in texts)          # the name, kept, as text
    assert "??年报.txt" in texts                                    # the undecodable name, bytes replaced
    assert len({Path(r.path).name for r in results}) == 4
    summary = openpyxl.load_workbook(out)["汇总"]
    assert sum(1 for row in summary.iter_rows(values_only=True) if "无法读取" in row) >= 1
