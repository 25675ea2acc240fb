"""The Excel correction checklist (整改清单), read back with openpyxl."""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from checks.catalogue import CATALOGUE, rule_info
from checks.finding import SUSPECTS_LEAD, Finding
from export import ExportError, build_workbook, write_checklist
from export.checklist import CHECKLIST_COLUMNS, DISMISSED_COLUMNS, HEADER_ROW, SUMMARY_COLUMNS
from export.correction import short_key
from export.names import describe_cells, unique_sheet_name
from export.requirements import requirement, rule_name
from model.standard import describe_key
from pipeline import CheckResult, check_file
from tests.export.sheets import list_rows

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("NIANBAO_CORPUS", ROOT.parent / "shared" / "corpus"))
BATCH = ("v05_shiqiao_xiang.docx", "v10_baima_zhen.docx", "u01_truncated.pdf", "v01_qinghe_scjgj.docx")
CHECKED_AT = dt.datetime(2025, 3, 1, 9, 30)
DISMISS_REASON = "行名措辞差异不影响理解，本次不要求修改"


def _corpus(name: str) -> Path:
    p = CORPUS / name
    if not p.is_file():
        pytest.skip(f"corpus file {name} not available")
    return p


def _finding(result: CheckResult, rule: str) -> Finding:
    return next(f for f in result.findings if f.rule == rule)


@pytest.fixture(scope="module")
def results() -> dict[str, CheckResult]:
    return {name: check_file(_corpus(name), keep_document=False) for name in BATCH}


@pytest.fixture(scope="module")
def dismissed(results) -> dict[str, dict[str, str]]:
    r = results["v05_shiqiao_xiang.docx"]
    return {r.path: {_finding(r, "LABEL-DEVIATION").fingerprint: DISMISS_REASON}}


