"""The notice's content as data (export.notices.notice_content): what the .docx and the print preview both say."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document

from checks.finding import Finding
from export.notice_settings import NoticeSettings
from export.notices import COLUMNS, NoticeEntry, group_entries, notice_content, notice_of, write_notices
from pipeline import CheckResult

FIX = Finding(rule="T3-RESULT-TOTAL", severity="error", message="表三总计有误", cells=["t3.total.total"],
              fix={"t3.total.total": 3})
TEXT = Finding(rule="TEXT-TABLE-MISMATCH", severity="error", message="正文与表格不一致", quote="收到申请 5 件", subject="s1")


def test_the_docx_says_what_the_content_says(tmp_path: Path) -> None:
    settings = NoticeSettings(notice_office="某县政务公开办", notice_deadline_days=10)
    entry = NoticeEntry("东山镇人民政府", 2024, ["东山镇.pdf"], [TEXT, FIX], confirmed={FIX.fingerprint})
    issued = dt.date(2025, 3, 1)
    c = notice_content(entry, settings, "公开〔2024〕7号", issued=issued)
    assert c.body == "东山镇人民政府" and c.salutation == "东山镇人民政府：" and c.number == "公开〔2024〕7号"
    assert c.title == "关于2024年度政府信息公开工作年度报告问题整改的通知"
    assert c.header == [n for n, _ in COLUMNS] and len(c.widths) == len(c.header)
    assert [r[0] for r in c.rows] == ["1", "2"] and {r[3]: r[4] for r in c.rows}["表三总计有误"] == "3"  # 应改为 3
    assert "2025年3月11日" in c.lead[0] and c.date == "2025年3月1日" and c.office == "某县政务公开办"
    [path] = write_notices([entry], tmp_path, settings, [c.number], issued=issued)
    doc = Document(str(path))
    assert [[cell.text for cell in row.cells] for row in doc.tables[0].rows] == [c.header, *c.rows]
    paras = [p.text for p in doc.paragraphs]
    assert paras[:3 + len(c.lead)] == [c.title, c.number, c.salutation, *c.lead]
    assert paras[-2:] == [c.office, c.date]
    only = notice_content(entry, settings, "1号", only_confirmed=True, issued=issued)
    assert [r[3] for r in only.rows] == ["表三总计有误"]


def test_the_notice_that_holds_a_result() -> None:
    from model.report import Report
    a = CheckResult("a.txt", Report("a.txt", "txt", unit="东山镇", year=2024), [FIX])
    b = CheckResult("b.txt", Report("b.txt", "txt", unit="西山镇", year=2024), [TEXT])
    groups = group_entries([a, b])
    assert notice_of(groups, b) == 1 and notice_of(groups, a) == 0
    assert notice_of(groups, a, "别的名字") == -1 and notice_of(group_entries([a, b], ["别的名字", None]), a, "别的名字") == 0


def test_a_copy_of_another_body_is_told_without_naming_it_and_a_copy_of_its_own_report_as_written() -> None:
    """The notice knows the two COPIED-TEXT kinds from checks.batch (copies_own_report and the
    similarity in `actual`), not from parsing the message's wording."""
    from checks.batch import _copied_pair_found
    from model.report import Report

    other = Report("西山镇.docx", "docx", unit="西山镇人民政府", year=2024)
    own_last_year = Report("东山镇2023.docx", "docx", unit="东山镇人民政府", year=2023)
    [theirs] = _copied_pair_found(0.91, other, False, "西山镇.docx")
    [ours] = _copied_pair_found(0.97, own_last_year, True, "东山镇2023.docx")
    entry = NoticeEntry("东山镇人民政府", 2024, ["东山镇.docx"], [theirs, ours])
    rows = notice_content(entry, NoticeSettings(), "1号", issued=dt.date(2025, 3, 1)).rows
    said = [r[3] for r in rows]
    assert said[0] == "正文与本地区其他单位报送的年度报告相似度 91%，可能套用了其他单位的报告，请按本单位实际情况重新撰写。"
    assert "西山镇" not in "".join(said)
    assert said[1] == "正文与本单位 2023 年度报告有 97% 相同，可能只改了数字"  # its own report, without the file name
