"""The PDFium page layer gives the characters and ruling lines pdfminer would, so pdfplumber's
word grouping and table finder read the same tables from it; pages it would place otherwise
(rotated) are read by pdfplumber whole."""
from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from importers import pdf_file
from importers.formats import named
from importers.pdf_layer import PageLayer, read_layer
from model.document import Document, TextBlock
from tests.support import layouts as L
from tests.support.corpus import corpus_file, corpus_names
from tests.support.pdfgen import one_page_pdf

FMT = named("pdf")
# a table drawn three ways: thin filled bars (Word), stroked lines, and a form XObject moved by its matrix
TABLE = (b"0 0 0 rg 72 700 300 0.5 re f 72 680 300 0.5 re f 72 660 300 0.5 re f\n"
         b"0.5 w 72 660.25 m 72 700.25 l S 222 660.25 m 222 700.25 l S\n"
         b"BT /F1 10 Tf 80 686 Td (Cell A1) Tj ET BT /F1 10 Tf 230 686 Td (B1) Tj ET\n"
         b"BT /F1 10 Tf 80 666 Td (A2) Tj ET BT /F1 10 Tf 230 666 Td (12) Tj ET\n"
         b"BT /F1 12 Tf 72 760 Td (Title line) Tj ET BT /F1 12 Tf 0.8 0 0 0.8 300 760 Tm (scaled) Tj ET\n"
         b"72 600 m 120 640 l 160 600 l 200 640 l S\n"
         b"/Fm1 Do")  # last: pdfminer keeps the form's matrix for what follows (PDFium does not)
FORM = (b"1 0 0 1 300 0", b"0.5 w 72 660.25 m 72 700.25 l S")


def _edges(page: PageLayer | pdfplumber.page.Page) -> list[tuple[object, ...]]:
    return sorted((str(e["orientation"]), round(e["x0"], 1), round(e["top"], 1), round(e["x1"], 1), round(e["bottom"], 1))
                  for e in page.edges)


def _blocks(doc: Document) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for b in doc.blocks:
        if isinstance(b, TextBlock):
            out.append(("line", b.text, [p for p, _ in b.parts or []]))
        else:
            out.append(("table", [[(c.text, c.row, c.col) for c in r] for r in b.rows], b.n_cols))
    return out


def _boxes(doc: Document) -> list[tuple[float, float, float, float] | None]:
    out = []
    for b in doc.blocks:
        if isinstance(b, TextBlock):
            out += [b.location.bbox, *(loc.bbox for _, loc in b.parts or [])]
        else:
            out += [b.location.bbox, *(c.location.bbox for r in b.rows for c in r)]
    return out


def _assert_same_reading(path: Path, box_tolerance: float) -> None:
    fast, slow = pdf_file.read_pdf(path, FMT), pdf_file.read_pdfplumber(path, FMT)
    assert _blocks(fast) == _blocks(slow)
    assert fast.page_count == slow.page_count
    for a, b in zip(_boxes(fast), _boxes(slow), strict=True):
        assert a is not None and b is not None
        # x and the tables' rules agree exactly; a line's top may differ by the font's descent
        # where the file leaves it out (pdfminer then puts the baseline at the bottom)
        assert abs(a[0] - b[0]) < 0.01 and abs(a[2] - b[2]) < 0.3  # a glyph's right edge, in a font without metrics
        assert max(abs(a[1] - b[1]), abs(a[3] - b[3])) <= box_tolerance, (a, b)


def test_lines_rectangles_forms_and_curves_give_pdfminer_edges(tmp_path: Path) -> None:
    path = tmp_path / "table.pdf"
    path.write_bytes(one_page_pdf(TABLE, forms=[FORM]))
    pl = pdfplumber.open(str(path))
    doc = pdfium.PdfDocument(str(path))
    layer = read_layer(doc[0])
    assert _edges(layer) == _edges(pl.pages[0])
    assert ("v", 372.0, 141.8, 372.0, 181.8) in _edges(layer)  # the form's line, moved 300 pt right
    texts = sorted((c["text"], round(c["x0"], 2), round(c["x1"], 2), round(c["size"], 2)) for c in layer.chars)
    assert texts == sorted((c["text"], round(c["x0"], 2), round(c["x1"], 2), round(c["size"], 2)) for c in pl.pages[0].chars)
    assert {round(c["size"], 2) for c in layer.chars if c["text"] == "s"} == {9.6}  # 12 pt scaled by the text matrix
    pl.close()
    doc.close()


