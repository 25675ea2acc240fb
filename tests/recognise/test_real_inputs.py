"""Reports as they really arrive — saved portal pages, text copied without line breaks, converter
output, Word and PDF copies of a page — read into the same cells, body and year as the clean
report, and give no false error. One report (tests/support/layouts.py) in every layout."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checks.finding import Severity
from model.standard import SECTION_TITLES
from pipeline.check import CheckResult, check_file
from tests.support import layouts as L

Writer = Callable[[Path], Path]


def _text(name: str, make: Callable[[], str], encoding: str = "utf-8") -> Writer:
    def write(d: Path) -> Path:
        p = d / name
        p.write_text(make(), encoding=encoding)
        return p
    return write


def _bytes(name: str, make: Callable[[], bytes]) -> Writer:
    def write(d: Path) -> Path:
        p = d / name
        p.write_bytes(make())
        return p
    return write


PS = L.pieces()
LAYOUTS: dict[str, Writer] = {
    "clean.txt": _text("clean.txt", lambda: L.to_text(PS)),
    "portal, crawler header.txt": _text("portal.txt", lambda: L.to_portal_text(PS)),
    "portal, no crawler header.txt": _text("portal.txt", lambda: L.to_portal_text(PS, crawler=False)),
    "portal, GBK.txt": _text("portal.txt", lambda: L.to_portal_text(PS, crawler=False), "gbk"),
    "portal.html": _text("portal.html", lambda: L.to_portal_html(PS)),
    "portal, crawler header.html": _text("portal.html", lambda: L.to_portal_html(PS, crawler=True)),
    "portal laid out in a table.html": _text("portal.html", lambda: L.to_portal_html(PS, layout_table=True)),
    "portal.mht": _bytes("portal.mht", lambda: L.to_mhtml(L.to_portal_html(PS))),
    "one line, cells spaced.txt": _text("oneline.txt", lambda: L.to_one_line(PS, run_together=False)),
    "one line in a page.html": _text("oneline.html", lambda: L.to_portal_html([L.Piece(L.to_one_line(PS, False))])),
    "converter.md": _text("converted.md", lambda: L.to_markdown(PS)),
    "converter, small tables.md": _text("converted.md", lambda: L.to_markdown(PS, chunk=3)),
    "converter, vertical group labels.md": _text("converted.md", lambda: L.to_markdown(PS, vertical_groups=True)),
    "OCR to Markdown, HTML tables.md": _text("ocr.md", lambda: L.to_markdown_html_tables(PS)),
    "OCR to Markdown, HTML tables after 1 KB of text.md": _text("ocr.md", lambda: L.to_markdown_html_tables(
        [*PS[:3], L.Piece("全年持续推进政务公开标准化规范化建设，" * 40 + "成效明显。"), *PS[3:]])),
    "spaces instead of tabs.txt": _text("spaces.txt", lambda: L.to_columns(PS)),
    "single spaces.txt": _text("spaces.txt", lambda: L.to_columns(PS, sep=" ")),
    "column layout, wrapped labels.txt": _text("layout.txt", lambda: L.to_columns(PS, wrap=8)),
    "each table on one line.txt": _text("tables.txt", lambda: L.to_text(PS, table_per_line=True)),
    "one line pasted into Word.docx": lambda d: L.to_docx([L.Piece(L.to_one_line(PS, False))], d / "oneline.docx"),
    "clean.docx": lambda d: L.to_docx(PS, d / "clean.docx"),
    "portal copied into Word.docx": lambda d: L.to_docx(L.with_chrome(PS), d / "portal.docx"),
    "workbook.xlsx": lambda d: L.to_xlsx(PS, d / "report.xlsx"),
    "workbook, a sheet per table.xlsx": lambda d: L.to_xlsx_sheets(PS, d / "report.xlsx"),
    "workbook, title in the sheet name.xlsx": lambda d: L.to_xlsx(PS, d / "report.xlsx", title_in_sheet_name=True),
}
PDF_LAYOUTS: dict[str, Writer] = {
    "clean.pdf": lambda d: L.to_pdf(PS, d / "clean.pdf"),
    "portal printed to PDF.pdf": lambda d: L.to_pdf(L.with_chrome(PS), d / "portal.pdf"),
}


def _errors(result: CheckResult) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in result.findings if f.severity == Severity.ERROR]


def _check(writer: Writer, tmp_path: Path) -> CheckResult:
    path = writer(tmp_path)
    before = path.read_bytes()
    result = check_file(path)
    assert path.read_bytes() == before  # input never modified
    assert result.report is not None, result.error
    return result


def _assert_same_report(result: CheckResult) -> None:
    r = result.report
    assert r is not None
    got = {k: c.value for k, c in r.cells.items()}
    assert got == L.cells()
    assert (r.unit, r.year) == (L.UNIT, L.YEAR)
    assert r.date is not None and (r.date.year, r.date.month, r.date.day) == (L.YEAR + 1, 1, 20)
    assert _errors(result) == []
    assert [s.number for s in r.sections] == [1, 2, 3, 4, 5, 6]
    assert all(s.standard for s in r.sections)


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_layout_reads_as_the_clean_report(layout: str, tmp_path: Path) -> None:
    result = _check(LAYOUTS[layout], tmp_path)
    _assert_same_report(result)
    assert [f.rule for f in result.findings] == []


@pytest.mark.parametrize("layout", list(PDF_LAYOUTS))
def test_pdf_copies_read_as_the_clean_report(layout: str, tmp_path: Path, qapp) -> None:
    result = _check(PDF_LAYOUTS[layout], tmp_path)
    _assert_same_report(result)
    assert [f.rule for f in result.findings] == []


def test_a_browser_page_header_printed_inside_a_table_does_not_end_it(tmp_path: Path) -> None:
    """A page printed from a browser repeats its date, title and address on every page; a page
    break inside table 3 puts them between its rows."""
    lines = L.to_text(PS).splitlines()
    at = next(k for k, ln in enumerate(lines) if ln.startswith("\t\t4.保护第三方合法权益"))
    furniture = ["http://www.qingshan.gov.cn/art/2025/1/21/art_1234_56789.html 2/5",
                 f"2025/1/21 09:30 {L.UNIT}{L.YEAR}年政府信息公开工作年度报告_青山县人民政府"]
    text = "\n".join([*lines[:at], *furniture, *lines[at:]])
    result = _check(_text("printed.txt", lambda: text), tmp_path)
    _assert_same_report(result)


def test_site_chrome_is_not_report_text(tmp_path: Path) -> None:
    r = _check(LAYOUTS["portal, crawler header.txt"], tmp_path).report
    assert r is not None
    texts = " ".join(p.text for p in r.paragraphs)
    for chrome in ("中华人民共和国国务院", "当前位置", "原文链接", "发布机构", "主办单位", "分享到", "相关链接"):
        assert chrome not in texts
    assert texts.startswith(f"{L.UNIT}{L.YEAR}年政府信息公开工作年度报告")


def test_one_line_with_digits_run_together_is_never_read_wrong(tmp_path: Path) -> None:
    """Cells of a row that ran together split where the table's sums allow one split; the rest
    stay empty, named by one CELL-VALUE finding per row — never a wrong number, never another error."""
    result = _check(_text("oneline.txt", lambda: L.to_one_line(PS)), tmp_path)
    r = result.report
    assert r is not None and (r.unit, r.year) == (L.UNIT, L.YEAR)
    truth = L.cells()
    got = {k: c.value for k, c in r.cells.items()}
    assert set(got) == set(truth)
    wrong = {k for k in truth if got[k] is not None and got[k] != truth[k]}
    unread = {k for k in truth if got[k] is None}
    assert not wrong
    assert len(unread) <= 30  # most of the report is read (the rest is ambiguous by its digits)
    assert not [f for f in result.findings if f.severity == Severity.ERROR]
    # a text copy's run-together digits may be the copy's: a warning saying so names each empty cell
    named = [f for f in result.findings if f.rule == "CELL-VALUE"]
    assert {c for f in named for c in f.cells} == unread
    assert all("数字连写" in f.message and f.message.endswith("请核对原件）") for f in named)
    assert got["t3.carried.natural"] == 2 and got["t4.review.total"] == 3
    # table 3's rows that did not split by their own sum split by the table's relations
    assert not any(k.startswith("t3.") for k in unread)
    assert r.cells["t3.new.natural"].note.startswith("由连写数字") and "勾稽关系" in r.cells["t3.new.natural"].note


def test_a_run_the_relations_do_not_confirm_stays_unreadable(tmp_path: Path) -> None:
    """新收 typed as 143012122 (the last digit wrong): no split fits the table, none is guessed."""
    text = L.to_one_line(PS).replace("一、本年新收政府信息公开申请数量143012121", "一、本年新收政府信息公开申请数量143012122")
    assert "143012122" in text
    result = _check(_text("oneline.txt", lambda: text), tmp_path)
    r = result.report
    assert r is not None
    assert [r.cells[f"t3.new.{c}"].value for c in ("natural", "total")] == [None, None]
    assert any(f.rule == "CELL-VALUE" and "143012122" in f.message for f in result.findings)


def test_a_long_paragraph_that_names_table_words_is_not_cut() -> None:
    from model.document import Location
    from recognise.split_lines import cut_line

    prose = ("本年度共办理行政许可事项46件、行政处罚17件、行政强制2件，其他事项均按规定办理，总计65件；"
             "一、二季度办理较多，三季度较少，全年未收取任何费用，行政复议和行政诉讼均未发生，"
             "申请人情况良好，自然人申请占多数，法人或其他组织申请较少。")
    assert len(prose) >= 100
    assert cut_line(prose, Location(line=0)) is None


VARIANT_TITLES = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                  "四、政府信息公开行政复议和行政诉讼情况", "五、存在的主要问题及整改措施", "六、其他需要报告的事项")


@pytest.mark.parametrize("writer", ["txt", "html", "docx"])
def test_varied_and_reordered_section_titles_are_warnings_not_missing(writer: str, tmp_path: Path) -> None:
    ps = L.pieces(titles=VARIANT_TITLES, order=(1, 2, 3, 4, 6, 5))
    write: Writer = {"txt": _text("r.txt", lambda: L.to_text(ps)), "html": _text("r.html", lambda: L.to_portal_html(ps)),
                     "docx": lambda d: L.to_docx(ps, d / "r.docx")}[writer]
    result = _check(write, tmp_path)
    r = result.report
    assert r is not None
    assert {k: c.value for k, c in r.cells.items()} == L.cells()
    assert sorted(s.number for s in r.sections) == [1, 2, 3, 4, 5, 6]
    rules = [f.rule for f in result.findings]
    assert "SECTION-MISSING" not in rules
    titled = sorted(f.message for f in result.findings if f.rule == "SECTION-TITLE")
    assert len(titled) == 3 and any("整改措施" in m for m in titled) and any("行政复议和行政诉讼" in m for m in titled)
    assert any("顺序" in m and "四、六、五" in m for m in titled)
    assert _errors(result) == []


def test_a_section_truly_absent_is_missing(tmp_path: Path) -> None:
    ps = [p for p in L.pieces() if not (p.text == SECTION_TITLES[4] or (p.text or "").startswith(("主要问题", "上一年度")))]
    result = _check(_text("r.txt", lambda: L.to_text(ps)), tmp_path)
    assert [f.rule for f in result.findings if f.rule.startswith("SECTION")] == ["SECTION-MISSING"]


# --- body and year -------------------------------------------------------------------------------

def _with_title(*title_lines: str) -> list[L.Piece]:
    ps = L.pieces()
    return [*(L.Piece(t, kind="h") for t in title_lines), *ps[1:]]


@pytest.mark.parametrize(("titles", "unit", "year"), [
    ((f"标题:{L.UNIT}{L.YEAR}年政府信息公开工作年度报告",), L.UNIT, L.YEAR),
    ((f"{L.UNIT}", f"{L.YEAR}年政府信息公开工作年度报告"), L.UNIT, L.YEAR),               # title over two lines
    ((f"青山县青山镇{L.YEAR}年度政府信息公开工作年度报告",), L.UNIT, L.YEAR),               # a short form in the title
    ((f"{L.YEAR}年政府信息公开工作年度报告",), L.UNIT, L.YEAR),                          # body on the signature line
    (("政府信息公开工作年度报告",), L.UNIT, L.YEAR),                                    # year from the statistics period
    ((f"根据《条例》的要求，青山镇编制了{L.YEAR}年政府信息公开工作年度报告。",), L.UNIT, L.YEAR),  # a sentence, not a title
    ((f"政府信息公开工作年度报告（{L.YEAR}年度）",), L.UNIT, L.YEAR),                     # the year after the words
    ((f"{L.UNIT}关于{L.YEAR}年度政府信息公开工作年度报告",), L.UNIT, L.YEAR),
    (("青山镇政府二〇二四年度政府信息公开工作年度报告",), L.UNIT, L.YEAR),                   # 镇政府, a year in Chinese numerals
    ((f"{L.YEAR}年度{L.UNIT}政府信息公开工作年度报告",), L.UNIT, L.YEAR),                    # the year before the body
])
def test_body_and_year_come_from_the_title_or_the_report(titles: tuple[str, ...], unit: str, year: int,
                                                         tmp_path: Path) -> None:
    ps = _with_title(*titles)
    r = _check(_text("r.txt", lambda: L.to_portal_text(ps, crawler=False)), tmp_path).report
    assert r is not None and (r.unit, r.year) == (unit, year)


def test_headings_numbered_as_parts_and_a_date_in_chinese_numerals(tmp_path: Path) -> None:
    titles = tuple(f"第{t[0]}部分 {t[2:]}" for t in SECTION_TITLES)
    ps = [p if p.text != f"{L.YEAR + 1}年1月20日" else L.Piece("二〇二五年一月二十日") for p in L.pieces(titles=titles)]
    result = _check(_text("r.txt", lambda: L.to_text(ps)), tmp_path)
    r = result.report
    assert r is not None and sorted(s.number for s in r.sections) == [1, 2, 3, 4, 5, 6]
    assert r.date is not None and (r.date.year, r.date.month, r.date.day) == (L.YEAR + 1, 1, 20)
    assert "SECTION-MISSING" not in [f.rule for f in result.findings] and _errors(result) == []


def test_converter_line_breaks_inside_cells(tmp_path: Path) -> None:
    """'<br>' in a converter's cell (a group label above its row's label) and HTML entities."""
    md = L.to_markdown(PS).replace("| 三、本年度办理结果 | （一）予以公开 |", "| 三、本年度办理结果<br>（一）予以公开 | &nbsp; |")
    assert "<br>" in md
    result = _check(_text("r.md", lambda: md), tmp_path)
    assert result.report is not None and {k: c.value for k, c in result.report.cells.items()} == L.cells()
    assert _errors(result) == []


def test_a_workbook_signature_date_on_its_own_row_counts(tmp_path: Path) -> None:
    r = _check(LAYOUTS["workbook.xlsx"], tmp_path).report
    assert r is not None and r.date is not None and r.date_text == f"{L.YEAR + 1}年1月20日"
