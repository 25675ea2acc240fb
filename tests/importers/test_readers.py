"""Importers: format by content, encodings, merged cells, formulas, PDF layouts, bad files."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document as new_docx

from importers import ReadError, read_document
from importers.sniff import sniff
from model.document import TextBlock
from recognise import recognise
from tests.support.corpus import corpus_file, truth
from tests.support.pdfgen import make_pdf


def _cells(path: Path) -> dict:
    return {k: c.value for k, c in recognise(read_document(path)).cells.items()}


# --- text -----------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_text_encodings_read_the_same_cells(tmp_path: Path, encoding: str) -> None:
    text = corpus_file("v04_anping_zrzyj.txt").read_text(encoding="utf-8")
    p = tmp_path / f"报告 {encoding}.txt"
    p.write_bytes(text.encode(encoding))
    doc = read_document(p)
    assert doc.format == "txt"
    assert _cells(p) == truth("v04_anping_zrzyj.txt")["cells"]


def test_gb18030_corpus_file_detected() -> None:
    doc = read_document(corpus_file("v07_hexi_jd.txt"))
    assert doc.encoding == "gb18030"
    assert doc.text_blocks()[0].text.startswith("河西街道办事处")


def test_text_lines_keep_their_line_numbers() -> None:
    doc = read_document(corpus_file("seed0_dongming.txt"))
    report = recognise(doc)
    loc = report.cells["t2.normative.issued"].location
    assert loc.line is not None
    raw_line = corpus_file("seed0_dongming.txt").read_text(encoding="utf-8").splitlines()[loc.line]
    assert raw_line.startswith("行政规范性文件")


def test_renamed_text_file_read_by_content() -> None:
    p = corpus_file("u03_renamed_txt.docx")
    assert sniff(p) == "text"
    doc = read_document(p)
    assert doc.format == "txt" and doc.notes and ".docx" in doc.notes[0]


def _v04_lines() -> list[str]:
    return corpus_file("v04_anping_zrzyj.txt").read_text(encoding="utf-8").splitlines()


def test_run_together_numbers_split_when_the_sums_make_it_unique(tmp_path: Path) -> None:
    lines = [ln.replace("\t\t\t21\t5\t0\t0\t1\t0\t27", "\t\t\t2150010\t27") for ln in _v04_lines()]
    p = tmp_path / "run.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    report = recognise(read_document(p))
    got = [report.cells[f"t3.new.{c}"].value for c in ("natural", "commercial", "research", "nonprofit", "legal", "other", "total")]
    assert got == [21, 5, 0, 0, 1, 0, 27]
    assert "拆分" in report.cells["t3.new.natural"].note


def test_ambiguous_run_together_numbers_are_unreadable(tmp_path: Path) -> None:
    # 1,0,0,0,0,10,11 and 10,0,0,0,1,0,11 both satisfy the row sum: the cells cannot be told
    lines = [ln.replace("\t\t\t21\t5\t0\t0\t1\t0\t27", "\t\t\t100001011") for ln in _v04_lines()]
    p = tmp_path / "ambiguous.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    from pipeline import check_file
    result = check_file(p)
    assert result.report.cells["t3.new.natural"].value is None
    found = [f for f in result.findings if f.rule == "CELL-VALUE" and "t3.new.natural" in f.cells]
    # a text file is a copy: the run may be the copy's, so the finding is a warning that says so
    assert found and found[0].severity == "warning" and found[0].message.endswith("请核对原件）")


# --- docx -----------------------------------------------------------------------------------

def test_docx_merged_cells_appear_once_with_grid_positions() -> None:
    doc = read_document(corpus_file("v05_shiqiao_xiang.docx"))
    t3 = doc.tables()[1]
    first = [c.text for c in t3.rows[0]]
    assert first.count("申请人情况") == 1                      # horizontal merge read once
    col3 = [row for row in t3.rows if any(c.text == "三、本年度办理结果" for c in row)]
    assert len(col3) == 1                                       # vertical merge read once
    report = recognise(doc)
    loc = report.cells["t3.denied.secret.natural"].location
    assert (loc.table, loc.col) == (1, 3)
    assert report.cells["t3.denied.secret.natural"].raw == "无"


def test_docx_built_here_with_paragraphs_and_table(tmp_path: Path) -> None:
    d = new_docx()
    d.add_paragraph("测试镇人民政府2024年政府信息公开工作年度报告")
    d.add_paragraph("二、主动公开政府信息情况")
    t = d.add_table(rows=3, cols=4)
    t.cell(0, 0).merge(t.cell(0, 3)).text = "第二十条第（一）项"
    for c, text in enumerate(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]):
        t.cell(1, c).text = text
    for c, text in enumerate(["规章", "０", "0", "３"]):  # full-width digits
        t.cell(2, c).text = text
    p = tmp_path / "built.docx"
    d.save(p)
    report = recognise(read_document(p))
    assert (report.unit, report.year) == ("测试镇人民政府", 2024)
    assert report.cells["t2.regulations.in_force"].value == 3
    assert report.cells["t2.regulations.issued"].location.row == 2


# --- xlsx -----------------------------------------------------------------------------------

def test_xlsx_cached_formula_values() -> None:
    cells = _cells(corpus_file("v03_liulin_zhen.xlsx"))
    assert cells["t3.new.total"] == 11
    assert cells["t4.review.total"] == 0


def test_xlsx_formulas_without_cached_values_are_evaluated(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(corpus_file("seed2_kangyi.xlsx"))  # formulas, cached values dropped on save
    p = tmp_path / "nocache.xlsx"
    wb.save(p)
    assert openpyxl.load_workbook(p, data_only=True)["表三 依申请公开"]["J6"].value is None
    assert _cells(p) == truth("seed2_kangyi.xlsx")["cells"]


def test_xlsx_locations_name_sheet_and_cell() -> None:
    report = recognise(read_document(corpus_file("seed0_dongming.xlsx")))
    loc = report.cells["t3.new.natural"].location
    assert loc.sheet == "表三 依申请公开" and loc.a1() == "D6"


# --- pdf ------------------------------------------------------------------------------------

def test_pdf_table_across_page_break_with_repeated_header() -> None:
    report = recognise(read_document(corpus_file("v02_chengguan_jd.pdf")))
    assert report.cells["t3.total.total"].location.page == 2
    assert report.cells["t3.new.natural"].location.page == 1
    assert report.cells["t3.new.natural"].location.bbox is not None
    assert {k: c.value for k, c in report.cells.items()} == truth("v02_chengguan_jd.pdf")["cells"]


def test_pdf_borderless_table_read_from_word_positions() -> None:
    doc = read_document(corpus_file("seed3_dakuai.pdf"))
    assert doc.tables() == []                   # no ruled table: read from lines
    assert _cells(corpus_file("seed3_dakuai.pdf")) == truth("seed3_dakuai.pdf")["cells"]


def test_pdf_full_width_digits() -> None:
    assert _cells(corpus_file("v06_pingshan_zjj.pdf"))["t2.regulations.in_force"] == 2


def test_pdf_page_numbers_are_not_values(tmp_path: Path) -> None:
    p = tmp_path / "paged.pdf"
    p.write_bytes(make_pdf([[(100, "Report 2024"), (400, "12"), (815, "- 3 -")]]))
    texts = [b.text for b in read_document(p).blocks if isinstance(b, TextBlock)]
    assert texts == ["Report 2024", "12"]     # the footer page number is dropped, a value in the body kept


# --- bad input --------------------------------------------------------------------------------

def _error(path: Path) -> ReadError:
    with pytest.raises(ReadError) as e:
        read_document(path)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in e.value.message)
    return e.value


def test_truncated_pdf() -> None:
    assert _error(corpus_file("u01_truncated.pdf")).kind == "corrupt"


def test_scanned_pdf() -> None:
    e = _error(corpus_file("u02_scanned.pdf"))
    assert e.kind == "scanned" and "扫描件" in e.message


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "空.pdf"
    p.write_bytes(b"")
    assert _error(p).kind == "empty"


def test_random_bytes_named_docx(tmp_path: Path) -> None:
    p = tmp_path / "random.docx"
    p.write_bytes(os.urandom(4096))
    assert _error(p).kind in {"unsupported", "corrupt"}


def test_truncated_docx(tmp_path: Path) -> None:
    data = corpus_file("seed1_aga.docx").read_bytes()
    p = tmp_path / "cut.docx"
    p.write_bytes(data[: len(data) // 2])
    assert _error(p).kind == "corrupt"


def test_zip_that_is_not_a_report(tmp_path: Path) -> None:
    p = tmp_path / "a.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "x")
    assert _error(p).kind == "corrupt"


def test_legacy_ole2_file_gets_advice(tmp_path: Path) -> None:
    from tests.support.hostile import _cfb
    p = tmp_path / "old.doc"
    p.write_bytes(_cfb({"SomethingElse": b"x" * 5000}))  # a sound container no reader takes
    e = _error(p)
    assert e.kind == "unsupported" and "另存为" in e.message
    p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 2000)  # a container that cannot be opened
    e = _error(p)
    assert e.kind == "corrupt" and "不完整" in e.message


def test_missing_file(tmp_path: Path) -> None:
    assert _error(tmp_path / "不存在.pdf").kind == "io"


def test_input_files_are_not_modified() -> None:
    import hashlib
    names = ["seed0_dongming.pdf", "v05_shiqiao_xiang.docx", "v03_liulin_zhen.xlsx", "v07_hexi_jd.txt"]
    before = {n: hashlib.sha256(corpus_file(n).read_bytes()).hexdigest() for n in names}
    for n in names:
        recognise(read_document(corpus_file(n)))
    assert before == {n: hashlib.sha256(corpus_file(n).read_bytes()).hexdigest() for n in names}


# --- html -----------------------------------------------------------------------------------

def test_html_gb2312_with_rowspan_and_colspan(tmp_path: Path) -> None:
    page = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>
    <p>测试县教育局2024年政府信息公开工作年度报告</p><h2>二、主动公开政府信息情况</h2>
    <table><tr><td colspan="4">第二十条第（一）项</td></tr>
    <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
    <tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
    <tr><td>行政规范性文件</td><td rowspan="1">5</td><td>1</td><td>23</td></tr></table></body></html>"""
    p = tmp_path / "年报.htm"
    p.write_bytes(page.encode("gb2312"))
    doc = read_document(p)
    assert doc.format == "html"
    table = doc.tables()[0]
    assert [c.col for c in table.rows[0]] == [0] and [c.col for c in table.rows[3]] == [0, 1, 2, 3]
    report = recognise(doc)
    assert (report.unit, report.year) == ("测试县教育局", 2024)
    assert report.cells["t2.normative.in_force"].value == 23


def test_table_two_without_its_article_rows(tmp_path: Path) -> None:
    lines = [ln for ln in _v04_lines() if not ln.startswith("第二十条")]
    p = tmp_path / "no_article.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    report = recognise(read_document(p))
    assert "t2" in report.tables_found
    assert report.cells["t2.normative.in_force"].value == 9 and report.cells["t2.licensing.decisions"].value == 312
