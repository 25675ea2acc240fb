"""The county overview from the archive, and its workbook with the two charts."""
from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from archive import Archive
from archive.overview import FIXED, MISSING, NEEDS_FIX, PASS, SUGGEST, UNKNOWN_BODY, UNREADABLE, overview
from export.overview import write_overview_workbook
from export.requirements import rule_name


def _rec(a: Archive, sha: str, unit: str | None, year: int, findings: list[tuple[str, str]], error: str | None = None):
    return a.record(sha256=sha, file=f"{sha}.pdf", unit=unit, year=year, format="pdf", cells={}, sentences=[],
                    findings=[(f"{r}||", {"rule": r, "severity": s}) for r, s in findings], error=error)


def _county(tmp_path: Path) -> Archive:
    a = Archive(tmp_path / "county.db")
    for body in ("甲镇", "乙镇", "丙镇", "丁镇"):
        _rec(a, f"{body}23", body, 2023, [])
    _rec(a, "甲1", "甲镇", 2024, [("T3-BALANCE", "error"), ("T4-TOTAL", "error"), ("VAGUE-NUMBER", "info")])
    _rec(a, "乙1", "乙镇", 2024, [("T3-BALANCE", "error"), ("VAGUE-NUMBER", "info")])
    _rec(a, "乙2", "乙镇", 2024, [("VAGUE-NUMBER", "info")])            # corrected: round 2
    v = _rec(a, "丙1", "丙镇", 2024, [("SECTION-TITLE", "warning")])
    a.set_mark(v.id, "SECTION-TITLE||", "dismissed", "格式可接受")       # dismissed: not counted
    _rec(a, "坏", None, 2024, [], error="文件已损坏")
    return a                                                             # 丁镇 sent nothing for 2024


def test_status_counts_and_rules_per_body(tmp_path: Path) -> None:
    with _county(tmp_path) as a:
        ov = overview(a, 2024)
    by = {r.body: r for r in ov.rows}
    assert {b: r.status for b, r in by.items()} == {"甲镇": NEEDS_FIX, "乙镇": FIXED, "丙镇": PASS, "丁镇": MISSING,
                                                    UNKNOWN_BODY: UNREADABLE}
    assert [r.body for r in ov.rows] == ["甲镇", UNKNOWN_BODY, "丁镇", "乙镇", "丙镇"]   # worst first
    assert by[UNKNOWN_BODY].file == "坏.pdf"  # the unreadable file of no known body, by its name
    assert by["甲镇"].counts == {"error": 2, "warning": 0, "info": 1}
    assert by["乙镇"].round == 2 and by["乙镇"].resolved == 1 and by["乙镇"].file == "乙2.pdf"
    assert by["丙镇"].counts["warning"] == 0
    assert ov.by_rule == {"VAGUE-NUMBER": 2, "T3-BALANCE": 1, "T4-TOTAL": 1}
    assert ov.unreadable == ["坏.pdf"]
    assert ov.status_counts() == {NEEDS_FIX: 1, UNREADABLE: 1, MISSING: 1, SUGGEST: 0, FIXED: 1, PASS: 1}
    # the statuses of the reports add up to the reports of the year: 甲1, 乙2 (乙1's later round), 丙1, 坏;
    # with 乙1 to the five files of the year
    assert ov.reports == 4 == sum(n for s, n in ov.status_counts().items() if s != MISSING)
    assert (ov.earlier, ov.files) == (1, 5)
    assert ov.summary() == ("共 4 份报告（共收到 5 份文件，其中 1 份已由同一单位后来报送的版本取代）："
                            "需整改 1，无法读取 1，建议完善 0，已整改 1，合格 1；上年报送、本年未报送 1 个单位")