@pytest.fixture(scope="module")
def xlsx(results, dismissed, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "整改清单.xlsx"
    written = write_checklist(list(results.values()), out, dismissed=dismissed, checked_at=CHECKED_AT,
                              version="9.9.9")
    assert written == out
    return out


@pytest.fixture(scope="module")
def wb(xlsx):
    return openpyxl.load_workbook(xlsx)


_rows = list_rows


def _find_cell(ws, col: int, text: str) -> int:
    """Row number of the first cell in column `col` whose value is `text`."""
    for (c,) in ws.iter_rows(min_col=col, max_col=col):
        if c.value == text:
            return c.row
    raise AssertionError(f"{text!r} not in column {col} of {ws.title}")


def _rules_in_order(results: dict[str, CheckResult]) -> list[str]:
    """Rule of each checklist row: the findings of the readable reports, in order, less the dismissed one."""
    out = []
    for name, r in results.items():
        out += [f.rule for f in r.findings if not (name == "v05_shiqiao_xiang.docx" and f.rule == "LABEL-DEVIATION")]
    return out


def _legend(wb) -> dict[str, str]:
    """依据 sheet: citation ([n]) -> the basis."""
    return {r[0]: r[1] for r in wb["依据"].iter_rows(min_row=HEADER_ROW + 1, max_col=2, values_only=True) if r[0]}


def _rgb(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:] if cell.fill.fill_type == "solid" else ""


# --- workbook shape ----------------------------------------------------------------------------

def test_sheets_in_order_with_one_table_sheet_per_readable_report(wb):
    assert wb.sheetnames == ["汇总", "整改清单", "依据", "已忽略", "石桥乡人民政府", "白马镇人民政府", "清河县市场监督管理局"]


def test_header_rows(wb):
    for name, columns in (("汇总", SUMMARY_COLUMNS), ("整改清单", CHECKLIST_COLUMNS), ("已忽略", DISMISSED_COLUMNS)):
        got = [c.value for c in wb[name][HEADER_ROW]][: len(columns)]
        assert got == [h for h, _ in columns]
    assert [h for h, _ in CHECKLIST_COLUMNS] == ["序号", "单位", "位置", "问题类别", "严重程度", "问题说明", "现值", "应为",
                                                 "整改要求", "依据", "已核实", "整改情况", "核实人/日期"]
    assert [h for h, _ in SUMMARY_COLUMNS][:10] == ["序号", "单位", "年度", "文件名", "格式", "错误数", "警告数",
                                                    "提示数", "已忽略", "结论"]


def test_list_sheets_print_freeze_and_filter(wb):
    for name, n_cols in (("汇总", 11), ("整改清单", 13), ("已忽略", 7)):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert int(ws.page_setup.fitToWidth) == 1
        assert int(ws.page_setup.fitToHeight) == 0
        assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
        assert ws.auto_filter.ref.startswith(f"A{HEADER_ROW}:{openpyxl.utils.get_column_letter(n_cols)}")
        for col in range(1, n_cols + 1):  # widths set for Chinese text, not the 8.43 default
            assert ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width >= 5


def test_report_sheets_print_on_a4_one_page_wide(wb):
    ws = wb["白马镇人民政府"]
    assert int(ws.page_setup.paperSize) == 9
    assert int(ws.page_setup.fitToWidth) == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$1:$1"
    assert "&P" in ws.oddFooter.center.text


# --- 汇总 ---------------------------------------------------------------------------------------

def test_summary_rows_counts_and_conclusions(wb, results):
    ws = wb["汇总"]
    rows = _rows(ws, 11)
    assert [r[3] for r in rows] == list(BATCH)
    by_file = {r[3]: r for r in rows}
    v10 = results["v10_baima_zhen.docx"]
    row = by_file["v10_baima_zhen.docx"]
    assert row[1:3] == ["白马镇人民政府", 2024]
    assert row[4] == "DOCX"
    assert row[5:9] == [v10.count("error"), v10.count("warning"), v10.count("info"), 0]
    assert row[9] == "需整改"
    assert _rgb(ws.cell(HEADER_ROW + 2, 10)) == "FFC7CE"
    # the dismissed warning leaves the counts of its report
    v05 = results["v05_shiqiao_xiang.docx"]
    assert by_file["v05_shiqiao_xiang.docx"][6] == v05.count("warning") - 1
    assert by_file["v05_shiqiao_xiang.docx"][8] == 1


def test_summary_unreadable_file(wb, results):
    ws = wb["汇总"]
    row = next(r for r in _rows(ws, 11) if r[3] == "u01_truncated.pdf")
    assert row[9] == "无法读取"
    assert row[10] == results["u01_truncated.pdf"].error
    assert row[10] and "损坏" in row[10]
    assert row[5:9] == [None, None, None, None]


def test_summary_totals_date_and_version(wb, results):
    ws = wb["汇总"]
    n = len(BATCH)
    total = [c.value for c in ws[HEADER_ROW + n + 1]][:11]
    assert total[1] == "合计"
    readable = [r for r in results.values() if r.report is not None]
    assert total[5] == sum(r.count("error") for r in readable)
    assert total[6] == sum(r.count("warning") for r in readable) - 1
    assert total[8] == 1
    assert "无法读取 1 份" in total[10]
    assert ws.cell(HEADER_ROW + n + 1, 2).font.b
    meta = ws.cell(2, 1).value
    assert "2025年03月01日" in meta and "9.9.9" in meta
    # the totals row stays out of the filter range, so sorting leaves it at the bottom
    assert ws.auto_filter.ref.endswith(str(HEADER_ROW + n))


def test_summary_links_to_report_sheet(wb):
    cell = wb["汇总"].cell(HEADER_ROW + 2, 11)
    assert cell.value == "详见工作表“白马镇人民政府”"
    assert cell.hyperlink.location == "'白马镇人民政府'!A1"


# --- 整改清单 -----------------------------------------------------------------------------------

def test_checklist_has_one_row_per_finding_not_dismissed(wb, results):
    rows = _rows(wb["整改清单"], 13)
    expected = sum(len(r.findings) for r in results.values()) - 1
    assert len(rows) == expected
    assert [r[0] for r in rows] == list(range(1, expected + 1))
    assert not any(r[3] == rule_name("LABEL-DEVIATION") for r in rows if r[1] == "石桥乡人民政府")
    assert all(r[11] is None and r[12] is None for r in rows)  # left for the body and the inspector
    assert {r[10] for r in rows} == {"否"}  # nothing was marked 已核实
    assert not any(re.search(r"[A-Z]{2,}-[A-Z]", str(r[3])) for r in rows)  # names, not rule ids
    # 依据 by its number: the 依据 sheet holds each basis once, the row cites it
    legend = _legend(wb)
    assert len(set(legend.values())) == len(legend)
    assert all(legend[r[9]] == rule_info(rule).basis for r, rule in zip(rows, _rules_in_order(results)))


def test_checklist_row_of_a_known_finding(wb):
    ws = wb["整改清单"]
    row = _find_cell(ws, 2, "白马镇人民政府")
    values = [c.value for c in ws[row]][:13]
    assert values[3] == rule_name("T3-RESULT-TOTAL")
    assert values[2].split("\n")[0] == describe_key("t3.total.total") == "表三·“（七）总计”行·“总计”列"
    assert "表格 2 第 27 行" in values[2]
    assert values[4] == "错误"
    assert values[6] == 32
    f = next(f for f in check_file(_corpus("v10_baima_zhen.docx")).findings if f.rule == "T3-RESULT-TOTAL")
    assert f.fix == {"t3.total.total": 23}
    assert values[7] == 23  # 应为: the one correction the tables determine
    assert values[8] == requirement("T3-RESULT-TOTAL")
    assert "国办公开办函〔2021〕30号" in _legend(wb)[values[9]]
    assert "32" in values[5] and "23" in values[5]
    assert _rgb(ws.cell(row, 5)) == "FFC7CE"
    assert ws.cell(row, 6).alignment.wrap_text


def test_checklist_cell_value_shows_the_printed_text(wb):
    ws = wb["整改清单"]
    where = describe_key("t3.denied.secret.natural")
    row = next(r for r in _rows(ws, 13) if r[2].startswith(where))
    assert row[3] == rule_name("CELL-VALUE")
    assert (row[6], row[7]) == ("无", 0)
    assert row[8].startswith("填写阿拉伯数字，没有的填 0")
    # the blank row of table 4 is one finding, placed at the row
    blank = next(r for r in _rows(ws, 13) if r[2].startswith(describe_cells("CELL-VALUE", ["t4.suit_after_review.upheld",
                                                                                          "t4.suit_after_review.total"])))
    assert blank[4] == "警告" and "整行为空白（5 格）" in blank[5]


def test_checklist_t3_balance_rows(wb, results):
    rows = [r for r in _rows(wb["整改清单"], 13) if r[1] == "清河县市场监督管理局"]
    # one cause (结转下年度 left at 0, or 新收 too high) for the three broken columns: one row,
    # placed at a suspect cell, never at the （七）总计 that equals its parts
    assert [r[3] for r in rows] == [rule_name("T3-BALANCE")]
    assert rows[0][2].startswith(describe_key("t3.new.natural"))  # the first suspect in table order
    assert not rows[0][2].startswith(describe_key("t3.total.natural"))
    f = _finding(results["v01_qinghe_scjgj.docx"], "T3-BALANCE")
    assert f.fix is None and f.suspects
    assert rows[0][7] == SUSPECTS_LEAD + "、".join(short_key(k) for k in f.suspects)
    assert "本年新收+上年结转=办理结果总计+结转下年度" in rows[0][8]
    # the innocent （七）总计 (it equals the sum of the result rows) is never the cell to change
    assert not any(str(r[7]).startswith(describe_key("t3.total.natural")) for r in rows)


# --- 已忽略 -------------------------------------------------------------------------------------

def test_dismissed_sheet_lists_the_finding_with_its_reason(wb, results):
    rows = _rows(wb["已忽略"], 7)
    assert len(rows) == 1
    f = _finding(results["v05_shiqiao_xiang.docx"], "LABEL-DEVIATION")
    no, unit, where, rule, sev, message, reason = rows[0]
    assert (no, unit, sev, reason) == (1, "石桥乡人民政府", "警告", DISMISS_REASON)
    assert rule == rule_name("LABEL-DEVIATION")
    assert message == f.message
    assert where.startswith("表三·“（四）无法提供/1.本机关不掌握相关政府信息”行")


def test_dismissed_lookup_accepts_an_equivalent_path(results, tmp_path):
    r = results["v05_shiqiao_xiang.docx"]
    f = _finding(r, "LABEL-DEVIATION")
    rel = os.path.relpath(r.path)
    wb = build_workbook([r], dismissed={rel: {f.fingerprint: ""}})
    assert _rows(wb["已忽略"], 7)[0][6] == "（未填写理由）"


# --- the sheet of one report --------------------------------------------------------------------

def test_report_sheet_marks_the_cell_of_the_finding(wb):
    ws = wb["白马镇人民政府"]
    row = _find_cell(ws, 2, "（七）总计")
    total = ws.cell(row, 10)  # J: the 总计 column of 表三
    assert total.value == 32
    assert _rgb(total) == "FFC7CE"
    assert "【错误】" in total.comment.text and rule_name("T3-RESULT-TOTAL") in total.comment.text
    assert "32" in total.comment.text
    natural = ws.cell(row, 4)
    assert natural.comment is None and _rgb(natural) == ""
    assert ws.cell(1, 1).value.startswith("白马镇人民政府　2024年度")


def test_report_sheet_labels_and_severity_fills(wb):
    ws = wb["石桥乡人民政府"]
    secret = _find_cell(ws, 3, "1.属于国家秘密")
    assert ws.cell(secret, 4).value == "无"
    assert _rgb(ws.cell(secret, 4)) == "FFC7CE" and _rgb(ws.cell(secret, 10)) == "FFC7CE"
    assert f"【错误】{rule_name('CELL-VALUE')}" in ws.cell(secret, 4).comment.text
    after_review = _find_cell(ws, 2, "复议后起诉")
    assert [_rgb(ws.cell(after_review, c)) for c in range(4, 9)] == ["FFEB9C"] * 5
    assert ws.cell(after_review, 4).comment.text.startswith("【警告】")
    # the dismissed LABEL-DEVIATION leaves no mark
    not_held = _find_cell(ws, 3, "1.本机关不掌握相关政府信息")
    assert ws.cell(not_held, 4).comment is None
    # official labels of the three tables
    assert _find_cell(ws, 1, "第二十条第（一）项")
    assert _find_cell(ws, 1, "三、本年度办理结果")
    assert _find_cell(ws, 1, "行政复议")
    legend = {ws.cell(3, c).value: _rgb(ws.cell(3, c)) for c in (4, 5, 6)}
    assert legend == {"错误": "FFC7CE", "警告": "FFEB9C", "提示": "DDEBF7"}


def test_report_without_findings_is_pass(results, tmp_path):
    r = results["v10_baima_zhen.docx"]
    clean = CheckResult(r.path, r.report, [])
    out = write_checklist([clean], tmp_path / "clean.xlsx")
    wb = openpyxl.load_workbook(out)
    assert _rows(wb["汇总"], 11)[0][9] == "合格"
    assert _rows(wb["整改清单"], 13) == []
    assert wb["整改清单"].cell(HEADER_ROW + 1, 1).value == "未发现需要整改的问题。"
    from importlib.metadata import version

    assert f"nianbao-check {version('nianbao-check')}" in wb["汇总"].cell(2, 1).value  # default version


def test_text_finding_without_cells_uses_its_location(results, tmp_path):
    from model.document import Location

    r = results["v10_baima_zhen.docx"]
    text = Finding(rule="FUTURE-RULE", severity="info", message="某项说明", location=Location(page=2), quote="原文的一句话。")
    wb = build_workbook([CheckResult(r.path, r.report, [text])])
    row = _rows(wb["整改清单"], 13)[0]
    assert row[2] == "第 3 页"
    assert row[3] == "FUTURE-RULE"
    assert row[5] == "某项说明\n原文：“原文的一句话。”"
    assert row[8] == requirement("FUTURE-RULE", "info")
    assert _rgb(wb["整改清单"].cell(HEADER_ROW + 1, 5)) == "DDEBF7"
    assert _find_cell(wb[wb.sheetnames[4]], 1, "不涉及表格单元格的问题")


# --- names and rule texts -----------------------------------------------------------------------

def test_unique_sheet_names():
    used = {"汇总"}
    long = "某某省某某市某某县某某镇人民政府关于某某事项的某某某某某某单位"
    a = unique_sheet_name(long, used)
    b = unique_sheet_name(long, used)
    assert len(a) <= 31 and len(b) <= 31 and a != b and b.endswith("(2)")
    assert unique_sheet_name("a/b:c*d?[e]\\f'g", used) == "a_b_c_d__e__f_g"
    assert unique_sheet_name("汇总", used) == "汇总(2)"
    assert unique_sheet_name("", used) == "报告"


def test_row_and_column_findings_name_the_row_or_column():
    row = [f"t3.unable.not_held.{c}" for c in ("natural", "commercial", "total")]
    assert describe_cells("LABEL-DEVIATION", row) == "表三·“（四）无法提供/1.本机关不掌握相关政府信息”行"
    col = ["t3.new.other", "t3.carried.other"]
    assert describe_cells("TABLE-SHAPE", col) == "表三·“法人或其他组织/其他”列"
    # arithmetic rules name the one cell to fix
    assert describe_cells("T3-ROW-TOTAL", ["t3.granted.total", "t3.granted.natural"]) == describe_key("t3.granted.total")
    assert describe_cells("T3-BALANCE", []) is None


def test_every_catalogued_rule_has_a_requirement():
    import re

    rules_md = (ROOT / "resources" / "format" / "rules.md").read_text(encoding="utf-8")
    ids = set(re.findall(r"^\| ([A-Z0-9]+(?:-[A-Z0-9]+)+) \|", rules_md, re.M))
    assert len(ids) > 20
    assert ids <= set(CATALOGUE) and all(CATALOGUE[i].requirement for i in ids)
    assert requirement("T3-BALANCE").startswith("核对表三该列各项数据")
    assert requirement("SECTION-MISSING") == "按标准格式补写该部分。"
    assert requirement("NO-SUCH-RULE", "warning")


# --- atomic write -------------------------------------------------------------------------------

def test_file_locked_by_another_program_keeps_the_old_file(results, tmp_path, monkeypatch):
    out = tmp_path / "清单.xlsx"
    out.write_bytes(b"old checklist")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr("export.atomic.os.replace", locked)
    with pytest.raises(ExportError) as info:
        write_checklist(list(results.values()), out)
    err = info.value
    assert isinstance(err, OSError)
    assert "清单.xlsx" in str(err) and "正在 Excel 或 WPS 中打开" in str(err) and "原有文件未被改动" in str(err)
    assert out.read_bytes() == b"old checklist"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["清单.xlsx"]  # no temporary file left


def test_failure_while_writing_leaves_nothing(results, tmp_path, monkeypatch):
    def broken(self, filename):
        raise RuntimeError("boom")

    monkeypatch.setattr("openpyxl.Workbook.save", broken)
    with pytest.raises(ExportError, match="程序内部错误：RuntimeError") as e:  # said in Chinese, never a traceback
        write_checklist(list(results.values()), tmp_path / "x.xlsx")
    assert isinstance(e.value.__cause__, RuntimeError)
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_a_clear_error(results, tmp_path):
    with pytest.raises(ExportError, match="不存在"):
        write_checklist(list(results.values()), tmp_path / "nope" / "x.xlsx")


def test_overwrites_an_existing_file(results, tmp_path):
    out = tmp_path / "x.xlsx"
    out.write_bytes(b"old")
    write_checklist([results["v10_baima_zhen.docx"]], out)
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["汇总", "整改清单"]
    assert [p.name for p in tmp_path.iterdir()] == ["x.xlsx"]


# --- command line -------------------------------------------------------------------------------

def test_cli_writes_the_checklist(tmp_path):
    src = _corpus("v10_baima_zhen.docx")
    out = tmp_path / "out.xlsx"
    proc = subprocess.run([sys.executable, "-m", "desktop", "check", str(src), "--xlsx", str(out)],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert proc.returncode == 1, proc.stderr  # the report has an error
    assert "整改清单已写入" in proc.stdout
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "整改清单", "依据", "已忽略", "白马镇人民政府"]
    rows = _rows(wb["整改清单"], 13)
    assert any(r[3] == rule_name("T3-RESULT-TOTAL") and (r[6], r[7]) == (32, 23) for r in rows)
