"""What leaves the office (issue 27): a 整改通知 only to a body with an error (a 审核通过 letter to
the others when asked), the report named by its title and date — never its file, never the office's
own words (审校台账, when it was checked) —, a later round's 复核情况, the 文号 from the settings'
start number; the township's checklist without the inspector's columns, each 依据 once, 现值 the
cells' own values."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import openpyxl
import pytest

from checks.catalogue import rule_info
from checks.finding import Finding
from checks.settings import SettingsError
from export.checklist import CHECKLIST_COLUMNS, HEADER_ROW, TOWNSHIP, build_workbook, township_path
from export.finding_text import body_text, scrub
from export.notice_settings import NoticeSettings
from export.notices import (
    NOTICE,
    PASS_LETTER,
    NoticeEntry,
    group_entries,
    letter_kind,
    notice_content,
    notice_numbers,
    notice_text,
    to_send,
)
from model.rounds import RoundState
from pipeline import CheckResult
from review.settings import Settings
from tests.support.cli import run
from tests.support.desk import CONSISTENT, WRONG_TOTAL, write_report
from tests.support.reports import clean_report, set_cell

ISSUED = dt.date(2025, 3, 1)
ARCHIVED = "（东山镇2023年报.docx，审校台账 2026-12-07 15:50 检查）"
CARRY = Finding(rule="PREV-YEAR-CARRY", severity="error", cells=["t3.carried.total"],
                message=f"表三“二、上年结转”“总计”填写为 1，与 2023 年度报告“四、结转下年度继续办理”的 2 不衔接，应为 2{ARCHIVED}")
COPIED_SELF = Finding(rule="COPIED-TEXT", severity="warning", subject="东山镇|2023",
                      message="正文与本单位 2023 年度报告有 91% 相同，可能只改了数字（东山镇2023年报.docx）")
COPIED_OTHER = Finding(rule="COPIED-TEXT", severity="warning", subject="西山镇|2024",
                       message="正文与“西山镇人民政府”的报告相似度 92%，可能套用了其他单位的报告（西山镇.pdf）")
WARN = Finding(rule="VAGUE-NUMBER", severity="warning", message="约数", quote="约 10 件", subject="w")
FILE_NAMES = ("东山镇2023年报.docx", "西山镇.pdf", "东山镇2024.pdf", "台账", ".docx", ".pdf")


def _result(name: str, unit: str, findings: list[Finding], date: dt.date | None = dt.date(2025, 1, 20)) -> CheckResult:
    r = clean_report()
    r.path, r.unit, r.year, r.date = name, unit, 2024, date
    return CheckResult(name, r, findings)


def test_a_notice_names_no_file_and_no_internal_word() -> None:
    [entry] = group_entries([_result("/x/东山镇2024.pdf", "东山镇人民政府", [CARRY, COPIED_SELF, COPIED_OTHER])])
    text = notice_text(notice_content(entry, NoticeSettings(), "1号", issued=ISSUED))
    assert not [w for w in FILE_NAMES if w in text]
    assert "西山镇" not in text  # another body's report is never named to this one
    assert "《东山镇人民政府2024年政府信息公开工作年度报告》（2025年1月20日）" in text  # by its title and date
    assert "应为 2" in text and "91% 相同" in text  # the findings themselves are all there
    assert entry.files == ["东山镇2024.pdf"]  # the file is kept for the record, only never printed


def test_the_text_for_a_body_drops_files_and_the_archive_and_nothing_else() -> None:
    assert body_text(CARRY) == CARRY.message.replace(ARCHIVED, "")
    assert scrub("请核实（文件 a.XLSX 第 3 行）。") == "请核实。"
    assert scrub("与 2023 年度报告不衔接（审校台账 2026-01-05 检查），应为 2") == "与 2023 年度报告不衔接，应为 2"
    assert scrub("表三（七）总计 应为 23（按各项之和）") == "表三（七）总计 应为 23（按各项之和）"


def test_a_body_with_no_error_gets_no_notice_and_uses_no_number() -> None:
    entries = group_entries([_result("a.pdf", "东山镇人民政府", [CARRY, WARN]), _result("b.pdf", "西山镇人民政府", [WARN]),
                             _result("c.pdf", "南山镇人民政府", [])])
    assert [letter_kind(e) for e in entries] == [NOTICE, PASS_LETTER, PASS_LETTER]
    sent = to_send(entries, only_confirmed=False)
    assert [e.body for e in sent] == ["东山镇人民政府"]
    settings = NoticeSettings(notice_start_number=41)
    assert notice_numbers(settings, sent) == ["政务公开〔2024〕41号"]  # numbered from the settings' start
    letters = to_send(entries, only_confirmed=False, pass_letters=True)
    assert notice_numbers(settings, letters) == [f"政务公开〔2024〕{n}号" for n in (41, 42, 43)]
    west = notice_content(letters[1], settings, "42号", issued=ISSUED)
    assert west.title == "关于2024年度政府信息公开工作年度报告审核通过的函"
    assert "审核通过" in west.lead[0] and "1 处（警告 1 个）建议完善" in west.lead[1] and len(west.rows) == 1
    south = notice_content(letters[2], settings, "43号", issued=ISSUED)
    assert south.rows == [] and len(south.lead) == 1


def test_only_confirmed_sends_a_notice_for_a_confirmed_error_only() -> None:
    [east] = group_entries([_result("a.pdf", "东山镇人民政府", [CARRY, WARN])])
    east.confirmed = {WARN.fingerprint}  # a confirmed warning alone is not a 整改通知
    assert letter_kind(east, True) is None and to_send([east], True, pass_letters=True) == []
    east.confirmed = {CARRY.fingerprint}
    assert letter_kind(east, True) == NOTICE


def test_a_later_round_says_what_was_corrected() -> None:
    new = Finding(rule="T4-TOTAL", severity="error", message="表四总计有误", cells=["t4.total.total"])
    entry = NoticeEntry("东山镇人民政府", 2024, ["b.pdf"], [CARRY, new, WARN], resolved=3,
                        rounds={CARRY.fingerprint: RoundState.OPEN, new.fingerprint: RoundState.NEW,
                                WARN.fingerprint: RoundState.OPEN})
    c = notice_content(entry, NoticeSettings(), "5号", issued=ISSUED)
    [review] = [p for p in c.lead if p.startswith("复核情况")]
    assert "已整改 3 项、仍未整改 2 项" in review and "新发现 1 项" in review
    assert [r[2].endswith("未整改") for r in c.rows] == [True, False, True]


def test_notice_settings_are_checked() -> None:
    assert NoticeSettings().notice_start_number == 1 and NoticeSettings().notice_pass_letters is False
    for bad, word in (({"notice_number": "公开〔{year}〕号"}, "{n}"), ({"notice_number": "公开{x}{n}号"}, "占位符"),
                      ({"notice_start_number": 0}, "起始序号"), ({"notice_deadline_days": 400}, "整改时限"),
                      ({"notice_office": " "}, "发文机关"), ({"notice_pass_letters": "yes"}, "审核通过函")):
        with pytest.raises(SettingsError, match=re.escape(word)):
            Settings(notices=NoticeSettings(**bad)).validate()  # type: ignore[arg-type]


# --- the checklists ----------------------------------------------------------------------------

def _balance_finding() -> tuple[CheckResult, Finding]:
    r = clean_report()
    set_cell(r, "t3.carry_forward.natural", 7)
    f = Finding(rule="T3-BALANCE", severity="error", message="表三“自然人”列收支不平衡：新收+结转 56，结果+结转下年 63",
                cells=["t3.total.natural", "t3.carry_forward.natural"], expected=56, actual=63,
                fix={"t3.carry_forward.natural": 0})
    return CheckResult("东山镇.docx", r, [f, WARN]), f


def test_the_township_checklist_has_no_inspector_columns_and_cites_each_basis_once() -> None:
    result, _ = _balance_finding()
    other = _result("b.pdf", "西山镇人民政府", [CARRY, WARN])
    wb = build_workbook([result, other], confirmed={result.path: {WARN.fingerprint}}, audience=TOWNSHIP)
    assert wb.sheetnames[:2] == ["整改清单", "依据"] and "汇总" not in wb.sheetnames and "已忽略" not in wb.sheetnames
    ws = wb["整改清单"]
    header = [c.value for c in ws[HEADER_ROW] if c.value]
    assert "已核实" not in header and "核实人/日期" not in header and "整改情况" in header
    assert header == [h for h, _ in CHECKLIST_COLUMNS if h not in ("已核实", "核实人/日期")]
    rows = [r for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if isinstance(r[0], int)]
    assert len(rows) == 4 and not any(v in {"是", "否"} for r in rows for v in r)
    cites = [r[header.index("依据")] for r in rows]
    legend = {r[0]: r[1] for r in wb["依据"].iter_rows(min_row=HEADER_ROW + 1, max_col=2, values_only=True) if r[0]}
    bases = [rule_info(rule).basis for rule in ("T3-BALANCE", "VAGUE-NUMBER", "PREV-YEAR-CARRY", "VAGUE-NUMBER")]
    assert [legend[c] for c in cites] == bases
    assert sorted(legend.values()) == sorted(set(bases))  # each basis once
    assert not any(b in str(v) for r in rows for v in r for b in set(bases))  # never repeated in a row
    assert not any("台账" in str(v) or ".docx" in str(v) for r in rows for v in r[header.index("问题说明"):])


def test_the_value_now_is_the_cells_own_not_a_sum() -> None:
    result, f = _balance_finding()
    ws = build_workbook([result])["整改清单"]
    header = [c.value for c in ws[HEADER_ROW]]
    row = [c.value for c in ws[HEADER_ROW + 1]]
    assert row[header.index("现值")] == 7 != f.actual  # the cell to change holds 7; 63 is a side of the balance
    assert row[header.index("应为")] == 0


def test_the_township_checklist_from_the_command_line(tmp_path: Path) -> None:
    east = write_report(tmp_path / "东山镇.txt", "东山镇", rows=WRONG_TOTAL)
    west = write_report(tmp_path / "西山镇.txt", "西山镇", rows=CONSISTENT)
    office, township = tmp_path / "留存.xlsx", tmp_path / "发报送单位.xlsx"
    p = run("check", "--json", str(east), str(west), "--xlsx", str(office), "--township-xlsx", str(township))
    assert p.returncode == 1 and json.loads(p.stdout)
    a, b = openpyxl.load_workbook(office), openpyxl.load_workbook(township)
    assert "已核实" in [c.value for c in a["整改清单"][HEADER_ROW]] and "已核实" not in [c.value for c in b["整改清单"][HEADER_ROW]]
    assert a["整改清单"].max_row == b["整改清单"].max_row  # the same findings
    assert township_path(office).name == "留存（发报送单位）.xlsx"
