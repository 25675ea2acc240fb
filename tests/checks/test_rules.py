"""Each rule: a report where it fires (with the cells and values it names) and one where it must not."""
from __future__ import annotations

import pytest

from checks import RuleSettings, run_checks
from checks.arithmetic import arithmetic
from checks.cell_values import cell_values
from checks.shape import outdated_format, overview_parts, section_missing, section_title, table_missing, table_shape
from model.document import Location
from model.report import Paragraph, Report, Section, Sentence
from model.standard import SECTION_TITLES
from pipeline import check_file
from tests.support.corpus import corpus_file
from tests.support.reports import clean_report, set_cell

S = RuleSettings()


def rules_of(findings) -> list[str]:
    return [f.rule for f in findings]


def test_clean_report_has_no_arithmetic_or_cell_findings() -> None:
    r = clean_report()
    assert list(arithmetic(r, S)) == [] and list(cell_values(r, S)) == []


def test_t3_balance() -> None:
    r = clean_report()
    set_cell(r, "t3.carried.natural", 2)
    set_cell(r, "t3.carried.total", 2)   # carried 2 but nothing carried forward: 3+2 != 3+0
    [f] = arithmetic(r, S)               # two balances broken, one cause
    assert (f.rule, f.expected, f.actual, f.severity, f.fix) == ("T3-BALANCE", 5, 3, "error", None)
    # 新收, 上年结转 or 结转下年度 of both columns could be wrong; the （七）总计 equal their parts
    assert set(f.suspects or []) == {f"t3.{row}.{c}" for row in ("new", "carried", "carry_forward")
                                     for c in ("natural", "total")}
    assert {"t3.total.natural", "t3.total.total"} <= set(f.cells)
    assert "无法确定哪些格有误" in f.summary and "可能的改法" in f.detail


def test_t3_result_total_one_column() -> None:
    r = clean_report()
    set_cell(r, "t3.partial.commercial", 1)
    set_cell(r, "t3.partial.total", 1)
    set_cell(r, "t3.new.commercial", 1)
    set_cell(r, "t3.new.total", 4)
    # (七)总计 of the 商业企业 and 总计 columns not updated: four sums break, two cells are wrong
    [f] = arithmetic(r, S)
    assert (f.rule, f.cells[0], f.expected, f.actual) == ("T3-RESULT-TOTAL", "t3.total.commercial", 1, 0)
    assert f.fix == {"t3.total.commercial": 1, "t3.total.total": 4} and f.suspects is None
    assert "由 0 改为 1" in f.message and "由 3 改为 4" in f.message


def test_t3_row_total() -> None:
    r = clean_report()
    set_cell(r, "t3.granted.total", 2)
    set_cell(r, "t3.partial.total", 1)   # totals moved to the wrong row: both row sums break
    [f] = arithmetic(r, S)
    assert f.rule == "T3-ROW-TOTAL" and {"t3.granted.total", "t3.partial.total"} <= set(f.cells)
    assert (f.expected, f.actual) == (3, 2)
    assert set(f.suspects or []) == {"t3.granted.total", "t3.partial.total", "t3.granted.natural", "t3.partial.natural"}


def test_one_wrong_grand_total_is_one_finding_at_that_cell() -> None:
    r = clean_report()
    set_cell(r, "t3.total.total", 30)    # breaks the column sum, the row sum and the balance
    found = list(arithmetic(r, S))
    assert len(found) == 1
    f = found[0]
    assert (f.rule, f.cells[0], f.expected, f.actual) == ("T3-RESULT-TOTAL", "t3.total.total", 3, 30)
    assert f.fix == {"t3.total.total": 3}
    assert f.to_json()["fix"] == {"t3.total.total": 3} and "suspects" not in f.to_json()


def test_t4_total() -> None:
    r = clean_report()
    set_cell(r, "t4.review.upheld", 2)
    set_cell(r, "t4.review.corrected", 1)
    set_cell(r, "t4.review.total", 2)
    found = list(arithmetic(r, S))
    assert rules_of(found) == ["T4-TOTAL"]
    assert "t4.review.total" in found[0].cells and (found[0].expected, found[0].actual) == (3, 2)
    # lowering 维持 or 纠正, or raising 总计: 其他结果 and 尚未审结 are 0 and cannot be lowered
    assert set(found[0].suspects or []) == {"t4.review.total", "t4.review.upheld", "t4.review.corrected"}


def test_sums_with_unreadable_cells_are_not_evaluated() -> None:
    r = clean_report()
    set_cell(r, "t3.granted.natural", None, "无")
    assert list(arithmetic(r, S)) == []
    cv = list(cell_values(r, S))
    assert [(f.rule, f.severity, f.cells) for f in cv] == [("CELL-VALUE", "error", ["t3.granted.natural"])]


@pytest.mark.parametrize("value,raw,severity", [
    (None, "", "warning"), (None, "-", "error"), (-1, "-1", "error"), (1.5, "1.5", "error")])
def test_cell_value(value, raw, severity) -> None:
    r = clean_report()
    set_cell(r, "t4.suit_direct.pending", value, raw)
    found = list(cell_values(r, S))
    assert [(f.cells, f.severity) for f in found] == [(["t4.suit_direct.pending"], severity)]


def test_fee_may_be_a_decimal() -> None:
    r = clean_report()
    set_cell(r, "t2.fees.amount", 0.35)
    assert list(cell_values(r, S)) == []


