"""Numbers longer than any real count (more than 9 digits): a CELL-VALUE finding or an unread
statement, never an exception (issue 25's fuzz classes 1 and 2)."""
from __future__ import annotations

import pytest

from checks import RuleSettings, run_checks
from checks.arithmetic import ARITHMETIC_RULES
from checks.stated import counts_in
from model.document import Location
from model.report import Sentence
from tests.support.reports import clean_report, set_cell

HUGE = "9" * 400   # float() of it is inf: a Fraction of it overflows


@pytest.mark.parametrize("value, raw", [(float(HUGE), HUGE), (int("7" * 300), "7" * 300), (1234567890, "1234567890")],
                         ids=["400-digits-inf", "300-digits", "10-digits"])
def test_a_cell_longer_than_any_count_is_a_cell_value_finding_left_out_of_the_arithmetic(value, raw) -> None:
    r = clean_report()
    set_cell(r, "t3.new.natural", value, raw)
    found = run_checks(r, RuleSettings())
    [cv] = [f for f in found if f.rule == "CELL-VALUE"]
    assert cv.cells == ["t3.new.natural"] and "超过9位" in cv.message
    assert len(cv.message) < 200  # the raw digits are not copied whole into the message
    assert not [f for f in found if f.rule in ARITHMETIC_RULES]  # its row and column are not summed


def test_a_nine_digit_cell_is_still_a_number() -> None:
    r = clean_report()
    set_cell(r, "t3.new.natural", 999_999_999)
    found = run_checks(r, RuleSettings())
    assert not [f for f in found if f.rule == "CELL-VALUE"]
    assert {f.rule for f in found} & ARITHMETIC_RULES  # the new row no longer adds up


@pytest.mark.parametrize("digits", [10, 400, 5000])
def test_a_stated_count_longer_than_nine_digits_is_not_read(digits: int) -> None:
    n = f"全年共收到政府信息公开申请{'9' * digits}件，办结{'8' * digits}件。"
    assert counts_in(n, 2024) == ()


def test_a_nine_digit_stated_count_is_read() -> None:
    assert [c.value for c in counts_in("全年共收到政府信息公开申请123456789件。", 2024)] == [123456789]


@pytest.mark.parametrize("digits", [400, 5000])
def test_sentences_with_endless_numbers_run_through_every_rule(digits: int) -> None:
    big = "9" * digits
    r = clean_report()
    texts = [f"全年共收到政府信息公开申请{big}件，其中{big}件予以公开、{big}件不予公开。",
             f"共主动公开信息{big}条，其中规范性文件{big}条，占比{big}.5%。",
             f"约有{big}余件，行政复议{big}件，行政诉讼{big}起，制发规范性文件{big}件。"]
    r.sentences = [Sentence(t, [Location(line=i + 1)], section=1) for i, t in enumerate(texts)]
    found = run_checks(r, RuleSettings())
    assert not [f for f in found if f.rule in {"TEXT-TABLE-MISMATCH", "TEXT-SUM", "TEXT-PERCENT"}]


def test_a_cell_of_endless_words_is_named_by_its_start() -> None:
    r = clean_report()
    set_cell(r, "t3.new.natural", None, "无" * 5000)
    [cv] = [f for f in run_checks(r, RuleSettings()) if f.rule == "CELL-VALUE"]
    assert "（共 5000 个字符）" in cv.message and len(cv.message) < 200