def test_a_drawn_table_reads_as_pdfplumber_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "table.pdf"
    path.write_bytes(one_page_pdf(TABLE, forms=[FORM]))
    _assert_same_reading(path, box_tolerance=3.0)
    tables = pdf_file.read_pdf(path, FMT).tables()
    assert [[c.text for c in r] for r in tables[0].rows] == [["Cell A1", "B1"], ["A2", "12"]]


@pytest.mark.corpus
@pytest.mark.parametrize("name", [n for n in corpus_names(readable=True) if n.endswith(".pdf")])
def test_corpus_pdfs_read_the_same_through_pdfium(name: str) -> None:
    # these files' fonts carry no descent: pdfminer boxes from the baseline, PDFium from the descent
    _assert_same_reading(corpus_file(name), box_tolerance=0.18 * 20)


def test_a_qt_printed_report_reads_the_same_through_pdfium(tmp_path: Path, qapp) -> None:
    path = L.to_pdf(L.pieces(), tmp_path / "qt.pdf")
    _assert_same_reading(path, box_tolerance=0.01)  # Qt writes the descent: the boxes agree


def test_a_rotated_page_is_read_by_pdfplumber(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rotated.pdf"
    path.write_bytes(one_page_pdf(TABLE, rotate=90))
    used: list[str] = []
    real = pdf_file.read_pdfplumber
    monkeypatch.setattr(pdf_file, "read_pdfplumber", lambda *a, **k: used.append("pdfplumber") or real(*a, **k))
    doc = pdf_file.read_pdf(path, FMT)
    assert used == ["pdfplumber"]
    assert _blocks(doc) == _blocks(pdf_file.read_pdfplumber(path, FMT)) and doc.blocks


def test_rotated_text_is_read_by_pdfplumber(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "turned.pdf"
    path.write_bytes(one_page_pdf(b"BT /F1 12 Tf 0 1 -1 0 300 400 Tm (Sideways) Tj ET BT /F1 12 Tf 72 700 Td (Upright) Tj ET"))
    used: list[str] = []
    real = pdf_file.read_pdfplumber
    monkeypatch.setattr(pdf_file, "read_pdfplumber", lambda *a, **k: used.append("pdfplumber") or real(*a, **k))
    pdf_file.read_pdf(path, FMT)
    assert used == ["pdfplumber"]


def test_a_page_whose_box_does_not_start_at_zero_is_measured_from_its_top_left(tmp_path: Path) -> None:
    path = tmp_path / "offset.pdf"
    path.write_bytes(one_page_pdf(b"BT /F1 12 Tf 72 742 Td (Near the top) Tj ET", mediabox=b"20 -50 615 792"))
    line = next(b for b in pdf_file.read_pdf(path, FMT).blocks if isinstance(b, TextBlock))
    assert line.text == "Near the top"
    x0, top, _, _ = line.location.bbox or (0, 0, 0, 0)
    assert x0 == pytest.approx(52, abs=0.01)        # 72 − the box's left edge at 20
    assert 792 - 742 - 12 - 3 <= top <= 792 - 742   # the baseline 50 pt below the top edge, one size above it


def test_a_long_pdf_tells_its_pages_as_they_are_read(tmp_path: Path) -> None:
    from importers import progress
    from tests.support.pdfgen import make_pdf
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf([[(100, f"Page {k}")] for k in range(12)]))
    heard: list[tuple[int, int]] = []
    with progress.reporting(lambda e: heard.append((e.done, e.total))):
        doc = pdf_file.read_pdf(path, FMT)
        short = tmp_path / "short.pdf"
        short.write_bytes(make_pdf([[(100, "Page")]] * 3))
        pdf_file.read_pdf(short, FMT)
    assert doc.page_count == 12
    assert heard == [(k, 12) for k in range(12)]  # the report of 3 pages says nothing


def test_pdfium_is_used_by_one_thread_at_a_time(tmp_path: Path) -> None:
    """A reader in a thread (the window's in-process reading) waits while the page renderer holds
    PDFium, which is not thread-safe."""
    import threading

    from importers.pdfium_lock import PDFIUM
    from tests.support.pdfgen import make_pdf
    path = tmp_path / "one.pdf"
    path.write_bytes(make_pdf([[(100, "Page")]]))
    done = threading.Event()
    with PDFIUM:
        reader = threading.Thread(target=lambda: (pdf_file.read_pdf(path, FMT), done.set()))
        reader.start()
        assert not done.wait(0.3)
    assert done.wait(30)
    reader.join()
