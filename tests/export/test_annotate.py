"""The body's own report, marked (export.annotate): one comment or annotation per finding, at the
finding's place — the comment's anchor text, the annotation's rectangle — the wrong cells shaded,
and the input file byte for byte as it was."""
from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from export.annotate import SUFFIX, comment_text, copy_name, write_marked_copies, write_marked_copy
from export.annotate.marks import Mark, marks_of
from model.report import Report
from pipeline import CheckResult, check_file
from tests.support.corpus import corpus_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def squeeze(text: str) -> str:
    """Whitespace out; Kangxi radicals (a CJK font's shared glyphs, copied out of a PDF) as characters."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def marked(tmp_path: Path, name: str, render=None) -> tuple[CheckResult, Path]:
    """Check a corpus file, write its marked copy; the input's bytes are the same after."""
    src = corpus_file(name)
    before = sha(src)
    result = check_file(src)
    assert result.findings, f"{name} should have findings"
    out = write_marked_copy(result, tmp_path, render=render)
    assert out.error is None and out.copy is not None, out.error
    assert sha(src) == before, "the input file was changed"
    assert out.copy.name.endswith(f"{SUFFIX}{out.copy.suffix}")
    return result, out.copy


# ---- Word -------------------------------------------------------------------------------------
def docx_comments(path: Path) -> dict[str, dict[str, object]]:
    """Each comment id: its text, the text its range covers, and the element it starts in."""
    with zipfile.ZipFile(path) as z:
        comments = etree.fromstring(z.read("word/comments.xml"))
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    out: dict[str, dict[str, object]] = {}
    for c in comments.iter(f"{W}comment"):
        paras = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.iter(f"{W}p")]
        out[c.get(f"{W}id")] = {"text": "\n".join(paras), "anchored": "", "start": None}
    open_ids: set[str] = set()
    for el in body.iter():
        if el.tag == f"{W}commentRangeStart":
            open_ids.add(el.get(f"{W}id"))
            out[el.get(f"{W}id")]["start"] = el
        elif el.tag == f"{W}commentRangeEnd":
            open_ids.discard(el.get(f"{W}id"))
        elif el.tag == f"{W}t":
            for i in open_ids:
                out[i]["anchored"] += el.text or ""
    return out


def cell_position(el) -> tuple[int, int, str] | None:
    """(table index in the body, row index, the cell's text) of the w:tc holding `el`."""
    tc = next((a for a in el.iterancestors(f"{W}tc")), None)
    if tc is None:
        return None
    tr = tc.getparent()
    tbl = tr.getparent()
    body = tbl.getparent()
    tables = [t for t in body.iter(f"{W}tbl") if t.getparent() is body]
    return tables.index(tbl), list(tbl.iterchildren(f"{W}tr")).index(tr), "".join(t.text or "" for t in tc.iter(f"{W}t"))


def grid_column(el) -> int:
    """The grid column the w:tc holding `el` starts at (the spans of the cells before it counted)."""
    tc = next(a for a in el.iterancestors(f"{W}tc"))
    col = 0
    for before in tc.itersiblings(f"{W}tc", preceding=True):
        span = before.find(f"{W}tcPr/{W}gridSpan")
        col += int(span.get(f"{W}val")) if span is not None else 1
    return col


def body_paragraph(el) -> tuple[int, str]:
    """(block index among the body's paragraphs and tables, its text) of the w:p holding `el`."""
    p = el.getparent()
    body = p.getparent()
    blocks = [b for b in body.iterchildren() if b.tag in (f"{W}p", f"{W}tbl")]
    return blocks.index(p), "".join(t.text or "" for t in p.iter(f"{W}t"))


