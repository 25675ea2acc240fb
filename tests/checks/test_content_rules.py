"""Content rules and checks across reports: each fires where it should and stays quiet where not."""
from __future__ import annotations

import datetime as dt

import pytest

from checks import RuleSettings
from checks.batch import run_batch_checks
from checks.body import gov_evaluation_missing, in_force_low, regulations_level, unit_mismatch
from checks.dates import date_malformed, publish_late, year_mismatch
from checks.statements import basis_outdated, enumeration, fee_statement_missing, prior_year_review_missing
from checks.text_numbers import text_percent, text_sum, vague_number
from checks.text_tables import text_table_mismatch
from model.document import Location
from model.report import Report, Section, Sentence
from model.standard import SECTION_TITLES
from pipeline import check_file
from tests.support.corpus import corpus_file
from tests.support.reports import clean_report, set_cell

S = RuleSettings()


def with_text(*sentences: tuple[int | None, str], report: Report | None = None) -> Report:
    r = report or clean_report()
    for n in range(1, 7):
        r.sections.append(Section(n, SECTION_TITLES[n - 1], Location(line=n * 100), True))
    for k, (section, text) in enumerate(sentences):
        r.sentences.append(Sentence(text, [Location(line=k + 1)], section))
    return r


def rules(findings) -> list[str]:
    return [f.rule for f in findings]


# --- text against tables (clean_report: 3 new applications, 0 carried, 0 carried forward) ----

@pytest.mark.parametrize("text", [
    "2024年，我镇共收到政府信息公开申请3件，均已按时办结。",
    "本年度受理政府信息公开申请 3 件。",
    "全年未发生政府信息公开行政复议、行政诉讼。",
    "本年度办结3件，其中予以公开3件。",
])
def test_text_table_agreement_is_quiet(text: str) -> None:
    assert list(text_table_mismatch(with_text((1, text)), S)) == []


def test_received_may_include_last_years_carry_over() -> None:
    r = clean_report()
    set_cell(r, "t3.carried.natural", 2)
    set_cell(r, "t3.carried.total", 2)
    # 收到 5 件 = 新收 3 + 上年结转 2: accepted
    assert list(text_table_mismatch(with_text((1, "共收到政府信息公开申请5件。"), report=r), S)) == []


@pytest.mark.parametrize("text,cells,expected,actual", [
    ("本年度共办结政府信息公开申请5件。", ["t3.total.total"], 3, 5),
    ("2024年，我镇共收到政府信息公开申请7件。", ["t3.new.total", "t3.carried.total"], 3, 7),
    ("2024年，我镇未收到政府信息公开申请。", ["t3.new.total"], 3, 0),
])
def test_application_count_mismatch(text, cells, expected, actual) -> None:
    [f] = text_table_mismatch(with_text((1, text)), S)
    assert (f.rule, f.severity, f.cells, f.expected, f.actual) == ("TEXT-TABLE-MISMATCH", "error", cells, expected, actual)
    assert f.location.line == 1 and f.quote == text


def test_no_review_stated_but_table_has_one() -> None:
    r = clean_report()
    set_cell(r, "t4.review.upheld", 1)
    set_cell(r, "t4.review.total", 1)
    [f] = text_table_mismatch(with_text((1, "全年未发生因政府信息公开引起的行政复议、行政诉讼。"), report=r), S)
    assert f.cells == ["t4.review.total"] and f.expected == 1


def test_all_done_but_carried_forward() -> None:
    r = clean_report()
    set_cell(r, "t3.carry_forward.natural", 1)
    set_cell(r, "t3.carry_forward.total", 1)
    found = list(text_table_mismatch(with_text((1, "共收到申请3件，均已办结。"), report=r), S))
    assert [f.cells for f in found] == [["t3.carry_forward.total"]]


def test_corpus_text_table_mismatch() -> None:
    result = check_file(corpus_file("v04_anping_zrzyj.txt"))
    found = [f for f in result.findings if f.rule == "TEXT-TABLE-MISMATCH"]
    assert found and found[0].cells[0] == "t4.review.total" and "行政复议" in found[0].quote


# --- sums, shares, vague counts ------------------------------------------------------------

