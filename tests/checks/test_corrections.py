"""checks.corrections: smallest corrections over all relations; the arithmetic findings built on them."""
from __future__ import annotations

from checks import RuleSettings
from checks.arithmetic import BUILDERS, arithmetic, relations
from checks.corrections import Relation, smallest_corrections, solve
from model.document import Location
from model.report import Sentence
from tests.support.reports import clean_report, set_cell

S = RuleSettings()


def _carry_forward_left_at_zero():
    """3 new + 1 carried from natural persons, 3 granted, 1 carried forward — typed as 0."""
    r = clean_report()
    set_cell(r, "t3.carried.natural", 1)
    set_cell(r, "t3.carried.total", 1)
    return r


def test_one_wrong_cell_is_the_fix() -> None:
    r = clean_report()
    set_cell(r, "t3.granted.natural", 4)   # the row total and the column total hold 3
    [f] = arithmetic(r, S)
    assert f.fix == {"t3.granted.natural": 3} and f.suspects is None
    # one short sentence first: the cell, what it holds, what it should hold; then the relations
    assert f.summary == "表三“（一）予以公开”行“自然人”列填 4，按勾稽关系应为 3"
    assert f.message.startswith(f.summary + "。") and "不符合" in f.detail and f.amend == "table"


def test_several_corrections_give_suspects_never_a_total_that_equals_its_parts() -> None:
    [f] = arithmetic(_carry_forward_left_at_zero(), S)
    assert f.rule == "T3-BALANCE" and f.fix is None
    assert set(f.suspects or []) == {f"t3.{row}.{c}" for row in ("new", "carried", "carry_forward")
                                     for c in ("natural", "total")}
    assert "t3.total.natural" not in (f.suspects or []) and "t3.total.natural" in f.cells
    # the short sentence says the tables cannot tell; the detail lists each way to correct, in
    # table order, both cells of each way named with the value it should have
    assert f.summary.endswith("无法确定哪些格有误") and f.amend == "table"
    assert f.suspects == ["t3.new.natural", "t3.new.total", "t3.carried.natural", "t3.carried.total",
                          "t3.carry_forward.natural", "t3.carry_forward.total"]  # table order
    ways = f.detail.split("可能的改法（只需其中一种，请核实后改正）：")[1].split("；")
    assert ways == ["①表三“一、本年新收政府信息公开申请数量”行“自然人”列由 3 改为 2、“总计”列由 3 改为 2",
                    "②表三“二、上年结转政府信息公开申请数量”行“自然人”列由 1 改为 0、“总计”列由 1 改为 0",
                    "③表三“四、结转下年度继续办理”行“自然人”列由 0 改为 1、“总计”列由 0 改为 1"]
    assert f.to_json()["suspects"] == f.suspects and "fix" not in f.to_json()


def test_a_count_in_the_text_singles_out_the_correction() -> None:
    r = _carry_forward_left_at_zero()
    r.sentences.append(Sentence("本年度结转下年度继续办理 1 件。", [Location(line=1)], 3))
    [f] = arithmetic(r, S)
    assert f.fix == {"t3.carry_forward.natural": 1, "t3.carry_forward.total": 1} and f.suspects is None
    assert "按正文所述（“结转下年度继续办理1件”）" in f.message


def test_a_text_count_both_candidates_agree_with_decides_nothing() -> None:
    r = _carry_forward_left_at_zero()
    r.sentences.append(Sentence("本年度共收到政府信息公开申请 3 件。", [Location(line=1)], 3))
    [f] = arithmetic(r, S)  # 3 = 新收 (carry_forward wrong) or 2 + 1 = 新收 + 上年结转 (新收 wrong)
    assert f.fix is None and f.suspects


def test_two_cells_swapped_in_a_row_are_one_finding_with_both_values() -> None:
    r = clean_report()
    set_cell(r, "t3.new.natural", 2)
    set_cell(r, "t3.new.legal", 1)
    set_cell(r, "t3.granted.natural", 2)
    set_cell(r, "t3.granted.legal", 1)
    set_cell(r, "t3.total.natural", 2)
    set_cell(r, "t3.total.legal", 1)
    set_cell(r, "t3.granted.natural", 1)   # swapped: 自然人 1, 法人其他 2 in the 予以公开 row
    set_cell(r, "t3.granted.legal", 2)
    [f] = arithmetic(r, S)
    assert f.rule == "T3-RESULT-TOTAL"
    assert f.fix == {"t3.granted.natural": 2, "t3.granted.legal": 1}
    # named as a swap: both cells, what each holds and the value each should have
    assert f.summary == ("表三“（一）予以公开”行“自然人”列（1）与“法律服务机构”列（2）的数字填反了，"
                         "应分别为 2 和 1")


