"""Formats reports really arrive in: old Excel (.xls/.et), old Word (.doc/.wps), RTF, MHTML.

The .xls/.doc samples under tests/samples/ were made by LibreOffice from the corpus's .xlsx/.docx
(CI machines have no LibreOffice); they must read into exactly the cells of their originals."""
from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

from importers import ReadError, read_document
from model.document import Location
from pipeline import check_file
from recognise import recognise
from tests.support.corpus import corpus_file, truth

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


@pytest.mark.corpus  # the expected cells are the corpus's
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


# --- .doc / .wps ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["v10_baima_zhen", "v05_shiqiao_xiang"])
def test_doc_reads_the_cells_of_its_docx(name: str) -> None:
    sample = SAMPLES / f"{name}.doc"
    doc = read_document(sample)
    assert doc.format == "doc"
    assert len(doc.blocks) == len(read_document(corpus_file(f"{name}.docx")).blocks)
    assert _cells(sample) == truth(f"{name}.docx")["cells"]
    assert [r for r, _ in _findings(sample)] == [r for r, _ in _findings(corpus_file(f"{name}.docx"))]


def test_doc_finding_and_locations() -> None:
    r = check_file(SAMPLES / "v10_baima_zhen.doc")
    f = next(f for f in r.findings if f.rule == "T3-RESULT-TOTAL" and "t3.total.total" in f.cells)
    assert f.actual == 32 and f.expected == 23
    assert f.location.table == 1 and f.location.row is not None and f.location.paragraph is not None
    doc = read_document(SAMPLES / "v10_baima_zhen.doc")
    assert doc.text_blocks()[0].text == "白马镇人民政府2024年政府信息公开工作年度报告"
    assert doc.text_blocks()[0].location.paragraph == 0


@pytest.mark.corpus  # the expected cells are the corpus's
def test_wps_extension(tmp_path: Path) -> None:
    p = tmp_path / "年报.wps"
    shutil.copy(SAMPLES / "v05_shiqiao_xiang.doc", p)
    assert read_document(p).format == "wps"
    assert _cells(p) == truth("v05_shiqiao_xiang.docx")["cells"]


def _word_stream_offset(data: bytes) -> int:
    import io

    import olefile
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        wd = ole.openstream("WordDocument").read()
    return data.find(wd[:512])


@pytest.mark.parametrize("where,value", [
    (0x0A + 1, b"\x10"),          # fWhichTblStm cleared: 0Table, a stream that is not there
    (32 + 2 + 14 * 2 + 2 + 12, b"\xff\xff\xff\x7f"),  # absurd ccpText
    (0x1A2, b"\xff\xff\xff\x7f"),  # fcClx / lcbClx region far out of range
])
def test_malformed_fib_is_corrupt_not_a_trace(tmp_path: Path, where: int, value: bytes) -> None:
    data = bytearray((SAMPLES / "v10_baima_zhen.doc").read_bytes())
    at = _word_stream_offset(bytes(data)) + where
    data[at:at + len(value)] = value
    p = tmp_path / "坏.doc"
    p.write_bytes(bytes(data))
    with pytest.raises(ReadError) as e:
        read_document(p)
    assert e.value.kind == "corrupt" and "损坏" in e.value.message


def test_random_damage_never_escapes_as_a_trace(tmp_path: Path) -> None:
    import random
    rnd = random.Random(8)
    base = (SAMPLES / "v05_shiqiao_xiang.doc").read_bytes()
    p = tmp_path / "乱.doc"
    for _ in range(40):
        data = bytearray(base)
        for _ in range(30):
            data[rnd.randrange(512, len(data))] = rnd.randrange(256)
        p.write_bytes(bytes(data))
        with contextlib.suppress(ReadError):
            read_document(p)


