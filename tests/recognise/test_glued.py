"""A section title a converter glued to a paragraph is still a title (recognise/glued.py)."""
from __future__ import annotations

from pathlib import Path

from importers import read_document
from recognise import recognise
from tests.support import layouts as L


def test_titles_glued_to_the_end_or_start_of_a_paragraph_are_found(tmp_path: Path) -> None:
    text = L.to_text(L.pieces())
    text = text.replace("六、其他需要报告的事项\n\n", "", 1)
    text = text.replace("上一年度报告所提问题已全部完成整改。2025年将进一步规范公开流程。",
                        "上一年度报告所提问题已全部完成整改。2025年将进一步规范公开流程。 六、其他需要报告的事项", 1)
    p = tmp_path / "glued.txt"
    p.write_text(text, encoding="utf-8")
    report = recognise(read_document(p))
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert all(s.standard for s in report.sections)
    starts = text.replace("四、政府信息公开行政复议、行政诉讼情况\n\n", "四、政府信息公开行政复议、行政诉讼情况 ", 1)
    p.write_text(starts, encoding="utf-8")
    report = recognise(read_document(p))
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert any(pa.text.startswith("本年度发生政府信息公开行政复议") and pa.section == 4 for pa in report.paragraphs)