def test_text_sum() -> None:
    bad = "主动公开政府信息132条，其中工作动态49条、机构职能33条、社会救助47条。"
    [f] = text_sum(with_text((1, bad)), S)
    assert (f.severity, f.expected, f.actual) == ("error", 129, 132)
    good = "主动公开政府信息129条，其中工作动态49条、机构职能33条、社会救助47条。"
    assert list(text_sum(with_text((1, good)), S)) == []


def test_text_sum_whole_in_previous_sentence_and_parts_over_semicolons() -> None:
    r = with_text((1, "公开信息共 51 条。"),
                  (1, "其中公共服务类 30 条，占比 58.8%；乡村振兴 12 条，占比 23.5%；通知公告类 8 条；组织概况 1 条。"))
    assert list(text_sum(r, S)) == []


def test_text_sum_parts_of_a_nearer_number_are_not_a_mismatch() -> None:
    r = with_text((1, "主动公开政府信息总计236条,门户网站公开政府信息数64;"
                      "其中工作动态41条、财政资金2条、乡镇建设15条、权责清单6条;政务公开栏公开信息数172条。"))
    assert list(text_sum(r, S)) == []


def test_text_percent() -> None:
    r = with_text((1, "公开信息共 51 条。"), (1, "其中公共服务类 30 条，占比 58.8%；组织概况 1 条，占比 1.9%。"))
    [f] = text_percent(r, S)
    assert (f.rule, f.severity, f.expected, f.actual) == ("TEXT-PERCENT", "warning", 2.0, 1.9)
    right = with_text((1, "公开信息共 51 条。"), (1, "其中公共服务类 30 条，占比 58.8%；组织概况 1 条，占比 2.0%；其余 20 条，占比 39%。"))
    assert list(text_percent(right, S)) == []


def test_vague_number() -> None:
    [f] = vague_number(with_text((1, "主动公开信息 160 余条。")), S)
    assert f.severity == "info" and "160余条" in f.message
    assert list(vague_number(with_text((1, "主动公开信息 160 条，2024年多措并举。")), S)) == []


# --- body ---------------------------------------------------------------------------------

def test_regulations_level() -> None:
    r = clean_report()
    r.unit = "平山县住房和城乡建设局"
    set_cell(r, "t2.regulations.issued", 1)
    [f] = regulations_level(r, S)
    assert f.severity == "error" and f.cells[0] == "t2.regulations.issued"
    r.unit = "某某市人民政府"
    assert list(regulations_level(r, S)) == []
    r.unit = "某某市人民政府"
    assert list(regulations_level(r, RuleSettings(body_level="county"))) != []


def test_in_force_low() -> None:
    r = clean_report()
    set_cell(r, "t2.normative.issued", 5)
    set_cell(r, "t2.normative.in_force", 3)
    [f] = in_force_low(r, S)
    assert f.cells[0] == "t2.normative.in_force" and f.severity == "warning"
    set_cell(r, "t2.normative.in_force", 9)
    assert list(in_force_low(r, S)) == []


def test_gov_evaluation_missing() -> None:
    r = with_text((1, "我镇认真落实政务公开工作。"))
    assert rules(gov_evaluation_missing(r, S)) == ["GOV-EVALUATION-MISSING"]
    r = with_text((1, "我镇将政务公开纳入年度绩效考核，未发生责任追究情况。"))
    assert list(gov_evaluation_missing(r, S)) == []
    r = with_text((1, "我局认真落实政务公开工作。"))
    r.unit = "清河县市场监督管理局"
    assert list(gov_evaluation_missing(r, S)) == []


def test_unit_mismatch() -> None:
    r = with_text((None, "本报告由东明镇人民政府编制。"), (1, "2024年，我镇认真落实政务公开工作。"))
    r.unit = "石桥乡人民政府"
    found = list(unit_mismatch(r, S))
    assert rules(found) == ["UNIT-MISMATCH"] * len(found) and len(found) >= 2
    assert any("东明镇" in f.message for f in found) and any("我镇" in f.message for f in found)
    ok = with_text((None, "本报告由石桥乡人民政府编制。"), (1, "2024年，我乡认真落实政务公开工作。"))
    ok.unit = "石桥乡人民政府"
    assert list(unit_mismatch(ok, S)) == []


# --- dates --------------------------------------------------------------------------------

