"""The texts the window shows about a selection: findings heading, a finding's place, a cell."""
from __future__ import annotations

from checks.finding import SUSPECTS_LEAD, Finding
from desktop import detail
from model.document import Location
from model.marks import Mark
from pipeline import CheckResult
from review.session import Entry, EntryState
from tests.support.reports import clean_report


def _entry() -> tuple[Entry, Finding]:
    r = clean_report()
    f = Finding(rule="T3-RESULT-TOTAL", severity="error", message="办理结果合计不符", cells=["t3.total.total"],
                expected=23, actual=32, fix={"t3.total.total": 23})
    return Entry("/a/白马镇.docx", EntryState.DONE, CheckResult(r.path, r, [f]), "s" * 64), f


def test_findings_title_counts_active_findings_and_marks() -> None:
    e, f = _entry()
    assert detail.findings_title(None) == "问题"
    assert detail.findings_title(e) == "问题：错误 1　警告 0　提示 0"
    e.marks = {f.fingerprint: Mark("dismissed", "核实无误")}
    assert detail.findings_title(e) == "问题：错误 0　警告 0　提示 0　（已忽略 1）"


def test_a_finding_on_the_whole_document_is_placed_at_its_first_cell() -> None:
    e, f = _entry()
    report = e.result.report
    assert f.location.is_document
    place = detail.finding_place(f, report)
    assert place == report.cells["t3.total.total"].location
    text = detail.finding_detail(f, None, place)
    assert "应改为：表三·“（七）总计”行·“总计”列 23" in text and text.endswith(f"原文位置：{place.describe()}")
    assert "依据：《中华人民共和国政府信息公开工作年度报告格式》" in text
    placed = Finding(rule="TEXT-SUM", severity="warning", message="分项之和不符", location=Location(line=4))
    assert detail.finding_place(placed, report) == Location(line=4)


def test_a_relation_without_one_correction_names_its_suspects_and_proposes_no_value() -> None:
    suspects = ["t3.new.natural", "t3.carry_forward.natural"]
    f = Finding(rule="T3-BALANCE", severity="error", message="收支不平衡", cells=["t3.total.natural", *suspects],
                expected=32, actual=31, suspects=suspects)
    text = detail.finding_detail(f, None, Location())
    assert f"{SUSPECTS_LEAD}表三·“一、本年新收政府信息公开申请数量”行·“自然人”列、" in text
    assert "应为" not in text and "应改为" not in text


def test_cell_detail_and_batch_message() -> None:
    e, f = _entry()
    report = e.result.report
    text = detail.cell_detail("t3.total.total", report, [f], {})
    assert text.splitlines()[0].endswith(f"填写“3”　原文位置：{report.cells['t3.total.total'].location.describe()}")
    assert "【错误】表三办理结果合计：办理结果合计不符" in text
    del report.cells["t3.new.natural"]
    assert detail.cell_detail("t3.new.natural", report, [], {}).endswith("报告中未找到这一格")
    bad = Entry("/a/扫描.pdf", EntryState.FAILED, CheckResult("/a/扫描.pdf", error="扫描件"))
    assert detail.batch_message([e, bad], 3) == "已打开 2 份报告，其中 1 份无法读取；已取消 3 个文件"
