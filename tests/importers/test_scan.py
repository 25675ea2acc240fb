"""Scanned reports: a scan made here from a corpus PDF (rendered, rotated, stamped, JPEG) reads by
OCR into the truth cells; a doubtful cell is blank with OCR-UNCERTAIN and feeds no table error; a
scan too coarse to read is refused, saying why."""
from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest

from checks import run_checks
from importers import ReadError, formats, read_document
from importers.sniff import sniff
from recognise import recognise
from tests.support.corpus import corpus_file, truth

SOURCE = "seed0_dongming.pdf"
TABLE_RULES = {"T3-BALANCE", "T3-RESULT-TOTAL", "T3-ROW-TOTAL", "T4-TOTAL", "CELL-VALUE"}


def make_scan(src: Path, out: Path, dpi: int = 200, angle: float = -1.2, quality: int = 60) -> Path:
    """Print and scan a text PDF: render each page, turn it a little, stamp a red seal on the
    first table page, save the pages as JPEG images in an image-only PDF."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageChops, ImageDraw

    pdf = pdfium.PdfDocument(str(src))
    pages = []
    for i in range(len(pdf)):
        img = pdf[i].render(scale=dpi / 72).to_pil().convert("RGB")
        if i == 1:  # a red seal, inked over the print (multiplied, as ink on paper is)
            seal = Image.new("RGB", img.size, "white")
            d = ImageDraw.Draw(seal)
            cx, cy, r = int(img.width * 0.75), int(img.height * 0.55), int(dpi * 0.8)
            d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(215, 40, 40), width=max(3, dpi // 40))
            d.regular_polygon((cx, cy, r // 3), 5, fill=(215, 40, 40))
            img = ImageChops.multiply(img, seal)
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality)
        pages.append(Image.open(io.BytesIO(buf.getvalue())))
    pdf.close()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return out


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    """The OCR runs with the network off: any socket is refused (no model download, ever)."""
    import socket
    import ssl  # noqa: F401  (subclasses socket.socket when imported: import it before the patch)

    import requests  # noqa: F401  (rapidocr imports it; it must find it unpatched, and never use it)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)


@pytest.mark.corpus
@pytest.mark.slow
def test_a_stamped_rotated_jpeg_scan_reads_into_the_truth_cells(tmp_path: Path, no_sockets: None) -> None:
    scan = make_scan(corpus_file(SOURCE), tmp_path / "scan.pdf")
    assert sniff(scan) == "pdf"
    doc = read_document(scan, time_budget=300)
    assert doc.format == "pdf" and doc.page_count is not None and doc.tables()
    report = recognise(doc)
    want = truth(SOURCE)["cells"]
    right = [k for k, v in want.items() if k in report.cells and report.cells[k].value == v]
    wrong = [k for k, v in want.items() if k in report.cells and report.cells[k].value not in (None, v)]
    assert len(right) >= 0.95 * len(want), sorted(set(want) - set(right))[:20]
    assert wrong == []  # a doubt is a blank, never a wrong number
    found = run_checks(report)
    assert not [f for f in found if f.rule in TABLE_RULES and f.severity == "error"]


def _blank_with_doubt(doc_path: Path, key: str):  # type: ignore[no-untyped-def]
    """A text PDF's Document with one cell made as the OCR leaves a doubtful number."""
    doc = read_document(doc_path)
    target = recognise(doc).cells[key].location
    for t in doc.tables():
        for row in t.rows:
            for i, c in enumerate(row):
                if c.location == target:
                    row[i] = dataclasses.replace(c, text="", location=dataclasses.replace(c.location, confidence=0.41))
                    return doc
    raise AssertionError(f"no table cell at {target}")