def test_the_overview_workbook_has_its_rows_and_charts(tmp_path: Path) -> None:
    with _county(tmp_path) as a:
        ov = overview(a, 2024)
    out = write_overview_workbook(ov, tmp_path / "总览.xlsx")
    wb = load_workbook(out)
    ws = wb["县域总览"]
    assert [c.value for c in ws[4]][:8] == [1, "甲镇", NEEDS_FIX, "甲1.pdf", 1, 2, 0, 1]
    assert [c.value for c in ws[5]][:4] == [2, UNKNOWN_BODY, UNREADABLE, "坏.pdf"]
    assert ws.cell(6, 2).value == "丁镇" and ws.cell(6, 3).value == MISSING
    rules = wb["按问题类别"]
    assert [(r[0].value, r[2].value) for r in rules.iter_rows(min_row=3)] == [
        (rule_name("VAGUE-NUMBER"), 2), (rule_name("T3-BALANCE"), 1), (rule_name("T4-TOTAL"), 1)]
    assert not any(isinstance(c.value, str) and "-" in c.value and c.value.isascii() for row in rules.iter_rows() for c in row)
    chart_sheet = wb["各单位问题数"]  # the bodies' chart on a sheet (a printed page) of its own, sized to one page
    assert wb.sheetnames == ["县域总览", "各单位问题数", "按问题类别"]
    assert len(ws._charts) == 0 and len(chart_sheet._charts) == 1 and len(rules._charts) == 1
    assert chart_sheet._charts[0].height <= 16.5 and chart_sheet._charts[0].x_axis.tickLblSkip == 1
    assert ws.print_title_rows == "$3:$3" and ws.page_setup.orientation == "landscape"
    heights = [ws.row_dimensions[r].height for r in range(4, 4 + len(ov.rows))]
    assert all(h and h >= 14 for h in heights)  # heights set from the wrapped text: nothing spills into the next row
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4


def test_a_body_name_looking_like_a_formula_is_text(tmp_path: Path) -> None:
    with Archive(tmp_path / "f.db") as a:
        _rec(a, "x", "=HYPERLINK(\"http://x\",\"镇\")", 2024, [])
        ov = overview(a, 2024)
    ws = load_workbook(write_overview_workbook(ov, tmp_path / "f.xlsx"))["县域总览"]
    cell = ws.cell(4, 2)
    assert cell.data_type == "s" and str(cell.value).startswith("=HYPERLINK")


def test_an_unreadable_file_counts_for_the_body_its_name_holds(tmp_path: Path) -> None:
    from review.rounds import year_in_name

    assert year_in_name("石桥乡2024年报.pdf") == 2024 and year_in_name("报告.pdf") is None
    with Archive(tmp_path / "u.db") as a:
        _rec(a, "s23", "石桥乡人民政府", 2023, [])
        v = _rec(a, "s24", None, 2024, [], error="文件已损坏")  # file "s24.pdf": no body in its name
        assert v.body_id is None
        v2 = a.record(sha256="s24b", file="石桥乡2024年报.pdf", unit=None, year=2024, format="pdf", cells={},
                      sentences=[], findings=[], error="文件已损坏")
        assert v2.body == "石桥乡人民政府"
        ov = overview(a, 2024)
    assert [(r.body, r.status, r.file) for r in ov.rows] == [("石桥乡人民政府", UNREADABLE, "石桥乡2024年报.pdf"),
                                                            (UNKNOWN_BODY, UNREADABLE, "s24.pdf")]
    assert ov.unreadable == ["s24.pdf"] and ov.reports == 2


def test_a_large_county_gets_one_chart_a_page_every_body_named(tmp_path: Path) -> None:
    from export.overview import BARS_PER_CHART, ROWS_PER_PAGE
    with Archive(tmp_path / "big.db") as a:
        for i in range(BARS_PER_CHART + 5):
            _rec(a, f"b{i}", f"第{i}镇", 2024, [("T3-BALANCE", "error")] * (i % 3))
        ov = overview(a, 2024)
    wb = load_workbook(write_overview_workbook(ov, tmp_path / "大.xlsx"))
    sheet = wb["各单位问题数"]
    charts = sheet._charts
    assert len(charts) == 2 and [c.anchor._from.row for c in charts] == [0, ROWS_PER_PAGE]
    assert [b.id for b in sheet.row_breaks.brk] == [ROWS_PER_PAGE]  # the second chart starts a page
    bars = [c.series[0].cat.numRef.f for c in charts]
    assert bars == [f"'县域总览'!$B$4:$B${3 + BARS_PER_CHART}", f"'县域总览'!$B${4 + BARS_PER_CHART}:$B${3 + len(ov.rows)}"]
