"""Labels and their matching: section headings, table-3 rows and groups, header words, thresholds."""
from __future__ import annotations

import dataclasses

import pytest

from model.document import Location
from model.standard import SECTION_TITLES, T3_COLUMNS
from model.textnorm import is_value_text, norm
from recognise.items import Item
from recognise.settings import DEFAULTS
from recognise.vocabulary import (
    T3_GROUPS,
    is_narrative,
    is_t4_anchor,
    match_t3_row,
    section_number,
    t3_columns,
    t3_group,
)


def item(text: str, whole_line: bool = True) -> Item:
    n = norm(text)
    return Item(0, text, n, Location(line=0), 0, False, whole_line, bool(n) and is_value_text(text))


@pytest.mark.parametrize("number,title", list(enumerate(SECTION_TITLES, start=1)))
def test_the_six_standard_titles_are_their_sections(number: int, title: str) -> None:
    assert section_number(item(title)) == number


@pytest.mark.parametrize("text,number", [
    ("主动公开政府信息情况", 2),           # the ordinal left out
    ("三、收到和处理政府信息公开申请情况：", 3),
    ("（一）主动公开政府信息情况", None),   # a part of section 一, not section 二
    ("二、主动公开政府信息情况" + "以及其他很多说明文字" * 3, None),
    ("3", None),
])
def test_section_headings_by_their_wording(text: str, number: int | None) -> None:
    assert section_number(item(text)) == number


def test_table3_rows_exact_wrapped_and_reworded() -> None:
    exact = match_t3_row(item("1.属于国家秘密"))
    assert exact is not None and (exact.row.row, exact.exact) == ("denied.secret", True)
    wrapped = match_t3_row(item("（二）部分公开（区分处理的，只计这一情形，"))  # the rest on the next line
    assert wrapped is not None and (wrapped.row.row, wrapped.exact) == ("partial", True)
    reworded = match_t3_row(item("1.本机关不掌握该政府信息"))
    assert reworded is not None and (reworded.row.row, reworded.exact) == ("unable.not_held", False)


@pytest.mark.parametrize("text", ["总计", "其他", "12", "申请人情况"])
def test_column_headers_and_values_are_not_rows(text: str) -> None:
    assert match_t3_row(item(text)) is None


def test_the_ordinal_must_agree() -> None:
    m = match_t3_row(item("（七）总计"))
    assert m is not None and m.row.row == "total"
    assert match_t3_row(item("（九）予以公开")) is None


def test_thresholds_come_from_the_settings() -> None:
    strict = dataclasses.replace(DEFAULTS, row_score=0.99)
    assert match_t3_row(item("1.本机关不掌握该政府信息"), strict) is None
    assert match_t3_row(item("1.属于国家秘密"), strict) is not None
    short = dataclasses.replace(DEFAULTS, short_label_len=5)
    assert section_number(item("一、总体情况"), short) is None


def test_groups_come_from_the_standard() -> None:
    assert T3_GROUPS == ("三、本年度办理结果", "(三)不予公开", "(四)无法提供", "(五)不予处理", "(六)其他处理")
    assert t3_group(item("（六）其他处理")) == "(六)其他处理"
    assert t3_group(item("（三）不予")) == "(三)不予公开"   # cut by a wrap
    assert t3_group(item("（四）不予公开")) is None          # wrong ordinal


def test_t3_columns_from_header_words() -> None:
    header = [item(w, False) for w in ("申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织",
                                      "法律服务机构", "其他")]
    assert t3_columns(header) == T3_COLUMNS[:-1]              # no 总计
    wrapped = [item(w, False) for w in ("自然人", "商业企业", "科研机构", "公益组织", "法律", "其他", "总计")]
    assert t3_columns(wrapped) == T3_COLUMNS
    assert t3_columns([item("申请人情况")]) == T3_COLUMNS      # unreadable header: the standard columns


def test_t4_anchor_and_narrative() -> None:
    assert is_t4_anchor(item("行政复议")) and is_t4_anchor(item("行政复议情况"))
    assert not is_t4_anchor(item("行政复议决定书送达情况说明"))
    assert is_narrative(item("本" * (DEFAULTS.narrative_len + 1)))
    assert not is_narrative(item("本" * (DEFAULTS.narrative_len + 1), whole_line=False))