def test_a_relation_with_an_unreadable_cell_is_left_out() -> None:
    r = clean_report()
    set_cell(r, "t3.granted.legal", None, "无")
    rels, values = relations(r, S)
    assert all("t3.granted.legal" not in rel.cells for rel in rels)
    assert "t3.granted.legal" not in values


def test_over_budget_falls_back_to_the_cells_not_provably_innocent() -> None:
    r = _carry_forward_left_at_zero()
    rels, values = relations(r, S)
    exact = smallest_corrections(values, rels)
    fallback = smallest_corrections(values, rels, budget=3)
    assert fallback.over_budget and not fallback.corrections
    # the （七）总计 of both columns equal their parts: provably innocent
    assert "t3.total.natural" not in fallback.suspects and "t3.total.total" not in fallback.suspects
    assert set(exact.suspects) <= set(fallback.suspects)


def test_no_correction_within_three_cells_gives_the_fallback() -> None:
    v = {"a": 1, "b": 0, "c": 5}
    rels = [Relation("T4-TOTAL", "x", "x", ("a",), ("b",)), Relation("T4-TOTAL", "y", "y", ("c",), ("b",))]
    out = smallest_corrections(v, rels, max_size=1)  # b would have to be both 1 and 5
    assert out.corrections == [] and out.suspects == ["a", "b", "c"]


def test_solve_tells_unique_underdetermined_and_inconsistent_apart() -> None:
    from fractions import Fraction as F
    assert solve([[F(1), F(1), F(3)], [F(1), F(-1), F(1)]], 2) == [2, 1]
    assert solve([[F(1), F(1), F(3)]], 2) is None
    assert solve([[F(1), F(0), F(3)], [F(1), F(0), F(4)]], 2) is False


def test_every_relation_of_a_clean_report_holds() -> None:
    r = clean_report()
    rels, values = relations(r, S)
    assert len(rels) == sum(len(b()) for b in BUILDERS) and not any(x.residual(values) for x in rels)


def test_too_many_broken_relations_skip_the_search() -> None:
    r = clean_report()
    for c in ("natural", "commercial", "research", "nonprofit", "legal", "other"):
        set_cell(r, f"t3.granted.{c}", 7)  # every result column and the 予以公开 row broken
        set_cell(r, f"t3.carried.{c}", 1)  # every balance and the 上年结转 row broken
    rels, values = relations(r, S)
    out = smallest_corrections(values, rels)
    assert len(out.broken) > 9 and out.corrections == [] and not out.over_budget
    assert "t3.granted.natural" in out.suspects
    found = list(arithmetic(r, S))
    assert found and all(f.fix is None for f in found) and any(f.suspects for f in found)


def test_an_error_in_table_4_does_not_blur_the_fix_in_table_3() -> None:
    from checks import RuleSettings
    from checks.arithmetic import arithmetic
    from tests.support.reports import clean_report, set_cell

    r = clean_report()  # 3 new, 3 granted, natural persons
    set_cell(r, "t3.granted.natural", 4)   # one typo in table 3: the tables say it must be 3
    set_cell(r, "t4.review.upheld", 1)     # and table 4's 行政复议 parts no longer add up
    found = list(arithmetic(r, RuleSettings()))
    t3 = [f for f in found if f.rule.startswith("T3")]
    t4 = [f for f in found if f.rule == "T4-TOTAL"]
    assert [f.fix for f in t3] == [{"t3.granted.natural": 3}] and not t3[0].suspects
    assert (t3[0].actual, t3[0].expected) == (4, 3)  # 现值 and 应为 of the cell to change
    assert len(t4) == 1 and t4[0].fix is None and set(t4[0].suspects or []) == {"t4.review.upheld", "t4.review.total"}


def test_the_sentence_that_decides_a_fix_is_not_reported_again_as_a_mismatch() -> None:
    from checks import RuleSettings, run_checks
    from model.document import Location
    from model.report import Sentence
    from tests.support.reports import clean_report, set_cell

    r = clean_report()  # 3 new, 3 granted; now 1 carried over, so one case must be carried forward
    set_cell(r, "t3.carried.natural", 1)
    set_cell(r, "t3.carried.total", 1)
    r.sentences.append(Sentence("本年度结转下年度继续办理 1 件。", [Location(line=1)], 3))
    found = [f for f in run_checks(r, RuleSettings()) if f.rule in ("T3-BALANCE", "TEXT-TABLE-MISMATCH")]
    assert [f.rule for f in found] == ["T3-BALANCE"]
    assert found[0].fix == {"t3.carry_forward.natural": 1, "t3.carry_forward.total": 1}
    assert found[0].quote == "本年度结转下年度继续办理 1 件。" and "按正文所述" in found[0].message