def test_year_mismatch_in_the_statistics_period() -> None:
    r = with_text((None, "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。"))
    [f] = year_mismatch(r, S)
    assert (f.expected, f.actual) == (2024, 2023)
    ok = with_text((None, "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。"), (1, "与2023年相比，申请数量有所增加。"))
    assert list(year_mismatch(ok, S)) == []


def test_year_mismatch_in_an_opening_sentence() -> None:
    [f] = year_mismatch(with_text((1, "2023年，我镇认真落实政务公开工作。")), S)
    assert f.actual == 2023


def test_date_malformed() -> None:
    assert rules(date_malformed(with_text((None, "统计期限为20241月1日至2024年12月31日。")), S)) == ["DATE-MALFORMED"]
    short = with_text((None, "本报告统计期限自2024年1月1日起至2024年11月30日止。"))
    assert rules(date_malformed(short, S)) == ["DATE-MALFORMED"]
    assert list(date_malformed(with_text((None, "统计期限自2024年1月1日起至2024年12月31日止。")), S)) == []


def test_publish_late_uses_the_deadline_setting() -> None:
    r = with_text((6, "特此报告。"))
    r.date = dt.date(2025, 2, 18)
    [f] = publish_late(r, S)
    assert f.severity == "error" and "逾期 18 天" in f.message
    assert list(publish_late(r, RuleSettings(deadline_month=2, deadline_day=28))) == []
    r.date = dt.date(2025, 1, 24)
    assert list(publish_late(r, S)) == []


def test_publish_late_on_the_corpus() -> None:
    result = check_file(corpus_file("v06_pingshan_zjj.pdf"))
    late = [f for f in result.findings if f.rule == "PUBLISH-LATE"]
    assert late and late[0].location.page is not None
    assert not [f for f in check_file(corpus_file("seed4_guantou.txt")).findings if f.rule == "PUBLISH-LATE"]


# --- statements -----------------------------------------------------------------------------

def test_fee_statement_missing() -> None:
    assert rules(fee_statement_missing(with_text((6, "无其他需要报告的事项。")), S)) == ["FEE-STATEMENT-MISSING"]
    assert list(fee_statement_missing(with_text((6, "本年度未收取信息处理费。")), S)) == []


def test_prior_year_review_missing() -> None:
    assert rules(prior_year_review_missing(with_text((5, "存在问题：公开内容不够丰富。")), S)) == ["PRIOR-YEAR-REVIEW-MISSING"]
    ok = with_text((5, "针对上一年度报告中提出的栏目更新不及时问题，已全部整改到位。"))
    assert list(prior_year_review_missing(ok, S)) == []


def test_basis_outdated() -> None:
    old = with_text((None, "本报告依据《政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）编制。"))
    assert rules(basis_outdated(old, S)) == ["BASIS-OUTDATED"]
    assert list(basis_outdated(with_text((None, "依据国办公开办函〔2021〕30号编制。")), S)) == []


def test_enumeration() -> None:
    found = list(enumeration(with_text((1, "一是加强领导；二是完善制度；三是强化监督；三是加强培训。")), S))
    assert rules(found) == ["ENUMERATION"] and found[0].severity == "info"
    heads = with_text((5, "（一）问题一。"), (5, "（三）问题三。"))
    assert rules(enumeration(heads, S)) == ["ENUMERATION"]
    fine = with_text((5, "（一）问题。"), (5, "（二）问题。"), (5, "（一）计划。"), (5, "一是甲；二是乙。"))
    assert list(enumeration(fine, S)) == []


# --- across reports ---------------------------------------------------------------------------

def _year(unit: str, year: int, forward: int = 0, carried: int = 0) -> Report:
    r = clean_report()
    r.unit, r.year, r.path = unit, year, f"{unit}{year}.docx"
    set_cell(r, "t3.carry_forward.natural", forward)
    set_cell(r, "t3.carry_forward.total", forward)
    set_cell(r, "t3.carried.natural", carried)
    set_cell(r, "t3.carried.total", carried)
    return r