def _with_sections(numbers, titles=None) -> Report:
    r = clean_report()
    for n in numbers:
        title = (titles or {}).get(n, SECTION_TITLES[n - 1])
        r.sections.append(Section(n, title, Location(line=n * 10), title == SECTION_TITLES[n - 1]))
        r.paragraphs.append(Paragraph("正文内容" * 15, Location(line=n * 10 + 1), n))
    return r


def test_section_missing() -> None:
    found = list(section_missing(_with_sections([1, 2, 3, 4, 5]), S))
    assert [(f.rule, f.severity) for f in found] == [("SECTION-MISSING", "error")]
    assert "六、其他需要报告的事项" in found[0].message
    assert list(section_missing(_with_sections([1, 2, 3, 4, 5, 6]), S)) == []


def test_section_title_and_order() -> None:
    r = _with_sections([1, 2, 3, 4, 5, 6], {2: "主动公开政府信息情况"})
    found = list(section_title(r, S))
    assert [f.severity for f in found] == ["warning"] and found[0].location.line == 20
    r = _with_sections([1, 3, 2, 4, 5, 6])
    assert any("顺序" in f.message for f in section_title(r, S))
    assert list(section_title(_with_sections([1, 2, 3, 4, 5, 6]), S)) == []


def test_overview_parts() -> None:
    r = _with_sections([1, 2, 3, 4, 5, 6])
    r.sentences = [Sentence("（一）主动公开……（二）依申请公开……（三）政府信息管理……（四）平台建设……", [Location(line=2)], 1)]
    found = list(overview_parts(r, S))
    assert [f.rule for f in found] == ["OVERVIEW-PARTS"] and "监督保障" in found[0].message
    r.sentences.append(Sentence("（五）监督保障……", [Location(line=3)], 1))
    assert list(overview_parts(r, S)) == []


def test_table_missing() -> None:
    r = clean_report()
    r.tables_found = {"t2", "t3"}
    found = list(table_missing(r, S))
    assert len(found) == 1 and "表四" in found[0].message and found[0].severity == "error"


def test_table_shape_from_a_missing_column() -> None:
    result = check_file(corpus_file("v08_xinhe_jyj.xlsx"))
    shape = [f for f in result.findings if f.rule == "TABLE-SHAPE"]
    assert len(shape) == 1 and "t3.new.total" in shape[0].cells and "总计" in shape[0].message
    assert list(table_shape(clean_report(), S)) == []


def test_label_deviation() -> None:
    result = check_file(corpus_file("v05_shiqiao_xiang.docx"))
    dev = [f for f in result.findings if f.rule == "LABEL-DEVIATION"]
    assert len(dev) == 1 and "t3.unable.not_held.natural" in dev[0].cells and dev[0].severity == "warning"


def test_outdated_format() -> None:
    result = check_file(corpus_file("v09_taoyuan_zhen.txt"))
    old = [f for f in result.findings if f.rule == "OUTDATED-FORMAT"]
    assert old and "本年新制作数量" in old[0].message and "政府集中采购" in old[0].message
    assert any("（六）其他处理" in f.message for f in old)
    assert list(outdated_format(clean_report(), S)) == []


def test_disabled_rules_are_not_run() -> None:
    r = clean_report()
    set_cell(r, "t4.review.total", 5)
    assert "T4-TOTAL" in rules_of(run_checks(r))
    assert "T4-TOTAL" not in rules_of(run_checks(r, RuleSettings(disabled_rules=["T4-TOTAL"])))


def test_findings_sorted_errors_first() -> None:
    result = check_file(corpus_file("v05_shiqiao_xiang.docx"))
    sev = [f.severity for f in result.findings]
    assert sev == sorted(sev, key=["error", "warning", "info"].index)


def test_blank_legal_columns_are_one_finding() -> None:
    from model.standard import T3_APPLICANT_COLUMNS
    r = clean_report()
    keys = [k for k in r.cells if k.startswith("t3.") and k.rsplit(".", 1)[1] in T3_APPLICANT_COLUMNS[1:]]
    for k in keys:
        set_cell(r, k, None, "")
    [f] = cell_values(r, S)
    assert f.message.startswith("表三“法人或其他组织”五列全部为空白（125 格）")
    assert sorted(f.cells) == sorted(keys) and len(keys) == 125 and f.severity == "warning"


def test_one_pattern_one_finding_rows_and_scattered_cells() -> None:
    r = clean_report()
    for c in ("upheld", "corrected", "other", "pending", "total"):
        set_cell(r, f"t4.review.{c}", None, "")        # a blank row
    for k in ("t3.denied.secret.natural", "t3.rejected.petition.legal", "t3.other.no_fee.other"):
        set_cell(r, k, None, "无")                     # '无' in three scattered cells
    set_cell(r, "t2.fees.amount", None, "无")            # and once in table 2
    found = list(cell_values(r, S))
    assert sorted((f.severity, len(f.cells)) for f in found) == [("error", 1), ("error", 3), ("warning", 5)]
    row = next(f for f in found if f.severity == "warning")
    assert row.message.startswith("表四·“行政复议”行整行为空白（5 格）")
    three = next(f for f in found if len(f.cells) == 3)
    assert "（共 3 格）填写为“无”" in three.message and three.expected == 0


@pytest.mark.parametrize("raw", ["暂无", "--", "×", "无"])
def test_a_none_mark_in_a_cell_asks_for_0(raw: str) -> None:
    r = clean_report()
    set_cell(r, "t4.review.upheld", None, raw)
    [f] = list(cell_values(r, S))
    assert f.cells == ["t4.review.upheld"] and f.expected == 0 and "没有数据的应填 0" in f.message
