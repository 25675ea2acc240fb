"""OFD read like a PDF: the OFD copies of the sample reports (made here by tests/support/ofd_writer
from the corpus PDFs: as laid out, with the tables on a page of their own, and as images only)
read into the same cells, body, year and findings as their PDF and DOCX copies; the placing of
text objects (Boundary, CTM, DeltaX runs), templates, page blocks and path objects is the
standard's; the format is told by content."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from importers import read_document
from importers.errors import ReadError
from importers.formats import named
from importers.ofd_file import read_ofd
from importers.ofd_package import MM_PT, OfdPackage, deltas
from importers.sniff import sniff
from model.document import RawTable, TextBlock
from pipeline.check import CheckResult, check_file
from tests.support.corpus import corpus_file, truth
from tests.support.ofd_writer import NS, PageSpec, from_pdf, images_from_pdf, ofd_bytes, package

# the corpus reports that have a PDF copy with a text layer (and, for the seeds, a DOCX copy)
REPORTS = ["seed0_dongming", "seed1_aga", "seed2_kangyi", "seed3_dakuai", "seed4_guantou", "v02_chengguan_jd",
           "v06_pingshan_zjj"]
FMT = named("ofd")


def _found(r: CheckResult) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((f.rule, tuple(f.cells)) for f in r.findings)


def _values(r: CheckResult) -> dict[str, object]:
    assert r.report is not None, r.error
    return {k: c.value for k, c in r.report.cells.items()}


def _same_reading(ofd: CheckResult, other: CheckResult) -> None:
    assert _values(ofd) == _values(other)
    assert ofd.report is not None and other.report is not None
    assert (ofd.report.unit, ofd.report.year) == (other.report.unit, other.report.year)


@pytest.mark.corpus
@pytest.mark.parametrize("tables_apart", [False, True], ids=["as-laid-out", "tables-on-own-page"])
@pytest.mark.parametrize("name", REPORTS)
def test_the_ofd_copy_reads_as_the_pdf_and_docx_copies(tmp_path: Path, name: str, tables_apart: bool) -> None:
    pdf = corpus_file(f"{name}.pdf")
    ofd = tmp_path / f"{name}.ofd"
    ofd.write_bytes(from_pdf(pdf, tables_apart=tables_apart))
    got, from_pdf_copy = check_file(ofd), check_file(pdf)
    _same_reading(got, from_pdf_copy)
    assert len(_values(got)) == 200 and _values(got) == truth(f"{name}.pdf")["cells"]
    assert _found(got) == _found(from_pdf_copy)  # no finding of its own
    docx = corpus_file(f"{name}.docx") if name.startswith("seed") else None
    if docx is not None:
        _same_reading(got, check_file(docx))


@pytest.mark.corpus
def test_the_tables_stand_on_a_page_of_their_own(tmp_path: Path) -> None:
    pdf = corpus_file("seed0_dongming.pdf")
    laid_out, apart = tmp_path / "laid_out.ofd", tmp_path / "apart.ofd"
    laid_out.write_bytes(from_pdf(pdf))
    apart.write_bytes(from_pdf(pdf, tables_apart=True))
    doc = read_document(apart)
    assert doc.page_count is not None and doc.page_count > (read_document(laid_out).page_count or 0)
    table_pages = {b.location.page for b in doc.blocks if isinstance(b, RawTable)}
    assert len(table_pages) >= 2
    for page in table_pages:
        spans = [b.location.bbox for b in doc.blocks if isinstance(b, RawTable) and b.location.page == page]
        top, bottom = min(s[1] for s in spans if s), max(s[3] for s in spans if s)
        texts = [b for b in doc.blocks if isinstance(b, TextBlock) and b.location.page == page]
        # only what stands between the tables (their headings) shares their page
        assert all(b.location.bbox and top <= b.location.bbox[1] and b.location.bbox[3] <= bottom for b in texts)


@pytest.mark.slow
@pytest.mark.corpus
def test_an_ofd_of_page_images_is_a_scan_read_by_ocr(tmp_path: Path) -> None:
    pdf = corpus_file("seed3_dakuai.pdf")
    ofd = tmp_path / "扫描件.ofd"
    ofd.write_bytes(images_from_pdf(pdf))
    got = check_file(ofd)
    assert got.document is not None and got.document.ocr and got.document.format == "ofd"
    assert any("扫描件" in n for n in got.document.notes)
    _same_reading(got, check_file(pdf))


def test_an_ofd_of_images_is_refused_when_ocr_is_off(tmp_path: Path) -> None:
    buf = io.BytesIO()
    Image.new("L", (1654, 2339), 255).save(buf, "PNG")
    ofd = tmp_path / "扫描件.ofd"
    ofd.write_bytes(ofd_bytes([PageSpec(images=[((0, 0, 210, 297), buf.getvalue())])]))
    with pytest.raises(ReadError, match="扫描件"):
        read_document(ofd, ocr=False)


# -- placing, from files written here ------------------------------------------------------------

def _one_page(objects: str, *, template: str = "", extra: dict[str, str] | None = None) -> bytes:
    tpl_ref = '<ofd:TemplatePage ID="7" BaseLoc="Tpls/T0.xml"/>' if template else ""
    parts: dict[str, bytes | str] = {
        "OFD.xml": f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": (f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297'
                               f'</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>Pub.xml</ofd:PublicRes>{tpl_ref}</ofd:CommonData>'
                               '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/P0.xml"/></ofd:Pages></ofd:Document>'),
        "Doc_0/Pub.xml": (f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="3" FontName="SimSun" '
                          'FamilyName="宋体"/></ofd:Fonts></ofd:Res>'),
        "Doc_0/Pages/P0.xml": (f'<ofd:Page xmlns:ofd="{NS}">' + ('<ofd:Template TemplateID="7"/>' if template else "")
                               + f'<ofd:Content><ofd:Layer ID="1">{objects}</ofd:Layer></ofd:Content></ofd:Page>'),
    }
    if template:
        parts["Doc_0/Tpls/T0.xml"] = (f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="2">{template}</ofd:Layer>'
                                      '</ofd:Content></ofd:Page>')
    parts.update(extra or {})
    return package(parts)


def _page(tmp_path: Path, data: bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / "p.ofd"
    path.write_bytes(data)
    with OfdPackage(path) as pkg:
        return pkg.page(0)


def test_delta_runs_unfold_and_are_bounded_by_the_characters() -> None:
    assert deltas("g 3 4.5 2 g 2 1", 10) == [4.5, 4.5, 4.5, 2.0, 1.0, 1.0]
    assert deltas("g 1000000000 3", 4) == [3.0] * 4  # a run claiming a billion takes only what is there
    assert deltas("1 x 2", 5) == [1.0, 2.0] and deltas(None, 3) == []


def test_text_is_placed_by_boundary_ctm_and_deltas(tmp_path: Path) -> None:
    page = _page(tmp_path, _one_page(
        '<ofd:TextObject ID="5" Boundary="20 30 100 10" Font="3" Size="2" CTM="2 0 0 2 0 0">'
        '<ofd:TextCode X="1" Y="3" DeltaX="g 2 3">表三合</ofd:TextCode></ofd:TextObject>'))
    assert [(g.text, g.x, g.y, g.size, g.advance, g.font) for g in page.glyphs] == [
        ("表", 22.0, 36.0, 4.0, 6.0, "宋体"), ("三", 28.0, 36.0, 4.0, 6.0, "宋体"), ("合", 34.0, 36.0, 4.0, 4.0, "宋体")]


def test_a_text_code_without_a_place_goes_on_where_the_last_one_ended(tmp_path: Path) -> None:
    page = _page(tmp_path, _one_page(
        '<ofd:TextObject ID="5" Boundary="10 10 100 10" Size="4"><ofd:TextCode X="0" Y="4" DeltaX="5">公开</ofd:TextCode>'
        '<ofd:TextCode DeltaX="3">12</ofd:TextCode><ofd:TextCode X="50" Y="8">件</ofd:TextCode></ofd:TextObject>'))
    # 公 +5, 开 its size (4); "1" +3, "2" half its size (2); 件 where its own X/Y say
    assert [(g.text, g.x, g.y) for g in page.glyphs] == [("公", 10, 14), ("开", 15, 14), ("1", 19, 14), ("2", 22, 14),
                                                         ("件", 60, 18)]


def test_templates_page_blocks_and_composites_are_drawn(tmp_path: Path) -> None:
    text = '<ofd:TextObject ID="{}" Boundary="{} 10 50 5" Size="3"><ofd:TextCode X="0" Y="3">{}</ofd:TextCode></ofd:TextObject>'
    unit = ('<ofd:CompositeGraphicUnit ID="9" Width="10" Height="10"><ofd:Content>'
            + text.format(90, 0, "合") + '</ofd:Content></ofd:CompositeGraphicUnit>')
    data = _one_page('<ofd:PageBlock ID="4"><ofd:PageBlock ID="6">' + text.format(5, 20, "报") + "</ofd:PageBlock></ofd:PageBlock>"
                     '<ofd:CompositeObject ID="8" Boundary="100 100 10 10" ResourceID="9"/>',
                     template=text.format(3, 10, "页"),
                     extra={"Doc_0/Pub.xml": f'<ofd:Res xmlns:ofd="{NS}"><ofd:CompositeGraphicUnits>{unit}'
                                             '</ofd:CompositeGraphicUnits></ofd:Res>'})
    page = _page(tmp_path, data)
    assert [(g.text, g.x, g.y) for g in page.glyphs] == [("页", 10.0, 13.0), ("报", 20.0, 13.0), ("合", 100.0, 113.0)]


def test_path_objects_give_the_table_rules_in_points(tmp_path: Path) -> None:
    page = _page(tmp_path, _one_page(
        '<ofd:PathObject ID="5" Boundary="10 20 100 50"><ofd:AbbreviatedData>M 0 0 L 100 0 L 100 50 Q 1 1 2 2 C'
        '</ofd:AbbreviatedData></ofd:PathObject>'))
    assert [(s.x0, s.y0, s.x1, s.y1) for s in page.strokes] == [(10, 20, 110, 20), (110, 20, 110, 70), (12, 22, 10, 20)]


def test_a_ruled_grid_reads_as_a_table_with_boxes_in_points(tmp_path: Path) -> None:
    rules = "".join(f'<ofd:PathObject ID="{10 + k}" Boundary="0 0 210 297"><ofd:AbbreviatedData>{d}</ofd:AbbreviatedData>'
                    "</ofd:PathObject>" for k, d in enumerate(
                        ["M 20 50 L 120 50", "M 20 60 L 120 60", "M 20 70 L 120 70",
                         "M 20 50 L 20 70", "M 70 50 L 70 70", "M 120 50 L 120 70"]))
    cells = "".join(f'<ofd:TextObject ID="{30 + k}" Boundary="{x} {y} 40 8" Size="4"><ofd:TextCode X="2" Y="5">{t}'
                    "</ofd:TextCode></ofd:TextObject>"
                    for k, (x, y, t) in enumerate([(20, 50, "项目"), (70, 50, "数量"), (20, 60, "新收"), (70, 60, "12")]))
    path = tmp_path / "grid.ofd"
    path.write_bytes(_one_page(rules + cells))
    assert sniff(path) == "ofd"
    doc = read_ofd(path, FMT)
    tables = doc.tables()
    assert len(tables) == 1 and [[c.text for c in row] for row in tables[0].rows] == [["项目", "数量"], ["新收", "12"]]
    assert tables[0].location.bbox == pytest.approx((20 * MM_PT, 50 * MM_PT, 120 * MM_PT, 70 * MM_PT))
    assert doc.page_count == 1 and doc.format == "ofd"


def test_content_not_the_name_decides(tmp_path: Path) -> None:
    data = _one_page('<ofd:TextObject ID="5" Boundary="20 30 100 10" Size="4"><ofd:TextCode X="0" Y="4">政府信息公开'
                     "</ofd:TextCode></ofd:TextObject>")
    for name in ("报告.zip", "报告.pdf", "报告.ofd"):
        p = tmp_path / name
        p.write_bytes(data)
        assert sniff(p) == "ofd"
        doc = read_document(p)
        assert doc.format == "ofd" and [b.text for b in doc.blocks] == ["政府信息公开"]


@pytest.mark.corpus
def test_the_command_line_checks_an_ofd_and_a_damaged_one_beside_it(tmp_path: Path) -> None:
    import json

    from tests.support.cli import run
    good, bad = tmp_path / "城关街道 年报.ofd", tmp_path / "坏的.ofd"
    good.write_bytes(from_pdf(corpus_file("v02_chengguan_jd.pdf")))
    bad.write_bytes(good.read_bytes()[:3000])
    done = run("check", "--json", str(bad), str(good))
    out = json.loads(done.stdout.decode("utf-8"))
    assert done.returncode == 2  # a file could not be read
    assert out[0]["format"] == "ofd" and "OFD" in out[0]["error"] and "cells" not in out[0]
    assert out[1]["format"] == "ofd" and out[1]["cells"] == truth("v02_chengguan_jd.pdf")["cells"]
    assert {f["rule"] for f in out[1]["findings"]} >= {"T3-ROW-TOTAL"}
    assert out[1]["findings"][0]["location"]["page"] >= 1