def test_prev_year_carry() -> None:
    found = run_batch_checks([_year("白马镇人民政府", 2023, forward=2), _year("白马镇人民政府", 2024, carried=1)])
    assert found[0] == []
    carry = [f for f in found[1] if f.rule == "PREV-YEAR-CARRY"]
    assert sorted(f.cells[0] for f in carry) == ["t3.carried.natural", "t3.carried.total"]
    assert all((f.expected, f.actual, f.severity) == (2, 1, "error") for f in carry)
    ok = run_batch_checks([_year("白马镇人民政府", 2023, forward=1), _year("白马镇人民政府", 2024, carried=1)])
    assert [f for f in ok[1] if f.rule == "PREV-YEAR-CARRY"] == []


def test_prev_year_in_force() -> None:
    a, b = _year("白马镇人民政府", 2023), _year("白马镇人民政府", 2024)
    set_cell(a, "t2.normative.in_force", 5)
    set_cell(b, "t2.normative.issued", 1)
    set_cell(b, "t2.normative.in_force", 9)
    found = [f for f in run_batch_checks([a, b])[1] if f.rule == "PREV-YEAR-IN-FORCE"]
    assert [(f.expected, f.actual) for f in found] == [(6, 9)]


def test_copied_text_between_bodies_states_the_similarity() -> None:
    text = [(1, "2024年，我镇坚持以人民为中心，扎实推进政务公开标准化规范化建设，主动公开政府信息，回应社会关切。"),
            (1, "我镇严格执行信息发布审核制度，落实三审三校，加强政务公开专区建设，提升群众满意度和获得感。")]
    a = with_text(*text, report=_year("白马镇人民政府", 2024))
    b = with_text(*text, report=_year("桃源镇人民政府", 2024))
    c = with_text((1, "本局围绕自然资源管理中心工作，推进不动产登记、耕地保护等领域信息公开，及时发布征地信息。"),
                  (1, "我局加强政府网站栏目维护，规范依申请公开办理流程，全年办理情况良好，未发生复议诉讼。"),
                  report=_year("安平县自然资源局", 2024))
    found = run_batch_checks([a, b, c])
    assert [f.rule for f in found[0]] == ["COPIED-TEXT"] and "100%" in found[0][0].message
    assert found[2] == []


def test_the_command_line_runs_batch_checks(tmp_path) -> None:
    src = corpus_file("v04_anping_zrzyj.txt").read_text(encoding="utf-8")
    prev = src.replace("2024", "2023").replace("四、结转下年度继续办理\t\t\t2\t0\t0\t0\t0\t0\t2",
                                               "四、结转下年度继续办理\t\t\t3\t0\t0\t0\t0\t0\t3")
    (tmp_path / "2023.txt").write_text(prev, encoding="utf-8")
    (tmp_path / "2024.txt").write_text(src, encoding="utf-8")
    import json

    from tests.support.cli import run
    out = json.loads(run("check", "--json", str(tmp_path)).stdout)
    carry = [f for f in out[1]["findings"] if f["rule"] == "PREV-YEAR-CARRY"]
    assert {f["cells"][0] for f in carry} == {"t3.carried.natural", "t3.carried.commercial", "t3.carried.total"}


def test_no_review_nor_suit_stated_but_table_has_both_is_one_finding() -> None:
    r = clean_report()
    for k in ("t4.review.upheld", "t4.review.total", "t4.suit_direct.pending", "t4.suit_direct.total"):
        set_cell(r, k, 1)
    [f] = text_table_mismatch(with_text((1, "全年未发生因政府信息公开引起的行政复议、行政诉讼。"), report=r), S)
    assert f.cells == ["t4.review.total", "t4.suit_direct.total", "t4.suit_after_review.total"]
    assert "行政复议 1 件、行政诉讼 1 件" in f.message


def test_unit_mismatch_knows_the_unit_however_its_name_is_written() -> None:
    """UNIT-MISMATCH asks model.bodies for the body's identity (issue 26): the unit named with its
    county, with a space or as 简称 is the unit itself; another township is still named."""
    r = with_text((None, "本报告由洪泽区白马镇人民政府编制。"),
                  (1, "2024年，白马镇 人民政府认真落实政务公开工作，洪泽区白马镇人民政府主要负责同志牵头。"),
                  (1, "黄山镇人民政府派员参加了培训。"))
    for unit in ("白马镇人民政府", "淮安市洪泽区白马镇人民政府", "白马镇政府", "白马镇"):
        r.unit = unit
        found = list(unit_mismatch(r, S))
        assert [f.subject for f in found] == ["other:黄山镇人民政府"], unit
