"""Marked copies of the formats that cannot be written back as they came: old Word/WPS and RTF become a
Word copy through a local LibreOffice (each mark moved to its place in the converted document by
content), a web page becomes a PDF of its text, an .xls an .xlsx of its sheets. The inputs are made
from corpus reports by LibreOffice, and stay byte for byte as they were."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from export.annotate import write_marked_copy
from export.annotate.marks import marks_of
from model.document import Document, RawTable, TextBlock
from pipeline import check_file
from tests.export.test_annotate import W, cell_position, docx_comments, pdf_annotations, squeeze
from tests.support.corpus import corpus_file

pytestmark = pytest.mark.corpus


def _soffice_isolated() -> bool:
    from importers.doc_file import no_network_prefix
    return bool(shutil.which("soffice")) and no_network_prefix() is not None


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """v05 (cells written 无, a reworded label) as .doc, .wps and .rtf; v10 as a web page; v03 as .xls."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("made")
    for name, fmt in (("v05_shiqiao_xiang.docx", "doc"), ("v05_shiqiao_xiang.docx", "rtf"),
                      ("v10_baima_zhen.docx", "html"), ("v03_liulin_zhen.xlsx", "xls")):
        src = folder / name
        shutil.copyfile(corpus_file(name), src)
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{folder}/profile",
                        "--convert-to", fmt, "--outdir", str(folder), str(src)], capture_output=True, timeout=180, check=False)
    shutil.copyfile(folder / "v05_shiqiao_xiang.doc", folder / "v05_shiqiao_xiang.wps")
    return folder


def cell_index(el) -> int:
    """The place of the w:tc holding `el` among its row's cells."""
    tc = next(a for a in el.iterancestors(f"{W}tc"))
    return len(list(tc.itersiblings(f"{W}tc", preceding=True)))


def block_text(doc: Document, table: int | None, row: int | None, col: int | None, paragraph: int | None) -> str:
    for b in doc.blocks:
        if isinstance(b, TextBlock) and table is None and b.location.paragraph == paragraph:
            return b.text
        if isinstance(b, RawTable) and table is not None and b.location.table == table:
            return next(c.text for r in b.rows for c in r if (c.row, c.col) == (row, col))
    raise AssertionError("no such block")


@pytest.mark.parametrize("ext", ["doc", "wps", "rtf"])
def test_old_word_and_rtf_become_a_word_copy_with_each_comment_in_its_place(made: Path, tmp_path: Path, ext: str) -> None:
    if not _soffice_isolated():
        pytest.skip("no LibreOffice that can be cut off from the network: the copy is the PDF of the source")
    src = made / f"v05_shiqiao_xiang.{ext}"
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    result = check_file(src)
    assert result.report is not None and result.document is not None and len(result.findings) == 5
    out = write_marked_copy(result, tmp_path)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert out.copy is not None and out.copy.suffix == ".docx", out.error
    comments = {str(c["text"]): c for c in docx_comments(out.copy).values()}
    assert len(comments) == len(result.findings)
    written = []
    for mark in marks_of(result.report, result.findings):
        c = comments[mark.text]
        place = cell_position(c["start"])
        if mark.cell_keys:   # CELL-VALUE: a cell written 无, or a blank row's first cell
            cell = result.report.cells[mark.cell_keys[0]]
            assert place is not None and squeeze(place[2]) == squeeze(cell.raw)
            # the same table, row and cell as the old file's reader saw it (it counts a row's cells, not grid columns)
            assert (place[0], place[1], cell_index(c["start"])) == (cell.location.table, cell.location.row, cell.location.col)
            written.append(place[2])
        else:                # the reworded label, found by its text
            loc = mark.anchor
            assert place is not None and cell_index(c["start"]) == loc.col
            assert squeeze(place[2]) == squeeze(block_text(result.document, loc.table, loc.row, loc.col, loc.paragraph))
    assert sorted(written) == ["", "无", "无", "无"]


def test_a_web_page_becomes_a_pdf_of_its_text_with_a_highlight_per_finding(made: Path, tmp_path: Path, qtbot) -> None:
    from tests.support.platform import NO_FONTS, qt_has_fonts
    from ui.marked_source import render_source_pdf
    if not qt_has_fonts():
        pytest.skip(NO_FONTS)
    result = check_file(made / "v10_baima_zhen.html")
    assert result.report is not None and result.report.format == "html" and result.findings
    out = write_marked_copy(result, tmp_path, render=render_source_pdf)
    assert out.copy is not None and out.copy.suffix == ".pdf"
    annots = pdf_annotations(out.copy)
    assert sorted(str(a["/Contents"]) for _, a in annots) == sorted(m.text for m in marks_of(result.report, result.findings))
    assert all(a["/Subtype"] == "/Highlight" for _, a in annots)


def test_an_xls_becomes_an_xlsx_of_its_sheets_with_comments_and_fills(made: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    src = made / "v03_liulin_zhen.xls"
    result = check_file(src)
    assert result.report is not None and result.report.format == "xls"
    out = write_marked_copy(result, tmp_path)
    assert out.copy is not None and out.copy.suffix == ".xlsx"
    wb = load_workbook(out.copy)
    for mark in marks_of(result.report, result.findings):
        loc = mark.anchor
        assert loc.sheet is not None and mark.text in wb[loc.sheet][loc.a1()].comment.text
        for cell in mark.cells:
            assert wb[cell.sheet][cell.a1()].fill.fgColor.rgb == "FFFFC7CE"
            assert str(wb[cell.sheet][cell.a1()].value) == result.report.cells[mark.cell_keys[0]].raw or len(mark.cells) > 1