@pytest.mark.corpus
def test_a_doubtful_cell_is_null_with_ocr_uncertain_and_no_table_error() -> None:
    key = "t3.new.natural"
    doc = _blank_with_doubt(corpus_file("seed2_kangyi.pdf"), key)
    report = recognise(doc)
    assert report.cells[key].value is None
    found = run_checks(report)
    ocr = [f for f in found if f.rule == "OCR-UNCERTAIN"]
    assert len(ocr) == 1 and ocr[0].cells == [key] and ocr[0].severity == "warning"
    assert "识别存疑，请核对原件" in ocr[0].message
    assert not [f for f in found if f.rule in TABLE_RULES and key in f.cells]
    assert not [f for f in found if f.rule in TABLE_RULES and f.severity == "error"]


@pytest.mark.corpus
def test_a_scan_too_coarse_to_read_is_refused_saying_why() -> None:
    with pytest.raises(ReadError) as e:
        read_document(corpus_file("u02_scanned.pdf"))
    assert "分辨率过低，请提供清晰扫描件或电子版" in e.value.message
    assert e.value.kind == "scanned"


@pytest.mark.corpus
def test_with_ocr_off_a_scan_is_refused_as_before(tmp_path: Path) -> None:
    from desktop.selftest import make_scan as one_page_scan

    scan = one_page_scan(corpus_file(SOURCE), tmp_path / "scan.pdf", 1)
    with pytest.raises(ReadError) as e:
        read_document(scan, ocr=False)
    assert e.value.kind == "scanned" and "文字识别已在设置中关闭" in e.value.message
    # the setting reaches the reader through the one path the CLI and the window share
    from importers.options import ReadOptions
    from pipeline.check import check_file
    result = check_file(scan, reading=ReadOptions(ocr=False))
    assert result.report is None and result.error is not None and "文字识别已在设置中关闭" in result.error
    assert ReadOptions(120.0, ocr="是").problems()  # type: ignore[arg-type]


def test_image_sizes_in_the_source_view_match_the_importer(tmp_path: Path) -> None:
    from PIL import Image

    from ui.pdf_view import image_sizes, render_image

    p = tmp_path / "scan.tif"
    frames = [Image.new("RGB", (1654, 2339), "white"), Image.new("RGB", (827, 1170), "white")]
    frames[0].save(p, "TIFF", save_all=True, append_images=frames[1:], dpi=(200, 200))
    # a frame that states no resolution is taken as an A4 page wide, by the view as by the importer
    assert [tuple(round(v) for v in s) for s in image_sizes(str(p))] == [(595, 842), (595, 842)]
    img = render_image(str(p), 1, 2.0)
    assert (img.width(), img.height()) == (1191, 1685)


def test_image_files_are_read_as_scans(tmp_path: Path) -> None:
    from PIL import Image

    for ext, fmt in ((".png", "PNG"), (".jpg", "JPEG"), (".tif", "TIFF")):
        p = tmp_path / f"page{ext}"
        Image.new("RGB", (40, 40), "white").save(p, fmt)
        assert sniff(p) == "image"
        row = formats.for_kind("image", p)
        assert row is not None and row.reader == "importers.scan_file:read_image" and ext in row.extensions
        assert formats.is_report_file(p.name)


def test_an_image_too_coarse_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    p = tmp_path / "photo.png"
    Image.new("RGB", (400, 560), "white").save(p, "PNG", dpi=(50, 50))
    with pytest.raises(ReadError) as e:
        read_document(p)
    assert "分辨率过低" in e.value.message


def test_the_ocr_models_are_the_bundled_files() -> None:
    from importers import ocr

    models = ocr.model_dir()
    assert (models / ocr.DET_MODEL).is_file() and (models / ocr.REC_MODEL).is_file()


def test_ocr_is_not_loaded_until_a_scan_is_read() -> None:
    import subprocess
    import sys

    code = "import sys, pipeline, importers, checks; print('rapidocr' in sys.modules, 'onnxruntime' in sys.modules, 'cv2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False", "False"]


@pytest.mark.corpus
def test_raw_tables_of_a_text_pdf_carry_no_confidence() -> None:
    doc = read_document(corpus_file("seed2_kangyi.pdf"))
    cells = [c for t in doc.tables() for row in t.rows for c in row]
    assert cells and all(c.location.confidence is None for c in cells)
