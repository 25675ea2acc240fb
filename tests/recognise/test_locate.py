"""Locating the tables: spans of item indices, table 3 first, table 2 before it, table 4 after it."""
from __future__ import annotations

from recognise.locate import locate_t2, locate_t3, locate_t4
from tests.recognise.build import NARRATIVE, T4_VALUES, items_of, report_lines, t2_lines, t3_lines


def _lines_of(items, span) -> set[int]:
    return {items[i].location.line for i in range(span.start, span.stop)}


def test_spans_of_a_standard_report() -> None:
    lines = report_lines()
    items = items_of(lines)
    t3 = locate_t3(items)
    assert t3 is not None
    assert items[t3.start].text.startswith("（本列数据的勾稽关系")          # the note above the header
    assert items[t3.first].text == "一、本年新收政府信息公开申请数量"
    assert items[t3.stop - 1].location.line == lines.index("\t".join(["四、结转下年度继续办理", *["0"] * 7]))
    t2 = locate_t2(items, t3.start)
    assert t2 is not None and items[t2.first].text == "第二十条第（一）项"
    assert _lines_of(items, t2) == set(range(lines.index("第二十条第（一）项"), lines.index("三、收到和处理政府信息公开申请情况")))
    t4 = locate_t4(items, t3.stop)
    assert t4 is not None and items[t4.start].text == "行政复议"
    assert [items[i].text for i in range(t4.first, t4.stop)] == list(T4_VALUES)


def test_table2_without_its_group_rows_starts_at_the_header() -> None:
    lines = [ln for ln in t2_lines() if not ln.startswith("第二十条")]
    items = items_of([*lines, NARRATIVE])
    t2 = locate_t2(items, len(items))
    assert t2 is not None and items[t2.first].text == "信息内容"
    assert items[t2.stop].text == NARRATIVE                         # narrative ends the table


def test_nothing_to_locate() -> None:
    items = items_of(["一、总体情况", NARRATIVE])
    assert locate_t3(items) is None and locate_t2(items, len(items)) is None and locate_t4(items, 0) is None


def test_table4_anchor_without_values() -> None:
    items = items_of(["行政复议", "行政诉讼", "五、存在的主要问题及改进情况", NARRATIVE])
    t4 = locate_t4(items, 0)
    assert t4 is not None and (t4.start, t4.first, t4.stop) == (0, 1, 1)


def test_table4_one_value_per_line_stops_after_fifteen() -> None:
    items = items_of(["行政复议", "行政诉讼", *T4_VALUES, "7", "五、存在的主要问题及改进情况"])
    t4 = locate_t4(items, 0)
    assert t4 is not None and [items[i].text for i in range(t4.first, t4.stop)] == list(T4_VALUES)


def test_table3_one_cell_per_line_ends_after_the_last_rows_values() -> None:
    lines = [cell for ln in t3_lines() for cell in ln.split("\t") if cell] + ["说明：本表无其他内容"]
    items = items_of(lines)
    t3 = locate_t3(items)
    assert t3 is not None and items[t3.stop].text == "说明：本表无其他内容"
    assert [items[i].text for i in range(t3.stop - 7, t3.stop)] == ["0"] * 7
