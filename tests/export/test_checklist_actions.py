"""What a township acts on in the checklist: 应为 only where the tables decide it, the suspect cells
otherwise, 已核实, the quote once, and report text that can never become a live formula."""
from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

from checks.finding import SUSPECTS_LEAD, Finding
from export import build_workbook, write_checklist
from export.correction import short_key
from model.document import Location
from model.report import CellValue
from pipeline import CheckResult
from tests.export.sheets import list_rows
from tests.support.reports import clean_report, set_cell

COLS = 13


def _rows(ws) -> list[list[object]]:
    return list_rows(ws, COLS)


def _finding(rule: str, message: str, cells: list[str], **extra: object) -> Finding:
    f = Finding(rule=rule, severity="error", message=message, cells=cells, location=Location(table=1, row=3, col=2))
    for name, value in extra.items():  # fix / suspects, also before the Finding declares them
        setattr(f, name, value)
    return f


def _pos(ws, value_row_label: str, col: int) -> openpyxl.cell.Cell:
    for row in ws.iter_rows(min_col=1, max_col=3):
        for c in row:
            if c.value == value_row_label:
                return ws.cell(c.row, col)
    raise AssertionError(value_row_label)


def _fill(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:] if cell.fill.fill_type == "solid" else ""


def test_a_fix_gives_the_value_and_marks_only_the_cells_to_change() -> None:
    r = clean_report()
    set_cell(r, "t3.carry_forward.natural", 0)  # should be 1
    fix = {"t3.carry_forward.natural": 1, "t3.carry_forward.total": 1}
    f = _finding("T3-BALANCE", "表三“自然人”列收支不平衡", ["t3.total.natural", "t3.carry_forward.natural"], fix=fix)
    wb = build_workbook([CheckResult("a.docx", r, [f])])
    [row] = _rows(wb["整改清单"])
    assert row[7] == "表三“四、结转下年度继续办理”“自然人”应为 1；表三“四、结转下年度继续办理”“总计”应为 1"
    sheet = wb[wb.sheetnames[4]]
    carry = _pos(sheet, "四、结转下年度继续办理", 4)
    assert _fill(carry) == "FFC7CE" and "应改为 1" in carry.comment.text
    total = _pos(sheet, "（七）总计", 4)  # named by the relation, but not the one to change
    assert _fill(total) == "" and total.comment is None


def test_one_cell_fix_is_a_number_in_the_column() -> None:
    r = clean_report()
    f = _finding("T3-RESULT-TOTAL", "…", ["t3.total.total"], fix={"t3.total.total": 23})
    [row] = _rows(build_workbook([CheckResult("a.docx", r, [f])])["整改清单"])
    assert row[7] == 23


def test_suspects_are_listed_and_all_marked_and_no_value_is_proposed() -> None:
    r = clean_report()
    suspects = ["t3.new.natural", "t3.carried.natural", "t3.carry_forward.natural"]
    f = _finding("T3-BALANCE", "…", ["t3.total.natural", *suspects], suspects=suspects)
    f.expected = 5
    wb = build_workbook([CheckResult("a.docx", r, [f])])
    [row] = _rows(wb["整改清单"])
    assert row[7] == SUSPECTS_LEAD + "、".join(short_key(k) for k in suspects)
    assert short_key("t3.partial.natural") == "表三“（二）部分公开”“自然人”"
    sheet = wb[wb.sheetnames[4]]
    for label in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "四、结转下年度继续办理"):
        cell = _pos(sheet, label, 4)
        assert _fill(cell) == "FFC7CE" and "可能有误" in cell.comment.text
    assert _fill(_pos(sheet, "（七）总计", 4)) == ""


def test_relation_without_fix_or_suspects_proposes_no_value() -> None:
    r = clean_report()
    f = _finding("T3-ROW-TOTAL", "…", ["t3.granted.total"])
    f.expected, f.actual = 4, 3
    [row] = _rows(build_workbook([CheckResult("a.docx", r, [f])])["整改清单"])
    assert (row[6], row[7]) == (3, None)