def test_samples_are_not_modified() -> None:
    import hashlib
    paths = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".doc", ".xls"})
    before = [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]
    for p in paths:
        read_document(p)
    assert before == [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


# --- RTF (often with a .doc extension) ------------------------------------------------------

@pytest.mark.corpus  # the expected cells are the corpus's
def test_rtf_named_doc_reads_the_cells_of_its_docx(tmp_path: Path) -> None:
    import gzip
    p = tmp_path / "白马镇.doc"  # Word's "save as RTF" kept the old extension
    p.write_bytes(gzip.decompress((SAMPLES / "v10_baima_zhen.rtf.gz").read_bytes()))
    doc = read_document(p)
    assert doc.format == "rtf"
    assert _cells(p) == truth("v10_baima_zhen.docx")["cells"]
    assert [r for r, _ in _findings(p)] == [r for r, _ in _findings(corpus_file("v10_baima_zhen.docx"))]


def test_rtf_gbk_escapes_unicode_and_table(tmp_path: Path) -> None:
    gbk = "".join(f"\\'{b:02x}" for b in "主动公开".encode("gbk"))
    rtf = (
        "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fcharset134 \\'cb\\'ce\\'cc\\'e5;}}"
        "{\\*\\generator Test;}{\\info{\\title skipped}}\n"
        "\\pard " + gbk + "\\par\n"
        "\\uc1\\u24180?\\u25253?{\\field{\\*\\fldinst PAGE}{\\fldrslt 1}}\\par\n"
        "\\trowd\\cellx1000\\cellx2000\\pard\\intbl A\\cell \\u20214?\\cell\\row\n"
        "\\trowd\\cellx1000\\cellx2000\\pard\\intbl 1\\par 2\\cell \\cell\\row\n"
        "\\pard after\\par}"
    )
    p = tmp_path / "t.rtf"
    p.write_bytes(rtf.encode("ascii"))
    doc = read_document(p)
    texts = [b.text for b in doc.text_blocks()]
    assert texts == ["主动公开", "年报1", "after"]
    (table,) = doc.tables()
    assert [[c.text for c in r] for r in table.rows] == [["A", "件"], ["1\n2", ""]]
    assert table.rows[1][0].location == Location(table=0, row=1, col=0, paragraph=2)


def test_rtf_damaged_is_a_read_error_not_a_trace(tmp_path: Path) -> None:
    p = tmp_path / "x.doc"
    p.write_bytes(b"{\\rtf1" + b"{" * 5000 + b"\\u99999999999 \\'zz" + b"}" * 10)
    with pytest.raises(ReadError):
        read_document(p)


# --- MHTML ("网页，单个文件") ---------------------------------------------------------------

def _html_page(doc) -> str:
    from html import escape

    from model.document import RawTable
    body = []
    for b in doc.blocks:
        if isinstance(b, RawTable):
            rows = "".join("<tr>" + "".join(f"<td>{escape(c.text)}</td>" for c in r) + "</tr>" for r in b.rows)
            body.append(f"<table border=1>{rows}</table>")
        else:
            body.append(f"<p>{escape(b.text)}</p>")
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
            + "\n".join(body) + "</body></html>")


def test_mhtml_reads_the_cells_of_its_docx(tmp_path: Path) -> None:
    from email import charset as email_charset
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    page = _html_page(read_document(corpus_file("v10_baima_zhen.docx")))
    msg = MIMEMultipart("related", type="text/html")
    cs = email_charset.Charset("gb2312")
    cs.body_encoding = email_charset.QP
    part = MIMEText(page, "html", cs)
    part["Content-Location"] = "file:///C:/report.htm"
    msg.attach(part)
    p = tmp_path / "白马镇 年报.mhtml"
    p.write_bytes(msg.as_bytes())
    doc = read_document(p)
    assert doc.format == "html"
    assert _cells(p) == truth("v10_baima_zhen.docx")["cells"]


def test_xls_that_is_really_a_web_page(tmp_path: Path) -> None:
    """Many sites offer "下载 Excel" that is an HTML table saved with an .xls name."""
    import resources
    from importers import read_document
    p = tmp_path / "统计表.xls"
    p.write_bytes(resources.path("samples", "sample.html").read_bytes())
    doc = read_document(p)
    assert doc.format == "html"
    assert recognise(doc).cells["t3.new.total"].value == 37