def shaded_cells(path: Path) -> set[tuple[int, int, int]]:
    """(table, row, grid column) of every shaded cell."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    out = set()
    for shd in body.iter(f"{W}shd"):
        if shd.get(f"{W}fill") == "FFC7CE":
            pos = cell_position(shd)
            assert pos is not None
            out.add((pos[0], pos[1], grid_column(shd)))
    return out


def expected_mark(report: Report, mark: Mark, comment: dict[str, object]) -> None:
    """The comment sits where the finding is: on the wrong cell, the sentence, or the heading."""
    start = comment["start"]
    loc = mark.anchor
    if mark.quote:
        assert squeeze(str(comment["anchored"])) == squeeze(mark.quote), comment
    elif loc.table is not None and loc.row is not None:
        table, row, text = cell_position(start)
        assert (table, row, grid_column(start)) == (loc.table, loc.row, loc.col)
        if mark.cell_keys:   # the first wrong cell
            assert squeeze(text) == squeeze(report.cells[mark.cell_keys[0]].raw)
    else:
        index, text = body_paragraph(start)
        assert index == loc.paragraph
        assert squeeze(str(comment["anchored"])) == squeeze(text) and text.strip()


@pytest.mark.parametrize("name", ["v10_baima_zhen.docx", "v05_shiqiao_xiang.docx", "seed0_dongming.docx",
                                  "v01_qinghe_scjgj.docx"])
def test_a_word_report_gets_one_comment_per_finding_where_it_is(tmp_path: Path, name: str) -> None:
    result, copy = marked(tmp_path, name)
    assert result.report is not None
    comments = docx_comments(copy)
    marks = marks_of(result.report, result.findings)
    assert len(comments) == len(result.findings)
    by_text = {str(c["text"]): c for c in comments.values()}
    for mark in marks:
        assert mark.text in by_text, mark.text
        expected_mark(result.report, mark, by_text[mark.text])
    wrong = {k for f in result.findings for k in f.cells_to_change}
    if any(f.rule == "CELL-VALUE" for f in result.findings):
        wrong |= {f.cells[0] for f in result.findings if f.rule == "CELL-VALUE" and f.cells}
    locs = [result.report.cells[k].location for k in wrong if k in result.report.cells]
    assert shaded_cells(copy) == {(loc.table, loc.row, loc.col) for loc in locs}


def test_a_table_finding_is_anchored_on_its_first_wrong_cell_and_shades_every_suspect(tmp_path: Path) -> None:
    result, copy = marked(tmp_path, "v01_qinghe_scjgj.docx")
    assert result.report is not None
    f = result.findings[0]
    assert f.rule == "T3-BALANCE" and f.suspects
    (comment,) = docx_comments(copy).values()
    first = result.report.cells[f.suspects[0]]
    table, row, text = cell_position(comment["start"])
    assert (table, row, squeeze(text)) == (first.location.table, first.location.row, squeeze(first.raw))
    suspects = [result.report.cells[k].location for k in f.suspects]
    assert shaded_cells(copy) == {(loc.table, loc.row, loc.col) for loc in suspects} and len(suspects) == 6
    assert "请核实" in str(comment["text"]) and "依据：" in str(comment["text"])


def test_a_finding_on_a_whole_table_is_anchored_on_its_first_cell_and_one_on_the_report_on_the_title(tmp_path: Path) -> None:
    from checks.finding import Finding
    from model.document import Location

    src = corpus_file("seed0_dongming.docx")
    result = check_file(src)
    assert result.report is not None
    table = Finding(rule="TABLE-SHAPE", message="表三缺少“总计”列", location=Location(table=1, paragraph=30))
    whole = Finding(rule="SECTION-MISSING", message="缺少“六、其他需要报告的事项”")
    out = write_marked_copy(CheckResult(str(src), result.report, [table, whole]), tmp_path)
    assert out.copy is not None
    comments = {str(c["text"]).splitlines()[0]: c for c in docx_comments(out.copy).values()}
    assert cell_position(comments["表三缺少“总计”列"]["start"])[:2] == (1, 0)
    index, text = body_paragraph(comments["缺少“六、其他需要报告的事项”"]["start"])
    assert squeeze(text) == "东明镇人民政府2024年政府信息公开工作年度报告" and index == 0


def test_the_comment_says_the_finding_what_to_change_and_the_basis() -> None:
    from checks.catalogue import rule_info
    from checks.finding import Finding
    f = Finding(rule="T3-RESULT-TOTAL", message="表三“（七）总计”与各项之和不符", cells=["t3.total.total"],
                fix={"t3.total.total": 23})
    text = comment_text(f)
    assert text.splitlines() == ["表三“（七）总计”与各项之和不符", "应改为：23", f"依据：{rule_info('T3-RESULT-TOTAL').basis}"]
    copied = Finding(rule="COPIED-TEXT", message="正文与“X镇人民政府”的报告相似度 92%（x.docx）", subject="x", actual=0.92)
    assert "X镇" not in comment_text(copied) and "92%" in comment_text(copied)


# ---- PDF --------------------------------------------------------------------------------------
def pdf_annotations(path: Path) -> list[tuple[int, dict]]:
    from pypdf import PdfReader
    reader = PdfReader(str(path))
    out = []
    for n, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            a = ref.get_object()
            if a.get("/Subj") == "审核意见":
                out.append((n, a))
    return out


def user_box(page, bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    top = float(page.cropbox.top)
    left = float(page.cropbox.left)
    return left + bbox[0], top - bbox[3], left + bbox[2], top - bbox[1]


def covers(rect, box, slack: float = 3.0) -> bool:
    r = [float(v) for v in rect]
    return r[0] <= box[0] + slack and r[1] <= box[1] + slack and r[2] >= box[2] - slack and r[3] >= box[3] - slack


@pytest.mark.parametrize("name", ["v02_chengguan_jd.pdf", "seed0_dongming.pdf", "v06_pingshan_zjj.pdf"])
def test_a_pdf_gets_one_highlight_per_finding_on_its_box_and_keeps_its_pages(tmp_path: Path, name: str) -> None:
    import pdfplumber
    from pypdf import PdfReader

    result, copy = marked(tmp_path, name)
    assert result.report is not None
    src = corpus_file(name)
    assert copy.read_bytes().startswith(src.read_bytes()), "an incremental update: the original bytes first"
    annots = pdf_annotations(copy)
    assert len(annots) == len(result.findings)
    pages = PdfReader(str(copy)).pages
    marks = marks_of(result.report, result.findings)
    by_text = {str(a["/Contents"]): (n, a) for n, a in annots}
    for mark in marks:
        n, a = by_text[mark.text]
        loc = mark.anchor
        if loc.bbox is None:        # about the whole report (or a page): a note in the page's margin
            assert n == (loc.page or 0) and a["/Subtype"] == "/Text"
            continue
        assert n == loc.page and a["/Subtype"] == "/Highlight" and "/Popup" in a
        assert covers(a["/Rect"], user_box(pages[n], loc.bbox))
        with pdfplumber.open(copy) as pdf:
            x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
            height = float(pdf.pages[n].height)
            under = squeeze(pdf.pages[n].crop((x0, height - y1, x1, height - y0)).extract_text())
        if mark.quote:
            assert squeeze(mark.quote)[:10] in under
        elif mark.cell_keys:
            assert squeeze(result.report.cells[mark.cell_keys[0]].raw) in under
    with pdfplumber.open(src) as before, pdfplumber.open(copy) as after:
        assert [p.extract_text() for p in before.pages] == [p.extract_text() for p in after.pages]


def test_a_row_total_finding_highlights_every_wrong_cell_in_one_annotation(tmp_path: Path) -> None:
    result, copy = marked(tmp_path, "v02_chengguan_jd.pdf")
    assert result.report is not None
    f = next(f for f in result.findings if f.rule == "T3-ROW-TOTAL")
    (_, a), = [(n, a) for n, a in pdf_annotations(copy) if str(a["/Contents"]) == comment_text(f)]
    quads = [float(v) for v in a["/QuadPoints"]]
    boxes = {result.report.cells[k].location.bbox for k in f.cells_to_change}
    assert len(quads) == 8 * len(boxes)


# ---- workbooks --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["v03_liulin_zhen.xlsx", "seed0_dongming.xlsx", "seed1_aga.xlsx"])
def test_a_workbook_gets_cell_comments_and_fills_in_an_xlsx_copy(tmp_path: Path, name: str) -> None:
    from openpyxl import load_workbook

    result, copy = marked(tmp_path, name)
    assert result.report is not None and copy.suffix == ".xlsx"
    wb = load_workbook(copy)
    comments = [(ws.title, c.coordinate, c.comment.text) for ws in wb.worksheets for row in ws.iter_rows()
                for c in row if c.comment is not None]
    texts = "\n".join(t for _, _, t in comments)
    for mark in marks_of(result.report, result.findings):
        assert texts.count(mark.text) == 1
        loc = mark.anchor
        if loc.sheet is not None:
            (title, coord, _), = [x for x in comments if mark.text in x[2]]
            assert (title, coord) == (loc.sheet, loc.a1())
    for f in result.findings:
        for k in f.cells_to_change:
            loc = result.report.cells[k].location
            assert wb[loc.sheet][loc.a1()].fill.fgColor.rgb == "FFFFC7CE"


# ---- text: a PDF of the source ------------------------------------------------------------------
@pytest.mark.parametrize("name", ["v04_anping_zrzyj.txt", "seed0_dongming.txt"])
def test_a_text_report_becomes_a_pdf_of_its_source_with_the_same_marks(qtbot, tmp_path: Path, name: str) -> None:
    import pdfplumber

    from tests.support.platform import NO_FONTS, qt_has_fonts
    from ui.marked_source import render_source_pdf
    if not qt_has_fonts():
        pytest.skip(NO_FONTS)
    result, copy = marked(tmp_path, name, render=render_source_pdf)
    assert result.report is not None and copy.suffix == ".pdf"
    annots = pdf_annotations(copy)
    assert len(annots) == len(result.findings)
    src_lines = corpus_file(name).read_text(encoding="utf-8").splitlines()
    with pdfplumber.open(copy) as pdf:
        for mark in marks_of(result.report, result.findings):
            (n, a), = [(n, a) for n, a in annots if str(a["/Contents"]) == mark.text]
            x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
            page = pdf.pages[n]
            under = squeeze(page.crop((x0, page.height - y1, x1, page.height - y0)).extract_text())
            if mark.quote:
                assert squeeze(mark.quote)[:10] in under
            elif mark.anchor.line is not None:
                line = squeeze(src_lines[mark.anchor.line]).replace("|", "")   # a table row: its cells parted by ｜
                assert line[:10] in under.replace("|", "")


# ---- names, and many at once ------------------------------------------------------------------
def test_the_copy_is_named_by_the_title_made_safe_and_never_twice() -> None:
    r = Report(path="/x/报告.docx", format="docx", unit="东山镇/人民政府*", year=2024)
    used: set[str] = set()
    first = copy_name(r, "docx", used)
    assert first == "东山镇_人民政府_2024年政府信息公开工作年度报告（审核标注）.docx"
    assert copy_name(r, "docx", used) == "东山镇_人民政府_2024年政府信息公开工作年度报告（审核标注）(2).docx"
    assert copy_name(Report(path="/x/无名.pdf", format="pdf"), "pdf", used) == "无名（审核标注）.pdf"


def test_a_batch_writes_a_copy_per_readable_report_and_says_why_not_for_the_others(tmp_path: Path) -> None:
    names = ["seed0_dongming.docx", "seed0_dongming.pdf", "seed0_dongming.txt", "u02_scanned.pdf"]
    results = [check_file(corpus_file(n)) for n in names]
    before = [sha(corpus_file(n)) for n in names]
    out = write_marked_copies([(r, None) for r in results], tmp_path / "标注")
    assert [sha(corpus_file(n)) for n in names] == before
    assert [m.copy.name if m.copy else m.error for m in out] == [
        "东明镇人民政府2024年政府信息公开工作年度报告（审核标注）.docx",
        "东明镇人民政府2024年政府信息公开工作年度报告（审核标注）.pdf",
        "TXT 格式暂不能生成审核标注副本。",   # without a renderer (the Qt layers hand theirs in)
    ][: len(out)]
    assert len(out) == 3 + (results[3].report is not None)


# ---- a scanned image ----------------------------------------------------------------------------
def test_a_scanned_image_becomes_a_pdf_of_its_pages_with_the_highlight_on_the_ocr_box(tmp_path: Path) -> None:
    """The OCR reader measures an image in points at its dpi (pixels × 72 / dpi): the copy's pages have
    that size, so a box read there falls on the same pixels. (No OCR here: the finding is given.)"""
    from PIL import Image
    from pypdf import PdfReader

    from checks.finding import Finding
    from model.document import Location
    from model.report import CellValue

    img = tmp_path / "扫描件.png"
    picture = Image.new("RGB", (1240, 1754), "white")       # A4 at 150 dpi
    picture.paste((0, 0, 0), (300, 600, 400, 640))          # the "cell": pixels 300..400 × 600..640
    picture.save(img, dpi=(150, 150))
    before = sha(img)
    box = (300 * 72 / 150, 600 * 72 / 150, 400 * 72 / 150, 640 * 72 / 150)
    cell = CellValue("t3.total.total", 5, "5", Location(page=0, bbox=box))
    report = Report(path=str(img), format="image", unit="东山镇人民政府", year=2024, cells={"t3.total.total": cell})
    f = Finding(rule="T3-RESULT-TOTAL", message="表三“（七）总计”与各项之和不符", cells=["t3.total.total"],
                fix={"t3.total.total": 3}, location=Location(page=0, bbox=box))
    out = write_marked_copy(CheckResult(str(img), report, [f]), tmp_path)
    assert sha(img) == before and out.copy is not None and out.copy.suffix == ".pdf"
    page = PdfReader(str(out.copy)).pages[0]
    assert [round(float(v)) for v in page.mediabox] == [0, 0, 595, 842]
    (n, a), = pdf_annotations(out.copy)
    assert n == 0 and a["/Subtype"] == "/Highlight" and str(a["/Contents"]) == comment_text(f)
    assert covers(a["/Rect"], user_box(page, box), slack=0.1)
    x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
    assert (x0, 842 - y1, x1, 842 - y0) == pytest.approx((box[0] - 1.5, box[1] - 1.5, box[2] + 1.5, box[3] + 1.5), abs=0.6)