def test_confirmed_findings_say_so_and_can_be_exported_alone(tmp_path: Path) -> None:
    r = clean_report()
    a = _finding("TEXT-SUM", "正文所列分项之和与总数不符", [])
    b = Finding(rule="VAGUE-NUMBER", severity="info", message="正文使用约数", location=Location(line=3))
    result = CheckResult("a.docx", r, [a, b])
    confirmed = {"a.docx": {a.fingerprint}}
    rows = _rows(build_workbook([result], confirmed=confirmed)["整改清单"])
    assert [(x[5], x[10]) for x in rows] == [(a.message, "是"), (b.message, "否")]
    out = write_checklist([result], tmp_path / "只含已核实.xlsx", confirmed=confirmed, only_confirmed=True)
    wb = openpyxl.load_workbook(out)
    assert [x[5] for x in _rows(wb["整改清单"])] == [a.message]
    assert _rows(wb["汇总"])[0][5:8] == [1, 0, 0]  # counts follow what is exported


def test_the_quote_is_printed_once() -> None:
    r = clean_report()
    quoted = Finding(rule="TEXT-PERCENT", severity="warning", message="正文“1条占51条的1.9%”中的比例应为 2.0%",
                     quote="1条占51条的1.9%")
    apart = Finding(rule="VAGUE-NUMBER", severity="info", message="正文使用约数", quote="发布信息160余条。")
    rows = _rows(build_workbook([CheckResult("a.docx", r, [quoted, apart])])["整改清单"])
    assert rows[0][5] == quoted.message
    assert rows[1][5] == "正文使用约数\n原文：“发布信息160余条。”"


def test_report_text_never_becomes_a_live_formula_or_breaks_the_workbook(tmp_path: Path) -> None:
    r = clean_report()
    r.unit = "=cmd|' /C calc'!A0"
    key = "t3.granted.natural"
    r.cells[key] = CellValue(key, None, '=HYPERLINK("http://example.invalid","点击")', r.cells[key].location)
    f = Finding(rule="CELL-VALUE", severity="error", message='单元格填写为“=HYPERLINK(…)”\x07，应填写数字',
                cells=[key], quote="@SUM(A1)\x0b")
    out = write_checklist([CheckResult("=danger\udcff.docx", r, [f])], tmp_path / "x.xlsx")
    wb = openpyxl.load_workbook(out)
    formulas = [c.coordinate for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    texts = {c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert any(t.startswith("=cmd|") for t in texts)               # kept, as text
    assert any(t.startswith('=HYPERLINK("http') for t in texts)
    assert any("\ufffd" in t for t in texts)                        # the control character, replaced
    with zipfile.ZipFile(out) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "<f>" not in xml


def test_a_read_only_target_is_refused_not_replaced(tmp_path: Path) -> None:
    import pytest

    from export import ExportError

    result = CheckResult("a.docx", clean_report(), [])
    locked = tmp_path / "只读.xlsx"
    locked.write_bytes(b"old")
    locked.chmod(0o444)
    with pytest.raises(ExportError, match="只读"):  # refused by the file's mode, also for root
        write_checklist([result], locked)
    assert locked.read_bytes() == b"old"


def test_a_linked_target_is_refused_not_replaced(tmp_path: Path) -> None:
    import pytest

    from export import ExportError
    from tests.support.platform import under_wine

    if under_wine():
        pytest.skip("Wine 8 makes no usable symbolic link (lstat of it fails): Windows does")
    result = CheckResult("a.docx", clean_report(), [])
    real = tmp_path / "real.xlsx"
    real.write_bytes(b"real")
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    with pytest.raises(ExportError, match="符号链接"):
        write_checklist([result], link)
    assert link.is_symlink() and real.read_bytes() == b"real"
