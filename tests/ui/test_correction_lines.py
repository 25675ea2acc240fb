"""What the window's tooltips and detail pane say a finding asks to change (issue 27)."""
from __future__ import annotations

from checks.finding import Finding
from ui.common import correction_lines


def test_a_text_finding_whose_table_is_right_asks_to_change_the_sentence() -> None:
    f = Finding(rule="TEXT-TABLE-MISMATCH", message="正文所述与表三不一致", cells=["t3.new.total"], expected=3, actual=5,
                quote="本年新收申请 5 件", amend="text")
    assert correction_lines(f) == ["正文应改为：3（现为 5）"]


def test_a_table_fix_names_the_cell_and_its_value() -> None:
    f = Finding(rule="T3-RESULT-TOTAL", message="总计有误", cells=["t3.total.total"], fix={"t3.total.total": 23})
    [line] = correction_lines(f)
    assert line.startswith("应改为：") and line.endswith(" 23") and "总计" in line
